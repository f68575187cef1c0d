#include "core/corpus/post_writer.h"

#include "core/store/statements.h"
#include "core/text/html_text.h"

namespace taxo::corpus {
namespace {

constexpr const char* kTempTables = R"SQL(
CREATE TEMP TABLE import_pending_answers (
    parent_id INTEGER NOT NULL, source_id TEXT NOT NULL, body TEXT NOT NULL, created TEXT,
    score INTEGER, owner_user_id TEXT, owner_display_name TEXT);
CREATE TEMP TABLE import_kept (
    stack_id INTEGER PRIMARY KEY, post_rowid INTEGER NOT NULL, answer_rowid INTEGER);
CREATE TEMP TABLE import_user_names (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
)SQL";

constexpr const char* kDropTempTables = "DROP TABLE IF EXISTS temp.import_pending_answers;"
                                        "DROP TABLE IF EXISTS temp.import_kept;"
                                        "DROP TABLE IF EXISTS temp.import_user_names;";

// Run once per import, over this import's rows only; the unique indexes on
// posts(source, source_id) and answers(post_id, source_id) serve every lookup. Each step
// runs only when the import gave it something to do, as each one visits every post of
// the import.
struct FinishStep {
    enum Needs { AcceptedFlags, Always, UserNames } needs;
    const char* sql;
};
constexpr FinishStep kFinishSteps[] = {
    // CSV and JSON Lines name the accepted answer on the answer itself.
    {FinishStep::AcceptedFlags,
     "UPDATE posts SET accepted_answer_source_id = (SELECT a.source_id FROM answers a "
     "WHERE a.post_id = posts.id AND a.accepted = 1 ORDER BY a.id LIMIT 1) "
     "WHERE import_id = ?1 AND accepted_answer_source_id IS NULL"},
    {FinishStep::Always,
     "UPDATE answers SET accepted = 1 WHERE accepted = 0 AND id IN (SELECT a.id FROM posts p "
     "JOIN answers a ON a.post_id = p.id AND a.source_id = p.accepted_answer_source_id "
     "WHERE p.import_id = ?1)"},
    {FinishStep::Always,
     "UPDATE posts SET accepted_answer_created = coalesce((SELECT a.created FROM answers a "
     "WHERE a.post_id = posts.id AND a.source_id = posts.accepted_answer_source_id), "
     "accepted_answer_created) WHERE import_id = ?1 AND accepted_answer_source_id IS NOT NULL"},
    {FinishStep::UserNames,
     "UPDATE posts SET owner_display_name = (SELECT u.name FROM temp.import_user_names u "
     "WHERE u.id = CAST(posts.owner_user_id AS INTEGER)) WHERE import_id = ?1 AND "
     "owner_display_name IS NULL AND CAST(owner_user_id AS INTEGER) IN "
     "(SELECT id FROM temp.import_user_names)"},
    {FinishStep::UserNames,
     "UPDATE answers SET owner_display_name = (SELECT u.name FROM temp.import_user_names u "
     "WHERE u.id = CAST(answers.owner_user_id AS INTEGER)) WHERE post_id IN "
     "(SELECT id FROM posts WHERE import_id = ?1) AND owner_display_name IS NULL AND "
     "CAST(owner_user_id AS INTEGER) IN (SELECT id FROM temp.import_user_names)"},
    {FinishStep::UserNames,
     "UPDATE comments SET author = (SELECT u.name FROM temp.import_user_names u "
     "WHERE u.id = CAST(comments.author_user_id AS INTEGER)) WHERE post_id IN "
     "(SELECT id FROM posts WHERE import_id = ?1) AND author IS NULL AND "
     "CAST(author_user_id AS INTEGER) IN (SELECT id FROM temp.import_user_names)"},
};

Status withContext(const Status& status, const char* what) {
    if (status)
        return status;
    return makeError(std::string("cannot ") + what + ": " + status.message());
}

} // namespace

Result<PostWriter> PostWriter::create(sql::Database& db, std::optional<std::int64_t> importId) {
    PostWriter writer;
    writer.db_ = &db;
    writer.importId_ = importId;
    if (importId)
        writer.importIds_.push_back(*importId);
    if (auto status = db.exec(kDropTempTables); !status)
        return status.error();
    if (auto status = db.exec(kTempTables); !status)
        return status.error();
    struct Prepared {
        sql::Statement* target;
        const char* text;
    };
    const Prepared statements[] = {
        {&writer.insertPost_,
         "INSERT OR IGNORE INTO posts(source, source_id, title, body, created, owner_user_id, "
         "owner_display_name, score, view_count, answer_count, comment_count, closed_date, "
         "accepted_answer_source_id, accepted_answer_created, import_id) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"},
        {&writer.insertTag_, "INSERT OR IGNORE INTO post_tags(post_id, tag, position) "
                             "VALUES (?1, ?2, ?3)"},
        {&writer.insertFts_, "INSERT INTO posts_fts(rowid, title, body_text, tags) "
                             "VALUES (?1, ?2, ?3, ?4)"},
        {&writer.insertAnswer_,
         "INSERT OR IGNORE INTO answers(post_id, source_id, body, created, score, "
         "owner_user_id, owner_display_name, accepted) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"},
        {&writer.stageAnswer_,
         "INSERT INTO temp.import_pending_answers(parent_id, source_id, body, created, score, "
         "owner_user_id, owner_display_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
        {&writer.insertComment_,
         "INSERT OR IGNORE INTO comments(post_id, answer_id, source_id, text, created, score, "
         "author, author_user_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"},
        {&writer.insertKept_, "INSERT OR REPLACE INTO temp.import_kept(stack_id, post_rowid, "
                              "answer_rowid) VALUES (?1, ?2, ?3)"},
        {&writer.findKept_,
         "SELECT post_rowid, answer_rowid FROM temp.import_kept WHERE stack_id = ?1"},
        {&writer.insertUser_,
         "INSERT OR REPLACE INTO temp.import_user_names(id, name) VALUES (?1, ?2)"},
    };
    for (const auto& item : statements) {
        auto stmt = db.prepare(item.text);
        if (!stmt)
            return makeError("cannot prepare the import: " + stmt.message());
        *item.target = std::move(*stmt);
    }
    return writer;
}

void PostWriter::startImport(std::int64_t importId) {
    importId_ = importId;
    importIds_.push_back(importId);
}

Result<std::optional<std::int64_t>> PostWriter::addQuestion(const QuestionRecord& q) {
    insertPost_.bind(1, q.source)
        .bind(2, q.sourceId)
        .bind(3, q.title)
        .bind(4, q.body)
        .bind(5, q.created)
        .bind(6, q.ownerUserId)
        .bind(7, q.ownerDisplayName)
        .bind(8, q.score)
        .bind(9, q.viewCount)
        .bind(10, q.answerCount)
        .bind(11, q.commentCount)
        .bind(12, q.closedDate)
        .bind(13, q.acceptedAnswerSourceId)
        .bind(14, q.acceptedAnswerCreated)
        .bind(15, importId_);
    if (auto status = insertPost_.run(); !status)
        return withContext(status, "store a question").error();
    if (db_->changes() == 0)
        return std::optional<std::int64_t>();
    const std::int64_t rowId = db_->lastInsertRowId();

    std::string joinedTags;
    for (std::size_t i = 0; i < q.tags.size(); ++i) {
        if (auto status = insertTag_.bind(1, rowId)
                              .bind(2, q.tags[i])
                              .bind(3, static_cast<std::int64_t>(i))
                              .run();
            !status)
            return withContext(status, "store a tag").error();
        if (i > 0)
            joinedTags += ' ';
        joinedTags += q.tags[i];
    }
    const std::string bodyText = text::htmlToText(q.body);
    if (auto status =
            insertFts_.bind(1, rowId).bind(2, q.title).bind(3, bodyText).bind(4, joinedTags).run();
        !status)
        return withContext(status, "index a question for search").error();
    return std::optional<std::int64_t>(rowId);
}

Result<std::int64_t> PostWriter::addAnswer(std::int64_t postRowId, const AnswerRecord& a) {
    insertAnswer_.bind(1, postRowId)
        .bind(2, a.sourceId)
        .bind(3, a.body)
        .bind(4, a.created)
        .bind(5, a.score)
        .bind(6, a.ownerUserId)
        .bind(7, a.ownerDisplayName)
        .bind(8, a.accepted ? 1 : 0);
    acceptedFlags_ = acceptedFlags_ || a.accepted;
    if (auto status = insertAnswer_.run(); !status)
        return withContext(status, "store an answer").error();
    if (db_->changes() == 0)
        return makeError("answer " + std::string(a.sourceId) + " appears twice");
    return db_->lastInsertRowId();
}

Status PostWriter::stageAnswer(std::int64_t parentId, const AnswerRecord& a) {
    return withContext(stageAnswer_.bind(1, parentId)
                           .bind(2, a.sourceId)
                           .bind(3, a.body)
                           .bind(4, a.created)
                           .bind(5, a.score)
                           .bind(6, a.ownerUserId)
                           .bind(7, a.ownerDisplayName)
                           .run(),
                       "keep an answer for later");
}

Status PostWriter::addComment(const KeptPost& post, const CommentRecord& c) {
    return withContext(insertComment_.bind(1, post.postRowId)
                           .bind(2, post.answerRowId)
                           .bind(3, c.sourceId)
                           .bind(4, c.text)
                           .bind(5, c.created)
                           .bind(6, c.score)
                           .bind(7, c.author)
                           .bind(8, c.authorUserId)
                           .run(),
                       "store a comment");
}

Status PostWriter::rememberKept(std::int64_t stackId, const KeptPost& post) {
    return withContext(
        insertKept_.bind(1, stackId).bind(2, post.postRowId).bind(3, post.answerRowId).run(),
        "remember a kept post");
}

Result<std::optional<KeptPost>> PostWriter::findKept(std::int64_t stackId) {
    findKept_.bind(1, stackId);
    auto row = findKept_.step();
    if (!row) {
        findKept_.reset();
        return row.error();
    }
    std::optional<KeptPost> found;
    if (*row)
        found = KeptPost{findKept_.columnInt(0), findKept_.columnOptionalInt(1)};
    findKept_.reset();
    return found;
}

Status PostWriter::stageUserName(std::int64_t userId, std::string_view name) {
    userNames_ = true;
    return withContext(insertUser_.bind(1, userId).bind(2, name).run(), "keep a user name");
}

Result<std::vector<PostWriter::Attached>> PostWriter::attachStagedAnswers(std::int64_t& added) {
    auto before = db_->queryInt("SELECT coalesce(max(id), 0) FROM answers");
    if (!before)
        return before.error();
    if (auto status = db_->exec(
            "INSERT OR IGNORE INTO answers(post_id, source_id, body, created, score, "
            "owner_user_id, owner_display_name) SELECT k.post_rowid, p.source_id, p.body, "
            "p.created, p.score, p.owner_user_id, p.owner_display_name FROM "
            "temp.import_pending_answers p JOIN temp.import_kept k ON k.stack_id = p.parent_id "
            "AND k.answer_rowid IS NULL ORDER BY p.rowid");
        !status)
        return withContext(status, "attach answers to their questions").error();
    added = db_->changes();
    struct AddedAnswer {
        std::int64_t rowId;
        std::int64_t postRowId;
        Attached attached;
    };
    auto answers = sql::queryRows<AddedAnswer>(
        *db_, "SELECT id, post_id, source_id, owner_user_id FROM answers WHERE id > ? ORDER BY id",
        [](sql::Statement& row) {
            return AddedAnswer{
                row.columnInt(0), row.columnInt(1), {row.columnInt(2), row.columnOptionalInt(3)}};
        },
        *before);
    if (!answers)
        return answers.error();
    std::vector<Attached> attached;
    attached.reserve(answers->size());
    for (const auto& answer : *answers) {
        if (auto status = rememberKept(answer.attached.stackId, {answer.postRowId, answer.rowId});
            !status)
            return status.error();
        attached.push_back(answer.attached);
    }
    if (auto status = db_->exec("DELETE FROM temp.import_pending_answers"); !status)
        return status.error();
    return attached;
}

Status PostWriter::finish() {
    // Posts entered outside an import are kept exactly as written: there is nothing to link.
    for (const std::int64_t importId : importIds_)
        for (const auto& step : kFinishSteps) {
            if ((step.needs == FinishStep::AcceptedFlags && !acceptedFlags_) ||
                (step.needs == FinishStep::UserNames && !userNames_))
                continue;
            auto stmt = db_->prepare(step.sql);
            if (!stmt)
                return withContext(stmt.error(), "link accepted answers and owners");
            if (auto status = stmt->bind(1, importId).run(); !status)
                return withContext(status, "link accepted answers and owners");
        }
    // Statements on the temporary tables must be finalized before the tables go.
    insertKept_ = {};
    findKept_ = {};
    insertUser_ = {};
    stageAnswer_ = {};
    return db_->exec(kDropTempTables);
}

} // namespace taxo::corpus
