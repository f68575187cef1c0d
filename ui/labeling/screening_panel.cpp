#include "ui/labeling/screening_panel.h"

#include "core/labels/labels.h"
#include "core/screening/screening.h"
#include "ui/session/project_session.h"
#include "ui/support/core_command.h"

#include <QAction>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTime>
#include <QUndoStack>
#include <QVBoxLayout>
#include <functional>

namespace taxo::ui {
namespace {

QString markText(const std::optional<bool>& mark) {
    if (!mark)
        return QCoreApplication::translate("Screening", "not marked yet");
    return *mark ? QCoreApplication::translate("Screening", "Relevant")
                 : QCoreApplication::translate("Screening", "Irrelevant");
}

} // namespace

ScreeningPanel::ScreeningPanel(ProjectSession* session, QUndoStack* undo, QWidget* shortcutScope,
                               QWidget* parent)
    : QWidget(parent), session_(session), undo_(undo), current_(new QLabel(this)),
      status_(new QLabel(this)) {
    setObjectName(QStringLiteral("screeningPanel"));
    current_->setObjectName(QStringLiteral("screeningMark"));
    status_->setObjectName(QStringLiteral("screeningStatus"));
    status_->setWordWrap(true);
    QFont bigger = current_->font();
    bigger.setPointSizeF(bigger.pointSizeF() * 1.3);
    bigger.setBold(true);
    current_->setFont(bigger);

    auto* explain = new QLabel(
        tr("Screening: is this post about the set's topic? Mark it and move on; the other coder "
           "does not see your marks."),
        this);
    explain->setWordWrap(true);
    auto* buttons = new QHBoxLayout;
    const std::pair<bool, Qt::Key> choices[] = {{true, Qt::Key_R}, {false, Qt::Key_I}};
    for (const auto& [relevant, key] : choices) {
        const QString text = relevant ? tr("Relevant") : tr("Irrelevant");
        auto* action = new QAction(text, shortcutScope);
        action->setObjectName(relevant ? QStringLiteral("actionMarkRelevant")
                                       : QStringLiteral("actionMarkIrrelevant"));
        action->setShortcut(QKeySequence(key));
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setEnabled(false);
        shortcutScope->addAction(action);
        const bool value = relevant;
        connect(action, &QAction::triggered, this, [this, value] { mark(value); });
        auto* button = new QPushButton(text + QStringLiteral(" (") +
                                           QKeySequence(key).toString(QKeySequence::NativeText) +
                                           QStringLiteral(")"),
                                       this);
        button->setObjectName(relevant ? QStringLiteral("markRelevantButton")
                                       : QStringLiteral("markIrrelevantButton"));
        button->setToolTip(tr("%1 and go to the next post (%2)")
                               .arg(text, QKeySequence(key).toString(QKeySequence::NativeText)));
        connect(button, &QPushButton::clicked, action, &QAction::trigger);
        buttons->addWidget(button);
        actions_ << action;
    }
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(explain);
    layout->addWidget(current_);
    layout->addLayout(buttons);
    layout->addWidget(status_);
    layout->addStretch(1);
}

void ScreeningPanel::setRound(std::int64_t roundId, std::int64_t coderId) {
    roundId_ = roundId;
    coderId_ = coderId;
    status_->clear();
}

void ScreeningPanel::setActive(bool active) {
    for (QAction* action : actions_)
        action->setEnabled(active);
}

void ScreeningPanel::showPost(std::optional<std::int64_t> postId) {
    postId_ = postId;
    reload();
}

void ScreeningPanel::reload() {
    mark_.reset();
    if (postId_ && session_->isOpen()) {
        auto rows = screening::marksForCoder(session_->project()->db(), roundId_, coderId_);
        if (rows) {
            for (const auto& row : *rows)
                if (row.postId == *postId_)
                    mark_ = row.relevant;
        } else {
            status_->setText(QString::fromStdString(rows.message()));
        }
    }
    current_->setText(postId_ ? markText(mark_) : QString());
}

std::int64_t ScreeningPanel::markedCount() const {
    if (!session_->isOpen() || roundId_ == 0)
        return 0;
    auto rows = screening::marksForCoder(session_->project()->db(), roundId_, coderId_);
    if (!rows)
        return 0;
    std::int64_t marked = 0;
    for (const auto& row : *rows)
        marked += row.relevant ? 1 : 0;
    return marked;
}

QString ScreeningPanel::statusText() const {
    return status_->text();
}

bool ScreeningPanel::mark(bool relevant) {
    if (!postId_ || !session_->isOpen())
        return false;
    if (mark_ == relevant) {
        emit marked(); // nothing to save: move on
        return true;
    }
    auto change = screening::changeMarks(session_->project()->db(), roundId_, coderId_,
                                         {{*postId_, relevant}});
    if (!change) {
        status_->setText(QString::fromStdString(change.message()));
        return false;
    }
    // Undo puts back the previous mark (or none); redo sets the same mark again.
    const QString post =
        QString::fromStdString(labels::postName(session_->project()->db(), *postId_));
    undo_->push(new CoreCommand(
        QCoreApplication::translate("Screening", "Mark %1").arg(post), session_->databaseGetter(),
        [c = *change](sql::Database& db) { return screening::redoMarks(db, c); },
        [c = *change](sql::Database& db) { return screening::undoMarks(db, c); }, this,
        [this, postId = *postId_](const QString& error, bool) {
            if (!error.isEmpty())
                status_->setText(error);
            emit markChangedByUndo(postId);
        }));
    status_->setText(
        tr("Saved %1 at %2").arg(post, QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
    mark_ = relevant;
    current_->setText(markText(mark_));
    session_->notifyDataChanged();
    emit marked();
    return true;
}

} // namespace taxo::ui
