#pragma once
// Numbers printed as R prints them, so that a figure can be compared with R's output
// character for character: format(x, digits = d) chooses between fixed and scientific
// notation by width, and print.htest writes p-values through format.pval, which shows
// anything below the machine epsilon as "< 2.2e-16" instead of a meaningless digit.

#include <string>
#include <vector>

namespace taxo::util {

// R's format(x, digits = digits) for one finite number (scipen 0): the fewest
// significant digits, up to `digits`, that show x rounded to `digits` significant
// digits, in fixed notation unless scientific notation is narrower.
std::string formatSignificant(double value, int digits);

// R's format(c(x1, x2, ...), digits = digits): one notation and one number of decimals
// for all, enough for each to show `digits` significant digits, as print.htest prints a
// confidence interval ("0.06311133 0.09671723", "-1.000000 -0.885121"). R also pads the
// strings to one width; these are not padded.
std::vector<std::string> formatCommon(const std::vector<double>& values, int digits);

// R's format.pval(p, digits): "< 2.2e-16" below .Machine$double.eps, else
// formatSignificant(p, digits). print.htest uses digits = 4 (getOption("digits") - 3).
std::string formatPValue(double p, int digits = 4);

// "p-value < 2.2e-16" or "p-value = 0.0123", as print.htest writes the line.
std::string pValuePhrase(double p, int digits = 4);

} // namespace taxo::util
