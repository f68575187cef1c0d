#include "core/corpus/dump_reader.h"

#include "core/corpus/xml_rows.h"
#include "core/util/timestamp.h"

#include <charconv>
#include <cstring>

namespace taxo::corpus {
namespace {

// Every attribute of a kept post row this import reads.
struct PostAttributes {
    const char* id = nullptr;
    const char* postTypeId = nullptr;
    const char* parentId = nullptr;
    const char* acceptedAnswerId = nullptr;
    const char* creationDate = nullptr;
    const char* score = nullptr;
    const char* viewCount = nullptr;
    const char* body = nullptr;
    const char* ownerUserId = nullptr;
    const char* ownerDisplayName = nullptr;
    const char* title = nullptr;
    const char* tags = nullptr;
    const char* answerCount = nullptr;
    const char* commentCount = nullptr;
    const char* closedDate = nullptr;

    explicit PostAttributes(const DumpRow& row) {
        struct Name {
            const char* text;
            const char* PostAttributes::*field;
        };
        static constexpr Name names[] = {
            {"Id", &PostAttributes::id},
            {"PostTypeId", &PostAttributes::postTypeId},
            {"ParentId", &PostAttributes::parentId},
            {"AcceptedAnswerId", &PostAttributes::acceptedAnswerId},
            {"CreationDate", &PostAttributes::creationDate},
            {"Score", &PostAttributes::score},
            {"ViewCount", &PostAttributes::viewCount},
            {"Body", &PostAttributes::body},
            {"OwnerUserId", &PostAttributes::ownerUserId},
            {"OwnerDisplayName", &PostAttributes::ownerDisplayName},
            {"Title", &PostAttributes::title},
            {"Tags", &PostAttributes::tags},
            {"AnswerCount", &PostAttributes::answerCount},
            {"CommentCount", &PostAttributes::commentCount},
            {"ClosedDate", &PostAttributes::closedDate},
        };
        for (const auto& name : names)
            this->*(name.field) = row.get(name.text);
    }
};

Text text(const char* value) {
    return value ? Text(std::string_view(value)) : Text();
}

Result<std::int64_t> parseId(const char* value, const char* attribute) {
    if (!value)
        return makeError(std::string("the required attribute ") + attribute + " is missing");
    std::int64_t number = 0;
    const char* end = value + std::strlen(value);
    const auto [ptr, ec] = std::from_chars(value, end, number);
    if (ec != std::errc() || ptr != end || ptr == value)
        return makeError(std::string("attribute ") + attribute + "=\"" + value +
                         "\" is not a whole number");
    return number;
}

Result<std::optional<std::int64_t>> parseOptional(const char* value, const char* attribute) {
    if (!value)
        return std::optional<std::int64_t>();
    auto number = parseId(value, attribute);
    if (!number)
        return number.error();
    return std::optional<std::int64_t>(*number);
}

// A date attribute of a kept row must be one the statistics can read (util/timestamp.h).
Status checkDate(const char* value, const char* attribute) {
    if (value && !isValidTimestamp(value))
        return makeError(std::string("attribute ") + attribute + "=\"" + value +
                         "\" is not a date and time like 2019-02-17T10:11:12.000");
    return {};
}

} // namespace

void DumpReader::countInCensus(const DumpRow& row, std::int64_t type) {
    if (!census_)
        return;
    const char* created = row.get("CreationDate");
    if (type == 2) {
        census_->addAnswer(created ? created : "");
        return;
    }
    std::optional<std::int64_t> owner;
    if (const char* ownerText = row.get("OwnerUserId"))
        if (auto number = parseId(ownerText, "OwnerUserId"))
            owner = *number;
    const char* accepted = row.get("AcceptedAnswerId");
    const char* tags = row.get("Tags");
    splitTagViews(tags ? tags : "", censusTags_);
    census_->addQuestion(created ? created : "", owner, {}, accepted && *accepted != '\0',
                         censusTags_);
}

Status DumpReader::postRow(const DumpRow& dumpRow) {
    ++report_.rowsRead;
    auto id = parseId(dumpRow.get("Id"), "Id");
    if (!id)
        return id.error();
    auto type = parseId(dumpRow.get("PostTypeId"), "PostTypeId");
    if (!type)
        return type.error();
    if (isWatermarkId(*id)) {
        skip(kWatermarkReason);
        return {};
    }
    if (*type == 1 || *type == 2)
        countInCensus(dumpRow, *type);
    if (*type == 1) {
        seenQuestions_.insert(*id);
        const char* tags = dumpRow.get("Tags");
        if (!filter_.matchesRaw(tags ? tags : "")) {
            skip("no matching tag");
            return {};
        }
        // A second row with the Id of a kept (or already stored) question: the file holds
        // two posts under one Id, and neither may silently win.
        if (keptQuestions_.contains(*id) || presentQuestions_.contains(*id))
            return makeError("duplicate Id " + std::to_string(*id) +
                             ": an earlier row of this file has the same Id");
        const PostAttributes row(dumpRow);
        for (const auto& [value, name] :
             {std::pair{row.creationDate, "CreationDate"}, std::pair{row.closedDate, "ClosedDate"}})
            if (auto status = checkDate(value, name); !status)
                return status;
        auto& q = question_;
        q.source = source_;
        idText_ = std::to_string(*id);
        q.sourceId = idText_;
        q.title = row.title ? row.title : "";
        q.body = row.body ? row.body : "";
        q.tags = splitTags(row.tags ? row.tags : "");
        q.created = text(row.creationDate);
        q.ownerUserId = text(row.ownerUserId);
        q.ownerDisplayName = text(row.ownerDisplayName);
        q.closedDate = text(row.closedDate);
        q.acceptedAnswerSourceId = text(row.acceptedAnswerId);
        if (auto accepted = parseOptional(row.acceptedAnswerId, "AcceptedAnswerId");
            accepted && *accepted) {
            acceptedText_ = std::to_string(**accepted);
            q.acceptedAnswerSourceId = acceptedText_;
        }
        q.acceptedAnswerCreated = std::nullopt;
        const std::pair<const char*, std::optional<std::int64_t> QuestionRecord::*> numbers[] = {
            {"Score", &QuestionRecord::score},
            {"ViewCount", &QuestionRecord::viewCount},
            {"AnswerCount", &QuestionRecord::answerCount},
            {"CommentCount", &QuestionRecord::commentCount}};
        const char* values[] = {row.score, row.viewCount, row.answerCount, row.commentCount};
        for (std::size_t i = 0; i < 4; ++i) {
            auto number = parseOptional(values[i], numbers[i].first);
            if (!number)
                return number.error();
            q.*(numbers[i].second) = *number;
        }
        auto rowId = writer_.addQuestion(q);
        if (!rowId)
            return rowId.error();
        if (!*rowId) {
            ++report_.alreadyPresent;
            presentQuestions_.insert(*id);
            return {};
        }
        ++report_.questions;
        keptQuestions_.insert(*id);
        if (auto owner = parseOptional(row.ownerUserId, "OwnerUserId"); owner && *owner)
            neededUsers_.insert(**owner);
        return writer_.rememberKept(*id, {**rowId, std::nullopt});
    }
    if (*type != 2) {
        skip("not a question or answer");
        return {};
    }
    auto parent = parseId(dumpRow.get("ParentId"), "ParentId");
    if (!parent)
        return parent.error();
    auto score = parseOptional(dumpRow.get("Score"), "Score");
    if (!score)
        return score.error();
    const bool parentKept = keptQuestions_.contains(*parent);
    if (!parentKept && seenQuestions_.contains(*parent)) {
        skip(presentQuestions_.contains(*parent) ? "answer to a question already present"
                                                 : "answer to a question not kept");
        return {};
    }
    const PostAttributes row(dumpRow);
    if (auto status = checkDate(row.creationDate, "CreationDate"); !status)
        return status;
    AnswerRecord answer;
    idText_ = std::to_string(*id);
    answer.sourceId = idText_;
    answer.body = row.body ? row.body : "";
    answer.created = text(row.creationDate);
    answer.ownerUserId = text(row.ownerUserId);
    answer.ownerDisplayName = text(row.ownerDisplayName);
    answer.score = *score;
    if (parentKept) {
        auto kept = writer_.findKept(*parent);
        if (!kept)
            return kept.error();
        if (!*kept)
            return makeError("internal error: question " + std::to_string(*parent) + " lost");
        auto answerRow = writer_.addAnswer((*kept)->postRowId, answer);
        if (!answerRow)
            return answerRow.error();
        ++report_.answers;
        keptAnswers_.insert(*id);
        if (auto owner = parseOptional(row.ownerUserId, "OwnerUserId"); owner && *owner)
            neededUsers_.insert(**owner);
        return writer_.rememberKept(*id, {(*kept)->postRowId, *answerRow});
    }
    ++staged_;
    return writer_.stageAnswer(*parent, answer);
}

Status DumpReader::afterPosts() {
    std::int64_t added = 0;
    auto attached = writer_.attachStagedAnswers(added);
    if (!attached)
        return attached.error();
    report_.answers += added;
    for (const auto& answer : *attached) {
        keptAnswers_.insert(answer.stackId);
        if (answer.ownerUserId)
            neededUsers_.insert(*answer.ownerUserId);
    }
    if (staged_ > added)
        report_.skipped["answer to a question not kept"] += staged_ - added;
    staged_ = 0;
    return {};
}

Status DumpReader::commentRow(const DumpRow& row) {
    ++report_.rowsRead;
    const char* idText = row.get("Id");
    const char* postIdText = row.get("PostId");
    auto id = parseId(idText, "Id");
    if (!id)
        return id.error();
    auto postId = parseId(postIdText, "PostId");
    if (!postId)
        return postId.error();
    if (!keptQuestions_.contains(*postId) && !keptAnswers_.contains(*postId)) {
        skip("comment on a post not kept");
        return {};
    }
    auto kept = writer_.findKept(*postId);
    if (!kept)
        return kept.error();
    if (!*kept) {
        skip("comment on a post not kept");
        return {};
    }
    const char* score = row.get("Score");
    const char* textValue = row.get("Text");
    const char* created = row.get("CreationDate");
    const char* userId = row.get("UserId");
    const char* userName = row.get("UserDisplayName");
    auto scoreValue = parseOptional(score, "Score");
    if (!scoreValue)
        return scoreValue.error();
    if (auto status = checkDate(created, "CreationDate"); !status)
        return status;
    CommentRecord comment;
    idText_ = std::to_string(*id);
    comment.sourceId = idText_;
    comment.text = textValue ? textValue : "";
    comment.created = text(created);
    comment.author = text(userName);
    comment.authorUserId = text(userId);
    comment.score = *scoreValue;
    if (auto status = writer_.addComment(**kept, comment); !status)
        return status;
    ++report_.comments;
    if (!userName)
        if (auto user = parseOptional(userId, "UserId"); user && *user)
            neededUsers_.insert(**user);
    return {};
}

Status DumpReader::userRow(const DumpRow& row) {
    ++report_.rowsRead;
    const char* idText = row.get("Id");
    auto id = parseId(idText, "Id");
    if (!id)
        return id.error();
    if (!neededUsers_.contains(*id))
        return {};
    const char* name = row.get("DisplayName");
    if (!name)
        return {};
    return writer_.stageUserName(*id, name);
}

} // namespace taxo::corpus
