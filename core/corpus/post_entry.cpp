#include "core/corpus/post_entry.h"

#include "core/corpus/post_writer.h"
#include "core/store/statements.h"

#include <map>

namespace taxo::corpus {
namespace {

Text view(const std::optional<std::string>& value) {
    return value ? Text(*value) : Text();
}

std::string named(const PostEntry& post) {
    return "post " + post.source + ":" + post.sourceId;
}

// Writes one new post with its answers and comments; returns its id, or nullopt when the
// post is already in the project.
Result<std::optional<std::int64_t>> writePost(PostWriter& writer, const PostEntry& post) {
    QuestionRecord question;
    question.source = post.source;
    question.sourceId = post.sourceId;
    question.title = post.title;
    question.body = post.body;
    question.tags = post.tags;
    question.created = view(post.created);
    question.ownerUserId = view(post.ownerUserId);
    question.ownerDisplayName = view(post.ownerDisplayName);
    question.closedDate = view(post.closedDate);
    question.acceptedAnswerSourceId = view(post.acceptedAnswerSourceId);
    question.acceptedAnswerCreated = view(post.acceptedAnswerCreated);
    question.score = post.score;
    question.viewCount = post.viewCount;
    question.answerCount = post.answerCount;
    question.commentCount = post.commentCount;
    auto added = writer.addQuestion(question);
    if (!added || !*added)
        return added;
    const std::int64_t postId = **added;

    std::map<std::string, std::int64_t> answerIds;
    for (const auto& answer : post.answers) {
        AnswerRecord record;
        record.sourceId = answer.sourceId;
        record.body = answer.body;
        record.created = view(answer.created);
        record.ownerUserId = view(answer.ownerUserId);
        record.ownerDisplayName = view(answer.ownerDisplayName);
        record.score = answer.score;
        record.accepted = answer.accepted;
        auto answerId = writer.addAnswer(postId, record);
        if (!answerId)
            return makeError(named(post) + ": " + answerId.message());
        answerIds[answer.sourceId] = *answerId;
    }
    for (const auto& comment : post.comments) {
        KeptPost on{postId, std::nullopt};
        if (comment.answerSourceId) {
            const auto found = answerIds.find(*comment.answerSourceId);
            if (found == answerIds.end())
                return makeError(named(post) + ": comment " + comment.sourceId + " is on answer " +
                                 *comment.answerSourceId + ", which the post does not have");
            on.answerRowId = found->second;
        }
        CommentRecord record;
        record.sourceId = comment.sourceId;
        record.text = comment.text;
        record.created = view(comment.created);
        record.author = view(comment.author);
        record.authorUserId = view(comment.authorUserId);
        record.score = comment.score;
        if (auto status = writer.addComment(on, record); !status)
            return makeError(named(post) + ": " + status.message());
    }
    return added;
}

} // namespace

Result<std::vector<std::int64_t>> addPosts(sql::Database& db, const std::vector<PostEntry>& posts) {
    for (const auto& post : posts)
        if (post.source.empty() || post.sourceId.empty())
            return makeError("a post needs a source and a source id (\"" + post.source + ":" +
                             post.sourceId + "\")");
    return sql::inTransaction(db, [&]() -> Result<std::vector<std::int64_t>> {
        auto writer = PostWriter::create(db, std::nullopt);
        if (!writer)
            return writer.error();
        std::vector<std::int64_t> ids;
        ids.reserve(posts.size());
        for (const auto& post : posts) {
            auto added = writePost(*writer, post);
            if (!added)
                return added.error();
            if (*added) {
                ids.push_back(**added);
                continue;
            }
            auto present =
                sql::queryIntBound(db, "SELECT id FROM posts WHERE source = ? AND source_id = ?",
                                   post.source, post.sourceId);
            if (!present)
                return present.error();
            ids.push_back(*present);
        }
        if (auto status = writer->finish(); !status)
            return status.error();
        return ids;
    });
}

} // namespace taxo::corpus
