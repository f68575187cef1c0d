#pragma once
// Writes imported posts, answers and comments through statements prepared once
// and reused for every row, inside the import's transaction. Answers whose
// question has not been read yet wait in a temporary table (on disk, not in
// memory) and are attached by SQL once every question is known.

#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taxo::corpus {

using Text = std::optional<std::string_view>;

struct QuestionRecord {
    std::string_view source;
    std::string_view sourceId;
    std::string_view title;
    std::string_view body;
    std::vector<std::string> tags;
    Text created, ownerUserId, ownerDisplayName, closedDate, acceptedAnswerSourceId,
        acceptedAnswerCreated;
    std::optional<std::int64_t> score, viewCount, answerCount, commentCount;
};

struct AnswerRecord {
    std::string_view sourceId;
    std::string_view body;
    Text created, ownerUserId, ownerDisplayName;
    std::optional<std::int64_t> score;
    bool accepted = false;
};

struct CommentRecord {
    std::string_view sourceId;
    std::string_view text;
    Text created, author, authorUserId;
    std::optional<std::int64_t> score;
};

// Where a Stack Exchange post id landed in the project, for its comments.
struct KeptPost {
    std::int64_t postRowId = 0;
    std::optional<std::int64_t> answerRowId;
};

class PostWriter {
public:
    // importId: the import the posts come from; nullopt for posts entered outside any
    // import (corpus::addPosts), which finish() then leaves as they were written.
    static Result<PostWriter> create(sql::Database& db, std::optional<std::int64_t> importId);

    // Another file of the same import goes through this writer: its posts carry
    // `importId`, and finish() links the posts of every import it was given.
    void startImport(std::int64_t importId);

    // The new row id, or nullopt when (source, source_id) is already in the project.
    Result<std::optional<std::int64_t>> addQuestion(const QuestionRecord& question);
    // Returns the answer's row id.
    Result<std::int64_t> addAnswer(std::int64_t postRowId, const AnswerRecord& answer);
    // An answer whose question (by Stack Exchange id) may come later in the file.
    Status stageAnswer(std::int64_t parentId, const AnswerRecord& answer);
    Status addComment(const KeptPost& post, const CommentRecord& comment);
    // Stack Exchange id -> project rows, for comments (dump imports only).
    Status rememberKept(std::int64_t stackId, const KeptPost& post);
    Result<std::optional<KeptPost>> findKept(std::int64_t stackId);
    Status stageUserName(std::int64_t userId, std::string_view name);

    // Attaches staged answers whose question was kept; returns the Stack Exchange ids
    // and owners of those answers (the caller tracks them for comments and users).
    struct Attached {
        std::int64_t stackId;
        std::optional<std::int64_t> ownerUserId;
    };
    Result<std::vector<Attached>> attachStagedAnswers(std::int64_t& added);

    // Accepted flags and dates, owner names from Users.xml; drops the temporary tables.
    Status finish();

private:
    PostWriter() = default;
    sql::Database* db_ = nullptr;
    std::optional<std::int64_t> importId_;
    std::vector<std::int64_t> importIds_; // every import finish() links
    bool acceptedFlags_ = false;          // an answer came marked accepted (CSV, JSON Lines)
    bool userNames_ = false;              // Users.xml gave names to fill in
    sql::Statement insertPost_, insertTag_, insertFts_, insertAnswer_, stageAnswer_, insertComment_,
        insertKept_, findKept_, insertUser_;
};

} // namespace taxo::corpus
