// Row-level helpers of the codebook: reading and writing category rows, sibling
// positions, reading the rows that point at a category and rewriting its examples.

#include "core/codebook/codebook_internal.h"
#include "core/store/statements.h"

#include <algorithm>

namespace taxo::codebook::detail {
namespace {

constexpr const char* kCategoryColumns =
    "id, uid, parent_id, name, description, position, created, created_by, created_in";

Category fromRow(const sql::Statement& stmt) {
    Category c;
    c.id = stmt.columnInt(0);
    c.uid = stmt.columnText(1);
    c.parentId = stmt.columnOptionalInt(2);
    c.name = stmt.columnText(3);
    c.description = stmt.columnText(4);
    c.position = stmt.columnInt(5);
    c.created = stmt.columnText(6);
    c.createdBy = stmt.columnOptionalInt(7);
    c.createdIn = stmt.columnText(8);
    return c;
}

constexpr sql::LinkTable kExamples{"category_examples", "post_id"};

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

} // namespace

std::string inQuotes(const std::string& name) {
    return "\"" + name + "\"";
}

Result<Category> readCategory(sql::Database& db, CategoryId id) {
    auto stmt = sql::prepareBound(
        db, std::string("SELECT ") + kCategoryColumns + " FROM categories WHERE id = ?", id);
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError("no category with id " + std::to_string(id));
    return fromRow(*stmt);
}

Status requireParent(sql::Database& db, std::optional<CategoryId> parent) {
    if (!parent)
        return {};
    auto row = readCategory(db, *parent);
    if (!row)
        return makeError("the parent category does not exist (id " + std::to_string(*parent) + ")");
    return {};
}

Result<std::vector<Category>> readChildren(sql::Database& db, std::optional<CategoryId> parent) {
    return sql::queryRows<Category>(
        db,
        std::string("SELECT ") + kCategoryColumns +
            " FROM categories WHERE parent_id IS ? ORDER BY position, id",
        fromRow, parent);
}

Result<std::vector<SiblingPosition>> siblingPositions(sql::Database& db,
                                                      std::optional<CategoryId> parent) {
    auto stmt = sql::prepareBound(
        db, "SELECT id, position FROM categories WHERE parent_id IS ? ORDER BY position, id",
        parent);
    if (!stmt)
        return stmt.error();
    std::vector<SiblingPosition> list;
    auto status = stmt->forEachRow([&](const sql::Statement& row) {
        list.push_back({row.columnInt(0), row.columnInt(1)});
    });
    if (!status)
        return status.error();
    return list;
}

Status restorePositions(sql::Database& db, const std::vector<SiblingPosition>& positions) {
    for (const auto& entry : positions) {
        if (auto status = sql::runBound(db, "UPDATE categories SET position = ? WHERE id = ?",
                                        entry.position, entry.id);
            !status)
            return status;
    }
    return {};
}

Status insertCategoryRow(sql::Database& db, const Category& c) {
    return sql::runBound(db,
                         "INSERT INTO categories(id, uid, parent_id, name, description, position, "
                         "created, created_by, created_in) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         c.id, c.uid, c.parentId, c.name, c.description, c.position, c.created,
                         c.createdBy, c.createdIn);
}

Status deleteCategoryRow(sql::Database& db, CategoryId id) {
    return sql::runBound(db, "DELETE FROM categories WHERE id = ?", id);
}

Result<std::int64_t> useCount(sql::Database& db, CategoryId id) {
    return sql::queryIntBound(
        db,
        "SELECT (SELECT count(*) FROM label_categories WHERE category_id = ?1)"
        " + (SELECT count(*) FROM decision_categories WHERE category_id = ?1)",
        id);
}

Result<UseCounts> useCounts(sql::Database& db, CategoryId id) {
    auto labels =
        sql::queryIntBound(db, "SELECT count(*) FROM label_categories WHERE category_id = ?", id);
    if (!labels)
        return labels.error();
    auto decisions = sql::queryIntBound(
        db, "SELECT count(*) FROM decision_categories WHERE category_id = ?", id);
    if (!decisions)
        return decisions.error();
    return UseCounts{*labels, *decisions};
}

Result<std::int64_t> subtreeUseCount(sql::Database& db, CategoryId id) {
    return sql::queryIntBound(
        db,
        "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL "
        "SELECT c.id FROM categories c JOIN sub ON c.parent_id = sub.id) "
        "SELECT (SELECT count(*) FROM label_categories WHERE category_id IN sub)"
        " + (SELECT count(*) FROM decision_categories WHERE category_id IN sub)",
        id);
}

Result<std::int64_t> childCount(sql::Database& db, CategoryId id) {
    return sql::queryIntBound(db, "SELECT count(*) FROM categories WHERE parent_id = ?", id);
}

Status requireNoRoles(sql::Database& db, const Category& category, const std::string& what) {
    auto roles = sql::queryIntBound(
        db, "SELECT count(*) FROM person_roles WHERE root_category_id = ?", category.id);
    if (!roles)
        return roles.error();
    if (*roles > 0)
        return makeError("cannot " + what + " " + inQuotes(category.name) + ": " +
                         std::to_string(*roles) +
                         " person role(s) (an arbitrator's root) point at it; change them first");
    return {};
}

Result<std::string> checkedName(sql::Database& db, std::optional<CategoryId> parent,
                                const std::string& name, std::optional<CategoryId> self) {
    const std::string clean = trimmed(name);
    if (clean.empty())
        return makeError("a category needs a name");
    auto clash = sql::queryOptionalIntBound(
        db, "SELECT id FROM categories WHERE parent_id IS ? AND name = ? AND id IS NOT ?", parent,
        clean, self);
    if (!clash)
        return clash.error();
    if (*clash) {
        std::string where = "the roots";
        if (parent) {
            auto parentRow = readCategory(db, *parent);
            if (!parentRow)
                return parentRow.error();
            where = inQuotes(parentRow->name);
        }
        return makeError("a category named " + inQuotes(clean) + " already exists under " + where);
    }
    return clean;
}

Result<std::vector<std::int64_t>> examplePosts(sql::Database& db, CategoryId category) {
    return sql::queryIntsBound(
        db, "SELECT post_id FROM category_examples WHERE category_id = ? ORDER BY post_id",
        category);
}

Result<ReassignedRows> reassignExamples(sql::Database& db, CategoryId source, CategoryId target,
                                        const std::vector<std::int64_t>& postIds) {
    return sql::reassignLinks(db, kExamples, source, target, postIds);
}

Status restoreExamples(sql::Database& db, CategoryId source, CategoryId target,
                       const ReassignedRows& rows) {
    return sql::restoreLinks(db, kExamples, source, target, rows);
}

Status checkUsesMayMove(sql::Database& db, const Category& source, const Category& target,
                        bool targetWillHaveChildren) {
    auto uses = useCount(db, source.id);
    if (!uses)
        return uses.error();
    if (*uses > 0 && targetWillHaveChildren)
        return makeError(std::to_string(*uses) + " label(s) or decision(s) carry " +
                         inQuotes(source.name) + " and labels carry leaf categories only, but " +
                         inQuotes(target.name) + " has (or would get) subcategories");
    auto subtreeUses = subtreeUseCount(db, source.id);
    if (!subtreeUses)
        return subtreeUses.error();
    if (*subtreeUses > 0) {
        auto sourceRoot = rootOf(db, source.id);
        auto targetRoot = rootOf(db, target.id);
        if (!sourceRoot)
            return sourceRoot.error();
        if (!targetRoot)
            return targetRoot.error();
        if (*sourceRoot != *targetRoot)
            return makeError(inQuotes(source.name) + " and " + inQuotes(target.name) +
                             " are under different roots and labels carry " +
                             inQuotes(source.name) +
                             " or its subcategories; a label's leaves "
                             "must stay under the roots of the post's sets");
    }
    return {};
}

} // namespace taxo::codebook::detail

namespace taxo::codebook {

nlohmann::json toJson(const Category& c) {
    return {{"id", c.id},
            {"uid", c.uid},
            {"parent_id", c.parentId ? nlohmann::json(*c.parentId) : nlohmann::json()},
            {"name", c.name},
            {"position", c.position}};
}

nlohmann::json toJson(const ReassignedRows& rows) {
    return {{"moved", rows.moved}, {"dropped", rows.dropped}};
}

} // namespace taxo::codebook
