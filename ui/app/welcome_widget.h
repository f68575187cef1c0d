#pragma once

#include <QWidget>

class QListWidget;

namespace taxo::ui {

// Shown while no project is open: New, Open, the demo and the recent projects.
class WelcomeWidget final : public QWidget {
    Q_OBJECT
public:
    explicit WelcomeWidget(QWidget* parent = nullptr);
    void setRecentProjects(const QStringList& paths);

signals:
    void newRequested();
    void openRequested();
    void demoRequested();
    void recentRequested(const QString& path);

private:
    QListWidget* recent_;
};

} // namespace taxo::ui
