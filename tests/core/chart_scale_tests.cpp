// The axes and units of the statistics charts (core/stats/chart_scale.h). Every expected
// value is worked out by hand in its comment.

#include "core/stats/chart_scale.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace taxo;

namespace {

// The step's leading digit: 1, 2 or 5 for a round step.
double mantissa(double step) {
    return step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
}

} // namespace

TEST_CASE("a linear axis has round ticks around the values", "[stats][chart]") {
    // 105,789 minutes in hours: 1763.15; a fifth is 352.6, the next round step 500.
    auto axis = stats::niceLinearAxis(0, 105789.0 / 60);
    CHECK(axis.min == 0);
    CHECK(axis.step == 500);
    CHECK(axis.max == 2000);
    CHECK(axis.intervals() == 4);
    // Counts: 7 questions, a fifth is 1.4, the step 2; the axis ends at 8.
    axis = stats::niceLinearAxis(0, 7, 5, 1);
    CHECK(axis.step == 2);
    CHECK(axis.max == 8);
    // Three questions would want steps of 0.6; counts take whole steps.
    axis = stats::niceLinearAxis(0, 3, 5, 1);
    CHECK(axis.step == 1);
    CHECK(axis.max == 3);
    // 0.3 / 3 is 0.09999999999999999 in doubles; it is still a step of 0.1, ending at 0.3.
    axis = stats::niceLinearAxis(0, 0.3, 3);
    CHECK(axis.step == Approx(0.1));
    CHECK(axis.max == Approx(0.3));
    CHECK(axis.intervals() == 3);
    // Below zero: a span of 120, a fifth 24, the step 50; -20 rounds down to -50.
    axis = stats::niceLinearAxis(100, -20);
    CHECK(axis.step == 50);
    CHECK(axis.min == -50);
    CHECK(axis.max == 100);
    // One value: one step of its magnitude above it; nothing at all: 0 to 1.
    axis = stats::niceLinearAxis(5, 5);
    CHECK(axis.min == 5);
    CHECK(axis.max == 6);
    axis = stats::niceLinearAxis(0, 0);
    CHECK(axis.min == 0);
    CHECK(axis.max == 1);

    // Over many ranges: the step is 1, 2 or 5 times a power of ten, the axis holds the
    // values, and there are no more than twice the intervals asked for.
    for (double high = 0.0013; high < 1e7; high *= 1.37) {
        for (const double low : {0.0, high / 3}) {
            INFO("low " << low << " high " << high);
            const auto a = stats::niceLinearAxis(low, high);
            const double digit = mantissa(a.step);
            CHECK((digit == Approx(1) || digit == Approx(2) || digit == Approx(5)));
            CHECK(a.min <= low);
            CHECK(a.max >= high * (1 - 1e-12));
            CHECK(a.intervals() >= 1);
            CHECK(a.intervals() <= 10);
            CHECK(std::abs(a.min / a.step - std::round(a.min / a.step)) < 1e-9);
        }
    }
}

TEST_CASE("a value on the top of an axis gets a step of room above it", "[stats][chart]") {
    // 5 questions: steps of 1 up to 5, where the marker would sit on the edge; up to 6.
    auto axis = stats::withRoomAbove(stats::niceLinearAxis(0, 5, 5, 1), 5);
    CHECK(axis.max == 6);
    CHECK(axis.step == 1);
    // 1763 hours on an axis up to 2000 has room.
    axis = stats::withRoomAbove(stats::niceLinearAxis(0, 1763.15), 1763.15);
    CHECK(axis.max == 2000);
    // Within a twentieth of the step (500 / 20 = 25) of the top: one more step.
    axis = stats::withRoomAbove(stats::niceLinearAxis(0, 1980), 1980);
    CHECK(axis.max == 2500);
}

TEST_CASE("a log axis spans whole decades", "[stats][chart]") {
    // Half an hour to 1763 hours: 0.1 to 10,000, five decades.
    auto axis = stats::decadeAxis(0.5, 1763.15);
    CHECK(axis.min == Approx(0.1));
    CHECK(axis.max == Approx(10000));
    CHECK(axis.decades() == 5);
    // Values on a power of ten stay in their own decade.
    axis = stats::decadeAxis(1, 1000);
    CHECK(axis.min == 1);
    CHECK(axis.max == Approx(1000));
    CHECK(axis.decades() == 3);
    // One value: the decade around it.
    axis = stats::decadeAxis(5, 5);
    CHECK(axis.min == 1);
    CHECK(axis.max == 10);
    // One second in hours (1 / 3600 = 0.000278): from 0.0001.
    axis = stats::decadeAxis(1.0 / 3600, 2);
    CHECK(axis.min == Approx(0.0001));
    CHECK(axis.max == Approx(10));
}

TEST_CASE("box plots of minutes convert to hours and days", "[stats][chart]") {
    CHECK(stats::minutesPer(stats::TimeUnit::Minutes) == 1);
    CHECK(stats::minutesPer(stats::TimeUnit::Hours) == 60);
    CHECK(stats::minutesPer(stats::TimeUnit::Days) == 1440);
    // boxplot.stats(c(60, 120, 180, 240, 6000)): stats 60 120 180 240 240, out 6000, mean 1320.
    const auto minutes = stats::boxplotStats({60, 120, 180, 240, 6000});
    const auto hours = stats::inUnit(minutes, stats::TimeUnit::Hours);
    CHECK(hours.n == 5);
    CHECK(hours.stats == std::array<double, 5>{1, 2, 3, 4, 4});
    CHECK(hours.outliers == std::vector<double>{100});
    CHECK(hours.mean == Approx(22));
    const auto days = stats::inUnit(minutes, stats::TimeUnit::Days);
    CHECK(days.stats[2] == Approx(0.125));
    CHECK(days.outliers.front() == Approx(6000.0 / 1440));
    const auto same = stats::inUnit(minutes, stats::TimeUnit::Minutes);
    CHECK(same.stats == minutes.stats);
    CHECK(same.outliers == minutes.outliers);
}
