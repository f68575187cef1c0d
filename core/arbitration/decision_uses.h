#pragma once
// The rows of decision_categories that carry one category: found, and rewritten to
// another category when the codebook merges, splits or reassigns it. arbitration owns
// decisions and their categories, so the codebook edits that move a category's uses
// (core/recoding) move them through these functions. None opens a transaction: the
// edit runs them in its own.

#include "core/codebook/codebook.h"
#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace taxo::arbitration {

// The decisions carrying `category` itself, by id ascending; with postId, only the
// decision on that post.
Result<std::vector<std::int64_t>>
decisionsCarrying(sql::Database& db, codebook::CategoryId category,
                  std::optional<std::int64_t> postId = std::nullopt);

// Makes the given decisions carry target instead of source; a decision that carries
// both keeps target once. Returns exactly which decisions were rewritten and which only
// lost source, for restoreCategoryUses.
Result<codebook::ReassignedRows> reassignCategoryUses(sql::Database& db,
                                                      codebook::CategoryId source,
                                                      codebook::CategoryId target,
                                                      const std::vector<std::int64_t>& decisionIds);
// The exact inverse of reassignCategoryUses; refused when a rewritten row has changed since.
Status restoreCategoryUses(sql::Database& db, codebook::CategoryId source,
                           codebook::CategoryId target, const codebook::ReassignedRows& rows);

} // namespace taxo::arbitration
