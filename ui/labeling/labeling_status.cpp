// What the Coding page says about where the coder is: the progress, the position in
// the list, the line that confirms a save or an undo step, when the shown post was
// labeled, and core's refusals. Every line names a post the one way core names it
// (labels::postName: its source id and title), as the post's header does.
#include "core/labels/labels.h"
#include "ui/labeling/labeling_page.h"
#include "ui/labeling/screening_panel.h"
#include "ui/session/project_session.h"
#include "ui/support/qt_text.h"

#include <QDateTime>
#include <QFileInfo>
#include <QLabel>
#include <QProgressBar>
#include <QTime>
#include <algorithm>

namespace taxo::ui {
namespace {

QString clockNow() {
    return QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
}

} // namespace

QString LabelingPage::labeledLine(const std::string& updated, const QDateTime& now) {
    // Core stores UTC; the coder reads their own clock, and the day only when it is
    // not today.
    const QDateTime at = QDateTime::fromString(toQ(updated), Qt::ISODateWithMs).toLocalTime();
    if (!at.isValid())
        return tr("Labeled by you");
    const QString time = at.toString(QStringLiteral("HH:mm"));
    if (at.date() == now.toLocalTime().date())
        return tr("Labeled by you at %1").arg(time);
    return tr("Labeled by you on %1 at %2").arg(at.toString(QStringLiteral("yyyy-MM-dd")), time);
}

QString LabelingPage::postNameText(std::int64_t postId) const {
    if (!session()->isOpen())
        return {};
    return toQ(labels::postName(session()->project()->db(), postId));
}

void LabelingPage::showLabeledAt(const std::optional<labels::Label>& label) {
    labeledAt_->setText(label ? labeledLine(label->updated, QDateTime::currentDateTime())
                              : QString());
}

void LabelingPage::updateProgress() {
    const auto* a = assignment();
    if (!a) {
        done_->clear();
        progress_->setRange(0, 1);
        progress_->setValue(0);
        progress_->setFormat(tr("no round"));
        position_->clear();
        return;
    }
    // "3 of 40": a place in the list, worded so that it never reads as a post's number.
    const auto place = [this](bool filtered) {
        if (itemCount() == 0)
            return tr("no post shown");
        return (filtered ? tr("%1 of %2 in the filtered list") : tr("%1 of %2 in this round"))
            .arg(index_ + 1)
            .arg(itemCount());
    };
    if (screeningMode_) {
        done_->clear();
        progress_->setRange(0, std::max(itemCount(), 1));
        progress_->setValue(screening_->markedCount());
        progress_->setFormat(
            tr("%1 marked of %2 by me").arg(screening_->markedCount()).arg(itemCount()));
        position_->setText(place(false));
        return;
    }
    const labels::Progress* progress = &progressCounts_;
    // The moment a coder's part is finished, say what to do next: in a package, send
    // the file itself (it holds every label; no other file is needed).
    const bool done = a->coder && progress->total > 0 && progress->labeled == progress->total;
    if (!done)
        done_->clear();
    else if (openPackage(*session()))
        done_->setText(tr("Done: close the app and send %1 to your lead")
                           .arg(QFileInfo(session()->path()).fileName()));
    else
        done_->setText(tr("Done: %1 has labeled every post of round %2")
                           .arg(toQ(a->coderName), toQ(a->roundName)));
    progress_->setRange(0, static_cast<int>(std::max<std::int64_t>(progress->total, 1)));
    progress_->setValue(static_cast<int>(progress->labeled));
    progress_->setFormat(tr("%1 of %2 labeled by me").arg(progress->labeled).arg(progress->total));
    position_->setText(place(itemCount() != progress->total));
}

QString LabelingPage::statusText() const {
    return status_->text();
}

QString LabelingPage::savedText() const {
    return saved_->text();
}

QString LabelingPage::labeledAtText() const {
    return labeledAt_->text();
}

QString LabelingPage::progressText() const {
    return progress_->format();
}

QString LabelingPage::positionText() const {
    return position_->text();
}

void LabelingPage::showSaved(const QString& what) {
    const auto key = currentKey();
    const QString post = key ? postNameText(key->postId) : QString();
    saved_->setStyleSheet(QStringLiteral("color: #2e7d32; font-weight: bold;"));
    // What the save did with quotes comes first: "Quoted “…” for Format; saved post …".
    saved_->setText(what.isEmpty() ? tr("✔ Saved %1 at %2").arg(post, clockNow())
                                   : tr("✔ %1; saved %2 at %3").arg(what, post, clockNow()));
    status_->clear();
}

void LabelingPage::showUndoStep(const labels::SaveChange& change, bool undone,
                                const QString& what) {
    // The confirmation of the save is no longer true: say what the step did instead.
    const QString post = postNameText(change.key.postId);
    saved_->setStyleSheet(QStringLiteral("font-weight: bold;"));
    if (!what.isEmpty())
        saved_->setText(undone ? tr("↶ Undid: %1; %2 has its earlier label again").arg(what, post)
                               : tr("↷ Redid: %1; %2 at %3").arg(what, post, clockNow()));
    else if (!undone)
        saved_->setText(tr("↷ Redid the label of %1 at %2").arg(post, clockNow()));
    else if (change.previous)
        saved_->setText(tr("↶ Undid the change: %1 has its earlier label again").arg(post));
    else
        saved_->setText(tr("↶ Undid the label of %1: it has none now").arg(post));
    status_->clear();
}

void LabelingPage::showError(const QString& message) {
    status_->setStyleSheet(QStringLiteral("color: #c62828;"));
    status_->setText(message);
}

} // namespace taxo::ui
