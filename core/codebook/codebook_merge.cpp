// Merge and split: the two codebook edits that rewrite label, decision and
// example rows. Each records exactly which rows it rewrote, so that its
// inverse can put every row back as it was.

#include "core/codebook/codebook.h"
#include "core/codebook/codebook_internal.h"
#include "core/store/change_log.h"
#include "core/store/statements.h"

#include <algorithm>
#include <set>

namespace taxo::codebook {

using detail::inQuotes;
using detail::toJson;
using sql::inTransaction;

namespace {

bool contains(const std::vector<CategoryId>& ids, CategoryId id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

} // namespace

Result<MergeChange> mergeCategory(sql::Database& db, CategoryId sourceId, CategoryId targetId) {
    return inTransaction(db, [&]() -> Result<MergeChange> {
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
        auto exampleOwners = detail::owners(db, detail::UseTable::Examples, sourceId);
        auto labelOwners = detail::owners(db, detail::UseTable::Labels, sourceId);
        auto decisionOwners = detail::owners(db, detail::UseTable::Decisions, sourceId);
        if (!siblings || !childPositions || !targetPositions || !exampleOwners || !labelOwners ||
            !decisionOwners)
            return makeError("cannot read the codebook around " + inQuotes(source->name));
        change.source = {*source, *exampleOwners, *siblings};
        change.childrenMoved = *childPositions;
        change.targetChildrenBefore = *targetPositions;

        auto labels =
            detail::reassign(db, detail::UseTable::Labels, sourceId, targetId, *labelOwners);
        if (!labels)
            return labels.error();
        auto decisions =
            detail::reassign(db, detail::UseTable::Decisions, sourceId, targetId, *decisionOwners);
        if (!decisions)
            return decisions.error();
        auto shown =
            detail::reassign(db, detail::UseTable::Examples, sourceId, targetId, *exampleOwners);
        if (!shown)
            return shown.error();
        change.labels = *labels;
        change.decisions = *decisions;
        change.examples = *shown;

        // The children keep their order and go after the target's own.
        std::int64_t next = 0;
        for (const auto& p : *targetPositions)
            next = std::max(next, p.position + 1);
        for (const auto& child : *childPositions) {
            if (auto status = sql::runBound(
                    db, "UPDATE categories SET parent_id = ?, position = ? WHERE id = ?", targetId,
                    next++, child.id);
                !status)
                return status.error();
        }
        if (auto status = detail::deleteCategoryRow(db, sourceId); !status)
            return status.error();

        nlohmann::json details = {{"source", toJson(*source)},
                                  {"target", targetId},
                                  {"labels", toJson(change.labels)},
                                  {"decisions", toJson(change.decisions)},
                                  {"examples", toJson(change.examples)}};
        std::vector<CategoryId> moved;
        for (const auto& child : *childPositions)
            moved.push_back(child.id);
        details["children"] = moved;
        if (auto status = changelog::append(db, "codebook.merge", details); !status)
            return status.error();
        return change;
    });
}

Status unmergeCategory(sql::Database& db, const MergeChange& change) {
    return inTransaction(db, [&]() -> Status {
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
                    db, "UPDATE categories SET parent_id = ? WHERE id = ? AND parent_id = ?",
                    source.id, child.id, change.target);
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
        if (auto status = detail::unreassign(db, detail::UseTable::Labels, source.id, change.target,
                                             change.labels);
            !status)
            return status;
        if (auto status = detail::unreassign(db, detail::UseTable::Decisions, source.id,
                                             change.target, change.decisions);
            !status)
            return status;
        if (auto status = detail::unreassign(db, detail::UseTable::Examples, source.id,
                                             change.target, change.examples);
            !status)
            return status;
        return changelog::append(db, "codebook.merge.undo",
                                 {{"source", toJson(source)}, {"target", change.target}});
    });
}

Result<SplitChange> splitCategory(sql::Database& db, CategoryId sourceId,
                                  const std::string& newName,
                                  const std::vector<std::int64_t>& postIds,
                                  std::optional<std::int64_t> createdBy) {
    return inTransaction(db, [&]() -> Result<SplitChange> {
        auto source = detail::readCategory(db, sourceId);
        if (!source)
            return source.error();
        if (postIds.empty())
            return makeError("choose the posts whose labels move from " + inQuotes(source->name));
        std::vector<std::int64_t> labelOwners;
        std::vector<std::int64_t> decisionOwners;
        std::set<std::int64_t> seen;
        for (const auto post : postIds) {
            if (!seen.insert(post).second)
                continue;
            auto labels = sql::queryIntsBound(
                db,
                "SELECT lc.label_id FROM label_categories lc JOIN labels l ON l.id = lc.label_id "
                "WHERE lc.category_id = ? AND l.post_id = ? ORDER BY lc.label_id",
                sourceId, post);
            auto decisions = sql::queryIntsBound(
                db,
                "SELECT dc.decision_id FROM decision_categories dc "
                "JOIN decisions d ON d.id = dc.decision_id "
                "WHERE dc.category_id = ? AND d.post_id = ? ORDER BY dc.decision_id",
                sourceId, post);
            if (!labels)
                return labels.error();
            if (!decisions)
                return decisions.error();
            if (labels->empty() && decisions->empty())
                return makeError("post " + std::to_string(post) +
                                 " has no label or decision with " + inQuotes(source->name));
            labelOwners.insert(labelOwners.end(), labels->begin(), labels->end());
            decisionOwners.insert(decisionOwners.end(), decisions->begin(), decisions->end());
        }
        auto siblings = detail::siblingPositions(db, source->parentId);
        if (!siblings)
            return siblings.error();
        std::int64_t index = 0;
        for (std::size_t i = 0; i < siblings->size(); ++i)
            if ((*siblings)[i].id == sourceId)
                index = static_cast<std::int64_t>(i) + 1;
        NewCategory spec;
        spec.parentId = source->parentId;
        spec.name = newName;
        spec.index = index;
        spec.createdBy = createdBy;
        auto added = detail::addCategoryRow(db, spec);
        if (!added)
            return added.error();
        SplitChange change;
        change.added = *added;
        change.source = sourceId;
        const CategoryId newId = added->category.id;
        auto labels = detail::reassign(db, detail::UseTable::Labels, sourceId, newId, labelOwners);
        if (!labels)
            return labels.error();
        auto decisions =
            detail::reassign(db, detail::UseTable::Decisions, sourceId, newId, decisionOwners);
        if (!decisions)
            return decisions.error();
        change.labels = *labels;
        change.decisions = *decisions;
        if (auto status = changelog::append(db, "codebook.split",
                                            {{"source", sourceId},
                                             {"new", toJson(added->category)},
                                             {"posts", postIds},
                                             {"labels", toJson(change.labels)},
                                             {"decisions", toJson(change.decisions)}});
            !status)
            return status.error();
        return change;
    });
}

Status unsplitCategory(sql::Database& db, const SplitChange& change) {
    return inTransaction(db, [&]() -> Status {
        const CategoryId newId = change.added.category.id;
        if (auto source = detail::readCategory(db, change.source); !source)
            return makeError("cannot undo the split: " + source.message());
        if (auto status = detail::unreassign(db, detail::UseTable::Labels, change.source, newId,
                                             change.labels);
            !status)
            return status;
        if (auto status = detail::unreassign(db, detail::UseTable::Decisions, change.source, newId,
                                             change.decisions);
            !status)
            return status;
        if (auto status = detail::removeAddedRow(db, change.added); !status)
            return status;
        return changelog::append(db, "codebook.split.undo",
                                 {{"source", change.source}, {"new", newId}});
    });
}

namespace {

std::vector<std::int64_t> ownersOf(const ReassignedRows& rows) {
    std::vector<std::int64_t> owners = rows.moved;
    owners.insert(owners.end(), rows.dropped.begin(), rows.dropped.end());
    std::sort(owners.begin(), owners.end());
    return owners;
}

} // namespace

Status redoSplit(sql::Database& db, const SplitChange& change) {
    return inTransaction(db, [&]() -> Status {
        const CategoryId newId = change.added.category.id;
        if (auto source = detail::readCategory(db, change.source); !source)
            return makeError("cannot redo the split: " + source.message());
        if (auto name = detail::checkedName(db, change.added.category.parentId,
                                            change.added.category.name, std::nullopt);
            !name)
            return makeError("cannot redo the split: " + name.message());
        if (auto status = detail::insertCategoryRow(db, change.added.category); !status)
            return status;
        if (auto status = detail::restorePositions(db, change.added.siblingsAfter); !status)
            return status;
        auto labels = detail::reassign(db, detail::UseTable::Labels, change.source, newId,
                                       ownersOf(change.labels));
        if (!labels)
            return labels.error();
        auto decisions = detail::reassign(db, detail::UseTable::Decisions, change.source, newId,
                                          ownersOf(change.decisions));
        if (!decisions)
            return decisions.error();
        // Every owner must have carried the source again: the new category,
        // fresh, now sits in exactly one row per owner.
        auto labelRows = sql::queryIntBound(
            db, "SELECT count(*) FROM label_categories WHERE category_id = ?", newId);
        auto decisionRows = sql::queryIntBound(
            db, "SELECT count(*) FROM decision_categories WHERE category_id = ?", newId);
        if (!labelRows)
            return labelRows.error();
        if (!decisionRows)
            return decisionRows.error();
        const auto sameRows = [](const ReassignedRows& now, const ReassignedRows& then,
                                 std::int64_t rows) {
            return ownersOf(now) == ownersOf(then) &&
                   rows == static_cast<std::int64_t>(then.moved.size());
        };
        if (!sameRows(*labels, change.labels, *labelRows) ||
            !sameRows(*decisions, change.decisions, *decisionRows))
            return makeError("cannot redo the split: the labels of " +
                             inQuotes(change.added.category.name) +
                             " have changed since; the project is unchanged");
        return changelog::append(
            db, "codebook.split.redo",
            {{"source", change.source}, {"new", toJson(change.added.category)}});
    });
}

} // namespace taxo::codebook
