#include "ui/support/core_command.h"

#include <QCoreApplication>

namespace taxo::ui {

CoreCommand::CoreCommand(const QString& text, DatabaseGetter database, Step redo, Step undo,
                         QObject* receiver, After after)
    : database_(std::move(database)), redo_(std::move(redo)), undo_(std::move(undo)),
      receiver_(receiver), after_(std::move(after)) {
    // The text often holds data (a post's title, a category's name). In the Undo and
    // Redo actions an ampersand would mark a shortcut letter, so the action's text (the
    // part after the line break) doubles it; the history keeps the text as it is.
    QString shown = text;
    shown.replace(QLatin1Char('\n'), QLatin1Char(' '));
    QString action = shown;
    action.replace(QLatin1Char('&'), QStringLiteral("&&"));
    setText(shown + QLatin1Char('\n') + action);
}

void CoreCommand::redo() {
    if (firstRedo_) {
        firstRedo_ = false;
        return;
    }
    run(redo_, false);
}

void CoreCommand::undo() {
    run(undo_, true);
}

void CoreCommand::run(const Step& step, bool undone) {
    QString error;
    if (auto* db = database_ ? database_() : nullptr) {
        if (auto status = step(*db); !status)
            error = QString::fromStdString(status.message());
    } else {
        error = QCoreApplication::translate("Undo", "no project is open");
    }
    if (!error.isEmpty())
        setObsolete(true);
    if (receiver_ && after_)
        after_(error, undone);
}

} // namespace taxo::ui
