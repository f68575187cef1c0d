// Closing the project or the window never drops work: each page saves what it
// holds or asks (docs/guide-coder.md, "Closing").

#include "core/labels/labels.h"
#include "labeling_study.h"
#include "scripted_dialogs.h"
#include "tests/support/study_builder.h"
#include "ui/app/main_window.h"
#include "ui/labeling/labeling_page.h"
#include "ui/selection/rules_table_model.h"
#include "ui/selection/selection_page.h"
#include "ui/session/project_session.h"

#include <QAction>
#include <QPushButton>
#include <QSettings>
#include <QStandardItem>
#include <QTreeView>
#include <catch2/catch.hpp>

using taxo::ui::MainWindow;

namespace {

QAction* findAction(MainWindow& window, const char* name) {
    auto* action = window.findChild<QAction*>(QString::fromLatin1(name));
    REQUIRE(action != nullptr);
    return action;
}

std::optional<taxo::labels::Label> annLabel(const std::string& path, std::int64_t post) {
    auto project = taxo::Project::open(path, taxo::Project::Access::ReadOnly);
    REQUIRE(project.ok());
    auto label =
        taxo::labels::loadLabel(project->db(), {taxo::test::kLongRound, post, taxo::test::kAnnId});
    REQUIRE(label.ok());
    return *label;
}

} // namespace

TEST_CASE("closing with unbuilt clauses on the Selection page asks first", "[gui][close]") {
    QSettings().clear();
    taxo::test::TempDir dir;
    const auto path = dir.file("study.taxo");
    taxo::test::makeStudy(path, {{"Browser", taxo::test::numberedItems(4)}});
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    MainWindow window(dialogs);
    window.show();
    REQUIRE(window.openProject(QString::fromStdString(path)));
    REQUIRE(window.showPageByTitle(QStringLiteral("Selection")));
    auto* page = dynamic_cast<taxo::ui::SelectionPage*>(window.currentPage());
    REQUIRE(page != nullptr);
    // The rules as built: closing asks nothing.
    CHECK_FALSE(page->hasUnbuiltClauses());
    page->findChild<QPushButton*>(QStringLiteral("addClause"))->click();
    REQUIRE(page->hasUnbuiltClauses());

    // Ctrl+W: declined, the project stays open with the clause.
    findAction(window, "actionClose")->trigger();
    REQUIRE(dialogs->questions.size() == 1);
    CHECK(dialogs->questions.first().startsWith(QStringLiteral("Unbuilt clauses")));
    CHECK(window.session()->isOpen());
    // Ctrl+Q and the window's close button: declined too.
    CHECK_FALSE(window.close());
    CHECK(window.session()->isOpen());
    CHECK(dialogs->questions.size() == 2);
    // Opening another project closes this one: asked as well.
    CHECK_FALSE(window.openProject(QString::fromStdString(path)));
    CHECK(dialogs->questions.size() == 3);
    CHECK(page->hasUnbuiltClauses());
    // Told to drop them, it closes.
    dialogs->confirmAnswers << true;
    findAction(window, "actionClose")->trigger();
    CHECK_FALSE(window.session()->isOpen());
}

TEST_CASE("closing saves the categories ticked on the shown post", "[gui][close][labeling]") {
    QSettings().clear();
    for (const char* how : {"close project", "quit", "open another"}) {
        DYNAMIC_SECTION(how) {
            taxo::test::LabelingProject project(4);
            auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
            MainWindow window(dialogs);
            window.show();
            REQUIRE(window.openProject(QString::fromStdString(project.path)));
            REQUIRE(window.showPageByTitle(QStringLiteral("Coding")));
            auto* page = dynamic_cast<taxo::ui::LabelingPage*>(window.currentPage());
            REQUIRE(page != nullptr);
            REQUIRE(page->chooseAssignment(taxo::test::kLongRound, taxo::test::kAnnId));
            REQUIRE(page->currentKey()->postId == 101);
            page->categoryItem(project.id("Procedure"))->setCheckState(Qt::Checked);
            const std::string how_ = how;
            if (how_ == "close project")
                findAction(window, "actionClose")->trigger();
            else if (how_ == "quit")
                findAction(window, "actionQuit")->trigger();
            else
                REQUIRE(window.openProject(QString::fromStdString(project.path)));
            CHECK(dialogs->questions.isEmpty());
            window.session()->close();
            const auto label = annLabel(project.path, 101);
            REQUIRE(label.has_value());
            CHECK(label->content.categories ==
                  std::vector<taxo::codebook::CategoryId>{project.id("Procedure")});
        }
    }
}
