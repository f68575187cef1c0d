#pragma once
// The codebook: the category tree (root, inner, leaf in the study; any depth in
// core). Every editing operation is one transaction that appends a change_log
// row, and returns a record from which its exact inverse restores the previous
// state row for row (same ids, uids, positions). The GUI's undo commands hold
// these records; core owns every rule.
//
// Labels reference categories by id, so they follow a category through
// renames and moves without any rewriting. The edits that may also rewrite
// what points at a category (delete, which may reassign its uses; rename,
// which renames a root in the sets; merge; split) are made in core/recoding
// from the codebook's steps (codebook_steps.h) and the rewrites of the owners
// of those rows; their change records are declared here with the codebook's own.

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

// ---- editing: add; the records of delete ---------------------------------

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

// A deleted category (recoding::deleteCategory, undone by recoding::restoreDeleted).
struct DeleteChange {
    CategorySnapshot removed;
    std::optional<CategoryId> reassignedTo;
    ReassignedRows labels;    // label_categories, by label id
    ReassignedRows decisions; // decision_categories, by decision id
};

// Adds a category; its inverse is undoAdd. The sibling positions before the
// insertion are returned so that the undo restores them too.
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

// A category as a codebook from elsewhere gives it (the REFI-QDA import): its own
// uid, name and description, created_in "import".
struct ImportedCategory {
    std::string uid;
    std::optional<CategoryId> parentId;
    std::string name;
    std::string description;
    std::string created; // UTC time stamp
};
// Adds it after its siblings and returns its id. No transaction or change_log row of
// its own: an import adds a whole codebook in one transaction and logs it once.
Result<CategoryId> addImportedCategory(sql::Database& db, const ImportedCategory& category);

// ---- editing: rename / describe / examples / move -----------------------

// A renamed category (recoding::renameCategory, undone by recoding::undoRename).
struct RenameChange {
    CategoryId id = 0;
    std::string oldName;
    std::string newName;
    // A set names its root category by name (sets.root_name), so renaming a
    // root renames it in the sets that named it: these, by id.
    std::vector<std::int64_t> setsRenamed;
};

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

// ---- the records of merge and split --------------------------------------

// A category merged into another (recoding::mergeCategory, undone by
// recoding::unmergeCategory).
struct MergeChange {
    CategorySnapshot source; // the merged-away category as it was
    CategoryId target = 0;
    ReassignedRows labels;
    ReassignedRows decisions;
    ReassignedRows examples;                           // by post id
    std::vector<SiblingPosition> childrenMoved;        // source's children, old positions
    std::vector<SiblingPosition> targetChildrenBefore; // target's children before
};

// A category split in two (recoding::splitCategory, undone by
// recoding::unsplitCategory, redone by recoding::redoSplit).
struct SplitChange {
    AddChange added; // the new sibling
    CategoryId source = 0;
    ReassignedRows labels; // moved from source to the new category
    ReassignedRows decisions;
};

} // namespace taxo::codebook
