// The Agreement page on the offscreen platform: its figures are core's, its tables
// sort numbers as numbers, the CSV goes through the Dialogs seam, and labels that
// arrive later show after a refresh.

#include "child_widget.h"
#include "core/agreement/agreement_csv.h"
#include "core/labels/labels.h"
#include "core/util/files.h"
#include "core/util/r_format.h"
#include "scripted_dialogs.h"
#include "tests/core/study_fixture.h"
#include "ui/agreement/agreement_models.h"
#include "ui/agreement/agreement_page.h"
#include "ui/agreement/kappa_series_chart.h"
#include "ui/app/main_window.h"
#include "ui/session/project_session.h"
#include "ui/support/qt_text.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <catch2/catch.hpp>

using taxo::ui::toQ;

using taxo::ui::AgreementPage;
using taxo::ui::KappaTableModel;
namespace ag = taxo::agreement;

using taxo::test::child;

namespace {

QString fixed3(double value) {
    return QString::number(value, 'f', 3);
}

QString formatOrUndefined(const std::optional<double>& value) {
    return value ? fixed3(*value) : QStringLiteral("undefined");
}

// seedStudy plus Server/Cloud > Model Export > {Procedure, Model quantization},
// Server/Cloud > Request > {Format}, Mobile > Data > {Input}.
//
// With table10: statsmodels' table10 ([[0,4,1],[0,8,0],[0,1,5]]) as 19 more posts
// (8-26) of the Server set in the reliability round, codes 1-3 the leaves Procedure,
// Model quantization and Format: kappa 0.484163, CI 0.213661 to 0.754665
// (statsmodels 0.13.5).
struct AgreementStudy {
    taxo::test::TempDir dir;
    std::string path = dir.file("agreement.taxo");
    taxo::ui::ProjectSession session;
    std::map<std::string, taxo::codebook::CategoryId> ids;

    explicit AgreementStudy(bool table10 = false) {
        REQUIRE(session.create(toQ(path), QStringLiteral("agreement")).isEmpty());
        taxo::test::StudyBuilder build(db());
        auto posts = taxo::test::studyPosts();
        std::vector<std::int64_t> table10Posts;
        for (std::int64_t post = 8; table10 && post <= 26; ++post) {
            posts.push_back({"stackoverflow", "s" + std::to_string(post), "t"});
            table10Posts.push_back(post);
        }
        taxo::test::seedPostsAndSets(build, posts, table10Posts);
        taxo::test::seedPeople(build);
        taxo::test::seedRounds(build, std::nullopt, table10Posts);
        taxo::test::seedCodebook(db(), ids);
        if (!table10)
            return;
        const std::vector<taxo::codebook::CategoryId> leaf = {
            ids["Procedure"], ids["Model quantization"], ids["Format"]};
        const std::vector<std::vector<int>> table = {{0, 4, 1}, {0, 8, 0}, {0, 1, 5}};
        std::int64_t post = 8;
        for (std::size_t i = 0; i < 3; ++i)
            for (std::size_t j = 0; j < 3; ++j)
                for (int c = 0; c < table[i][j]; ++c, ++post) {
                    taxo::test::seedLabel(db(), 2, post, 1, {leaf[i]});
                    taxo::test::seedLabel(db(), 2, post, 2, {leaf[j]});
                }
    }
    taxo::sql::Database& db() { return session.project()->db(); }

    ag::ProjectAgreement coreAgreement(const std::string& round = {}) {
        auto result = ag::projectAgreement(db(), round);
        INFO((result.ok() ? std::string() : result.message()));
        REQUIRE(result.ok());
        return std::move(*result);
    }
};

// The rows of a view's proxy in their shown order, as the source model's rows.
std::vector<const KappaTableModel::Row*> shownRows(QSortFilterProxyModel* proxy) {
    auto* model = static_cast<KappaTableModel*>(proxy->sourceModel());
    std::vector<const KappaTableModel::Row*> rows;
    for (int r = 0; r < proxy->rowCount(); ++r)
        rows.push_back(model->rowAt(proxy->mapToSource(proxy->index(r, 0)).row()));
    return rows;
}

void checkRowShowsCore(KappaTableModel* model, int row, const ag::CohenKappa& kappa) {
    auto text = [&](int column) {
        return model->data(model->index(row, column), Qt::DisplayRole).toString();
    };
    INFO(text(KappaTableModel::NameColumn).toStdString());
    CHECK(text(KappaTableModel::NColumn) == QString::number(kappa.n));
    if (kappa.kappa) {
        CHECK(text(KappaTableModel::KappaColumn) == fixed3(*kappa.kappa));
        CHECK(text(KappaTableModel::CiLowColumn) == fixed3(*kappa.ciLow));
        CHECK(text(KappaTableModel::CiHighColumn) == fixed3(*kappa.ciHigh));
        CHECK(text(KappaTableModel::BandColumn) ==
              QString::fromLatin1(ag::kappaBandName(ag::landisKochBand(*kappa.kappa))));
    } else {
        CHECK(text(KappaTableModel::KappaColumn) == QStringLiteral("undefined"));
        CHECK(text(KappaTableModel::CiLowColumn).isEmpty());
        CHECK(model->data(model->index(row, KappaTableModel::KappaColumn), Qt::ToolTipRole)
                  .toString()
                  .contains(toQ(kappa.undefinedReason)));
    }
}

struct Testers {
    QAbstractItemModelTester perRoot, perCategory, rootProxy, categoryProxy, confusion;
    explicit Testers(AgreementPage& page)
        : perRoot(page.perRootModel(), Mode), perCategory(page.perCategoryModel(), Mode),
          rootProxy(page.perRootProxy(), Mode), categoryProxy(page.perCategoryProxy(), Mode),
          confusion(page.confusionModel(), Mode) {}
    static constexpr auto Mode = QAbstractItemModelTester::FailureReportingMode::Fatal;
};

} // namespace

TEST_CASE("the Agreement page shows core's kappa, interval, band, alpha and tables",
          "[gui][agreement]") {
    AgreementStudy study(true);
    taxo::test::ScriptedDialogs dialogs;
    AgreementPage page(&study.session, dialogs);
    Testers testers(page);
    page.resize(1200, 800);
    page.show();
    page.refresh();
    const auto core = study.coreAgreement();

    // The whole study comes first and is the default; with one reliability round its
    // figures are that round's. The pilot is no pair's round.
    CHECK(page.currentRound().isEmpty());
    CHECK(page.showsStudy());
    CHECK(child<QComboBox>(&page, "roundChoice")->count() == 2);
    REQUIRE(page.current().has_value());
    // The reference values themselves, as the page shows them.
    CHECK(child<QLabel>(&page, "kappaValue")->text() == QStringLiteral("κ = 0.484"));
    CHECK(child<QLabel>(&page, "kappaInterval")->text().contains(QStringLiteral("0.214 to 0.755")));
    CHECK(child<QLabel>(&page, "kappaBand")->text() == QStringLiteral("moderate"));
    CHECK(child<QLabel>(&page, "kappaBand")->isVisible());
    // And every figure is core's.
    CHECK(child<QLabel>(&page, "kappaValue")->text() ==
          QStringLiteral("κ = ") + fixed3(*core.overall.kappa));
    CHECK(child<QLabel>(&page, "kappaInterval")
              ->text()
              .contains(fixed3(*core.overall.ciLow) + QStringLiteral(" to ") +
                        fixed3(*core.overall.ciHigh)));
    CHECK(child<QLabel>(&page, "observedValue")->text() == fixed3(core.overall.observed));
    CHECK(child<QLabel>(&page, "expectedValue")->text() == fixed3(core.overall.expected));
    CHECK(child<QLabel>(&page, "nValue")->text() ==
          QStringLiteral("%1 of %2 posts").arg(core.overall.n).arg(core.items));
    CHECK(child<QLabel>(&page, "percentValue")->text() ==
          QString::number(core.overall.percentAgreement, 'f', 1) + QStringLiteral(" %"));
    CHECK(child<QLabel>(&page, "alphaNominalValue")->text() == fixed3(*core.alphaNominal.alpha));
    CHECK(child<QLabel>(&page, "alphaMasiValue")->text() == fixed3(*core.alphaMasi.alpha));

    // Both coders' progress: labeled of the round's posts (3 of them unlabeled).
    auto* progressA = child<QProgressBar>(&page, "coderAProgress");
    CHECK(child<QLabel>(&page, "coderAName")->text() == QStringLiteral("Ann"));
    CHECK(child<QLabel>(&page, "coderBName")->text() == QStringLiteral("Bo"));
    CHECK(progressA->value() == 19);
    CHECK(progressA->maximum() == 22);
    CHECK(progressA->text() == QStringLiteral("19 of 22 labeled"));

    // Per root (Mobile's posts are unlabeled: undefined with its reason) and per leaf.
    REQUIRE(page.perRootModel()->rowCount() == static_cast<int>(core.perRoot.size()));
    for (std::size_t i = 0; i < core.perRoot.size(); ++i) {
        CHECK(page.perRootModel()->rowAt(static_cast<int>(i))->name == toQ(core.perRoot[i].root));
        checkRowShowsCore(page.perRootModel(), static_cast<int>(i), core.perRoot[i].kappa);
    }
    CHECK_FALSE(core.perRoot[0].kappa.kappa.has_value());
    REQUIRE(page.perCategoryModel()->rowCount() == 3);
    for (std::size_t i = 0; i < core.perCategory.size(); ++i) {
        CHECK(page.perCategoryModel()->rowAt(static_cast<int>(i))->name ==
              toQ(core.perCategory[i].path));
        checkRowShowsCore(page.perCategoryModel(), static_cast<int>(i), core.perCategory[i].kappa);
    }

    // The heat map: table10 itself, on one axis for both coders.
    auto* confusion = page.confusionModel();
    REQUIRE(confusion->rowCount() == 3);
    REQUIRE(confusion->columnCount() == 3);
    const std::vector<std::vector<int>> table = {{0, 4, 1}, {0, 8, 0}, {0, 1, 5}};
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c) {
            CHECK(confusion->count(r, c) ==
                  table[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)]);
            CHECK(confusion->data(confusion->index(r, c), Qt::ToolTipRole)
                      .toString()
                      .contains(confusion->valueName(c)));
        }
    CHECK(confusion->headerData(0, Qt::Horizontal, Qt::DisplayRole).toString() ==
          QStringLiteral("Procedure"));
    CHECK(confusion->headerData(0, Qt::Vertical, Qt::ToolTipRole).toString() ==
          QStringLiteral("Server/Cloud/Model Export/Procedure"));
    CHECK(confusion->data(confusion->index(1, 1), Qt::DisplayRole).toString() ==
          QStringLiteral("8"));
    CHECK(confusion->data(confusion->index(1, 1), Qt::ToolTipRole)
              .toString()
              .contains(QStringLiteral("8 posts")));
    // The fullest cell is the darkest; an empty one stays white.
    const auto colour = [&](int r, int c) {
        return confusion->data(confusion->index(r, c), Qt::BackgroundRole).value<QColor>();
    };
    CHECK(colour(1, 1).lightnessF() < colour(2, 2).lightnessF());
    CHECK(colour(0, 2).lightnessF() > colour(0, 1).lightnessF());
    CHECK(colour(1, 0) == QColor(Qt::white));
}

TEST_CASE("the Agreement page's tables sort numbers as numbers", "[gui][agreement]") {
    AgreementStudy study(true);
    // Posts 5 and 6 (Mobile) both Input: Mobile has n = 2 and one value, so its kappa
    // is undefined; Server/Cloud has n = 19. As text "19" would sort before "2".
    for (const std::int64_t post : {5, 6})
        for (const std::int64_t coder : {1, 2})
            taxo::test::seedLabel(study.db(), 2, post, coder, {study.ids["Input"]});
    taxo::test::ScriptedDialogs dialogs;
    AgreementPage page(&study.session, dialogs);
    Testers testers(page);
    page.show();
    page.refresh();
    auto* proxy = page.perRootProxy();
    REQUIRE(proxy->rowCount() == 2);

    proxy->sort(KappaTableModel::NColumn, Qt::AscendingOrder);
    CHECK(shownRows(proxy)[0]->name == QStringLiteral("Mobile"));
    CHECK(shownRows(proxy)[0]->kappa.n == 2);
    CHECK(shownRows(proxy)[1]->kappa.n == 19); // post 4, in both roots, is unlabeled
    proxy->sort(KappaTableModel::NColumn, Qt::DescendingOrder);
    CHECK(shownRows(proxy)[0]->name == QStringLiteral("Server/Cloud"));
    // An undefined kappa sorts below every defined one.
    proxy->sort(KappaTableModel::KappaColumn, Qt::AscendingOrder);
    CHECK_FALSE(shownRows(proxy)[0]->kappa.kappa.has_value());
    proxy->sort(KappaTableModel::KappaColumn, Qt::DescendingOrder);
    CHECK(shownRows(proxy)[0]->kappa.kappa.has_value());

    // Per category by kappa, through the view's header as a user would click it.
    auto* categoryView = child<QTableView>(&page, "perCategoryView");
    categoryView->sortByColumn(KappaTableModel::KappaColumn, Qt::AscendingOrder);
    auto rows = shownRows(page.perCategoryProxy());
    REQUIRE(rows.size() == 4);
    std::vector<double> kappas;
    for (const auto* row : rows)
        if (row->kappa.kappa)
            kappas.push_back(*row->kappa.kappa);
    CHECK(std::is_sorted(kappas.begin(), kappas.end()));
    CHECK(page.perCategoryProxy()
              ->data(page.perCategoryProxy()->index(0, KappaTableModel::KappaColumn),
                     KappaTableModel::SortRole)
              .typeId() == QMetaType::Double);
    categoryView->sortByColumn(KappaTableModel::NameColumn, Qt::DescendingOrder);
    CHECK(shownRows(page.perCategoryProxy())[0]->name ==
          QStringLiteral("Server/Cloud/Request/Format"));
}

TEST_CASE("an undefined kappa shows core's reason, never 1 or 0", "[gui][agreement]") {
    AgreementStudy study;
    for (const std::int64_t post : {4, 5, 6})
        for (const std::int64_t coder : {1, 2})
            taxo::test::seedLabel(study.db(), 2, post, coder, {study.ids["Input"]});
    taxo::test::ScriptedDialogs dialogs;
    AgreementPage page(&study.session, dialogs);
    Testers testers(page);
    page.show();
    page.refresh();
    const auto core = study.coreAgreement();
    REQUIRE_FALSE(core.overall.kappa.has_value());
    REQUIRE_FALSE(core.overall.undefinedReason.empty());
    CHECK(child<QLabel>(&page, "kappaValue")->text() == QStringLiteral("κ = undefined"));
    CHECK(
        child<QLabel>(&page, "kappaInterval")->text().contains(toQ(core.overall.undefinedReason)));
    CHECK_FALSE(child<QLabel>(&page, "kappaBand")->isVisible());
    CHECK(child<QLabel>(&page, "percentValue")->text() == QStringLiteral("100.0 %"));
    // One value throughout leaves alpha undefined too, its reason in the tooltip.
    REQUIRE_FALSE(core.alphaNominal.alpha.has_value());
    CHECK(child<QLabel>(&page, "alphaNominalValue")->text() == QStringLiteral("undefined"));
    CHECK(child<QLabel>(&page, "alphaNominalValue")->toolTip() ==
          toQ(core.alphaNominal.undefinedReason));
}

TEST_CASE("the Agreement page exports core's CSV through the Dialogs seam", "[gui][agreement]") {
    AgreementStudy study(true);
    taxo::test::ScriptedDialogs dialogs;
    AgreementPage page(&study.session, dialogs);
    page.show();
    page.refresh();
    const QString file = toQ(study.dir.file("agreement.csv"));

    // Cancelled: nothing written.
    auto* button = child<QPushButton>(&page, "exportAgreementCsv");
    QTest::mouseClick(button, Qt::LeftButton);
    CHECK_FALSE(QFile::exists(file));

    dialogs.pathsToReturn << file;
    QTest::mouseClick(button, Qt::LeftButton);
    CHECK(dialogs.errors.isEmpty());
    auto written = taxo::files::readAll(file.toStdString());
    REQUIRE(written.ok());
    CHECK(*written == ag::agreementCsv(study.coreAgreement()));
    CHECK(written->find("cohen_kappa,overall,reliability,,,0.48416289592760") != std::string::npos);

    // A folder that does not exist: refused with the reason through the seam.
    dialogs.pathsToReturn << toQ(study.dir.file("missing/agreement.csv"));
    CHECK_FALSE(page.exportCsv());
    REQUIRE(dialogs.errors.size() == 1);
    CHECK(dialogs.errors[0].startsWith(QStringLiteral("Export agreement: Cannot write")));
}

TEST_CASE("labels that arrive after the page was shown appear after the refresh",
          "[gui][agreement]") {
    QSettings().clear();
    taxo::test::TempDir dir;
    const std::string path = dir.file("later.taxo");
    std::map<std::string, taxo::codebook::CategoryId> ids;
    {
        AgreementStudy study(true);
        ids = study.ids;
        study.session.close(); // the WAL goes into the file before it is copied
        REQUIRE(QFile::copy(toQ(study.path), toQ(path)));
    }
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    taxo::ui::MainWindow window(dialogs);
    window.show();
    REQUIRE(window.openProject(toQ(path)));
    REQUIRE(window.showPageByTitle(QStringLiteral("Agreement")));
    auto* page = dynamic_cast<AgreementPage*>(window.currentPage());
    REQUIRE(page != nullptr);
    REQUIRE(page->current().has_value());
    CHECK(page->current()->overall.n == 19);
    auto* progressB = child<QProgressBar>(page, "coderBProgress");
    CHECK(progressB->value() == 19);

    // Both coders label post 5 (as the Coding page would), and the session says so.
    auto& db = window.session()->project()->db();
    const taxo::labels::LabelContent input{{ids["Input"]}, {}, {}, {}, {}};
    REQUIRE(taxo::labels::saveLabel(db, {2, 5, std::int64_t{1}}, input).ok());
    REQUIRE(taxo::labels::saveLabel(db, {2, 5, std::int64_t{2}}, input).ok());
    window.session()->notifyDataChanged();
    REQUIRE(page->current().has_value());
    CHECK(page->current()->overall.n == 20);
    CHECK(progressB->value() == 20);
    auto expected = ag::projectAgreement(db);
    REQUIRE(expected.ok());
    CHECK(child<QLabel>(page, "kappaValue")->text() ==
          QStringLiteral("κ = ") + fixed3(*expected->overall.kappa));
    CHECK(child<QLabel>(page, "nValue")->text().startsWith(QStringLiteral("20 of 22")));

    // And when the page is shown again after labels came in elsewhere.
    REQUIRE(window.showPageByTitle(QStringLiteral("Home")));
    REQUIRE(taxo::labels::saveLabel(db, {2, 6, std::int64_t{1}}, input).ok());
    REQUIRE(taxo::labels::saveLabel(db, {2, 6, std::int64_t{2}}, input).ok());
    REQUIRE(window.showPageByTitle(QStringLiteral("Agreement")));
    CHECK(page->current()->overall.n == 21);
}

TEST_CASE(
    "the measure choice lists the whole study, then the pair rounds, and shows the chosen one",
    "[gui][agreement]") {
    AgreementStudy study(true);
    // A second reliability round over posts 4-6, where Ann and Bo disagree once.
    REQUIRE(taxo::test::StudyBuilder(study.db())
                .round({"second look",
                        taxo::rounds::RoundKind::Reliability,
                        {},
                        {},
                        "t",
                        {4, 5, 6},
                        {1, 2}}) == 3);
    for (const std::int64_t post : {4, 5, 6})
        taxo::test::seedLabel(study.db(), 3, post, 1, {study.ids["Input"]});
    taxo::test::seedLabel(study.db(), 3, 4, 2, {study.ids["Input"]});
    taxo::test::seedLabel(study.db(), 3, 5, 2, {}, "unclear");
    taxo::test::ScriptedDialogs dialogs;
    AgreementPage page(&study.session, dialogs);
    Testers testers(page);
    page.show();
    page.refresh();
    QAbstractItemModelTester perRoundTester(page.perRoundModel(), Testers::Mode);
    QAbstractItemModelTester driftTester(page.driftModel(), Testers::Mode);
    auto* choice = child<QComboBox>(&page, "roundChoice");
    REQUIRE(choice->count() == 3);
    CHECK(page.currentRound().isEmpty());
    // The study pools both reliability rounds: 19 pairs and 2.
    const auto studyCore = study.coreAgreement();
    CHECK(page.current()->overall.n == 21);
    CHECK(studyCore.overall.n == 21);
    CHECK(child<QGroupBox>(&page, "agreementHeadline")->title() ==
          QStringLiteral("Cohen's kappa of the study: 2 reliability rounds"));
    CHECK(child<QLabel>(&page, "kappaValue")->text() ==
          QStringLiteral("κ = ") + formatOrUndefined(studyCore.overall.kappa));
    auto* tabs = page.findChild<QTabWidget*>();
    REQUIRE(tabs != nullptr);
    const auto tabIndex = [&](const QString& title) {
        for (int i = 0; i < tabs->count(); ++i)
            if (tabs->tabText(i) == title)
                return i;
        return -1;
    };
    CHECK(tabs->isTabVisible(tabIndex(QStringLiteral("Per round"))));
    REQUIRE(page.perRoundModel()->rowCount() == 2);
    checkRowShowsCore(page.perRoundModel(), 0, studyCore.rounds[0].kappa);
    checkRowShowsCore(page.perRoundModel(), 1, studyCore.rounds[1].kappa);
    CHECK(page.perRoundModel()->rowAt(1)->name == QStringLiteral("second look (Ann, Bo)"));
    // The test of kappa = 0 and Gwet's AC1, as core computes them.
    CHECK(child<QLabel>(&page, "kappaSignificance")->text() ==
          QStringLiteral("Test of κ = 0: z = ") +
              toQ(taxo::util::formatSignificant(*studyCore.overall.zNull, 3)) +
              QStringLiteral(", ") + toQ(taxo::util::pValuePhrase(*studyCore.overall.pValueNull)));
    CHECK(child<QLabel>(&page, "ac1Value")->text().startsWith(fixed3(*studyCore.ac1.ac1)));
    // Over time: one batch of the 21 pairs, in the table and the chart.
    REQUIRE(page.driftModel()->rowCount() == 1);
    checkRowShowsCore(page.driftModel(), 0, studyCore.drift[0].kappa);
    CHECK(page.driftChart()->series().size() == 1);

    choice->setCurrentIndex(choice->findData(QStringLiteral("reliability")));
    CHECK(page.currentRound() == QStringLiteral("reliability"));
    CHECK_FALSE(page.showsStudy());
    CHECK(page.current()->overall.n == 19);
    CHECK_FALSE(tabs->isTabVisible(tabIndex(QStringLiteral("Per round"))));
    CHECK(child<QGroupBox>(&page, "agreementHeadline")->title() ==
          QStringLiteral("Cohen's kappa of round reliability"));

    choice->setCurrentIndex(choice->findData(QStringLiteral("second look")));
    REQUIRE(page.current().has_value());
    const auto second = study.coreAgreement("second look");
    CHECK(page.current()->round == "second look");
    CHECK(page.current()->overall.n == second.overall.n);
    CHECK(child<QLabel>(&page, "nValue")->text() == QStringLiteral("2 of 3 posts"));
    CHECK(child<QLabel>(&page, "kappaValue")->text() ==
          QStringLiteral("κ = ") + formatOrUndefined(second.overall.kappa));
    CHECK(child<QProgressBar>(&page, "coderBProgress")->text() == QStringLiteral("2 of 3 labeled"));
    // A refresh keeps the chosen round.
    page.refresh();
    CHECK(page.currentRound() == QStringLiteral("second look"));
}

TEST_CASE("an interval past kappa's range says it is not clipped", "[gui][agreement]") {
    ag::CohenKappa kappa;
    kappa.kappa = 0.622;
    kappa.standardError = 0.265;
    kappa.ciLow = 0.102;
    kappa.ciHigh = 1.142;
    const auto past = taxo::ui::intervalText(kappa);
    CHECK(past.startsWith(QStringLiteral("95 % confidence interval 0.102 to 1.142")));
    CHECK(past.contains(QStringLiteral("unclipped")));
    kappa.ciHigh = 0.98;
    CHECK_FALSE(taxo::ui::intervalText(kappa).contains(QStringLiteral("unclipped")));
    kappa.ciLow = -1.05;
    CHECK(taxo::ui::intervalText(kappa).contains(QStringLiteral("unclipped")));
}
