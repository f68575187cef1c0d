#include "labels/coding.h"

#include "store/statements.h"

namespace taxo::labels {

Result<std::vector<CodingAssignment>> codingAssignments(sql::Database& db) {
    auto stmt = db.prepare(
        "SELECT round_id, round_name, kind, coder_id, coder_name FROM ("
        "SELECT r.id AS round_id, r.name AS round_name, r.kind AS kind, NULL AS coder_id, "
        "'' AS coder_name FROM rounds r WHERE r.kind = 'pilot' "
        "UNION ALL "
        "SELECT r.id, r.name, r.kind, p.id, p.name FROM rounds r "
        "JOIN round_coders rc ON rc.round_id = r.id JOIN people p ON p.id = rc.person_id) "
        "ORDER BY round_id, coder_id IS NOT NULL, coder_name");
    if (!stmt)
        return stmt.error();
    std::vector<CodingAssignment> list;
    while (true) {
        auto row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        list.push_back({stmt->columnInt(0), stmt->columnText(1), stmt->columnText(2),
                        stmt->columnOptionalInt(3), stmt->columnText(4)});
    }
    return list;
}

Result<PostText> postText(sql::Database& db, std::int64_t postId) {
    auto stmt =
        sql::prepareBound(db, "SELECT title, body, created FROM posts WHERE id = ?", postId);
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError("no post with id " + std::to_string(postId));
    PostText post;
    post.id = postId;
    post.title = stmt->columnText(0);
    post.body = stmt->columnText(1);
    post.created = stmt->columnText(2);
    auto tags = sql::prepareBound(
        db, "SELECT tag FROM post_tags WHERE post_id = ? ORDER BY position", postId);
    if (!tags)
        return tags.error();
    while (true) {
        auto tagRow = tags->step();
        if (!tagRow)
            return tagRow.error();
        if (!*tagRow)
            break;
        post.tags.push_back(tags->columnText(0));
    }
    return post;
}

} // namespace taxo::labels
