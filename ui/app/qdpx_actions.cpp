#include "ui/app/qdpx_actions.h"

#include "core/exchange/qdpx.h"
#include "core/project/project.h"
#include "core/rounds/rounds.h"
#include "ui/session/project_session.h"
#include "ui/support/dialogs.h"
#include "ui/support/job_runner.h"
#include "ui/support/qt_text.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QProgressDialog>
#include <QWidget>
#include <memory>

namespace taxo::ui {
namespace {

QString qdpxFilter() {
    return QObject::tr("REFI-QDA projects (*.qdpx);;All files (*)");
}

QString projectFilter() {
    return QObject::tr("Taxonomist projects (*.taxo);;All files (*)");
}

std::string number(std::int64_t value) {
    return QLocale().toString(static_cast<qlonglong>(value)).toStdString();
}

} // namespace

QdpxActions::QdpxActions(ProjectSession* session, Dialogs& dialogs, QWidget* window)
    : QObject(window), session_(session), dialogs_(dialogs), window_(window),
      export_(new QAction(tr("Export as REFI-QDA Pro&ject (.qdpx)…"), this)),
      importNew_(new QAction(tr("Import REFI-QDA Project as Ne&w Project…"), this)),
      importCoder_(new QAction(tr("Import a Coder's Co&dings (.qdpx) into a Round…"), this)),
      runner_(new JobRunner(this)) {
    export_->setObjectName(QStringLiteral("actionExportQdpx"));
    export_->setStatusTip(tr("Write the posts, the codebook and every coder's labels for "
                             "QualCoder, MAXQDA, ATLAS.ti or NVivo"));
    importNew_->setObjectName(QStringLiteral("actionImportQdpxProject"));
    importNew_->setStatusTip(tr("Make a new project from a REFI-QDA project file"));
    importCoder_->setObjectName(QStringLiteral("actionImportQdpxCoder"));
    importCoder_->setStatusTip(tr("Take the codings one coder made in another tool as their "
                                  "labels in a round of this project"));
    connect(export_, &QAction::triggered, this, [this] { exportQdpx(); });
    connect(importNew_, &QAction::triggered, this, [this] { importAsNewProject(); });
    connect(importCoder_, &QAction::triggered, this, [this] { importCoder(); });
    connect(runner_, &JobRunner::finished, this, [this] { updateEnabled(); });
    for (auto signal : {&ProjectSession::projectOpened, &ProjectSession::projectClosed})
        connect(session_, signal, this, &QdpxActions::updateEnabled);
    connect(session_, &ProjectSession::busyChanged, this, &QdpxActions::updateEnabled);
    updateEnabled();
}

void QdpxActions::updateEnabled() {
    const bool idle = !session_->isBusy() && !runner_->isRunning();
    // Coders' labels go into the lead's project, never into a package.
    const bool lead = idle && session_->isOpen() && !openPackage(*session_);
    export_->setEnabled(idle && session_->isOpen());
    importNew_->setEnabled(idle);
    importCoder_->setEnabled(lead);
}

bool QdpxActions::run(const QString& label, const QString& doneTitle, const QString& refusedTitle,
                      const QString& unchanged, std::function<taxo::Result<std::string>()> job,
                      std::function<void()> afterSuccess) {
    // Reading another tool's file may take long (or, forged, until refused): off the UI
    // thread, with a progress dialog. The core functions cannot stop half-way, so it has
    // no Cancel button: they end in one transaction either way.
    if (session_->isOpen())
        session_->setBusy(true);
    progress_ = new QProgressDialog(label, QString(), 0, 0, window_);
    progress_->setObjectName(QStringLiteral("qdpxProgress"));
    progress_->setWindowTitle(doneTitle);
    progress_->setWindowModality(Qt::WindowModal);
    progress_->setMinimumDuration(500);
    progress_->setCancelButton(nullptr);
    progress_->setAutoClose(false);
    progress_->setAutoReset(false);
    if (auto* text = progress_->findChild<QLabel*>())
        text->setTextFormat(Qt::PlainText); // it names a file from elsewhere
    connect(
        runner_, &JobRunner::finished, this,
        [this, doneTitle, refusedTitle, unchanged, afterSuccess](bool success,
                                                                 const QString& message) {
            if (progress_) {
                progress_->hide();
                progress_->setObjectName(QString());
                progress_->deleteLater();
                progress_ = nullptr;
            }
            if (session_->isOpen())
                session_->setBusy(false);
            if (!success) {
                dialogs_.showError(
                    window_, refusedTitle,
                    unchanged.isEmpty() ? message : message + QStringLiteral("\n\n") + unchanged);
                emit finished(false);
                return;
            }
            if (afterSuccess)
                afterSuccess();
            dialogs_.showInformation(window_, doneTitle, message);
            emit finished(true);
        },
        Qt::SingleShotConnection);
    const bool started = runner_->start(
        [job](const taxo::ProgressCallback&, const taxo::CancelFlag*) { return job(); });
    if (!started) {
        if (session_->isOpen())
            session_->setBusy(false);
        delete progress_;
        return false;
    }
    updateEnabled();
    return true;
}

bool QdpxActions::exportQdpx() {
    if (!export_->isEnabled())
        return false;
    const QFileInfo project(session_->path());
    QString path = dialogs_.saveFilePath(
        window_, tr("Export as REFI-QDA Project"),
        project.dir().filePath(project.completeBaseName() + QStringLiteral(".qdpx")), qdpxFilter());
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".qdpx");
    auto connection = session_->project()->openWorkerConnection();
    if (!connection) {
        dialogs_.showError(window_, tr("Cannot export"), toQ(connection.message()));
        return false;
    }
    auto worker = std::make_shared<taxo::Project>(std::move(*connection));
    const std::string out = path.toStdString();
    const QString shown = QDir::toNativeSeparators(path);
    return run(tr("Writing %1…").arg(QFileInfo(path).fileName()), tr("REFI-QDA project written"),
               tr("Cannot export"), QString(), [worker, out, shown]() -> taxo::Result<std::string> {
                   auto status = taxo::exchange::exportQdpxFile(*worker, out);
                   if (!status)
                       return status.error();
                   return "Wrote " + shown.toStdString() +
                          ": the posts, the codebook and every coder's labels, for QualCoder, "
                          "MAXQDA, ATLAS.ti or NVivo.";
               });
}

bool QdpxActions::importAsNewProject() {
    if (!importNew_->isEnabled())
        return false;
    const QString file =
        dialogs_.openFilePath(window_, tr("Import REFI-QDA Project"), qdpxFilter());
    if (file.isEmpty())
        return false;
    QString path =
        dialogs_.saveFilePath(window_, tr("New Project from %1").arg(QFileInfo(file).fileName()),
                              QFileInfo(file).dir().filePath(QFileInfo(file).completeBaseName() +
                                                             QStringLiteral(".taxo")),
                              projectFilter());
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".taxo");
    const std::string qdpx = file.toStdString(), target = path.toStdString();
    return run(
        tr("Reading %1…").arg(QFileInfo(file).fileName()), tr("Project created"),
        tr("REFI-QDA project refused"), tr("No project was created."),
        [qdpx, target]() -> taxo::Result<std::string> {
            auto counts = taxo::exchange::importQdpxFile(target, qdpx);
            if (!counts)
                return counts.error();
            return "Created " + target + " with " + number(counts->items) + " posts, " +
                   number(counts->categories) + " categories, " + number(counts->people) +
                   " people, " + number(counts->rounds) + " rounds and " + number(counts->labels) +
                   " labels.";
        },
        [this, path] { emit projectCreated(path); });
}

bool QdpxActions::importCoder() {
    if (!importCoder_->isEnabled())
        return false;
    auto rounds = taxo::rounds::listRounds(*session_->project());
    if (!rounds) {
        dialogs_.showError(window_, tr("Cannot import codings"), toQ(rounds.message()));
        return false;
    }
    // A coder's codings go to a coder of an open round who has no label there yet: a
    // .qdpx never replaces labels.
    struct Target {
        std::string round, coder;
    };
    std::vector<Target> targets;
    QStringList items;
    for (const auto& round : *rounds) {
        if (round.state != "open" || round.kind == taxo::rounds::RoundKind::Screening)
            continue;
        for (const auto& coder : round.coders) {
            if (coder.labels > 0)
                continue;
            targets.push_back({round.name, coder.name});
            items << tr("%1 — round %2 (%3 posts)")
                         .arg(toQ(coder.name), toQ(round.name),
                              QLocale().toString(static_cast<qlonglong>(round.items)));
        }
    }
    if (targets.empty()) {
        dialogs_.showError(window_, tr("Cannot import codings"),
                           tr("No coder of an open round is without labels there: a .qdpx "
                              "never replaces labels. Add the coder to a round first."));
        return false;
    }
    const QString file =
        dialogs_.openFilePath(window_, tr("Import a Coder's Codings"), qdpxFilter());
    if (file.isEmpty())
        return false;
    const int chosen = dialogs_.chooseItem(
        window_, tr("Import a Coder's Codings"),
        tr("The codings of %1 become the labels of (coders who have labels in a round are not "
           "listed):")
            .arg(QFileInfo(file).fileName()),
        items);
    if (chosen < 0 || chosen >= static_cast<int>(targets.size()))
        return false;
    const auto target = targets[static_cast<std::size_t>(chosen)];
    const std::string qdpx = file.toStdString();
    // Several users in the file: whose codings are the coder's is the person's choice.
    auto users = taxo::exchange::qdpxCodingUsers(qdpx);
    if (!users) {
        dialogs_.showError(window_, tr("Codings refused"),
                           toQ(users.message()) + QStringLiteral("\n\n") +
                               tr("Nothing was imported; the project is unchanged."));
        return false;
    }
    std::string user;
    std::size_t named = 0;
    for (const auto& [name, count] : *users)
        named += name.empty() ? 0 : 1;
    if (named > 1) {
        QStringList names;
        std::vector<std::string> keys;
        for (const auto& [name, count] : *users) {
            if (name.empty())
                continue;
            keys.push_back(name);
            names << (count == 1
                          ? tr("%1 (1 coding)").arg(toQ(name))
                          : tr("%1 (%2 codings)")
                                .arg(toQ(name), QLocale().toString(static_cast<qlonglong>(count))));
        }
        const int which = dialogs_.chooseItem(
            window_, tr("Import a Coder's Codings"),
            tr("The file holds the codings of several users. Take those of:"), names);
        if (which < 0 || which >= static_cast<int>(keys.size()))
            return false;
        user = keys[static_cast<std::size_t>(which)];
    }
    auto connection = session_->project()->openWorkerConnection();
    if (!connection) {
        dialogs_.showError(window_, tr("Cannot import codings"), toQ(connection.message()));
        return false;
    }
    auto worker = std::make_shared<taxo::Project>(std::move(*connection));
    return run(
        tr("Reading %1…").arg(QFileInfo(file).fileName()), tr("Codings imported"),
        tr("Codings refused"), tr("Nothing was imported; the project is unchanged."),
        [worker, qdpx, target, user]() -> taxo::Result<std::string> {
            auto report =
                taxo::exchange::importQdpxCoder(*worker, qdpx, {target.coder, target.round, user});
            if (!report)
                return report.error();
            std::string text =
                "Imported " + number(report->labels) + " labels of " + target.coder +
                " into round " + target.round + " from " + number(report->codings) + " codings" +
                (report->user.empty() ? std::string() : " by " + report->user) + "; " +
                number(report->roundItems - report->labels) + " of the " +
                number(report->roundItems) + " posts have no label of " + target.coder + " yet.";
            for (const auto& other : report->otherUsers)
                text += "\nLeft in the file: the codings of " + other + ".";
            return text;
        },
        [this] { session_->notifyDataChanged(); });
}

} // namespace taxo::ui
