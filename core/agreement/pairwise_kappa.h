#pragma once
// Cohen's kappa for every pair of N coders: the two-coder statistic of cohen_kappa.h on
// each pair's posts, so a round with more than two coders can show who agrees with whom.

#include "core/agreement/coder_values.h"
#include "core/agreement/cohen_kappa.h"

#include <cstddef>
#include <span>
#include <vector>

namespace taxo::agreement {

struct CoderPairKappa {
    std::size_t coderA = 0; // coderA < coderB
    std::size_t coderB = 0;
    CohenKappa kappa; // items = every post; a post missing for either coder is excluded
};

struct PairwiseKappa {
    std::size_t coders = 0; // N: the longest row
    // Every pair a < b once, ordered by a then b: (0,1), (0,2), ..., (N-2,N-1).
    std::vector<CoderPairKappa> pairs;

    // The kappa of coders a and b in either order; nullptr when a == b (a coder is not
    // compared with themself) or either is not a coder.
    const CohenKappa* find(std::size_t a, std::size_t b) const;
};

// N is the longest row of posts; a coder past the end of a shorter row has no label there.
PairwiseKappa pairwiseCohensKappa(std::span<const CoderValues> posts);

} // namespace taxo::agreement
