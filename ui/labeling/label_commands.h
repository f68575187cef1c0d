#pragma once
// The labeling page's undo commands. Each edit is made first (so a refusal
// never reaches the stack) and pushed done; undo and redo call core's exact
// inverses. A step core refuses (the project changed underneath) is reported
// through `after` and the command becomes obsolete.

#include "core/labels/codes.h"
#include "core/labels/labels.h"

#include <QString>
#include <QUndoCommand>
#include <functional>

namespace taxo::ui {

using DatabaseGetter = std::function<sql::Database*()>;

// One saved label: undo puts back the exact previous label, redo saves the
// same content again.
class SaveLabelCommand final : public QUndoCommand {
public:
    using Step = std::function<void(const labels::LabelKey&, const QString& error)>;
    SaveLabelCommand(DatabaseGetter database, Step after, labels::LabelKey key,
                     std::optional<labels::Label> previous, labels::LabelContent content);
    void undo() override;
    void redo() override;

private:
    void finish(const QString& error);
    DatabaseGetter database_;
    Step after_;
    labels::LabelKey key_;
    std::optional<labels::Label> previous_;
    labels::LabelContent content_;
    bool first_ = true;
};

// Open coding: initial codes made a category, or assigned to one.
class CodesCommand final : public QUndoCommand {
public:
    using Step = std::function<void(const QString& error)>;
    CodesCommand(DatabaseGetter database, Step after, labels::CodesChange change,
                 const QString& text);
    void undo() override;
    void redo() override;
    const labels::CodesChange& change() const { return change_; }

private:
    void finish(const QString& error);
    DatabaseGetter database_;
    Step after_;
    labels::CodesChange change_;
    bool first_ = true;
};

} // namespace taxo::ui
