#include "core/agreement/pairwise_kappa.h"

#include <algorithm>
#include <utility>

namespace taxo::agreement {

const CohenKappa* PairwiseKappa::find(std::size_t a, std::size_t b) const {
    if (a == b || a >= coders || b >= coders)
        return nullptr;
    if (b < a)
        std::swap(a, b);
    // Pairs before row a: (N-1) + (N-2) + ... + (N-a) = a (2N - a - 1) / 2.
    const std::size_t at = a * (2 * coders - a - 1) / 2 + (b - a - 1);
    return &pairs[at].kappa;
}

PairwiseKappa pairwiseCohensKappa(std::span<const CoderValues> posts) {
    PairwiseKappa out;
    for (const CoderValues& post : posts)
        out.coders = std::max(out.coders, post.size());
    for (std::size_t a = 0; a < out.coders; ++a)
        for (std::size_t b = a + 1; b < out.coders; ++b)
            out.pairs.push_back({a, b, cohensKappa(itemsOf(posts, a, b))});
    return out;
}

} // namespace taxo::agreement
