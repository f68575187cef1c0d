// The home page: the demo opens from the welcome screen, the page shows the phases and
// the next step, and one click on it shows the page that does it.

#include "child_widget.h"
#include "scripted_dialogs.h"
#include "tests/support/test_support.h"
#include "ui/app/main_window.h"
#include "ui/home/home_page.h"
#include "ui/session/page.h"
#include "ui/session/project_session.h"

#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>
#include <catch2/catch.hpp>

using taxo::ui::MainWindow;

using taxo::test::child;

namespace {

void removeDemo() {
    const QString path = MainWindow::demoProjectPath();
    for (const char* suffix : {"", "-wal", "-shm"})
        QFile::remove(path + QLatin1String(suffix));
}

} // namespace

TEST_CASE("the welcome screen's demo button creates the demo once and opens it", "[gui][home]") {
    QSettings().clear();
    removeDemo();
    const QString path = MainWindow::demoProjectPath();
    // Test mode keeps the demo out of the user's own data folder.
    CHECK(QStandardPaths::isTestModeEnabled());
    CHECK(path.contains(QStringLiteral(".qttest")));

    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    QString firstId;
    {
        MainWindow window(dialogs);
        window.show();
        QTest::mouseClick(child<QPushButton>(window, "welcomeDemo"), Qt::LeftButton);
        REQUIRE(dialogs->errors.isEmpty());
        REQUIRE(window.session()->isOpen());
        CHECK(QFileInfo(window.session()->path()).canonicalFilePath() ==
              QFileInfo(path).canonicalFilePath());
        firstId = window.session()->projectId();
        CHECK(window.currentPage()->title() == QStringLiteral("Home"));
    }
    {
        // The second time the existing demo is opened, not made again.
        MainWindow window(dialogs);
        REQUIRE(window.openDemoProject());
        CHECK(window.session()->projectId() == firstId);
    }
    removeDemo();
}

TEST_CASE("the home page shows each phase and its next step opens the page", "[gui][home]") {
    QSettings().clear();
    removeDemo();
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    MainWindow window(dialogs);
    window.show();
    REQUIRE(window.openDemoProject());
    REQUIRE(window.currentPage()->title() == QStringLiteral("Home"));
    auto* home = dynamic_cast<taxo::ui::HomePage*>(window.currentPage());
    REQUIRE(home != nullptr);

    // Nine phases, each a link to its page; the demo is mid-study.
    for (int i = 0; i < 9; ++i) {
        const QByteArray name = "homePhase_" + QByteArray::number(i);
        CHECK(window.findChild<QLabel*>(QString::fromLatin1(name)) != nullptr);
    }
    const QString nextText = child<QLabel>(window, "homeNextText")->text();
    INFO(nextText.toStdString());
    CHECK(nextText.startsWith(QStringLiteral("Label the reliability rounds")));
    CHECK(home->nextPage() == QStringLiteral("Coding"));

    auto* next = child<QPushButton>(window, "homeNextButton");
    CHECK(next->text().contains(QStringLiteral("Coding")));
    QTest::mouseClick(next, Qt::LeftButton);
    CHECK(window.currentPage()->title() == QStringLiteral("Coding"));
    CHECK(window.navigation()->currentRow() == 5);

    // A phase's link opens its page too.
    window.showPage(0);
    auto* arbitration = child<QLabel>(window, "homePhase_7");
    CHECK(arbitration->text().contains(QStringLiteral("Arbitration")));
    emit arbitration->linkActivated(QStringLiteral("Arbitration"));
    CHECK(window.currentPage()->title() == QStringLiteral("Arbitration"));
    window.closeProject();
    removeDemo();
}

TEST_CASE("on a new project the next step is the import", "[gui][home]") {
    QSettings().clear();
    taxo::test::TempDir dir;
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    dialogs->pathsToReturn << QString::fromStdString(dir.file("new.taxo"));
    MainWindow window(dialogs);
    window.show();
    REQUIRE(window.newProject());
    auto* next = child<QPushButton>(window, "homeNextButton");
    CHECK(next->text().contains(QStringLiteral("Corpus")));
    QTest::mouseClick(next, Qt::LeftButton);
    CHECK(window.currentPage()->title() == QStringLiteral("Corpus"));
}

TEST_CASE("the study's title is renamed on the Home page, with undo", "[gui][home]") {
    QSettings().clear();
    taxo::test::TempDir dir;
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    dialogs->pathsToReturn << QString::fromStdString(dir.file("new.taxo"));
    MainWindow window(dialogs);
    window.show();
    REQUIRE(window.newProject());
    auto* heading = child<QLabel>(window, "homeHeading");
    auto* edit = child<QLineEdit>(window, "projectTitleEdit");
    auto* status = child<QLabel>(window, "projectTitleStatus");
    CHECK(heading->text() == QStringLiteral("new"));
    CHECK(edit->isHidden());

    QTest::mouseClick(child<QToolButton>(window, "renameProject"), Qt::LeftButton);
    REQUIRE(edit->isVisible());
    CHECK(edit->text() == QStringLiteral("new"));
    // Markup in a title is text, never rendered.
    const QString title = QStringLiteral("Deploying <b>DL</b> software");
    edit->setText(title);
    QTest::keyClick(edit, Qt::Key_Return);
    CHECK(edit->isHidden());
    CHECK(heading->text() == title);
    CHECK(heading->textFormat() == Qt::PlainText);
    CHECK(window.windowTitle().startsWith(title));
    CHECK(window.session()->project()->title() == title.toStdString());

    // An empty title is refused where it was typed; the edit stays open.
    QTest::mouseClick(child<QToolButton>(window, "renameProject"), Qt::LeftButton);
    edit->setText(QStringLiteral("  "));
    QTest::keyClick(edit, Qt::Key_Return);
    CHECK(edit->isVisible());
    CHECK(status->text().contains(QStringLiteral("needs a title")));
    QTest::keyClick(edit, Qt::Key_Escape);
    CHECK(edit->isHidden());
    CHECK(heading->text() == title);

    window.session()->undoStack()->undo();
    CHECK(heading->text() == QStringLiteral("new"));
    CHECK(window.windowTitle().startsWith(QStringLiteral("new")));
    window.session()->undoStack()->redo();
    CHECK(heading->text() == title);
}
