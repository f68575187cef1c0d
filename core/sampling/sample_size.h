#pragma once
// How many posts to sample from a set: Cochran's formula for a proportion with the
// finite-population correction, the rule the study used for its 297 and 307.

#include "core/util/result.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace taxo::sampling {

// The standard normal quantile (inverse CDF), Wichura's algorithm AS 241
// (Applied Statistics 37(3), 1988), accurate to about 1e-16; the algorithm behind
// R's qnorm and Python's statistics.NormalDist.inv_cdf. p must lie in (0, 1).
Result<double> normalQuantile(double p);

// How the exact, fractional size becomes a whole number of posts.
// Ceil keeps the promised margin; Floor reproduces the study's 297 and 307.
enum class Rounding { Ceil, Nearest, Floor };

std::string_view roundingName(Rounding rounding);
Result<Rounding> parseRounding(std::string_view text);

struct SampleSizeInput {
    std::int64_t population = 0; // N, the number of posts in the set
    double confidence = 0.95;    // in (0, 1)
    double margin = 0.05;        // half-width of the confidence interval, in (0, 1)
    double proportion = 0.5;     // expected proportion p, in (0, 1); 0.5 is the worst case
    Rounding rounding = Rounding::Ceil;
};

struct SampleSize {
    SampleSizeInput input;
    double z = 0;       // normal quantile at (1 + confidence) / 2
    double n0 = 0;      // z^2 p (1 - p) / e^2, the size for an infinite population
    double nExact = 0;  // n0 / (1 + (n0 - 1) / N)
    std::int64_t n = 0; // nExact rounded, at least 1 and at most N
};

// Refuses N < 1 and any parameter outside its open interval, with a message
// that names the parameter and the allowed range.
Result<SampleSize> computeSampleSize(const SampleSizeInput& input);

} // namespace taxo::sampling
