#include "ui/statistics/year_chart.h"

#include "core/stats/chart_scale.h"
#include "ui/support/qt_text.h"

#include <QBarCategoryAxis>
#include <QChart>
#include <QColor>
#include <QCoreApplication>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPen>
#include <QScatterSeries>
#include <QValueAxis>
#include <algorithm>
#include <array>
#include <set>

namespace taxo::ui {
namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("taxo::ui::YearChart", text);
}

// Okabe and Ito's colours, which people with colour-blindness tell apart; a set's
// questions take the first of a pair, its askers the second.
constexpr std::array<std::array<QRgb, 2>, 4> kColourPairs = {{
    {0xff0072b2, 0xffd55e00}, // blue, vermillion
    {0xff009e73, 0xffcc79a7}, // bluish green, reddish purple
    {0xff000000, 0xffe69f00}, // black, orange
    {0xff56b4e9, 0xff999999}, // sky blue, grey
}};

// One measure of one set: the line, and its markers as a scatter series (a line series
// has no marker shapes). The markers stay out of the legend, which shows the line.
void addMeasure(QChart* chart, const QString& name, const std::vector<double>& counts,
                QColor colour, Qt::PenStyle style, QScatterSeries::MarkerShape shape) {
    auto* line = new QLineSeries;
    line->setName(name);
    QPen pen(colour);
    pen.setWidthF(2);
    pen.setStyle(style);
    line->setPen(pen);
    auto* markers = new QScatterSeries;
    markers->setName(name);
    markers->setColor(colour);
    markers->setBorderColor(colour);
    markers->setMarkerShape(shape);
    markers->setMarkerSize(9);
    for (std::size_t i = 0; i < counts.size(); ++i) {
        line->append(static_cast<double>(i), counts[i]);
        markers->append(static_cast<double>(i), counts[i]);
    }
    chart->addSeries(line);
    chart->addSeries(markers);
    for (auto* marker : chart->legend()->markers(markers))
        marker->setVisible(false);
}

} // namespace

std::vector<int> yearsWithSetQuestions(const stats::CorpusStats& stats) {
    std::set<int> years;
    for (const auto& group : stats.groups)
        if (group.kind == stats::GroupKind::Set)
            for (const auto& year : group.years)
                if (year.questions > 0)
                    years.insert(year.year);
    return {years.begin(), years.end()};
}

QChart* buildYearChart(const stats::CorpusStats& stats, int fromYear, int toYear,
                       bool shareOfSite) {
    auto* chart = new QChart;
    chart->setTitle(shareOfSite ? tr("Questions as a share of all the site's questions that year")
                                : tr("Questions and askers per year"));
    // The legend draws each line's own colour and dashes, not a plain square.
    chart->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
    std::vector<int> years;
    for (const int year : yearsWithSetQuestions(stats))
        if (year >= fromYear && year <= toYear)
            years.push_back(year);
    if (years.empty()) {
        const bool anySet = std::any_of(stats.groups.begin(), stats.groups.end(),
                                        [](auto& g) { return g.kind == stats::GroupKind::Set; });
        chart->setTitle(anySet ? tr("No set has questions in these years.")
                               : tr("No sets yet: build them on the Selection page."));
        chart->legend()->hide();
        return chart;
    }

    double most = 0;
    std::size_t setNumber = 0;
    for (const auto& group : stats.groups) {
        if (group.kind != stats::GroupKind::Set)
            continue;
        std::vector<double> questions(years.size(), 0.0), askers(years.size(), 0.0);
        for (const auto& figures : group.years) {
            const auto at = std::lower_bound(years.begin(), years.end(), figures.year);
            if (at == years.end() || *at != figures.year)
                continue;
            const auto i = static_cast<std::size_t>(at - years.begin());
            if (shareOfSite) {
                questions[i] =
                    100.0 * stats.shareOfSite(figures.year, figures.questions).value_or(0);
                most = std::max(most, questions[i]);
                continue;
            }
            questions[i] = static_cast<double>(figures.questions);
            askers[i] = static_cast<double>(figures.askers);
            most = std::max({most, questions[i], askers[i]});
        }
        const auto& colours = kColourPairs[setNumber++ % kColourPairs.size()];
        if (shareOfSite) {
            addMeasure(chart, tr("%1: % of all questions").arg(toQ(group.name)), questions,
                       QColor::fromRgb(colours[0]), Qt::SolidLine,
                       QScatterSeries::MarkerShapeCircle);
            continue;
        }
        addMeasure(chart, tr("%1: questions").arg(toQ(group.name)), questions,
                   QColor::fromRgb(colours[0]), Qt::SolidLine, QScatterSeries::MarkerShapeCircle);
        addMeasure(chart, tr("%1: askers").arg(toQ(group.name)), askers,
                   QColor::fromRgb(colours[1]), Qt::DashLine, QScatterSeries::MarkerShapeRectangle);
    }

    auto* x = new QBarCategoryAxis;
    QStringList categories;
    for (const int year : years)
        categories << QString::number(year);
    x->setCategories(categories);
    x->setTitleText(tr("Year the question was asked"));
    // Counts are whole: steps of 1, 2 or 5 times a power of ten, at least 1. Shares are
    // percentages, small for a narrow set: steps down to a thousandth of a percent.
    const auto scale =
        stats::withRoomAbove(stats::niceLinearAxis(0, most, 5, shareOfSite ? 0.001 : 1), most);
    auto* y = new QValueAxis;
    y->setRange(scale.min, scale.max);
    y->setTickType(QValueAxis::TicksDynamic);
    y->setTickAnchor(0);
    y->setTickInterval(scale.step);
    y->setLabelFormat(shareOfSite ? QStringLiteral("%.3g") : QStringLiteral("%.0f"));
    y->setTitleText(shareOfSite ? tr("% of the year's questions on the site")
                                : tr("Questions or askers"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (auto* series : chart->series()) {
        series->attachAxis(x);
        series->attachAxis(y);
    }
    return chart;
}

} // namespace taxo::ui
