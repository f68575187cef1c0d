#include "ui/support/undo_actions.h"

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
    // Ctrl+Shift+Z and the platform's redo keys, each once: on most Linux desktops the
    // platform's list holds Ctrl+Shift+Z already, and a key bound twice fires nothing.
    QList<QKeySequence> redoKeys{QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)};
    for (const QKeySequence& key : QKeySequence::keyBindings(QKeySequence::Redo))
        if (!redoKeys.contains(key))
            redoKeys << key;
    redo->setShortcuts(redoKeys);
    for (QAction* action : {undo, redo}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        page->addAction(action);
    }
    return {undo, redo};
}

} // namespace taxo::ui
