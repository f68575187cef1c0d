#pragma once
// The numbers behind the statistics charts that are not statistics themselves: axes
// with round tick values a reader takes in at a glance, and the time to an accepted
// answer in the unit the lead reads it in. computeStats keeps minutes; a chart converts
// a group's box plot with inUnit and lays its axis out with niceLinearAxis or decadeAxis.

#include "core/stats/describe.h"

namespace taxo::stats {

// A linear axis from min to max in steps of step, where step is 1, 2 or 5 times a power
// of ten and min and max are whole multiples of it.
struct LinearAxis {
    double min = 0;
    double max = 1;
    double step = 1;
    int intervals() const; // (max - min) / step, rounded
};

// The smallest such axis around [low, high] (in either order) with a step of at least
// (high - low) / targetIntervals and at least minStep (1 for counts, which have no
// fractions). An empty range (low == high) becomes one step wide above low.
// Precondition: finite values, targetIntervals >= 1, minStep >= 0.
LinearAxis niceLinearAxis(double low, double high, int targetIntervals = 5, double minStep = 0);

// The axis one step higher when `high` lies within a twentieth of a step of its top,
// so that a marker drawn at the highest value is not cut in half by the chart's edge.
LinearAxis withRoomAbove(LinearAxis axis, double high);

// A log axis from one power of ten to another: the whole decades around [low, high], at
// least one decade. Precondition: 0 < low <= high, finite.
struct DecadeAxis {
    double min = 1;
    double max = 10;
    int decades() const; // log10(max / min), rounded
};
DecadeAxis decadeAxis(double low, double high);

// The time to an accepted answer in the unit a chart shows it in.
enum class TimeUnit { Minutes, Hours, Days };
inline constexpr TimeUnit kTimeUnits[] = {TimeUnit::Minutes, TimeUnit::Hours, TimeUnit::Days};
double minutesPer(TimeUnit unit); // 1, 60, 1440

// The box plot of minutes, every value (whiskers, hinges, median, outliers, mean)
// divided by the minutes per unit; n is unchanged.
BoxStats inUnit(const BoxStats& minutes, TimeUnit unit);

} // namespace taxo::stats
