#pragma once
// Undo and Redo of one page's QUndoStack, as the pages that edit the project all offer them.

#include <QString>

class QAction;
class QUndoStack;
class QWidget;

namespace taxo::ui {

struct UndoRedoActions {
    QAction* undo;
    QAction* redo;
};

// Adds the two actions to `page`: Ctrl+Z, and Ctrl+Shift+Z with the platform's own redo
// key, active while the focus is inside the page (two pages' stacks never compete for a
// key). The caller puts them where they show (a toolbar, buttons).
UndoRedoActions addUndoRedoActions(QWidget* page, QUndoStack* stack, const QString& undoName,
                                   const QString& redoName);

} // namespace taxo::ui
