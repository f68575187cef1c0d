#pragma once
// Questions and askers per year for every set: per set a line for each, questions solid
// with round markers and askers dashed with square ones, in colours of their own, so the
// two read apart in colour and in greyscale. The year axis has only the years in which
// some set has questions, between the years the lead chose; counts get whole-number
// ticks. Every count is core's (GroupStats::years).

#include "core/stats/corpus_stats.h"

#include <vector>

class QChart;

namespace taxo::ui {

// The years in which at least one set has a question, ascending.
std::vector<int> yearsWithSetQuestions(const stats::CorpusStats& stats);

// A new chart (the caller owns it) of the years with set questions from fromYear to
// toYear (inclusive): per set a QLineSeries and a QScatterSeries named "SET: questions"
// and another pair "SET: askers", on a category axis of those years. A set without
// questions in a shown year is drawn at zero there.
//
// With `shareOfSite`, one line per set instead: its questions as a percentage of all the
// site's questions that year (CorpusStats::shareOfSite, from the census); a year the
// census does not cover is drawn at zero.
QChart* buildYearChart(const stats::CorpusStats& stats, int fromYear, int toYear,
                       bool shareOfSite = false);

} // namespace taxo::ui
