#pragma once
// Descriptive statistics and the two-proportion test, computed exactly as R does
// them, so numbers in a paper can be checked against R (tests cite the R calls).

#include "core/util/result.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace taxo::stats {

// R's median(x): the middle value, or the mean of the two middle values for even n.
// Precondition: values non-empty.
double median(std::vector<double> values);

// R's fivenum(x): minimum, lower hinge, median, upper hinge, maximum (Tukey's hinges).
// Precondition: values non-empty.
std::array<double, 5> fivenum(std::vector<double> values);

// R's boxplot.stats(x, coef = 1.5): stats[0] and stats[4] are the whiskers, the most
// extreme values within 1.5 * IQR of the hinges (IQR from fivenum's hinges); values
// strictly beyond those limits are outliers.
struct BoxStats {
    std::int64_t n = 0;
    std::array<double, 5> stats{}; // lower whisker, lower hinge, median, upper hinge, upper whisker
    std::vector<double> outliers;  // sorted ascending
    double mean = 0;
};
// Precondition: values non-empty.
BoxStats boxplotStats(std::vector<double> values, double coef = 1.5);

// R's prop.test(x = c(x1, x2), n = c(n1, n2), correct = yates): Pearson's chi-square
// on the 2x2 table of successes and failures, with Yates' continuity correction
// min(0.5, |x1 - n1*p|) when asked, df = 1, upper-tail p-value.
struct PropTest {
    std::int64_t x1 = 0, n1 = 0, x2 = 0, n2 = 0;
    bool corrected = true;
    double estimate1 = 0, estimate2 = 0; // x1/n1 and x2/n2
    double statistic = 0;                // X-squared
    int df = 1;
    double pValue = 1;
    // The 95 % confidence interval of estimate1 - estimate2 as prop.test reports it: the
    // Wald interval widened by Yates' correction, clipped to [-1, 1] as R clips it.
    double ciLow = -1, ciHigh = 1;
    // R warns "Chi-squared approximation may be incorrect" when an expected count is < 5.
    bool approximationWarning = false;
};
// Errors (as R's) when a count is negative, x > n, n is 0, or every observation falls in
// one column (the statistic is then undefined: R returns NaN).
Result<PropTest> propTest(std::int64_t x1, std::int64_t n1, std::int64_t x2, std::int64_t n2,
                          bool yates = true);

// The test's lines as R's print.htest writes them, for text that can be set beside R's:
// "X-squared = 78.973, df = 1, p-value < 2.2e-16" (the statistic to 5 significant
// digits, the p-value through format.pval) and "0.06311133 0.09671723" (the interval
// to 7 significant digits, one number of decimals for both).
std::string propTestLine(const PropTest& test);
std::string propTestInterval(const PropTest& test);

// P(X > statistic) for X chi-square with one degree of freedom: erfc(sqrt(statistic / 2)).
double chiSquareUpperTail1(double statistic);

} // namespace taxo::stats
