#include "core/corpus/post_store.h"

#include "core/store/statements.h"

#include <sqlite3.h>
#include <utility>

namespace taxo::corpus {
namespace {

// Tags travel through group_concat joined by the ASCII unit separator, which no
// tag contains (Stack Exchange tags are [a-z0-9+#.-]; CSV imports never hold control characters).
constexpr char kTagSeparator = '\x1f';

std::vector<std::string> splitTags(const std::string& joined) {
    std::vector<std::string> tags;
    if (joined.empty())
        return tags;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = joined.find(kTagSeparator, start);
        tags.push_back(joined.substr(start, end == std::string::npos ? end : end - start));
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    return tags;
}

std::string ownerOf(const std::optional<std::string>& displayName,
                    const std::optional<std::string>& userId) {
    if (displayName && !displayName->empty())
        return *displayName;
    if (userId && !userId->empty())
        return "user " + *userId;
    return {};
}

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// The FROM and WHERE clauses for a filter. Only fixed SQL fragments are chosen
// here; the tag and the query are bound as ?1 and ?2 by bindFilter(). A search is
// driven from the full-text index in its rowid (= post id) order, so the first page
// of a word in a quarter of 3 million posts reads one page of the index instead of
// collecting and sorting every match first.
struct FilterSql {
    std::string from;
    std::string countFrom; // the same posts, without reading their rows
    std::string where;
    std::string idColumn; // the post id, in an order the query can page by
    std::string tag;
    std::string match;
};

FilterSql filterSql(const PostFilter& filter) {
    FilterSql result;
    result.tag = filter.tag;
    result.match = ftsQuery(filter.search, filter.syntax);
    result.where = " WHERE 1";
    if (result.match.empty()) {
        result.from = " FROM posts p";
        result.countFrom = result.from;
        result.idColumn = "p.id";
        if (!result.tag.empty())
            // Driven from the tag index, so a rare tag does not scan every post.
            result.where += " AND p.id IN (SELECT post_id FROM post_tags WHERE tag = ?1)";
        return result;
    }
    result.from = " FROM posts_fts JOIN posts p ON p.id = posts_fts.rowid";
    // Every post has exactly one row in the index, under its id, and posts are never
    // deleted, so counting the index's matches counts the posts. Not joining posts
    // makes a count of a word in 720,000 of 3 million posts 60 times faster, since
    // it reads the index alone and not a row of posts per match.
    result.countFrom = " FROM posts_fts";
    result.idColumn = "posts_fts.rowid";
    result.where += " AND posts_fts MATCH ?2";
    if (!result.tag.empty())
        // Checked per match through the (post_id, tag) key, keeping the index's order.
        result.where += " AND EXISTS (SELECT 1 FROM post_tags t WHERE t.post_id = "
                        "posts_fts.rowid AND t.tag = ?1)";
    return result;
}

void bindFilter(sql::Statement& statement, const FilterSql& filter) {
    if (!filter.tag.empty())
        statement.bind(1, filter.tag);
    if (!filter.match.empty())
        statement.bind(2, filter.match);
}

// Interrupts the statements of a connection soon after a cancel flag is set: SQLite
// asks every few thousand steps of its virtual machine, and a "yes" stops the
// statement with SQLITE_INTERRUPT. Only one watch per connection at a time.
class CancelWatch {
public:
    CancelWatch(sql::Database& db, const CancelFlag* flag) : db_(db), active_(flag != nullptr) {
        if (active_)
            sqlite3_progress_handler(db_.handle(), kStepsPerCheck, &CancelWatch::check,
                                     const_cast<CancelFlag*>(flag));
    }
    ~CancelWatch() {
        if (active_)
            sqlite3_progress_handler(db_.handle(), 0, nullptr, nullptr);
    }
    CancelWatch(const CancelWatch&) = delete;
    CancelWatch& operator=(const CancelWatch&) = delete;

private:
    static constexpr int kStepsPerCheck = 4096;
    static int check(void* flag) { return cancelled(static_cast<const CancelFlag*>(flag)) ? 1 : 0; }
    sql::Database& db_;
    bool active_;
};

// FTS5 reports a malformed query only when the statement runs; that error is the
// user's search, not a fault of the project, so it gets a message about the search.
Error searchError(const PostFilter& filter, const std::string& sqliteMessage) {
    if (filter.syntax == SearchSyntax::Fts)
        return makeError("The search \"" + filter.search + "\" is not a valid full-text query (" +
                         sqliteMessage + "). Fix the query, or search for plain words instead.");
    return makeError("The search \"" + filter.search + "\" failed: " + sqliteMessage);
}

Result<std::vector<Comment>> loadComments(sql::Database& db, std::int64_t postId,
                                          std::optional<std::int64_t> answerId) {
    auto statement = db.prepare(
        answerId
            ? "SELECT id, text, created, author, score, author_user_id, source_id FROM comments "
              "WHERE post_id = ?1 AND answer_id = ?2 ORDER BY created, id"
            : "SELECT id, text, created, author, score, author_user_id, source_id FROM comments "
              "WHERE post_id = ?1 AND answer_id IS NULL ORDER BY created, id");
    if (!statement)
        return statement.error();
    statement->bind(1, postId);
    if (answerId)
        statement->bind(2, *answerId);
    std::vector<Comment> comments;
    if (auto status = statement->forEachRow([&](sql::Statement& row) {
            Comment comment;
            comment.id = row.columnInt(0);
            comment.text = row.columnText(1);
            comment.created = row.columnText(2);
            comment.author = ownerOf(row.columnOptionalText(3), row.columnOptionalText(5));
            comment.score = row.columnOptionalInt(4);
            comment.sourceId = row.columnText(6);
            comments.push_back(std::move(comment));
        });
        !status)
        return status.error();
    return comments;
}

} // namespace

std::string ftsQuery(std::string_view search, SearchSyntax syntax) {
    if (syntax == SearchSyntax::Fts) {
        // An all-blank query means "no search", as in Words mode.
        for (char c : search)
            if (!isSpace(c))
                return std::string(search);
        return {};
    }
    std::string query;
    std::size_t i = 0;
    while (i < search.size()) {
        while (i < search.size() && isSpace(search[i]))
            ++i;
        std::size_t end = i;
        while (end < search.size() && !isSpace(search[end]))
            ++end;
        std::string_view word = search.substr(i, end - i);
        i = end;
        bool prefix = false;
        while (!word.empty() && word.back() == '*') {
            word.remove_suffix(1);
            prefix = true;
        }
        if (word.empty())
            continue;
        if (!query.empty())
            query += ' ';
        // Inside an FTS5 string a double quote is written twice; nothing else is special.
        query += '"';
        for (char c : word) {
            if (c == '"')
                query += '"';
            query += c;
        }
        query += '"';
        if (prefix)
            query += '*';
    }
    return query;
}

Result<std::int64_t> countPosts(sql::Database& db, const PostFilter& filter,
                                const CancelFlag* cancel) {
    const FilterSql sqlFilter = filterSql(filter);
    auto statement = db.prepare("SELECT count(*)" + sqlFilter.countFrom + sqlFilter.where);
    if (!statement)
        return statement.error();
    bindFilter(*statement, sqlFilter);
    const CancelWatch watch(db, cancel);
    auto row = statement->step();
    if (cancelled(cancel))
        return makeError(kCancelledMessage);
    if (!row)
        return sqlFilter.match.empty() ? row.error() : searchError(filter, row.message());
    return statement->columnInt(0);
}

Result<std::vector<PostRow>> postPage(sql::Database& db, const PostFilter& filter,
                                      std::int64_t afterId, int limit) {
    const FilterSql sqlFilter = filterSql(filter);
    auto statement = db.prepare(
        "SELECT p.id, p.source_id, p.title, p.created, p.owner_display_name, p.owner_user_id, "
        "p.score, p.answer_count, "
        "(ifnull(p.accepted_answer_source_id, '') <> '' "
        " OR EXISTS (SELECT 1 FROM answers a WHERE a.post_id = p.id AND a.accepted = 1)), "
        "(SELECT group_concat(tag, char(31)) FROM "
        " (SELECT tag FROM post_tags WHERE post_id = p.id ORDER BY position))" +
        sqlFilter.from + sqlFilter.where + " AND " + sqlFilter.idColumn + " > ?3 ORDER BY " +
        sqlFilter.idColumn + " LIMIT ?4");
    if (!statement)
        return statement.error();
    bindFilter(*statement, sqlFilter);
    statement->bind(3, afterId).bind(4, limit);
    std::vector<PostRow> rows;
    if (auto status = statement->forEachRow([&](sql::Statement& row) {
            PostRow post;
            post.id = row.columnInt(0);
            post.sourceId = row.columnText(1);
            post.title = row.columnText(2);
            post.created = row.columnText(3);
            post.owner = ownerOf(row.columnOptionalText(4), row.columnOptionalText(5));
            post.score = row.columnOptionalInt(6);
            post.answerCount = row.columnOptionalInt(7);
            post.hasAcceptedAnswer = row.columnInt(8) != 0;
            post.tags = splitTags(row.columnText(9));
            rows.push_back(std::move(post));
        });
        !status)
        return sqlFilter.match.empty() ? status.error() : searchError(filter, status.message());
    return rows;
}

Result<std::vector<TagCount>> tagCounts(sql::Database& db, int limit) {
    auto statement = db.prepare("SELECT tag, count(*) AS n FROM post_tags GROUP BY tag "
                                "ORDER BY n DESC, tag LIMIT ?1");
    if (!statement)
        return statement.error();
    statement->bind(1, limit > 0 ? limit : -1);
    std::vector<TagCount> tags;
    if (auto status = statement->forEachRow([&](sql::Statement& row) {
            tags.push_back({row.columnText(0), row.columnInt(1)});
        });
        !status)
        return status.error();
    return tags;
}

Result<Post> loadPost(sql::Database& db, std::int64_t id) {
    auto statement =
        db.prepare("SELECT source, source_id, title, body, created, owner_display_name, "
                   "owner_user_id, score, view_count, closed_date, accepted_answer_created "
                   "FROM posts WHERE id = ?1");
    if (!statement)
        return statement.error();
    statement->bind(1, id);
    auto row = statement->step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError("post " + std::to_string(id) + " is not in the project");
    Post post;
    post.id = id;
    post.source = statement->columnText(0);
    post.sourceId = statement->columnText(1);
    post.title = statement->columnText(2);
    post.body = statement->columnText(3);
    post.created = statement->columnText(4);
    post.owner = ownerOf(statement->columnOptionalText(5), statement->columnOptionalText(6));
    post.score = statement->columnOptionalInt(7);
    post.viewCount = statement->columnOptionalInt(8);
    post.closedDate = statement->columnText(9);
    post.acceptedAnswerCreated = statement->columnText(10);

    auto tags = sql::queryRows<std::string>(
        db, "SELECT tag FROM post_tags WHERE post_id = ?1 ORDER BY position",
        [](sql::Statement& tagRow) { return tagRow.columnText(0); }, id);
    if (!tags)
        return tags.error();
    post.tags = std::move(*tags);

    auto comments = loadComments(db, id, std::nullopt);
    if (!comments)
        return comments.error();
    post.comments = std::move(*comments);

    // The accepted answer first, as Stack Overflow shows it; then by score and age.
    auto answers = db.prepare("SELECT id, source_id, body, created, owner_display_name, "
                              "owner_user_id, score, accepted FROM answers WHERE post_id = ?1 "
                              "ORDER BY accepted DESC, score IS NULL, score DESC, created, id");
    if (!answers)
        return answers.error();
    answers->bind(1, id);
    if (auto status = answers->forEachRow([&](sql::Statement& answerRow) {
            Answer answer;
            answer.id = answerRow.columnInt(0);
            answer.sourceId = answerRow.columnText(1);
            answer.body = answerRow.columnText(2);
            answer.created = answerRow.columnText(3);
            answer.owner =
                ownerOf(answerRow.columnOptionalText(4), answerRow.columnOptionalText(5));
            answer.score = answerRow.columnOptionalInt(6);
            answer.accepted = answerRow.columnInt(7) != 0;

            post.answers.push_back(std::move(answer));
        });
        !status)
        return status.error();
    for (Answer& answer : post.answers) {
        auto answerComments = loadComments(db, id, answer.id);
        if (!answerComments)
            return answerComments.error();
        answer.comments = std::move(*answerComments);
    }
    return post;
}

Result<std::vector<std::string>> titlesOf(sql::Database& db, const std::vector<std::int64_t>& ids) {
    auto statement = db.prepare("SELECT title FROM posts WHERE id = ?");
    if (!statement)
        return statement.error();
    std::vector<std::string> titles;
    titles.reserve(ids.size());
    for (const auto id : ids) {
        statement->reset();
        statement->bind(1, id);
        std::string title;
        if (auto status =
                statement->forEachRow([&](sql::Statement& row) { title = row.columnText(0); });
            !status)
            return status.error();
        titles.push_back(std::move(title));
    }
    return titles;
}

} // namespace taxo::corpus
