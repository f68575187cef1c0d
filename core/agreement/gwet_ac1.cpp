#include "core/agreement/gwet_ac1.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

namespace taxo::agreement {

GwetAc1 gwetAc1(std::span<const Unit> units) {
    GwetAc1 out;
    out.postsGiven = units.size();

    // Per rated post i: r_i labels, r_ik of them value k (kept sparse: a post has a few
    // values, the study can have thousands).
    struct Post {
        std::uint64_t labels = 0;
        std::vector<std::pair<std::size_t, std::uint64_t>> counts;
    };
    std::map<LabelValue, std::size_t> index;
    std::vector<const LabelValue*> values;
    std::vector<Post> posts;
    for (const Unit& unit : units) {
        if (unit.empty())
            continue;
        Post post;
        post.labels = unit.size();
        for (const LabelValue& v : unit) {
            auto [it, inserted] = index.try_emplace(v, values.size());
            if (inserted)
                values.push_back(&it->first);
            const std::size_t slot = it->second;
            auto found = std::find_if(post.counts.begin(), post.counts.end(),
                                      [&](const auto& e) { return e.first == slot; });
            if (found == post.counts.end())
                post.counts.emplace_back(slot, 1);
            else
                ++found->second;
        }
        if (post.labels >= 2)
            ++out.postsPairable;
        posts.push_back(std::move(post));
    }
    out.postsRated = posts.size();
    out.categories = values.size();

    if (out.postsPairable == 0) {
        out.undefinedReason = "AC1 is undefined: no post has labels from at least two coders.";
        out.standardErrorUndefinedReason = out.undefinedReason;
        return out;
    }
    // pa_i = sum_k r_ik (r_ik - 1) / (r_i (r_i - 1)) on posts with r_i >= 2, pa their mean;
    // pi_k = (1/n) sum_i r_ik / r_i over all rated posts; pe = sum_k pi_k (1 - pi_k) / (q-1).
    const double n = static_cast<double>(out.postsRated);
    const double n2 = static_cast<double>(out.postsPairable);
    const double qMinus1 = static_cast<double>(values.size() - 1);
    std::vector<double> pi(values.size(), 0.0);
    std::vector<double> paOf(posts.size(), 0.0);
    double paSum = 0;
    for (std::size_t i = 0; i < posts.size(); ++i) {
        const Post& post = posts[i];
        const double r = static_cast<double>(post.labels);
        std::uint64_t agreeingPairs = 0;
        for (const auto& [slot, count] : post.counts) {
            pi[slot] += static_cast<double>(count) / r;
            agreeingPairs += count * (count - 1);
        }
        if (post.labels >= 2) {
            paOf[i] = static_cast<double>(agreeingPairs) / (r * (r - 1.0));
            paSum += paOf[i];
        }
    }
    const double pa = paSum / n2;
    out.observed = pa;
    if (values.size() < 2) {
        // Gwet's pe divides by q - 1. irrCAC's gwet.ac1.raw substitutes pe = 1e-15 here and
        // prints 1; Taxonomist does not make the number up.
        out.undefinedReason = "AC1 is undefined: every label is the same value (" +
                              values.front()->key() +
                              "), and Gwet's chance agreement divides by the number of values "
                              "used minus one, which is 0.";
        out.standardErrorUndefinedReason = out.undefinedReason;
        return out;
    }

    double chance = 0;
    for (double& p : pi) {
        p /= n;
        chance += p * (1.0 - p);
    }
    const double pe = chance / qMinus1;
    out.expected = pe;
    const double ac1 = (pa - pe) / (1.0 - pe);
    out.ac1 = ac1;

    if (posts.size() < 2) {
        out.standardErrorUndefinedReason =
            "The standard error of AC1 is undefined: it needs at least two posts with labels.";
        return out;
    }
    // The linearised variance of Gwet (2008) as irrCAC's gwet.ac1.raw computes it,
    // over the n rated posts, without the finite-population correction (f = 0):
    //   ac1_i  = (n / n2) (pa_i - pe [r_i >= 2]) / (1 - pe)
    //   pe_i   = sum_k (r_ik / r_i) (1 - pi_k) / (q - 1)
    //   ac1*_i = ac1_i - 2 (1 - AC1) (pe_i - pe) / (1 - pe)
    //   var    = sum_i (ac1*_i - AC1)^2 / (n (n - 1))
    // For two coders without missing values this is n / (n - 1) times the variance of
    // Gwet's (2008) two-rater formula (irrCAC gwet.ac1.table), which divides by n.
    double sum = 0;
    for (std::size_t i = 0; i < posts.size(); ++i) {
        const Post& post = posts[i];
        const double r = static_cast<double>(post.labels);
        const double pairable = post.labels >= 2 ? 1.0 : 0.0;
        double peOf = 0;
        for (const auto& [slot, count] : post.counts)
            peOf += static_cast<double>(count) / r * (1.0 - pi[slot]);
        peOf /= qMinus1;
        const double ac1Of = (n / n2) * (paOf[i] - pe * pairable) / (1.0 - pe);
        const double linearised = ac1Of - 2.0 * (1.0 - ac1) * (peOf - pe) / (1.0 - pe);
        sum += (linearised - ac1) * (linearised - ac1);
    }
    out.standardError = std::sqrt(sum / (n * (n - 1.0)));
    return out;
}

GwetAc1 gwetAc1(std::span<const RatedItem> items) {
    std::vector<Unit> units;
    units.reserve(items.size());
    for (const RatedItem& item : items) {
        Unit unit;
        if (item.a)
            unit.push_back(*item.a);
        if (item.b)
            unit.push_back(*item.b);
        units.push_back(std::move(unit));
    }
    return gwetAc1(units);
}

} // namespace taxo::agreement
