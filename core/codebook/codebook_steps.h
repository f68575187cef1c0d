#pragma once
// The codebook's side of the edits that also move what points at a category: delete
// with reassignment, rename, merge, split and their inverses. Labels, decisions and
// sets point at categories, and their owners (labels, arbitration, select) come after
// the codebook in the layer order, so those edits live above them, in core/recoding:
// one transaction that runs these steps beside the owners' own rewrites and appends one
// change_log row. Each step keeps the codebook's rules and writes categories and
// category_examples only; none opens a transaction or appends to the change log.

#include "core/codebook/codebook.h"

#include <nlohmann/json.hpp>

namespace taxo::codebook {

// ---- delete --------------------------------------------------------------

// The checks of deleting id: it exists, has no subcategories and no person role points
// at it; while labels or decisions carry it, reassignTo must name another category that
// may take those uses (a leaf under the same root). A reassignTo is checked even when
// nothing carries id. Writes nothing; returns what brings the category back.
Result<CategorySnapshot> prepareDelete(sql::Database& db, CategoryId id,
                                       std::optional<CategoryId> reassignTo);
// Deletes the category of `removed` and its examples; its uses must have gone.
Status deleteCategoryRows(sql::Database& db, const CategorySnapshot& removed);
// The inverse: the category back with its id, uid, sibling positions and examples.
Status restoreCategoryRows(sql::Database& db, const CategorySnapshot& removed);

// ---- rename --------------------------------------------------------------

// Renames the category; the sets that name a root are not the codebook's, so
// setsRenamed is left empty.
Result<RenameChange> renameCategoryRow(sql::Database& db, CategoryId id,
                                       const std::string& newName);
// The old name back; refused when the category has been renamed since.
Status undoRenameRow(sql::Database& db, const RenameChange& change);

// ---- merge ---------------------------------------------------------------

// The checks of merging source into target and the codebook's part of the record:
// source as it was (with its examples), target, and the positions of both groups of
// children. Writes nothing; labels, decisions and examples are left empty.
Result<MergeChange> prepareMerge(sql::Database& db, CategoryId source, CategoryId target);
// Source's examples become target's (a post that is an example of both stays once).
Result<ReassignedRows> mergeExamples(sql::Database& db, const MergeChange& change);
// Source's children go under target after its own, in their order; source is deleted.
Status mergeCategoryRows(sql::Database& db, const MergeChange& change);
// The inverse of mergeCategoryRows: source back with its id and uid, its children
// back under it, every position as it was.
Status unmergeCategoryRows(sql::Database& db, const MergeChange& change);
// The inverse of mergeExamples, with the rows change.examples recorded.
Status unmergeExamples(sql::Database& db, const MergeChange& change);

// ---- split and other added categories ------------------------------------

// A new sibling of source named name, right after it: the category a split moves
// uses to.
Result<AddChange> addSiblingAfter(sql::Database& db, const Category& source,
                                  const std::string& name, std::optional<std::int64_t> createdBy);
// Removes an added category while it has no uses, subcategories, examples or person
// roles, and puts its siblings' positions back (undoAdd without its transaction).
Status removeAddedCategory(sql::Database& db, const AddChange& change);
// Puts an added category back with the same id, uid and positions (redoAdd without
// its transaction).
Status reinsertAddedCategory(sql::Database& db, const AddChange& change);

// ---- the change log's words ----------------------------------------------

nlohmann::json toJson(const Category& category);
nlohmann::json toJson(const ReassignedRows& rows);

} // namespace taxo::codebook
