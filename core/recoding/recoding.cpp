// Each edit: the codebook's steps and the owners' rewrites of the uses, in one
// transaction with one change_log row, in the order the codebook made them before
// they were split between owners, so the rows and the log read as they always did.

#include "core/recoding/recoding.h"

#include "core/arbitration/decision_uses.h"
#include "core/codebook/codebook_steps.h"
#include "core/labels/label_uses.h"
#include "core/select/set_roots.h"
#include "core/store/change_log.h"
#include "core/store/statements.h"

#include <algorithm>
#include <set>

namespace taxo::recoding {

using codebook::ReassignedRows;
using codebook::toJson;
using sql::inTransaction;

namespace {

std::string inQuotes(const std::string& name) {
    return "\"" + name + "\"";
}

// The labels and the decisions that carry a category, rewritten together.
struct Uses {
    ReassignedRows labels;
    ReassignedRows decisions;
};

Result<Uses> reassignUses(sql::Database& db, CategoryId source, CategoryId target,
                          const std::vector<std::int64_t>& labelIds,
                          const std::vector<std::int64_t>& decisionIds) {
    auto labelRows = labels::reassignCategoryUses(db, source, target, labelIds);
    if (!labelRows)
        return labelRows.error();
    auto decisionRows = arbitration::reassignCategoryUses(db, source, target, decisionIds);
    if (!decisionRows)
        return decisionRows.error();
    return Uses{std::move(*labelRows), std::move(*decisionRows)};
}

// Every label and decision carrying source now carries target.
Result<Uses> reassignAllUses(sql::Database& db, CategoryId source, CategoryId target) {
    auto labelIds = labels::labelsCarrying(db, source);
    if (!labelIds)
        return labelIds.error();
    auto decisionIds = arbitration::decisionsCarrying(db, source);
    if (!decisionIds)
        return decisionIds.error();
    return reassignUses(db, source, target, *labelIds, *decisionIds);
}

Status restoreUses(sql::Database& db, CategoryId source, CategoryId target,
                   const ReassignedRows& labelRows, const ReassignedRows& decisionRows) {
    if (auto status = labels::restoreCategoryUses(db, source, target, labelRows); !status)
        return status;
    return arbitration::restoreCategoryUses(db, source, target, decisionRows);
}

std::vector<std::int64_t> ownersOf(const ReassignedRows& rows) {
    std::vector<std::int64_t> owners = rows.moved;
    owners.insert(owners.end(), rows.dropped.begin(), rows.dropped.end());
    std::sort(owners.begin(), owners.end());
    return owners;
}

} // namespace

// ---- delete --------------------------------------------------------------

Result<codebook::DeleteChange> deleteCategory(sql::Database& db, CategoryId id,
                                              std::optional<CategoryId> reassignTo) {
    return inTransaction(db, [&]() -> Result<codebook::DeleteChange> {
        auto removed = codebook::prepareDelete(db, id, reassignTo);
        if (!removed)
            return removed.error();
        codebook::DeleteChange change;
        change.removed = std::move(*removed);
        if (reassignTo) {
            auto uses = reassignAllUses(db, id, *reassignTo);
            if (!uses)
                return uses.error();
            change.reassignedTo = reassignTo;
            change.labels = std::move(uses->labels);
            change.decisions = std::move(uses->decisions);
        }
        if (auto status = codebook::deleteCategoryRows(db, change.removed); !status)
            return status.error();
        nlohmann::json details = toJson(change.removed.category);
        details["examples"] = change.removed.examplePostIds;
        if (reassignTo) {
            details["reassigned_to"] = *reassignTo;
            details["labels"] = toJson(change.labels);
            details["decisions"] = toJson(change.decisions);
        }
        if (auto status = changelog::append(db, "codebook.delete", details); !status)
            return status.error();
        return change;
    });
}

Status restoreDeleted(sql::Database& db, const codebook::DeleteChange& change) {
    return inTransaction(db, [&]() -> Status {
        const auto& category = change.removed.category;
        if (auto status = codebook::restoreCategoryRows(db, change.removed); !status)
            return status;
        if (change.reassignedTo)
            if (auto status = restoreUses(db, category.id, *change.reassignedTo, change.labels,
                                          change.decisions);
                !status)
                return status;
        return changelog::append(db, "codebook.delete.undo", toJson(category));
    });
}

// ---- rename --------------------------------------------------------------

Result<codebook::RenameChange> renameCategory(sql::Database& db, CategoryId id,
                                              const std::string& newName) {
    return inTransaction(db, [&]() -> Result<codebook::RenameChange> {
        auto category = codebook::getCategory(db, id);
        if (!category)
            return category.error();
        auto change = codebook::renameCategoryRow(db, id, newName);
        if (!change)
            return change.error();
        if (!category->parentId && change->oldName != change->newName) {
            auto sets = select::renameRoot(db, change->oldName, change->newName);
            if (!sets)
                return sets.error();
            change->setsRenamed = std::move(*sets);
        }
        if (auto status = changelog::append(db, "codebook.rename",
                                            {{"id", id},
                                             {"from", change->oldName},
                                             {"to", change->newName},
                                             {"sets", change->setsRenamed}});
            !status)
            return status.error();
        return change;
    });
}

Status undoRename(sql::Database& db, const codebook::RenameChange& change) {
    return inTransaction(db, [&]() -> Status {
        if (auto status = codebook::undoRenameRow(db, change); !status)
            return status;
        if (auto status = select::restoreRootName(db, change.setsRenamed, change.oldName); !status)
            return status;
        return changelog::append(db, "codebook.rename.undo",
                                 {{"id", change.id}, {"to", change.oldName}});
    });
}

// ---- merge ---------------------------------------------------------------

Result<codebook::MergeChange> mergeCategory(sql::Database& db, CategoryId sourceId,
                                            CategoryId targetId) {
    return inTransaction(db, [&]() -> Result<codebook::MergeChange> {
        auto change = codebook::prepareMerge(db, sourceId, targetId);
        if (!change)
            return change.error();
        auto uses = reassignAllUses(db, sourceId, targetId);
        if (!uses)
            return uses.error();
        change->labels = std::move(uses->labels);
        change->decisions = std::move(uses->decisions);
        auto examples = codebook::mergeExamples(db, *change);
        if (!examples)
            return examples.error();
        change->examples = std::move(*examples);
        if (auto status = codebook::mergeCategoryRows(db, *change); !status)
            return status.error();

        nlohmann::json details = {{"source", toJson(change->source.category)},
                                  {"target", targetId},
                                  {"labels", toJson(change->labels)},
                                  {"decisions", toJson(change->decisions)},
                                  {"examples", toJson(change->examples)}};
        std::vector<CategoryId> moved;
        for (const auto& child : change->childrenMoved)
            moved.push_back(child.id);
        details["children"] = moved;
        if (auto status = changelog::append(db, "codebook.merge", details); !status)
            return status.error();
        return change;
    });
}

Status unmergeCategory(sql::Database& db, const codebook::MergeChange& change) {
    return inTransaction(db, [&]() -> Status {
        const auto& source = change.source.category;
        if (auto status = codebook::unmergeCategoryRows(db, change); !status)
            return status;
        if (auto status =
                restoreUses(db, source.id, change.target, change.labels, change.decisions);
            !status)
            return status;
        if (auto status = codebook::unmergeExamples(db, change); !status)
            return status;
        return changelog::append(db, "codebook.merge.undo",
                                 {{"source", toJson(source)}, {"target", change.target}});
    });
}

// ---- split ---------------------------------------------------------------

Result<codebook::SplitChange> splitCategory(sql::Database& db, CategoryId sourceId,
                                            const std::string& newName,
                                            const std::vector<std::int64_t>& postIds,
                                            std::optional<std::int64_t> createdBy) {
    return inTransaction(db, [&]() -> Result<codebook::SplitChange> {
        auto source = codebook::getCategory(db, sourceId);
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
            auto labelIds = labels::labelsCarrying(db, sourceId, post);
            auto decisionIds = arbitration::decisionsCarrying(db, sourceId, post);
            if (!labelIds)
                return labelIds.error();
            if (!decisionIds)
                return decisionIds.error();
            if (labelIds->empty() && decisionIds->empty())
                return makeError("post " + std::to_string(post) +
                                 " has no label or decision with " + inQuotes(source->name));
            labelOwners.insert(labelOwners.end(), labelIds->begin(), labelIds->end());
            decisionOwners.insert(decisionOwners.end(), decisionIds->begin(), decisionIds->end());
        }
        auto added = codebook::addSiblingAfter(db, *source, newName, createdBy);
        if (!added)
            return added.error();
        codebook::SplitChange change;
        change.added = *added;
        change.source = sourceId;
        auto uses = reassignUses(db, sourceId, added->category.id, labelOwners, decisionOwners);
        if (!uses)
            return uses.error();
        change.labels = std::move(uses->labels);
        change.decisions = std::move(uses->decisions);
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

Status unsplitCategory(sql::Database& db, const codebook::SplitChange& change) {
    return inTransaction(db, [&]() -> Status {
        const CategoryId newId = change.added.category.id;
        if (auto source = codebook::getCategory(db, change.source); !source)
            return makeError("cannot undo the split: " + source.message());
        if (auto status = restoreUses(db, change.source, newId, change.labels, change.decisions);
            !status)
            return status;
        if (auto status = codebook::removeAddedCategory(db, change.added); !status)
            return status;
        return changelog::append(db, "codebook.split.undo",
                                 {{"source", change.source}, {"new", newId}});
    });
}

Status redoSplit(sql::Database& db, const codebook::SplitChange& change) {
    return inTransaction(db, [&]() -> Status {
        const CategoryId newId = change.added.category.id;
        if (auto source = codebook::getCategory(db, change.source); !source)
            return makeError("cannot redo the split: " + source.message());
        if (auto status = codebook::reinsertAddedCategory(db, change.added); !status)
            return makeError("cannot redo the split: " + status.message());
        auto uses = reassignUses(db, change.source, newId, ownersOf(change.labels),
                                 ownersOf(change.decisions));
        if (!uses)
            return uses.error();
        // Every owner must have carried the source again: the new category,
        // fresh, now sits in exactly one row per owner.
        auto labelRows = labels::labelsCarrying(db, newId);
        auto decisionRows = arbitration::decisionsCarrying(db, newId);
        if (!labelRows)
            return labelRows.error();
        if (!decisionRows)
            return decisionRows.error();
        const auto sameRows = [](const ReassignedRows& now, const ReassignedRows& then,
                                 const std::vector<std::int64_t>& rows) {
            return ownersOf(now) == ownersOf(then) && rows.size() == then.moved.size();
        };
        if (!sameRows(uses->labels, change.labels, *labelRows) ||
            !sameRows(uses->decisions, change.decisions, *decisionRows))
            return makeError("cannot redo the split: the labels of " +
                             inQuotes(change.added.category.name) +
                             " have changed since; the project is unchanged");
        return changelog::append(
            db, "codebook.split.redo",
            {{"source", change.source}, {"new", toJson(change.added.category)}});
    });
}

} // namespace taxo::recoding
