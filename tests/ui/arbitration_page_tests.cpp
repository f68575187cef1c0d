// The Arbitration page driven as an arbitrator would: the queue of one root,
// every kind of decision from the buttons and the keyboard, a leaf added
// inline and used, the rationale rule, undo and redo, and the change log.

#include "core/people/people.h"
#include "tests/core/study_fixture.h"
#include "ui/arbitration/arbitration_page.h"
#include "ui/arbitration/conflict_queue_model.h"
#include "ui/codebook/category_checklist_model.h"
#include "ui/session/project_session.h"
#include "ui/support/app_settings.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

namespace ab = taxo::arbitration;
using taxo::codebook::CategoryId;
using taxo::ui::ArbitrationPage;

namespace {

constexpr std::int64_t kCy = 3; // arbitrator of Server/Cloud

// Posts 1-7 are in the set of Server/Cloud, 8-9 in Mobile's. Ann (1) and Bo (2)
// code them all in the reliability round; Cy (3) arbitrates Server/Cloud, Dee
// (4) Mobile, Lee (5) is the lead. Every post is a conflict.
struct ArbitrationStudy {
    taxo::test::TempDir dir;
    taxo::ui::ProjectSession session;
    std::map<std::string, CategoryId> ids;

    ArbitrationStudy() {
        REQUIRE(session
                    .create(QString::fromStdString(dir.file("arbitration.taxo")),
                            QStringLiteral("arbitration"))
                    .isEmpty());
        auto& db = this->db();
        taxo::test::StudyBuilder study(db);
        std::vector<taxo::corpus::PostEntry> posts;
        for (int i = 1; i <= 9; ++i)
            posts.push_back(
                {"stackoverflow", std::to_string(500 + i), "question " + std::to_string(i)});
        REQUIRE(study.posts(posts) == std::vector<std::int64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9});
        REQUIRE(study.set("Server", "Server/Cloud", {1, 2, 3, 4, 5, 6, 7}, "t") == 1);
        REQUIRE(study.set("Mobile", "Mobile", {8, 9}, "t") == 2);
        using taxo::people::Role;
        study.role("Ann", Role::Coder)
            .role("Bo", Role::Coder)
            .role("Cy", Role::Arbitrator, "Server/Cloud")
            .role("Dee", Role::Arbitrator, "Mobile")
            .role("Lee", Role::Lead);
        REQUIRE(taxo::people::findPerson(db, "Lee").value() == 5);
        REQUIRE(study.round({"reliability",
                             taxo::rounds::RoundKind::Reliability,
                             {},
                             {},
                             "t",
                             {1, 2, 3, 4, 5, 6, 7, 8, 9},
                             {1, 2}}) == 1);
        taxo::test::seedCodebook(db, ids);
        ids["Output"] = taxo::test::addOrFail(db, ids["Data"], "Output");

        label(1, 1, {"Procedure"});
        label(1, 2, {"Format"});
        label(2, 1, {"Procedure"});
        label(2, 2, {"Model quantization"});
        label(3, 1, {"Procedure"});
        label(3, 2, {"Format"});
        label(4, 1, {"Format"});
        label(4, 2, {"Procedure"}, {}, "", "about exporting?");
        label(5, 1, {}, "false_positive");
        label(5, 2, {"Procedure"});
        label(6, 1, {}, "unclear");
        label(6, 2, {"Format"});
        label(7, 1, {}, "pending", "Batching");
        label(7, 2, {"Format"});
        label(8, 1, {"Input"});
        label(8, 2, {"Output"});
        label(9, 1, {"Input"});
        label(9, 2, {}, "pending");
    }

    void label(std::int64_t post, std::int64_t coder, const std::vector<std::string>& leaves,
               std::optional<std::string> special = std::nullopt,
               const std::string& suggestion = "", const std::string& note = "") {
        taxo::labels::LabelContent content;
        for (const auto& leaf : leaves)
            content.categories.push_back(ids.at(leaf));
        if (special)
            content.special = taxo::labels::parseSpecial(*special);
        content.suggestion = suggestion;
        content.note = note;
        taxo::test::StudyBuilder(db()).label({1, post, coder}, content);
    }

    taxo::sql::Database& db() { return session.project()->db(); }

    std::size_t openConflicts(const std::string& root) {
        auto list = ab::listConflicts(db(), {root, std::nullopt});
        REQUIRE(list.ok());
        return list->size();
    }

    std::optional<ab::Decision> decision(std::int64_t post) {
        auto found = ab::loadDecision(db(), post);
        REQUIRE(found.ok());
        return *found;
    }
};

void typeRationale(ArbitrationPage& page, const QString& text) {
    page.rationaleEdit()->setFocus();
    QTest::keyClicks(page.rationaleEdit(), text);
}

QToolButton* choiceButton(ArbitrationPage& page, const char* action) {
    auto* button =
        page.findChild<QToolButton*>(QStringLiteral("button_") + QString::fromLatin1(action));
    REQUIRE(button != nullptr);
    return button;
}

void showPage(ArbitrationPage& page) {
    page.resize(1400, 900);
    page.show();
    QApplication::setActiveWindow(&page);
    REQUIRE(QTest::qWaitForWindowActive(&page));
    page.refresh();
}

} // namespace

TEST_CASE("an arbitrator settles every conflict of their root from the page",
          "[gui][arbitration]") {
    ArbitrationStudy study;
    ArbitrationPage page(&study.session);
    QAbstractItemModelTester queueTester(page.queueModel(),
                                         QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester treeTester(page.treeModel(),
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
    showPage(page);

    // Cy, the first arbitrator by name, is chosen; the lead sees both roots.
    REQUIRE(page.personBox()->count() == 3);
    REQUIRE(page.choosePerson(QStringLiteral("Lee"), true));
    CHECK(page.openCount() == 9);
    REQUIRE(page.choosePerson(QStringLiteral("Cy")));
    CHECK(taxo::ui::AppSettings().arbitrationPerson(study.session.projectId()) ==
          QStringLiteral("Cy"));
    CHECK(page.openCount() == 7);
    CHECK(page.openCountText() == QStringLiteral("7 open"));
    REQUIRE(page.currentPostId() == 1);
    CHECK(page.coderText(0).contains(QStringLiteral("Ann")));
    CHECK(page.coderText(0).contains(QStringLiteral("Server/Cloud › Model Export › Procedure")));
    CHECK(page.coderText(1).contains(QStringLiteral("Bo")));
    CHECK(page.coderText(1).contains(QStringLiteral("Format")));

    // Post 1: Take A from the keyboard. No rationale: the decide action stays
    // disabled, says why, and Ctrl+Return records nothing.
    CHECK_FALSE(page.decideButton()->isEnabled());
    CHECK(page.decideHint().contains(QStringLiteral("Choose")));
    QTest::keyClick(page.queueView(), Qt::Key_1, Qt::ControlModifier);
    CHECK_FALSE(page.decideButton()->isEnabled());
    CHECK(page.decideHint().contains(QStringLiteral("rationale")));
    QTest::keyClick(page.queueView(), Qt::Key_Return, Qt::ControlModifier);
    CHECK_FALSE(study.decision(1).has_value());
    typeRationale(page, QStringLiteral("   "));
    CHECK_FALSE(page.decideButton()->isEnabled());
    typeRationale(page, QStringLiteral("A read the question right"));
    CHECK(page.decideButton()->isEnabled());
    QTest::keyClick(page.rationaleEdit(), Qt::Key_Return, Qt::ControlModifier);
    REQUIRE(study.decision(1).has_value());
    CHECK(study.decision(1)->content.categories == std::vector<CategoryId>{study.ids["Procedure"]});
    CHECK(study.decision(1)->arbitratorId == kCy);
    CHECK(study.decision(1)->content.rationale == "A read the question right");
    // The queue moves on to the next open post.
    CHECK(page.openCount() == 6);
    REQUIRE(page.currentPostId() == 2);
    CHECK(page.rationaleEdit()->toPlainText().isEmpty());

    // Post 2: Take B with the buttons.
    QTest::mouseClick(choiceButton(page, "actionTakeB"), Qt::LeftButton);
    typeRationale(page, QStringLiteral("B saw the quantization"));
    QTest::mouseClick(page.decideButton(), Qt::LeftButton);
    REQUIRE(study.decision(2).has_value());
    CHECK(study.decision(2)->content.categories ==
          std::vector<CategoryId>{study.ids["Model quantization"]});
    REQUIRE(page.currentPostId() == 3);

    // Post 3: Take both.
    QTest::keyClick(page.queueView(), Qt::Key_3, Qt::ControlModifier);
    typeRationale(page, QStringLiteral("asks both things"));
    QTest::keyClick(page.rationaleEdit(), Qt::Key_Return, Qt::ControlModifier);
    REQUIRE(study.decision(3).has_value());
    auto both = std::vector<CategoryId>{study.ids["Procedure"], study.ids["Format"]};
    std::sort(both.begin(), both.end());
    CHECK(study.decision(3)->content.categories == both);
    REQUIRE(page.currentPostId() == 4);
    CHECK(page.coderText(1).contains(QStringLiteral("about exporting?")));

    // Post 4: other leaves, ticked in the tree with the space bar.
    QTest::keyClick(page.queueView(), Qt::Key_4, Qt::ControlModifier);
    CHECK(page.treeView()->hasFocus());
    auto* quantization = page.treeModel()->itemFor(study.ids["Model quantization"]);
    REQUIRE(quantization != nullptr);
    page.treeView()->setCurrentIndex(quantization->index());
    QTest::keyClick(page.treeView(), Qt::Key_Space);
    CHECK(page.treeModel()->checkedLeaves() ==
          std::vector<CategoryId>{study.ids["Model quantization"]});
    // Ticking by hand after Take A is a choice of other leaves, and says so.
    QTest::keyClick(page.queueView(), Qt::Key_1, Qt::ControlModifier);
    CHECK(page.treeModel()->checkedLeaves() == std::vector<CategoryId>{study.ids["Format"]});
    auto* format = page.treeModel()->itemFor(study.ids["Format"]);
    page.treeView()->setFocus();
    page.treeView()->setCurrentIndex(format->index());
    QTest::keyClick(page.treeView(), Qt::Key_Space);
    page.treeView()->setCurrentIndex(quantization->index());
    QTest::keyClick(page.treeView(), Qt::Key_Space);
    CHECK(page.treeModel()->checkedLeaves() ==
          std::vector<CategoryId>{study.ids["Model quantization"]});
    CHECK(page.findChild<QLabel*>(QStringLiteral("arbitrationChoice"))
              ->text()
              .contains(QStringLiteral("Other leaves")));
    typeRationale(page, QStringLiteral("neither: it is about quantizing"));
    QTest::keyClick(page.rationaleEdit(), Qt::Key_Return, Qt::ControlModifier);
    REQUIRE(study.decision(4).has_value());
    CHECK(study.decision(4)->content.categories ==
          std::vector<CategoryId>{study.ids["Model quantization"]});

    // Post 5: False positive; post 6: Unclear.
    REQUIRE(page.currentPostId() == 5);
    QTest::keyClick(page.queueView(), Qt::Key_5, Qt::ControlModifier);
    typeRationale(page, QStringLiteral("not about deployment"));
    QTest::keyClick(page.rationaleEdit(), Qt::Key_Return, Qt::ControlModifier);
    REQUIRE(study.decision(5).has_value());
    CHECK(study.decision(5)->content.special == taxo::labels::Special::FalsePositive);
    CHECK(study.decision(5)->content.categories.empty());
    REQUIRE(page.currentPostId() == 6);
    QTest::mouseClick(choiceButton(page, "actionUnclearDecision"), Qt::LeftButton);
    typeRationale(page, QStringLiteral("cannot tell what fails"));
    QTest::mouseClick(page.decideButton(), Qt::LeftButton);
    REQUIRE(study.decision(6).has_value());
    CHECK(study.decision(6)->content.special == taxo::labels::Special::Unclear);

    // Post 7: A said Pending and suggested a name; a Pending label cannot be taken.
    REQUIRE(page.currentPostId() == 7);
    CHECK(page.coderText(0).contains(QStringLiteral("Pending")));
    CHECK(page.coderText(0).contains(QStringLiteral("Batching")));
    CHECK_FALSE(choiceButton(page, "actionTakeA")->isEnabled());
    // The arbitrator adds that leaf inline under Request and it is ticked at once.
    const int request = page.newLeafParent()->findData(
        QVariant::fromValue(static_cast<qint64>(study.ids["Request"])));
    REQUIRE(request >= 0);
    page.newLeafParent()->setCurrentIndex(request);
    page.newLeafName()->setFocus();
    QTest::keyClicks(page.newLeafName(), QStringLiteral("Batching"));
    QTest::keyClick(page.newLeafName(), Qt::Key_Return);
    auto batching = taxo::codebook::findByPath(study.db(), {"Server/Cloud", "Request", "Batching"});
    REQUIRE(batching.ok());
    CHECK(batching->createdIn == "arbitration");
    CHECK(batching->createdBy == kCy);
    CHECK_FALSE(batching->created.empty());
    CHECK(page.treeModel()->checkedLeaves() == std::vector<CategoryId>{batching->id});
    CHECK(page.currentPostId() == 7);
    typeRationale(page, QStringLiteral("batches requests; no leaf fitted"));
    QTest::keyClick(page.rationaleEdit(), Qt::Key_Return, Qt::ControlModifier);
    REQUIRE(study.decision(7).has_value());
    CHECK(study.decision(7)->content.categories == std::vector<CategoryId>{batching->id});
    // Named as the Coding page names a post: its source id and title.
    CHECK(page.statusText().startsWith(QStringLiteral("Decided post 507 — question 7 (")));

    // Cy's root is settled; Mobile's conflicts remain.
    CHECK(page.openCount() == 0);
    CHECK(page.openCountText() == QStringLiteral("0 open"));
    CHECK_FALSE(page.currentPostId().has_value());
    CHECK_FALSE(page.decideButton()->isEnabled());
    CHECK(study.openConflicts("Server/Cloud") == 0);
    CHECK(study.openConflicts("Mobile") == 2);

    // The change log holds both labels, the decision, who, when and why.
    auto rows = taxo::sql::prepareBound(
        study.db(),
        "SELECT at, actor, details FROM change_log WHERE action = 'decision.add' ORDER BY id");
    REQUIRE(rows.ok());
    std::vector<nlohmann::json> logged;
    REQUIRE(rows->forEachRow([&](const taxo::sql::Statement& row) {
                    CHECK_FALSE(row.columnText(0).empty());
                    CHECK(row.columnText(1) == "Cy");
                    logged.push_back(nlohmann::json::parse(row.columnText(2)));
                })
                .ok());
    REQUIRE(logged.size() == 7);
    const auto& first = logged.front();
    CHECK(first["post"] == 1);
    CHECK(first["a"]["coder"] == "Ann");
    CHECK(first["a"]["label"]["categories"][0]["path"] ==
          nlohmann::json::array({"Server/Cloud", "Model Export", "Procedure"}));
    CHECK(first["b"]["coder"] == "Bo");
    CHECK(first["b"]["label"]["categories"][0]["path"].back() == "Format");
    CHECK(first["decision"]["arbitrator"] == "Cy");
    CHECK(first["decision"]["categories"][0]["path"].back() == "Procedure");
    CHECK(first["decision"]["rationale"] == "A read the question right");
    CHECK_FALSE(first["decision"]["decided"].get<std::string>().empty());
    CHECK(logged.back()["a"]["label"]["special"] == "pending");
    CHECK(logged.back()["a"]["label"]["suggestion"] == "Batching");

    // Ctrl+Z brings the last conflict back to the queue; Ctrl+Shift+Z decides it again.
    page.queueView()->setFocus();
    QTest::keyClick(page.queueView(), Qt::Key_Z, Qt::ControlModifier);
    CHECK_FALSE(study.decision(7).has_value());
    CHECK(study.openConflicts("Server/Cloud") == 1);
    CHECK(page.openCount() == 1);
    CHECK(page.currentPostId() == 7);
    CHECK(page.statusText() ==
          QStringLiteral("Undid the decision on post 507 — question 7: it is open again"));
    CHECK(page.undoStack()->redoText() == QStringLiteral("Decide post 507 — question 7"));
    QTest::keyClick(page.queueView(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(page.statusText() == QStringLiteral("Redid the decision on post 507 — question 7"));
    REQUIRE(study.decision(7).has_value());
    CHECK(study.decision(7)->content.categories == std::vector<CategoryId>{batching->id});
    CHECK(page.openCount() == 0);
    // Two more undo steps: the decision, then the leaf added inline.
    QTest::keyClick(page.queueView(), Qt::Key_Z, Qt::ControlModifier);
    QTest::keyClick(page.queueView(), Qt::Key_Z, Qt::ControlModifier);
    CHECK_FALSE(study.decision(7).has_value());
    CHECK_FALSE(
        taxo::codebook::findByPath(study.db(), {"Server/Cloud", "Request", "Batching"}).ok());
    CHECK(page.currentPostId() == 7);
    CHECK(study.decision(6).has_value());
    CHECK(page.undoStack()->count() == 8);
}

TEST_CASE("the lead sees every root's queue but decides nothing; the choice is remembered",
          "[gui][arbitration]") {
    ArbitrationStudy study;
    {
        ArbitrationPage page(&study.session);
        QAbstractItemModelTester queueTester(page.queueModel(),
                                             QAbstractItemModelTester::FailureReportingMode::Fatal);
        showPage(page);
        REQUIRE(page.choosePerson(QStringLiteral("Lee"), true));
        CHECK(page.openCount() == 9);
        REQUIRE(page.currentPostId() == 1);
        CHECK_FALSE(choiceButton(page, "actionTakeA")->isEnabled());
        typeRationale(page, QStringLiteral("why"));
        CHECK_FALSE(page.decideButton()->isEnabled());
        CHECK(page.decideHint().contains(QStringLiteral("Cy (Server/Cloud)")));
        // Alt+Right walks the queue into the other root.
        for (int i = 0; i < 7; ++i)
            QTest::keyClick(page.queueView(), Qt::Key_Right, Qt::AltModifier);
        REQUIRE(page.currentPostId() == 8);
        CHECK(page.decideHint().contains(QStringLiteral("Dee (Mobile)")));
        QTest::keyClick(page.queueView(), Qt::Key_Left, Qt::AltModifier);
        CHECK(page.currentPostId() == 7);
    }
    // Reopening the page works as the same person.
    ArbitrationPage again(&study.session);
    showPage(again);
    CHECK(again.personBox()->currentText().startsWith(QStringLiteral("Lee")));
    CHECK(again.openCount() == 9);

    // Dee decides in Mobile only: Server/Cloud's leaves are not offered.
    REQUIRE(again.choosePerson(QStringLiteral("Dee")));
    CHECK(again.openCount() == 2);
    REQUIRE(again.currentPostId() == 8);
    CHECK(again.treeModel()->containsLeaf(study.ids["Output"]));
    CHECK_FALSE(again.treeModel()->containsLeaf(study.ids["Procedure"]));

    // A leaf named like its sibling is refused inline with core's reason; nothing is pushed.
    const int data = again.newLeafParent()->findData(
        QVariant::fromValue(static_cast<qint64>(study.ids["Data"])));
    REQUIRE(data >= 0);
    again.newLeafParent()->setCurrentIndex(data);
    again.newLeafName()->setText(QStringLiteral("Input"));
    CHECK_FALSE(again.addLeafInline());
    CHECK(again.statusText().contains(QStringLiteral("Input")));
    CHECK(again.undoStack()->count() == 0);

    // A refresh (another page changed the project) keeps the choice being made.
    QTest::keyClick(again.queueView(), Qt::Key_1, Qt::ControlModifier);
    CHECK(again.rationaleEdit()->hasFocus());
    QTest::keyClicks(again.rationaleEdit(), QStringLiteral("A is right"));
    again.refresh();
    CHECK(again.currentPostId() == 8);
    CHECK(again.treeModel()->checkedLeaves() == std::vector<CategoryId>{study.ids["Input"]});
    CHECK(again.rationaleEdit()->toPlainText() == QStringLiteral("A is right"));
    CHECK(again.decideButton()->isEnabled());
    // A new arbitrator appears on the next refresh; Dee stays chosen.
    REQUIRE(taxo::people::addRole(*study.session.project(), "Eve", taxo::people::Role::Arbitrator,
                                  "Browser")
                .ok());
    again.refresh();
    CHECK(again.personBox()->count() == 4);
    CHECK(again.personBox()->currentText().startsWith(QStringLiteral("Dee")));
}
