#pragma once
// Cohen's kappa for the two coders of a round, with the large-sample standard error
// and confidence interval, the confusion table, and the per-root and per-category
// breakdowns. Pure functions over label values: the caller reads the labels.

#include "core/agreement/label_value.h"
#include "core/util/normal.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace taxo::agreement {

// One post as labelled by coder A and coder B; nullopt where that coder has no label.
struct RatedItem {
    std::optional<LabelValue> a;
    std::optional<LabelValue> b;
};

struct ConfusionCell {
    LabelValue a;
    LabelValue b;
    std::size_t count = 0;
};

struct CohenKappa {
    std::size_t itemsGiven = 0;    // every item passed in
    std::size_t itemsExcluded = 0; // items where A or B (or both) had no label
    std::size_t n = 0;             // items labelled by both: the ones every figure uses
    std::size_t agreements = 0;    // items where A's value equals B's
    // po = agreements / n and pe = sum over values of pA(v) * pB(v); both 0 when n == 0.
    double observed = 0;
    double expected = 0;
    double percentAgreement = 0; // 100 * po

    // Absent when kappa is undefined (n == 0, or pe == 1 so the ratio is 0/0); then
    // undefinedReason says why in words for the user. Never NaN, never a made-up 0 or 1.
    std::optional<double> kappa;
    std::string undefinedReason;
    // statsmodels' std_kappa: the asymptotic standard error under the alternative
    // (Fleiss, Cohen & Everitt 1969, as in SAS PROC FREQ's "ASE"), and std_kappa0, the
    // standard error under H0: kappa = 0. Present exactly when kappa is.
    std::optional<double> standardError;
    std::optional<double> standardErrorNull;
    // kappa -/+ qnorm(0.975) * standardError, deliberately not clipped to [-1, 1] so it
    // matches statsmodels and SAS.
    std::optional<double> ciLow;
    std::optional<double> ciHigh;
    // The test of H0: kappa = 0 that R's irr::kappa2 prints and statsmodels reports as
    // z_value and pvalue_two_sided: z = kappa / standardErrorNull, p = 2 * P(Z > |z|).
    // Absent when kappa is, or when the SE under H0 is 0 (one coder gave a single value
    // throughout, so kappa is 0 and z is 0/0). p is computed with erfc, so a small p
    // stays accurate where irr's 2 * (1 - pnorm(|z|)) rounds it to 0.
    std::optional<double> zNull;
    std::optional<double> pValueNull;

    // Non-zero cells of the A-by-B table, ordered by A's value then B's.
    std::vector<ConfusionCell> confusion;
};

CohenKappa cohensKappa(std::span<const RatedItem> items);

// Per root: the same statistic on the items of that root, which the caller selects.
// Per leaf category: each label becomes "present" or "absent" (does the label's set
// contain the category; special values never do), missing stays missing.
std::vector<RatedItem> presenceCoding(std::span<const RatedItem> items, std::int64_t categoryId);
CohenKappa categoryPresenceKappa(std::span<const RatedItem> items, std::int64_t categoryId);

struct CategoryKappa {
    std::int64_t categoryId = 0;
    CohenKappa kappa;
};
std::vector<CategoryKappa> perCategoryKappa(std::span<const RatedItem> items,
                                            std::span<const std::int64_t> categoryIds);

// The two-sided 95 % normal quantile, qnorm(0.975), used for the interval.
inline constexpr double kNormalQuantile975 = util::kNormalQuantile975;

// Landis & Koch (1977) verbal band of a kappa, for labels in the interface:
// < 0 poor, 0-0.20 slight, 0.21-0.40 fair, 0.41-0.60 moderate, 0.61-0.80 substantial,
// 0.81-1 almost perfect. Each band includes its upper bound (0.20 is slight).
enum class KappaBand { Poor, Slight, Fair, Moderate, Substantial, AlmostPerfect };
KappaBand landisKochBand(double kappa);
const char* kappaBandName(KappaBand band);

} // namespace taxo::agreement
