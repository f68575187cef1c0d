#include "ui/app/package_actions.h"

#include "ui/session/project_session.h"
#include "ui/support/dialogs.h"
#include "ui/support/job_runner.h"
#include "ui/support/qt_text.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QProgressDialog>
#include <QWidget>

namespace taxo::ui {
namespace {

QString packageFilter() {
    return QObject::tr("Taxonomist packages (*.taxo);;All files (*)");
}

QString roleText(taxo::packages::Kind kind) {
    return kind == taxo::packages::Kind::Coder ? QObject::tr("coder") : QObject::tr("arbitrator");
}

QString reportText(const taxo::packages::MergeReport& report) {
    const QLocale locale;
    QString text =
        QObject::tr("Merged the %1 package of %2.").arg(roleText(report.kind), toQ(report.person)) +
        QStringLiteral("\n\n");
    text += QObject::tr("Labels: %1 added, %2 updated, %3 unchanged.")
                .arg(locale.toString(report.labelsAdded), locale.toString(report.labelsUpdated),
                     locale.toString(report.labelsUnchanged)) +
            QStringLiteral("\n");
    text +=
        QObject::tr("Decisions: %1 added, %2 updated, %3 unchanged.")
            .arg(locale.toString(report.decisionsAdded), locale.toString(report.decisionsUpdated),
                 locale.toString(report.decisionsUnchanged)) +
        QStringLiteral("\n");
    text += QObject::tr("Categories added: %1.").arg(locale.toString(report.categoriesAdded));
    // Each round's progress and the warnings (an incomplete round, an older package):
    // core's lines after its summary, which the counts above already give.
    const auto lines = taxo::packages::describe(report);
    if (lines.size() > 1)
        text += QStringLiteral("\n");
    for (std::size_t i = 1; i < lines.size(); ++i)
        text += QStringLiteral("\n") + toQ(lines[i]);
    return text;
}

} // namespace

PackageActions::PackageActions(ProjectSession* session, Dialogs& dialogs, QWidget* window)
    : QObject(window), session_(session), dialogs_(dialogs), window_(window),
      export_(new QAction(tr("&Export Package for…"), this)),
      import_(new QAction(tr("&Import Package…"), this)), runner_(new JobRunner(this)) {
    export_->setObjectName(QStringLiteral("actionExportPackage"));
    export_->setStatusTip(tr("Write the package of one coder or arbitrator, to work in on "
                             "another computer"));
    import_->setObjectName(QStringLiteral("actionImportPackage"));
    import_->setStatusTip(tr("Merge a package's labels, decisions and new categories into "
                             "this project"));
    connect(export_, &QAction::triggered, this, [this] { exportPackage(); });
    connect(import_, &QAction::triggered, this, [this] { importPackage(); });
    connect(runner_, &JobRunner::finished, this, [this] { updateEnabled(); });
    for (auto signal : {&ProjectSession::projectOpened, &ProjectSession::projectClosed})
        connect(session_, signal, this, &PackageActions::updateEnabled);
    connect(session_, &ProjectSession::busyChanged, this, &PackageActions::updateEnabled);
    updateEnabled();
}

void PackageActions::updateEnabled() {
    // Packages are made from and merged into the lead's project, never a package.
    const bool lead = session_->isOpen() && !session_->isBusy() && !runner_->isRunning() &&
                      !openPackage(*session_);
    export_->setEnabled(lead);
    import_->setEnabled(lead);
}

bool PackageActions::exportPackage() {
    if (!export_->isEnabled())
        return false;
    auto* project = session_->project();
    auto people = taxo::packages::packagePeople(project->db());
    if (!people) {
        dialogs_.showError(window_, tr("Cannot export a package"), toQ(people.message()));
        return false;
    }
    if (people->empty()) {
        dialogs_.showError(window_, tr("Cannot export a package"),
                           tr("Nobody codes in an open round or arbitrates a root yet: add "
                              "coders to a round, or give an arbitrator a root, first."));
        return false;
    }
    QStringList items;
    for (const auto& person : *people)
        items
            << tr("%1 — %2 (%3)").arg(toQ(person.name), roleText(person.kind), toQ(person.detail));
    const int chosen =
        dialogs_.chooseItem(window_, tr("Export Package"), tr("The package is for:"), items);
    if (chosen < 0 || chosen >= static_cast<int>(people->size()))
        return false;
    const auto person = (*people)[static_cast<std::size_t>(chosen)];
    // The person's name is sanitized by core before it becomes a file name.
    const QString suggested =
        QDir(QFileInfo(session_->path()).absolutePath())
            .filePath(toQ(taxo::packages::suggestedFileName(person.name, person.kind)));
    QString path = dialogs_.saveFilePath(window_, tr("Export Package for %1").arg(toQ(person.name)),
                                         suggested, packageFilter());
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".taxo");

    auto connection = project->openWorkerConnection();
    if (!connection) {
        dialogs_.showError(window_, tr("Cannot export a package"), toQ(connection.message()));
        return false;
    }
    auto worker = std::make_shared<taxo::Project>(std::move(*connection));
    auto summary = std::make_shared<taxo::packages::ExportSummary>();
    const std::string out = path.toStdString();
    session_->setBusy(true);
    connect(
        runner_, &JobRunner::finished, this,
        [this, path, summary](bool success, const QString& message) {
            session_->setBusy(false);
            if (!success) {
                dialogs_.showError(window_, tr("Cannot export a package"), message);
                emit exportFinished(QString());
                return;
            }
            dialogs_.showInformation(
                window_, tr("Package written"),
                tr("The %1 package of %2 holds %3 posts and %4 labels.\n\nWritten to %5")
                    .arg(roleText(summary->kind), toQ(summary->person),
                         QLocale().toString(summary->posts), QLocale().toString(summary->labels),
                         QDir::toNativeSeparators(path)));
            emit exportFinished(path);
        },
        Qt::SingleShotConnection);
    const bool started = runner_->start(
        [worker, person, out, summary](const taxo::ProgressCallback&,
                                       const taxo::CancelFlag*) -> taxo::Result<std::string> {
            auto written = taxo::packages::exportPackage(*worker, person.name, out, person.kind);
            if (!written)
                return written.error();
            *summary = *written;
            return std::string();
        });
    if (!started) {
        session_->setBusy(false);
        return false;
    }
    updateEnabled();
    return true;
}

bool PackageActions::importPackage() {
    if (!import_->isEnabled())
        return false;
    const QString path = dialogs_.openFilePath(window_, tr("Import Package"), packageFilter());
    if (path.isEmpty())
        return false;
    // A package is a file from elsewhere: reading it may take long (or, forged, forever
    // until refused), so the merge runs off the UI thread on a connection of its own,
    // and the window shows it with Cancel.
    auto connection = session_->project()->openWorkerConnection();
    if (!connection) {
        dialogs_.showError(window_, tr("Cannot import a package"), toQ(connection.message()));
        return false;
    }
    auto worker = std::make_shared<taxo::Project>(std::move(*connection));
    auto report = std::make_shared<taxo::packages::MergeReport>();
    const std::string file = path.toStdString();
    session_->setBusy(true);
    progress_ = new QProgressDialog(tr("Merging %1…").arg(QFileInfo(path).fileName()), tr("Cancel"),
                                    0, 0, window_);
    progress_->setObjectName(QStringLiteral("packageImportProgress"));
    progress_->setWindowTitle(tr("Import Package"));
    progress_->setWindowModality(Qt::WindowModal);
    progress_->setMinimumDuration(0);
    progress_->setAutoClose(false);
    progress_->setAutoReset(false);
    // The label names the file, which comes from the person: plain text.
    if (auto* label = progress_->findChild<QLabel*>())
        label->setTextFormat(Qt::PlainText);
    connect(progress_, &QProgressDialog::canceled, this, [this] {
        runner_->cancel();
        if (progress_)
            progress_->setLabelText(tr("Cancelling…"));
    });
    connect(runner_, &JobRunner::progressed, progress_, [this](const taxo::Progress& step) {
        if (progress_ && step.total > 0) {
            progress_->setMaximum(1000);
            progress_->setValue(static_cast<int>(1000 * step.done / step.total));
        }
    });
    connect(
        runner_, &JobRunner::finished, this,
        [this, report](bool success, const QString& message) {
            const bool cancelled = runner_->cancelRequested();
            // Not deleted here: a window-modal QProgressDialog processes events inside
            // setValue(), so this can run while the dialog is still in setValue() on the
            // stack, and deleting it then would leave that call on a dead object.
            if (progress_) {
                progress_->hide();
                progress_->setObjectName(QString()); // the next merge's dialog is the one named
                progress_->deleteLater();
                progress_ = nullptr;
            }
            session_->setBusy(false);
            if (!success) {
                if (JobRunner::isCancelledMessage(message)) {
                    dialogs_.showInformation(window_, tr("Import cancelled"),
                                             tr("Nothing was merged; the project is unchanged."));
                } else {
                    dialogs_.showError(window_, tr("Package refused"),
                                       message + QStringLiteral("\n\n") +
                                           tr("Nothing was merged; the project is unchanged."));
                }
                emit importFinished(false);
                return;
            }
            session_->notifyDataChanged();
            // A merge that ended before it could stop is merged: say so, never "cancelled".
            dialogs_.showInformation(
                window_, tr("Package imported"),
                (cancelled
                     ? tr("The merge had finished before it could stop.") + QStringLiteral("\n\n")
                     : QString()) +
                    reportText(*report));
            emit importFinished(true);
        },
        Qt::SingleShotConnection);
    const bool started = runner_->start(
        [worker, file, report](const taxo::ProgressCallback& progress,
                               const taxo::CancelFlag* cancel) -> taxo::Result<std::string> {
            if (cancel && cancel->load())
                return taxo::makeError(taxo::kCancelledMessage);
            auto merged = taxo::packages::importPackage(*worker, file, {}, progress, cancel);
            if (!merged)
                return merged.error();
            *report = std::move(*merged);
            return std::string();
        });
    if (!started) {
        session_->setBusy(false);
        delete progress_;
        return false;
    }
    progress_->show();
    updateEnabled();
    return true;
}

} // namespace taxo::ui
