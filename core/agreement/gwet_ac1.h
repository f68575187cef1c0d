#pragma once
// Gwet's AC1 for two or more coders over nominal values, with its standard error:
// Gwet (2008), "Computing inter-rater reliability and its variance in the presence of
// high agreement", British Journal of Mathematical and Statistical Psychology 61:29-48,
// with missing ratings handled as R irrCAC's gwet.ac1.raw does (Gwet's own package, which
// follows his Handbook of Inter-Rater Reliability, 4th ed., 2014; the Handbook itself was
// not consulted). Pure functions over label values.

#include "core/agreement/cohen_kappa.h"
#include "core/agreement/krippendorff_alpha.h"

#include <cstddef>
#include <optional>
#include <span>
#include <string>

namespace taxo::agreement {

struct GwetAc1 {
    std::size_t postsGiven = 0;    // every post passed in
    std::size_t postsRated = 0;    // n: posts with at least one label
    std::size_t postsPairable = 0; // posts with at least two labels, the ones pa averages
    std::size_t categories = 0;    // q: distinct values given
    // observed = pa, the mean over pairable posts of the share of agreeing coder pairs;
    // expected = pe = sum_k pi_k (1 - pi_k) / (q - 1), pi_k the mean over rated posts of
    // the share of the post's labels that are value k. observed is reported whenever a
    // post is pairable (it is 1 when a single value is used); expected is 0 where AC1 is
    // undefined.
    double observed = 0;
    double expected = 0;

    // Absent when AC1 is undefined: no pairable post, or a single value throughout (then
    // q - 1 == 0 and pe is 0/0); undefinedReason says why in words for the user. Never
    // NaN, never a made-up 0 or 1. With q >= 2, pe <= 1/q < 1, so AC1 is then defined.
    std::optional<double> ac1;
    std::string undefinedReason;
    // The standard error without finite-population correction (f = 0). Present when ac1
    // is and at least two posts are rated (the variance divides by n - 1); otherwise
    // absent with standardErrorUndefinedReason.
    std::optional<double> standardError;
    std::string standardErrorUndefinedReason;
};

// N coders: the values each post was given. A post with one value counts in n and in
// the pi_k but not in pa; a post with none is not rated and counts nowhere.
GwetAc1 gwetAc1(std::span<const Unit> units);
// Two coders: exactly the N-coder form on the items' values (a missing value is left
// out of the post), so the two agree to the last bit.
GwetAc1 gwetAc1(std::span<const RatedItem> items);

} // namespace taxo::agreement
