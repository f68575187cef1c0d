#include "core/util/r_format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace taxo::util {
namespace {

// The value rounded to `digits` significant digits, as mantissa digits and exponent:
// 0.0001234 with 3 digits is "123" and -4 (1.23e-04).
struct Rounded {
    bool negative = false;
    std::string mantissa; // the significant digits, trailing zeros dropped
    int exponent = 0;
};

Rounded roundSignificant(double value, int digits) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*e", digits - 1, std::fabs(value));
    Rounded rounded;
    rounded.negative = std::signbit(value) && value != 0;
    std::string all(text);
    const auto e = all.find('e');
    for (std::size_t i = 0; i < e; ++i)
        if (all[i] != '.')
            rounded.mantissa += all[i];
    rounded.exponent = std::atoi(all.c_str() + e + 1);
    while (rounded.mantissa.size() > 1 && rounded.mantissa.back() == '0')
        rounded.mantissa.pop_back();
    return rounded;
}

} // namespace

std::string formatSignificant(double value, int digits) {
    if (!std::isfinite(value))
        return std::isnan(value) ? "NaN" : (value > 0 ? "Inf" : "-Inf");
    return formatCommon({value}, digits).front(); // one number: R's rule for a vector of one
}

std::vector<std::string> formatCommon(const std::vector<double>& values, int digits) {
    digits = std::clamp(digits, 1, 15);
    int decimals = 0;
    int significant = 1;
    int fixedWidth = 0;
    int sciWidth = 0;
    bool allFinite = true;
    for (const double value : values) {
        if (!std::isfinite(value)) {
            allFinite = false;
            continue;
        }
        if (value == 0) {
            fixedWidth = std::max(fixedWidth, 1);
            continue;
        }
        const Rounded r = roundSignificant(value, digits);
        const int sig = static_cast<int>(r.mantissa.size());
        const int sign = r.negative ? 1 : 0;
        decimals = std::max(decimals, sig - 1 - r.exponent);
        significant = std::max(significant, sig);
        fixedWidth = std::max(fixedWidth, sign + std::max(1, r.exponent + 1));
        sciWidth = std::max(sciWidth, sign + 2 + (std::abs(r.exponent) >= 100 ? 3 : 2));
    }
    fixedWidth += decimals > 0 ? decimals + 1 : 0;
    sciWidth += significant > 1 ? significant + 1 : 1;
    std::vector<std::string> out;
    char text[400];
    for (const double value : values) {
        if (!std::isfinite(value) || !allFinite) {
            out.push_back(formatSignificant(value, digits));
        } else if (fixedWidth <= sciWidth) {
            std::snprintf(text, sizeof text, "%.*f", decimals, value);
            out.push_back(text);
        } else {
            std::snprintf(text, sizeof text, "%.*e", significant - 1, value);
            out.push_back(text);
        }
    }
    return out;
}

std::string formatPValue(double p, int digits) {
    if (p < std::numeric_limits<double>::epsilon())
        return "< " +
               formatSignificant(std::numeric_limits<double>::epsilon(), std::max(1, digits - 2));
    return formatSignificant(p, digits);
}

std::string pValuePhrase(double p, int digits) {
    const auto text = formatPValue(p, digits);
    return text.front() == '<' ? "p-value " + text : "p-value = " + text;
}

} // namespace taxo::util
