// Labeling as a coder in the lead's own project is an explicit choice, and the window
// and the Coding page say whose labels are being changed.

#include "core/labels/labels.h"
#include "labeling_study.h"
#include "scripted_dialogs.h"
#include "ui/app/main_window.h"
#include "ui/labeling/labeling_page.h"
#include "ui/session/project_session.h"

#include <QApplication>
#include <QComboBox>
#include <QSettings>
#include <QStandardItem>
#include <QTest>
#include <QTreeView>
#include <catch2/catch.hpp>

TEST_CASE("the lead's project opens the Coding page as nobody until a person is chosen",
          "[gui][labeling][person]") {
    QSettings().clear();
    taxo::test::LabelingProject project(4);
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    taxo::ui::MainWindow window(dialogs);
    window.resize(1300, 850);
    window.show();
    QApplication::setActiveWindow(&window);
    REQUIRE(QTest::qWaitForWindowActive(&window));
    REQUIRE(window.openProject(QString::fromStdString(project.path)));
    REQUIRE(window.showPageByTitle(QStringLiteral("Coding")));
    auto* page = dynamic_cast<taxo::ui::LabelingPage*>(window.currentPage());
    REQUIRE(page != nullptr);

    // Nobody is chosen: no post to label, nothing to save, and the page says so.
    CHECK_FALSE(page->currentKey().has_value());
    CHECK(page->workingAs().isEmpty());
    CHECK(page->workingAsText().startsWith(QStringLiteral("Choose whose labels")));
    CHECK_FALSE(window.windowTitle().contains(QStringLiteral("labels of")));
    page->categoryTree()->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_5, Qt::ControlModifier);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    {
        auto count = window.session()->project()->db().queryInt("SELECT count(*) FROM labels");
        REQUIRE(count.ok());
        CHECK(*count == 0);
    }

    // Bo, chosen explicitly: the page and the window title name him.
    auto* box = page->findChild<QComboBox*>(QStringLiteral("labelingAssignment"));
    REQUIRE(box != nullptr);
    const int bo = box->findText(QStringLiteral("long — Bo"));
    REQUIRE(bo > 0);
    box->setCurrentIndex(bo);
    REQUIRE(page->currentKey().has_value());
    CHECK(page->currentKey()->coder == taxo::labels::CoderId{taxo::test::kBoId});
    CHECK(page->workingAs() == QStringLiteral("Bo"));
    CHECK(page->workingAsText() == QStringLiteral("Changing the labels of Bo in round long"));
    CHECK(window.windowTitle().contains(QStringLiteral("labels of Bo")));

    // Ticked for Bo, then another person chosen: Bo's ticks are saved as Bo's first.
    REQUIRE(page->currentKey()->postId == 101);
    page->categoryItem(project.id("Procedure"))->setCheckState(Qt::Checked);
    box->setCurrentIndex(box->findText(QStringLiteral("long — Ann")));
    CHECK(page->workingAs() == QStringLiteral("Ann"));
    {
        auto label = taxo::labels::loadLabel(window.session()->project()->db(),
                                             {taxo::test::kLongRound, 101, taxo::test::kBoId});
        REQUIRE(label.ok());
        REQUIRE(label->has_value());
        CHECK((*label)->content.categories ==
              std::vector<taxo::codebook::CategoryId>{project.id("Procedure")});
        auto ann = taxo::labels::loadLabel(window.session()->project()->db(),
                                           {taxo::test::kLongRound, 101, taxo::test::kAnnId});
        REQUIRE(ann.ok());
        CHECK_FALSE(ann->has_value());
    }

    // Closing the project forgets the choice: the next opening asks again.
    REQUIRE(window.closeProject());
    CHECK(window.windowTitle() == QStringLiteral("Taxonomist"));
    REQUIRE(window.openProject(QString::fromStdString(project.path)));
    REQUIRE(window.showPageByTitle(QStringLiteral("Coding")));
    CHECK_FALSE(page->currentKey().has_value());
    CHECK_FALSE(window.windowTitle().contains(QStringLiteral("labels of")));
}
