#include "scripted_dialogs.h"
#include "tests/core/study_fixture.h"
#include "ui/labeling/labeling_page.h"
#include "ui/session/project_session.h"
#include "ui/widgets/post_viewer.h"

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QStandardItem>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>
#include <catch2/catch.hpp>

namespace lb = taxo::labels;
using taxo::ui::LabelingPage;

namespace {

struct LabelingStudy {
    taxo::test::TempDir dir;
    taxo::ui::ProjectSession session;
    std::map<std::string, taxo::codebook::CategoryId> ids;

    LabelingStudy() {
        REQUIRE(
            session
                .create(QString::fromStdString(dir.file("coding.taxo")), QStringLiteral("coding"))
                .isEmpty());
        auto& db = session.project()->db();
        taxo::test::seedStudy(db);
        using taxo::test::addOrFail;
        ids["Server/Cloud"] = addOrFail(db, std::nullopt, "Server/Cloud");
        ids["Model Export"] = addOrFail(db, ids["Server/Cloud"], "Model Export");
        ids["Procedure"] = addOrFail(db, ids["Model Export"], "Procedure");
        ids["Mobile"] = addOrFail(db, std::nullopt, "Mobile");
        ids["Data"] = addOrFail(db, ids["Mobile"], "Data");
        ids["Input"] = addOrFail(db, ids["Data"], "Input");
    }
    taxo::sql::Database& db() { return session.project()->db(); }
};

std::optional<lb::Label> labelOf(taxo::sql::Database& db, std::int64_t post, std::int64_t coder) {
    auto label = lb::loadLabel(db, {2, post, coder});
    REQUIRE(label.ok());
    return *label;
}

} // namespace

TEST_CASE("a coder labels from the keyboard, blind to the other, with undo", "[gui][labeling]") {
    LabelingStudy study;
    taxo::test::ScriptedDialogs dialogs;
    LabelingPage page(&study.session, dialogs);
    page.resize(1000, 700);
    page.show();
    QApplication::setActiveWindow(&page);
    REQUIRE(QTest::qWaitForWindowActive(&page));
    page.refresh();
    // Bo has labeled post 4 already; Ann must not see it.
    REQUIRE(lb::saveLabel(study.db(), {2, 4, 2}, {{study.ids["Input"]}, {}, {}, {}, {}}).ok());

    REQUIRE(page.chooseAssignment(2, std::int64_t{1}));
    REQUIRE(page.itemCount() == 3);
    CHECK(page.currentKey()->postId == 4);
    CHECK(page.progressText() == QStringLiteral("0 of 3 labeled by me"));
    CHECK(page.categoryItem(study.ids["Input"])->checkState() == Qt::Unchecked);

    // Post 4 is in both sets: both roots are offered. Check a leaf, press Enter.
    page.categoryItem(study.ids["Procedure"])->setCheckState(Qt::Checked);
    page.categoryTree()->setFocus();
    QTest::keyClick(page.categoryTree(), Qt::Key_Return);
    REQUIRE(labelOf(study.db(), 4, 1).has_value());
    CHECK(labelOf(study.db(), 4, 1)->content.categories ==
          std::vector<taxo::codebook::CategoryId>{study.ids["Procedure"]});
    CHECK(page.currentKey()->postId == 5);
    // Post 5 is a Mobile post: the Server/Cloud leaves are not offered.
    CHECK(page.categoryItem(study.ids["Procedure"]) == nullptr);

    // Alt+S takes the keyboard to the Show filter, and back to the post afterwards.
    page.viewer()->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_S, Qt::AltModifier);
    CHECK(QApplication::focusWidget() == page.showFilter());

    // F on the post saves False positive and moves on to the next post, as Enter does.
    page.viewer()->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F);
    REQUIRE(labelOf(study.db(), 5, 1).has_value());
    CHECK(labelOf(study.db(), 5, 1)->content.special == lb::Special::FalsePositive);
    CHECK(page.progressText() == QStringLiteral("2 of 3 labeled by me"));
    CHECK(page.currentKey()->postId == 6);
    CHECK(page.categoryTree()->hasFocus());

    // Back on post 5, typing a note keeps the letters (F does not fire in a text field).
    QTest::keyClick(page.categoryTree(), Qt::Key_Left, Qt::AltModifier);
    REQUIRE(page.currentKey()->postId == 5);
    page.noteEdit()->setFocus();
    QTest::keyClicks(page.noteEdit(), QStringLiteral("fu"));
    CHECK(page.noteEdit()->text() == QStringLiteral("fu"));
    QTest::keyClick(page.noteEdit(), Qt::Key_Return);
    CHECK(labelOf(study.db(), 5, 1)->content.note == "fu");
    CHECK(labelOf(study.db(), 5, 1)->content.special == lb::Special::FalsePositive);
    CHECK(page.undoStack()->count() == 3);

    // Post 6 with nothing chosen: refused inline, nothing pushed.
    page.categoryTree()->setFocus();
    REQUIRE(page.currentKey()->postId == 6);
    QTest::keyClick(page.categoryTree(), Qt::Key_Return);
    CHECK(page.statusText().contains(QStringLiteral("at least one category")));
    CHECK_FALSE(labelOf(study.db(), 6, 1).has_value());
    CHECK(page.undoStack()->count() == 3);

    // Ctrl+Z three times: Ann has no labels again; Bo's label never moved.
    for (int i = 0; i < 3; ++i)
        QTest::keyClick(page.categoryTree(), Qt::Key_Z, Qt::ControlModifier);
    CHECK_FALSE(labelOf(study.db(), 4, 1).has_value());
    CHECK_FALSE(labelOf(study.db(), 5, 1).has_value());
    CHECK(labelOf(study.db(), 4, 2).has_value());
    CHECK(page.currentKey()->postId == 4);
    for (int i = 0; i < 3; ++i)
        QTest::keyClick(page.categoryTree(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(labelOf(study.db(), 5, 1)->content.note == "fu");
    CHECK(labelOf(study.db(), 4, 1)->content.categories.size() == 1);
}

TEST_CASE("moving to another post saves what was chosen, or stays with the reason",
          "[gui][labeling]") {
    LabelingStudy study;
    taxo::test::ScriptedDialogs dialogs;
    LabelingPage page(&study.session, dialogs);
    page.show();
    QApplication::setActiveWindow(&page);
    REQUIRE(QTest::qWaitForWindowActive(&page));
    page.refresh();
    REQUIRE(page.chooseAssignment(2, std::int64_t{1}));
    page.categoryTree()->setFocus();
    // An untouched post is left without saving anything.
    QTest::keyClick(page.categoryTree(), Qt::Key_Right, Qt::AltModifier);
    CHECK(page.currentKey()->postId == 5);
    CHECK(page.undoStack()->count() == 0);
    // A ticked leaf is saved on the way out.
    page.categoryItem(study.ids["Input"])->setCheckState(Qt::Checked);
    QTest::keyClick(page.categoryTree(), Qt::Key_Right, Qt::AltModifier);
    CHECK(page.currentKey()->postId == 6);
    REQUIRE(labelOf(study.db(), 5, 1).has_value());
    // Unticking a saved label's only leaf cannot be saved: the coder stays.
    QTest::keyClick(page.categoryTree(), Qt::Key_Left, Qt::AltModifier);
    REQUIRE(page.currentKey()->postId == 5);
    page.categoryItem(study.ids["Input"])->setCheckState(Qt::Unchecked);
    QTest::keyClick(page.categoryTree(), Qt::Key_Right, Qt::AltModifier);
    CHECK(page.currentKey()->postId == 5);
    CHECK(page.statusText().contains(QStringLiteral("at least one category")));
    CHECK(labelOf(study.db(), 5, 1)->content.categories ==
          std::vector<taxo::codebook::CategoryId>{study.ids["Input"]});
}
