#include "ui/support/undo_actions.h"

#include <QAction>
#include <QKeySequence>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QWidget>

namespace taxo::ui {

UndoRedoActions makeUndoRedoActions(QObject* parent, QUndoStack* stack) {
    QAction* undo = stack->createUndoAction(parent, QWidget::tr("Undo"));
    undo->setObjectName(QStringLiteral("actionUndo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = stack->createRedoAction(parent, QWidget::tr("Redo"));
    redo->setObjectName(QStringLiteral("actionRedo"));
    // Ctrl+Shift+Z and the platform's redo keys, each once: on most Linux desktops the
    // platform's list holds Ctrl+Shift+Z already, and a key bound twice fires nothing.
    QList<QKeySequence> redoKeys{QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)};
    for (const QKeySequence& key : QKeySequence::keyBindings(QKeySequence::Redo))
        if (!redoKeys.contains(key))
            redoKeys << key;
    redo->setShortcuts(redoKeys);
    for (QAction* action : {undo, redo}) {
        action->setShortcutContext(Qt::WindowShortcut);
        action->setToolTip(action->text() + QStringLiteral(" (") +
                           action->shortcut().toString(QKeySequence::NativeText) +
                           QStringLiteral(")"));
    }
    return {undo, redo};
}

std::pair<QToolButton*, QToolButton*> makeUndoRedoButtons(QWidget* parent,
                                                          const UndoRedoActions& actions) {
    auto make = [parent](QAction* action, const QString& label) {
        auto* button = new QToolButton(parent);
        button->setObjectName(action->objectName() + QStringLiteral("Button"));
        button->setText(label);
        auto sync = [button, action] {
            button->setEnabled(action->isEnabled());
            button->setToolTip(action->text() + QStringLiteral(" (") +
                               action->shortcut().toString(QKeySequence::NativeText) +
                               QStringLiteral(")"));
        };
        sync();
        QObject::connect(action, &QAction::changed, button, sync);
        QObject::connect(button, &QToolButton::clicked, action, &QAction::trigger);
        return button;
    };
    return {make(actions.undo, QWidget::tr("Undo")), make(actions.redo, QWidget::tr("Redo"))};
}

void addUndoRedoButtons(QToolBar* toolbar, const UndoRedoActions& actions) {
    const auto [undo, redo] = makeUndoRedoButtons(toolbar, actions);
    toolbar->addWidget(undo);
    toolbar->addWidget(redo);
}

void offerUndoRedo(QWidget* page, const UndoRedoActions& actions) {
    page->addAction(actions.undo);
    page->addAction(actions.redo);
}

} // namespace taxo::ui
