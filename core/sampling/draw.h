#pragma once
// The seeded draw that anyone can redo: a canonical order of the set's posts, a
// Fisher-Yates shuffle driven by std::mt19937_64 with our own uniform integers,
// and the first k of the result. docs/sampling.md gives the algorithm and a short
// Python script that reproduces it. std::shuffle and std::uniform_int_distribution
// are never used: their output differs between standard libraries.

#include "core/corpus/post_ref.h"
#include "core/util/result.h"

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace taxo::sampling {

using corpus::canonicalLess;
using corpus::itemName;
using corpus::PostRef;
using corpus::sortCanonically;

// A seed is a decimal unsigned 64-bit integer; anything else is refused.
Result<std::uint64_t> parseSeed(std::string_view text);
// A fresh seed from the system's entropy, for the GUI's "propose a seed".
std::uint64_t randomSeed();

// Uniform on [0, bound] from 64-bit engine outputs by rejection: outputs at or
// above 2^64 - (2^64 mod (bound + 1)) are drawn again, then r mod (bound + 1).
std::uint64_t uniformUpTo(std::mt19937_64& engine, std::uint64_t bound);

// Fisher-Yates from the last index down to 1, j = uniformUpTo(i), swap(i, j).
template <typename T> void shuffleInPlace(std::vector<T>& items, std::mt19937_64& engine) {
    if (items.size() < 2)
        return;
    for (std::size_t i = items.size() - 1; i >= 1; --i) {
        const auto j = static_cast<std::size_t>(uniformUpTo(engine, i));
        if (i != j)
            std::swap(items[i], items[j]);
    }
}

// round(k * fraction), halves away from zero (std::round), within [0, k].
std::int64_t pilotCount(std::int64_t sampleSize, double pilotFraction);

struct Draw {
    std::vector<PostRef> sample; // in drawn order
    std::int64_t pilotSize = 0;  // the first pilotSize of the sample form the pilot
};

// Orders the posts canonically, shuffles them with the seed and keeps the first
// `size`. Refuses an empty population, a size of 0 or above the population, and
// a pilot fraction outside [0, 1].
Result<Draw> drawSample(std::vector<PostRef> population, std::uint64_t seed, std::int64_t size,
                        double pilotFraction);

} // namespace taxo::sampling
