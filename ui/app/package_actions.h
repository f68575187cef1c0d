#pragma once
// File → Export Package for… and File → Import Package…: the team's work without a
// server (docs/packages.md). Core makes and merges packages; this adapts it to the
// window: the person and the file come through the Dialogs seam, the export runs off
// the UI thread, and the merge ends in a report or the refusal with its reason.

#include "core/packages/packages.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <memory>
#include <optional>

class QAction;
class QProgressDialog;
class QWidget;

namespace taxo::ui {

class Dialogs;
class JobRunner;
class ProjectSession;

class PackageActions final : public QObject {
    Q_OBJECT
public:
    PackageActions(ProjectSession* session, Dialogs& dialogs, QWidget* window);

    QAction* exportAction() const { return export_; }
    QAction* importAction() const { return import_; }
    JobRunner* runner() const { return runner_; }

    // Asks for the person, then the file; true when the export started.
    bool exportPackage();
    // Asks for the file and starts the merge off the UI thread, with progress and Cancel;
    // true when it started. importFinished follows, after the report or the refusal.
    bool importPackage();

signals:
    // After an export finished: the file written, or empty when it failed.
    void exportFinished(const QString& path);
    void importFinished(bool merged);

private:
    void updateEnabled();

    ProjectSession* session_;
    Dialogs& dialogs_;
    QWidget* window_;
    QAction* export_;
    QAction* import_;
    JobRunner* runner_;
    QPointer<QProgressDialog> progress_;
};

} // namespace taxo::ui
