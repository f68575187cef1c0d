#pragma once
// The open project, shared by every page. Pages read core through it and are
// told when the project changes.

#include "project/project.h"

#include <QObject>
#include <QString>
#include <memory>

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

    // Pages call this after they changed the project, so that others refresh.
    void notifyDataChanged();

signals:
    void projectOpened();
    void projectClosed();
    void dataChanged();

private:
    std::unique_ptr<taxo::Project> project_;
};

} // namespace taxo::ui
