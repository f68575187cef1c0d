#include "core/sampling/sample_size.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace taxo::sampling {
namespace {

// Horner evaluation of c[0] + c[1] r + ... + c[7] r^7.
double poly(const double (&c)[8], double r) {
    double value = c[7];
    for (int i = 6; i >= 0; --i)
        value = value * r + c[i];
    return value;
}

std::string formatNumber(double value) {
    std::ostringstream out;
    out.precision(17);
    out << value;
    return out.str();
}

bool insideOpenUnit(double value) {
    return std::isfinite(value) && value > 0.0 && value < 1.0;
}

} // namespace

Result<double> normalQuantile(double p) {
    if (!insideOpenUnit(p))
        return makeError("the normal quantile needs a probability strictly between 0 and 1, got " +
                         formatNumber(p));
    // Coefficients of AS 241 (PPND16), Wichura 1988, Table 1. Three rational
    // approximations: the centre |p - 0.5| <= 0.425, then two tail regions in
    // r = sqrt(-log(min(p, 1 - p))).
    static constexpr double a[8] = {3.3871328727963666080e0,  1.3314166789178437745e+2,
                                    1.9715909503065514427e+3, 1.3731693765509461125e+4,
                                    4.5921953931549871457e+4, 6.7265770927008700853e+4,
                                    3.3430575583588128105e+4, 2.5090809287301226727e+3};
    static constexpr double b[8] = {1.0,
                                    4.2313330701600911252e+1,
                                    6.8718700749205790830e+2,
                                    5.3941960214247511077e+3,
                                    2.1213794301586595867e+4,
                                    3.9307895800092710610e+4,
                                    2.8729085735721942674e+4,
                                    5.2264952788528545610e+3};
    static constexpr double c[8] = {1.42343711074968357734e0,  4.63033784615654529590e0,
                                    5.76949722146069140550e0,  3.64784832476320460504e0,
                                    1.27045825245236838258e0,  2.41780725177450611770e-1,
                                    2.27238449892691845833e-2, 7.74545014278341407640e-4};
    static constexpr double d[8] = {1.0,
                                    2.05319162663775882187e0,
                                    1.67638483018380384940e0,
                                    6.89767334985100004550e-1,
                                    1.48103976427480074590e-1,
                                    1.51986665636164571966e-2,
                                    5.47593808499534494600e-4,
                                    1.05075007164441684324e-9};
    static constexpr double e[8] = {6.65790464350110377720e0,  5.46378491116411436990e0,
                                    1.78482653991729133580e0,  2.96560571828504891230e-1,
                                    2.65321895265761230930e-2, 1.24266094738807843860e-3,
                                    2.71155556874348757815e-5, 2.01033439929228813265e-7};
    static constexpr double f[8] = {1.0,
                                    5.99832206555887937690e-1,
                                    1.36929880922735805310e-1,
                                    1.48753612908506148525e-2,
                                    7.86869131145613259100e-4,
                                    1.84631831751005468180e-5,
                                    1.42151175831644588870e-7,
                                    2.04426310338993978564e-15};
    const double q = p - 0.5;
    if (std::fabs(q) <= 0.425) {
        const double r = 0.180625 - q * q;
        return q * poly(a, r) / poly(b, r);
    }
    double r = q < 0 ? p : 1.0 - p;
    r = std::sqrt(-std::log(r));
    double x = 0;
    if (r <= 5.0) {
        r -= 1.6;
        x = poly(c, r) / poly(d, r);
    } else {
        r -= 5.0;
        x = poly(e, r) / poly(f, r);
    }
    return q < 0 ? -x : x;
}

std::string_view roundingName(Rounding rounding) {
    switch (rounding) {
    case Rounding::Ceil:
        return "ceil";
    case Rounding::Nearest:
        return "nearest";
    case Rounding::Floor:
        return "floor";
    }
    return "ceil";
}

Result<Rounding> parseRounding(std::string_view text) {
    if (text == "ceil")
        return Rounding::Ceil;
    if (text == "nearest")
        return Rounding::Nearest;
    if (text == "floor")
        return Rounding::Floor;
    return makeError("unknown rounding '" + std::string(text) +
                     "'; use ceil (keeps the margin), nearest or floor (the study's 297 and 307)");
}

Result<SampleSize> computeSampleSize(const SampleSizeInput& input) {
    if (input.population < 1)
        return makeError("the population must be at least 1 post, got " +
                         std::to_string(input.population));
    if (!insideOpenUnit(input.confidence))
        return makeError("the confidence level must lie strictly between 0 and 1 (0.95 for 95 %), "
                         "got " +
                         formatNumber(input.confidence));
    if (!insideOpenUnit(input.margin))
        return makeError("the margin of error must lie strictly between 0 and 1 (0.05 for 5 %), "
                         "got " +
                         formatNumber(input.margin));
    if (!insideOpenUnit(input.proportion))
        return makeError("the expected proportion must lie strictly between 0 and 1 (0.5 is the "
                         "safe choice), got " +
                         formatNumber(input.proportion));
    SampleSize size;
    size.input = input;
    // Two-sided interval: the quantile at 1 - (1 - c) / 2, written (1 + c) / 2.
    auto z = normalQuantile((1.0 + input.confidence) / 2.0);
    if (!z)
        return z.error();
    size.z = *z;
    const double p = input.proportion;
    size.n0 = size.z * size.z * p * (1.0 - p) / (input.margin * input.margin);
    const auto population = static_cast<double>(input.population);
    // A margin so small that n0 overflows means "every post": the limit of the formula.
    size.nExact =
        std::isfinite(size.n0) ? size.n0 / (1.0 + (size.n0 - 1.0) / population) : population;
    double rounded = 0;
    switch (input.rounding) {
    case Rounding::Ceil:
        rounded = std::ceil(size.nExact);
        break;
    case Rounding::Nearest:
        rounded = std::round(size.nExact); // halves away from zero
        break;
    case Rounding::Floor:
        rounded = std::floor(size.nExact);
        break;
    }
    // nExact <= N holds exactly (N >= 1), but ceil of a value a rounding error
    // above N must not ask for more posts than exist; and a sample has at least
    // one post even when a very wide margin makes n0 < 1.
    size.n = rounded >= population ? input.population
                                   : std::max(std::int64_t{1}, static_cast<std::int64_t>(rounded));
    return size;
}

} // namespace taxo::sampling
