#pragma once
// Recoding: the codebook edits that also rewrite what points at a category, so that
// labels and decisions follow their categories and sets their roots. Delete (which may
// reassign the category's uses), rename (a root is renamed in the sets that name it),
// merge and split, each with its exact inverse.
//
// Every table has one owner (CONTRIBUTING.md, "Table owners"), and the owners of those
// rows come after the codebook in the layer order: labels (label_categories),
// arbitration (decision_categories), select (sets.root_name). So each edit here is one
// transaction that runs the codebook's steps (core/codebook/codebook_steps.h) and the
// owners' own rewrites, which return exactly which rows they touched, and appends one
// change_log row. The change records are the codebook's (core/codebook/codebook.h).

#include "core/codebook/codebook.h"
#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace taxo::recoding {

using codebook::CategoryId;

// Deletes a childless category. Refused while labels or decisions carry it,
// unless reassignTo names a leaf of the same root that takes those uses (a
// label carrying both keeps the target once). Its examples go with it and come
// back with restoreDeleted.
Result<codebook::DeleteChange> deleteCategory(sql::Database& db, CategoryId id,
                                              std::optional<CategoryId> reassignTo = std::nullopt);
Status restoreDeleted(sql::Database& db, const codebook::DeleteChange& change);

// Renames; a root's sets follow (see RenameChange::setsRenamed).
Result<codebook::RenameChange> renameCategory(sql::Database& db, CategoryId id,
                                              const std::string& newName);
// The exact inverse: the old name back, and the old root_name in exactly the
// sets the rename touched.
Status undoRename(sql::Database& db, const codebook::RenameChange& change);

// Merges source into target: labels, decisions and examples of source now
// carry target (once), source's children move under target, source is
// deleted. Refused when a child's name clashes with one of target's, when
// target is inside source, or when labels would end on a non-leaf or under
// another root.
Result<codebook::MergeChange> mergeCategory(sql::Database& db, CategoryId source,
                                            CategoryId target);
// Brings source back with its id, uid, children, examples and exactly the
// label and decision rows it had.
Status unmergeCategory(sql::Database& db, const codebook::MergeChange& change);

// Creates a sibling of source named newName right after it and moves the
// chosen posts' labels and decisions from source to it. Every chosen post
// must carry source somewhere.
Result<codebook::SplitChange> splitCategory(sql::Database& db, CategoryId source,
                                            const std::string& newName,
                                            const std::vector<std::int64_t>& postIds,
                                            std::optional<std::int64_t> createdBy = std::nullopt);
Status unsplitCategory(sql::Database& db, const codebook::SplitChange& change);
// Redo after unsplitCategory: the new sibling back with the same id, uid and
// positions, and exactly the same label and decision rows moved to it.
// Refused, with no change, when those rows are no longer as they were.
Status redoSplit(sql::Database& db, const codebook::SplitChange& change);

} // namespace taxo::recoding
