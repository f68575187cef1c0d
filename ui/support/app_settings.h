#pragma once
// Typed application settings. Each key sits next to its default; nothing else
// in the UI touches QSettings directly.

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace taxo::ui {

class AppSettings {
public:
    static constexpr int kMaxRecentProjects = 10;

    QStringList recentProjects() const;
    // Moves path to the front of the list, dropping duplicates and the oldest entry.
    void addRecentProject(const QString& path);
    void removeRecentProject(const QString& path);

    QByteArray mainWindowGeometry() const;
    void setMainWindowGeometry(const QByteArray& geometry);
    QByteArray mainWindowState() const;
    void setMainWindowState(const QByteArray& state);

    // A splitter's sizes by name ("corpus/splitter"); empty until first saved.
    QByteArray splitterState(const QString& name) const;
    void setSplitterState(const QString& name, const QByteArray& state);

    // The page a project was last left on, by project id.
    int lastPage(const QString& projectId) const;
    void setLastPage(const QString& projectId, int page);

    // Whom the Arbitration page works as, by project id: a person's name, and
    // whether it is the lead's view of every root. Empty until first chosen.
    QString arbitrationPerson(const QString& projectId) const;
    bool arbitrationAllRoots(const QString& projectId) const;
    void setArbitrationPerson(const QString& projectId, const QString& name, bool allRoots);
};

} // namespace taxo::ui
