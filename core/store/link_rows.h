#pragma once
// Link tables: one row per (owner, category) pair, such as label_categories (a label's
// leaves), decision_categories (a decision's leaves) and category_examples (a
// category's example posts). Merging, splitting and reassigning a category rewrite such
// rows from one category to another; these helpers do it for the table's owner and
// record exactly which rows they touched, so that the inverse puts every row back.
// Neither opens a transaction: the edit that calls them runs in one.

#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <cstdint>
#include <vector>

namespace taxo::sql {

// A link table and the column naming its owner; the category column is category_id.
// The names are the owning module's constants, never user text.
struct LinkTable {
    const char* table;
    const char* ownerColumn;
};

// The owners whose row a reassignment rewrote from a source category to a target.
struct ReassignedRows {
    std::vector<std::int64_t> moved;   // owner ids whose source row became a target row
    std::vector<std::int64_t> dropped; // owner ids that already had the target: source row removed
    // Rows of a table that hangs off the owners and names the category too (a label's or
    // a decision's quotes), by id, that the owner moved from source to target with them.
    std::vector<std::int64_t> dependents;
    bool operator==(const ReassignedRows&) const = default;
};

// Rewrites the rows of `owners` from source to target; an owner that already carries
// target just loses its source row.
Result<ReassignedRows> reassignLinks(Database& db, const LinkTable& link, std::int64_t source,
                                     std::int64_t target, const std::vector<std::int64_t>& owners);
// The exact inverse of reassignLinks. Refused when a moved row is no longer where the
// reassignment put it (the caller's transaction then rolls back).
Status restoreLinks(Database& db, const LinkTable& link, std::int64_t source, std::int64_t target,
                    const ReassignedRows& rows);

} // namespace taxo::sql
