#include "core/corpus/tabular.h"

#include "core/util/text_rules.h"
#include "core/util/timestamp.h"

#include <algorithm>

namespace taxo::corpus {
namespace {

Text view(const std::optional<std::string>& value) {
    return value ? Text(std::string_view(*value)) : Text();
}

// The storing rule of util/text_rules.h: no C0 control character but TAB, LF and CR,
// NUL included (valid UTF-8, but C strings downstream would cut the text at it; ESC and
// BEL would reach terminals). The first offending field is named.
std::optional<std::string> controlIn(const char* field, const std::string& value) {
    if (const auto at = findForbiddenControl(value))
        return describeControl(static_cast<unsigned char>(value[*at])) + " in the " + field +
               " (only tab and line breaks are allowed)";
    return std::nullopt;
}
std::optional<std::string> controlIn(const char* field, const std::optional<std::string>& value) {
    return value ? controlIn(field, *value) : std::nullopt;
}

std::optional<std::string> firstControl(const TabularPost& post) {
    std::optional<std::string> found;
    auto check = [&found](std::optional<std::string> problem) {
        if (!found)
            found = std::move(problem);
    };
    check(controlIn("id", post.id));
    check(controlIn("title", post.title));
    check(controlIn("body", post.body));
    check(controlIn("source", post.source));
    check(controlIn("created date", post.created));
    check(controlIn("author", post.author));
    check(controlIn("author id", post.authorId));
    check(controlIn("accepted answer's date", post.acceptedAnswerCreated));
    for (const auto& tag : post.tags)
        check(controlIn("tags", tag));
    for (const auto& answer : post.answers) {
        check(controlIn("answer id", answer.id));
        check(controlIn("answer body", answer.body));
        check(controlIn("answer date", answer.created));
        check(controlIn("answer author", answer.author));
        check(controlIn("answer author id", answer.authorId));
    }
    for (const auto& comment : post.comments) {
        check(controlIn("comment id", comment.id));
        check(controlIn("comment text", comment.text));
        check(controlIn("comment date", comment.created));
        check(controlIn("comment author", comment.author));
        check(controlIn("comment author id", comment.authorId));
    }
    return found;
}

// "05" and "5" name one post: an id of digits only is stored without leading zeros.
std::string normalizedId(const std::string& id) {
    if (id.size() < 2 || id[0] != '0' || id.find_first_not_of("0123456789") != std::string::npos)
        return id;
    const auto first = id.find_first_not_of('0');
    return first == std::string::npos ? std::string("0") : id.substr(first);
}

// Dates are stored only in the form the statistics read (util/timestamp.h).
std::optional<std::string> badDate(const char* field, const std::optional<std::string>& value) {
    if (!value || isValidTimestamp(*value))
        return std::nullopt;
    return std::string("the ") + field + " \"" + *value +
           "\" is not a date and time like 2019-02-17T10:11:12.000";
}

std::optional<std::string> firstBadDate(const TabularPost& post) {
    if (auto bad = badDate("created date", post.created))
        return bad;
    if (auto bad = badDate("accepted answer's date", post.acceptedAnswerCreated))
        return bad;
    for (const auto& answer : post.answers)
        if (auto bad = badDate("answer date", answer.created))
            return bad;
    for (const auto& comment : post.comments)
        if (auto bad = badDate("comment date", comment.created))
            return bad;
    return std::nullopt;
}

// An author id of spaces only would count as one asker for every such question.
std::optional<std::string> blankAuthorId(const char* field,
                                         const std::optional<std::string>& value) {
    if (!value || value->find_first_not_of(" \t\r\n") != std::string::npos)
        return std::nullopt;
    return std::string("the ") + field + " is empty (leave the field out when it is not known)";
}

std::optional<std::string> firstBlankAuthorId(const TabularPost& post) {
    if (auto bad = blankAuthorId("author id", post.authorId))
        return bad;
    for (const auto& answer : post.answers)
        if (auto bad = blankAuthorId("answer author id", answer.authorId))
            return bad;
    for (const auto& comment : post.comments)
        if (auto bad = blankAuthorId("comment author id", comment.authorId))
            return bad;
    return std::nullopt;
}

// "0042" and "42" are one account, as they are one post.
std::optional<std::string> normalizedAuthorId(const std::optional<std::string>& id) {
    return id ? std::optional<std::string>(normalizedId(*id)) : std::nullopt;
}

// Every record counts, kept or not. Its asker is its author id, as in the statistics
// (docs/statistics.md): digits are an account number, other text an account name, and
// a record without an id adds no asker, however its author is named.
void countInCensus(CensusCounter& census, const TabularPost& post) {
    const std::string_view created = post.created ? std::string_view(*post.created) : "";
    const std::string authorId = post.authorId ? normalizedId(*post.authorId) : std::string();
    std::optional<std::int64_t> ownerId;
    if (!authorId.empty() && authorId.size() <= 18 &&
        authorId.find_first_not_of("0123456789") == std::string::npos)
        ownerId = std::stoll(authorId);
    bool accepted = post.acceptedAnswerCreated.has_value();
    for (const auto& answer : post.answers)
        accepted = accepted || answer.accepted;
    std::vector<std::string_view> tags;
    for (const auto& tag : post.tags)
        if (!tag.empty() && std::find(tags.begin(), tags.end(), tag) == tags.end())
            tags.push_back(tag);
    census.addQuestion(created, ownerId, ownerId ? std::string_view() : authorId, accepted, tags);
    for (const auto& answer : post.answers)
        census.addAnswer(answer.created ? std::string_view(*answer.created) : "");
}

} // namespace

bool isValidUtf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            ++i;
            continue;
        }
        const std::size_t length = utf8SequenceLength(text, i);
        if (length == 0)
            return false;
        i += length;
    }
    return true;
}

Status storeTabularPost(TabularContext& context, const TabularPost& post) {
    if (auto problem = firstControl(post))
        return makeError(*problem);
    if (auto problem = firstBadDate(post))
        return makeError(*problem);
    if (auto problem = firstBlankAuthorId(post))
        return makeError(*problem);
    if (context.census)
        countInCensus(*context.census, post);
    if (!context.filter.matchesList(post.tags)) {
        ++context.report.skipped["no matching tag"];
        return {};
    }
    QuestionRecord q;
    q.source = post.source ? std::string_view(*post.source) : context.defaultSource;
    const std::string id = normalizedId(post.id);
    q.sourceId = id;
    q.title = post.title;
    q.body = post.body;
    q.tags = post.tags;
    q.created = view(post.created);
    const auto ownerId = normalizedAuthorId(post.authorId);
    q.ownerUserId = view(ownerId);
    q.ownerDisplayName = view(post.author);
    q.acceptedAnswerCreated = view(post.acceptedAnswerCreated);
    q.score = post.score;
    q.answerCount = static_cast<std::int64_t>(post.answers.size());
    q.commentCount = static_cast<std::int64_t>(post.comments.size());
    auto rowId = context.writer.addQuestion(q);
    if (!rowId)
        return rowId.error();
    if (!*rowId) {
        ++context.report.alreadyPresent;
        return {};
    }
    ++context.report.questions;
    for (const auto& answer : post.answers) {
        AnswerRecord record;
        const std::string answerId = normalizedId(answer.id);
        record.sourceId = answerId;
        record.body = answer.body;
        record.created = view(answer.created);
        const auto answerOwnerId = normalizedAuthorId(answer.authorId);
        record.ownerUserId = view(answerOwnerId);
        record.ownerDisplayName = view(answer.author);
        record.score = answer.score;
        record.accepted = answer.accepted;
        auto added = context.writer.addAnswer(**rowId, record);
        if (!added)
            return added.error();
        ++context.report.answers;
    }
    for (const auto& comment : post.comments) {
        CommentRecord record;
        const std::string commentId = normalizedId(comment.id);
        record.sourceId = commentId;
        record.text = comment.text;
        record.created = view(comment.created);
        const auto commentAuthorId = normalizedAuthorId(comment.authorId);
        record.author = view(comment.author);
        record.authorUserId = view(commentAuthorId);
        record.score = comment.score;
        if (auto status = context.writer.addComment({**rowId, std::nullopt}, record); !status)
            return status;
        ++context.report.comments;
    }
    return {};
}

} // namespace taxo::corpus
