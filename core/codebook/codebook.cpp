// The codebook's queries and the edits that touch categories and examples alone (add,
// describe, examples, move). The steps of delete, rename, merge and split are in
// codebook_steps.cpp; the edits themselves in core/recoding.

#include "core/codebook/codebook.h"

#include "core/codebook/codebook_internal.h"
#include "core/store/change_log.h"
#include "core/store/statements.h"
#include "core/util/ids.h"

#include <algorithm>
#include <map>
#include <set>

namespace taxo::codebook {

using detail::inQuotes;
using detail::toJson;
using sql::inTransaction;

// ---- reading -------------------------------------------------------------

Result<Category> getCategory(sql::Database& db, CategoryId id) {
    return detail::readCategory(db, id);
}

Result<std::vector<Category>> children(sql::Database& db, std::optional<CategoryId> parent) {
    return detail::readChildren(db, parent);
}

Result<std::vector<TreeEntry>> listTree(sql::Database& db, const CountFilter& filter) {
    // Load everything once and walk in memory: codebooks have at most a few
    // hundred categories, and one pass keeps the counts consistent.
    auto ids = sql::queryIntsBound(db, "SELECT id FROM categories ORDER BY position, id");
    if (!ids)
        return ids.error();
    std::map<std::optional<CategoryId>, std::vector<Category>> byParent;
    std::map<CategoryId, std::optional<CategoryId>> parentOf;
    for (const auto id : *ids) {

        auto category = detail::readCategory(db, id);
        if (!category)
            return category.error();
        parentOf[id] = category->parentId;
        byParent[category->parentId].push_back(std::move(*category));
    }

    std::map<CategoryId, std::int64_t> labelCounts;
    std::map<CategoryId, std::set<std::int64_t>> posts;
    // Plain integers rather than nested optionals: 0 = every coder, 1 = the
    // pilot consensus (coder NULL), 2 = the coder in ?3.
    std::int64_t coderMode = 0;
    std::int64_t coderId = 0;
    if (filter.coder) {
        coderMode = filter.coder->has_value() ? 2 : 1;
        coderId = filter.coder->value_or(0);
    }
    const auto countUse = [&](sql::Statement& row) {
        const auto category = row.columnInt(0);
        const auto post = row.columnInt(1);
        ++labelCounts[category];
        // A post counts once in every ancestor, however many of its leaves it carries.
        std::optional<CategoryId> walk = category;
        for (int guard = 0; walk && guard < 10000; ++guard) {
            posts[*walk].insert(post);
            const auto parent = parentOf.find(*walk);
            walk = parent == parentOf.end() ? std::nullopt : parent->second;
        }
    };
    if (auto status = sql::forEachRow(db,
                                      "SELECT lc.category_id, l.post_id FROM label_categories lc "
                                      "JOIN labels l ON l.id = lc.label_id "
                                      "WHERE (?1 IS NULL OR l.round_id = ?1) "
                                      "AND (?2 = 0 OR (?2 = 1 AND l.coder_id IS NULL) "
                                      "OR (?2 = 2 AND l.coder_id = ?3))",
                                      countUse, filter.roundId, coderMode, coderId);
        !status)
        return status.error();

    // Pre-order with an explicit stack rather than recursion: a codebook imported from
    // elsewhere may be deep, and its depth must never decide the stack's.
    std::vector<TreeEntry> tree;
    struct Level {
        const std::vector<Category>* siblings;
        std::size_t next;
    };
    std::vector<Level> stack;
    if (const auto roots = byParent.find(std::nullopt); roots != byParent.end())
        stack.push_back({&roots->second, 0});
    while (!stack.empty()) {
        auto& level = stack.back();
        if (level.next == level.siblings->size()) {
            stack.pop_back();
            continue;
        }
        const auto& category = (*level.siblings)[level.next++];
        TreeEntry entry;
        entry.category = category;
        entry.depth = static_cast<int>(stack.size()) - 1;
        entry.labelCount = labelCounts[category.id];
        entry.subtreePosts = static_cast<std::int64_t>(posts[category.id].size());
        const auto children = byParent.find(category.id);
        entry.hasChildren = children != byParent.end();
        tree.push_back(std::move(entry));
        if (children != byParent.end())
            stack.push_back({&children->second, 0});
    }
    return tree;
}

Result<Category> findByPath(sql::Database& db, const std::vector<std::string>& path) {
    if (path.empty())
        return makeError("an empty category path names no category");
    std::optional<CategoryId> parent;
    std::string walked;
    for (const auto& name : path) {
        auto id = sql::queryOptionalIntBound(
            db, "SELECT id FROM categories WHERE parent_id IS ? AND name = ?", parent, name);
        if (!id)
            return id.error();
        if (!*id)
            return makeError(walked.empty() ? "no root category named " + inQuotes(name)
                                            : "no category named " + inQuotes(name) + " under " +
                                                  inQuotes(walked));
        parent = **id;
        walked += (walked.empty() ? "" : " / ") + name;
    }
    return detail::readCategory(db, *parent);
}

Result<std::vector<std::string>> pathOf(sql::Database& db, CategoryId id) {
    std::vector<std::string> path;
    std::optional<CategoryId> walk = id;
    // The guard stops a corrupted file with a parent cycle from hanging the program.
    for (int guard = 0; walk; ++guard) {
        if (guard > 10000)
            return makeError("the category tree has a cycle at id " + std::to_string(id));
        auto category = detail::readCategory(db, *walk);
        if (!category)
            return category.error();
        path.push_back(category->name);
        walk = category->parentId;
    }
    std::reverse(path.begin(), path.end());
    return path;
}

Result<int> depthOf(sql::Database& db, CategoryId id) {
    auto path = pathOf(db, id);
    if (!path)
        return path.error();
    return static_cast<int>(path->size()) - 1;
}

Result<CategoryId> rootOf(sql::Database& db, CategoryId id) {
    CategoryId walk = id;
    for (int guard = 0; guard <= 10000; ++guard) {
        auto category = detail::readCategory(db, walk);
        if (!category)
            return category.error();
        if (!category->parentId)
            return walk;
        walk = *category->parentId;
    }
    return makeError("the category tree has a cycle at id " + std::to_string(id));
}

Result<std::vector<LevelIssue>> checkLevels(sql::Database& db, int leafDepth) {
    auto tree = listTree(db);
    if (!tree)
        return tree.error();
    std::vector<LevelIssue> issues;
    // listTree is in pre-order with depths, so the path is a stack of names:
    // no query per category, which kept the Codebook page slow at 500 categories.
    std::vector<std::string> path;
    for (const auto& entry : *tree) {
        path.resize(static_cast<std::size_t>(entry.depth));
        path.push_back(entry.category.name);
        auto uses = detail::useCount(db, entry.category.id);
        if (!uses)
            return uses.error();
        std::string joined;
        for (const auto& name : path)
            joined += (joined.empty() ? "" : " / ") + name;
        LevelIssue issue;
        issue.category = entry.category.id;
        issue.path = path;
        issue.uses = *uses;
        const std::string level = "level " + std::to_string(entry.depth + 1);
        const std::string leafLevel = "level " + std::to_string(leafDepth + 1);
        if (*uses > 0 && entry.hasChildren) {
            issue.kind = LevelIssue::Kind::UsedNotLeaf;
            issue.message = joined + ": used by " + std::to_string(*uses) +
                            " label(s) or decision(s) but has subcategories";
        } else if (*uses > 0 && entry.depth != leafDepth) {
            issue.kind = LevelIssue::Kind::UsedWrongDepth;
            issue.message = joined + ": a leaf used by " + std::to_string(*uses) +
                            " label(s) or decision(s) at " + level + ", leaves belong at " +
                            leafLevel;
        } else if (*uses == 0 && !entry.hasChildren && entry.depth != leafDepth) {
            issue.kind = LevelIssue::Kind::LeafWrongDepth;
            issue.message = joined + ": a category without subcategories at " + level +
                            ", leaves belong at " + leafLevel;
        } else {
            continue;
        }
        issues.push_back(std::move(issue));
    }
    return issues;
}

// ---- add -----------------------------------------------------------------

namespace {

// Puts id at index among the ordered siblings and numbers them 0..n-1.
Status placeAt(sql::Database& db, std::optional<CategoryId> parent, CategoryId id,
               std::int64_t index) {
    auto siblings = detail::siblingPositions(db, parent);
    if (!siblings)
        return siblings.error();
    std::vector<CategoryId> order;
    for (const auto& s : *siblings)
        if (s.id != id)
            order.push_back(s.id);
    const auto at = std::clamp<std::int64_t>(index, 0, static_cast<std::int64_t>(order.size()));
    order.insert(order.begin() + at, id);
    std::vector<SiblingPosition> numbered;
    for (std::size_t i = 0; i < order.size(); ++i)
        numbered.push_back({order[i], static_cast<std::int64_t>(i)});
    return detail::restorePositions(db, numbered);
}

bool validOrigin(const std::string& createdIn) {
    return createdIn == "codebook" || createdIn == "pilot" || createdIn == "arbitration" ||
           createdIn == "import";
}

} // namespace

Result<AddChange> detail::addCategoryRow(sql::Database& db, const NewCategory& spec) {
    if (auto status = detail::requireParent(db, spec.parentId); !status)
        return status.error();
    if (!validOrigin(spec.createdIn))
        return makeError("unknown origin " + inQuotes(spec.createdIn) +
                         " (codebook, pilot, arbitration or import)");
    auto name = detail::checkedName(db, spec.parentId, spec.name, std::nullopt);
    if (!name)
        return name.error();
    AddChange change;
    auto before = detail::siblingPositions(db, spec.parentId);
    if (!before)
        return before.error();
    change.siblingsBefore = *before;
    std::int64_t position = 0;
    for (const auto& s : *before)
        position = std::max(position, s.position + 1);
    if (auto status = sql::runBound(db,
                                    "INSERT INTO categories(uid, parent_id, name, description, "
                                    "position, created, created_by, created_in) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                    newUuid(), spec.parentId, *name, spec.description, position,
                                    utcNowIso(), spec.createdBy, spec.createdIn);
        !status)
        return status.error();
    const CategoryId id = db.lastInsertRowId();
    if (spec.index && *spec.index < static_cast<std::int64_t>(before->size())) {
        if (auto status = placeAt(db, spec.parentId, id, *spec.index); !status)
            return status.error();
    }
    auto after = detail::siblingPositions(db, spec.parentId);
    if (!after)
        return after.error();
    change.siblingsAfter = *after;
    auto row = detail::readCategory(db, id);
    if (!row)
        return row.error();
    change.category = *row;
    return change;
}

Status detail::removeAddedRow(sql::Database& db, const AddChange& change) {
    const auto& category = change.category;
    auto row = detail::readCategory(db, category.id);
    if (!row)
        return makeError("cannot undo adding " + inQuotes(category.name) + ": " + row.message());
    auto uses = detail::useCount(db, category.id);
    auto kids = detail::childCount(db, category.id);
    auto shown = detail::examplePosts(db, category.id);
    if (!uses || !kids || !shown)
        return makeError("cannot read the codebook");
    if (*uses > 0 || *kids > 0 || !shown->empty())
        return makeError("cannot undo adding " + inQuotes(category.name) +
                         ": it has labels, subcategories or examples now");
    if (auto status = detail::requireNoRoles(db, *row, "remove"); !status)
        return status;
    if (auto status = detail::deleteCategoryRow(db, category.id); !status)
        return status;
    return detail::restorePositions(db, change.siblingsBefore);
}

Result<AddChange> addCategory(sql::Database& db, const NewCategory& spec) {
    return inTransaction(db, [&]() -> Result<AddChange> {
        auto change = detail::addCategoryRow(db, spec);
        if (!change)
            return change;
        if (auto status = changelog::append(db, "codebook.add", toJson(change->category)); !status)
            return status.error();
        return change;
    });
}

Status undoAdd(sql::Database& db, const AddChange& change) {
    return inTransaction(db, [&]() -> Status {
        if (auto status = detail::removeAddedRow(db, change); !status)
            return status;
        return changelog::append(db, "codebook.add.undo", toJson(change.category));
    });
}

Status redoAdd(sql::Database& db, const AddChange& change) {
    return inTransaction(db, [&]() -> Status {
        if (auto status = reinsertAddedCategory(db, change); !status)
            return status;
        return changelog::append(db, "codebook.add.redo", toJson(change.category));
    });
}

Result<CategoryId> addImportedCategory(sql::Database& db, const ImportedCategory& category) {
    auto siblings = detail::siblingPositions(db, category.parentId);
    if (!siblings)
        return siblings.error();
    std::int64_t position = 0;
    for (const auto& s : *siblings)
        position = std::max(position, s.position + 1);
    if (auto status = sql::runBound(db,
                                    "INSERT INTO categories(uid, parent_id, name, description, "
                                    "position, created, created_in) "
                                    "VALUES (?, ?, ?, ?, ?, ?, 'import')",
                                    category.uid, category.parentId, category.name,
                                    category.description, position, category.created);
        !status)
        return status.error();
    return db.lastInsertRowId();
}

Status removeAddedCategory(sql::Database& db, const AddChange& change) {
    return detail::removeAddedRow(db, change);
}

Status reinsertAddedCategory(sql::Database& db, const AddChange& change) {
    if (auto status = detail::requireParent(db, change.category.parentId); !status)
        return status;
    if (auto name =
            detail::checkedName(db, change.category.parentId, change.category.name, std::nullopt);
        !name)
        return name.error();
    if (auto status = detail::insertCategoryRow(db, change.category); !status)
        return status;
    return detail::restorePositions(db, change.siblingsAfter);
}

// ---- describe / examples -------------------------------------------------

Result<DescriptionChange> setDescription(sql::Database& db, CategoryId id,
                                         const std::string& description) {
    return inTransaction(db, [&]() -> Result<DescriptionChange> {
        auto category = detail::readCategory(db, id);
        if (!category)
            return category.error();
        if (auto status = sql::runBound(db, "UPDATE categories SET description = ? WHERE id = ?",
                                        description, id);
            !status)
            return status.error();
        DescriptionChange change{id, category->description, description};
        if (auto status = changelog::append(
                db, "codebook.describe",
                {{"id", id}, {"from", change.oldDescription}, {"to", change.newDescription}});
            !status)
            return status.error();
        return change;
    });
}

Status addExample(sql::Database& db, CategoryId id, std::int64_t postId) {
    return inTransaction(db, [&]() -> Status {
        auto category = detail::readCategory(db, id);
        if (!category)
            return category.error();
        auto post = sql::queryIntBound(db, "SELECT count(*) FROM posts WHERE id = ?", postId);
        if (!post)
            return post.error();
        if (*post == 0)
            return makeError("no post with id " + std::to_string(postId));
        auto present = sql::queryIntBound(
            db, "SELECT count(*) FROM category_examples WHERE category_id = ? AND post_id = ?", id,
            postId);
        if (!present)
            return present.error();
        if (*present > 0)
            return makeError("post " + std::to_string(postId) + " is already an example of " +
                             inQuotes(category->name));
        if (auto status = sql::runBound(
                db, "INSERT INTO category_examples(category_id, post_id) VALUES (?, ?)", id,
                postId);
            !status)
            return status;
        return changelog::append(db, "codebook.example.add", {{"id", id}, {"post", postId}});
    });
}

Status removeExample(sql::Database& db, CategoryId id, std::int64_t postId) {
    return inTransaction(db, [&]() -> Status {
        auto category = detail::readCategory(db, id);
        if (!category)
            return category.error();
        if (auto status = sql::runBound(
                db, "DELETE FROM category_examples WHERE category_id = ? AND post_id = ?", id,
                postId);
            !status)
            return status;
        if (db.changes() == 0)
            return makeError("post " + std::to_string(postId) + " is not an example of " +
                             inQuotes(category->name));
        return changelog::append(db, "codebook.example.remove", {{"id", id}, {"post", postId}});
    });
}

Result<std::vector<std::int64_t>> examples(sql::Database& db, CategoryId id) {
    return detail::examplePosts(db, id);
}

Result<std::vector<std::int64_t>> postsCarrying(sql::Database& db, CategoryId id) {
    return sql::queryIntsBound(
        db,
        "SELECT l.post_id FROM labels l JOIN label_categories lc ON lc.label_id = l.id "
        "WHERE lc.category_id = ?1 UNION "
        "SELECT d.post_id FROM decisions d JOIN decision_categories dc ON dc.decision_id = d.id "
        "WHERE dc.category_id = ?1 ORDER BY 1",
        id);
}

// ---- move ----------------------------------------------------------------

Result<MoveChange> moveCategory(sql::Database& db, CategoryId id,
                                std::optional<CategoryId> newParent,
                                std::optional<std::int64_t> index) {
    return inTransaction(db, [&]() -> Result<MoveChange> {
        auto category = detail::readCategory(db, id);
        if (!category)
            return category.error();
        if (auto status = detail::requireParent(db, newParent); !status)
            return status.error();
        if (newParent) {
            auto chain = detail::ancestorsAndSelf(db, *newParent);
            if (!chain)
                return chain.error();
            if (std::find(chain->begin(), chain->end(), id) != chain->end())
                return makeError("cannot move " + inQuotes(category->name) +
                                 " into itself or one of its subcategories");
            auto parent = detail::readCategory(db, *newParent);
            if (!parent)
                return parent.error();
            auto parentUses = detail::useCount(db, *newParent);
            if (!parentUses)
                return parentUses.error();
            if (*parentUses > 0)
                return makeError("cannot move " + inQuotes(category->name) + " under " +
                                 inQuotes(parent->name) + ": " + std::to_string(*parentUses) +
                                 " label(s) or decision(s) carry " + inQuotes(parent->name) +
                                 ", so it must stay a leaf");
        }
        if (auto name = detail::checkedName(db, newParent, category->name, id); !name)
            return name.error();
        auto subtreeUses = detail::subtreeUseCount(db, id);
        if (!subtreeUses)
            return subtreeUses.error();
        if (*subtreeUses > 0) {
            auto oldRoot = rootOf(db, id);
            if (!oldRoot)
                return oldRoot.error();
            CategoryId newRoot = id;
            if (newParent) {
                auto root = rootOf(db, *newParent);
                if (!root)
                    return root.error();
                newRoot = *root;
            }
            if (newRoot != *oldRoot)
                return makeError("cannot move " + inQuotes(category->name) +
                                 " to another root: labels carry it or its subcategories, and a "
                                 "label's leaves must stay under the roots of the post's sets");
        }
        MoveChange change;
        change.id = id;
        change.oldParent = category->parentId;
        change.newParent = newParent;
        auto oldGroup = detail::siblingPositions(db, category->parentId);
        if (!oldGroup)
            return oldGroup.error();
        change.positionsBefore = *oldGroup;
        std::int64_t destinationSize = static_cast<std::int64_t>(oldGroup->size()) - 1;
        if (newParent != category->parentId) {
            auto newGroup = detail::siblingPositions(db, newParent);
            if (!newGroup)
                return newGroup.error();
            change.positionsBefore.insert(change.positionsBefore.end(), newGroup->begin(),
                                          newGroup->end());
            destinationSize = static_cast<std::int64_t>(newGroup->size());
        }
        change.newIndex =
            std::clamp<std::int64_t>(index.value_or(destinationSize), 0, destinationSize);
        if (auto status = sql::runBound(db, "UPDATE categories SET parent_id = ? WHERE id = ?",
                                        newParent, id);
            !status)
            return status.error();
        if (auto status = placeAt(db, newParent, id, change.newIndex); !status)
            return status.error();
        nlohmann::json details = {{"id", id}, {"index", change.newIndex}};
        details["from"] = change.oldParent ? nlohmann::json(*change.oldParent) : nlohmann::json();
        details["to"] = newParent ? nlohmann::json(*newParent) : nlohmann::json();
        if (auto status = changelog::append(db, "codebook.move", details); !status)
            return status.error();
        return change;
    });
}

Status undoMove(sql::Database& db, const MoveChange& change) {
    return inTransaction(db, [&]() -> Status {
        auto category = detail::readCategory(db, change.id);
        if (!category)
            return category.error();
        if (category->parentId != change.newParent)
            return makeError("cannot undo the move of " + inQuotes(category->name) +
                             ": it has moved since");
        if (auto status = detail::requireParent(db, change.oldParent); !status)
            return status;
        if (auto name = detail::checkedName(db, change.oldParent, category->name, change.id); !name)
            return name.error();
        if (auto status = sql::runBound(db, "UPDATE categories SET parent_id = ? WHERE id = ?",
                                        change.oldParent, change.id);
            !status)
            return status;
        if (auto status = detail::restorePositions(db, change.positionsBefore); !status)
            return status;
        nlohmann::json details = {{"id", change.id}};
        details["to"] = change.oldParent ? nlohmann::json(*change.oldParent) : nlohmann::json();
        return changelog::append(db, "codebook.move.undo", details);
    });
}

namespace detail {

// id and every category above it.
Result<std::vector<CategoryId>> ancestorsAndSelf(sql::Database& db, CategoryId id) {
    std::vector<CategoryId> chain;
    std::optional<CategoryId> walk = id;
    for (int guard = 0; walk; ++guard) {
        if (guard > 10000)
            return makeError("the category tree has a cycle at id " + std::to_string(id));
        auto category = detail::readCategory(db, *walk);
        if (!category)
            return category.error();
        chain.push_back(*walk);
        walk = category->parentId;
    }
    return chain;
}

} // namespace detail

} // namespace taxo::codebook
