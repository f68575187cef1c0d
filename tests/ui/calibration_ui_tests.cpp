// Calibration rounds in the GUI, offscreen: the Sampling page makes one through the
// Dialogs seam, and the Agreement page scores each coder against the pilot's consensus
// with core's figures, tables and CSV.

#include "child_widget.h"
#include "core/agreement/agreement_csv.h"
#include "core/agreement/calibration.h"
#include "scripted_dialogs.h"
#include "tests/core/calibration_fixture.h"
#include "ui/agreement/agreement_page.h"
#include "ui/agreement/calibration_models.h"
#include "ui/agreement/calibration_view.h"
#include "ui/sampling/sampling_page.h"
#include "ui/session/project_session.h"
#include "ui/support/qt_text.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <catch2/catch.hpp>

using taxo::test::child;
using taxo::ui::CalibrationCategoryModel;
using taxo::ui::CalibrationDifferenceModel;
using taxo::ui::toQ;

namespace {

constexpr auto kFatal = QAbstractItemModelTester::FailureReportingMode::Fatal;

QString cell(const QAbstractItemModel* model, int row, int column) {
    return model->data(model->index(row, column), Qt::DisplayRole).toString();
}

} // namespace

TEST_CASE("the Agreement page scores a calibration round's coder against the pilot",
          "[gui][agreement][calibration]") {
    QSettings().clear();
    taxo::test::TempDir dir;
    const auto path = dir.file("calibration.taxo");
    const auto made = taxo::test::makeCalibrationStudy(path);
    taxo::ui::ProjectSession session;
    REQUIRE(session.open(toQ(path)).isEmpty());
    taxo::test::ScriptedDialogs dialogs;
    taxo::ui::AgreementPage page(&session, dialogs);
    auto* view = page.calibrationView();
    QAbstractItemModelTester categories(view->categoryModel(), kFatal);
    QAbstractItemModelTester differences(view->differenceModel(), kFatal);
    page.resize(1300, 850);
    page.show();
    page.refresh();

    // No reliability round yet: the calibration round is all there is to pick.
    auto* choice = child<QComboBox>(&page, "roundChoice");
    REQUIRE(choice->count() == 1);
    CHECK(choice->itemText(0) == QStringLiteral("Dee calibration (calibration)"));
    CHECK(page.showsCalibration());
    CHECK(view->isVisible());
    CHECK_FALSE(child<QWidget>(&page, "agreementHeadline")->isVisible());
    CHECK_FALSE(child<QPushButton>(&page, "exportAgreementCsv")->isVisible());

    auto scores = taxo::agreement::calibrationScores(session.project()->db(), "Dee calibration");
    REQUIRE(scores.ok());
    const auto& core = scores->front();
    REQUIRE(view->current() != nullptr);
    CHECK(view->current()->coder == "Dee");
    CHECK(child<QComboBox>(view, "calibrationCoder")->currentText() == QStringLiteral("Dee"));
    // 0.556 is scikit-learn's kappa on these pairs (tests/core/calibration_tests.cpp).
    CHECK(child<QLabel>(view, "calibrationKappa")->text() == QStringLiteral("κ = 0.556"));
    CHECK(child<QLabel>(view, "calibrationInterval")
              ->text()
              .contains(QStringLiteral("0.210 to 0.901")));
    const QString summary = child<QLabel>(view, "calibrationSummary")->text();
    CHECK(summary.contains(QStringLiteral("8 of 9 posts scored; agreement on 5 (62.5 %).")));
    CHECK(summary.contains(QStringLiteral("1 not labeled yet, not counted.")));
    CHECK(summary.contains(QStringLiteral("3 posts differ")));
    CHECK(child<QLabel>(view, "calibrationTitle")
              ->text()
              .contains(QStringLiteral("pilot round pilot")));

    // Per category: core's numbers, row by row.
    auto* categoryModel = view->categoryModel();
    REQUIRE(categoryModel->rowCount() == static_cast<int>(core.perCategory.size()));
    for (int row = 0; row < categoryModel->rowCount(); ++row) {
        const auto& category = core.perCategory[static_cast<std::size_t>(row)];
        CHECK(cell(categoryModel, row, CalibrationCategoryModel::CategoryColumn) ==
              toQ(category.path));
        CHECK(cell(categoryModel, row, CalibrationCategoryModel::BothColumn) ==
              QString::number(category.both));
        CHECK(cell(categoryModel, row, CalibrationCategoryModel::CoderOnlyColumn) ==
              QString::number(category.coderOnly));
        CHECK(cell(categoryModel, row, CalibrationCategoryModel::ConsensusOnlyColumn) ==
              QString::number(category.consensusOnly));
        CHECK(cell(categoryModel, row, CalibrationCategoryModel::AgreementColumn) ==
              QString::number(category.positiveAgreement, 'f', 3));
    }
    CHECK(cell(categoryModel, 2, CalibrationCategoryModel::AgreementColumn) ==
          QStringLiteral("0.667"));

    // The posts that differ, each note beside its label.
    auto* differenceModel = view->differenceModel();
    REQUIRE(differenceModel->rowCount() == 3);
    CHECK(cell(differenceModel, 0, CalibrationDifferenceModel::PostColumn) ==
          QStringLiteral("stackoverflow:1002"));
    CHECK(cell(differenceModel, 0, CalibrationDifferenceModel::ConsensusNoteColumn) ==
          QStringLiteral("asks for both steps"));
    CHECK(cell(differenceModel, 2, CalibrationDifferenceModel::CoderNoteColumn) ==
          QStringLiteral("looks like an export"));
    CHECK(differenceModel
              ->headerData(CalibrationDifferenceModel::CoderColumn, Qt::Horizontal, Qt::DisplayRole)
              .toString() == QStringLiteral("Dee's label"));

    // The CSV is core's, through the Dialogs seam.
    const auto csv = toQ(dir.file("dee.csv"));
    dialogs.pathsToReturn << csv;
    REQUIRE(view->exportCsv());
    CHECK(dialogs.suggestedPaths.back() == QStringLiteral("calibration-Dee-calibration-Dee.csv"));
    QFile file(csv);
    REQUIRE(file.open(QIODevice::ReadOnly));
    CHECK(file.readAll().toStdString() == taxo::agreement::calibrationCsv(core));

    // With a reliability round the study comes first and the calibration round last;
    // the study's figures show again, unaffected by the calibration labels.
    taxo::test::StudyBuilder build(session.project()->db());
    const auto reliability = build.round(
        {"reliability", taxo::rounds::RoundKind::Reliability, {}, {}, "t", {1, 2, 3}, {1, 2}});
    for (const std::int64_t coder : {1, 2})
        for (const std::int64_t post : {1, 2, 3})
            taxo::test::seedLabel(session.project()->db(), reliability, post, coder,
                                  {made.leaves.at(post == 3 ? "Format" : "Procedure")});
    page.refresh();
    REQUIRE(choice->count() == 3);
    CHECK(choice->itemData(0).toString().isEmpty());
    CHECK(choice->itemText(2) == QStringLiteral("Dee calibration (calibration)"));
    CHECK(page.showsCalibration()); // still the round picked before
    page.chooseRound(QString());
    CHECK(page.showsStudy());
    CHECK_FALSE(view->isVisible());
    CHECK(child<QWidget>(&page, "agreementHeadline")->isVisible());
    REQUIRE(page.current().has_value());
    CHECK(page.current()->overall.n == 3);
    CHECK(page.current()->round == "reliability");
}

TEST_CASE("the Sampling page makes a calibration round from a pilot's consensus posts",
          "[gui][sampling][calibration]") {
    QSettings().clear();
    taxo::test::TempDir dir;
    const auto path = dir.file("calibration.taxo");
    {
        auto project = taxo::Project::create(path, "calibration");
        REQUIRE(project.ok());
        taxo::test::seedCalibrationPilot(*project);
    }
    taxo::ui::ProjectSession session;
    REQUIRE(session.open(toQ(path)).isEmpty());
    taxo::test::ScriptedDialogs dialogs;
    taxo::ui::SamplingPage page(&session, dialogs);
    page.show();
    page.refresh();
    auto* button = child<QPushButton>(&page, "newCalibrationRound");
    auto* status = child<QLabel>(&page, "assignStatus");
    const auto roundCount = [&] {
        auto count = session.project()->db().queryInt("SELECT count(*) FROM rounds");
        REQUIRE(count.ok());
        return *count;
    };

    // Cancelled at the name: nothing is made.
    dialogs.choicesToMake << QStringLiteral("pilot");
    button->click();
    REQUIRE(dialogs.offeredChoices.size() == 1);
    CHECK(dialogs.offeredChoices.back() == QStringList{QStringLiteral("pilot")});
    CHECK(roundCount() == 1);

    // Posts without a settled consensus are refused with core's reason.
    dialogs.choicesToMake << QStringLiteral("pilot");
    dialogs.textsToReturn << QStringLiteral("Dee calibration") << QStringLiteral("Dee")
                          << QStringLiteral("1, 12");
    CHECK_FALSE(page.newCalibrationRound());
    CHECK(status->text().contains(QStringLiteral("Not created:")));
    CHECK(status->text().contains(QStringLiteral("(12) has no consensus label")));
    CHECK(roundCount() == 1);

    // A number draws that many with a fresh seed, which the status names.
    page.selectRound(QStringLiteral("pilot")); // the selected pilot is not asked for again
    const auto offered = dialogs.offeredChoices.size();
    dialogs.textsToReturn << QStringLiteral("Dee calibration") << QStringLiteral("Dee")
                          << QStringLiteral("4");
    REQUIRE(page.newCalibrationRound());
    CHECK(dialogs.offeredChoices.size() == offered);
    CHECK(dialogs.textQuestions.back().contains(QStringLiteral("How many of the 9 posts")));
    CHECK(status->text().contains(QStringLiteral("Created calibration round Dee calibration: 4 "
                                                 "posts of pilot round pilot (drawn with seed")));
    auto rounds = taxo::rounds::listRounds(*session.project());
    REQUIRE(rounds.ok());
    REQUIRE(rounds->size() == 2);
    CHECK(rounds->back().kind == taxo::rounds::RoundKind::Calibration);
    CHECK(rounds->back().pilotRound == "pilot");
    CHECK(rounds->back().items == 4);
    REQUIRE(rounds->back().coders.size() == 1);
    CHECK(rounds->back().coders[0].name == "Dee");
}
