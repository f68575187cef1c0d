#include "core/labels/coding.h"

#include "core/corpus/post_store.h"
#include "core/labels/codes.h"
#include "core/store/statements.h"

#include <algorithm>
#include <set>

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
    std::optional<Error> unknownKind;
    if (auto status = stmt->forEachRow([&](sql::Statement& row) {
            auto kind = rounds::parseKind(row.columnText(2));
            if (!kind) {
                unknownKind = kind.error();
                return;
            }
            list.push_back({row.columnInt(0), row.columnText(1), *kind, row.columnOptionalInt(3),
                            row.columnText(4)});
        });
        !status)
        return status.error();
    if (unknownKind)
        return *unknownKind;
    return list;
}

Result<std::vector<std::string>> suggestionChoices(sql::Database& db, std::int64_t roundId,
                                                   CoderId coder) {
    // `coder_id IS ?` matches the consensus (NULL) as well as a coder.
    auto suggestions = sql::queryRows<std::string>(
        db,
        "SELECT DISTINCT suggestion FROM labels WHERE round_id = ? AND coder_id IS ? "
        "AND special = 'pending' AND trim(suggestion) <> '' ORDER BY lower(suggestion), "
        "suggestion",
        [](sql::Statement& row) { return row.columnText(0); }, roundId, coder);
    if (!suggestions)
        return suggestions.error();
    auto names = sql::queryRows<std::string>(
        db, "SELECT DISTINCT name FROM categories ORDER BY lower(name), name",
        [](sql::Statement& row) { return row.columnText(0); });
    if (!names)
        return names.error();
    std::vector<std::string> choices;
    std::set<std::string> seen;
    for (const auto* list : {&*suggestions, &*names})
        for (const auto& text : *list)
            if (seen.insert(normalizeCode(text)).second)
                choices.push_back(text);
    return choices;
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
    auto tags = sql::queryRows<std::string>(
        db, "SELECT tag FROM post_tags WHERE post_id = ? ORDER BY position",
        [](sql::Statement& tagRow) { return tagRow.columnText(0); }, postId);
    if (!tags)
        return tags.error();
    post.tags = std::move(*tags);
    return post;
}

bool isLabeled(LabelState state) {
    return state != LabelState::Unlabeled && state != LabelState::CodeOnly;
}

namespace {

// Post ids of the round's items whose label (this coder's only) carries the
// category or a descendant.
Result<std::vector<std::int64_t>> postsWithCategory(sql::Database& db, std::int64_t roundId,
                                                    CoderId coder, codebook::CategoryId category) {
    return sql::queryIntsBound(
        db,
        "WITH RECURSIVE below(id) AS (SELECT ?1 UNION ALL "
        "SELECT c.id FROM categories c JOIN below b ON c.parent_id = b.id) "
        "SELECT DISTINCT l.post_id FROM labels l JOIN label_categories lc ON lc.label_id = l.id "
        "WHERE l.round_id = ?2 AND l.coder_id IS ?3 AND lc.category_id IN (SELECT id FROM below) "
        "ORDER BY l.post_id",
        category, roundId, coder);
}

Result<std::vector<std::int64_t>> postsWithSpecial(sql::Database& db, std::int64_t roundId,
                                                   CoderId coder, Special special) {
    return sql::queryIntsBound(db,
                               "SELECT post_id FROM labels WHERE round_id = ? AND coder_id IS ? "
                               "AND special = ? ORDER BY post_id",
                               roundId, coder, std::string(specialName(special)));
}

Result<std::vector<std::int64_t>> postsMatching(sql::Database& db, std::int64_t roundId,
                                                const std::string& match) {
    auto ids = sql::queryIntsBound(
        db,
        "SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? "
        "AND rowid IN (SELECT post_id FROM round_items WHERE round_id = ?) ORDER BY rowid",
        match, roundId);
    if (!ids)
        return makeError("The search failed: " + ids.message());
    return ids;
}

void keepOnly(std::vector<LabelRow>& rows, const std::vector<std::int64_t>& sortedIds) {
    std::erase_if(rows, [&](const LabelRow& row) {
        return !std::binary_search(sortedIds.begin(), sortedIds.end(), row.postId);
    });
}

} // namespace

Result<std::vector<LabelRow>> filterForCoder(sql::Database& db, std::int64_t roundId, CoderId coder,
                                             const ItemFilter& filter) {
    auto rows = listForCoder(db, roundId, coder);
    if (!rows)
        return rows.error();
    if (filter.unlabeledOnly)
        std::erase_if(*rows, [](const LabelRow& row) { return isLabeled(row.state); });
    if (filter.category) {
        auto ids = postsWithCategory(db, roundId, coder, *filter.category);
        if (!ids)
            return ids.error();
        keepOnly(*rows, *ids);
    }
    if (filter.special) {
        auto ids = postsWithSpecial(db, roundId, coder, *filter.special);
        if (!ids)
            return ids.error();
        keepOnly(*rows, *ids);
    }
    const std::string match = corpus::ftsQuery(filter.search, corpus::SearchSyntax::Words);
    if (!match.empty()) {
        auto ids = postsMatching(db, roundId, match);
        if (!ids)
            return ids.error();
        keepOnly(*rows, *ids);
    }
    return rows;
}

} // namespace taxo::labels
