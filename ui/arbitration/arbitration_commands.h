#pragma once
// A decision in the GUI is one QUndoCommand holding core's Decision. The page
// decides first (a refusal never reaches the stack) and pushes the command
// already done; undo() calls arbitration::undoDecision, which puts the
// conflict back in the queue, and redo() arbitration::redoDecision, which
// brings back the same row. A step core refuses makes the command obsolete.

#include "core/arbitration/arbitration.h"

#include <QUndoCommand>
#include <functional>

namespace taxo::ui {

struct DecisionCommandContext {
    std::function<taxo::sql::Database*()> database;
    // After every step: the post, whether it is open again (undo), and core's
    // message when the step was refused (empty on success).
    std::function<void(std::int64_t postId, bool reopened, const QString& error)> after;
};

class DecisionCommand final : public QUndoCommand {
public:
    DecisionCommand(DecisionCommandContext context, arbitration::Decision decision,
                    const QString& text);
    void undo() override;
    void redo() override;
    const arbitration::Decision& decision() const { return decision_; }

private:
    void finish(const Status& status, bool reopened);
    DecisionCommandContext context_;
    arbitration::Decision decision_;
    bool firstRedo_ = true;
};

} // namespace taxo::ui
