#include "core/labels/label_uses.h"

#include "core/labels/quotes.h"
#include "core/store/link_rows.h"
#include "core/store/statements.h"

namespace taxo::labels {
namespace {

constexpr sql::LinkTable kLabelCategories{"label_categories", "label_id"};

} // namespace

Result<std::vector<std::int64_t>> labelsCarrying(sql::Database& db, codebook::CategoryId category,
                                                 std::optional<std::int64_t> postId) {
    if (!postId)
        return sql::queryIntsBound(
            db, "SELECT label_id FROM label_categories WHERE category_id = ? ORDER BY label_id",
            category);
    return sql::queryIntsBound(
        db,
        "SELECT lc.label_id FROM label_categories lc JOIN labels l ON l.id = lc.label_id "
        "WHERE lc.category_id = ? AND l.post_id = ? ORDER BY lc.label_id",
        category, *postId);
}

Result<codebook::ReassignedRows> reassignCategoryUses(sql::Database& db,
                                                      codebook::CategoryId source,
                                                      codebook::CategoryId target,
                                                      const std::vector<std::int64_t>& labelIds) {
    auto rows = sql::reassignLinks(db, kLabelCategories, source, target, labelIds);
    if (!rows)
        return rows;
    // A quote follows its category, so that no quote names a category its label lost.
    auto quotes = moveQuoteCategory(db, kLabelQuotes, labelIds, source, target);
    if (!quotes)
        return quotes.error();
    rows->dependents = std::move(*quotes);
    return rows;
}

Status restoreCategoryUses(sql::Database& db, codebook::CategoryId source,
                           codebook::CategoryId target, const codebook::ReassignedRows& rows) {
    if (auto status = sql::restoreLinks(db, kLabelCategories, source, target, rows); !status)
        return status;
    return restoreQuoteCategory(db, kLabelQuotes, rows.dependents, source, target);
}

} // namespace taxo::labels
