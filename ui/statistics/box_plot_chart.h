#pragma once
// The box plots of the time from question to accepted answer, one per group: box and
// whiskers (1.5 IQR) and every outlier as a point at its group's box, on a linear axis
// with round ticks or a log axis of whole decades, in minutes, hours or days. Every
// value is core's (GroupStats::minutesToAccept, converted by stats::inUnit).

#include "core/stats/chart_scale.h"
#include "core/stats/corpus_stats.h"

#include <QString>

class QChart;

namespace taxo::ui {

struct BoxPlotOptions {
    stats::TimeUnit unit = stats::TimeUnit::Hours; // as the study's Figure 4
    bool logScale = false;
};

// A new chart (the caller owns it): a QBoxPlotSeries with one box per group that has
// times, and per such group a QScatterSeries named "GROUP: outliers" with one point per
// outlier at the box's position on the category axis.
QChart* buildBoxPlotChart(const stats::CorpusStats& stats, const BoxPlotOptions& options);

// "minutes", "hours", "days", as the unit's choice and the axis title name it.
QString timeUnitText(stats::TimeUnit unit);

} // namespace taxo::ui
