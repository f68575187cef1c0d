#pragma once

#include <QMainWindow>
#include <memory>
#include <vector>

class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace taxo::ui {

class Dialogs;
class PackageActions;
class QdpxActions;
class HelpWindow;
class Page;
class ProjectSession;
class WelcomeWidget;

// The shell: menus, the navigation of the method's phases, and the pages.
// It owns no logic of its own; pages and core do the work.
class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    // dialogs may be null for the real system dialogs; tests pass a scripted one.
    explicit MainWindow(std::shared_ptr<Dialogs> dialogs = nullptr, QWidget* parent = nullptr);
    ~MainWindow() override;

    ProjectSession* session() const { return session_; }
    Dialogs& dialogs() const { return *dialogs_; }

    // Opens a project, showing a dialog when it is refused. Returns success.
    bool openProject(const QString& path);
    bool newProject();
    bool openProjectInteractively();
    // Opens the demo project in the user's data folder, creating it first if absent.
    bool openDemoProject();
    static QString demoProjectPath();
    // False when a page kept the project open because the person chose to keep working.
    bool closeProject();

    QMenu* recentMenu() const { return recentMenu_; }
    PackageActions* packageActions() const { return packageActions_; }
    QdpxActions* qdpxActions() const { return qdpxActions_; }
    QListWidget* navigation() const { return navigation_; }
    Page* currentPage() const;
    void showPage(int index);
    // Shows the page with this navigation title; false when there is none.
    bool showPageByTitle(const QString& title);
    // Opens Help at a guide by file name ("guide-coder.md"), or at the keyboard
    // shortcuts when topic is empty (F1 opens the current page's guide).
    HelpWindow* showHelp(const QString& topic);
    HelpWindow* helpWindow() const { return help_; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    // Every page saves or asks about what it holds unsaved; false to keep the project open.
    bool settlePages();
    void createActions();
    void createPages();
    void rebuildRecentMenu();
    void updateForProject();
    void showAbout();
    void updateTitle();
    void updateReadOnlyBanner();

    std::shared_ptr<Dialogs> dialogs_;
    ProjectSession* session_;
    QStackedWidget* central_;
    WelcomeWidget* welcome_;
    QWidget* workspace_;
    QListWidget* navigation_;
    QStackedWidget* pages_;
    QLabel* readOnlyBanner_;
    std::vector<Page*> pageList_;
    HelpWindow* help_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QAction* closeAction_ = nullptr;
    PackageActions* packageActions_ = nullptr;
    QdpxActions* qdpxActions_ = nullptr;
    QLabel* statusProject_;
    QString workingAs_; // whose labels the Coding page changes, empty when nobody's
};

} // namespace taxo::ui
