// JSON Lines: one JSON object per line, read a line at a time. Each line is parsed
// by the exchange reader's bounded parser (exchange/safe_json.h): the same nesting
// limit (64), the same refusal of duplicate keys and of control characters. nlohmann's
// exceptions stop here and become messages naming the file and line.

#include "core/corpus/tabular.h"
#include "core/util/safe_json.h"

#include <cstring>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace taxo::corpus {
namespace {

constexpr std::size_t kChunkBytes = std::size_t{1} << 20;

using Json = nlohmann::json;

// Ids and authors may be numbers in the wild; they are stored as text.
std::optional<std::string> optionalText(const Json& object, const char* key, bool numbersToo) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return std::nullopt;
    if (it->is_string())
        return it->get<std::string>();
    if (numbersToo && it->is_number_integer())
        return std::to_string(it->get<std::int64_t>());
    throw std::invalid_argument(std::string("field '") + key + "' must be " +
                                (numbersToo ? "a string or a whole number" : "a string"));
}

std::string requiredText(const Json& object, const char* key, bool numbersToo) {
    auto value = optionalText(object, key, numbersToo);
    if (!value)
        throw std::invalid_argument(std::string("the required field '") + key + "' is missing");
    return *value;
}

std::optional<std::int64_t> optionalInteger(const Json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return std::nullopt;
    if (!it->is_number_integer())
        throw std::invalid_argument(std::string("field '") + key + "' must be a whole number");
    return it->get<std::int64_t>();
}

const Json* optionalArray(const Json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return nullptr;
    if (!it->is_array())
        throw std::invalid_argument(std::string("field '") + key + "' must be an array");
    return &*it;
}

TabularPost toPost(const Json& object) {
    TabularPost post;
    post.id = requiredText(object, "id", true);
    post.title = requiredText(object, "title", false);
    post.body = requiredText(object, "body", false);
    post.source = optionalText(object, "source", false);
    post.created = optionalText(object, "created", false);
    post.author = optionalText(object, "author", true);
    post.authorId = optionalText(object, "author_id", true);
    post.acceptedAnswerCreated = optionalText(object, "accepted_answer_created", false);
    post.score = optionalInteger(object, "score");
    if (const auto it = object.find("tags"); it != object.end() && !it->is_null()) {
        if (it->is_string()) {
            post.tags = splitTags(it->get<std::string>());
        } else if (it->is_array()) {
            for (const auto& tag : *it) {
                if (!tag.is_string())
                    throw std::invalid_argument("field 'tags' must hold strings");
                for (auto& name : splitTags(tag.get<std::string>()))
                    post.tags.push_back(std::move(name));
            }
        } else {
            throw std::invalid_argument("field 'tags' must be a string or an array of strings");
        }
    }
    if (const Json* answers = optionalArray(object, "answers"))
        for (const auto& item : *answers) {
            if (!item.is_object())
                throw std::invalid_argument("each answer must be an object");
            TabularAnswer answer;
            answer.id = requiredText(item, "id", true);
            answer.body = requiredText(item, "body", false);
            answer.created = optionalText(item, "created", false);
            answer.author = optionalText(item, "author", true);
            answer.authorId = optionalText(item, "author_id", true);
            answer.score = optionalInteger(item, "score");
            if (const auto accepted = item.find("accepted"); accepted != item.end()) {
                if (!accepted->is_boolean())
                    throw std::invalid_argument("field 'accepted' must be true or false");
                answer.accepted = accepted->get<bool>();
            }
            post.answers.push_back(std::move(answer));
        }
    if (const Json* comments = optionalArray(object, "comments"))
        for (const auto& item : *comments) {
            if (!item.is_object())
                throw std::invalid_argument("each comment must be an object");
            TabularComment comment;
            comment.id = requiredText(item, "id", true);
            comment.text = requiredText(item, "text", false);
            comment.created = optionalText(item, "created", false);
            comment.author = optionalText(item, "author", true);
            comment.authorId = optionalText(item, "author_id", true);
            comment.score = optionalInteger(item, "score");
            post.comments.push_back(std::move(comment));
        }
    return post;
}

const char* typeName(const Json& value) {
    return value.type_name();
}

std::string lowered(std::string text) {
    for (char& c : text)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return text;
}

std::vector<std::string> keysOf(const Json& object) {
    std::vector<std::string> keys;
    for (const auto& item : object.items())
        keys.push_back(item.key());
    return keys;
}

// One row of a Stack Exchange shape. BigQuery's JSON export writes whole numbers as
// strings and leaves null fields out; both forms of a number are read.
Status toShapedRow(const Json& object, const ShapeColumns& columns, ShapedRow& row) {
    if (auto foreign = columns.foreignName(keysOf(object)))
        return makeError(
            "the field " + *foreign + " does not belong to " +
            (columns.shape == PostShape::BigQuery ? "a BigQuery row" : "a Data Explorer row") +
            " (the file's first row is one; a file holds one shape)");
    std::array<std::optional<std::string>, kPostFieldCount> values;
    std::array<bool, kPostFieldCount> seen{};
    for (const auto& item : object.items()) {
        const std::string key = lowered(item.key());
        for (std::size_t f = 0; f < kPostFieldCount; ++f) {
            const char* name = columns.nameOf(static_cast<PostField>(f));
            if (key != lowered(name))
                continue;
            if (seen[f])
                return makeError(std::string("the field ") + name +
                                 " appears twice (in different case)");
            seen[f] = true;
            const Json& value = item.value();
            if (value.is_string()) {
                if (!value.get_ref<const std::string&>().empty())
                    values[f] = value.get<std::string>();
            } else if (value.is_number_integer()) {
                values[f] = value.is_number_unsigned() ? std::to_string(value.get<std::uint64_t>())
                                                       : std::to_string(value.get<std::int64_t>());
            } else if (!value.is_null()) {
                return makeError(std::string("the field ") + name +
                                 " must be a string or a whole number");
            }
        }
    }
    return fillShapedRow(columns, values, row);
}

} // namespace

Status readJsonLines(ByteSource& source, TabularContext& context) {
    std::vector<char> buffer(kChunkBytes);
    std::string line;
    std::uint64_t lineNumber = 0;
    std::uint64_t consumed = 0;
    const std::int64_t rowsAtStart = context.report.rowsRead;
    bool first = true;
    // The file's shape, from its first row; a Stack Exchange shape fills `columns`.
    std::optional<PostShape> shape;
    std::optional<ShapeColumns> columns;
    ShapedRow shapedRow;
    auto where = [&] {
        return source.name() + " line " + std::to_string(lineNumber);
    };

    auto handleLine = [&]() -> Status {
        ++lineNumber;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos)
            return {};
        // The line's length is capped above; no string in it can be longer.
        exchange::JsonLimits limits;
        limits.maxString = static_cast<std::size_t>(context.maxRecordBytes);
        auto parsed = exchange::parseBounded(line, where(), limits);
        if (!parsed)
            return parsed.error();
        try {
            const Json& object = *parsed;
            if (!object.is_object())
                return makeError(where() + ": expected one JSON object per line, found " +
                                 (object.is_array() ? "an " : "a ") + typeName(object));
            if (!shape) {
                auto classified = classifyHeader(keysOf(object), false);
                if (!classified)
                    return makeError(where() + ": " + classified.message());
                shape = *classified;
                if (*shape != PostShape::Plain) {
                    if (!context.shaped)
                        return makeError(where() + ": " + describeShape(*shape) +
                                         " cannot be imported here");
                    columns = ShapeColumns::of(*shape, {});
                    context.shaped->beginFile(*shape);
                }
            }
            // A shaped row is counted where it is stored, as a dump row is (DumpReader).
            if (columns) {
                if (auto status = toShapedRow(object, *columns, shapedRow); !status)
                    return makeError(where() + ": " + status.message());
                if (auto status = context.shaped->row(shapedRow); !status)
                    return makeError(where() + ": " + status.message());
                return {};
            }
            ++context.report.rowsRead;
            const TabularPost post = toPost(object);
            if (auto status = storeTabularPost(context, post); !status)
                return makeError(where() + ": " + status.message());
        } catch (const Json::parse_error& error) {
            return makeError(where() + ": not valid JSON (" + error.what() + ")");
        } catch (const Json::exception& error) {
            return makeError(where() + ": " + error.what());
        } catch (const std::invalid_argument& error) {
            return makeError(where() + ": " + error.what());
        }
        return {};
    };

    while (true) {
        auto got = source.read(buffer.data(), buffer.size());
        if (!got)
            return got.error();
        if (*got == 0)
            break;
        std::size_t start = 0;
        if (first && *got >= 3 && static_cast<unsigned char>(buffer[0]) == 0xEF &&
            static_cast<unsigned char>(buffer[1]) == 0xBB &&
            static_cast<unsigned char>(buffer[2]) == 0xBF)
            start = 3;
        first = false;
        while (start < *got) {
            const char* begin = buffer.data() + start;
            const auto* newline = static_cast<const char*>(std::memchr(begin, '\n', *got - start));
            const std::size_t length =
                newline ? static_cast<std::size_t>(newline - begin) : *got - start;
            if (line.size() + length > context.maxRecordBytes) {
                ++lineNumber;
                return makeError(where() + ": a line longer than " +
                                 std::to_string(context.maxRecordBytes >> 20) +
                                 " MiB; refusing it");
            }
            line.append(begin, length);
            start += length;
            if (!newline)
                break;
            ++start;
            if (auto status = handleLine(); !status)
                return status;
            line.clear();
        }
        consumed += *got;
        if (context.onChunk)
            if (auto status = context.onChunk(
                    consumed, static_cast<std::uint64_t>(context.report.rowsRead - rowsAtStart));
                !status)
                return status;
    }
    if (!line.empty())
        if (auto status = handleLine(); !status)
            return status;
    return {};
}

} // namespace taxo::corpus
