#pragma once
// Krippendorff's alpha for any number of coders with missing values, by the
// coincidence-matrix method ("Computing Krippendorff's Alpha-Reliability", 2011):
// nominal, and with the MASI distance on label sets (Passonneau 2006).

#include "core/agreement/label_value.h"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace taxo::agreement {

// The values that the coders gave one unit (post); a coder without a label is simply
// not in the list. Units with fewer than two values cannot be paired and are dropped.
using Unit = std::vector<LabelValue>;

// The monotonicity factor M of MASI. Passonneau (2006) defines 1, 2/3, 1/3 and 0;
// NLTK's nltk.metrics.distance.masi_distance uses the rounded 0.67 and 0.33, so its
// distances differ in the third decimal (0.665 instead of 0.6667 for {1,2} vs
// {1,2,3,4}). Exact is the default; NltkRounded reproduces NLTK's numbers.
enum class MasiWeights { Exact, NltkRounded };

// MASI distance 1 - J * M, J the Jaccard index of the two category sets. A special or
// nominal value is not a set of categories: it is at distance 0 from itself and 1 from
// every other value, as nominal values are.
double masiDistance(const LabelValue& x, const LabelValue& y,
                    MasiWeights weights = MasiWeights::Exact);

struct KrippendorffAlpha {
    std::size_t unitsGiven = 0;
    std::size_t unitsPairable = 0;   // units with at least two values
    std::size_t values = 0;          // n: the values in pairable units
    double observedDisagreement = 0; // Do
    double expectedDisagreement = 0; // De
    // 1 - Do / De; absent (with a reason) when De == 0 (a single value throughout) or
    // fewer than two pairable values. Never NaN, never a made-up 1.
    std::optional<double> alpha;
    std::string undefinedReason;
};

KrippendorffAlpha krippendorffAlphaNominal(std::span<const Unit> units);
KrippendorffAlpha krippendorffAlphaMasi(std::span<const Unit> units,
                                        MasiWeights weights = MasiWeights::Exact);

} // namespace taxo::agreement
