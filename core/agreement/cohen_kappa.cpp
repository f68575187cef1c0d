#include "core/agreement/cohen_kappa.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace taxo::agreement {
namespace {

// The table in index form: values[i] names index i; cells are sparse because label
// sets can have many distinct values, and a dense k-by-k table would grow with k^2.
struct Table {
    std::vector<LabelValue> values;
    std::vector<std::uint64_t> rowTotals; // coder A
    std::vector<std::uint64_t> colTotals; // coder B
    std::map<std::pair<std::size_t, std::size_t>, std::uint64_t> cells;
    std::size_t itemsGiven = 0;
    std::size_t itemsExcluded = 0;
};

CohenKappa fromTable(Table table) {
    CohenKappa out;
    out.itemsGiven = table.itemsGiven;
    out.itemsExcluded = table.itemsExcluded;
    std::uint64_t n = 0;
    std::uint64_t agree = 0;
    for (const auto& [ij, count] : table.cells) {
        n += count;
        if (ij.first == ij.second)
            agree += count;
    }
    out.n = n;
    out.agreements = agree;

    // Confusion rows in value order, whatever order the values were met in.
    std::vector<std::size_t> order(table.values.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t x, std::size_t y) { return table.values[x] < table.values[y]; });
    std::vector<std::size_t> rank(order.size());
    for (std::size_t r = 0; r < order.size(); ++r)
        rank[order[r]] = r;
    std::vector<std::pair<std::pair<std::size_t, std::size_t>, std::uint64_t>> sorted(
        table.cells.begin(), table.cells.end());
    std::sort(sorted.begin(), sorted.end(), [&](const auto& x, const auto& y) {
        return std::pair(rank[x.first.first], rank[x.first.second]) <
               std::pair(rank[y.first.first], rank[y.first.second]);
    });
    out.confusion.reserve(sorted.size());
    for (const auto& [ij, count] : sorted)
        out.confusion.push_back({table.values[ij.first], table.values[ij.second], count});

    if (n == 0) {
        out.undefinedReason = "Kappa is undefined: no post has a label from both coders.";
        return out;
    }
    const double nd = static_cast<double>(n);
    // pe == 1 is decided on integers so that rounding can never turn 0/0 into a number:
    // sum(row_v * col_v) == n^2 exactly when both coders used one and the same value.
    std::uint64_t expectedCount = 0;
    for (std::size_t v = 0; v < table.values.size(); ++v)
        expectedCount += table.rowTotals[v] * table.colTotals[v];
    out.observed = static_cast<double>(agree) / nd;
    out.expected = static_cast<double>(expectedCount) / (nd * nd);
    out.percentAgreement = 100.0 * out.observed;
    if (expectedCount == n * n) {
        out.undefinedReason = "Kappa is undefined: both coders gave every post the same value (" +
                              table.values[table.cells.begin()->first.first].key() +
                              "), so chance agreement is 1 and kappa is 0/0.";
        return out;
    }

    const double po = out.observed;
    const double pe = out.expected;
    const double k = (po - pe) / (1.0 - pe);
    out.kappa = k;

    // Large-sample variance under the alternative (Fleiss, Cohen & Everitt 1969), the
    // formula of the SAS manual that statsmodels.stats.inter_rater.cohens_kappa reports
    // as var_kappa; p_i = A's marginal, q_i = B's marginal, p_ij = cell share.
    std::vector<double> p(table.values.size());
    std::vector<double> q(table.values.size());
    for (std::size_t v = 0; v < p.size(); ++v) {
        p[v] = static_cast<double>(table.rowTotals[v]) / nd;
        q[v] = static_cast<double>(table.colTotals[v]) / nd;
    }
    double termA = 0;
    double termB = 0;
    for (const auto& [ij, count] : table.cells) {
        const double pij = static_cast<double>(count) / nd;
        const auto [i, j] = ij;
        if (i == j) {
            const double t = 1.0 - (p[i] + q[i]) * (1.0 - k);
            termA += pij * t * t;
        } else {
            const double t = q[i] + p[j];
            termB += pij * t * t;
        }
    }
    termB *= (1.0 - k) * (1.0 - k);
    const double termC = (k - pe * (1.0 - k)) * (k - pe * (1.0 - k));
    const double scale = (1.0 - pe) * (1.0 - pe) * nd;
    // A perfect table gives exactly 0 in theory; rounding may leave -1e-17, and a
    // negative variance must not become NaN through the square root.
    const double variance = std::max(0.0, (termA + termB - termC) / scale);

    // Variance under H0: kappa = 0 (statsmodels' var_kappa0, irr's kappa2 z statistic).
    double cross = 0;
    for (std::size_t v = 0; v < p.size(); ++v)
        cross += p[v] * q[v] * (p[v] + q[v]);
    const double varianceNull = std::max(0.0, (pe + pe * pe - cross) / scale);

    out.standardError = std::sqrt(variance);
    out.standardErrorNull = std::sqrt(varianceNull);
    out.ciLow = k - kNormalQuantile975 * *out.standardError;
    out.ciHigh = k + kNormalQuantile975 * *out.standardError;
    if (*out.standardErrorNull > 0) {
        out.zNull = k / *out.standardErrorNull;
        out.pValueNull = std::erfc(std::fabs(*out.zNull) / std::sqrt(2.0));
    }
    return out;
}

} // namespace

CohenKappa cohensKappa(std::span<const RatedItem> items) {
    Table table;
    table.itemsGiven = items.size();
    std::map<LabelValue, std::size_t> index;
    auto indexOf = [&](const LabelValue& value) {
        auto [it, inserted] = index.try_emplace(value, table.values.size());
        if (inserted) {
            table.values.push_back(value);
            table.rowTotals.push_back(0);
            table.colTotals.push_back(0);
        }
        return it->second;
    };
    for (const auto& item : items) {
        if (!item.a || !item.b) {
            ++table.itemsExcluded;
            continue;
        }
        const std::size_t i = indexOf(*item.a);
        const std::size_t j = indexOf(*item.b);
        ++table.rowTotals[i];
        ++table.colTotals[j];
        ++table.cells[{i, j}];
    }
    return fromTable(std::move(table));
}

std::vector<RatedItem> presenceCoding(std::span<const RatedItem> items, std::int64_t categoryId) {
    const LabelValue present = LabelValue::nominal("present");
    const LabelValue absent = LabelValue::nominal("absent");
    auto code = [&](const std::optional<LabelValue>& v) -> std::optional<LabelValue> {
        if (!v)
            return std::nullopt;
        return v->contains(categoryId) ? present : absent;
    };
    std::vector<RatedItem> out;
    out.reserve(items.size());
    for (const auto& item : items)
        out.push_back({code(item.a), code(item.b)});
    return out;
}

namespace {

// Presence counts of one category over the items that both coders labelled.
struct PresenceCounts {
    std::uint64_t onlyA = 0;
    std::uint64_t onlyB = 0;
    std::uint64_t both = 0;
};

CohenKappa presenceKappa(std::size_t itemsGiven, std::size_t excluded, std::uint64_t n,
                         const PresenceCounts& c) {
    Table table;
    table.itemsGiven = itemsGiven;
    table.itemsExcluded = excluded;
    table.values = {LabelValue::nominal("absent"), LabelValue::nominal("present")};
    const std::uint64_t neither = n - c.onlyA - c.onlyB - c.both;
    table.rowTotals = {neither + c.onlyB, c.onlyA + c.both};
    table.colTotals = {neither + c.onlyA, c.onlyB + c.both};
    const std::uint64_t counts[2][2] = {{neither, c.onlyB}, {c.onlyA, c.both}};
    for (std::size_t i = 0; i < 2; ++i)
        for (std::size_t j = 0; j < 2; ++j)
            if (counts[i][j] > 0)
                table.cells[{i, j}] = counts[i][j];
    return fromTable(std::move(table));
}

} // namespace

CohenKappa categoryPresenceKappa(std::span<const RatedItem> items, std::int64_t categoryId) {
    const std::int64_t ids[] = {categoryId};
    return std::move(perCategoryKappa(items, ids).front().kappa);
}

std::vector<CategoryKappa> perCategoryKappa(std::span<const RatedItem> items,
                                            std::span<const std::int64_t> categoryIds) {
    // One pass over the items for all categories: each label only touches the few
    // categories it contains, and "absent by both" is what is left of n. Building a
    // presence coding per category would cost items x categories label values.
    std::map<std::int64_t, PresenceCounts> counts;
    for (const std::int64_t id : categoryIds)
        counts.try_emplace(id);
    std::size_t excluded = 0;
    std::uint64_t n = 0;
    for (const auto& item : items) {
        if (!item.a || !item.b) {
            ++excluded;
            continue;
        }
        ++n;
        for (const std::int64_t id : item.a->categoryIds()) {
            auto it = counts.find(id);
            if (it == counts.end())
                continue;
            if (item.b->contains(id))
                ++it->second.both;
            else
                ++it->second.onlyA;
        }
        for (const std::int64_t id : item.b->categoryIds()) {
            auto it = counts.find(id);
            if (it != counts.end() && !item.a->contains(id))
                ++it->second.onlyB;
        }
    }
    std::vector<CategoryKappa> out;
    out.reserve(categoryIds.size());
    for (const std::int64_t id : categoryIds)
        out.push_back({id, presenceKappa(items.size(), excluded, n, counts.at(id))});
    return out;
}

} // namespace taxo::agreement
