#include "ui/app/main_window.h"

#include "core/demo/demo_project.h"
#include "ui/agreement/agreement_page.h"
#include "ui/app/help_window.h"
#include "ui/app/package_actions.h"
#include "ui/app/qdpx_actions.h"
#include "ui/app/welcome_widget.h"
#include "ui/arbitration/arbitration_page.h"
#include "ui/codebook/codebook_page.h"
#include "ui/corpus/corpus_page.h"
#include "ui/home/home_page.h"
#include "ui/labeling/labeling_page.h"
#include "ui/results/taxonomy_page.h"
#include "ui/sampling/sampling_page.h"
#include "ui/selection/selection_page.h"
#include "ui/session/page.h"
#include "ui/session/project_session.h"
#include "ui/statistics/statistics_page.h"
#include "ui/support/app_settings.h"
#include "ui/support/dialogs.h"
#include "ui/support/plain_text.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QVBoxLayout>
#include <algorithm>

namespace taxo::ui {

MainWindow::MainWindow(std::shared_ptr<Dialogs> dialogs, QWidget* parent)
    : QMainWindow(parent),
      dialogs_(dialogs ? std::move(dialogs) : std::make_shared<SystemDialogs>()),
      session_(new ProjectSession(this)) {
    installPlainTextGuard();
    setObjectName(QStringLiteral("mainWindow"));
    central_ = new QStackedWidget(this);
    welcome_ = new WelcomeWidget(central_);
    workspace_ = new QSplitter(Qt::Horizontal, central_);
    workspace_->setObjectName(QStringLiteral("workspace"));
    navigation_ = new QListWidget(workspace_);
    navigation_->setObjectName(QStringLiteral("navigation"));
    navigation_->setSpacing(3);
    navigation_->setFrameShape(QFrame::NoFrame);
    QFont navigationFont = navigation_->font();
    navigationFont.setPointSizeF(navigationFont.pointSizeF() * 1.1);
    navigation_->setFont(navigationFont);
    // Above the pages: why the page shown is read-only (in a package), when it is.
    auto* pageColumn = new QWidget(workspace_);
    auto* pageLayout = new QVBoxLayout(pageColumn);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    readOnlyBanner_ = new QLabel(pageColumn);
    readOnlyBanner_->setObjectName(QStringLiteral("readOnlyReason"));
    readOnlyBanner_->setTextFormat(Qt::PlainText);
    readOnlyBanner_->setWordWrap(true);
    readOnlyBanner_->setStyleSheet(
        QStringLiteral("background: #fff4e5; color: #6d4c00; padding: 6px; font-weight: bold;"));
    readOnlyBanner_->hide();
    pages_ = new QStackedWidget(pageColumn);
    pageLayout->addWidget(readOnlyBanner_);
    pageLayout->addWidget(pages_, 1);
    auto* splitter = static_cast<QSplitter*>(workspace_);
    splitter->setChildrenCollapsible(false);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({170, 1100});
    central_->addWidget(welcome_);
    central_->addWidget(workspace_);
    setCentralWidget(central_);

    statusProject_ = new QLabel(this);
    statusBar()->addPermanentWidget(statusProject_);

    createActions();
    createPages();

    connect(navigation_, &QListWidget::currentRowChanged, this, &MainWindow::showPage);
    connect(welcome_, &WelcomeWidget::newRequested, this, [this] { newProject(); });
    connect(welcome_, &WelcomeWidget::openRequested, this, [this] { openProjectInteractively(); });
    connect(welcome_, &WelcomeWidget::demoRequested, this, [this] { openDemoProject(); });
    connect(welcome_, &WelcomeWidget::recentRequested, this,
            [this](const QString& path) { openProject(path); });
    connect(session_, &ProjectSession::projectOpened, this, &MainWindow::updateForProject);
    connect(session_, &ProjectSession::projectClosed, this, &MainWindow::updateForProject);
    connect(session_, &ProjectSession::dataChanged, this, [this] {
        updateTitle(); // the study may have been renamed (Home page, or its undo)
        if (auto* page = currentPage(); page && !session_->isBusy())
            page->refresh();
    });
    // Pages read nothing while long work holds the connection; they catch up after.
    connect(session_, &ProjectSession::busyChanged, this, [this](bool busy) {
        if (auto* page = currentPage(); page && !busy && session_->isOpen())
            page->refresh();
    });

    AppSettings settings;
    if (!restoreGeometry(settings.mainWindowGeometry()))
        resize(1280, 800);
    restoreState(settings.mainWindowState());
    updateForProject();
}

MainWindow::~MainWindow() {
    // Closing first lets work still running on the project stop while every page
    // that watches it is alive.
    session_->close();
}

void MainWindow::createActions() {
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* newAction = fileMenu->addAction(tr("&New Project…"));
    newAction->setObjectName(QStringLiteral("actionNew"));
    newAction->setShortcut(QKeySequence::New);
    connect(newAction, &QAction::triggered, this, [this] { newProject(); });

    QAction* openAction = fileMenu->addAction(tr("&Open Project…"));
    openAction->setObjectName(QStringLiteral("actionOpen"));
    openAction->setShortcut(QKeySequence::Open);
    connect(openAction, &QAction::triggered, this, [this] { openProjectInteractively(); });

    recentMenu_ = fileMenu->addMenu(tr("Open &Recent"));
    recentMenu_->setObjectName(QStringLiteral("menuRecent"));

    closeAction_ = fileMenu->addAction(tr("&Close Project"));
    closeAction_->setObjectName(QStringLiteral("actionClose"));
    closeAction_->setShortcut(QKeySequence::Close);
    connect(closeAction_, &QAction::triggered, this, [this] { closeProject(); });

    fileMenu->addSeparator();
    packageActions_ = new PackageActions(session_, *dialogs_, this);
    fileMenu->addAction(packageActions_->exportAction());
    fileMenu->addAction(packageActions_->importAction());

    fileMenu->addSeparator();
    qdpxActions_ = new QdpxActions(session_, *dialogs_, this);
    fileMenu->addAction(qdpxActions_->exportAction());
    fileMenu->addAction(qdpxActions_->importNewAction());
    fileMenu->addAction(qdpxActions_->importCoderAction());
    connect(qdpxActions_, &QdpxActions::projectCreated, this,
            [this](const QString& path) { openProject(path); });

    fileMenu->addSeparator();
    QAction* quitAction = fileMenu->addAction(tr("&Quit"));
    quitAction->setObjectName(QStringLiteral("actionQuit"));
    quitAction->setShortcut(QKeySequence::Quit);
    connect(quitAction, &QAction::triggered, this, &QWidget::close);

    // One history for the project: Undo undoes the last change whichever page made it.
    QMenu* editMenu = menuBar()->addMenu(tr("&Edit"));
    editMenu->setObjectName(QStringLiteral("menuEdit"));
    editMenu->addAction(session_->undoRedoActions().undo);
    editMenu->addAction(session_->undoRedoActions().redo);
    addAction(session_->undoRedoActions().undo);
    addAction(session_->undoRedoActions().redo);

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->setObjectName(QStringLiteral("menuHelp"));
    QAction* pageHelp = helpMenu->addAction(tr("Help for This &Page"));
    pageHelp->setObjectName(QStringLiteral("actionPageHelp"));
    pageHelp->setShortcut(QKeySequence::HelpContents);
    connect(pageHelp, &QAction::triggered, this, [this] {
        showHelp(currentPage() && session_->isOpen()
                     ? HelpWindow::topicForPage(currentPage()->title())
                     : QStringLiteral("README.md"));
    });
    QAction* guides = helpMenu->addAction(tr("&User Guides"));
    guides->setObjectName(QStringLiteral("actionUserGuides"));
    connect(guides, &QAction::triggered, this, [this] { showHelp(QStringLiteral("README.md")); });
    QAction* keys = helpMenu->addAction(tr("&Keyboard Shortcuts"));
    keys->setObjectName(QStringLiteral("actionShortcutList"));
    keys->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    connect(keys, &QAction::triggered, this, [this] { showHelp(QString()); });
    helpMenu->addSeparator();
    QAction* aboutAction = helpMenu->addAction(tr("&About Taxonomist"));
    aboutAction->setObjectName(QStringLiteral("actionAbout"));
    connect(aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    rebuildRecentMenu();
}

void MainWindow::createPages() {
    // The method's order. The codebook follows Coding because open coding builds it
    // bottom-up while posts are read.
    auto* home = new HomePage(session_, pages_);
    connect(home, &HomePage::pageRequested, this, &MainWindow::showPageByTitle);
    auto* labeling = new LabelingPage(session_, *dialogs_, pages_);
    // The title says whose labels the Coding page changes, wherever the person looks.
    connect(labeling, &LabelingPage::workingAsChanged, this, [this](const QString& person) {
        workingAs_ = person;
        updateTitle();
    });
    pageList_ = {
        home,
        new CorpusPage(session_, *dialogs_, pages_),
        new SelectionPage(session_, *dialogs_, pages_),
        new StatisticsPage(session_, *dialogs_, pages_),
        new SamplingPage(session_, *dialogs_, pages_),
        labeling,
        new CodebookPage(session_, pages_),
        new AgreementPage(session_, *dialogs_, pages_),
        new ArbitrationPage(session_, pages_),
        new TaxonomyPage(session_, *dialogs_, pages_),
    };
    for (Page* page : pageList_) {
        pages_->addWidget(page);
        auto* item = new QListWidgetItem(page->title(), navigation_);
        item->setToolTip(page->purpose());
    }
}

Page* MainWindow::currentPage() const {
    const int index = pages_->currentIndex();
    return index >= 0 && index < static_cast<int>(pageList_.size()) ? pageList_[index] : nullptr;
}

void MainWindow::showPage(int index) {
    if (index < 0 || index >= static_cast<int>(pageList_.size()))
        return;
    pages_->setCurrentIndex(index);
    updateReadOnlyBanner();
    if (navigation_->currentRow() != index)
        navigation_->setCurrentRow(index);
    if (session_->isOpen()) {
        if (!session_->isBusy())
            pageList_[index]->refresh();
        AppSettings().setLastPage(session_->projectId(), index);
    }
}

bool MainWindow::showPageByTitle(const QString& title) {
    for (std::size_t i = 0; i < pageList_.size(); ++i)
        if (pageList_[i]->title() == title) {
            showPage(static_cast<int>(i));
            return true;
        }
    return false;
}

void MainWindow::rebuildRecentMenu() {
    recentMenu_->clear();
    const QStringList recent = AppSettings().recentProjects();
    for (const QString& path : recent) {
        QAction* action = recentMenu_->addAction(QFileInfo(path).fileName());
        action->setData(path);
        action->setToolTip(path);
        connect(action, &QAction::triggered, this, [this, path] { openProject(path); });
    }
    recentMenu_->setEnabled(!recent.isEmpty());
    welcome_->setRecentProjects(recent);
}

bool MainWindow::openProject(const QString& path) {
    // Opening another project closes this one: the pages settle their work first.
    if (!settlePages())
        return false;
    const QString error = session_->open(path);
    if (!error.isEmpty()) {
        dialogs_->showError(this, tr("Cannot open project"), error);
        statusBar()->showMessage(tr("Could not open %1").arg(path), 5000);
        return false;
    }
    AppSettings().addRecentProject(QFileInfo(path).absoluteFilePath());
    rebuildRecentMenu();
    statusBar()->showMessage(tr("Opened %1").arg(path), 3000);
    return true;
}

bool MainWindow::newProject() {
    const QString path = dialogs_->newProjectPath(this);
    if (path.isEmpty() || !settlePages())
        return false;
    const QString error = session_->create(path, QFileInfo(path).completeBaseName());
    if (!error.isEmpty()) {
        dialogs_->showError(this, tr("Cannot create project"), error);
        return false;
    }
    AppSettings().addRecentProject(QFileInfo(path).absoluteFilePath());
    rebuildRecentMenu();
    statusBar()->showMessage(tr("Created %1").arg(path), 3000);
    return true;
}

bool MainWindow::openProjectInteractively() {
    const QString path = dialogs_->openProjectPath(this);
    return !path.isEmpty() && openProject(path);
}

QString MainWindow::demoProjectPath() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("demo.taxo"));
}

bool MainWindow::openDemoProject() {
    const QString path = demoProjectPath();
    if (!QFileInfo::exists(path)) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        // About a second of work; the window shows it is busy rather than a progress bar.
        QApplication::setOverrideCursor(Qt::WaitCursor);
        auto made = demo::createDemoProject(path.toStdString());
        QApplication::restoreOverrideCursor();
        if (!made) {
            dialogs_->showError(this, tr("Cannot create the demo project"),
                                QString::fromStdString(made.message()));
            return false;
        }
    }
    return openProject(path);
}

bool MainWindow::settlePages() {
    if (!session_->isOpen())
        return true;
    for (Page* page : pageList_)
        if (!page->settleBeforeClose(*dialogs_)) {
            showPage(static_cast<int>(std::find(pageList_.begin(), pageList_.end(), page) -
                                      pageList_.begin()));
            return false;
        }
    return true;
}

bool MainWindow::closeProject() {
    if (!settlePages())
        return false;
    session_->close();
    return true;
}

void MainWindow::updateForProject() {
    const bool open = session_->isOpen();
    central_->setCurrentWidget(open ? workspace_ : static_cast<QWidget*>(welcome_));
    closeAction_->setEnabled(open);
    if (open) {
        // A splitter laid out while hidden gives the navigation more than its maximum
        // width and leaves the rest as an empty gap before the page; size it once shown.
        auto* splitter = static_cast<QSplitter*>(workspace_);
        const int navigationWidth = navigation_->maximumWidth();
        if (splitter->sizes().value(0) > navigationWidth)
            splitter->setSizes({navigationWidth, splitter->width() - navigationWidth});
        const auto package = openPackage(*session_);
        updateTitle();
        // In a package the lead's pages show, but do not change: the merge would refuse.
        const QString reason =
            !package ? QString()
            : package->kind == packages::Kind::Coder
                ? tr("Read-only in a coder's package: only the lead changes this. To propose "
                     "a new category, label the post Pending with a suggested name.")
                : tr("Read-only in an arbitrator's package: only the lead changes this. A "
                     "new leaf is added on the Arbitration page.");
        for (Page* page : pageList_)
            if (page->leadOnly())
                page->setReadOnlyReason(reason);
        updateReadOnlyBanner();
        statusProject_->setText(session_->path());
        if (package)
            showPageByTitle(package->kind == packages::Kind::Coder ? tr("Coding")
                                                                   : tr("Arbitration"));
        else
            showPage(AppSettings().lastPage(session_->projectId()));
        currentPage()->refresh();
    } else {
        for (Page* page : pageList_)
            page->setReadOnlyReason(QString());
        updateReadOnlyBanner();
        setWindowTitle(tr("Taxonomist"));
        statusProject_->clear();
    }
}

void MainWindow::updateReadOnlyBanner() {
    const Page* page = currentPage();
    const QString reason = page ? page->readOnlyReason() : QString();
    readOnlyBanner_->setText(reason);
    readOnlyBanner_->setVisible(!reason.isEmpty());
}

void MainWindow::updateTitle() {
    if (!session_->isOpen()) {
        setWindowTitle(tr("Taxonomist"));
        return;
    }
    QString heading = session_->title();
    if (const auto package = openPackage(*session_)) {
        // A package says whom it is for, and opens where that person works.
        auto text = packages::packageHeading(session_->project()->db(), *package);
        heading = QString::fromStdString(text ? *text : package->person);
    }
    if (!workingAs_.isEmpty())
        heading = tr("%1 – labels of %2").arg(heading, workingAs_);
    setWindowTitle(tr("%1 – %2 – Taxonomist").arg(heading, QFileInfo(session_->path()).fileName()));
}

HelpWindow* MainWindow::showHelp(const QString& topic) {
    if (!help_)
        help_ = new HelpWindow(this, this);
    if (topic.isEmpty())
        help_->showShortcuts();
    else
        help_->showTopic(topic);
    help_->show();
    help_->raise();
    help_->activateWindow();
    return help_;
}

void MainWindow::showAbout() {
    // HTML of its own; no data in it.
    QMessageBox box(QMessageBox::Information, tr("About Taxonomist"),
                    tr("<h3>Taxonomist %1</h3><p>A workbench for building a taxonomy from a "
                       "corpus of posts by qualitative coding: selection, sampling, coding by "
                       "two people, agreement, arbitration and the final figure.</p><p>Built "
                       "with Qt %2 and SQLite.</p>")
                        .arg(QApplication::applicationVersion().toHtmlEscaped(),
                             QString::fromLatin1(qVersion())),
                    QMessageBox::Ok, this);
    box.setTextFormat(Qt::RichText);
    box.exec();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!settlePages()) {
        event->ignore();
        return;
    }
    AppSettings settings;
    settings.setMainWindowGeometry(saveGeometry());
    settings.setMainWindowState(saveState());
    event->accept();
}

} // namespace taxo::ui
