#pragma once
// The one undo command of the GUI (docs/architecture.md, "Undo"). A page makes its
// change through core first, so that a refusal is shown where it happened and never
// reaches the stack, then pushes a CoreCommand built from core's change record: a
// description, core's "do" and core's "undo" (each a function of the database
// returning Status), and a step to run after either (reload the page, say what
// failed). Core owns every inverse; this class only sequences them.

#include "core/util/result.h"

#include <QPointer>
#include <QString>
#include <QUndoCommand>
#include <functional>

namespace taxo::sql {
class Database;
}

namespace taxo::ui {

// The open project's database, or null when none is open.
using DatabaseGetter = std::function<sql::Database*()>;

class CoreCommand final : public QUndoCommand {
public:
    using Step = std::function<Status(sql::Database&)>;
    // After every undo and redo: core's message when the step was refused (empty on
    // success), and whether the step was an undo.
    using After = std::function<void(const QString& error, bool undone)>;

    // `receiver` owns `after`: once it is gone (a page closed in a test, the window
    // torn down) the steps still run but nothing calls back into it.
    CoreCommand(const QString& text, DatabaseGetter database, Step redo, Step undo,
                QObject* receiver, After after);

    // The first redo, which QUndoStack::push makes, does nothing: the page already
    // made the change. A step core refuses (the project changed underneath) or one
    // with no project open is reported through `after` and makes the command
    // obsolete, so that the stack does not offer it again.
    void redo() override;
    void undo() override;

private:
    void run(const Step& step, bool undone);

    DatabaseGetter database_;
    Step redo_;
    Step undo_;
    QPointer<QObject> receiver_;
    After after_;
    bool firstRedo_ = true;
};

} // namespace taxo::ui
