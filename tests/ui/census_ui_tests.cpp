// The census on the Corpus page, the tag explorer on the Selection page, and the census in
// the Statistics page, driven through their widgets on the offscreen platform. The
// counts themselves are checked in tests/core/census_tests.cpp.

#include "child_widget.h"
#include "core/corpus/import.h"
#include "scripted_dialogs.h"
#include "tests/support/test_support.h"
#include "ui/app/main_window.h"
#include "ui/corpus/census_models.h"
#include "ui/corpus/census_view.h"
#include "ui/corpus/corpus_page.h"
#include "ui/selection/rules_table_model.h"
#include "ui/selection/selection_page.h"
#include "ui/selection/tag_explorer.h"
#include "ui/session/project_session.h"
#include "ui/statistics/statistics_page.h"

#include <QAbstractItemModelTester>
#include <QAbstractSeries>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <catch2/catch.hpp>

using taxo::ui::MainWindow;

using taxo::test::child;

namespace {

// Five questions over two years; the import keeps the keras ones only.
std::string makeProject(const taxo::test::TempDir& dir, bool withSet = false) {
    const auto csv = dir.file("posts.csv");
    taxo::test::writeFile(csv, "id,title,body,tags,created,author_id,accepted_answer_created\r\n"
                               "1,Q1,b,keras;python,2019-02-17T10:00:00.000,4,"
                               "2019-02-17T11:00:00.000\r\n"
                               "2,Q2,b,keras;tensorflow,2020-02-17T10:00:00.000,5,\r\n"
                               "3,Q3,b,python,2019-03-17T10:00:00.000,4,\r\n"
                               "4,Q4,b,python;pandas,2020-03-17T10:00:00.000,6,"
                               "2020-03-17T12:00:00.000\r\n"
                               "5,Q5,b,java,2020-04-17T10:00:00.000,7,\r\n");
    const auto path = dir.file("p.taxo");
    auto project = taxo::Project::create(path, "census");
    REQUIRE(project.ok());
    taxo::corpus::ImportOptions options;
    options.tags = {"keras"};
    auto report = taxo::corpus::importSources(*project, {csv}, options);
    REQUIRE(report.ok());
    REQUIRE(report->questions == 2);
    if (withSet)
        REQUIRE(project->db().exec("INSERT INTO sets(name, root_name, created) VALUES ('k', 'k', "
                                   "'x'); INSERT INTO set_members SELECT 1, id FROM posts;"));
    return path;
}

} // namespace

TEST_CASE("the Corpus page shows the census of every row read and exports it", "[gui][census]") {
    QSettings().clear();
    taxo::test::TempDir dir;
    const auto path = makeProject(dir);
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    MainWindow window(dialogs);
    window.show();
    REQUIRE(window.session()->open(QString::fromStdString(path)).isEmpty());
    auto* corpus = window.findChild<taxo::ui::CorpusPage*>();
    REQUIRE(corpus);
    corpus->refresh();
    auto* view = corpus->censusView();
    QAbstractItemModelTester years(view->yearModel(),
                                   QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester tags(view->tagModel(),
                                  QAbstractItemModelTester::FailureReportingMode::Fatal);
    corpus->tabs()->setCurrentWidget(view);
    // Two questions kept, five counted.
    CHECK(*window.session()->project()->db().queryInt("SELECT count(*) FROM posts") == 2);
    REQUIRE(view->yearModel()->rowCount() == 2);
    auto cell = [&](int row, int column) {
        return view->yearModel()->index(row, column).data().toString();
    };
    CHECK(cell(0, taxo::ui::CensusYearModel::Year) == QStringLiteral("2019"));
    CHECK(cell(0, taxo::ui::CensusYearModel::Questions) == QStringLiteral("2"));
    CHECK(cell(0, taxo::ui::CensusYearModel::Askers) == QStringLiteral("1"));
    CHECK(cell(0, taxo::ui::CensusYearModel::WithAccepted) == QStringLiteral("1"));
    CHECK(cell(1, taxo::ui::CensusYearModel::Questions) == QStringLiteral("3"));
    REQUIRE(view->tagModel()->rowCount() == 5);
    CHECK(view->tagModel()->tagAt(0) == QStringLiteral("python"));
    CHECK(view->tagModel()
              ->index(0, taxo::ui::CensusTagModel::Trend)
              .data(taxo::ui::CensusTagModel::TrendRole)
              .toList() == QVariantList{qlonglong(2), qlonglong(1)});
    CHECK(view->summary()->text().contains(QStringLiteral("5 questions")));
    CHECK(view->chart()->chart()->series().size() == 1);

    const auto out = dir.file("census.csv");
    dialogs->pathsToReturn << QString::fromStdString(out);
    child<QPushButton>(*view, "exportCensus")->click();
    INFO(dialogs->errors.join(QStringLiteral("\n")).toStdString());
    const auto csv = taxo::test::readFile(out);
    CHECK(csv.rfind("kind,tag,year,questions,askers,with_accepted,answers\r\n"
                    "year,,2019,2,1,1,0\r\n",
                    0) == 0);
    CHECK(csv.find("tag,python,2019,2,,,\r\n") != std::string::npos);
}

TEST_CASE("the tag explorer finds a tag and Enter adds it to the current clause",
          "[gui][census][selection]") {
    QSettings().clear();
    taxo::test::TempDir dir;
    const auto path = makeProject(dir);
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    MainWindow window(dialogs);
    window.show();
    REQUIRE(window.session()->open(QString::fromStdString(path)).isEmpty());
    REQUIRE(window.showPageByTitle(QStringLiteral("Selection")));
    auto* selection = window.findChild<taxo::ui::SelectionPage*>();
    REQUIRE(selection);
    auto* explorer = selection->tagExplorer();
    QAbstractItemModelTester tags(explorer->tagModel(),
                                  QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester together(explorer->cooccurrenceModel(),
                                      QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester rules(selection->rulesModel(),
                                   QAbstractItemModelTester::FailureReportingMode::Fatal);
    // With no search, the most used tags of the census: every question read counts.
    REQUIRE(explorer->tagModel()->rowCount() == 5);
    CHECK(explorer->tagModel()->tagAt(0) == QStringLiteral("python"));

    // A clause to add to: the user adds one and names its set.
    child<QPushButton>(*selection, "addClause")->click();
    selection->rulesModel()->setData(
        selection->rulesModel()->index(0, taxo::ui::RulesTableModel::SetColumn),
        QStringLiteral("frameworks"), Qt::EditRole);

    auto* search = explorer->searchEdit();
    search->setFocus();
    QTest::keyClicks(search, QStringLiteral("TENSOR"));
    REQUIRE(QTest::qWaitFor([&] { return explorer->tagModel()->rowCount() == 1; }, 5000));
    CHECK(explorer->tagModel()->tagAt(0) == QStringLiteral("tensorflow"));
    // Down goes to the list; the chosen tag shows what it appears with on kept posts.
    QTest::keyClick(search, Qt::Key_Down);
    CHECK(explorer->tagsView()->currentIndex().row() == 0);
    REQUIRE(explorer->cooccurrenceModel()->rowCount() == 1);
    CHECK(explorer->cooccurrenceModel()->tagAt(0) == QStringLiteral("keras"));
    // Enter adds the tag to the current clause.
    QTest::keyClick(explorer->tagsView(), Qt::Key_Return);
    const auto& row = selection->rulesModel()->rows().at(0);
    CHECK(row.tagsAny == std::vector<std::string>{"tensorflow"});
    auto* message = child<QLabel>(*selection, "selectionMessage");
    CHECK(message->text().contains(QStringLiteral("tensorflow")));
    CHECK(selection->hasUnbuiltClauses());
    // Enter on a co-occurring tag adds that one; again says it is there already.
    explorer->cooccurringView()->setFocus();
    explorer->cooccurringView()->setCurrentIndex(explorer->cooccurrenceModel()->index(0, 0));
    QTest::keyClick(explorer->cooccurringView(), Qt::Key_Return);
    CHECK(selection->rulesModel()->rows().at(0).tagsAny ==
          std::vector<std::string>{"tensorflow", "keras"});
    QTest::keyClick(explorer->cooccurringView(), Qt::Key_Return);
    CHECK(message->text().contains(QStringLiteral("already has")));
    CHECK(selection->rulesModel()->rows().at(0).tagsAny.size() == 2);

    // A name no tag holds says so.
    search->clear();
    QTest::keyClicks(search, QStringLiteral("nosuchtag"));
    QTest::keyClick(search, Qt::Key_Return);
    CHECK(explorer->tagModel()->rowCount() == 0);
    CHECK(explorer->message()->text().contains(QStringLiteral("nosuchtag")));
}

TEST_CASE("Statistics compares with the whole site and charts shares of it",
          "[gui][census][statistics]") {
    QSettings().clear();
    taxo::test::TempDir dir;
    const auto path = makeProject(dir, true);
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    MainWindow window(dialogs);
    window.show();
    REQUIRE(window.session()->open(QString::fromStdString(path)).isEmpty());
    auto* statistics = window.findChild<taxo::ui::StatisticsPage*>();
    REQUIRE(statistics);
    auto* compare = child<QComboBox>(*statistics, "compareWith");
    compare->setCurrentIndex(
        compare->findData(static_cast<int>(taxo::stats::Comparison::WholeSite)));
    child<QPushButton>(*statistics, "recompute")->click();
    REQUIRE(QTest::qWaitFor([&] { return !statistics->busy() && statistics->current(); }, 20000));
    auto* difficulty = child<QLabel>(*statistics, "difficulty");
    INFO(difficulty->text().toStdString());
    // All sets: 1 of 2 without an accepted answer; the whole site: 3 of 5.
    CHECK(difficulty->text().contains(QStringLiteral("whole site 60.0 % (3 of 5)")));

    child<QCheckBox>(*statistics, "shareOfSite")->setChecked(true);
    auto* chart = child<QChartView>(*statistics, "yearsChart")->chart();
    REQUIRE_FALSE(chart->series().isEmpty());
    CHECK(chart->series().front()->name() == QStringLiteral("k: % of all questions"));
}
