#pragma once
// The open project, shared by every page. Pages read core through it and are
// told when the project changes.

#include "core/packages/packages.h"
#include "core/project/project.h"
#include "ui/support/core_command.h"
#include "ui/support/undo_actions.h"

#include <QObject>
#include <QString>
#include <QUndoStack>
#include <memory>
#include <optional>

namespace taxo::ui {

class ProjectSession : public QObject {
    Q_OBJECT
public:
    explicit ProjectSession(QObject* parent = nullptr);
    ~ProjectSession() override;

    // On failure the previous project stays open and the message is returned.
    QString create(const QString& path, const QString& title);
    QString open(const QString& path);
    void close();

    bool isOpen() const { return project_ != nullptr; }
    taxo::Project* project() const { return project_.get(); }
    QString path() const;
    QString title() const;
    QString projectId() const;

    // The project's one undo history: every page pushes its changes here, so Undo
    // undoes the last change whichever page made it. Emptied when a project opens or
    // closes: history belongs to one project.
    QUndoStack* undoStack() const { return undo_; }
    const UndoRedoActions& undoRedoActions() const { return undoRedo_; }
    // The open project's database when a step runs, for undo commands.
    DatabaseGetter databaseGetter();

    // Pages call this after they changed the project, so that others refresh.
    void notifyDataChanged();

    // Long work (an import) uses the project's one connection on a worker thread.
    // While the session is busy nothing on the UI thread may touch project()->db():
    // the connection is single-threaded and the project allows one writer only.
    bool isBusy() const { return busy_; }
    void setBusy(bool busy);

signals:
    void projectOpened();
    // Before the project goes: whoever works on it stops and waits here.
    void aboutToClose();
    void projectClosed();
    void dataChanged();
    void busyChanged(bool busy);

private:
    std::unique_ptr<taxo::Project> project_;
    bool busy_ = false;
    QUndoStack* undo_;
    UndoRedoActions undoRedo_;
};

// Whom the open file was made for when it is a package; nullopt for a project (or
// when nothing is open, or long work holds the project).
std::optional<taxo::packages::PackageMeta> openPackage(const ProjectSession& session);

} // namespace taxo::ui
