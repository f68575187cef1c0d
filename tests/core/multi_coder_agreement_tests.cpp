// Agreement statistics of more than two coders (pairwise Cohen's kappa) against
// published or independently computed reference values. Every expected number names
// where it comes from; none is derived from the code under test. "statsmodels 0.13.5"
// and "scikit-learn 1.2.1" are the Debian 12 packages python3-statsmodels and
// python3-sklearn, run on the data shown.

#include "core/agreement/coder_values.h"
#include "core/agreement/pairwise_kappa.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace taxo::agreement;

namespace {

LabelValue code(int v) {
    return LabelValue::nominal(std::to_string(v));
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

// A small study of this project's own: 14 posts by 4 coders, with posts that not every
// coder labelled (3, 7, 13), one labelled by a single coder (9). The reference values on
// it come from running statsmodels and scikit-learn on exactly these rows.
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
