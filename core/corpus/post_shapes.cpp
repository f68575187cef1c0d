#include "core/corpus/post_shapes.h"

#include "core/corpus/tags.h"
#include "core/util/text_rules.h"
#include "core/util/timestamp.h"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace taxo::corpus {
namespace {

enum class Kind { Number, Date, Text, Tags };

struct FieldNames {
    const char* xml;  // Posts.xml's attribute, which DumpReader reads
    const char* sede; // Data Explorer's column
    const char* bq;   // BigQuery's column
    Kind kind;
};

// In the order of PostField.
constexpr FieldNames kFields[kPostFieldCount] = {
    {"Id", "Id", "id", Kind::Number},
    {"PostTypeId", "PostTypeId", "post_type_id", Kind::Number},
    {"ParentId", "ParentId", "parent_id", Kind::Number},
    {"AcceptedAnswerId", "AcceptedAnswerId", "accepted_answer_id", Kind::Number},
    {"CreationDate", "CreationDate", "creation_date", Kind::Date},
    {"Score", "Score", "score", Kind::Number},
    {"ViewCount", "ViewCount", "view_count", Kind::Number},
    {"Body", "Body", "body", Kind::Text},
    {"OwnerUserId", "OwnerUserId", "owner_user_id", Kind::Number},
    {"OwnerDisplayName", "OwnerDisplayName", "owner_display_name", Kind::Text},
    {"Title", "Title", "title", Kind::Text},
    {"Tags", "Tags", "tags", Kind::Tags},
    {"AnswerCount", "AnswerCount", "answer_count", Kind::Number},
    {"CommentCount", "CommentCount", "comment_count", Kind::Number},
    {"ClosedDate", "ClosedDate", "closed_date", Kind::Date},
};

// Names only one shape uses (lower case): any of them makes a header that shape's.
constexpr const char* kDataExplorerOnly[] = {"posttypeid",
                                             "parentid",
                                             "acceptedanswerid",
                                             "creationdate",
                                             "viewcount",
                                             "owneruserid",
                                             "ownerdisplayname",
                                             "answercount",
                                             "commentcount",
                                             "closeddate",
                                             "deletiondate",
                                             "lasteditoruserid",
                                             "lasteditordisplayname",
                                             "lasteditdate",
                                             "lastactivitydate",
                                             "favoritecount",
                                             "communityowneddate",
                                             "contentlicense"};
constexpr const char* kBigQueryOnly[] = {
    "post_type_id",       "parent_id",      "accepted_answer_id",       "creation_date",
    "view_count",         "owner_user_id",  "owner_display_name",       "answer_count",
    "comment_count",      "closed_date",    "community_owned_date",     "favorite_count",
    "last_activity_date", "last_edit_date", "last_editor_display_name", "last_editor_user_id"};
// The plain shape's own names (docs/formats-import.md, CSV and JSON Lines).
constexpr const char* kPlainOnly[] = {"created", "author",  "author_id", "accepted_answer_created",
                                      "source",  "answers", "comments"};

std::string lower(std::string text) {
    for (char& c : text)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return text;
}

std::string trimmedLower(const std::string& name) {
    const auto first = name.find_first_not_of(" \t");
    if (first == std::string::npos)
        return {};
    const auto last = name.find_last_not_of(" \t");
    return lower(name.substr(first, last - first + 1));
}

template <std::size_t N> bool listed(const char* const (&list)[N], const std::string& name) {
    return std::any_of(std::begin(list), std::end(list),
                       [&](const char* item) { return name == item; });
}

// The header's names in one list, as written, for messages: "PostTypeId, CreationDate".
template <std::size_t N>
std::string namesFrom(const char* const (&list)[N], const std::vector<std::string>& names) {
    std::string found;
    for (const auto& name : names)
        if (listed(list, trimmedLower(name)))
            found += (found.empty() ? "" : ", ") + name;
    return found;
}

const char* shapeWord(PostShape shape) {
    return shape == PostShape::DataExplorer ? "Data Explorer" : "BigQuery";
}

std::optional<std::int64_t> wholeNumber(const std::string& text) {
    std::int64_t value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || text.empty())
        return std::nullopt;
    return value;
}

// The dump's form, 2019-02-17T10:42:13.123: a space for the T, BigQuery's " UTC", a Z
// and any number of fraction digits are accepted; the fraction is cut to milliseconds
// (the dumps' precision; BigQuery's last three digits are zeros).
std::optional<std::string> dumpDate(std::string text) {
    constexpr std::string_view utc = " UTC";
    if (text.size() > utc.size() && text.compare(text.size() - utc.size(), utc.size(), utc) == 0)
        text.resize(text.size() - utc.size());
    if (!isValidTimestamp(text))
        return std::nullopt;
    std::string out = text.substr(0, 10) + 'T' + text.substr(11, 8) + '.';
    std::string fraction;
    if (text.size() > 19 && text[19] == '.')
        for (std::size_t i = 20; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i)
            fraction += text[i];
    fraction.resize(3, '0');
    return out + fraction.substr(0, 3);
}

} // namespace

const char* describeShape(PostShape shape) {
    switch (shape) {
    case PostShape::DataExplorer:
        return "a Stack Exchange Data Explorer result";
    case PostShape::BigQuery:
        return "a BigQuery posts table";
    case PostShape::Plain:
        break;
    }
    return "a plain posts file";
}

Result<PostShape> classifyHeader(const std::vector<std::string>& names, bool csv) {
    const std::string sede = namesFrom(kDataExplorerOnly, names);
    const std::string bq = namesFrom(kBigQueryOnly, names);
    if (sede.empty() && bq.empty())
        return PostShape::Plain;
    const char* what = csv ? "columns" : "fields";
    if (!sede.empty() && !bq.empty())
        return makeError(std::string("the header mixes Data Explorer ") + what + " (" + sede +
                         ") with BigQuery " + what + " (" + bq + "); a file is one or the other");
    const PostShape shape = sede.empty() ? PostShape::BigQuery : PostShape::DataExplorer;
    const std::string plain = namesFrom(kPlainOnly, names);
    if (!plain.empty())
        return makeError(std::string("the header mixes ") + shapeWord(shape) + " " + what + " (" +
                         (sede.empty() ? bq : sede) + ") with " + what + " of the plain " +
                         (csv ? "CSV" : "JSON Lines") + " shape (" + plain +
                         "); rename or remove one kind");
    const ShapeColumns columns = ShapeColumns::of(shape, {});
    for (const PostField required : {PostField::Id, PostField::Body}) {
        const std::string wanted = lower(columns.nameOf(required));
        if (std::none_of(names.begin(), names.end(),
                         [&](const std::string& name) { return trimmedLower(name) == wanted; }))
            return makeError(std::string("the header looks like ") + describeShape(shape) +
                             " (it has " + (sede.empty() ? bq : sede) + ") but has no " +
                             columns.nameOf(required) + " " + (csv ? "column" : "field") +
                             "; such a file needs at least " + columns.nameOf(PostField::Id) +
                             " and " + columns.nameOf(PostField::Body));
    }
    for (std::size_t f = 0; f < kPostFieldCount; ++f) {
        const std::string wanted = lower(columns.nameOf(static_cast<PostField>(f)));
        if (std::count_if(names.begin(), names.end(), [&](const std::string& name) {
                return trimmedLower(name) == wanted;
            }) > 1)
            return makeError(std::string("the ") + (csv ? "column " : "field ") +
                             columns.nameOf(static_cast<PostField>(f)) +
                             " appears twice in the header; which one holds the post's value "
                             "cannot be told");
    }
    return shape;
}

ShapeColumns ShapeColumns::of(PostShape shape, const std::vector<std::string>& names) {
    ShapeColumns columns;
    columns.shape = shape;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const std::string name = trimmedLower(names[i]);
        for (std::size_t f = 0; f < kPostFieldCount; ++f)
            if (name == lower(columns.nameOf(static_cast<PostField>(f))) && !columns.position[f])
                columns.position[f] = i;
    }
    return columns;
}

const char* ShapeColumns::nameOf(PostField field) const {
    const auto& names = kFields[static_cast<std::size_t>(field)];
    return shape == PostShape::BigQuery ? names.bq : names.sede;
}

std::optional<std::string> ShapeColumns::foreignName(const std::vector<std::string>& names) const {
    for (const auto& name : names) {
        const std::string key = trimmedLower(name);
        if (listed(kPlainOnly, key) ||
            (shape == PostShape::BigQuery ? listed(kDataExplorerOnly, key)
                                          : listed(kBigQueryOnly, key)))
            return name;
    }
    return std::nullopt;
}

const char* ShapedRow::get(const char* name) const {
    for (std::size_t f = 0; f < kPostFieldCount; ++f)
        if (std::strcmp(kFields[f].xml, name) == 0)
            return present_[f] ? values_[f].c_str() : nullptr;
    return nullptr;
}

Status fillShapedRow(const ShapeColumns& columns,
                     const std::array<std::optional<std::string>, kPostFieldCount>& values,
                     ShapedRow& row) {
    row.present_.fill(false);
    const bool bigQuery = columns.shape == PostShape::BigQuery;
    for (std::size_t f = 0; f < kPostFieldCount; ++f) {
        if (!values[f])
            continue;
        const std::string& value = *values[f];
        const char* name = columns.nameOf(static_cast<PostField>(f));
        std::string& out = row.values_[f];
        if (const auto at = findForbiddenControl(value))
            return makeError(describeControl(static_cast<unsigned char>(value[*at])) + " in the " +
                             name + " (only tab and line breaks are allowed)");
        switch (kFields[f].kind) {
        case Kind::Number: {
            const auto number = wholeNumber(value);
            if (!number)
                return makeError(std::string("the ") + name + " \"" + value +
                                 "\" is not a whole number");
            out = std::to_string(*number);
            break;
        }
        case Kind::Date: {
            auto date = dumpDate(value);
            if (!date)
                return makeError(
                    std::string("the ") + name + " \"" + value + "\" is not a date and time like " +
                    (bigQuery ? "2019-02-17 10:42:13.123000 UTC" : "2019-02-17 10:42:13"));
            out = std::move(*date);
            break;
        }
        case Kind::Text:
            out = value;
            break;
        case Kind::Tags: {
            // BigQuery writes "a|b"; the Data Explorer "<a><b>" (or "|a|b|" since 2024).
            std::vector<std::string> tags;
            if (bigQuery) {
                std::size_t start = 0;
                while (start <= value.size()) {
                    auto end = value.find('|', start);
                    if (end == std::string::npos)
                        end = value.size();
                    for (auto& tag : splitTags(value.substr(start, end - start)))
                        tags.push_back(std::move(tag));
                    start = end + 1;
                }
            } else {
                tags = splitTags(value);
            }
            out.clear();
            for (const auto& tag : tags) {
                if (tag.find_first_of("<>|") != std::string::npos)
                    return makeError(std::string("the tag \"") + tag + "\" in the " + name +
                                     " holds <, > or |, which no tag name does");
                out += '<' + tag + '>';
            }
            break;
        }
        }
        row.present_[f] = true;
    }
    const auto has = [&](PostField field) {
        return row.present_[static_cast<std::size_t>(field)];
    };
    const auto valueOf = [&](PostField field) -> std::string& {
        return row.values_[static_cast<std::size_t>(field)];
    };
    if (!has(PostField::Id))
        return makeError(std::string("the ") + columns.nameOf(PostField::Id) + " is empty");
    row.id_ = *wholeNumber(valueOf(PostField::Id));
    // Without a post type, a row with a parent is an answer (a query may leave the column
    // out, e.g. SELECT Id, ParentId, Body, ...).
    if (!has(PostField::PostTypeId)) {
        valueOf(PostField::PostTypeId) = has(PostField::ParentId) ? "2" : "1";
        row.present_[static_cast<std::size_t>(PostField::PostTypeId)] = true;
    }
    const std::string& type = valueOf(PostField::PostTypeId);
    row.question_ = type == "1";
    if (type == "2" && !has(PostField::ParentId))
        return makeError(std::string("an answer (") + columns.nameOf(PostField::PostTypeId) +
                         " 2) without a " + columns.nameOf(PostField::ParentId));
    return {};
}

} // namespace taxo::corpus
