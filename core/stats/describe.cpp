#include "core/stats/describe.h"

#include "core/util/normal.h"
#include "core/util/r_format.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace taxo::stats {

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    if (n % 2 == 1)
        return values[n / 2];
    return (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

std::array<double, 5> fivenum(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    // R (stats::fivenum):
    //   n4 <- floor((n + 3)/2)/2
    //   d <- c(1, n4, (n + 1)/2, n + 1 - n4, n)
    //   0.5 * (x[floor(d)] + x[ceiling(d)])
    // with 1-based d; the depths are whole or half numbers, so doubles hold them exactly.
    const double n = static_cast<double>(values.size());
    const double n4 = std::floor((n + 3.0) / 2.0) / 2.0;
    const std::array<double, 5> depths = {1.0, n4, (n + 1.0) / 2.0, n + 1.0 - n4, n};
    std::array<double, 5> result{};
    for (std::size_t i = 0; i < 5; ++i) {
        const auto lo = static_cast<std::size_t>(std::floor(depths[i])) - 1;
        const auto hi = static_cast<std::size_t>(std::ceil(depths[i])) - 1;
        result[i] = 0.5 * (values[lo] + values[hi]);
    }
    return result;
}

BoxStats boxplotStats(std::vector<double> values, double coef) {
    BoxStats box;
    box.n = static_cast<std::int64_t>(values.size());
    std::sort(values.begin(), values.end());
    box.stats = fivenum(values);
    box.mean =
        std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
    // R (grDevices::boxplot.stats):
    //   iqr <- diff(stats[c(2, 4)])
    //   out <- x < (stats[2L] - coef * iqr) | x > (stats[4L] + coef * iqr)
    //   if (any(out)) stats[c(1, 5)] <- range(x[!out])
    if (coef <= 0)
        return box; // R: coef == 0 draws whiskers to the extremes and reports no outliers
    const double iqr = box.stats[3] - box.stats[1];
    const double lowLimit = box.stats[1] - coef * iqr;
    const double highLimit = box.stats[3] + coef * iqr;
    std::vector<double> inside;
    for (double value : values) {
        if (value < lowLimit || value > highLimit)
            box.outliers.push_back(value);
        else
            inside.push_back(value);
    }
    // The hinges always lie within the limits, so `inside` is never empty.
    if (!box.outliers.empty() && !inside.empty()) {
        box.stats[0] = inside.front();
        box.stats[4] = inside.back();
    }
    return box;
}

double chiSquareUpperTail1(double statistic) {
    if (statistic <= 0)
        return 1.0;
    return std::erfc(std::sqrt(statistic / 2.0));
}

Result<PropTest> propTest(std::int64_t x1, std::int64_t n1, std::int64_t x2, std::int64_t n2,
                          bool yates) {
    if (n1 <= 0 || n2 <= 0)
        return makeError("the proportion test needs at least one question in each group (n = " +
                         std::to_string(n1) + ", " + std::to_string(n2) + ")");
    if (x1 < 0 || x2 < 0 || x1 > n1 || x2 > n2)
        return makeError("the proportion test needs 0 <= x <= n in each group");
    PropTest test;
    test.x1 = x1, test.n1 = n1, test.x2 = x2, test.n2 = n2;
    test.corrected = yates;
    const double dx1 = static_cast<double>(x1), dn1 = static_cast<double>(n1);
    const double dx2 = static_cast<double>(x2), dn2 = static_cast<double>(n2);
    test.estimate1 = dx1 / dn1;
    test.estimate2 = dx2 / dn2;
    const double p = (dx1 + dx2) / (dn1 + dn2);
    if (p <= 0.0 || p >= 1.0)
        return makeError("the proportion test is undefined when every question falls on one "
                         "side (pooled proportion " +
                         std::to_string(p) + ")");
    // R (stats::prop.test), k = 2:
    //   YATES <- if (correct && (k <= 2)) .5 else 0
    //   DELTA <- ESTIMATE[1L] - ESTIMATE[2L]
    //   YATES <- min(YATES, abs(DELTA)/sum(1/n))
    //   x <- cbind(x, n - x); E <- cbind(n * p, n * (1 - p))
    //   STATISTIC <- sum((abs(x - E) - YATES)^2/E)
    //   PARAMETER <- k - 1; PVAL <- pchisq(STATISTIC, PARAMETER, lower.tail = FALSE)
    double correction = 0.0;
    if (yates)
        correction =
            std::min(0.5, std::abs(test.estimate1 - test.estimate2) / (1.0 / dn1 + 1.0 / dn2));
    const std::array<double, 4> observed = {dx1, dn1 - dx1, dx2, dn2 - dx2};
    const std::array<double, 4> expected = {dn1 * p, dn1 * (1 - p), dn2 * p, dn2 * (1 - p)};
    double statistic = 0.0;
    for (std::size_t i = 0; i < 4; ++i) {
        const double d = std::abs(observed[i] - expected[i]) - correction;
        statistic += d * d / expected[i];
        if (expected[i] < 5.0)
            test.approximationWarning = true;
    }
    test.statistic = statistic;
    test.df = 1;
    test.pValue = chiSquareUpperTail1(statistic);
    //   WIDTH <- qnorm((1 + conf.level)/2) * sqrt(sum(ESTIMATE * (1 - ESTIMATE)/n)) +
    //            YATES * sum(1/n)
    //   CINT <- c(max(DELTA - WIDTH, -1), min(DELTA + WIDTH, 1))
    const double delta = test.estimate1 - test.estimate2;
    const double width =
        util::kNormalQuantile975 * std::sqrt(test.estimate1 * (1 - test.estimate1) / dn1 +
                                             test.estimate2 * (1 - test.estimate2) / dn2) +
        correction * (1.0 / dn1 + 1.0 / dn2);
    test.ciLow = std::max(delta - width, -1.0);
    test.ciHigh = std::min(delta + width, 1.0);
    return test;
}

std::string propTestLine(const PropTest& test) {
    // print.htest: format(statistic, max(1L, digits - 2L)), format.pval(p, digits - 3L),
    // with getOption("digits") = 7.
    return "X-squared = " + util::formatSignificant(test.statistic, 5) +
           ", df = " + std::to_string(test.df) + ", " + util::pValuePhrase(test.pValue, 4);
}

std::string propTestInterval(const PropTest& test) {
    const auto bounds = util::formatCommon({test.ciLow, test.ciHigh}, 7);
    return bounds[0] + " " + bounds[1];
}

} // namespace taxo::stats
