// The Statistics page's charts, on the offscreen platform: the box plots draw every
// outlier core counts, in the unit chosen, on an axis that reaches them; the per-year
// chart tells questions from askers and shows only years with questions in a set.

#include "child_widget.h"
#include "core/select/rules.h"
#include "core/select/selection.h"
#include "scripted_dialogs.h"
#include "tests/core/corpus_fixture.h"
#include "tests/support/test_support.h"
#include "ui/session/project_session.h"
#include "ui/statistics/statistics_page.h"

#include <QBarCategoryAxis>
#include <QBoxPlotSeries>
#include <QBoxSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QSettings>
#include <QSpinBox>
#include <QTest>
#include <QValueAxis>
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

using taxo::test::child;

namespace {

// A question asked at `created` whose accepted answer came `minutes` later.
taxo::test::TestPost answered(const std::string& tag, const QString& created, double minutes,
                              std::string owner) {
    taxo::test::TestPost post;
    post.title = "q";
    post.tags = {tag};
    post.created = created.toStdString();
    post.owner = std::move(owner);
    post.acceptedId = "9";
    const auto at = QDateTime::fromString(created, Qt::ISODateWithMs)
                        .addMSecs(static_cast<qint64>(std::llround(minutes * 60000)));
    post.acceptedCreated = at.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")).toStdString();
    return post;
}

// Set "mobile" (tag m): 2017 and 2020; set "web" (tag w): 2019 and 2020; the baseline's
// only questions are of 2018, a year without questions in any set. mobile's times are
// 10, 20, ..., 80, 5,000 and 105,789 minutes: hinges 30 and 80, so the last two are
// outliers.
std::string makeStudy(const taxo::test::TempDir& dir) {
    const auto path = dir.file("charts.taxo");
    auto project = taxo::Project::create(path, "charts");
    REQUIRE(project.ok());
    std::vector<taxo::test::TestPost> posts;
    const double mobileMinutes[] = {10, 20, 30, 40, 50, 60, 70, 80, 5000, 105789};
    int i = 0;
    for (const double minutes : mobileMinutes) {
        const QString created = i < 4 ? QStringLiteral("2017-03-01T10:00:00.000")
                                      : QStringLiteral("2020-03-01T10:00:00.000");
        // Two questions per asker: askers are half the questions.
        posts.push_back(answered("m", created, minutes, std::to_string(i / 2)));
        ++i;
    }
    for (int k = 0; k < 6; ++k)
        posts.push_back(answered("w",
                                 k < 3 ? QStringLiteral("2019-05-01T00:00:00.000")
                                       : QStringLiteral("2020-05-01T00:00:00.000"),
                                 60.0 * (k + 1), "w" + std::to_string(k % 2)));
    for (int k = 0; k < 5; ++k)
        posts.push_back(answered("x", QStringLiteral("2018-01-01T00:00:00.000"), 100.0 + k,
                                 "b" + std::to_string(k)));
    taxo::test::addPosts(*project, posts);
    auto rules = taxo::select::parseRules(R"({"sets": [
        {"name": "mobile", "clauses": [{"tags_any": ["m"]}]},
        {"name": "web", "clauses": [{"tags_any": ["w"]}]}]})");
    REQUIRE(rules.ok());
    REQUIRE(taxo::select::selectSets(*project, *rules).ok());
    return path;
}

template <typename T> T* seriesNamed(QChart* chart, const QString& name) {
    for (auto* series : chart->series())
        if (auto* typed = qobject_cast<T*>(series); typed && typed->name() == name)
            return typed;
    return nullptr;
}

QBoxSet* boxOf(QChart* chart, const QString& group) {
    for (auto* series : chart->series())
        if (auto* boxes = qobject_cast<QBoxPlotSeries*>(series))
            for (auto* set : boxes->boxSets())
                if (set->label() == group)
                    return set;
    return nullptr;
}

// 1, 2 or 5 times a power of ten.
bool isRoundStep(double step) {
    const double digit = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
    return std::abs(digit - 1) < 1e-9 || std::abs(digit - 2) < 1e-9 || std::abs(digit - 5) < 1e-9;
}

struct Page {
    taxo::test::TempDir dir;
    taxo::ui::ProjectSession session;
    taxo::test::ScriptedDialogs dialogs;
    std::unique_ptr<taxo::ui::StatisticsPage> page;

    Page() {
        QSettings().clear();
        REQUIRE(session.open(QString::fromStdString(makeStudy(dir))).isEmpty());
        page = std::make_unique<taxo::ui::StatisticsPage>(&session, dialogs);
        page->resize(1100, 700);
        page->show();
        page->recompute();
        REQUIRE(QTest::qWaitFor([&] { return !page->busy() && page->current(); }, 20000));
    }
    QChart* boxChart() { return child<QChartView>(*page, "boxChart")->chart(); }
    QChart* yearChart() { return child<QChartView>(*page, "yearsChart")->chart(); }
};

QStringList categoriesOf(QChart* chart) {
    const auto axes = chart->axes(Qt::Horizontal);
    REQUIRE(axes.size() == 1);
    auto* categories = qobject_cast<QBarCategoryAxis*>(axes.front());
    REQUIRE(categories);
    return categories->categories();
}

} // namespace

TEST_CASE("box plots draw every outlier core counts, in hours by default", "[gui][statistics]") {
    Page f;
    const auto& stats = *f.page->current();
    const auto& mobile = stats.groups[0];
    REQUIRE(mobile.name == "mobile");
    REQUIRE(mobile.minutesToAccept);
    // boxplot.stats(c(10, 20, 30, 40, 50, 60, 70, 80, 5000, 105789)): out 5000 105789.
    CHECK(mobile.minutesToAccept->outliers == std::vector<double>{5000, 105789});

    auto* unit = child<QComboBox>(*f.page, "timeUnit");
    CHECK(unit->currentText() == QStringLiteral("hours"));
    QChart* chart = f.boxChart();
    double largest = 0;
    for (const auto& group : stats.groups) {
        REQUIRE(group.minutesToAccept);
        const QString name = QString::fromStdString(group.name);
        INFO(group.name);
        auto* outliers = seriesNamed<QScatterSeries>(chart, name + QStringLiteral(": outliers"));
        REQUIRE(outliers);
        CHECK(outliers->count() == std::ssize(group.minutesToAccept->outliers));
        for (const double minutes : group.minutesToAccept->outliers)
            largest = std::max(largest, minutes / 60);
        auto* box = boxOf(chart, name);
        REQUIRE(box);
        CHECK(box->at(QBoxSet::Median) == Approx(group.minutesToAccept->stats[2] / 60));
        CHECK(box->at(QBoxSet::UpperExtreme) == Approx(group.minutesToAccept->stats[4] / 60));
    }
    // The outliers sit at their group's box: mobile is the first category.
    auto* mobileOutliers = seriesNamed<QScatterSeries>(chart, QStringLiteral("mobile: outliers"));
    CHECK(mobileOutliers->at(1) == QPointF(0, 105789.0 / 60));
    // mobile's median, (50 + 60) / 2 = 55 minutes, in hours.
    CHECK(boxOf(chart, QStringLiteral("mobile"))->at(QBoxSet::Median) == Approx(55.0 / 60));

    auto* axis = qobject_cast<QValueAxis*>(chart->axes(Qt::Vertical).value(0));
    REQUIRE(axis);
    CHECK(axis->max() >= largest);
    CHECK(axis->min() == 0);
    CHECK(axis->titleText().contains(QStringLiteral("hours")));
    CHECK(axis->tickType() == QValueAxis::TicksDynamic);
    CHECK(isRoundStep(axis->tickInterval()));
    // 1763.15 hours: ticks of 500 up to 2,000.
    CHECK(axis->tickInterval() == 500);
    CHECK(axis->max() == 2000);

    SECTION("minutes and days scale every value") {
        unit->setCurrentIndex(unit->findText(QStringLiteral("minutes")));
        chart = f.boxChart();
        CHECK(boxOf(chart, QStringLiteral("mobile"))->at(QBoxSet::Median) == Approx(55));
        axis = qobject_cast<QValueAxis*>(chart->axes(Qt::Vertical).value(0));
        REQUIRE(axis);
        CHECK(axis->max() >= 105789);
        CHECK(axis->titleText().contains(QStringLiteral("minutes")));
        CHECK(isRoundStep(axis->tickInterval()));
        unit->setCurrentIndex(unit->findText(QStringLiteral("days")));
        chart = f.boxChart();
        CHECK(seriesNamed<QScatterSeries>(chart, QStringLiteral("mobile: outliers"))->at(1).y() ==
              Approx(105789.0 / 1440));
        CHECK(chart->axes(Qt::Vertical).value(0)->titleText().contains(QStringLiteral("days")));
    }
    SECTION("the log scale spans whole decades and keeps the outliers") {
        auto* log = child<QCheckBox>(*f.page, "logScale");
        CHECK(log->text().contains(QStringLiteral("Log scale")));
        log->setChecked(true);
        chart = f.boxChart();
        auto* logAxis = qobject_cast<QLogValueAxis*>(chart->axes(Qt::Vertical).value(0));
        REQUIRE(logAxis);
        CHECK(logAxis->titleText().contains(QStringLiteral("hours, log scale")));
        // mobile's shortest time, 10 minutes, is 0.167 hours: the axis runs from 0.1 to
        // 10,000 (1763 hours).
        CHECK(logAxis->min() == Approx(0.1));
        CHECK(logAxis->max() == Approx(10000));
        CHECK(logAxis->max() >= largest);
        for (const auto& group : stats.groups)
            CHECK(seriesNamed<QScatterSeries>(chart, QString::fromStdString(group.name) +
                                                         QStringLiteral(": outliers"))
                      ->count() == std::ssize(group.minutesToAccept->outliers));
    }
}

TEST_CASE("the per-year chart tells questions from askers and shows the years with questions",
          "[gui][statistics]") {
    Page f;
    QChart* chart = f.yearChart();
    auto* questions = seriesNamed<QLineSeries>(chart, QStringLiteral("mobile: questions"));
    auto* askers = seriesNamed<QLineSeries>(chart, QStringLiteral("mobile: askers"));
    REQUIRE(questions);
    REQUIRE(askers);
    CHECK(questions->color() != askers->color());
    CHECK(questions->pen().style() != askers->pen().style());
    auto* questionMarks = seriesNamed<QScatterSeries>(chart, QStringLiteral("mobile: questions"));
    auto* askerMarks = seriesNamed<QScatterSeries>(chart, QStringLiteral("mobile: askers"));
    REQUIRE(questionMarks);
    REQUIRE(askerMarks);
    CHECK(questionMarks->markerShape() != askerMarks->markerShape());
    CHECK(questionMarks->color() == questions->color());
    CHECK(askerMarks->color() == askers->color());
    // The other set has colours of its own.
    auto* webQuestions = seriesNamed<QLineSeries>(chart, QStringLiteral("web: questions"));
    REQUIRE(webQuestions);
    CHECK(webQuestions->color() != questions->color());
    CHECK(webQuestions->color() != askers->color());

    // 2018 has questions only in the baseline: no set's year, so not on the axis.
    CHECK(categoriesOf(chart) ==
          QStringList{QStringLiteral("2017"), QStringLiteral("2019"), QStringLiteral("2020")});
    // mobile: 4 questions by 2 askers in 2017, none in 2019, 6 by 3 in 2020.
    REQUIRE(questions->count() == 3);
    CHECK(questions->at(0).y() == 4);
    CHECK(questions->at(1).y() == 0);
    CHECK(questions->at(2).y() == 6);
    CHECK(askers->at(2).y() == 3);
    auto* counts = qobject_cast<QValueAxis*>(chart->axes(Qt::Vertical).value(0));
    REQUIRE(counts);
    CHECK(counts->max() >= 6);
    CHECK(isRoundStep(counts->tickInterval()));

    auto* from = child<QSpinBox>(*f.page, "shownFromYear");
    auto* to = child<QSpinBox>(*f.page, "shownToYear");
    CHECK(from->value() == 2017);
    CHECK(to->value() == 2020);
    CHECK(from->minimum() == 2017);
    CHECK(to->maximum() == 2020);

    from->setValue(2019);
    chart = f.yearChart();
    CHECK(categoriesOf(chart) == QStringList{QStringLiteral("2019"), QStringLiteral("2020")});
    CHECK(seriesNamed<QLineSeries>(chart, QStringLiteral("mobile: questions"))->count() == 2);
    to->setValue(2019);
    chart = f.yearChart();
    CHECK(categoriesOf(chart) == QStringList{QStringLiteral("2019")});
    CHECK(seriesNamed<QLineSeries>(chart, QStringLiteral("web: askers"))->count() == 1);
    // Moving one end past the other takes the other along.
    from->setValue(2020);
    CHECK(to->value() == 2020);
    CHECK(categoriesOf(f.yearChart()) == QStringList{QStringLiteral("2020")});

    // A narrowed range stays when the statistics are computed again.
    f.page->recompute();
    REQUIRE(QTest::qWaitFor([&] { return !f.page->busy(); }, 20000));
    CHECK(from->value() == 2020);
    CHECK(categoriesOf(f.yearChart()) == QStringList{QStringLiteral("2020")});
}
