// CSV as RFC 4180 describes it: a header row, comma-separated fields, fields in
// double quotes may hold commas, line breaks and doubled quotes. Read in 1 MiB
// chunks, one record at a time.

#include "core/corpus/tabular.h"

#include <charconv>
#include <map>

namespace taxo::corpus {
namespace {

constexpr std::size_t kChunkBytes = std::size_t{1} << 20;

enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };

struct Columns {
    std::map<std::string, std::size_t> index;
    std::size_t count = 0;
    std::optional<std::size_t> find(const char* name) const {
        const auto it = index.find(name);
        return it == index.end() ? std::nullopt : std::optional<std::size_t>(it->second);
    }
};

std::string normalizeHeader(std::string name) {
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t'))
        name.pop_back();
    std::size_t start = 0;
    while (start < name.size() && (name[start] == ' ' || name[start] == '\t'))
        ++start;
    name = name.substr(start);
    for (char& c : name)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return name;
}

class CsvParser {
public:
    CsvParser(ByteSource& source, TabularContext& context)
        : source_(source), context_(context), where_(source.name()) {}

    Status run();

private:
    std::string at(std::uint64_t line) const { return where_ + " line " + std::to_string(line); }
    Status checkEncoding(const char* bytes, std::size_t size) const;
    Status endRecord();
    Status header();
    Status record();
    Status shapedRecord();

    ByteSource& source_;
    TabularContext& context_;
    std::string where_;
    std::vector<std::string> fields_{std::string()};
    std::uint64_t recordBytes_ = 0;
    std::uint64_t line_ = 1;
    std::uint64_t recordLine_ = 1;
    std::uint64_t quoteLine_ = 1;
    bool haveHeader_ = false;
    bool carriageReturn_ = false;
    Columns columns_;
    std::optional<ShapeColumns> shaped_; // set when the header shows a Stack Exchange shape
    ShapedRow shapedRow_;
};

// UTF-16 would otherwise be read as bytes, its NULs refused one field at a time, and the
// message would quote the raw header; it is named as what it is instead.
Status CsvParser::checkEncoding(const char* bytes, std::size_t size) const {
    const auto byte = [bytes](std::size_t i) {
        return static_cast<unsigned char>(bytes[i]);
    };
    if (size >= 2 && ((byte(0) == 0xFF && byte(1) == 0xFE) || (byte(0) == 0xFE && byte(1) == 0xFF)))
        return makeError(where_ + ": the file is UTF-16 (it starts with the byte order mark " +
                         (byte(0) == 0xFF ? "FF FE" : "FE FF") +
                         "); save it as UTF-8 (CSV UTF-8 in a spreadsheet)");
    if (size >= 2 && (byte(0) == 0 || byte(1) == 0))
        return makeError(where_ + ": the file looks like UTF-16 (NUL bytes between the first "
                                  "characters); save it as UTF-8 (CSV UTF-8 in a spreadsheet)");
    return {};
}

Status CsvParser::run() {
    std::vector<char> buffer(kChunkBytes);
    State state = State::FieldStart;
    std::uint64_t consumed = 0;
    const std::int64_t rowsAtStart = context_.report.rowsRead;
    bool first = true;
    while (true) {
        auto got = source_.read(buffer.data(), buffer.size());
        if (!got)
            return got.error();
        if (*got == 0)
            break;
        std::size_t i = 0;
        if (first && *got >= 3 && static_cast<unsigned char>(buffer[0]) == 0xEF &&
            static_cast<unsigned char>(buffer[1]) == 0xBB &&
            static_cast<unsigned char>(buffer[2]) == 0xBF)
            i = 3;
        if (first)
            if (auto status = checkEncoding(buffer.data(), *got); !status)
                return status;
        first = false;
        for (; i < *got; ++i) {
            const char c = buffer[i];
            // A carriage return outside quotes ends a line only before a line feed; alone it
            // is an old Mac line end, which would read the whole file as its header.
            if (carriageReturn_) {
                carriageReturn_ = false;
                if (c != '\n')
                    return makeError(at(line_) + ": a line ends with a carriage return alone "
                                                 "(CR line ends); save the file with LF or CRLF "
                                                 "line ends");
            }
            if (++recordBytes_ > context_.maxRecordBytes)
                return makeError(at(recordLine_) + ": a record longer than " +
                                 std::to_string(context_.maxRecordBytes >> 20) +
                                 " MiB starts here; refusing it");
            if (c == '\n')
                ++line_;
            switch (state) {
            case State::FieldStart:
                if (c == '"') {
                    state = State::Quoted;
                    quoteLine_ = line_;
                    break;
                }
                state = State::Unquoted;
                [[fallthrough]];
            case State::Unquoted:
                if (c == ',') {
                    fields_.emplace_back();
                    state = State::FieldStart;
                } else if (c == '\n') {
                    if (auto status = endRecord(); !status)
                        return status;
                    state = State::FieldStart;
                } else if (c == '\r') {
                    carriageReturn_ = true;
                } else {
                    fields_.back() += c;
                }
                break;
            case State::Quoted:
                if (c == '"')
                    state = State::QuoteInQuoted;
                else
                    fields_.back() += c;
                break;
            case State::QuoteInQuoted:
                if (c == '"') {
                    fields_.back() += '"';
                    state = State::Quoted;
                } else if (c == ',') {
                    fields_.emplace_back();
                    state = State::FieldStart;
                } else if (c == '\n') {
                    if (auto status = endRecord(); !status)
                        return status;
                    state = State::FieldStart;
                } else if (c == '\r') {
                    carriageReturn_ = true;
                } else {
                    return makeError(at(line_) + ": unexpected character after a closing quote "
                                                 "(a quote inside a quoted field is written \"\")");
                }
                break;
            }
        }
        consumed += *got;
        if (context_.onChunk)
            if (auto status = context_.onChunk(
                    consumed, static_cast<std::uint64_t>(context_.report.rowsRead - rowsAtStart));
                !status)
                return status;
    }
    if (state == State::Quoted)
        return makeError(at(quoteLine_) + ": a quoted field opened here is never closed");
    if (recordBytes_ > 0 && !(fields_.size() == 1 && fields_[0].empty()))
        if (auto status = endRecord(); !status)
            return status;
    if (!haveHeader_)
        return makeError(where_ + ": the file is empty; expected a header row");
    return {};
}

Status CsvParser::endRecord() {
    Status status;
    const bool blank = fields_.size() == 1 && fields_[0].empty();
    if (!blank)
        status = haveHeader_ ? record() : header();
    fields_.assign(1, std::string());
    recordBytes_ = 0;
    recordLine_ = line_;
    return status;
}

Status CsvParser::header() {
    haveHeader_ = true;
    columns_.count = fields_.size();
    auto shape = classifyHeader(fields_, true);
    if (!shape)
        return makeError(at(recordLine_) + ": " + shape.message());
    if (*shape != PostShape::Plain) {
        if (!context_.shaped)
            return makeError(at(recordLine_) + ": " + describeShape(*shape) +
                             " cannot be imported here");
        shaped_ = ShapeColumns::of(*shape, fields_);
        context_.shaped->beginFile(*shape);
        return {};
    }
    for (std::size_t i = 0; i < fields_.size(); ++i)
        columns_.index.emplace(normalizeHeader(fields_[i]), i);
    for (const char* required : {"id", "title", "body"})
        if (!columns_.find(required)) {
            std::string seen;
            for (const auto& field : fields_)
                seen += (seen.empty() ? "" : ", ") + field;
            return makeError(at(recordLine_) + ": the required column '" + required +
                             "' is missing (the header has: " + seen + ")");
        }
    return {};
}

Status CsvParser::record() {
    // A shaped row is counted where it is stored, as a dump row is (DumpReader).
    if (!shaped_)
        ++context_.report.rowsRead;
    if (fields_.size() != columns_.count)
        return makeError(at(recordLine_) + ": " + std::to_string(fields_.size()) +
                         " fields, but the header has " + std::to_string(columns_.count));
    for (const auto& field : fields_)
        if (!isValidUtf8(field))
            return makeError(at(recordLine_) + ": the text is not valid UTF-8");
    if (shaped_)
        return shapedRecord();
    auto get = [&](const char* name) -> std::optional<std::string> {
        const auto column = columns_.find(name);
        if (!column || fields_[*column].empty())
            return std::nullopt;
        return fields_[*column];
    };
    TabularPost post;
    post.id = get("id").value_or("");
    if (post.id.empty())
        return makeError(at(recordLine_) + ": the id is empty");
    post.title = get("title").value_or("");
    post.body = get("body").value_or("");
    if (auto tags = get("tags"))
        post.tags = splitTags(*tags);
    post.source = get("source");
    post.created = get("created");
    post.author = get("author");
    post.authorId = get("author_id");
    post.acceptedAnswerCreated = get("accepted_answer_created");
    if (auto score = get("score")) {
        std::int64_t value = 0;
        const auto [ptr, ec] = std::from_chars(score->data(), score->data() + score->size(), value);
        if (ec != std::errc() || ptr != score->data() + score->size())
            return makeError(at(recordLine_) + ": score '" + *score + "' is not a whole number");
        post.score = value;
    }
    if (auto status = storeTabularPost(context_, post); !status)
        return makeError(at(recordLine_) + ": " + status.message());
    return {};
}

Status CsvParser::shapedRecord() {
    std::array<std::optional<std::string>, kPostFieldCount> values;
    for (std::size_t f = 0; f < kPostFieldCount; ++f)
        if (const auto column = shaped_->position[f]; column && !fields_[*column].empty())
            values[f] = std::move(fields_[*column]);
    if (auto status = fillShapedRow(*shaped_, values, shapedRow_); !status)
        return makeError(at(recordLine_) + ": " + status.message());
    if (auto status = context_.shaped->row(shapedRow_); !status)
        return makeError(at(recordLine_) + ": " + status.message());
    return {};
}

} // namespace

Status readCsv(ByteSource& source, TabularContext& context) {
    CsvParser parser(source, context);
    return parser.run();
}

} // namespace taxo::corpus
