#pragma once
// Fleiss' kappa for N >= 2 coders over nominal values (Fleiss 1971, "Measuring nominal
// scale agreement among many raters", Psychological Bulletin 76:378-382), with its
// large-sample standard error under H0: kappa = 0 (Fleiss, Nee & Landis 1979, "Large
// sample variance of kappa in the case of different sets of raters", Psychological
// Bulletin 86:974-977). Pure functions over label values: the caller reads the labels.

#include "core/agreement/krippendorff_alpha.h"
#include "core/util/result.h"

#include <cstddef>
#include <optional>
#include <span>
#include <string>

namespace taxo::agreement {

struct FleissKappa {
    std::size_t coders = 0;        // m: the values every post that counts has
    std::size_t postsGiven = 0;    // every post passed in
    std::size_t postsExcluded = 0; // posts that fewer than all m coders labelled
    std::size_t n = 0;             // posts labelled by every coder: the ones every figure uses
    std::size_t categories = 0;    // distinct values among those posts
    // observed = P-bar, the mean over posts of the share of agreeing coder pairs;
    // expected = Pe-bar = sum over values of p_j^2, p_j the value's share of all n * m
    // labels. Both 0 when n == 0.
    double observed = 0;
    double expected = 0;

    // Absent when kappa is undefined (n == 0, or a single value throughout so that
    // Pe-bar == 1 and the ratio is 0/0); then undefinedReason says why in words for the
    // user. Never NaN, never a made-up 0 or 1.
    std::optional<double> kappa;
    std::string undefinedReason;
    // Standard error under H0: kappa = 0 (Fleiss, Nee & Landis 1979), what R irr's
    // kappam.fleiss divides kappa by for its z. Present exactly when kappa is. There is no
    // standard error under the alternative here: none could be checked against a
    // reference implementation.
    std::optional<double> standardErrorNull;
    // The test of H0: kappa = 0 as R irr's kappam.fleiss prints it: z = kappa /
    // standardErrorNull, p = 2 * P(Z > |z|) (computed with erfc, so a small p stays exact).
    // Present when the standard error is and is not 0.
    std::optional<double> zNull;
    std::optional<double> pValueNull;
};

// Fleiss' kappa needs the same number of ratings for every post, so only the posts with
// a value from each of the `coders` coders count; the others are left out and counted in
// postsExcluded. Fails when coders < 2 or a post has more values than there are coders
// (the caller mixed up its rows).
Result<FleissKappa> fleissKappa(std::span<const Unit> units, std::size_t coders);

} // namespace taxo::agreement
