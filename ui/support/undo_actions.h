#pragma once
// The Undo and Redo actions of the project's one QUndoStack: made once by the session,
// shown in the Edit menu and on the toolbars of the pages that edit the project.

#include <QString>
#include <utility>

class QAction;
class QObject;
class QToolBar;
class QToolButton;
class QUndoStack;
class QWidget;

namespace taxo::ui {

struct UndoRedoActions {
    QAction* undo;
    QAction* redo;
};

// Makes the two actions, children of `parent`: Ctrl+Z, and Ctrl+Shift+Z with the
// platform's own redo key, each bound once, active in any window that shows them.
UndoRedoActions makeUndoRedoActions(QObject* parent, QUndoStack* stack);

// Adds both to `page`, so that their keys act in a window of the page alone (a page
// shown by itself in a test); the window adds them to its Edit menu too, which binds
// nothing twice because they are the same two actions.
void offerUndoRedo(QWidget* page, const UndoRedoActions& actions);

// Puts an Undo and a Redo button on a page's toolbar. Their text stays "Undo" and
// "Redo": the actions' own text grows with the step ("Undo Label post 4288 — How do
// I …") and would push the rest of the toolbar out of sight. The step is named in the
// tooltip and in the Edit menu; enabled states follow the actions.
void addUndoRedoButtons(QToolBar* toolbar, const UndoRedoActions& actions);

// The same two buttons, for a page that shows them elsewhere than on a toolbar (the
// Sampling page puts them in its tabs' corner).
std::pair<QToolButton*, QToolButton*> makeUndoRedoButtons(QWidget* parent,
                                                          const UndoRedoActions& actions);

} // namespace taxo::ui
