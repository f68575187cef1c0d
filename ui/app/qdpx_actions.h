#pragma once
// File → the REFI-QDA project exchange (docs/qdpx.md): export the project as a .qdpx,
// import a .qdpx as a new project, and take one coder's codings from another tool into
// a round. Core reads and writes the files; this adapts it to the window: files, the
// round and coder, and the file's user come through the Dialogs seam, the work runs off
// the UI thread behind a progress dialog, and it ends in a report or the refusal.

#include "core/util/result.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <functional>
#include <string>

class QAction;
class QProgressDialog;
class QWidget;

namespace taxo::ui {

class Dialogs;
class JobRunner;
class ProjectSession;

class QdpxActions final : public QObject {
    Q_OBJECT
public:
    QdpxActions(ProjectSession* session, Dialogs& dialogs, QWidget* window);

    QAction* exportAction() const { return export_; }
    QAction* importNewAction() const { return importNew_; }
    QAction* importCoderAction() const { return importCoder_; }
    JobRunner* runner() const { return runner_; }

    // Each asks through the Dialogs seam and starts the work; true when it started.
    // finished follows, after the report or the refusal.
    bool exportQdpx();
    bool importAsNewProject();
    bool importCoder();

signals:
    void finished(bool success);
    // A .qdpx became a new project at path: the window opens it.
    void projectCreated(const QString& path);

private:
    void updateEnabled();
    // Runs job off the UI thread behind a progress dialog; on success the job's message
    // is shown as `doneTitle`, on failure as `refusedTitle` with `unchanged` after it.
    bool run(const QString& label, const QString& doneTitle, const QString& refusedTitle,
             const QString& unchanged, std::function<taxo::Result<std::string>()> job,
             std::function<void()> afterSuccess = {});

    ProjectSession* session_;
    Dialogs& dialogs_;
    QWidget* window_;
    QAction* export_;
    QAction* importNew_;
    QAction* importCoder_;
    JobRunner* runner_;
    QPointer<QProgressDialog> progress_;
};

} // namespace taxo::ui
