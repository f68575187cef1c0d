#include "core/agreement/fleiss_kappa.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

namespace taxo::agreement {

Result<FleissKappa> fleissKappa(std::span<const Unit> units, std::size_t coders) {
    if (coders < 2)
        return makeError("Fleiss' kappa needs at least two coders; " + std::to_string(coders) +
                         " were given.");
    FleissKappa out;
    out.coders = coders;
    out.postsGiven = units.size();

    // With n_ij the coders who gave post i value j, Fleiss (1971) defines
    //   P_i = (sum_j n_ij^2 - m) / (m (m - 1)),  P-bar = mean_i P_i,
    //   p_j = sum_i n_ij / (n m),                Pe-bar = sum_j p_j^2,
    //   kappa = (P-bar - Pe-bar) / (1 - Pe-bar).
    // Every sum is over integers until the end, so the undefined case below is exact.
    std::map<LabelValue, std::size_t> index;
    std::vector<const LabelValue*> values;
    std::vector<std::uint64_t> totals; // sum_i n_ij
    std::uint64_t squares = 0;         // sum_i sum_j n_ij^2
    std::vector<std::pair<std::size_t, std::uint64_t>> unitCounts;
    for (std::size_t u = 0; u < units.size(); ++u) {
        const Unit& unit = units[u];
        if (unit.size() > coders)
            return makeError("Post " + std::to_string(u + 1) + " has " +
                             std::to_string(unit.size()) + " labels, more than the " +
                             std::to_string(coders) + " coders.");
        if (unit.size() < coders) {
            ++out.postsExcluded;
            continue;
        }
        ++out.n;
        unitCounts.clear();
        for (const LabelValue& v : unit) {
            auto [it, inserted] = index.try_emplace(v, values.size());
            if (inserted) {
                values.push_back(&it->first);
                totals.push_back(0);
            }
            ++totals[it->second];
            const std::size_t slot = it->second;
            auto found = std::find_if(unitCounts.begin(), unitCounts.end(),
                                      [&](const auto& e) { return e.first == slot; });
            if (found == unitCounts.end())
                unitCounts.emplace_back(slot, 1);
            else
                ++found->second;
        }
        for (const auto& [slot, count] : unitCounts)
            squares += count * count;
    }
    out.categories = values.size();

    if (out.n == 0) {
        out.undefinedReason = "Kappa is undefined: no post has a label from every one of the " +
                              std::to_string(coders) + " coders.";
        return out;
    }
    const std::uint64_t m = coders;
    const std::uint64_t labels = out.n * m;
    std::uint64_t totalSquares = 0;
    for (const std::uint64_t t : totals)
        totalSquares += t * t;
    const double nm = static_cast<double>(labels);
    out.observed = static_cast<double>(squares - labels) / (nm * static_cast<double>(m - 1));
    out.expected = static_cast<double>(totalSquares) / (nm * nm);
    // Pe-bar == 1 exactly when sum_j T_j^2 == (n m)^2, i.e. one value took every label.
    if (totalSquares == labels * labels) {
        out.undefinedReason = "Kappa is undefined: every coder gave every post the same value (" +
                              values.front()->key() +
                              "), so chance agreement is 1 and kappa is 0/0.";
        return out;
    }
    out.kappa = (out.observed - out.expected) / (1.0 - out.expected);

    // Fleiss, Nee & Landis (1979), variance under H0 with q_j = 1 - p_j:
    //   var0 = 2 ((sum_j p_j q_j)^2 - sum_j p_j q_j (q_j - p_j)) /
    //          ((sum_j p_j q_j)^2 n m (m - 1))
    // (the formula of R irr's kappam.fleiss). With two or more values sum p_j q_j > 0.
    double pq = 0;
    double skew = 0;
    for (const std::uint64_t t : totals) {
        const double p = static_cast<double>(t) / nm;
        const double q = 1.0 - p;
        pq += p * q;
        skew += p * q * (q - p);
    }
    const double varianceNull =
        std::max(0.0, 2.0 * (pq * pq - skew) / (pq * pq * nm * static_cast<double>(m - 1)));
    out.standardErrorNull = std::sqrt(varianceNull);
    if (*out.standardErrorNull > 0) {
        out.zNull = *out.kappa / *out.standardErrorNull;
        out.pValueNull = std::erfc(std::fabs(*out.zNull) / std::sqrt(2.0));
    }
    return out;
}

} // namespace taxo::agreement
