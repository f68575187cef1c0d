#include "ui/arbitration/arbitration_commands.h"

#include <QCoreApplication>

namespace taxo::ui {

DecisionCommand::DecisionCommand(DecisionCommandContext context, arbitration::Decision decision,
                                 const QString& text)
    : context_(std::move(context)), decision_(std::move(decision)) {
    setText(text);
}

void DecisionCommand::redo() {
    // Already decided by the page before the push.
    if (firstRedo_) {
        firstRedo_ = false;
        return;
    }
    auto* db = context_.database();
    finish(db ? arbitration::redoDecision(*db, decision_) : Status(makeError("no project is open")),
           false);
}

void DecisionCommand::undo() {
    auto* db = context_.database();
    finish(db ? arbitration::undoDecision(*db, decision_) : Status(makeError("no project is open")),
           true);
}

void DecisionCommand::finish(const Status& status, bool reopened) {
    QString error;
    if (!status) {
        error = QString::fromStdString(status.message());
        setObsolete(true);
    }
    if (context_.after)
        context_.after(decision_.postId, reopened && status.ok(), error);
}

} // namespace taxo::ui
