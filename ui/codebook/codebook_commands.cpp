#include "ui/codebook/codebook_commands.h"

#include "core/recoding/recoding.h"
#include "ui/support/qt_text.h"

#include <QCoreApplication>
#include <memory>

namespace taxo::ui {
namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("Codebook", text);
}

// Keeps `result`'s change record as the one the next step starts from.
template <typename Change> Status keep(Result<Change> result, Change& change) {
    if (!result)
        return result.error();
    change = std::move(*result);
    return {};
}

// One command over a change record shared by its two steps.
template <typename Change, typename Redo, typename Undo>
QUndoCommand* command(const CodebookCommandContext& context, const QString& text, Change change,
                      Redo redo, Undo undo) {
    auto state = std::make_shared<Change>(std::move(change));
    return new CoreCommand(
        text, context.database, [state, redo](sql::Database& db) { return redo(db, *state); },
        [state, undo](sql::Database& db) { return undo(db, *state); }, context.receiver,
        [changed = context.changed, reportError = context.reportError](const QString& error, bool) {
            if (!error.isEmpty() && reportError)
                reportError(error);
            if (changed)
                changed();
        });
}

} // namespace

QUndoCommand* addCategoryCommand(const CodebookCommandContext& context,
                                 codebook::AddChange change) {
    const QString text = tr("Add “%1”").arg(toQ(change.category.name));
    return command(context, text, std::move(change), codebook::redoAdd, codebook::undoAdd);
}

QUndoCommand* renameCategoryCommand(const CodebookCommandContext& context,
                                    codebook::RenameChange change) {
    const QString text = tr("Rename “%1” to “%2”").arg(toQ(change.oldName), toQ(change.newName));
    return command(
        context, text, std::move(change),
        [](sql::Database& db, codebook::RenameChange& c) {
            return keep(recoding::renameCategory(db, c.id, c.newName), c);
        },
        recoding::undoRename);
}

QUndoCommand* moveCategoryCommand(const CodebookCommandContext& context,
                                  codebook::MoveChange change) {
    return command(
        context, tr("Move category"), std::move(change),
        [](sql::Database& db, codebook::MoveChange& c) {
            return keep(codebook::moveCategory(db, c.id, c.newParent, c.newIndex), c);
        },
        codebook::undoMove);
}

QUndoCommand* mergeCategoryCommand(const CodebookCommandContext& context,
                                   codebook::MergeChange change) {
    const QString text = tr("Merge “%1”").arg(toQ(change.source.category.name));
    return command(
        context, text, std::move(change),
        [](sql::Database& db, codebook::MergeChange& c) {
            return keep(recoding::mergeCategory(db, c.source.category.id, c.target), c);
        },
        recoding::unmergeCategory);
}

QUndoCommand* deleteCategoryCommand(const CodebookCommandContext& context,
                                    codebook::DeleteChange change) {
    const QString text = tr("Delete “%1”").arg(toQ(change.removed.category.name));
    return command(
        context, text, std::move(change),
        [](sql::Database& db, codebook::DeleteChange& c) {
            return keep(recoding::deleteCategory(db, c.removed.category.id, c.reassignedTo), c);
        },
        recoding::restoreDeleted);
}

QUndoCommand* splitCategoryCommand(const CodebookCommandContext& context,
                                   codebook::SplitChange change) {
    const QString text = tr("Split off “%1”").arg(toQ(change.added.category.name));
    return command(context, text, std::move(change), recoding::redoSplit,
                   recoding::unsplitCategory);
}

QUndoCommand* descriptionCommand(const CodebookCommandContext& context,
                                 codebook::DescriptionChange change) {
    return command(
        context, tr("Describe"), std::move(change),
        [](sql::Database& db, const codebook::DescriptionChange& c) -> Status {
            auto changed = codebook::setDescription(db, c.id, c.newDescription);
            return changed ? Status() : Status(changed.error());
        },
        [](sql::Database& db, const codebook::DescriptionChange& c) -> Status {
            auto changed = codebook::setDescription(db, c.id, c.oldDescription);
            return changed ? Status() : Status(changed.error());
        });
}

QUndoCommand* exampleCommand(const CodebookCommandContext& context, codebook::CategoryId id,
                             std::int64_t postId, bool added) {
    const QString text =
        added ? tr("Add example post %1").arg(postId) : tr("Remove example post %1").arg(postId);
    struct Example {
        codebook::CategoryId id;
        std::int64_t postId;
    };
    const auto add = [](sql::Database& db, const Example& e) {
        return codebook::addExample(db, e.id, e.postId);
    };
    const auto remove = [](sql::Database& db, const Example& e) {
        return codebook::removeExample(db, e.id, e.postId);
    };
    if (added)
        return command(context, text, Example{id, postId}, add, remove);
    return command(context, text, Example{id, postId}, remove, add);
}

} // namespace taxo::ui
