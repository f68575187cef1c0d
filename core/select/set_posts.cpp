#include "core/select/set_posts.h"

#include "core/store/statements.h"

namespace taxo::select {

Result<std::int64_t> findSetId(sql::Database& db, const std::string& setName) {
    auto stmt = db.prepare("SELECT id FROM sets WHERE name = ?");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, setName);
    auto row = stmt->step();
    if (!row)
        return row.error();
    if (*row)
        return stmt->columnInt(0);
    auto names = db.prepare("SELECT name FROM sets ORDER BY name");
    if (!names)
        return names.error();
    std::string known;
    if (auto status = names->forEachRow([&](sql::Statement& nameRow) {
            known += (known.empty() ? "" : ", ") + nameRow.columnText(0);
        });
        !status)
        return status.error();
    if (known.empty())
        return makeError("no set named '" + setName +
                         "': the project has no sets yet; build them first (taxo select)");
    return makeError("no set named '" + setName + "'; the sets are: " + known);
}

Result<std::vector<corpus::PostRef>> setPosts(sql::Database& db, std::int64_t setId) {
    auto stmt = db.prepare("SELECT p.id, p.source, p.source_id FROM set_members m "
                           "JOIN posts p ON p.id = m.post_id WHERE m.set_id = ?");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, setId);
    auto posts = corpus::readPostRefs(*stmt);
    if (posts)
        corpus::sortCanonically(*posts);
    return posts;
}

Result<std::vector<corpus::PostRef>> setPopulation(Project& project, const std::string& setName) {
    auto setId = findSetId(project.db(), setName);
    if (!setId)
        return setId.error();
    return setPosts(project.db(), *setId);
}

Result<std::vector<std::int64_t>> excludedPosts(sql::Database& db, std::int64_t setId) {
    return sql::queryIntsBound(
        db, "SELECT post_id FROM set_exclusions WHERE set_id = ? ORDER BY post_id", setId);
}

Result<std::optional<std::int64_t>> exclusionRound(sql::Database& db, std::int64_t setId,
                                                   std::int64_t postId) {
    return sql::queryOptionalIntBound(
        db, "SELECT round_id FROM set_exclusions WHERE set_id = ? AND post_id = ?", setId, postId);
}

Status excludePost(sql::Database& db, std::int64_t setId, std::int64_t postId, std::int64_t roundId,
                   const std::string& reason, const std::string& when) {
    if (auto status = sql::runBound(db, "DELETE FROM set_members WHERE set_id = ? AND post_id = ?",
                                    setId, postId);
        !status)
        return status;
    return sql::runBound(db,
                         "INSERT INTO set_exclusions(set_id, post_id, round_id, reason, excluded) "
                         "VALUES (?, ?, ?, ?, ?)",
                         setId, postId, roundId, reason, when);
}

Status restorePost(sql::Database& db, std::int64_t setId, std::int64_t postId) {
    if (auto status = sql::runBound(
            db, "DELETE FROM set_exclusions WHERE set_id = ? AND post_id = ?", setId, postId);
        !status)
        return status;
    return sql::runBound(db, "INSERT OR IGNORE INTO set_members(set_id, post_id) VALUES (?, ?)",
                         setId, postId);
}

} // namespace taxo::select
