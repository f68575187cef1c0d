#include "core/select/listed_set.h"
#include "core/select/selection.h"
#include "core/stats/corpus_stats.h"
#include "core/stats/describe.h"
#include "core/store/statements.h"
#include "corpus_fixture.h"
#include "tests/support/test_support.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>

using namespace taxo;

namespace {

using Five = std::array<double, 5>;

void checkBox(const std::vector<double>& x, const Five& stats, const std::vector<double>& out) {
    INFO("x has " << x.size() << " values");
    const auto box = stats::boxplotStats(x);
    CHECK(box.n == static_cast<std::int64_t>(x.size()));
    for (std::size_t i = 0; i < 5; ++i) {
        INFO("stats[" << i + 1 << "]");
        CHECK(box.stats[i] == Approx(stats[i]).margin(1e-12));
    }
    CHECK(box.outliers == out);
}

} // namespace

// Expected values follow R's definitions (grDevices::boxplot.stats, stats::fivenum):
// n4 <- floor((n + 3)/2)/2; d <- c(1, n4, (n + 1)/2, n + 1 - n4, n);
// hinges 0.5 * (x[floor(d)] + x[ceiling(d)]); out: x < h1 - 1.5 IQR | x > h2 + 1.5 IQR;
// whiskers: range of the rest. Each line's derivation is in its comment.
TEST_CASE("boxplot.stats and fivenum as R computes them", "[stats]") {
    // boxplot.stats(c(1,2,3,4,100)): $stats 1 2 3 4 4, $out 100 (given in the issue).
    checkBox({1, 2, 3, 4, 100}, {1, 2, 3, 4, 4}, {100});
    // n = 4: n4 = 1.5, d = 1, 1.5, 2.5, 3.5, 4 -> 1 1.5 2.5 3.5 4; limits -1.5, 6.5.
    checkBox({4, 3, 2, 1}, {1, 1.5, 2.5, 3.5, 4}, {});
    // n = 6: n4 = 2, d = 1, 2, 3.5, 5, 6 -> 1 2 3.5 5 6.
    checkBox({1, 2, 3, 4, 5, 6}, {1, 2, 3.5, 5, 6}, {});
    // Ties: sorted 1 5 5 5 5, hinges 5 and 5, IQR 0: 1 is out, whiskers 5 and 5.
    checkBox({5, 5, 5, 5, 1}, {5, 5, 5, 5, 5}, {1});
    // n = 8: n4 = 2.5, d = 1, 2.5, 4.5, 6.5, 8 -> 1, (1+2)/2, (2+3)/2, (3+50)/2, 60;
    // IQR 25, limits -36 and 64: no outlier.
    checkBox({1, 1, 2, 2, 3, 3, 50, 60}, {1, 1.5, 2.5, 26.5, 60}, {});
    // n = 8 with a low outlier: sorted -20 1 2 3 4 5 6 10 -> -20 1.5 3.5 5.5 10, IQR 4,
    // limits -4.5 and 11.5: -20 out, lower whisker 1.
    checkBox({10, 1, 2, 3, 4, 5, 6, -20}, {1, 1.5, 3.5, 5.5, 10}, {-20});
    // n = 7: n4 = 2.5, d = 1, 2.5, 4, 5.5, 7 -> 1 2.5 4 5.5 30; upper limit 10: 30 out.
    checkBox({1, 2, 3, 4, 5, 6, 30}, {1, 2.5, 4, 5.5, 6}, {30});
    // A value exactly on the limit is not an outlier (R uses strict < and >): 4 + 1.5 * 2 = 7.
    checkBox({1, 2, 3, 4, 7}, {1, 2, 3, 4, 7}, {});
    // Outliers on both sides with IQR 0.
    checkBox({0, 4, 4, 4, 10}, {4, 4, 4, 4, 4}, {0, 10});
    // n = 1 and n = 2: n4 = 1 -> d = 1,1,1,1,1 and 1,1,1.5,2,2.
    checkBox({7}, {7, 7, 7, 7, 7}, {});
    checkBox({1, 3}, {1, 1, 2, 3, 3}, {});

    CHECK(stats::fivenum({1, 1, 2, 2, 3, 3, 50, 60}) == Five{1, 1.5, 2.5, 26.5, 60});
    // median(c(3, 1, 2)) = 2; median(c(4, 1, 3, 2)) = 2.5; median(c(5, 5, 1, 9)) = 5.
    CHECK(stats::median({3, 1, 2}) == 2);
    CHECK(stats::median({4, 1, 3, 2}) == 2.5);
    CHECK(stats::median({5, 5, 1, 9}) == 5);
    CHECK(stats::median({42}) == 42);
    CHECK(stats::boxplotStats({1, 2, 3, 4, 100}).mean == Approx(22));
}

TEST_CASE("prop.test as R computes it, with and without Yates' correction", "[stats]") {
    // R: prop.test(c(2137, 42414), c(3023, 67646))
    //   X-squared = 78.9734, df = 1, p-value = 6.295e-19 (the issue's reference values)
    auto test = stats::propTest(2137, 3023, 42414, 67646);
    REQUIRE(test.ok());
    CHECK(test->statistic == Approx(78.9734).margin(5e-5));
    CHECK(test->df == 1);
    CHECK(test->pValue == Approx(6.295e-19).epsilon(1e-3));
    CHECK(test->estimate1 == Approx(2137.0 / 3023.0));
    CHECK(test->estimate2 == Approx(42414.0 / 67646.0));
    CHECK(test->corrected);
    CHECK_FALSE(test->approximationWarning);
    // R: prop.test(c(2137, 42414), c(3023, 67646), correct = FALSE): X-squared = 79.316
    auto plain = stats::propTest(2137, 3023, 42414, 67646, false);
    REQUIRE(plain.ok());
    CHECK(plain->statistic == Approx(79.3160).margin(5e-5));
    CHECK(plain->pValue == Approx(5.293e-19).epsilon(1e-3));

    // R: prop.test(c(15, 25), c(50, 50)): X-squared = 3.375, p-value = 0.06619;
    // by hand: p = 0.4, E = 20 30 20 30, |x - E| = 5, (5 - 0.5)^2 * (2/20 + 2/30) = 3.375.
    auto mid = stats::propTest(15, 50, 25, 50);
    REQUIRE(mid.ok());
    CHECK(mid->statistic == Approx(3.375).margin(1e-9));
    CHECK(mid->pValue == Approx(0.06619).margin(5e-6));
    // correct = FALSE: 25 * (2/20 + 2/30) = 4.1667, p-value = 0.04123.
    auto midPlain = stats::propTest(15, 50, 25, 50, false);
    CHECK(midPlain->statistic == Approx(25.0 / 6.0).margin(1e-9));
    CHECK(midPlain->pValue == Approx(0.04123).margin(5e-6));

    // The correction is clipped at |x - E| (R: YATES <- min(YATES, abs(DELTA)/sum(1/n))):
    // prop.test(c(3, 3), c(10, 11)): |x - E| = 3 - 60/21 = 0.143 < 0.5, so X-squared = 0,
    // p-value = 1, with R's warning that the approximation may be incorrect (E < 5).
    auto clipped = stats::propTest(3, 10, 3, 11);
    REQUIRE(clipped.ok());
    CHECK(clipped->statistic == Approx(0).margin(1e-12));
    CHECK(clipped->pValue == Approx(1));
    CHECK(clipped->approximationWarning);
    // correct = FALSE: (1/7)^2 * (1/(60/21) + 1/(150/21) + 1/(66/21) + 1/(165/21)) = 0.019091.
    auto clippedPlain = stats::propTest(3, 10, 3, 11, false);
    CHECK(clippedPlain->statistic == Approx(0.0190909).margin(1e-7));
}

TEST_CASE("prop.test's 95 % interval of the difference, as R reports it", "[stats]") {
    // R 4.2.2, options(digits = 17), prop.test(...)$conf.int.
    // prop.test(c(2137, 42414), c(3023, 67646)): 0.063111330994990375 0.096717234614055972
    // (the issue's 0.06311133 to 0.09671723).
    auto test = stats::propTest(2137, 3023, 42414, 67646);
    REQUIRE(test.ok());
    CHECK(test->ciLow == Approx(0.063111330994990375).epsilon(1e-12));
    CHECK(test->ciHigh == Approx(0.096717234614055972).epsilon(1e-12));
    // correct = FALSE: 0.063284121025681664 0.096544444583364683.
    auto plain = stats::propTest(2137, 3023, 42414, 67646, false);
    CHECK(plain->ciLow == Approx(0.063284121025681664).epsilon(1e-12));
    CHECK(plain->ciHigh == Approx(0.096544444583364683).epsilon(1e-12));
    // prop.test(c(15, 25), c(50, 50)): -0.4079931412322958528 0.0079931412322958306.
    auto mid = stats::propTest(15, 50, 25, 50);
    CHECK(mid->ciLow == Approx(-0.4079931412322958528).epsilon(1e-12));
    CHECK(mid->ciHigh == Approx(0.0079931412322958306).epsilon(1e-10));
    // The clipped correction: prop.test(c(3, 3), c(10, 11)):
    // -0.38721842943172335 0.44176388397717792.
    auto clipped = stats::propTest(3, 10, 3, 11);
    CHECK(clipped->ciLow == Approx(-0.38721842943172335).epsilon(1e-12));
    CHECK(clipped->ciHigh == Approx(0.44176388397717792).epsilon(1e-12));
    // R clips the interval to [-1, 1]: prop.test(c(1, 49), c(50, 50)): -1
    // -0.88512100843287844.
    auto extreme = stats::propTest(1, 50, 49, 50);
    CHECK(extreme->ciLow == -1.0);
    CHECK(extreme->ciHigh == Approx(-0.88512100843287844).epsilon(1e-12));

    // The lines as R 4.2.2's print(prop.test(...)) writes them (the interval without R's
    // padding).
    CHECK(stats::propTestLine(*test) == "X-squared = 78.973, df = 1, p-value < 2.2e-16");
    CHECK(stats::propTestInterval(*test) == "0.06311133 0.09671723");
    CHECK(stats::propTestLine(*mid) == "X-squared = 3.375, df = 1, p-value = 0.06619");
    CHECK(stats::propTestInterval(*mid) == "-0.407993141 0.007993141");
    CHECK(stats::propTestLine(*extreme) == "X-squared = 88.36, df = 1, p-value < 2.2e-16");
    CHECK(stats::propTestInterval(*extreme) == "-1.000000 -0.885121");
    auto equal = stats::propTest(1, 2, 1, 2);
    REQUIRE(equal.ok());
    CHECK(stats::propTestLine(*equal) == "X-squared = 0, df = 1, p-value = 1");
    CHECK(stats::propTestInterval(*equal) == "-0.979982 0.979982");

    CHECK_FALSE(stats::propTest(1, 0, 1, 2).ok());
    CHECK_FALSE(stats::propTest(3, 2, 1, 2).ok());
    CHECK_FALSE(stats::propTest(0, 5, 0, 7).ok()); // R: NaN; we say why instead
    CHECK(stats::chiSquareUpperTail1(3.841459) == Approx(0.05).margin(1e-7)); // qchisq(.95, 1)
}

TEST_CASE("timestamps of the dump parse to UTC milliseconds", "[stats]") {
    using stats::parseUtcMillis;
    CHECK(parseUtcMillis("1970-01-01T00:00:00.000") == 0);
    CHECK(parseUtcMillis("1970-01-02T00:00:01.5Z") == 86401500);
    CHECK(*parseUtcMillis("2021-04-27T15:06:44.553") - *parseUtcMillis("2021-04-27T15:05:44.553") ==
          60000);
    // 2020 is a leap year: 29 February exists and 1 March is 2 days after 28 February.
    CHECK(*parseUtcMillis("2020-03-01T00:00:00") - *parseUtcMillis("2020-02-28T00:00:00") ==
          2 * 86400000);
    CHECK_FALSE(parseUtcMillis("2021-04-27"));
    CHECK_FALSE(parseUtcMillis("2021-13-01T00:00:00"));
    CHECK_FALSE(parseUtcMillis("2021-04-27T15:06:44+02:00"));
    CHECK_FALSE(parseUtcMillis("garbage"));
}

namespace {

test::TestPost post(std::vector<std::string> tags, std::optional<std::string> created,
                    std::optional<std::string> owner, bool accepted,
                    std::optional<std::string> acceptedCreated) {
    test::TestPost p;
    p.title = "q";
    p.tags = std::move(tags);
    p.created = created.value_or("");
    p.owner = std::move(owner);
    if (accepted)
        p.acceptedId = "a";
    p.acceptedCreated = std::move(acceptedCreated);
    return p;
}

// Nine questions; every figure below is counted by hand from this list.
void addStatsPosts(Project& project) {
    using test::addPost;
    addPost(project,
            post({"a"}, "2019-03-01T10:00:00.000", "1", true, "2019-03-01T11:30:00.000")); // 90 min
    addPost(project, post({"a"}, "2019-05-01T00:00:00.000", "1", false, std::nullopt));
    addPost(project, post({"a"}, "2020-01-01T00:00:00.000", std::nullopt, true,
                          "2020-01-02T00:00:00.000")); // 1440
    addPost(project,
            post({"a", "b"}, "2020-06-01T00:00:00.000Z", "2", true, std::nullopt)); // no date
    addPost(project,
            post({"b"}, "2018-12-31T23:59:59.999", "3", true, "2019-01-01T00:00:59.999")); // 1
    addPost(project, post({}, "2019-02-02T00:00:00.000", "4", false, std::nullopt));
    addPost(project,
            post({}, "2019-02-03T00:00:00.000", "4", true, "2019-02-03T00:30:00.000")); // 30
    addPost(project, post({}, "2020-07-07T07:07:07.070", "5", false, std::nullopt));
    addPost(project, post({}, std::nullopt, "6", false, std::nullopt)); // no date: in no figure
    auto& db = project.db();
    REQUIRE(db.exec("UPDATE posts SET created = NULL WHERE created = ''").ok());
    auto rules = select::parseRules(R"({"sets": [{"name": "A", "clauses": [{"tags_any": ["a"]}]},
                                                 {"name": "B", "clauses": [{"tags_any": ["b"]}]}]})");
    REQUIRE(rules.ok());
    REQUIRE(select::selectSets(project, *rules).ok());
}

const stats::YearFigures* yearOf(const stats::GroupStats& group, int year) {
    for (const auto& figures : group.years)
        if (figures.year == year)
            return &figures;
    return nullptr;
}

} // namespace

TEST_CASE("per set, union and baseline: questions, askers, no owner, accepted, times", "[stats]") {
    test::TempDir dir;
    auto project = Project::create(dir.file("p.taxo"), "t");
    REQUIRE(project.ok());
    addStatsPosts(*project);
    auto result = stats::computeStats(*project);
    INFO((result.ok() ? "" : result.message()));
    REQUIRE(result.ok());
    REQUIRE(result->groups.size() == 4);
    CHECK(result->questionsWithoutDate == 1);

    const auto& a = result->groups[0];
    CHECK(a.name == "A");
    CHECK(a.kind == stats::GroupKind::Set);
    REQUIRE(a.years.size() == 2);
    const auto* a2019 = yearOf(a, 2019);
    REQUIRE(a2019);
    CHECK(a2019->questions == 2);
    CHECK(a2019->askers == 1); // owner 1 asked both
    CHECK(a2019->noOwner == 0);
    CHECK(a2019->noAccepted == 1);
    CHECK(a2019->withAccepted == 1);
    CHECK(a2019->medianMinutesToAccept == Approx(90));
    const auto* a2020 = yearOf(a, 2020);
    REQUIRE(a2020);
    CHECK(a2020->questions == 2);
    CHECK(a2020->askers == 1); // the question without owner adds no asker
    CHECK(a2020->noOwner == 1);
    CHECK(a2020->withAccepted == 2);
    CHECK(a2020->medianMinutesToAccept == Approx(1440)); // the other accepted answer has no date
    CHECK(a.total.questions == 4);
    CHECK(a.total.askers == 2);
    CHECK(a.total.noOwner == 1);
    CHECK(a.acceptedWithoutDate == 1);
    CHECK(a.shareNoAccepted == Approx(0.25));
    REQUIRE(a.minutesToAccept);
    CHECK(a.minutesToAccept->n == 2);

    const auto& b = result->groups[1];
    CHECK(b.total.questions == 2);
    CHECK(b.total.askers == 2);
    REQUIRE(yearOf(b, 2018)); // by the question's date, although answered in 2019
    CHECK(yearOf(b, 2018)->medianMinutesToAccept == Approx(1));
    CHECK_FALSE(yearOf(b, 2020)->medianMinutesToAccept);

    const auto& all = result->groups[2];
    CHECK(all.kind == stats::GroupKind::Union);
    CHECK(all.name == "All sets");
    CHECK(all.total.questions == 5); // post 4 is in both sets and counts once
    CHECK(all.total.askers == 3);
    CHECK(all.total.noAccepted == 1);
    CHECK(all.total.withAccepted == 4);
    CHECK(all.total.medianMinutesToAccept == Approx(90));
    REQUIRE(all.minutesToAccept);
    // boxplot.stats(c(1, 90, 1440)): n4 = 1.5 -> 1, 45.5, 90, 765, 1440; no outlier.
    CHECK(all.minutesToAccept->stats == Five{1, 45.5, 90, 765, 1440});
    CHECK(all.minutesToAccept->outliers.empty());

    const auto& baseline = result->groups[3];
    CHECK(baseline.kind == stats::GroupKind::Baseline);
    CHECK(baseline.total.questions == 3);
    CHECK(baseline.total.askers == 2);
    CHECK(baseline.total.noAccepted == 2);
    CHECK(yearOf(baseline, 2019)->medianMinutesToAccept == Approx(30));

    // prop.test(c(1, 2), c(5, 3)): p = 3/8, |x - E| = 0.875, Yates 0.5,
    // 0.375^2 * (1/1.875 + 1/3.125 + 1/1.125 + 1/1.875) = 0.32.
    REQUIRE(result->difficultyTest);
    CHECK(result->difficultyTest->x1 == 1);
    CHECK(result->difficultyTest->n1 == 5);
    CHECK(result->difficultyTest->x2 == 2);
    CHECK(result->difficultyTest->n2 == 3);
    CHECK(result->difficultyTest->statistic == Approx(0.32).margin(1e-12));

    stats::StatsOptions only2019;
    only2019.fromYear = 2019;
    only2019.toYear = 2019;
    only2019.yates = false;
    auto year = stats::computeStats(*project, only2019);
    REQUIRE(year.ok());
    CHECK(year->groups[2].total.questions == 2);
    CHECK(year->groups[3].total.questions == 2);
    CHECK(year->groups[1].total.questions == 0);
    CHECK_FALSE(year->groups[1].shareNoAccepted);
    REQUIRE(year->difficultyTest);
    CHECK_FALSE(year->difficultyTest->corrected);

    only2019.fromYear = 2021;
    auto reversed = stats::computeStats(*project, only2019);
    REQUIRE_FALSE(reversed.ok());
    CHECK_THAT(reversed.message(), Catch::Contains("--from 2021 is after --to 2019"));
}

TEST_CASE("statistics without sets have no test and say why", "[stats]") {
    test::TempDir dir;
    auto project = Project::create(dir.file("p.taxo"), "t");
    REQUIRE(project.ok());
    auto result = stats::computeStats(*project);
    REQUIRE(result.ok());
    REQUIRE(result->groups.size() == 2);
    CHECK(result->groups[1].total.questions == 0);
    CHECK_FALSE(result->difficultyTest);
    CHECK_THAT(result->difficultyTestNote, Catch::Contains("no sets"));
}

TEST_CASE("a population set makes the baseline its questions in no other set", "[stats]") {
    test::TempDir dir;
    auto project = Project::create(dir.file("p.taxo"), "t");
    REQUIRE(project.ok());
    addStatsPosts(*project);
    // P (the paper's set B) holds posts 1, 2, 5 and 6; posts 3 and 4 are in set A only, as
    // the paper's TF Lite questions are in D without being in B.
    auto& db = project->db();
    REQUIRE(sql::inTransaction(db, [&] {
                return select::insertListedSet(db, {"P", "P", {1, 2, 5, 6}, "{}", "x"});
            }).ok());
    stats::StatsOptions options;
    options.population = "P";
    auto result = stats::computeStats(*project, options);
    INFO((result.ok() ? "" : result.message()));
    REQUIRE(result.ok());
    REQUIRE(result->groups.size() == 4); // A, B, All sets, Baseline: P is no group
    CHECK(result->groups[0].name == "A");
    CHECK(result->groups[1].name == "B");
    CHECK(result->groups[2].total.questions == 5); // posts 1 to 5
    CHECK(result->groups[3].total.questions == 1); // post 6
    CHECK(result->outsidePopulation == 2);         // posts 7 and 8
    CHECK(result->questionsWithoutDate == 1);      // post 9
    REQUIRE(result->difficultyTest);
    CHECK(result->difficultyTest->n2 == 1);

    options.population = "B2";
    auto unknown = stats::computeStats(*project, options);
    REQUIRE_FALSE(unknown.ok());
    CHECK_THAT(unknown.message(), Catch::Contains("population 'B2' is not a set"));
    CHECK_THAT(unknown.message(), Catch::Contains("'A', 'B', 'P'"));
}

TEST_CASE("statistics as CSV: one row per group and year, and a total", "[stats]") {
    test::TempDir dir;
    auto project = Project::create(dir.file("p.taxo"), "t");
    REQUIRE(project.ok());
    addStatsPosts(*project);
    auto result = stats::computeStats(*project);
    REQUIRE(result.ok());
    result->groups[0].name = "A, \"quoted\"";
    const std::string csv = stats::toCsv(*result);
    CHECK(csv.rfind("group,kind,year,questions,askers,no_owner,no_accepted,with_accepted,"
                    "share_no_accepted,median_minutes_to_accept,box_n,box_whisker_low,"
                    "box_hinge_low,box_median,box_hinge_high,box_whisker_high,box_outliers,"
                    "box_mean,prop_test_statistic,prop_test_df,prop_test_p_value,"
                    "prop_test_ci_low,prop_test_ci_high\r\n",
                    0) == 0);
    const std::string yearTail = ",,,,,,,,,,,,,";
    CHECK_THAT(csv, Catch::Contains("\"A, \"\"quoted\"\"\",set,2019,2,1,0,1,1,0.5,90" + yearTail +
                                    "\r\n"));
    CHECK_THAT(csv, Catch::Contains("\r\nB,set,2020,1,1,0,0,1,0," + yearTail + "\r\n"));
    // The union's total row carries its box plot and the proportion test, each number as
    // core computed it (17 significant digits).
    const auto number = [](double value) {
        char text[40];
        std::snprintf(text, sizeof text, "%.17g", value);
        return std::string(text);
    };
    const auto& unionGroup = result->groups[2];
    REQUIRE(unionGroup.kind == stats::GroupKind::Union);
    REQUIRE(unionGroup.minutesToAccept.has_value());
    REQUIRE(result->difficultyTest.has_value());
    const auto& box = *unionGroup.minutesToAccept;
    const auto& t = *result->difficultyTest;
    CHECK_THAT(csv, Catch::Contains("\r\nAll sets,union,all,5,3,1,1,4,0.20000000000000001,90," +
                                    std::to_string(box.n) + "," + number(box.stats[0]) + "," +
                                    number(box.stats[1]) + "," + number(box.stats[2]) + "," +
                                    number(box.stats[3]) + "," + number(box.stats[4]) + "," +
                                    std::to_string(box.outliers.size()) + "," + number(box.mean) +
                                    "," + number(t.statistic) + ",1," + number(t.pValue) + "," +
                                    number(t.ciLow) + "," + number(t.ciHigh) + "\r\n"));
    // 2 (A) + 2 (B) + 3 (union) + 2 (baseline) year rows, 4 totals, 1 header.
    CHECK(std::count(csv.begin(), csv.end(), '\n') == 14);
}
