#pragma once
// The codebook's undo steps, each one CoreCommand built from core's change record.
// The page performs the edit first (so a refusal never reaches the stack) and pushes
// the command already done; undo and redo call core's exact inverses. A redo that
// makes a fresh change record (a rename, a move, a merge, a delete) keeps the new one
// for the next undo.

#include "core/codebook/codebook.h"
#include "ui/support/core_command.h"

#include <QString>
#include <functional>

class QObject;
class QUndoCommand;

namespace taxo::ui {

struct CodebookCommandContext {
    DatabaseGetter database;
    QObject* receiver = nullptr;                     // owns the two callbacks
    std::function<void()> changed;                   // reload views after any step
    std::function<void(const QString&)> reportError; // a step core refused
};

QUndoCommand* addCategoryCommand(const CodebookCommandContext& context, codebook::AddChange change);
QUndoCommand* renameCategoryCommand(const CodebookCommandContext& context,
                                    codebook::RenameChange change);
QUndoCommand* moveCategoryCommand(const CodebookCommandContext& context,
                                  codebook::MoveChange change);
QUndoCommand* mergeCategoryCommand(const CodebookCommandContext& context,
                                   codebook::MergeChange change);
QUndoCommand* deleteCategoryCommand(const CodebookCommandContext& context,
                                    codebook::DeleteChange change);
QUndoCommand* splitCategoryCommand(const CodebookCommandContext& context,
                                   codebook::SplitChange change);
QUndoCommand* descriptionCommand(const CodebookCommandContext& context,
                                 codebook::DescriptionChange change);
// An example post added to a category (added) or removed from it.
QUndoCommand* exampleCommand(const CodebookCommandContext& context, codebook::CategoryId id,
                             std::int64_t postId, bool added);

} // namespace taxo::ui
