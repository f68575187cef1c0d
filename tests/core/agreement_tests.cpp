// Agreement statistics against published or independently computed reference values.
// Every expected number names where it comes from; none is derived from this code.
// "statsmodels 0.13.5", "scikit-learn 1.2.1" and "NLTK 3.8" are the Debian 12 packages
// python3-statsmodels, python3-sklearn and python3-nltk, run on the data shown.

#include "core/agreement/cohen_kappa.h"
#include "core/agreement/krippendorff_alpha.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace taxo::agreement;

namespace {

LabelValue code(int v) {
    return LabelValue::nominal(std::to_string(v));
}

std::vector<RatedItem> pairs(const std::vector<int>& a, const std::vector<int>& b) {
    REQUIRE(a.size() == b.size());
    std::vector<RatedItem> items;
    for (std::size_t i = 0; i < a.size(); ++i)
        items.push_back({code(a[i]), code(b[i])});
    return items;
}

// Expands a contingency table (rows coder A, columns coder B, values 1..k) into items.
std::vector<RatedItem> fromTable(const std::vector<std::vector<int>>& table) {
    std::vector<RatedItem> items;
    for (std::size_t i = 0; i < table.size(); ++i)
        for (std::size_t j = 0; j < table[i].size(); ++j)
            for (int c = 0; c < table[i][j]; ++c)
                items.push_back({code(static_cast<int>(i) + 1), code(static_cast<int>(j) + 1)});
    return items;
}

// Repeats value v count times, for the scikit-learn label vectors.
void repeat(std::vector<int>& out, int v, int count) {
    out.insert(out.end(), static_cast<std::size_t>(count), v);
}

LabelValue set(std::initializer_list<std::int64_t> ids) {
    return LabelValue::categories(ids).value();
}

} // namespace

TEST_CASE("label values: a set of categories, or a special value", "[agreement]") {
    CHECK(set({5, 3, 5}).key() == "{3,5}");
    CHECK(set({5, 3}) == set({3, 5}));
    CHECK(set({3}) != set({3, 5}));
    CHECK(set({3, 5}).contains(5));
    CHECK_FALSE(set({3, 5}).contains(4));
    const auto empty = LabelValue::categories(std::vector<std::int64_t>{});
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.message().find("at least one category") != std::string::npos);
    CHECK(LabelValue::special(SpecialValue::FalsePositive).key() == "false_positive");
    // A nominal code spelled like a special value is still a different value.
    CHECK(LabelValue::special(SpecialValue::Unclear) != LabelValue::nominal("unclear"));
    CHECK_FALSE(LabelValue::special(SpecialValue::Pending).contains(1));
}

TEST_CASE("Cohen's kappa: statsmodels' SAS example, with ASE and interval", "[agreement]") {
    // statsmodels/stats/tests/test_inter_rater.py, table10 = [[0,4,1],[0,8,0],[0,1,5]],
    // UnweightedCohens: SAS PROC FREQ printout kappa 0.4842, ASE 0.1380, 95 % CI
    // 0.2137..0.7547, ASE under H0 0.1484. Full precision from statsmodels 0.13.5
    // cohens_kappa(table10): kappa 0.48416289592760187, std_kappa 0.1380135783058146,
    // kappa_low 0.21366125307070666, kappa_upp 0.754664538784497,
    // std_kappa0 0.1483982818901329.
    const auto r = cohensKappa(fromTable({{0, 4, 1}, {0, 8, 0}, {0, 1, 5}}));
    REQUIRE(r.kappa);
    CHECK(r.n == 19);
    CHECK(r.agreements == 13); // the table's diagonal 0 + 8 + 5
    CHECK(r.observed == Approx(13.0 / 19.0).epsilon(1e-12));
    CHECK(r.percentAgreement == Approx(100.0 * 13.0 / 19.0).epsilon(1e-12));
    CHECK(*r.kappa == Approx(0.48416289592760187).epsilon(1e-12));
    CHECK(*r.standardError == Approx(0.1380135783058146).epsilon(1e-12));
    CHECK(*r.ciLow == Approx(0.21366125307070666).epsilon(1e-12));
    CHECK(*r.ciHigh == Approx(0.754664538784497).epsilon(1e-12));
    CHECK(*r.standardErrorNull == Approx(0.1483982818901329).epsilon(1e-12));
    // SAS's printed z = kappa / ASE under H0 = 3.2626 (same test file).
    CHECK(*r.kappa / *r.standardErrorNull == Approx(3.2626).margin(5e-5));
    // pe is what kappa = (po - pe) / (1 - pe) implies for the reference kappa.
    const double k = 0.48416289592760187;
    CHECK(r.expected == Approx((13.0 / 19.0 - k) / (1.0 - k)).epsilon(1e-12));
}

TEST_CASE("Cohen's kappa: the confusion table of the SAS example", "[agreement]") {
    const auto r = cohensKappa(fromTable({{0, 4, 1}, {0, 8, 0}, {0, 1, 5}}));
    // The non-zero cells of table10, in row-major value order.
    REQUIRE(r.confusion.size() == 5);
    const std::vector<std::tuple<std::string, std::string, std::size_t>> expected = {
        {"1", "2", 4}, {"1", "3", 1}, {"2", "2", 8}, {"3", "2", 1}, {"3", "3", 5}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CHECK(r.confusion[i].a.key() == std::get<0>(expected[i]));
        CHECK(r.confusion[i].b.key() == std::get<1>(expected[i]));
        CHECK(r.confusion[i].count == std::get<2>(expected[i]));
    }
}

TEST_CASE("Cohen's kappa: scikit-learn's cohen_kappa_score cases", "[agreement]") {
    // sklearn/metrics/tests/test_classification.py::test_cohen_kappa.
    std::vector<int> y1;
    std::vector<int> y2;
    // Artstein & Poesio (2008) Table 1, [[20, 20], [10, 50]]: sklearn asserts 0.348
    // (3 decimals); cohen_kappa_score gives 0.34782608695652173. statsmodels 0.13.5
    // cohens_kappa([[20,20],[10,50]]).std_kappa = 0.09500818051515363.
    repeat(y1, 0, 40);
    repeat(y1, 1, 60);
    repeat(y2, 0, 20);
    repeat(y2, 1, 20);
    repeat(y2, 0, 10);
    repeat(y2, 1, 50);
    auto r = cohensKappa(pairs(y1, y2));
    REQUIRE(r.kappa);
    CHECK(*r.kappa == Approx(0.348).margin(5e-4));
    CHECK(*r.kappa == Approx(0.34782608695652173).epsilon(1e-12));
    CHECK(*r.standardError == Approx(0.09500818051515363).epsilon(1e-12));
    // sklearn asserts symmetry: kappa(y1, y2) == kappa(y2, y1).
    const auto swapped = cohensKappa(pairs(y2, y1));
    CHECK(*swapped.kappa == Approx(*r.kappa).epsilon(1e-14));

    // Artstein & Poesio Table 4, multiclass: sklearn asserts 0.8013 (4 decimals);
    // cohen_kappa_score gives 0.8013245033112583; statsmodels std_kappa on the same
    // table 0.05197329227635474.
    y1.clear();
    y2.clear();
    repeat(y1, 0, 46);
    repeat(y1, 1, 44);
    repeat(y1, 2, 10);
    repeat(y2, 0, 52);
    repeat(y2, 1, 32);
    repeat(y2, 2, 16);
    r = cohensKappa(pairs(y1, y2));
    CHECK(*r.kappa == Approx(0.8013).margin(5e-5));
    CHECK(*r.kappa == Approx(0.8013245033112583).epsilon(1e-12));
    CHECK(*r.standardError == Approx(0.05197329227635474).epsilon(1e-12));

    // The weighting example, unweighted: sklearn asserts 0.9315; cohen_kappa_score gives
    // 0.9315068493150684; statsmodels std_kappa 0.03371871914942277, std_kappa0
    // 0.08002568080960697.
    y1.clear();
    y2.clear();
    repeat(y1, 0, 46);
    repeat(y1, 1, 44);
    repeat(y1, 2, 10);
    repeat(y2, 0, 50);
    repeat(y2, 1, 40);
    repeat(y2, 2, 10);
    r = cohensKappa(pairs(y1, y2));
    CHECK(*r.kappa == Approx(0.9315).margin(5e-5));
    CHECK(*r.kappa == Approx(0.9315068493150684).epsilon(1e-12));
    CHECK(*r.standardError == Approx(0.03371871914942277).epsilon(1e-12));
    CHECK(*r.standardErrorNull == Approx(0.08002568080960697).epsilon(1e-12));
}

TEST_CASE("Cohen's kappa: R irr diagnoses, raters 1 and 2", "[agreement]") {
    // irr's diagnoses (Fleiss 1971) as transcribed in statsmodels' test_inter_rater.py
    // (diagnoses[:, 0] and [:, 1]; that transcription reproduces irr's
    // kappam.fleiss(diagnoses) = 0.4302445 there). irr kappa2(diagnoses[, 1:2]) prints
    // Kappa = 0.651, z = 7 (kappa2 of irr's R/kappa2.R run under R 4.2.2; 0.651 is also
    // the value quoted for kappa2(diagnoses[, c("rater1", "rater2")]) in L. Curini's
    // 2022 inter-coder reliability lab script). Full precision: statsmodels 0.13.5
    // cohens_kappa(to_table(diagnoses[:, :2])[0]) kappa 0.6511627906976744, std_kappa
    // 0.0996826561268852, std_kappa0 0.09307017954109957; sklearn agrees on kappa.
    const std::vector<int> r1 = {4, 2, 2, 5, 2, 1, 3, 1, 1, 5, 1, 1, 2, 1, 2,
                                 3, 1, 1, 2, 1, 5, 2, 2, 1, 1, 2, 1, 2, 1, 5};
    const std::vector<int> r2 = {4, 2, 3, 5, 2, 1, 3, 1, 1, 5, 4, 2, 2, 4, 2,
                                 3, 1, 1, 2, 3, 5, 4, 2, 1, 4, 2, 1, 2, 3, 5};
    const auto r = cohensKappa(pairs(r1, r2));
    REQUIRE(r.kappa);
    CHECK(r.n == 30);
    CHECK(*r.kappa == Approx(0.651).margin(5e-4));
    CHECK(*r.kappa / *r.standardErrorNull == Approx(7.0).margin(0.05));
    CHECK(*r.kappa == Approx(0.6511627906976744).epsilon(1e-12));
    CHECK(*r.standardError == Approx(0.0996826561268852).epsilon(1e-12));
    CHECK(*r.standardErrorNull == Approx(0.09307017954109957).epsilon(1e-12));
}

TEST_CASE("Cohen's kappa: R irr anxiety, unweighted on ordinal data", "[agreement]") {
    // irr's anxiety as transcribed in statsmodels' test_inter_rater.py (reshape(20, 3,
    // order='F')). Unweighted kappa treats the 1-6 scores as nominal codes.
    const std::vector<int> r1 = {3, 3, 3, 4, 5, 5, 2, 3, 5, 2, 2, 6, 1, 5, 2, 2, 1, 2, 4, 3};
    const std::vector<int> r2 = {3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4};
    const std::vector<int> r3 = {2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2};

    // Raters 2 and 3: statsmodels' test file records irr output for
    // kappa2(anxiety[, 2:3]): Kappa = -0.006289308, z = -0.0604067.
    const auto r23 = cohensKappa(pairs(r2, r3));
    REQUIRE(r23.kappa);
    CHECK(*r23.kappa == Approx(-0.006289308).margin(5e-10));
    CHECK(*r23.kappa / *r23.standardErrorNull == Approx(-0.0604067).margin(5e-8));
    // statsmodels 0.13.5 std_kappa on the same table: 0.10157283828529293.
    CHECK(*r23.standardError == Approx(0.10157283828529293).epsilon(1e-12));

    // Raters 1 and 2: statsmodels cohens_kappa and sklearn cohen_kappa_score both give
    // 0.11949685534591192 (std_kappa 0.11927129716314591). No irr output could be
    // confirmed: the kappa2 source available here renames factor levels by position
    // when rater 2 lacks level 5, which changes the table, so irr is not used here.
    const auto r12 = cohensKappa(pairs(r1, r2));
    REQUIRE(r12.kappa);
    CHECK(*r12.kappa == Approx(0.11949685534591192).epsilon(1e-12));
    CHECK(*r12.standardError == Approx(0.11927129716314591).epsilon(1e-12));
    CHECK(*r12.ciLow < 0); // the interval is reported unclipped, as statsmodels does
}

TEST_CASE("Cohen's kappa: missing labels are excluded and counted", "[agreement]") {
    auto items = fromTable({{0, 4, 1}, {0, 8, 0}, {0, 1, 5}});
    items.push_back({code(1), std::nullopt});
    items.push_back({std::nullopt, code(2)});
    items.push_back({std::nullopt, std::nullopt});
    const auto r = cohensKappa(items);
    CHECK(r.itemsGiven == 22);
    CHECK(r.itemsExcluded == 3);
    CHECK(r.n == 19);
    // Unchanged from the SAS example above (statsmodels 0.13.5: 0.48416289592760187).
    CHECK(*r.kappa == Approx(0.48416289592760187).epsilon(1e-12));
}

TEST_CASE("Cohen's kappa: undefined cases are reported, not invented", "[agreement]") {
    SECTION("both coders used one same value throughout: pe = 1") {
        std::vector<RatedItem> items(5, {LabelValue::special(SpecialValue::FalsePositive),
                                         LabelValue::special(SpecialValue::FalsePositive)});
        const auto r = cohensKappa(items);
        CHECK_FALSE(r.kappa);
        CHECK_FALSE(r.standardError);
        CHECK_FALSE(r.ciLow);
        CHECK(r.undefinedReason.find("false_positive") != std::string::npos);
        CHECK(r.observed == 1.0);
        CHECK(r.expected == 1.0);
        CHECK(r.percentAgreement == 100.0);
        CHECK(r.n == 5);
    }
    SECTION("no item labelled by both") {
        const std::vector<RatedItem> items = {{code(1), std::nullopt}};
        const auto r = cohensKappa(items);
        CHECK_FALSE(r.kappa);
        CHECK(r.n == 0);
        CHECK(r.itemsExcluded == 1);
        CHECK_FALSE(r.undefinedReason.empty());
        CHECK(r.confusion.empty());
    }
    SECTION("perfect agreement on two values is defined") {
        // statsmodels 0.13.5 cohens_kappa([[3,0],[0,2]]): kappa 1.0, std_kappa 0.0,
        // std_kappa0 0.44721359549995787.
        const auto r = cohensKappa(fromTable({{3, 0}, {0, 2}}));
        REQUIRE(r.kappa);
        CHECK(*r.kappa == Approx(1.0).epsilon(1e-14));
        CHECK(*r.standardError == Approx(0.0).margin(1e-9));
        CHECK(*r.standardErrorNull == Approx(0.44721359549995787).epsilon(1e-12));
    }
}

TEST_CASE("Cohen's kappa on label sets, per category presence", "[agreement]") {
    const LabelValue fp = LabelValue::special(SpecialValue::FalsePositive);
    const LabelValue unclear = LabelValue::special(SpecialValue::Unclear);
    const std::vector<RatedItem> items = {
        {set({1}), set({1})},    {set({1, 2}), set({2})}, {set({2}), set({2})},
        {set({3}), set({1, 3})}, {set({1, 3}), set({1})}, {fp, fp},
        {set({2}), set({1, 2})}, {set({1}), unclear},     {set({2, 3}), set({3})},
        {unclear, unclear},      {set({2}), std::nullopt}};
    // Whole labels as nominal values: sklearn 1.2.1 cohen_kappa_score on the keys of the
    // first ten items ("1", "1,2", ... , "fp", "unclear") gives 0.30232558139534893.
    const auto whole = cohensKappa(items);
    REQUIRE(whole.kappa);
    CHECK(whole.itemsExcluded == 1);
    CHECK(*whole.kappa == Approx(0.30232558139534893).epsilon(1e-12));

    // Presence of category 1: A = [1,1,0,0,1,0,0,1,0,0], B = [1,0,0,1,1,0,1,0,0,0];
    // sklearn cohen_kappa_score gives 0.16666666666666663, statsmodels std_kappa
    // 0.3151890477197283 and std_kappa0 0.3162277660168379.
    const auto c1 = categoryPresenceKappa(items, 1);
    REQUIRE(c1.kappa);
    CHECK(c1.n == 10);
    CHECK(*c1.kappa == Approx(0.16666666666666663).epsilon(1e-12));
    CHECK(*c1.standardError == Approx(0.3151890477197283).epsilon(1e-12));
    CHECK(*c1.standardErrorNull == Approx(0.3162277660168379).epsilon(1e-12));
    // The fast 2x2 path and the general path over presence codes must agree.
    const auto coded = presenceCoding(items, 1);
    const auto general = cohensKappa(coded);
    CHECK(*general.kappa == Approx(*c1.kappa).epsilon(1e-14));
    CHECK(general.confusion.size() == c1.confusion.size());

    const std::vector<std::int64_t> ids = {1, 2, 9};
    const auto per = perCategoryKappa(items, ids);
    REQUIRE(per.size() == 3);
    CHECK(per[0].categoryId == 1);
    CHECK(*per[0].kappa.kappa == Approx(*c1.kappa).epsilon(1e-14));
    // Category 9 is used by nobody: everything is "absent", so pe = 1 and undefined.
    CHECK_FALSE(per[2].kappa.kappa);
    CHECK_FALSE(per[2].kappa.undefinedReason.empty());
}

TEST_CASE("Landis and Koch bands", "[agreement]") {
    // Landis & Koch (1977), Biometrics 33:159-174, p. 165: < 0 poor, 0-.20 slight,
    // .21-.40 fair, .41-.60 moderate, .61-.80 substantial, .81-1 almost perfect.
    CHECK(landisKochBand(-0.01) == KappaBand::Poor);
    CHECK(landisKochBand(0.0) == KappaBand::Slight);
    CHECK(landisKochBand(0.20) == KappaBand::Slight);
    CHECK(landisKochBand(0.21) == KappaBand::Fair);
    CHECK(landisKochBand(0.40) == KappaBand::Fair);
    CHECK(landisKochBand(0.41) == KappaBand::Moderate);
    CHECK(landisKochBand(0.61) == KappaBand::Substantial);
    CHECK(landisKochBand(0.80) == KappaBand::Substantial);
    CHECK(landisKochBand(0.816) == KappaBand::AlmostPerfect); // the study's kappa
    CHECK(landisKochBand(1.0) == KappaBand::AlmostPerfect);
    CHECK(std::string(kappaBandName(KappaBand::AlmostPerfect)) == "almost perfect");
    CHECK(std::string(kappaBandName(KappaBand::Poor)) == "poor");
}

TEST_CASE("A kappa computed exactly on a band boundary gets the lower band", "[agreement]") {
    // 2x2 tables (a, b, c, d) whose exact kappa is 1/5, 2/5, 3/5 and 4/5 (checked with
    // Python's fractions.Fraction over (n*agree - sum row*col) / (n^2 - sum row*col)),
    // but whose floating-point kappa lands a few ulps above the boundary.
    struct Case {
        std::vector<std::vector<int>> table;
        double exact;
        KappaBand band;
    };
    const std::vector<Case> cases = {
        {{{1, 2}, {2, 13}}, 0.2, KappaBand::Slight},
        {{{1, 1}, {1, 9}}, 0.4, KappaBand::Fair},
        {{{4, 1}, {1, 4}}, 0.6, KappaBand::Moderate},
        {{{14, 2}, {3, 49}}, 0.8, KappaBand::Substantial},
    };
    for (const auto& c : cases) {
        const auto kappa = cohensKappa(fromTable(c.table));
        REQUIRE(kappa.kappa);
        CAPTURE(c.exact, *kappa.kappa);
        CHECK(*kappa.kappa == Approx(c.exact).epsilon(1e-14));
        CHECK(landisKochBand(*kappa.kappa) == c.band);
    }
    // The first of them is above its boundary in floating point, so the test can fail.
    CHECK(*cohensKappa(fromTable({{4, 1}, {1, 4}})).kappa > 0.6);
    CHECK(landisKochBand(0.6 + 1e-6) == KappaBand::Substantial);
}

namespace {

// Reliability data as coders x units with 0 for a missing value, turned into units.
std::vector<Unit> unitsFrom(const std::vector<std::vector<int>>& coders) {
    std::vector<Unit> units(coders.front().size());
    for (const auto& row : coders)
        for (std::size_t u = 0; u < row.size(); ++u)
            if (row[u] != 0)
                units[u].push_back(code(row[u]));
    return units;
}

} // namespace

TEST_CASE("Krippendorff's alpha, nominal, with missing values", "[agreement]") {
    SECTION("Krippendorff (2011), 4 observers, 12 units") {
        // "Computing Krippendorff's Alpha-Reliability" (2011), example C, nominal:
        // alpha = 0.743 with n = 40 pairable values (unit 12 has a single value and is
        // dropped). Same data in the krippendorff package's doctest and irr's
        // kripp.alpha example. NLTK 3.8 AnnotationTask(data, binary_distance).alpha()
        // gives 0.743421052631579.
        const auto units = unitsFrom({{1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0},
                                      {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3},
                                      {0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0},
                                      {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0}});
        const auto r = krippendorffAlphaNominal(units);
        REQUIRE(r.alpha);
        CHECK(r.unitsGiven == 12);
        CHECK(r.unitsPairable == 11);
        CHECK(r.values == 40);
        CHECK(*r.alpha == Approx(0.743).margin(5e-4));
        CHECK(*r.alpha == Approx(0.743421052631579).epsilon(1e-12));
    }
    SECTION("Wikipedia's computational example, 3 coders, 15 units") {
        // en.wikipedia.org "Krippendorff's alpha", computational example (also the
        // krippendorff package's sample.py): nominal alpha = 0.691; NLTK 3.8
        // AnnotationTask(data, binary_distance).alpha() gives 0.691358024691358.
        const auto units = unitsFrom({{0, 0, 0, 0, 0, 3, 4, 1, 2, 1, 1, 3, 3, 0, 3},
                                      {1, 0, 2, 1, 3, 3, 4, 3, 0, 0, 0, 0, 0, 0, 0},
                                      {0, 0, 2, 1, 3, 4, 4, 0, 2, 1, 1, 3, 3, 0, 4}});
        const auto r = krippendorffAlphaNominal(units);
        REQUIRE(r.alpha);
        CHECK(*r.alpha == Approx(0.691).margin(5e-4));
        CHECK(*r.alpha == Approx(0.691358024691358).epsilon(1e-12));
    }
    SECTION("undefined cases") {
        const std::vector<Unit> same = {{code(1), code(1)}, {code(1), code(1), code(1)}};
        const auto r = krippendorffAlphaNominal(same);
        CHECK_FALSE(r.alpha);
        CHECK_FALSE(r.undefinedReason.empty());
        const std::vector<Unit> lonely = {{code(1)}, {code(2)}, {}};
        const auto s = krippendorffAlphaNominal(lonely);
        CHECK_FALSE(s.alpha);
        CHECK(s.unitsPairable == 0);
        CHECK_FALSE(s.undefinedReason.empty());
    }
}

TEST_CASE("MASI distance: Passonneau's definition and NLTK's rounding", "[agreement]") {
    // NLTK 3.8 nltk.metrics.distance.masi_distance, docstring and metrics.doctest:
    // {1,2} vs {1,2,3,4} -> 0.665; {1,2,3,4} vs {3,4,5} -> 0.868 (NLTK uses M = 0.67
    // for a subset and 0.33 for an overlap). Also masi_distance({1},{2}) -> 1.0 and
    // masi_distance({1,2},{2,3}) -> 0.89.
    CHECK(masiDistance(set({1, 2}), set({1, 2, 3, 4}), MasiWeights::NltkRounded) ==
          Approx(0.665).epsilon(1e-12));
    CHECK(masiDistance(set({1, 2, 3, 4}), set({3, 4, 5}), MasiWeights::NltkRounded) ==
          Approx(0.868).epsilon(1e-12));
    CHECK(masiDistance(set({1}), set({2}), MasiWeights::NltkRounded) == 1.0);
    CHECK(masiDistance(set({1, 2}), set({2, 3}), MasiWeights::NltkRounded) ==
          Approx(0.89).epsilon(1e-12));
    // Passonneau (2006) M = 2/3 and 1/3 exactly: J = 1/2, M = 2/3 -> 1 - 1/3; J = 2/5,
    // M = 1/3 -> 1 - 2/15. These follow from the definition, not from a package.
    CHECK(masiDistance(set({1, 2}), set({1, 2, 3, 4})) == Approx(2.0 / 3.0).epsilon(1e-12));
    CHECK(masiDistance(set({1, 2, 3, 4}), set({3, 4, 5})) == Approx(13.0 / 15.0).epsilon(1e-12));
    CHECK(masiDistance(set({2, 1}), set({1, 2})) == 0.0);
    const LabelValue fp = LabelValue::special(SpecialValue::FalsePositive);
    CHECK(masiDistance(fp, fp) == 0.0);
    CHECK(masiDistance(fp, set({1})) == 1.0);
}

TEST_CASE("Krippendorff's alpha with MASI on label sets", "[agreement]") {
    // Three coders, eight posts, some missing. Reference: NLTK 3.8
    // AnnotationTask(data=[(coder, post, frozenset)], distance=...).alpha():
    //   masi_distance (NLTK's 0.67/0.33)       -> 0.544871597250054
    //   Passonneau's exact M as the distance   -> 0.5445205479452053
    //   binary_distance (nominal on the sets)  -> 0.4602272727272727
    const std::vector<Unit> units = {{set({1}), set({1}), set({1})},
                                     {set({1, 2}), set({1}), set({1, 2})},
                                     {set({3}), set({3, 4})},
                                     {set({2}), set({5}), set({2})},
                                     {set({4, 5}), set({4, 5}), set({5, 6})},
                                     {set({6})},
                                     {set({1, 3}), set({3}), set({1, 3})},
                                     {set({2, 6}), set({2, 6}), set({2, 6})}};
    const auto nltk = krippendorffAlphaMasi(units, MasiWeights::NltkRounded);
    REQUIRE(nltk.alpha);
    CHECK(*nltk.alpha == Approx(0.544871597250054).epsilon(1e-12));
    const auto exact = krippendorffAlphaMasi(units);
    REQUIRE(exact.alpha);
    CHECK(*exact.alpha == Approx(0.5445205479452053).epsilon(1e-12));
    const auto nominal = krippendorffAlphaNominal(units);
    REQUIRE(nominal.alpha);
    CHECK(*nominal.alpha == Approx(0.4602272727272727).epsilon(1e-12));
    CHECK(nominal.unitsPairable == 7);
}

TEST_CASE("Krippendorff's alpha with MASI when sets overlap in several categories", "[agreement]") {
    // Values that share two or three categories, so that each pair of values must be
    // counted once however many categories they share. Reference: NLTK 3.8
    // AnnotationTask(data=[(coder, post, frozenset)], distance=masi_distance).alpha()
    // -> 0.197850647561312.
    const std::vector<Unit> units = {{set({1, 2, 3}), set({1, 2}), set({1, 2, 4})},
                                     {set({1, 2}), set({1, 2, 3})},
                                     {set({2, 3, 4}), set({2, 3, 4}), set({3, 4})},
                                     {set({1, 2, 4}), set({1, 2, 3, 4})},
                                     {set({5}), set({5}), set({1, 2})},
                                     {set({3, 4}), set({2, 3, 4}), set({5})}};
    const auto r = krippendorffAlphaMasi(units, MasiWeights::NltkRounded);
    REQUIRE(r.alpha);
    CHECK(*r.alpha == Approx(0.197850647561312).epsilon(1e-12));
}
