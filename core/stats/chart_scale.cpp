#include "core/stats/chart_scale.h"

#include <algorithm>
#include <cmath>

namespace taxo::stats {

int LinearAxis::intervals() const {
    return static_cast<int>(std::lround((max - min) / step));
}

LinearAxis niceLinearAxis(double low, double high, int targetIntervals, double minStep) {
    if (low > high)
        std::swap(low, high);
    const double span = high - low;
    const double raw = std::max(span / std::max(targetIntervals, 1), minStep);
    LinearAxis axis;
    if (raw <= 0) {
        // One value and no smallest step (0 alone, or any lone value): a unit-wide axis
        // at the value's own magnitude, so 0.003 does not sit on an axis up to 1.
        const double magnitude =
            low == 0 ? 1.0 : std::pow(10.0, std::floor(std::log10(std::abs(low))));
        axis.step = magnitude;
    } else {
        const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
        axis.step = 10 * magnitude;
        for (const double factor : {1.0, 2.0, 5.0}) {
            // The tolerance keeps 0.3 / 0.1 = 2.9999999999999996 from choosing 5 over 2.
            if (factor * magnitude >= raw * (1 - 1e-12)) {
                axis.step = factor * magnitude;
                break;
            }
        }
    }
    // Whole multiples of the step, computed as k * step so that no sum drifts.
    const double first = std::floor(low / axis.step + 1e-9);
    double last = std::ceil(high / axis.step - 1e-9);
    if (last <= first)
        last = first + 1;
    axis.min = first * axis.step;
    axis.max = last * axis.step;
    return axis;
}

LinearAxis withRoomAbove(LinearAxis axis, double high) {
    if (axis.max - high < axis.step / 20)
        axis.max += axis.step;
    return axis;
}

int DecadeAxis::decades() const {
    return static_cast<int>(std::lround(std::log10(max / min)));
}

DecadeAxis decadeAxis(double low, double high) {
    // A small tolerance keeps 1000 (log10 = 2.9999999999999996) in its own decade.
    const double first = std::floor(std::log10(low) + 1e-9);
    double last = std::ceil(std::log10(high) - 1e-9);
    if (last <= first)
        last = first + 1;
    return DecadeAxis{std::pow(10.0, first), std::pow(10.0, last)};
}

double minutesPer(TimeUnit unit) {
    switch (unit) {
    case TimeUnit::Minutes:
        return 1;
    case TimeUnit::Hours:
        return 60;
    case TimeUnit::Days:
        return 24 * 60;
    }
    return 1;
}

BoxStats inUnit(const BoxStats& minutes, TimeUnit unit) {
    const double per = minutesPer(unit);
    BoxStats box = minutes;
    for (double& value : box.stats)
        value /= per;
    for (double& value : box.outliers)
        value /= per;
    box.mean /= per;
    return box;
}

} // namespace taxo::stats
