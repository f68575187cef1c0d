// The codebook's side of delete, rename, merge and split (codebook_steps.h): the
// rules on the category tree and the rows of categories and category_examples. The
// edits themselves, with the uses in labels, decisions and sets, are core/recoding's.

#include "core/codebook/codebook_steps.h"

#include "core/codebook/codebook_internal.h"
#include "core/store/statements.h"

#include <algorithm>
#include <set>

namespace taxo::codebook {

using detail::inQuotes;

namespace {

bool contains(const std::vector<CategoryId>& ids, CategoryId id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

} // namespace

// ---- delete --------------------------------------------------------------

Result<CategorySnapshot> prepareDelete(sql::Database& db, CategoryId id,
                                       std::optional<CategoryId> reassignTo) {
    auto category = detail::readCategory(db, id);
    if (!category)
        return category.error();
    auto kids = detail::childCount(db, id);
    if (!kids)
        return kids.error();
    if (*kids > 0)
        return makeError("cannot delete " + inQuotes(category->name) + ": it has " +
                         std::to_string(*kids) +
                         " subcategories; move or delete them first, or merge it");
    if (auto status = detail::requireNoRoles(db, *category, "delete"); !status)
        return status.error();
    auto uses = detail::useCounts(db, id);
    auto exampleOwners = detail::examplePosts(db, id);
    if (!uses || !exampleOwners)
        return makeError("cannot read the uses of " + inQuotes(category->name));
    const bool used = uses->labels > 0 || uses->decisions > 0;
    if (used && !reassignTo)
        return makeError("cannot delete " + inQuotes(category->name) + ": " +
                         std::to_string(uses->labels) + " label(s) and " +
                         std::to_string(uses->decisions) +
                         " decision(s) carry it; choose a category to reassign them to");
    if (reassignTo) {
        if (*reassignTo == id)
            return makeError("cannot reassign " + inQuotes(category->name) + " to itself");
        auto target = detail::readCategory(db, *reassignTo);
        if (!target)
            return makeError("the reassignment target does not exist (id " +
                             std::to_string(*reassignTo) + ")");
        auto targetKids = detail::childCount(db, *reassignTo);
        if (!targetKids)
            return targetKids.error();
        if (auto status = detail::checkUsesMayMove(db, *category, *target, *targetKids > 0);
            !status)
            return status.error();
    }
    auto siblings = detail::siblingPositions(db, category->parentId);
    if (!siblings)
        return siblings.error();
    return CategorySnapshot{*category, *exampleOwners, *siblings};
}

Status deleteCategoryRows(sql::Database& db, const CategorySnapshot& removed) {
    const CategoryId id = removed.category.id;
    if (auto status = sql::runBound(db, "DELETE FROM category_examples WHERE category_id = ?", id);
        !status)
        return status;
    return detail::deleteCategoryRow(db, id);
}

Status restoreCategoryRows(sql::Database& db, const CategorySnapshot& removed) {
    const auto& category = removed.category;
    if (auto status = detail::requireParent(db, category.parentId); !status)
        return status;
    if (auto name = detail::checkedName(db, category.parentId, category.name, std::nullopt); !name)
        return name.error();
    if (auto status = detail::insertCategoryRow(db, category); !status)
        return status;
    if (auto status = detail::restorePositions(db, removed.siblingsBefore); !status)
        return status;
    for (const auto post : removed.examplePostIds)
        if (auto status = sql::runBound(
                db, "INSERT INTO category_examples(category_id, post_id) VALUES (?, ?)",
                category.id, post);
            !status)
            return status;
    return {};
}

// ---- rename --------------------------------------------------------------

Result<RenameChange> renameCategoryRow(sql::Database& db, CategoryId id,
                                       const std::string& newName) {
    auto category = detail::readCategory(db, id);
    if (!category)
        return category.error();
    auto name = detail::checkedName(db, category->parentId, newName, id);
    if (!name)
        return name.error();
    if (auto status = sql::runBound(db, "UPDATE categories SET name = ? WHERE id = ?", *name, id);
        !status)
        return status.error();
    return RenameChange{id, category->name, *name, {}};
}

Status undoRenameRow(sql::Database& db, const RenameChange& change) {
    auto category = detail::readCategory(db, change.id);
    if (!category)
        return category.error();
    if (category->name != change.newName)
        return makeError("cannot undo the rename of " + inQuotes(change.oldName) +
                         ": it has been renamed since");
    auto name = detail::checkedName(db, category->parentId, change.oldName, change.id);
    if (!name)
        return name.error();
    return sql::runBound(db, "UPDATE categories SET name = ? WHERE id = ?", change.oldName,
                         change.id);
}

// ---- merge ---------------------------------------------------------------

Result<MergeChange> prepareMerge(sql::Database& db, CategoryId sourceId, CategoryId targetId) {
    if (sourceId == targetId)
        return makeError("cannot merge a category into itself");
    auto source = detail::readCategory(db, sourceId);
    if (!source)
        return source.error();
    auto target = detail::readCategory(db, targetId);
    if (!target)
        return target.error();
    auto chain = detail::ancestorsAndSelf(db, targetId);
    if (!chain)
        return chain.error();
    if (contains(*chain, sourceId))
        return makeError("cannot merge " + inQuotes(source->name) + " into " +
                         inQuotes(target->name) + ", which is one of its subcategories");
    if (auto status = detail::requireNoRoles(db, *source, "merge"); !status)
        return status.error();

    auto sourceChildren = detail::readChildren(db, sourceId);
    auto targetChildren = detail::readChildren(db, targetId);
    if (!sourceChildren)
        return sourceChildren.error();
    if (!targetChildren)
        return targetChildren.error();
    std::set<std::string> targetNames;
    for (const auto& child : *targetChildren)
        if (child.id != sourceId) // the source itself disappears
            targetNames.insert(child.name);
    for (const auto& child : *sourceChildren)
        if (targetNames.count(child.name))
            return makeError("cannot merge " + inQuotes(source->name) + " into " +
                             inQuotes(target->name) + ": both have a subcategory named " +
                             inQuotes(child.name) + "; rename or merge those first");
    const bool targetWillHaveChildren = !targetNames.empty() || !sourceChildren->empty();
    if (auto status = detail::checkUsesMayMove(db, *source, *target, targetWillHaveChildren);
        !status)
        return status.error();

    MergeChange change;
    change.target = targetId;
    auto siblings = detail::siblingPositions(db, source->parentId);
    auto childPositions = detail::siblingPositions(db, sourceId);
    auto targetPositions = detail::siblingPositions(db, targetId);
    auto exampleOwners = detail::examplePosts(db, sourceId);
    if (!siblings || !childPositions || !targetPositions || !exampleOwners)
        return makeError("cannot read the codebook around " + inQuotes(source->name));
    change.source = {*source, *exampleOwners, *siblings};
    change.childrenMoved = *childPositions;
    change.targetChildrenBefore = *targetPositions;
    return change;
}

Result<ReassignedRows> mergeExamples(sql::Database& db, const MergeChange& change) {
    return detail::reassignExamples(db, change.source.category.id, change.target,
                                    change.source.examplePostIds);
}

Status mergeCategoryRows(sql::Database& db, const MergeChange& change) {
    // The children keep their order and go after the target's own.
    std::int64_t next = 0;
    for (const auto& p : change.targetChildrenBefore)
        next = std::max(next, p.position + 1);
    for (const auto& child : change.childrenMoved) {
        if (auto status =
                sql::runBound(db, "UPDATE categories SET parent_id = ?, position = ? WHERE id = ?",
                              change.target, next++, child.id);
            !status)
            return status;
    }
    return detail::deleteCategoryRow(db, change.source.category.id);
}

Status unmergeCategoryRows(sql::Database& db, const MergeChange& change) {
    const auto& source = change.source.category;
    auto target = detail::readCategory(db, change.target);
    if (!target)
        return makeError("cannot undo the merge: " + target.message());
    if (source.parentId) {
        if (auto parent = detail::readCategory(db, *source.parentId); !parent)
            return makeError("cannot undo the merge: the parent of " + inQuotes(source.name) +
                             " is gone");
    }
    if (auto name = detail::checkedName(db, source.parentId, source.name, std::nullopt); !name)
        return name.error();
    if (auto status = detail::insertCategoryRow(db, source); !status)
        return status;
    for (const auto& child : change.childrenMoved) {
        if (auto status = sql::runBound(
                db, "UPDATE categories SET parent_id = ? WHERE id = ? AND parent_id = ?", source.id,
                child.id, change.target);
            !status)
            return status;
        if (db.changes() != 1)
            return makeError("cannot undo the merge of " + inQuotes(source.name) +
                             ": one of its former subcategories has moved since");
    }
    for (const auto* positions :
         {&change.source.siblingsBefore, &change.childrenMoved, &change.targetChildrenBefore})
        if (auto status = detail::restorePositions(db, *positions); !status)
            return status;
    return {};
}

Status unmergeExamples(sql::Database& db, const MergeChange& change) {
    return detail::restoreExamples(db, change.source.category.id, change.target, change.examples);
}

// ---- split ---------------------------------------------------------------

Result<AddChange> addSiblingAfter(sql::Database& db, const Category& source,
                                  const std::string& name, std::optional<std::int64_t> createdBy) {
    auto siblings = detail::siblingPositions(db, source.parentId);
    if (!siblings)
        return siblings.error();
    std::int64_t index = 0;
    for (std::size_t i = 0; i < siblings->size(); ++i)
        if ((*siblings)[i].id == source.id)
            index = static_cast<std::int64_t>(i) + 1;
    NewCategory spec;
    spec.parentId = source.parentId;
    spec.name = name;
    spec.index = index;
    spec.createdBy = createdBy;
    return detail::addCategoryRow(db, spec);
}

} // namespace taxo::codebook
