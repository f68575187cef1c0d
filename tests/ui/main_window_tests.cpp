#include "scripted_dialogs.h"
#include "tests/support/test_support.h"
#include "ui/app/main_window.h"
#include "ui/session/page.h"
#include "ui/session/project_session.h"
#include "ui/support/app_settings.h"
#include "ui/support/qt_text.h"

#include <QAction>
#include <QListWidget>
#include <QMenu>
#include <QSettings>
#include <QStackedWidget>
#include <catch2/catch.hpp>

using taxo::ui::toQ;

using taxo::ui::MainWindow;

namespace {

QAction* findAction(MainWindow& window, const char* name) {
    auto* action = window.findChild<QAction*>(QString::fromLatin1(name));
    REQUIRE(action != nullptr);
    return action;
}

} // namespace

TEST_CASE("New creates a project, Close closes it, Open Recent reopens it", "[gui]") {
    QSettings().clear();
    taxo::test::TempDir dir;
    const QString path = toQ(dir.file("created.taxo"));
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    dialogs->pathsToReturn << path;

    MainWindow window(dialogs);
    window.show();
    CHECK(window.windowTitle() == QStringLiteral("Taxonomist"));
    CHECK_FALSE(findAction(window, "actionClose")->isEnabled());

    findAction(window, "actionNew")->trigger();
    REQUIRE(dialogs->errors.isEmpty());
    REQUIRE(window.session()->isOpen());
    CHECK(window.windowTitle().contains(QStringLiteral("created")));
    const QString id = window.session()->projectId();
    CHECK(id.size() == 36);

    findAction(window, "actionClose")->trigger();
    CHECK_FALSE(window.session()->isOpen());
    CHECK(window.windowTitle() == QStringLiteral("Taxonomist"));

    QMenu* recent = window.recentMenu();
    REQUIRE(recent->actions().size() == 1);
    CHECK(recent->actions().first()->text() == QStringLiteral("created.taxo"));
    recent->actions().first()->trigger();
    REQUIRE(window.session()->isOpen());
    CHECK(window.session()->projectId() == id);
    CHECK(dialogs->errors.isEmpty());
}

TEST_CASE("a refused file shows a clear error and keeps the window usable", "[gui]") {
    QSettings().clear();
    taxo::test::TempDir dir;
    const auto bad = dir.file("garbage.taxo");
    taxo::test::writeFile(bad, std::string(2048, 'x'));
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    dialogs->pathsToReturn << toQ(bad);

    MainWindow window(dialogs);
    findAction(window, "actionOpen")->trigger();
    CHECK_FALSE(window.session()->isOpen());
    REQUIRE(dialogs->errors.size() == 1);
    CHECK(dialogs->errors.first().contains(QStringLiteral("not a Taxonomist project")));
    CHECK(taxo::test::readFile(bad) == std::string(2048, 'x'));
    CHECK(taxo::ui::AppSettings().recentProjects().isEmpty());
}

TEST_CASE("the navigation lists the method's phases, each page saying what it does", "[gui]") {
    QSettings().clear();
    taxo::test::TempDir dir;
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    dialogs->pathsToReturn << toQ(dir.file("nav.taxo"));
    MainWindow window(dialogs);
    REQUIRE(window.newProject());

    QStringList titles;
    for (int i = 0; i < window.navigation()->count(); ++i)
        titles << window.navigation()->item(i)->text();
    CHECK(titles == QStringList({QStringLiteral("Home"), QStringLiteral("Corpus"),
                                 QStringLiteral("Selection"), QStringLiteral("Statistics"),
                                 QStringLiteral("Sampling"), QStringLiteral("Coding"),
                                 QStringLiteral("Codebook"), QStringLiteral("Agreement"),
                                 QStringLiteral("Arbitration"), QStringLiteral("Taxonomy")}));
    for (int i = 0; i < window.navigation()->count(); ++i) {
        window.navigation()->setCurrentRow(i);
        REQUIRE(window.currentPage() != nullptr);
        CHECK(window.currentPage()->title() == titles[i]);
        CHECK_FALSE(window.currentPage()->purpose().isEmpty());
    }
    // The last page is remembered per project.
    const QString path = window.session()->path();
    window.closeProject();
    REQUIRE(window.openProject(path));
    CHECK(window.navigation()->currentRow() == titles.size() - 1);
}
