#include "core/arbitration/decision_uses.h"

#include "core/arbitration/decision_quotes.h"
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
    auto rows = sql::reassignLinks(db, kDecisionCategories, source, target, decisionIds);
    if (!rows)
        return rows;
    // A kept quote follows its category, as a label's does.
    auto quotes = labels::moveQuoteCategory(db, kDecisionQuotes, decisionIds, source, target);
    if (!quotes)
        return quotes.error();
    rows->dependents = std::move(*quotes);
    return rows;
}

Status restoreCategoryUses(sql::Database& db, codebook::CategoryId source,
                           codebook::CategoryId target, const codebook::ReassignedRows& rows) {
    if (auto status = sql::restoreLinks(db, kDecisionCategories, source, target, rows); !status)
        return status;
    return labels::restoreQuoteCategory(db, kDecisionQuotes, rows.dependents, source, target);
}

} // namespace taxo::arbitration
