// Help inside the application: the guides of docs/ compiled in and rendered, F1 opening
// the guide of the page on screen, and the list of keyboard shortcuts.

#include "labeling_study.h"
#include "scripted_dialogs.h"
#include "ui/app/help_window.h"
#include "ui/app/main_window.h"
#include "ui/session/page.h"
#include "ui/session/project_session.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QRegularExpression>
#include <QSettings>
#include <QTest>
#include <QTextBrowser>
#include <catch2/catch.hpp>

using taxo::ui::HelpWindow;
using taxo::ui::MainWindow;

namespace {

QString shownFile(const HelpWindow& help) {
    return QFileInfo(help.browser()->source().path()).fileName();
}

} // namespace

TEST_CASE("every guide of docs/ is in Help, rendered from its Markdown", "[gui][help]") {
    const QStringList topics = HelpWindow::topics();
    // The same files as the source tree's docs/, so a new guide cannot be left out.
    const QDir docs(QStringLiteral(TAXONOMIST_SOURCE_DIR "/docs"));
    QStringList onDisk = docs.entryList({QStringLiteral("*.md")}, QDir::Files);
    QStringList compiled = topics;
    onDisk.sort();
    compiled.sort();
    CHECK(compiled == onDisk);
    REQUIRE(topics.first() == QStringLiteral("README.md"));
    CHECK(topics.indexOf(QStringLiteral("guide-coder.md")) <
          topics.indexOf(QStringLiteral("architecture.md")));

    HelpWindow help(nullptr);
    REQUIRE(help.contents()->count() == topics.size() + 1);
    for (const QString& topic : topics) {
        INFO(topic.toStdString());
        REQUIRE(help.showTopic(topic));
        CHECK(shownFile(help) == topic);
        const QString text = help.browser()->toPlainText();
        // Rendered, not shown as source: no "# " heading marks are left.
        CHECK_FALSE(text.isEmpty());
        CHECK_FALSE(text.startsWith(QStringLiteral("# ")));
        CHECK(help.contents()->currentItem()->data(Qt::UserRole).toString() == topic);
    }
    CHECK_FALSE(help.showTopic(QStringLiteral("no-such-guide.md")));

    // The guides' screenshots are compiled in too.
    REQUIRE(help.showTopic(QStringLiteral("guide-coder.md")));
    const QRegularExpression image(QStringLiteral(R"(\]\((images/[^)]+\.png)\))"));
    QFile source(QStringLiteral(":/docs/guide-coder.md"));
    REQUIRE(source.open(QIODevice::ReadOnly));
    const QString markdown = QString::fromUtf8(source.readAll());
    int images = 0;
    for (auto match = image.globalMatch(markdown); match.hasNext();) {
        const QString path = match.next().captured(1);
        INFO(path.toStdString());
        CHECK(QFile::exists(QStringLiteral(":/docs/") + path));
        ++images;
    }
    CHECK(images > 0);

    // A link between guides opens the other guide here; one into the source tree is
    // named, not followed to an empty page.
    REQUIRE(help.showTopic(QStringLiteral("README.md")));
    emit help.browser()->anchorClicked(QUrl(QStringLiteral("agreement.md")));
    CHECK(shownFile(help) == QStringLiteral("agreement.md"));
    REQUIRE(help.showTopic(QStringLiteral("README.md")));
    emit help.browser()->anchorClicked(QUrl(QStringLiteral("../CONTRIBUTING.md")));
    CHECK(shownFile(help) == QStringLiteral("README.md"));
    auto* status = help.findChild<QLabel*>(QStringLiteral("helpStatus"));
    REQUIRE(status != nullptr);
    CHECK(status->isVisibleTo(&help));
    CHECK(status->text().contains(QStringLiteral("CONTRIBUTING.md")));
}

TEST_CASE("F1 opens the guide of the page on screen; the shortcut list names every key",
          "[gui][help]") {
    QSettings().clear();
    taxo::test::LabelingProject project(4);
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    MainWindow window(dialogs);
    window.resize(1300, 850);
    window.show();
    QApplication::setActiveWindow(&window);
    REQUIRE(QTest::qWaitForWindowActive(&window));
    REQUIRE(window.openProject(QString::fromStdString(project.path)));

    const std::pair<const char*, const char*> pages[] = {{"Coding", "guide-coder.md"},
                                                         {"Agreement", "agreement.md"},
                                                         {"Statistics", "statistics.md"},
                                                         {"Home", "home-and-demo.md"}};
    for (const auto& [title, guide] : pages) {
        INFO(title);
        REQUIRE(window.showPageByTitle(QString::fromLatin1(title)));
        window.activateWindow();
        QTest::keyClick(&window, Qt::Key_F1);
        auto* help = window.helpWindow();
        REQUIRE(help != nullptr);
        CHECK(help->isVisible());
        CHECK(shownFile(*help) == QString::fromLatin1(guide));
    }
    // Every page has a guide of its own.
    for (int i = 0; i < window.navigation()->count(); ++i) {
        const QString title = window.navigation()->item(i)->text();
        INFO(title.toStdString());
        CHECK(HelpWindow::topicForPage(title) != QStringLiteral("README.md"));
        CHECK(HelpWindow::topics().contains(HelpWindow::topicForPage(title)));
    }

    window.findChild<QAction*>(QStringLiteral("actionShortcutList"))->trigger();
    const QString list = window.helpWindow()->browser()->toPlainText();
    CHECK(list.contains(QStringLiteral("Keyboard shortcuts")));
    CHECK(list.contains(QStringLiteral("Save and next")));
    CHECK(list.contains(QStringLiteral("Coding")));
    CHECK(list.contains(QStringLiteral("Everywhere")));
    CHECK(
        list.contains(QKeySequence(QKeySequence::HelpContents).toString(QKeySequence::NativeText)));
    // Each action with a key is listed under its page.
    for (const QAction* action : window.findChildren<QAction*>()) {
        if (action->shortcut().isEmpty() || action->text().isEmpty())
            continue;
        INFO(action->text().toStdString());
        CHECK(list.contains(action->shortcut().toString(QKeySequence::NativeText)));
    }
}
