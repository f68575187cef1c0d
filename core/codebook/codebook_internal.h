#pragma once
// Helpers shared by the codebook's translation units. Not part of the API:
// none of these opens a transaction; the public operations do.

#include "core/codebook/codebook.h"
#include "core/codebook/codebook_steps.h"

#include <nlohmann/json.hpp>

namespace taxo::codebook::detail {

Result<Category> readCategory(sql::Database& db, CategoryId id);
// Refuses a parent that does not exist; nullopt (a root) is fine.
Status requireParent(sql::Database& db, std::optional<CategoryId> parent);
// id and every category above it, nearest first; refuses a cycle.
Result<std::vector<CategoryId>> ancestorsAndSelf(sql::Database& db, CategoryId id);
Result<std::vector<Category>> readChildren(sql::Database& db, std::optional<CategoryId> parent);
Result<std::vector<SiblingPosition>> siblingPositions(sql::Database& db,
                                                      std::optional<CategoryId> parent);
Status restorePositions(sql::Database& db, const std::vector<SiblingPosition>& positions);
Status insertCategoryRow(sql::Database& db, const Category& category);
Status deleteCategoryRow(sql::Database& db, CategoryId id);

// Label and decision rows carrying id itself.
Result<std::int64_t> useCount(sql::Database& db, CategoryId id);
// The same, the labels and the decisions counted apart.
struct UseCounts {
    std::int64_t labels = 0;
    std::int64_t decisions = 0;
};
Result<UseCounts> useCounts(sql::Database& db, CategoryId id);
// The same over id and every descendant.
Result<std::int64_t> subtreeUseCount(sql::Database& db, CategoryId id);
Result<std::int64_t> childCount(sql::Database& db, CategoryId id);
// Refuses when a person's role (an arbitrator's root) points at id.
Status requireNoRoles(sql::Database& db, const Category& category, const std::string& what);

// Trims the name and refuses an empty one or a sibling's name.
Result<std::string> checkedName(sql::Database& db, std::optional<CategoryId> parent,
                                const std::string& name, std::optional<CategoryId> self);

// The posts that are examples of category, by id.
Result<std::vector<std::int64_t>> examplePosts(sql::Database& db, CategoryId category);
// Makes those posts examples of target instead of source; a post that already is one
// just stops being an example of source.
Result<ReassignedRows> reassignExamples(sql::Database& db, CategoryId source, CategoryId target,
                                        const std::vector<std::int64_t>& postIds);
// The exact inverse of reassignExamples.
Status restoreExamples(sql::Database& db, CategoryId source, CategoryId target,
                       const ReassignedRows& rows);

// Refuses to let labels end on a non-leaf or under another root.
Status checkUsesMayMove(sql::Database& db, const Category& source, const Category& target,
                        bool targetWillHaveChildren);

// addCategory and the inverse of it without their transaction and log row,
// for operations that add a category as one of their steps (split, codes).
Result<AddChange> addCategoryRow(sql::Database& db, const NewCategory& spec);
Status removeAddedRow(sql::Database& db, const AddChange& change);

std::string inQuotes(const std::string& name);
using codebook::toJson;

} // namespace taxo::codebook::detail
