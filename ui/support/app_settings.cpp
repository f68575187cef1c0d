#include "ui/support/app_settings.h"

#include <QSettings>

namespace taxo::ui {
namespace {

constexpr auto kRecentProjectsKey = "projects/recent"; // default: empty list
constexpr auto kGeometryKey = "mainWindow/geometry";   // default: empty (window picks a size)
constexpr auto kStateKey = "mainWindow/state";         // default: empty
constexpr auto kSplitterGroup = "splitters";           // per name; default: empty
constexpr auto kLastPageGroup = "lastPage";            // default page: 0 (Home)
constexpr int kDefaultLastPage = 0;
constexpr auto kArbitrationGroup = "arbitration"; // per project; default: no person, own roots

QString key(const char* text) {
    return QString::fromLatin1(text);
}

} // namespace

QStringList AppSettings::recentProjects() const {
    return QSettings().value(key(kRecentProjectsKey), QStringList()).toStringList();
}

void AppSettings::addRecentProject(const QString& path) {
    QStringList list = recentProjects();
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > kMaxRecentProjects)
        list.removeLast();
    QSettings().setValue(key(kRecentProjectsKey), list);
}

void AppSettings::removeRecentProject(const QString& path) {
    QStringList list = recentProjects();
    list.removeAll(path);
    QSettings().setValue(key(kRecentProjectsKey), list);
}

QByteArray AppSettings::mainWindowGeometry() const {
    return QSettings().value(key(kGeometryKey), QByteArray()).toByteArray();
}

void AppSettings::setMainWindowGeometry(const QByteArray& geometry) {
    QSettings().setValue(key(kGeometryKey), geometry);
}

QByteArray AppSettings::mainWindowState() const {
    return QSettings().value(key(kStateKey), QByteArray()).toByteArray();
}

void AppSettings::setMainWindowState(const QByteArray& state) {
    QSettings().setValue(key(kStateKey), state);
}

int AppSettings::lastPage(const QString& projectId) const {
    return QSettings()
        .value(key(kLastPageGroup) + QLatin1Char('/') + projectId, kDefaultLastPage)
        .toInt();
}

void AppSettings::setLastPage(const QString& projectId, int page) {
    QSettings().setValue(key(kLastPageGroup) + QLatin1Char('/') + projectId, page);
}

QByteArray AppSettings::splitterState(const QString& name) const {
    return QSettings().value(key(kSplitterGroup) + QLatin1Char('/') + name).toByteArray();
}

void AppSettings::setSplitterState(const QString& name, const QByteArray& state) {
    QSettings().setValue(key(kSplitterGroup) + QLatin1Char('/') + name, state);
}

QString AppSettings::arbitrationPerson(const QString& projectId) const {
    return QSettings()
        .value(key(kArbitrationGroup) + QLatin1Char('/') + projectId + QStringLiteral("/person"))
        .toString();
}

bool AppSettings::arbitrationAllRoots(const QString& projectId) const {
    return QSettings()
        .value(key(kArbitrationGroup) + QLatin1Char('/') + projectId + QStringLiteral("/allRoots"),
               false)
        .toBool();
}

void AppSettings::setArbitrationPerson(const QString& projectId, const QString& name,
                                       bool allRoots) {
    QSettings settings;
    const QString group = key(kArbitrationGroup) + QLatin1Char('/') + projectId;
    settings.setValue(group + QStringLiteral("/person"), name);
    settings.setValue(group + QStringLiteral("/allRoots"), allRoots);
}

} // namespace taxo::ui
