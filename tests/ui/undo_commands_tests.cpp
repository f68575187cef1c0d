// Every undo command of the GUI, done through its page as a user would, then
// undone and redone, with the project's state read through core after each step
// (tests/ui/undo_check.h).

#include "child_widget.h"
#include "core/labels/labels.h"
#include "core/people/people.h"
#include "core/rounds/rounds.h"
#include "core/sampling/sampling.h"
#include "core/screening/screening.h"
#include "labeling_study.h"
#include "scripted_dialogs.h"
#include "tests/core/study_fixture.h"
#include "tests/support/study_builder.h"
#include "ui/app/main_window.h"
#include "ui/arbitration/arbitration_page.h"
#include "ui/codebook/category_details.h"
#include "ui/codebook/codebook_page.h"
#include "ui/labeling/codes_panel.h"
#include "ui/labeling/labeling_page.h"
#include "ui/labeling/screening_panel.h"
#include "ui/sampling/people_view.h"
#include "ui/sampling/sampling_models.h"
#include "ui/sampling/sampling_page.h"
#include "ui/sampling/screening_view.h"
#include "ui/session/project_session.h"
#include "ui/support/core_command.h"
#include "undo_check.h"

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardItem>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>
#include <catch2/catch.hpp>

namespace lb = taxo::labels;
using taxo::test::checkUndoRedo;
using taxo::test::kAnnId;
using taxo::test::kBoId;
using taxo::test::kLongRound;
using taxo::test::projectState;

using taxo::test::child;

namespace {

struct OpenProject {
    taxo::test::LabelingProject project{6};
    taxo::ui::ProjectSession session;
    OpenProject() { REQUIRE(session.open(QString::fromStdString(project.path)).isEmpty()); }
    taxo::sql::Database& db() { return session.project()->db(); }
    std::function<std::string()> state() {
        return [this] {
            return projectState(db());
        };
    }
};

// A set of four posts with its sample drawn: rounds with nobody assigned yet.
struct DrawnStudy {
    taxo::test::TempDir dir;
    std::string path = dir.file("drawn.taxo");
    taxo::ui::ProjectSession session;
    DrawnStudy() {
        taxo::test::makeStudy(path, {{"Browser", taxo::test::numberedItems(8)}});
        {
            auto project = taxo::Project::open(path);
            REQUIRE(project.ok());
            for (const char* name : {"Ann", "Bo"})
                REQUIRE(taxo::people::addRole(*project, name, taxo::people::Role::Coder).ok());
            taxo::sampling::SampleRequest request;
            request.setName = "Browser";
            request.seed = "7";
            request.method = taxo::sampling::SizeMethod::All;
            request.pilotFraction = 0.25;
            REQUIRE(taxo::sampling::drawAndStore(*project, request).ok());
        }
        REQUIRE(session.open(QString::fromStdString(path)).isEmpty());
    }
    taxo::sql::Database& db() { return session.project()->db(); }
};

} // namespace

TEST_CASE("undo of Assign the coders takes them off a round that had none",
          "[gui][undo][sampling]") {
    DrawnStudy study;
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    taxo::ui::SamplingPage page(&study.session, *dialogs);
    page.show();
    page.refresh();
    page.selectRound(QStringLiteral("Browser reliability"));
    checkUndoRedo(
        *page.undoStack(), [&] { return projectState(study.db()); },
        [&] {
            child<QLineEdit>(&page, "coders")->setText(QStringLiteral("Ann, Bo"));
            REQUIRE(page.assignCoders());
        });
    // What the window shows follows: nobody after undo.
    page.undoStack()->undo();
    CHECK(page.roundsModel()->index(1, 4).data().toString() == QStringLiteral("nobody yet"));
    auto rounds = taxo::rounds::listRounds(*study.session.project());
    REQUIRE(rounds.ok());
    for (const auto& round : *rounds)
        CHECK(round.coders.empty());
}

TEST_CASE("undo of a role given on the People tab", "[gui][undo][people]") {
    DrawnStudy study;
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    taxo::ui::SamplingPage page(&study.session, *dialogs);
    page.show();
    page.refresh();
    auto* people = page.peopleView();
    // A person left with no role is removed, and its undo adds the person again under a
    // new row id (nothing refers to it: a person with work keeps the role); compare
    // people by name.
    const auto state = [&] {
        std::string text = projectState(study.db(), {"created", "id", "person_id"});
        auto everyone = taxo::people::listPeople(*study.session.project());
        REQUIRE(everyone.ok());
        for (const auto& person : *everyone) {
            text += person.name + ":";
            for (const auto& role : person.roles)
                text += " " + std::string(taxo::people::roleName(role.role)) + "/" + role.root;
            text += "\n";
        }
        return text;
    };
    checkUndoRedo(*page.undoStack(), state, [&] {
        child<QLineEdit>(people, "personName")->setText(QStringLiteral("Cy"));
        auto* role = child<QComboBox>(people, "personRole");
        role->setCurrentIndex(role->findData(QStringLiteral("coder")));
        REQUIRE(people->addRole());
    });
    checkUndoRedo(*page.undoStack(), state, [&] {
        child<QLineEdit>(people, "personName")->setText(QStringLiteral("Bo"));
        auto* role = child<QComboBox>(people, "personRole");
        role->setCurrentIndex(role->findData(QStringLiteral("coder")));
        REQUIRE(people->removeRole());
    });
}

TEST_CASE("undo of a screening mark and of the lead's screening decision",
          "[gui][undo][screening]") {
    taxo::test::TempDir dir;
    const std::string path = dir.file("screening.taxo");
    taxo::test::makeStudy(path, {{"Browser", taxo::test::numberedItems(4)}});
    std::int64_t roundId = 0;
    {
        auto project = taxo::Project::open(path);
        REQUIRE(project.ok());
        using taxo::people::Role;
        REQUIRE(taxo::people::addRole(*project, "Ann", Role::Coder));
        REQUIRE(taxo::people::addRole(*project, "Bo", Role::Coder));
        REQUIRE(taxo::people::addRole(*project, "Lee", Role::Lead));
        auto created = taxo::screening::createRound(*project, {"Browser", {"Ann", "Bo"}, ""});
        REQUIRE(created.ok());
        roundId = created->roundId;
    }
    taxo::ui::ProjectSession session;
    REQUIRE(session.open(QString::fromStdString(path)).isEmpty());
    auto& db = session.project()->db();
    auto person = [&](const char* name) {
        auto id = taxo::people::findPerson(db, name);
        REQUIRE(id.ok());
        return *id;
    };
    {
        taxo::test::ScriptedDialogs dialogs;
        taxo::ui::LabelingPage page(&session, dialogs);
        page.show();
        page.refresh();
        REQUIRE(page.chooseAssignment(roundId, person("Ann")));
        REQUIRE(page.screeningMode());
        checkUndoRedo(
            *page.undoStack(), [&] { return projectState(db); },
            [&] { REQUIRE(page.screeningPanel()->mark(false)); });
    }
    // The lead decides where the two differ.
    REQUIRE(taxo::screening::setMarks(db, roundId, person("Ann"), {{2, true}}).ok());
    REQUIRE(taxo::screening::setMarks(db, roundId, person("Bo"), {{2, false}}).ok());
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    taxo::ui::SamplingPage page(&session, *dialogs);
    page.show();
    page.refresh();
    page.tabs()->setCurrentWidget(page.screeningView());
    page.screeningView()->refresh();
    page.screeningView()->selectPost(QStringLiteral("so:2"));
    checkUndoRedo(
        *page.undoStack(), [&] { return projectState(db); },
        [&] { REQUIRE(page.screeningView()->decide(false)); });
}

TEST_CASE("undo of a saved label", "[gui][undo][labeling]") {
    OpenProject open;
    taxo::test::ScriptedDialogs dialogs;
    taxo::ui::LabelingPage page(&open.session, dialogs);
    page.show();
    page.refresh();
    REQUIRE(page.chooseAssignment(kLongRound, kAnnId));
    checkUndoRedo(*page.undoStack(), open.state(), [&] {
        page.categoryItem(open.project.id("Procedure"))->setCheckState(Qt::Checked);
        REQUIRE(page.saveCurrent());
    });
    // A changed label: undo puts the earlier one back.
    checkUndoRedo(*page.undoStack(), open.state(), [&] { page.setSpecial(lb::Special::Unclear); });
}

TEST_CASE("undo of the pilot's code edits", "[gui][undo][labeling][codes]") {
    OpenProject open;
    lb::LabelContent code;
    code.code = "export problem";
    REQUIRE(lb::saveLabel(open.db(), {1, 1, kAnnId}, code).ok());
    taxo::test::ScriptedDialogs dialogs;
    taxo::ui::LabelingPage page(&open.session, dialogs);
    page.show();
    page.refresh();
    REQUIRE(page.chooseAssignment(1, kAnnId));
    auto* codes = page.codesPanel();
    codes->reload();
    codes->selectCodes({"export problem"});
    checkUndoRedo(*page.undoStack(), open.state(), [&] {
        REQUIRE(codes->createCategory(open.project.id("Model Export"), QStringLiteral("Scripts")));
    });
    codes->selectCodes({"export problem"});
    checkUndoRedo(*page.undoStack(), open.state(),
                  [&] { REQUIRE(codes->assignToCategory(open.project.id("Procedure"))); });
}

TEST_CASE("undo of every codebook edit", "[gui][undo][codebook]") {
    OpenProject open;
    const auto id = [&](const char* name) {
        return open.project.id(name);
    };
    for (const std::int64_t post : {101, 102})
        REQUIRE(lb::saveLabel(open.db(), {kLongRound, post, kAnnId},
                              {{id("Procedure")}, {}, {}, {}, {}})
                    .ok());
    taxo::ui::CodebookPage page(&open.session);
    page.show();
    page.refresh();
    auto& stack = *page.undoStack();
    SECTION("add") {
        checkUndoRedo(stack, open.state(),
                      [&] { REQUIRE(page.addCategory(id("Request"), QStringLiteral("Headers"))); });
    }
    SECTION("rename") {
        checkUndoRedo(stack, open.state(), [&] {
            REQUIRE(page.renameCategory(id("Format"), QStringLiteral("Formats")));
        });
    }
    SECTION("move") {
        checkUndoRedo(stack, open.state(),
                      [&] { REQUIRE(page.moveCategory(id("Format"), id("Model Export"), 0)); });
    }
    SECTION("merge") {
        checkUndoRedo(stack, open.state(),
                      [&] { REQUIRE(page.mergeCategory(id("Procedure"), id("Format"))); });
    }
    SECTION("delete") {
        checkUndoRedo(stack, open.state(), [&] { REQUIRE(page.deleteCategory(id("Input"))); });
    }
    SECTION("split") {
        checkUndoRedo(stack, open.state(), [&] {
            REQUIRE(page.splitCategory(id("Procedure"), QStringLiteral("Scripts"), {102}));
        });
    }
    SECTION("description") {
        checkUndoRedo(stack, open.state(), [&] {
            REQUIRE(page.setDescription(id("Format"), QStringLiteral("Input and output formats")));
        });
    }
    SECTION("examples") {
        checkUndoRedo(stack, open.state(), [&] { REQUIRE(page.addExample(id("Format"), 102)); });
        checkUndoRedo(stack, open.state(), [&] { REQUIRE(page.removeExample(id("Format"), 102)); });
    }
}

TEST_CASE("undo of an arbitrator's decision", "[gui][undo][arbitration]") {
    OpenProject open;
    taxo::test::StudyBuilder(open.db()).role("Cy", taxo::people::Role::Arbitrator, "Server/Cloud");
    const auto id = [&](const char* name) {
        return open.project.id(name);
    };
    REQUIRE(lb::saveLabel(open.db(), {kLongRound, 101, kAnnId}, {{id("Procedure")}, {}, {}, {}, {}})
                .ok());
    REQUIRE(
        lb::saveLabel(open.db(), {kLongRound, 101, kBoId}, {{id("Format")}, {}, {}, {}, {}}).ok());
    taxo::ui::ArbitrationPage page(&open.session);
    page.resize(1200, 800);
    page.show();
    page.refresh();
    REQUIRE(page.choosePerson(QStringLiteral("Cy")));
    REQUIRE(page.currentPostId() == 101);
    checkUndoRedo(*page.undoStack(), open.state(), [&] {
        page.takeB();
        page.rationaleEdit()->setPlainText(QStringLiteral("B read the request"));
        REQUIRE(page.decideCurrent());
    });
}

TEST_CASE("Edit → Undo undoes the last change of the project, whichever page made it",
          "[gui][undo]") {
    taxo::test::LabelingProject project(6);
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    taxo::ui::MainWindow window(dialogs);
    window.show();
    REQUIRE(window.openProject(QString::fromStdString(project.path)));
    auto& db = window.session()->project()->db();
    const auto start = projectState(db);

    // A category on the Codebook page, then a label on the Coding page.
    REQUIRE(window.showPageByTitle(QStringLiteral("Codebook")));
    auto* codebook = qobject_cast<taxo::ui::CodebookPage*>(window.currentPage());
    REQUIRE(codebook != nullptr);
    REQUIRE(codebook->addCategory(std::nullopt, QStringLiteral("Fresh root")));
    const auto withCategory = projectState(db);
    REQUIRE(window.showPageByTitle(QStringLiteral("Coding")));
    auto* coding = qobject_cast<taxo::ui::LabelingPage*>(window.currentPage());
    REQUIRE(coding != nullptr);
    REQUIRE(coding->chooseAssignment(kLongRound, kAnnId));
    coding->setSpecial(lb::Special::Unclear);
    const auto withLabel = projectState(db);
    REQUIRE(withLabel != withCategory);

    // From a page that edits nothing, the Edit menu's actions walk the one history.
    REQUIRE(window.showPageByTitle(QStringLiteral("Statistics")));
    auto* undo = window.findChild<QAction*>(QStringLiteral("actionUndo"));
    auto* redo = window.findChild<QAction*>(QStringLiteral("actionRedo"));
    REQUIRE(undo != nullptr);
    REQUIRE(redo != nullptr);
    auto* editMenu = window.findChild<QMenu*>(QStringLiteral("menuEdit"));
    REQUIRE(editMenu != nullptr);
    CHECK(editMenu->actions().contains(undo));
    undo->trigger();
    CHECK(projectState(db) == withCategory);
    undo->trigger();
    CHECK(projectState(db) == start);
    CHECK_FALSE(undo->isEnabled());
    redo->trigger();
    redo->trigger();
    CHECK(projectState(db) == withLabel);

    // History belongs to one project: closing it empties the stack.
    window.session()->close();
    CHECK(window.session()->undoStack()->count() == 0);
}

TEST_CASE("an undo step's text from data never makes a shortcut letter", "[gui][undo]") {
    QUndoStack stack;
    auto* action = stack.createUndoAction(&stack);
    const QString text = QStringLiteral("Rename “R&D” to “Q&A”");
    stack.push(new taxo::ui::CoreCommand(
        text, [] { return nullptr; }, [](taxo::sql::Database&) { return taxo::Status(); },
        [](taxo::sql::Database&) { return taxo::Status(); }, &stack, [](const QString&, bool) {}));
    REQUIRE(stack.count() == 1);
    CHECK(stack.text(0) == text);
    CHECK(action->text().contains(QStringLiteral("R&&D")));
    CHECK(action->text().contains(QStringLiteral("Q&&A")));
}
