#include "core/agreement/krippendorff_alpha.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <utility>

namespace taxo::agreement {
namespace {

// Alpha = 1 - Do / De with, in Krippendorff's coincidence notation,
//   Do = (1/n) * sum_u sum_{c != k} n_uc * n_uk * d(c,k) / (m_u - 1)
//   De = sum_{c != k} n_c * n_k * d(c,k) / (n * (n - 1))
// where n_uc counts value c in unit u, m_u the values in u, n_c the total of c over
// pairable units and n the total of values. The coincidence matrix o_ck is the inner
// sum over units; it is accumulated straight into Do so that no k-by-k matrix is kept.
// With label sets k (distinct values) can run into thousands, so De is left to
// expectedPairSum, which each measure computes without visiting all k^2 pairs.
template <typename Distance, typename ExpectedPairSum>
KrippendorffAlpha computeAlpha(std::span<const Unit> units, Distance distance,
                               ExpectedPairSum expectedPairSum) {
    KrippendorffAlpha out;
    out.unitsGiven = units.size();

    std::map<LabelValue, std::size_t> index;
    std::vector<const LabelValue*> values;
    std::vector<std::uint64_t> totals;

    double observedSum = 0;
    std::vector<std::pair<std::size_t, std::uint64_t>> unitCounts;
    for (const Unit& unit : units) {
        if (unit.size() < 2)
            continue;
        ++out.unitsPairable;
        unitCounts.clear();
        for (const LabelValue& v : unit) {
            auto [it, inserted] = index.try_emplace(v, values.size());
            if (inserted) {
                values.push_back(&it->first);
                totals.push_back(0);
            }
            ++totals[it->second];
            // A copy, not the structured binding: clang 14 (the fuzz build) cannot capture
            // bindings in a lambda.
            const std::size_t slot = it->second;
            auto found = std::find_if(unitCounts.begin(), unitCounts.end(),
                                      [&](const auto& e) { return e.first == slot; });
            if (found == unitCounts.end())
                unitCounts.emplace_back(slot, 1);
            else
                ++found->second;
        }
        out.values += unit.size();
        double unitSum = 0;
        for (std::size_t x = 0; x < unitCounts.size(); ++x)
            for (std::size_t y = x + 1; y < unitCounts.size(); ++y)
                unitSum += 2.0 * static_cast<double>(unitCounts[x].second) *
                           static_cast<double>(unitCounts[y].second) *
                           distance(*values[unitCounts[x].first], *values[unitCounts[y].first]);
        observedSum += unitSum / static_cast<double>(unit.size() - 1);
    }

    if (out.unitsPairable == 0) {
        out.undefinedReason = "Alpha is undefined: no post has labels from at least two coders.";
        return out;
    }
    if (values.size() < 2) {
        out.undefinedReason = "Alpha is undefined: every label is the same value (" +
                              values.front()->key() +
                              "), so there is no expected disagreement to compare with.";
        return out;
    }
    const double n = static_cast<double>(out.values);
    out.observedDisagreement = observedSum / n;
    out.expectedDisagreement = expectedPairSum(values, totals) / (n * (n - 1.0));
    // Distinct values are at a positive distance under both measures here, so with two
    // or more values De > 0; the check keeps that an invariant rather than a hope.
    if (!(out.expectedDisagreement > 0)) {
        out.undefinedReason = "Alpha is undefined: the expected disagreement is zero.";
        return out;
    }
    out.alpha = 1.0 - out.observedDisagreement / out.expectedDisagreement;
    return out;
}

// sum over ordered pairs c != k of n_c * n_k: every pair at distance 1.
double allPairs(const std::vector<std::uint64_t>& totals) {
    double sum = 0;
    double squares = 0;
    for (const std::uint64_t t : totals) {
        sum += static_cast<double>(t);
        squares += static_cast<double>(t) * static_cast<double>(t);
    }
    return sum * sum - squares;
}

} // namespace

double masiDistance(const LabelValue& x, const LabelValue& y, MasiWeights weights) {
    if (x == y)
        return 0.0;
    if (x.kind() != LabelValue::Kind::Categories || y.kind() != LabelValue::Kind::Categories)
        return 1.0;
    const auto& a = x.categoryIds();
    const auto& b = y.categoryIds();
    std::size_t common = 0;
    for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
        if (a[i] < b[j]) {
            ++i;
        } else if (b[j] < a[i]) {
            ++j;
        } else {
            ++common;
            ++i;
            ++j;
        }
    }
    const std::size_t unionSize = a.size() + b.size() - common;
    const bool exact = weights == MasiWeights::Exact;
    double m = 0.0;
    if (common == std::min(a.size(), b.size())) // equal sets returned above: a subset
        m = exact ? 2.0 / 3.0 : 0.67;
    else if (common > 0)
        m = exact ? 1.0 / 3.0 : 0.33;
    const double jaccard = static_cast<double>(common) / static_cast<double>(unionSize);
    return 1.0 - jaccard * m;
}

KrippendorffAlpha krippendorffAlphaNominal(std::span<const Unit> units) {
    return computeAlpha(
        units, [](const LabelValue& x, const LabelValue& y) { return x == y ? 0.0 : 1.0; },
        [](const std::vector<const LabelValue*>&, const std::vector<std::uint64_t>& totals) {
            return allPairs(totals);
        });
}

KrippendorffAlpha krippendorffAlphaMasi(std::span<const Unit> units, MasiWeights weights) {
    auto distance = [weights](const LabelValue& x, const LabelValue& y) {
        return masiDistance(x, y, weights);
    };
    // d = 1 - J * M, and J * M is 0 unless the two sets share a category. So the sum is
    // the all-pairs sum less n_c * n_k * (1 - d) over pairs that share a category, found
    // through an index from category to the values that contain it.
    auto expected = [&distance](const std::vector<const LabelValue*>& values,
                                const std::vector<std::uint64_t>& totals) {
        std::map<std::int64_t, std::vector<std::size_t>> holders;
        for (std::size_t c = 0; c < values.size(); ++c)
            for (const std::int64_t id : values[c]->categoryIds())
                holders[id].push_back(c);
        double shared = 0;
        std::vector<std::size_t> seenBy(values.size(), values.size());
        for (std::size_t c = 0; c < values.size(); ++c) {
            for (const std::int64_t id : values[c]->categoryIds()) {
                for (const std::size_t k : holders[id]) {
                    if (k <= c || seenBy[k] == c)
                        continue;
                    seenBy[k] = c;
                    shared += static_cast<double>(totals[c]) * static_cast<double>(totals[k]) *
                              (1.0 - distance(*values[c], *values[k]));
                }
            }
        }
        return allPairs(totals) - 2.0 * shared;
    };
    return computeAlpha(units, distance, expected);
}

} // namespace taxo::agreement
