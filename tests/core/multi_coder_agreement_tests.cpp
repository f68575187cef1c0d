// Agreement statistics of more than two coders (Fleiss' kappa, Gwet's AC1, pairwise
// Cohen's kappa, Krippendorff's alpha) against published or independently computed
// reference values. Every expected number names where it comes from; none is derived
// from the code under test. "statsmodels 0.13.5", "scikit-learn 1.2.1" and "NLTK 3.8"
// are the Debian 12 packages python3-statsmodels, python3-sklearn and python3-nltk, run
// on the data shown. "irrCAC README" is the knitted README.md of github.com/kgwet/irrCAC
// (commit 00b845116dd7b18188202cf4ed3fccec8b81a0bc), R output printed by irrCAC itself.

#include "core/agreement/coder_values.h"
#include "core/agreement/fleiss_kappa.h"
#include "core/agreement/gwet_ac1.h"
#include "core/agreement/krippendorff_alpha.h"
#include "core/agreement/pairwise_kappa.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

using namespace taxo::agreement;

namespace {

LabelValue code(int v) {
    return LabelValue::nominal(std::to_string(v));
}

// Posts as rows of coders' integer codes, 0 for a missing label (as NA in R).
std::vector<Unit> unitsOfRows(const std::vector<std::vector<int>>& rows) {
    std::vector<Unit> units;
    for (const auto& row : rows) {
        Unit unit;
        for (const int v : row)
            if (v != 0)
                unit.push_back(code(v));
        units.push_back(std::move(unit));
    }
    return units;
}

// A subjects-by-categories count table (statsmodels' and irrCAC's "distribution of
// raters") as units: n_ij copies of value j + 1 in post i.
std::vector<Unit> unitsOfCounts(const std::vector<std::vector<int>>& counts) {
    std::vector<Unit> units;
    for (const auto& row : counts) {
        Unit unit;
        for (std::size_t j = 0; j < row.size(); ++j)
            for (int c = 0; c < row[j]; ++c)
                unit.push_back(code(static_cast<int>(j) + 1));
        units.push_back(std::move(unit));
    }
    return units;
}

// Rows of named values by coder, nullptr for a missing label.
std::vector<CoderValues> coderRows(const std::vector<std::vector<const char*>>& rows) {
    std::vector<CoderValues> out;
    for (const auto& row : rows) {
        CoderValues post;
        for (const char* v : row)
            post.push_back(v ? std::optional(LabelValue::nominal(v)) : std::nullopt);
        out.push_back(std::move(post));
    }
    return out;
}

// Fleiss (1971) diagnoses, 30 patients x 6 psychiatrists, codes 1-5, as transcribed in
// statsmodels/stats/tests/test_inter_rater.py (`diagnoses`); R irr ships the same data.
const std::vector<std::vector<int>> kDiagnoses = {
    {4, 4, 4, 4, 4, 4}, {2, 2, 2, 5, 5, 5}, {2, 3, 3, 3, 3, 5}, {5, 5, 5, 5, 5, 5},
    {2, 2, 2, 4, 4, 4}, {1, 1, 3, 3, 3, 3}, {3, 3, 3, 3, 5, 5}, {1, 1, 3, 3, 3, 4},
    {1, 1, 4, 4, 4, 4}, {5, 5, 5, 5, 5, 5}, {1, 4, 4, 4, 4, 4}, {1, 2, 4, 4, 4, 4},
    {2, 2, 2, 3, 3, 3}, {1, 4, 4, 4, 4, 4}, {2, 2, 4, 4, 4, 5}, {3, 3, 3, 3, 3, 5},
    {1, 1, 1, 4, 5, 5}, {1, 1, 1, 1, 1, 2}, {2, 2, 4, 4, 4, 4}, {1, 3, 3, 5, 5, 5},
    {5, 5, 5, 5, 5, 5}, {2, 4, 4, 4, 4, 4}, {2, 2, 4, 5, 5, 5}, {1, 1, 4, 4, 4, 4},
    {1, 4, 4, 4, 4, 5}, {2, 2, 2, 2, 2, 4}, {1, 1, 1, 1, 5, 5}, {2, 2, 4, 4, 4, 4},
    {1, 3, 3, 3, 3, 3}, {5, 5, 5, 5, 5, 5}};

// irrCAC's distrib.6raters (irrCAC README): 15 patients, the number of 6 psychiatrists
// who chose Depression, Personality Disorder, Schizophrenia, Neurosis, Other.
const std::vector<std::vector<int>> kDistrib6Raters = {
    {0, 0, 0, 6, 0}, {0, 3, 0, 0, 3}, {0, 1, 4, 0, 1}, {0, 0, 0, 0, 6}, {0, 3, 0, 3, 0},
    {2, 0, 4, 0, 0}, {0, 0, 4, 0, 2}, {2, 0, 3, 1, 0}, {2, 0, 0, 4, 0}, {0, 0, 0, 0, 6},
    {1, 0, 0, 5, 0}, {1, 1, 0, 4, 0}, {0, 3, 3, 0, 0}, {1, 0, 0, 5, 0}, {0, 2, 0, 3, 1}};

// irrCAC's cac.raw4raters (irrCAC README; Gwet's Handbook, 4th ed., p. 120): 12 subjects
// by 4 raters, 0 for NA. Krippendorff's (2011) example C is the same data.
const std::vector<std::vector<int>> kRaw4Raters = {
    {1, 1, 0, 1}, {2, 2, 3, 2}, {3, 3, 3, 3}, {3, 3, 3, 3}, {2, 2, 2, 2}, {1, 2, 3, 4},
    {4, 4, 4, 4}, {1, 1, 2, 1}, {2, 2, 2, 2}, {0, 5, 5, 5}, {0, 0, 1, 1}, {0, 0, 3, 0}};

// A small study of this project's own: 14 posts by 4 coders, with posts that not every
// coder labelled (3, 7, 13), one labelled by a single coder (9). The reference values on
// it come from running statsmodels, scikit-learn and NLTK on exactly these rows.
const std::vector<std::vector<const char*>> kStudy = {
    {"bug", "bug", "bug", "bug"},
    {"bug", "bug", "docs", "bug"},
    {"docs", "docs", "docs", nullptr},
    {"question", "question", "question", "question"},
    {"feature", "bug", "feature", "feature"},
    {"docs", "question", "docs", "docs"},
    {"bug", "bug", "bug", nullptr},
    {"question", "question", "feature", "question"},
    {nullptr, "docs", nullptr, nullptr},
    {"feature", "feature", "feature", "feature"},
    {"bug", "docs", "question", "bug"},
    {"docs", "docs", "docs", "docs"},
    {nullptr, nullptr, "bug", "bug"},
    {"question", "question", "question", "bug"}};

} // namespace

// ---------------------------------------------------------------------------------------
// Fleiss' kappa

TEST_CASE("Fleiss' kappa: statsmodels' diagnoses table (Fleiss 1971)", "[agreement]") {
    // statsmodels 0.13.5 fleiss_kappa(aggregate_raters(diagnoses)[0]) gives
    // 0.43024452006014074. statsmodels' test_fleiss_kappa_irr records R irr's
    // kappam.fleiss(diagnoses): Kappa = 0.4302445, z = 17.65183, where irr's z is kappa
    // over the Fleiss, Nee & Landis (1979) standard error under H0.
    const auto r = fleissKappa(unitsOfRows(kDiagnoses), 6);
    REQUIRE(r.ok());
    REQUIRE(r->kappa);
    CHECK(r->n == 30);
    CHECK(r->postsExcluded == 0);
    CHECK(r->categories == 5);
    CHECK(*r->kappa == Approx(0.4302445).margin(5e-8));
    CHECK(*r->kappa == Approx(0.43024452006014074).epsilon(1e-12));
    REQUIRE(r->standardErrorNull);
    CHECK(*r->kappa / *r->standardErrorNull == Approx(17.65183).margin(5e-6));
    // The test as reported: irr's z, and its two-sided p. irr prints p-value = 0, as
    // 2 * (1 - pnorm(z)) rounds to 0; R 4.2.2's 2 * pnorm(-17.65183) gives 9.851173e-70
    // (z is irr's, rounded to 7 digits, hence the tolerance).
    REQUIRE(r->zNull);
    CHECK(*r->zNull == Approx(17.65183).margin(5e-6));
    REQUIRE(r->pValueNull);
    CHECK(*r->pValueNull == Approx(9.851173e-70).epsilon(2e-4));
}

TEST_CASE("Fleiss' kappa: Wikipedia's example, 10 posts x 14 coders", "[agreement]") {
    // statsmodels' test_fleiss_kappa: table1 (the example of the Wikipedia article
    // "Fleiss' kappa"), 0.210 to 3 decimals; statsmodels 0.13.5 fleiss_kappa(table1)
    // gives 0.20993070442195522.
    const auto r = fleissKappa(unitsOfCounts({{0, 0, 0, 0, 14},
                                              {0, 2, 6, 4, 2},
                                              {0, 0, 3, 5, 6},
                                              {0, 3, 9, 2, 0},
                                              {2, 2, 8, 1, 1},
                                              {7, 7, 0, 0, 0},
                                              {3, 2, 6, 3, 0},
                                              {2, 5, 3, 2, 2},
                                              {6, 5, 2, 1, 0},
                                              {0, 2, 2, 3, 7}}),
                               14);
    REQUIRE(r.ok());
    REQUIRE(r->kappa);
    CHECK(*r->kappa == Approx(0.210).margin(5e-4));
    CHECK(*r->kappa == Approx(0.20993070442195522).epsilon(1e-12));
}

TEST_CASE("Fleiss' kappa: irrCAC's distrib.6raters", "[agreement]") {
    // irrCAC README, fleiss.kappa.dist(distrib.6raters): coeff 0.4139265, pa 0.5511111,
    // pe 0.2340741. statsmodels 0.13.5 fleiss_kappa on the same table:
    // 0.41392649903288237.
    const auto r = fleissKappa(unitsOfCounts(kDistrib6Raters), 6);
    REQUIRE(r.ok());
    REQUIRE(r->kappa);
    CHECK(*r->kappa == Approx(0.4139265).margin(5e-8));
    CHECK(*r->kappa == Approx(0.41392649903288237).epsilon(1e-12));
    CHECK(r->observed == Approx(0.5511111).margin(5e-8));
    CHECK(r->expected == Approx(0.2340741).margin(5e-8));
}

TEST_CASE("Fleiss' kappa uses only the posts that every coder labelled", "[agreement]") {
    // The 10 posts of kStudy that all 4 coders labelled: statsmodels 0.13.5
    // fleiss_kappa(aggregate_raters(rows)[0]) on them gives 0.5518207282913167.
    const auto r = fleissKappa(unitsOf(coderRows(kStudy)), 4);
    REQUIRE(r.ok());
    REQUIRE(r->kappa);
    CHECK(r->postsGiven == 14);
    CHECK(r->postsExcluded == 4); // posts 3, 7, 9 and 13
    CHECK(r->n == 10);
    CHECK(*r->kappa == Approx(0.5518207282913167).epsilon(1e-12));
}

TEST_CASE("Fleiss' kappa: a single post", "[agreement]") {
    // Three coders, values a, a, b: statsmodels 0.13.5 fleiss_kappa([[2, 1]]) gives
    // -0.5000000000000001 (P = 1/3, Pe = 5/9).
    const std::vector<Unit> units = {
        {LabelValue::nominal("a"), LabelValue::nominal("a"), LabelValue::nominal("b")}};
    const auto r = fleissKappa(units, 3);
    REQUIRE(r.ok());
    REQUIRE(r->kappa);
    CHECK(*r->kappa == Approx(-0.5000000000000001).epsilon(1e-12));
}

TEST_CASE("Fleiss' kappa: undefined cases and wrong input", "[agreement]") {
    SECTION("every coder gives every post the same value") {
        // Pe-bar = 1: statsmodels returns nan (0/0); Taxonomist reports no number.
        const std::vector<Unit> same = {{code(1), code(1), code(1)}, {code(1), code(1), code(1)}};
        const auto r = fleissKappa(same, 3);
        REQUIRE(r.ok());
        CHECK_FALSE(r->kappa);
        CHECK_FALSE(r->standardErrorNull);
        CHECK(r->undefinedReason.find("same value (1)") != std::string::npos);
        CHECK(r->observed == 1.0); // every pair of coders agrees
    }
    SECTION("no post labelled by every coder; a post labelled by one coder only") {
        const std::vector<Unit> partial = {{code(1), code(2)}, {code(1)}, {}};
        const auto r = fleissKappa(partial, 3);
        REQUIRE(r.ok());
        CHECK_FALSE(r->kappa);
        CHECK(r->n == 0);
        CHECK(r->postsExcluded == 3);
        CHECK_FALSE(r->undefinedReason.empty());
    }
    SECTION("fewer than two coders, or more values than coders") {
        const std::vector<Unit> units = {{code(1), code(2), code(3)}};
        const auto one = fleissKappa(units, 1);
        REQUIRE_FALSE(one.ok());
        CHECK(one.message().find("at least two coders") != std::string::npos);
        const auto tooMany = fleissKappa(units, 2);
        REQUIRE_FALSE(tooMany.ok());
        CHECK(tooMany.message().find("Post 1 has 3 labels") != std::string::npos);
    }
}

// ---------------------------------------------------------------------------------------
// Gwet's AC1

namespace {

// Gwet's AC1 and its variance written out a second time, plainly and densely, straight
// from the formula in docs/agreement.md (Gwet 2008; irrCAC gwet.ac1.raw), as the test's
// independent reference: no sparse counts, no shared code with gwet_ac1.cpp.
struct PlainAc1 {
    double pa = 0;
    double pe = 0;
    double ac1 = 0;
    double se = 0;
};

PlainAc1 plainAc1(const std::vector<std::vector<const char*>>& rows) {
    std::vector<std::string> categories;
    for (const auto& row : rows)
        for (const char* v : row)
            if (v && std::find(categories.begin(), categories.end(), v) == categories.end())
                categories.push_back(v);
    const std::size_t q = categories.size();
    std::vector<std::vector<double>> r; // r[i][k]: labels of value k on rated post i
    for (const auto& row : rows) {
        std::vector<double> counts(q, 0.0);
        double total = 0;
        for (const char* v : row)
            for (std::size_t k = 0; k < q; ++k)
                if (v && categories[k] == v) {
                    counts[k] += 1;
                    total += 1;
                }
        if (total > 0)
            r.push_back(counts);
    }
    const double n = static_cast<double>(r.size());
    auto labels = [](const std::vector<double>& counts) {
        double s = 0;
        for (const double c : counts)
            s += c;
        return s;
    };
    double n2 = 0;
    double paSum = 0;
    std::vector<double> paI(r.size(), 0.0);
    std::vector<double> pi(q, 0.0);
    for (std::size_t i = 0; i < r.size(); ++i) {
        const double ri = labels(r[i]);
        for (std::size_t k = 0; k < q; ++k)
            pi[k] += r[i][k] / ri / n;
        if (ri >= 2) {
            for (std::size_t k = 0; k < q; ++k)
                paI[i] += r[i][k] * (r[i][k] - 1) / (ri * (ri - 1));
            paSum += paI[i];
            n2 += 1;
        }
    }
    PlainAc1 out;
    out.pa = paSum / n2;
    for (std::size_t k = 0; k < q; ++k)
        out.pe += pi[k] * (1 - pi[k]) / static_cast<double>(q - 1);
    out.ac1 = (out.pa - out.pe) / (1 - out.pe);
    double sum = 0;
    for (std::size_t i = 0; i < r.size(); ++i) {
        const double ri = labels(r[i]);
        double peI = 0;
        for (std::size_t k = 0; k < q; ++k)
            peI += r[i][k] / ri * (1 - pi[k]) / static_cast<double>(q - 1);
        const double ac1I = (n / n2) * (paI[i] - (ri >= 2 ? out.pe : 0.0)) / (1 - out.pe);
        const double x = ac1I - 2 * (1 - out.ac1) * (peI - out.pe) / (1 - out.pe);
        sum += (x - out.ac1) * (x - out.ac1);
    }
    out.se = std::sqrt(sum / (n * (n - 1)));
    return out;
}

} // namespace

TEST_CASE("Gwet's AC1: irrCAC's cac.raw4raters, 4 raters with missing ratings", "[agreement]") {
    // irrCAC README, gwet.ac1.raw(cac.raw4raters)$est: pa 0.8181818, pe 0.1903212,
    // coeff.val 0.77544, coeff.se 0.14295 (irrCAC rounds these two to 5 decimals).
    const auto r = gwetAc1(unitsOfRows(kRaw4Raters));
    REQUIRE(r.ac1);
    CHECK(r.postsRated == 12);
    CHECK(r.postsPairable == 11); // subject 12 has a single rating
    CHECK(r.categories == 5);
    CHECK(r.observed == Approx(0.8181818).margin(5e-8));
    CHECK(r.expected == Approx(0.1903212).margin(5e-8));
    CHECK(*r.ac1 == Approx(0.77544).margin(5e-6));
    REQUIRE(r.standardError);
    CHECK(*r.standardError == Approx(0.14295).margin(5e-6));
}

TEST_CASE("Gwet's AC1: irrCAC's distrib.6raters, 6 raters", "[agreement]") {
    // irrCAC README, gwet.ac1.dist(distrib.6raters): coeff 0.4448007, stderr 0.08418757,
    // pa 0.5511111, pe 0.1914815 (gwet.ac1.dist is gwet.ac1.raw's formula on counts).
    const auto r = gwetAc1(unitsOfCounts(kDistrib6Raters));
    REQUIRE(r.ac1);
    CHECK(*r.ac1 == Approx(0.4448007).margin(5e-8));
    REQUIRE(r.standardError);
    CHECK(*r.standardError == Approx(0.08418757).margin(5e-9));
    CHECK(r.observed == Approx(0.5511111).margin(5e-8));
    CHECK(r.expected == Approx(0.1914815).margin(5e-8));
}

TEST_CASE("Gwet's AC1: irrCAC's cont3x3abstractors, two coders", "[agreement]") {
    // irrCAC README, gwet.ac1.table(cont3x3abstractors): coeff.val 0.8493305, coeff.se
    // 0.04321747. The table's variance is Gwet's (2008) two-rater formula, which divides
    // by n where the N-coder form divides by n - 1, so its standard error is ours times
    // sqrt((n - 1) / n) with n = 100.
    const std::vector<std::vector<int>> table = {{13, 0, 0}, {0, 20, 7}, {0, 4, 56}};
    std::vector<RatedItem> items;
    for (std::size_t i = 0; i < table.size(); ++i)
        for (std::size_t j = 0; j < table[i].size(); ++j)
            for (int c = 0; c < table[i][j]; ++c)
                items.push_back({code(static_cast<int>(i) + 1), code(static_cast<int>(j) + 1)});
    const auto r = gwetAc1(items);
    REQUIRE(r.ac1);
    CHECK(r.postsRated == 100);
    CHECK(*r.ac1 == Approx(0.8493305).margin(5e-8));
    REQUIRE(r.standardError);
    CHECK(*r.standardError * std::sqrt(99.0 / 100.0) == Approx(0.04321747).margin(5e-9));
    // Percent agreement: irrCAC README pa2.table(cont3x3abstractors) = 0.89.
    CHECK(r.observed == Approx(0.89).epsilon(1e-12));
}

TEST_CASE("Gwet's AC1 on a study with missing labels, against the formula written out",
          "[agreement]") {
    // Reference: plainAc1 above, the formula computed independently inside this test.
    const auto expected = plainAc1(kStudy);
    const auto r = gwetAc1(unitsOf(coderRows(kStudy)));
    REQUIRE(r.ac1);
    CHECK(r.postsGiven == 14);
    CHECK(r.postsRated == 14);
    CHECK(r.postsPairable == 13); // post 9 has one label: it counts in pi_k, not in pa
    CHECK(r.categories == 4);
    CHECK(r.observed == Approx(expected.pa).epsilon(1e-12));
    CHECK(r.expected == Approx(expected.pe).epsilon(1e-12));
    CHECK(*r.ac1 == Approx(expected.ac1).epsilon(1e-12));
    REQUIRE(r.standardError);
    CHECK(*r.standardError == Approx(expected.se).epsilon(1e-12));

    // Dropping the single-labelled post changes n and the pi_k, so AC1 and its error
    // change too: the test would notice if such posts were ignored.
    auto pairable = kStudy;
    pairable.erase(pairable.begin() + 8);
    const auto without = plainAc1(pairable);
    CHECK(without.ac1 != Approx(expected.ac1).epsilon(1e-6));
    CHECK(without.se != Approx(expected.se).epsilon(1e-6));
    const auto r2 = gwetAc1(unitsOf(coderRows(pairable)));
    REQUIRE(r2.ac1);
    CHECK(*r2.ac1 == Approx(without.ac1).epsilon(1e-12));
    CHECK(*r2.standardError == Approx(without.se).epsilon(1e-12));
}

TEST_CASE("Gwet's AC1 for two coders is the N-coder form with N = 2", "[agreement]") {
    // Coders 0 and 1 of kStudy, missing labels included, through both entry points.
    const auto rows = coderRows(kStudy);
    const auto items = itemsOf(rows, 0, 1);
    std::vector<std::vector<const char*>> twoCoders;
    for (const auto& row : kStudy)
        twoCoders.push_back({row[0], row[1]});
    const auto two = gwetAc1(items);
    const auto many = gwetAc1(unitsOf(coderRows(twoCoders)));
    REQUIRE(two.ac1);
    REQUIRE(many.ac1);
    CHECK(*two.ac1 == *many.ac1);
    CHECK(*two.standardError == *many.standardError);
    CHECK(two.postsRated == many.postsRated);
    CHECK(two.postsPairable == 12);
    // And both are the formula written out.
    const auto expected = plainAc1(twoCoders);
    CHECK(*two.ac1 == Approx(expected.ac1).epsilon(1e-12));
    CHECK(*two.standardError == Approx(expected.se).epsilon(1e-12));
}

TEST_CASE("Gwet's AC1: edge cases", "[agreement]") {
    SECTION("every coder gives every post the same value") {
        // q = 1, so Gwet's pe = sum pi_k (1 - pi_k) / (q - 1) is 0/0: undefined. (irrCAC's
        // gwet.ac1.raw substitutes pe = 1e-15 when q < 2 and so prints 1; see its source,
        // R/agree.coeff3.raw.r.) Cohen's and Fleiss' kappa are undefined here too.
        const std::vector<Unit> same = {{code(1), code(1), code(1)}, {code(1), code(1)}};
        const auto r = gwetAc1(same);
        CHECK_FALSE(r.ac1);
        CHECK_FALSE(r.standardError);
        CHECK(r.undefinedReason.find("same value (1)") != std::string::npos);
        CHECK(r.observed == 1.0);
    }
    SECTION("a single post") {
        // Values a, a, b from three coders, by hand from the formula: pa = 2/6 = 1/3,
        // pi = (2/3, 1/3), q = 2, pe = 2 (2/3)(1/3) / 1 = 4/9, AC1 = (1/3 - 4/9) / (5/9)
        // = -1/5. The variance divides by n - 1 = 0, so no standard error.
        const std::vector<Unit> one = {
            {LabelValue::nominal("a"), LabelValue::nominal("a"), LabelValue::nominal("b")}};
        const auto r = gwetAc1(one);
        REQUIRE(r.ac1);
        CHECK(*r.ac1 == Approx(-0.2).epsilon(1e-12));
        CHECK(r.expected == Approx(4.0 / 9.0).epsilon(1e-12));
        CHECK_FALSE(r.standardError);
        CHECK_FALSE(r.standardErrorUndefinedReason.empty());
    }
    SECTION("posts labelled by one coder only") {
        const std::vector<Unit> lonely = {{code(1)}, {code(2)}, {}};
        const auto r = gwetAc1(lonely);
        CHECK_FALSE(r.ac1);
        CHECK(r.postsRated == 2);
        CHECK(r.postsPairable == 0);
        CHECK_FALSE(r.undefinedReason.empty());
    }
}

// ---------------------------------------------------------------------------------------
// Pairwise Cohen's kappa

TEST_CASE("Pairwise Cohen's kappa of four coders with missing labels", "[agreement]") {
    // For each pair, the posts both coders labelled: scikit-learn 1.2.1
    // cohen_kappa_score and statsmodels 0.13.5 cohens_kappa agree on kappa; the
    // standard errors are statsmodels' std_kappa and std_kappa0.
    struct Expected {
        std::size_t a, b, n;
        double kappa, se, se0;
    };
    const std::vector<Expected> expected = {
        {0, 1, 12, 0.6571428571428571, 0.16885926900241513, 0.17109756403068266},
        {0, 2, 12, 0.6697247706422018, 0.16022766488305346, 0.1605067655704912},
        {0, 3, 10, 0.8648648648648649, 0.1280182280591306, 0.18210681651808666},
        {1, 2, 12, 0.4495412844036697, 0.18023314884654626, 0.15732897318034195},
        {1, 3, 10, 0.45945945945945954, 0.2027471177131403, 0.1780504766702768},
        {2, 3, 11, 0.5268817204301075, 0.17845288672214515, 0.15922430452197336}};
    const auto m = pairwiseCohensKappa(coderRows(kStudy));
    CHECK(m.coders == 4);
    REQUIRE(m.pairs.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto& e = expected[i];
        const auto& p = m.pairs[i];
        CAPTURE(e.a, e.b);
        CHECK(p.coderA == e.a);
        CHECK(p.coderB == e.b);
        CHECK(p.kappa.itemsGiven == 14);
        CHECK(p.kappa.n == e.n);
        CHECK(p.kappa.itemsExcluded == 14 - e.n);
        REQUIRE(p.kappa.kappa);
        CHECK(*p.kappa.kappa == Approx(e.kappa).epsilon(1e-12));
        CHECK(*p.kappa.standardError == Approx(e.se).epsilon(1e-12));
        CHECK(*p.kappa.standardErrorNull == Approx(e.se0).epsilon(1e-12));
        // find() gives the same pair in either order.
        CHECK(m.find(e.a, e.b) == &p.kappa);
        CHECK(m.find(e.b, e.a) == &p.kappa);
    }
    CHECK(m.find(2, 2) == nullptr);
    CHECK(m.find(0, 4) == nullptr);
}

TEST_CASE("Pairwise Cohen's kappa of two coders is Cohen's kappa", "[agreement]") {
    // statsmodels' test_inter_rater.py table10 (SAS PROC FREQ example), rows coder A,
    // columns coder B: statsmodels 0.13.5 cohens_kappa gives 0.48416289592760187.
    const std::vector<std::vector<int>> table = {{0, 4, 1}, {0, 8, 0}, {0, 1, 5}};
    std::vector<CoderValues> rows;
    for (std::size_t i = 0; i < table.size(); ++i)
        for (std::size_t j = 0; j < table[i].size(); ++j)
            for (int c = 0; c < table[i][j]; ++c)
                rows.push_back({code(static_cast<int>(i) + 1), code(static_cast<int>(j) + 1)});
    rows.push_back({code(1), std::nullopt}); // missing for B: excluded
    rows.push_back({code(2)});               // a short row: B has no label either
    const auto m = pairwiseCohensKappa(rows);
    REQUIRE(m.coders == 2);
    REQUIRE(m.pairs.size() == 1);
    const auto& k = m.pairs.front().kappa;
    CHECK(k.n == 19);
    CHECK(k.itemsExcluded == 2);
    REQUIRE(k.kappa);
    CHECK(*k.kappa == Approx(0.48416289592760187).epsilon(1e-12));
    CHECK(*k.kappa == *cohensKappa(itemsOf(rows, 0, 1)).kappa);
}

TEST_CASE("Pairwise Cohen's kappa without posts has no pairs", "[agreement]") {
    const auto m = pairwiseCohensKappa(std::vector<CoderValues>{});
    CHECK(m.coders == 0);
    CHECK(m.pairs.empty());
    CHECK(m.find(0, 1) == nullptr);
}

// ---------------------------------------------------------------------------------------
// Krippendorff's alpha for N coders with missing values

TEST_CASE("Krippendorff's alpha for 3 and 4 coders with missing values matches NLTK",
          "[agreement]") {
    // NLTK 3.8 AnnotationTask(data=[(coder, post, value) for each label present],
    // distance=binary_distance).alpha() on kStudy: all 4 coders 0.6305031446540881;
    // coders 0-2 only 0.5989583333333333 (there post 13 has one label and post 9 too).
    const auto rows = coderRows(kStudy);
    const auto four = krippendorffAlphaNominal(unitsOf(rows));
    REQUIRE(four.alpha);
    CHECK(four.unitsPairable == 13);
    CHECK(*four.alpha == Approx(0.6305031446540881).epsilon(1e-12));

    std::vector<CoderValues> firstThree;
    for (const auto& row : rows)
        firstThree.emplace_back(row.begin(), row.begin() + 3);
    const auto three = krippendorffAlphaNominal(unitsOf(firstThree));
    REQUIRE(three.alpha);
    CHECK(three.unitsPairable == 12);
    CHECK(*three.alpha == Approx(0.5989583333333333).epsilon(1e-12));
}
