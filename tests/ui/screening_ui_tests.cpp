// Screening and people in the window: coders mark with R and I on the Coding
// page, the lead decides on the Screening tab, people get roles on the People
// tab; every edit undoes. Real widgets on the offscreen platform.

#include "child_widget.h"
#include "core/people/people.h"
#include "core/screening/screening.h"
#include "scripted_dialogs.h"
#include "tests/support/study_builder.h"
#include "tests/support/test_support.h"
#include "ui/labeling/labeling_page.h"
#include "ui/labeling/screening_panel.h"
#include "ui/sampling/people_models.h"
#include "ui/sampling/people_view.h"
#include "ui/sampling/sampling_page.h"
#include "ui/sampling/screening_view.h"
#include "ui/session/project_session.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QUndoStack>
#include <catch2/catch.hpp>

namespace screening = taxo::screening;
using taxo::ui::LabelingPage;
using taxo::ui::SamplingPage;

using taxo::test::child;

namespace {

// Four posts in set Browser, coders Ann and Bo, lead Lee, the screening round.
struct ScreeningStudy {
    taxo::test::TempDir dir;
    std::string path = dir.file("screening.taxo");
    taxo::ui::ProjectSession session;
    std::int64_t roundId = 0;
    ScreeningStudy() {
        taxo::test::makeStudy(path, {{"Browser", taxo::test::numberedItems(4)}});
        {
            auto project = taxo::Project::open(path);
            REQUIRE(project.ok());
            using taxo::people::Role;
            REQUIRE(taxo::people::addRole(*project, "Ann", Role::Coder));
            REQUIRE(taxo::people::addRole(*project, "Bo", Role::Coder));
            REQUIRE(taxo::people::addRole(*project, "Lee", Role::Lead));
            auto created = screening::createRound(*project, {"Browser", {"Ann", "Bo"}, ""});
            REQUIRE(created.ok());
            roundId = created->roundId;
        }
        REQUIRE(session.open(QString::fromStdString(path)).isEmpty());
    }
    taxo::sql::Database& db() { return session.project()->db(); }
    std::int64_t person(const std::string& name) {
        auto id = taxo::people::findPerson(db(), name);
        REQUIRE(id.ok());
        return *id;
    }
    std::optional<bool> markOf(const std::string& coder, std::size_t index) {
        auto rows = screening::marksForCoder(db(), roundId, person(coder));
        REQUIRE(rows.ok());
        return rows->at(index).relevant;
    }
    std::int64_t count(const char* sql) {
        auto value = db().queryInt(sql);
        REQUIRE(value.ok());
        return *value;
    }
};

} // namespace

TEST_CASE("a coder screens with R and I on the Coding page, blind, with undo", "[gui][screening]") {
    ScreeningStudy study;
    // Bo has marked the first post already; Ann must not see it.
    REQUIRE(screening::setMarks(study.db(), study.roundId, study.person("Bo"), {{1, false}}).ok());
    taxo::test::ScriptedDialogs dialogs;
    LabelingPage page(&study.session, dialogs);
    page.resize(1000, 700);
    page.show();
    QApplication::setActiveWindow(&page);
    REQUIRE(QTest::qWaitForWindowActive(&page));
    page.refresh();
    REQUIRE(page.chooseAssignment(study.roundId, study.person("Ann")));
    REQUIRE(page.screeningMode());
    REQUIRE(page.itemCount() == 4);
    auto* panel = page.screeningPanel();
    REQUIRE(panel->isVisible());
    CHECK_FALSE(panel->currentMark().has_value()); // Bo's mark is not shown
    CHECK(page.progressText().contains(QStringLiteral("0 marked")));

    auto* focus = child<QWidget>(panel, "markRelevantButton");
    focus->setFocus();
    QTest::keyClick(focus, Qt::Key_I);
    CHECK(study.markOf("Ann", 0) == std::optional<bool>(false));
    CHECK(page.currentItem() == 1); // moved on
    QTest::keyClick(focus, Qt::Key_R);
    CHECK(study.markOf("Ann", 1) == std::optional<bool>(true));
    CHECK(page.currentItem() == 2);
    CHECK(page.progressText().contains(QStringLiteral("2 marked")));
    // Both marked post 1 irrelevant: it left the set.
    CHECK(study.count("SELECT count(*) FROM set_members") == 3);
    // F (a label) does nothing in a screening round.
    QTest::keyClick(focus, Qt::Key_F);
    CHECK(study.count("SELECT count(*) FROM labels") == 0);

    if (const QString shots = qEnvironmentVariable("TAXONOMIST_SCREENSHOT_DIR"); !shots.isEmpty()) {
        page.resize(1280, 640);
        page.grab().save(shots + QStringLiteral("/screening-coding.png"));
    }

    // Ctrl+Z takes back the last mark and shows its post; the first undo of post 1
    // brings it back into the set.
    QTest::keyClick(focus, Qt::Key_Z, Qt::ControlModifier);
    CHECK_FALSE(study.markOf("Ann", 1).has_value());
    CHECK(page.currentItem() == 1);
    QTest::keyClick(focus, Qt::Key_Z, Qt::ControlModifier);
    CHECK_FALSE(study.markOf("Ann", 0).has_value());
    CHECK(study.count("SELECT count(*) FROM set_members") == 4);
    QTest::keyClick(focus, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(study.markOf("Ann", 0) == std::optional<bool>(false));
    CHECK(study.count("SELECT count(*) FROM set_members") == 3);
}

TEST_CASE("the lead decides disagreements on the Screening tab, undoably", "[gui][screening]") {
    ScreeningStudy study;
    for (const auto& [coder, first] : {std::pair<const char*, bool>{"Ann", true}, {"Bo", false}})
        REQUIRE(screening::setMarks(study.db(), study.roundId, study.person(coder),
                                    {{1, first}, {2, true}, {3, false}, {4, false}})
                    .ok());
    taxo::test::ScriptedDialogs dialogs;
    SamplingPage page(&study.session, dialogs);
    page.resize(1400, 900);
    page.show();
    page.refresh();
    auto* view = page.screeningView();
    QAbstractItemModelTester tester(view->model(),
                                    QAbstractItemModelTester::FailureReportingMode::Warning);
    page.tabs()->setCurrentWidget(view);
    CHECK(view->summaryText().contains(QStringLiteral("disagreements 1 (0 decided)")));
    CHECK(view->summaryText().contains(QStringLiteral("Posts in the set now: 2.")));
    REQUIRE(view->model()->rowCount() == 1); // the disagreements only
    CHECK(view->model()->index(0, 0).data().toString() == QStringLiteral("so:1"));
    CHECK(view->model()->headerData(2, Qt::Horizontal, Qt::DisplayRole).toString() ==
          QStringLiteral("Ann"));

    // Nothing selected: refused inline.
    CHECK_FALSE(view->decide(false));
    view->selectPost(QStringLiteral("so:1"));
    child<QLineEdit>(view, "screeningRationale")->setText(QStringLiteral("not deployment"));
    child<QPushButton>(view, "decideIrrelevantButton")->click();
    CHECK(study.count("SELECT count(*) FROM screening_decisions WHERE relevant = 0 AND "
                      "rationale = 'not deployment'") == 1);
    CHECK(study.count("SELECT count(*) FROM set_members") == 1);
    CHECK(view->summaryText().contains(QStringLiteral("Complete")));

    page.undoStack()->undo();
    CHECK(study.count("SELECT count(*) FROM screening_decisions") == 0);
    CHECK(study.count("SELECT count(*) FROM set_members") == 2);
    page.undoStack()->redo();
    CHECK(study.count("SELECT count(*) FROM screening_decisions") == 1);

    // Showing every post: four rows, outcomes in words.
    child<QCheckBox>(view, "screeningDisagreementsOnly")->setChecked(false);
    REQUIRE(view->model()->rowCount() == 4);
    CHECK(view->model()->index(2, 4).data().toString() == QStringLiteral("out of the set"));
    CHECK(view->model()->index(0, 4).data().toString() == QStringLiteral("out of the set (lead)"));

    if (const QString shots = qEnvironmentVariable("TAXONOMIST_SCREENSHOT_DIR"); !shots.isEmpty())
        page.grab().save(shots + QStringLiteral("/screening-tab.png"));
}

TEST_CASE("the People tab gives and takes roles and shows progress per person",
          "[gui][screening][people]") {
    ScreeningStudy study;
    REQUIRE(screening::setMarks(study.db(), study.roundId, study.person("Ann"), {{1, true}}).ok());
    taxo::test::ScriptedDialogs dialogs;
    SamplingPage page(&study.session, dialogs);
    page.resize(1400, 900);
    page.show();
    page.refresh();
    auto* people = page.peopleView();
    QAbstractItemModelTester tester(people->model(),
                                    QAbstractItemModelTester::FailureReportingMode::Warning);
    page.tabs()->setCurrentWidget(people);
    REQUIRE(people->model()->rowCount() == 3);
    const int ann = people->model()->rowOf(QStringLiteral("Ann"));
    CHECK(people->model()->index(ann, 2).data().toString() ==
          QStringLiteral("Browser screening 1/4"));

    child<QLineEdit>(people, "personName")->setText(QStringLiteral("Cy"));
    auto* role = child<QComboBox>(people, "personRole");
    role->setCurrentIndex(role->findData(QStringLiteral("arbitrator")));
    auto* root = child<QComboBox>(people, "personRoot");
    REQUIRE(root->findData(QStringLiteral("Browser")) >= 0);
    root->setCurrentIndex(root->findData(QStringLiteral("Browser")));
    child<QPushButton>(people, "addRoleButton")->click();
    REQUIRE(people->model()->rowCount() == 4);
    const int cy = people->model()->rowOf(QStringLiteral("Cy"));
    CHECK(people->model()->index(cy, 1).data().toString() ==
          QStringLiteral("arbitrator of Browser"));
    // Undo removes the new person entirely; redo brings them back.
    page.undoStack()->undo();
    CHECK(people->model()->rowCount() == 3);
    CHECK(study.count("SELECT count(*) FROM people WHERE name = 'Cy'") == 0);
    page.undoStack()->redo();
    CHECK(study.count("SELECT count(*) FROM people WHERE name = 'Cy'") == 1);

    // A coder in a round keeps the role: refused inline, nothing changes.
    child<QLineEdit>(people, "personName")->setText(QStringLiteral("Ann"));
    role->setCurrentIndex(role->findData(QStringLiteral("coder")));
    const auto stack = page.undoStack()->count();
    CHECK_FALSE(people->removeRole());
    CHECK(people->statusText().contains(QStringLiteral("Ann codes in a round")));
    CHECK(page.undoStack()->count() == stack);

    // Coders of a round: assigning is undoable too.
    REQUIRE(taxo::people::addRole(*study.session.project(), "Dee", taxo::people::Role::Coder));
    page.tabs()->setCurrentIndex(0);
    page.refresh();
    page.selectRound(QStringLiteral("Browser screening"));
    child<QLineEdit>(&page, "coders")->setText(QStringLiteral("Ann, Dee"));
    REQUIRE(page.assignCoders());
    CHECK(study.count("SELECT count(*) FROM round_coders c JOIN people p ON p.id = c.person_id "
                      "WHERE p.name = 'Dee'") == 1);
    page.undoStack()->undo();
    CHECK(study.count("SELECT count(*) FROM round_coders c JOIN people p ON p.id = c.person_id "
                      "WHERE p.name = 'Bo'") == 1);
}
