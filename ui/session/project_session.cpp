#include "ui/session/project_session.h"

#include <QFileInfo>
#include <QPointer>

namespace taxo::ui {

ProjectSession::ProjectSession(QObject* parent)
    : QObject(parent), undo_(new QUndoStack(this)), undoRedo_(makeUndoRedoActions(this, undo_)) {}

ProjectSession::~ProjectSession() {
    // Commands call back into pages; none may run once the session goes.
    undo_->clear();
}

QString ProjectSession::create(const QString& path, const QString& title) {
    auto created = taxo::Project::create(path.toStdString(), title.toStdString());
    if (!created)
        return QString::fromStdString(created.message());
    close();
    project_ = std::make_unique<taxo::Project>(std::move(*created));
    undo_->clear();
    emit projectOpened();
    return {};
}

QString ProjectSession::open(const QString& path) {
    // The open project holds the writer's lock; opening it again is not an error.
    if (project_ &&
        QFileInfo(path).canonicalFilePath() == QFileInfo(this->path()).canonicalFilePath())
        return {};
    auto opened = taxo::Project::open(path.toStdString());
    if (!opened)
        return QString::fromStdString(opened.message());
    close();
    project_ = std::make_unique<taxo::Project>(std::move(*opened));
    undo_->clear();
    emit projectOpened();
    return {};
}

void ProjectSession::close() {
    if (!project_)
        return;
    emit aboutToClose();
    undo_->clear();
    project_.reset();
    emit projectClosed();
}

QString ProjectSession::path() const {
    return project_ ? QString::fromStdString(project_->path()) : QString();
}

QString ProjectSession::title() const {
    return project_ ? QString::fromStdString(project_->title()) : QString();
}

QString ProjectSession::projectId() const {
    return project_ ? QString::fromStdString(project_->id()) : QString();
}

DatabaseGetter ProjectSession::databaseGetter() {
    return [session = QPointer<ProjectSession>(this)]() -> sql::Database* {
        return session && session->isOpen() ? &session->project()->db() : nullptr;
    };
}

void ProjectSession::notifyDataChanged() {
    emit dataChanged();
}

void ProjectSession::setBusy(bool busy) {
    if (busy_ == busy)
        return;
    busy_ = busy;
    emit busyChanged(busy);
}

std::optional<taxo::packages::PackageMeta> openPackage(const ProjectSession& session) {
    if (!session.isOpen() || session.isBusy())
        return std::nullopt;
    // A package whose meta cannot be read is treated as a project: the merge refuses it.
    auto meta = taxo::packages::readPackageMeta(session.project()->db());
    return meta ? *meta : std::nullopt;
}

} // namespace taxo::ui
