#pragma once
// The codebook: the category tree (root, inner, leaf in the study; any depth in
// core). Every editing operation is one transaction that appends a change_log
// row, and returns a record from which its exact inverse restores the previous
// state of categories, category_examples, label_categories and
// decision_categories row for row (same ids, uids, positions). The GUI's undo
// commands hold these records; core owns every rule.
//
// Labels reference categories by id, so they follow a category through
// renames and moves without any rewriting; merges and reassignments rewrite
// label_categories rows and record exactly which rows they touched.

#include "core/store/link_rows.h"
#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace taxo::codebook {

using CategoryId = std::int64_t;

struct Category {
    CategoryId id = 0;
    std::string uid; // stable across files and exports
    std::optional<CategoryId> parentId;
    std::string name;
    std::string description;
    std::int64_t position = 0; // sort key among siblings
    std::string created;
    std::optional<std::int64_t> createdBy;
    std::string createdIn = "codebook"; // codebook | pilot | arbitration | import

    bool operator==(const Category&) const = default;
};

struct SiblingPosition {
    CategoryId id = 0;
    std::int64_t position = 0;
    bool operator==(const SiblingPosition&) const = default;
};

// ---- reading -------------------------------------------------------------

Result<Category> getCategory(sql::Database& db, CategoryId id);
// Children of parent (nullopt: the roots), in display order.
Result<std::vector<Category>> children(sql::Database& db, std::optional<CategoryId> parent);

// Which labels to count in listTree. The coder is optional twice over: an
// absent `coder` counts every coder's labels (the lead's view); a present one
// holding nullopt counts only the pilot consensus labels.
struct CountFilter {
    std::optional<std::int64_t> roundId;
    std::optional<std::optional<std::int64_t>> coder;
};

struct TreeEntry {
    Category category;
    int depth = 0;                 // 0 for a root
    std::int64_t labelCount = 0;   // labels carrying this category itself
    std::int64_t subtreePosts = 0; // distinct posts carrying it or a descendant
    bool hasChildren = false;
};

// The whole tree in pre-order (roots and siblings by position, then id).
Result<std::vector<TreeEntry>> listTree(sql::Database& db, const CountFilter& filter = {});

// Finds a category by its path of names from a root, e.g. {"Server/Cloud",
// "Model Export", "Model quantization"}. The error names the first missing step.
Result<Category> findByPath(sql::Database& db, const std::vector<std::string>& path);
Result<std::vector<std::string>> pathOf(sql::Database& db, CategoryId id);
// 0 for a root.
Result<int> depthOf(sql::Database& db, CategoryId id);
// The root above id (id itself for a root).
Result<CategoryId> rootOf(sql::Database& db, CategoryId id);

// ---- the three-level check ----------------------------------------------

struct LevelIssue {
    enum class Kind {
        UsedNotLeaf,    // labels or decisions carry a category that has children
        UsedWrongDepth, // labels or decisions carry a leaf that is not at leafDepth
        LeafWrongDepth, // an unused category without children that is not at leafDepth
    };
    Kind kind = Kind::UsedWrongDepth;
    CategoryId category = 0;
    std::vector<std::string> path;
    std::int64_t uses = 0; // label and decision rows carrying it
    std::string message;
};
// The study's taxonomy has three levels, so leaves sit at depth 2 (root = 0).
Result<std::vector<LevelIssue>> checkLevels(sql::Database& db, int leafDepth = 2);

// ---- editing: add / delete / restore -------------------------------------

struct NewCategory {
    std::optional<CategoryId> parentId;
    std::string name;
    std::string description;
    std::optional<std::int64_t> index; // among siblings; absent = last
    std::optional<std::int64_t> createdBy;
    std::string createdIn = "codebook";
};

// Everything needed to bring back a deleted category exactly.
struct CategorySnapshot {
    Category category;
    std::vector<std::int64_t> examplePostIds;
    std::vector<SiblingPosition> siblingsBefore; // positions of its old siblings and itself
};

// Rows of one use table (label_categories, decision_categories or
// category_examples) rewritten from a source category to a target.
using ReassignedRows = sql::ReassignedRows;

struct DeleteChange {
    CategorySnapshot removed;
    std::optional<CategoryId> reassignedTo;
    ReassignedRows labels;    // label_categories, by label id
    ReassignedRows decisions; // decision_categories, by decision id
};

// Adds a category; its inverse is deleteCategory(id). The sibling positions
// before the insertion are returned so that the delete restores them too.
struct AddChange {
    Category category;
    std::vector<SiblingPosition> siblingsBefore; // without the new category
    std::vector<SiblingPosition> siblingsAfter;  // with it
};
Result<AddChange> addCategory(sql::Database& db, const NewCategory& spec);
// Undo of addCategory: removes the (still unused, childless) category and
// puts the siblings' positions back.
Status undoAdd(sql::Database& db, const AddChange& change);
// Redo of addCategory after an undo: the same id, uid and positions.
Status redoAdd(sql::Database& db, const AddChange& change);

// Deletes a childless category. Refused while labels or decisions carry it,
// unless reassignTo names a leaf of the same root that takes those uses (a
// label carrying both keeps the target once). Its examples go with it and come
// back with restoreDeleted.
Result<DeleteChange> deleteCategory(sql::Database& db, CategoryId id,
                                    std::optional<CategoryId> reassignTo = std::nullopt);
Status restoreDeleted(sql::Database& db, const DeleteChange& change);

// ---- editing: rename / describe / examples / move -----------------------

struct RenameChange {
    CategoryId id = 0;
    std::string oldName;
    std::string newName;
    // A set names its root category by name (sets.root_name), so renaming a
    // root renames it in the sets that named it: these, by id.
    std::vector<std::int64_t> setsRenamed;
};
// Renames; a root's sets follow (see RenameChange::setsRenamed).
Result<RenameChange> renameCategory(sql::Database& db, CategoryId id, const std::string& newName);
// The exact inverse: the old name back, and the old root_name in exactly the
// sets the rename touched.
Status undoRename(sql::Database& db, const RenameChange& change);

struct DescriptionChange {
    CategoryId id = 0;
    std::string oldDescription;
    std::string newDescription;
};
// Inverse: setDescription(id, oldDescription).
Result<DescriptionChange> setDescription(sql::Database& db, CategoryId id,
                                         const std::string& description);

// Example posts of a category; inverse of each other. Adding a present
// example or removing an absent one is refused.
Status addExample(sql::Database& db, CategoryId id, std::int64_t postId);
Status removeExample(sql::Database& db, CategoryId id, std::int64_t postId);
Result<std::vector<std::int64_t>> examples(sql::Database& db, CategoryId id);
// Posts whose labels (any coder's) or decisions carry the category itself:
// the posts a split can move. For the lead's codebook, never for a coder.
Result<std::vector<std::int64_t>> postsCarrying(sql::Database& db, CategoryId id);

struct MoveChange {
    CategoryId id = 0;
    std::optional<CategoryId> oldParent;
    std::optional<CategoryId> newParent;
    std::int64_t newIndex = 0;
    // Positions of the old and the new sibling groups before the move.
    std::vector<SiblingPosition> positionsBefore;
};
// Moves id under newParent (nullopt: makes it a root) at index among its new
// siblings (clamped; absent = last). Refused into its own subtree or next to a
// sibling of the same name.
Result<MoveChange> moveCategory(sql::Database& db, CategoryId id,
                                std::optional<CategoryId> newParent,
                                std::optional<std::int64_t> index = std::nullopt);
// Moves back to the old parent with every sibling position as it was.
Status undoMove(sql::Database& db, const MoveChange& change);

// ---- editing: merge / split ----------------------------------------------

struct MergeChange {
    CategorySnapshot source; // the merged-away category as it was
    CategoryId target = 0;
    ReassignedRows labels;
    ReassignedRows decisions;
    ReassignedRows examples;                           // by post id
    std::vector<SiblingPosition> childrenMoved;        // source's children, old positions
    std::vector<SiblingPosition> targetChildrenBefore; // target's children before
};
// Merges source into target: labels, decisions and examples of source now
// carry target (once), source's children move under target, source is
// deleted. Refused when a child's name clashes with one of target's, when
// target is inside source, or when labels would end on a non-leaf or under
// another root.
Result<MergeChange> mergeCategory(sql::Database& db, CategoryId source, CategoryId target);
// Brings source back with its id, uid, children, examples and exactly the
// label and decision rows it had.
Status unmergeCategory(sql::Database& db, const MergeChange& change);

struct SplitChange {
    AddChange added; // the new sibling
    CategoryId source = 0;
    ReassignedRows labels; // moved from source to the new category
    ReassignedRows decisions;
};
// Creates a sibling of source named newName right after it and moves the
// chosen posts' labels and decisions from source to it. Every chosen post
// must carry source somewhere.
Result<SplitChange> splitCategory(sql::Database& db, CategoryId source, const std::string& newName,
                                  const std::vector<std::int64_t>& postIds,
                                  std::optional<std::int64_t> createdBy = std::nullopt);
Status unsplitCategory(sql::Database& db, const SplitChange& change);
// Redo after unsplitCategory: the new sibling back with the same id, uid and
// positions, and exactly the same label and decision rows moved to it.
// Refused, with no change, when those rows are no longer as they were.
Status redoSplit(sql::Database& db, const SplitChange& change);

} // namespace taxo::codebook
