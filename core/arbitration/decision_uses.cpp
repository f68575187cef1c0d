#include "core/arbitration/decision_uses.h"

#include "core/store/link_rows.h"
#include "core/store/statements.h"

namespace taxo::arbitration {
namespace {

constexpr sql::LinkTable kDecisionCategories{"decision_categories", "decision_id"};

} // namespace

Result<std::vector<std::int64_t>> decisionsCarrying(sql::Database& db,
                                                    codebook::CategoryId category,
                                                    std::optional<std::int64_t> postId) {
    if (!postId)
        return sql::queryIntsBound(db,
                                   "SELECT decision_id FROM decision_categories WHERE "
                                   "category_id = ? ORDER BY decision_id",
                                   category);
    return sql::queryIntsBound(
        db,
        "SELECT dc.decision_id FROM decision_categories dc JOIN decisions d "
        "ON d.id = dc.decision_id WHERE dc.category_id = ? AND d.post_id = ? "
        "ORDER BY dc.decision_id",
        category, *postId);
}

Result<codebook::ReassignedRows>
reassignCategoryUses(sql::Database& db, codebook::CategoryId source, codebook::CategoryId target,
                     const std::vector<std::int64_t>& decisionIds) {
    return sql::reassignLinks(db, kDecisionCategories, source, target, decisionIds);
}

Status restoreCategoryUses(sql::Database& db, codebook::CategoryId source,
                           codebook::CategoryId target, const codebook::ReassignedRows& rows) {
    return sql::restoreLinks(db, kDecisionCategories, source, target, rows);
}

} // namespace taxo::arbitration
