#include "support/undo_actions.h"

#include <QAction>
#include <QKeySequence>
#include <QUndoStack>
#include <QWidget>

namespace taxo::ui {

UndoRedoActions addUndoRedoActions(QWidget* page, QUndoStack* stack, const QString& undoName,
                                   const QString& redoName) {
    QAction* undo = stack->createUndoAction(page, QWidget::tr("Undo"));
    undo->setObjectName(undoName);
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = stack->createRedoAction(page, QWidget::tr("Redo"));
    redo->setObjectName(redoName);
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo});
    for (QAction* action : {undo, redo}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        page->addAction(action);
    }
    return {undo, redo};
}

} // namespace taxo::ui
