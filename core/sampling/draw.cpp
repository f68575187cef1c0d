#include "core/sampling/draw.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace taxo::sampling {

Result<std::uint64_t> parseSeed(std::string_view text) {
    const auto refuse = [&] {
        return makeError("the seed must be a whole number from 0 to 18446744073709551615, got '" +
                         std::string(text) + "'");
    };
    if (text.empty() || text.size() > 20)
        return refuse();
    std::uint64_t value = 0;
    constexpr auto kMax = std::numeric_limits<std::uint64_t>::max();
    for (const char c : text) {
        if (c < '0' || c > '9')
            return refuse();
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (value > (kMax - digit) / 10)
            return refuse();
        value = value * 10 + digit;
    }
    return value;
}

std::uint64_t randomSeed() {
    std::random_device device;
    // random_device yields 32-bit values; two of them fill the 64-bit seed.
    const auto high = static_cast<std::uint64_t>(device()) & 0xFFFFFFFFu;
    const auto low = static_cast<std::uint64_t>(device()) & 0xFFFFFFFFu;
    return (high << 32) | low;
}

std::uint64_t uniformUpTo(std::mt19937_64& engine, std::uint64_t bound) {
    if (bound == std::numeric_limits<std::uint64_t>::max())
        return engine();
    const std::uint64_t m = bound + 1;
    // (2^64 mod m) computed in 64 bits: (2^64 - m) mod m == (-m) mod m.
    const std::uint64_t excess = (std::uint64_t{0} - m) % m;
    // Accept r < 2^64 - excess, i.e. r <= max - excess; nothing is rejected when excess is 0.
    const std::uint64_t highestAccepted = std::numeric_limits<std::uint64_t>::max() - excess;
    std::uint64_t r = engine();
    while (r > highestAccepted)
        r = engine();
    return r % m;
}

std::int64_t pilotCount(std::int64_t sampleSize, double pilotFraction) {
    const double exact = static_cast<double>(sampleSize) * pilotFraction;
    const auto rounded = static_cast<std::int64_t>(std::round(exact));
    return std::clamp(rounded, std::int64_t{0}, sampleSize);
}

Result<Draw> drawSample(std::vector<PostRef> population, std::uint64_t seed, std::int64_t size,
                        double pilotFraction) {
    const auto count = static_cast<std::int64_t>(population.size());
    if (count == 0)
        return makeError(
            "the set has no posts, so there is nothing to sample; build the set first");
    if (size < 1)
        return makeError("the sample size must be at least 1, got " + std::to_string(size));
    if (size > count)
        return makeError("a sample of " + std::to_string(size) + " cannot be drawn from " +
                         std::to_string(count) + " posts; ask for at most " +
                         std::to_string(count) + " (or take them all)");
    if (!(pilotFraction >= 0.0 && pilotFraction <= 1.0))
        return makeError("the pilot fraction must lie between 0 and 1 (0.3 for 30 %)");
    sortCanonically(population);
    std::mt19937_64 engine(seed);
    shuffleInPlace(population, engine);
    population.resize(static_cast<std::size_t>(size));
    Draw draw;
    draw.sample = std::move(population);
    draw.pilotSize = pilotCount(size, pilotFraction);
    return draw;
}

} // namespace taxo::sampling
