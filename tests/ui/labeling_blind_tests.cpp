// Blind by construction, checked where the coder looks: everything the
// labeling view's models and widgets expose is the same before and after
// another coder labels. And the Codes panel of open coding.
#include "core/labels/codes.h"
#include "labeling_study.h"
#include "scripted_dialogs.h"
#include "ui/labeling/codes_model.h"
#include "ui/labeling/codes_panel.h"
#include "ui/labeling/labeling_page.h"
#include "ui/support/qt_text.h"
#include "ui/widgets/post_viewer.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardItem>
#include <QTableView>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>
#include <catch2/catch.hpp>

using taxo::ui::toQ;

namespace lb = taxo::labels;
using taxo::test::kAnnId;
using taxo::test::kBoId;
using taxo::test::kLongRound;
using taxo::ui::CodesModel;
using taxo::ui::LabelingPage;
using taxo::ui::ProjectSession;

namespace {

constexpr std::int64_t kPilotRound = 1;

// Every row of a model, depth first, every column, the roles a view shows.
void dumpModel(const QAbstractItemModel& model, const QModelIndex& parent, QStringList& out) {
    for (int row = 0; row < model.rowCount(parent); ++row) {
        for (int column = 0; column < model.columnCount(parent); ++column) {
            const QModelIndex index = model.index(row, column, parent);
            for (const int role : {int(Qt::DisplayRole), int(Qt::CheckStateRole),
                                   int(Qt::ToolTipRole), int(CodesModel::KeyRole)})
                out << model.data(index, role).toString();
        }
        dumpModel(model, model.index(row, 0, parent), out);
    }
}

// What the page shows for every item of its list.
QStringList pageState(LabelingPage& page) {
    QStringList out;
    out << page.progressText();
    for (const auto& row : page.items())
        out << QStringLiteral("%1:%2:%3")
                   .arg(row.postId)
                   .arg(static_cast<int>(row.state))
                   .arg(row.categoryCount);
    for (int i = 0; i < page.itemCount(); ++i) {
        page.showItem(i);
        out << page.positionText() << page.viewer()->toPlainText() << page.noteEdit()->text()
            << page.codeEdit()->text() << page.labeledAtText();
        // What the suggestion field offers to complete.
        dumpModel(*page.suggestionCompleter()->model(), {}, out);
        dumpModel(*page.categoryTree()->model(), {}, out);
    }
    for (int i = 0; i < page.showFilter()->count(); ++i)
        out << page.showFilter()->itemText(i);
    dumpModel(*page.codesPanel()->model(), {}, out);
    return out;
}

} // namespace

TEST_CASE("another coder's labels change nothing the coder's models expose",
          "[gui][labeling][blind]") {
    taxo::test::LabelingProject project(6);
    ProjectSession session;
    REQUIRE(session.open(toQ(project.path)).isEmpty());
    auto& db = session.project()->db();
    // Ann's own labels, so that her view has something to show.
    lb::LabelContent procedure;
    procedure.categories = {project.id("Procedure")};
    procedure.note = "Ann's note";
    REQUIRE(lb::saveLabel(db, {kLongRound, 101, kAnnId}, procedure).ok());
    lb::LabelContent annCode;
    annCode.code = "export problem";
    REQUIRE(lb::saveLabel(db, {kPilotRound, 1, kAnnId}, annCode).ok());
    lb::LabelContent annPending;
    annPending.special = lb::Special::Pending;
    annPending.suggestion = "Ann's idea";
    REQUIRE(lb::saveLabel(db, {kLongRound, 105, kAnnId}, annPending).ok());

    taxo::test::ScriptedDialogs dialogs;
    LabelingPage page(&session, dialogs);
    page.resize(1200, 800);
    page.show();
    page.refresh();
    QAbstractItemModelTester codesTester(page.codesPanel()->model(),
                                         QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester treeTester(page.categoryTree()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
    const auto snapshot = [&] {
        QStringList all;
        for (const auto& [round, filter] : std::vector<std::pair<std::int64_t, lb::ItemFilter>>{
                 {kLongRound, {}},
                 {kLongRound, {true, {}, {}, {}}},
                 {kLongRound, {false, project.id("Server/Cloud"), {}, {}}},
                 {kLongRound, {false, {}, lb::Special::FalsePositive, {}}},
                 {kPilotRound, {}}}) {
            REQUIRE(page.chooseAssignment(round, kAnnId));
            page.setItemFilter(filter);
            all << pageState(page);
        }
        return all;
    };
    const QStringList before = snapshot();
    REQUIRE(before.contains(QStringLiteral("Ann's note")));
    REQUIRE(before.contains(QStringLiteral("export problem")));
    REQUIRE(before.contains(QStringLiteral("Ann's idea")));

    // Bo labels the same posts, and others, in both rounds.
    lb::LabelContent format;
    format.categories = {project.id("Format")};
    format.note = "Bo's note";
    for (const std::int64_t post : {101, 102, 103})
        REQUIRE(lb::saveLabel(db, {kLongRound, post, kBoId}, format).ok());
    lb::LabelContent falsePositive;
    falsePositive.special = lb::Special::FalsePositive;
    REQUIRE(lb::saveLabel(db, {kLongRound, 104, kBoId}, falsePositive).ok());
    lb::LabelContent boCode;
    boCode.code = "export problem";
    for (const std::int64_t post : {1, 2})
        REQUIRE(lb::saveLabel(db, {kPilotRound, post, kBoId}, boCode).ok());
    lb::LabelContent boPending;
    boPending.special = lb::Special::Pending;
    boPending.suggestion = "Bo's idea";
    for (const std::int64_t post : {105, 106})
        REQUIRE(lb::saveLabel(db, {kLongRound, post, kBoId}, boPending).ok());
    session.notifyDataChanged();
    page.refresh();

    const QStringList after = snapshot();
    CHECK_FALSE(after.contains(QStringLiteral("Bo's note")));
    CHECK_FALSE(after.contains(QStringLiteral("Bo's idea")));
    REQUIRE(after.size() == before.size());
    for (int i = 0; i < before.size(); ++i) {
        INFO("entry " << i);
        CHECK(after[i] == before[i]);
    }
}

TEST_CASE("codes become a category and are assigned to one, undoably", "[gui][labeling][codes]") {
    taxo::test::LabelingProject project(3);
    ProjectSession session;
    REQUIRE(session.open(toQ(project.path)).isEmpty());
    auto& db = session.project()->db();
    const auto code = [&](std::int64_t post, const std::string& text) {
        lb::LabelContent content;
        content.code = text;
        REQUIRE(lb::saveLabel(db, {kPilotRound, post, std::nullopt}, content).ok());
    };
    code(1, "Quantize before serving");
    code(2, "quantize  before serving");
    code(3, "export for serving");
    code(7, "raw input");

    taxo::test::ScriptedDialogs dialogs;
    LabelingPage page(&session, dialogs);
    page.resize(1200, 800);
    page.show();
    QApplication::setActiveWindow(&page);
    REQUIRE(QTest::qWaitForWindowActive(&page));
    page.refresh();
    REQUIRE(page.chooseAssignment(kPilotRound, std::nullopt));
    auto* panel = page.codesPanel();
    REQUIRE(panel->isVisible());
    CodesModel* model = panel->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    REQUIRE(model->rowCount() == 3);
    // Equal codes grouped, most used first, with their counts.
    CHECK(model->data(model->index(0, CodesModel::CodeColumn)).toString() ==
          QStringLiteral("Quantize before serving"));
    CHECK(model->data(model->index(0, CodesModel::PostsColumn)).toLongLong() == 2);
    CHECK(model->data(model->index(0, CodesModel::SpellingsColumn))
              .toString()
              .contains(QStringLiteral("quantize before serving (1)")));

    // Through the widgets: choose two codes, name the category, pick its parent, click.
    panel->selectCodes({"quantize before serving", "export for serving"});
    auto* create = panel->findChild<QPushButton*>(QStringLiteral("codesCreate"));
    auto* parent = panel->findChild<QComboBox*>(QStringLiteral("codesParent"));
    REQUIRE(create != nullptr);
    REQUIRE(parent != nullptr);
    CHECK_FALSE(create->isEnabled()); // no name yet
    panel->nameEdit()->setText(QStringLiteral("Quantization for serving"));
    parent->setCurrentIndex(
        parent->findData(QVariant::fromValue(static_cast<qlonglong>(project.id("Model Export")))));
    REQUIRE(create->isEnabled());
    create->click();
    INFO(panel->lastError().toStdString());
    auto made = taxo::codebook::findByPath(
        db, {"Server/Cloud", "Model Export", "Quantization for serving"});
    REQUIRE(made.ok());
    const auto madeId = made->id;
    CHECK(made->createdIn == "pilot");
    const auto carries = [&](std::int64_t post, taxo::codebook::CategoryId id) {
        auto label = lb::loadLabel(db, {kPilotRound, post, std::nullopt});
        REQUIRE(label.ok());
        REQUIRE(label->has_value());
        const auto& categories = (*label)->content.categories;
        return std::find(categories.begin(), categories.end(), id) != categories.end();
    };
    CHECK(carries(1, madeId));
    CHECK(carries(2, madeId));
    CHECK(carries(3, madeId));
    CHECK_FALSE(carries(7, madeId));
    // The labeling tree offers the new leaf at once, ticked on the post shown.
    REQUIRE(page.currentKey()->postId == 1);
    REQUIRE(page.categoryItem(madeId) != nullptr);
    CHECK(page.categoryItem(madeId)->checkState() == Qt::Checked);

    // Ctrl+Z takes it all back; Ctrl+Shift+Z brings back the same category.
    page.categoryTree()->setFocus();
    QTest::keyClick(page.categoryTree(), Qt::Key_Z, Qt::ControlModifier);
    CHECK_FALSE(taxo::codebook::getCategory(db, madeId).ok());
    CHECK_FALSE(carries(1, madeId));
    CHECK(page.categoryItem(madeId) == nullptr);
    QTest::keyClick(page.categoryTree(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    REQUIRE(taxo::codebook::getCategory(db, madeId).ok());
    CHECK(carries(1, madeId));
    CHECK(carries(3, madeId));

    // Assigning: post 7 is in no set, so any leaf will do.
    panel->selectCodes({"raw input"});
    CHECK(panel->assignToCategory(project.id("Format")));
    CHECK(carries(7, project.id("Format")));
    page.undoStack()->undo();
    CHECK_FALSE(carries(7, project.id("Format")));
    // A refusal is shown in the panel and pushes nothing.
    const int steps = page.undoStack()->count();
    panel->selectCodes({"quantize before serving"});
    CHECK_FALSE(panel->assignToCategory(project.id("Input")));
    CHECK(panel->lastError().contains(QStringLiteral("belongs to sets of")));
    CHECK(page.undoStack()->count() == steps);
}
