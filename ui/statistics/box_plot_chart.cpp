#include "ui/statistics/box_plot_chart.h"

#include "ui/support/qt_text.h"

#include <QBarCategoryAxis>
#include <QBoxPlotSeries>
#include <QBoxSet>
#include <QChart>
#include <QCoreApplication>
#include <QLogValueAxis>
#include <QPen>
#include <QScatterSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <vector>

namespace taxo::ui {
namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("taxo::ui::BoxPlotChart", text);
}

// Category labels must differ, or the axis drops the repeated one and the boxes shift.
QStringList uniqueLabels(const std::vector<QString>& names) {
    QStringList labels;
    for (const QString& name : names) {
        QString label = name;
        for (int copy = 2; labels.contains(label); ++copy)
            label = QStringLiteral("%1 (%2)").arg(name).arg(copy);
        labels << label;
    }
    return labels;
}

// Decimals enough to tell one tick from the next: none for steps of 1 or more.
QString labelFormat(double step) {
    const int decimals = step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
    return QStringLiteral("%.") + QString::number(decimals) + QStringLiteral("f");
}

} // namespace

QString timeUnitText(stats::TimeUnit unit) {
    switch (unit) {
    case stats::TimeUnit::Minutes:
        return tr("minutes");
    case stats::TimeUnit::Hours:
        return tr("hours");
    case stats::TimeUnit::Days:
        return tr("days");
    }
    return {};
}

QChart* buildBoxPlotChart(const stats::CorpusStats& stats, const BoxPlotOptions& options) {
    auto* chart = new QChart;
    chart->legend()->hide();
    std::vector<QString> names;
    std::vector<stats::BoxStats> boxes;
    for (const auto& group : stats.groups) {
        if (!group.minutesToAccept)
            continue;
        names.push_back(toQ(group.name));
        boxes.push_back(stats::inUnit(*group.minutesToAccept, options.unit));
    }
    if (boxes.empty()) {
        chart->setTitle(tr("No question in any group has an accepted answer with a known date."));
        return chart;
    }
    chart->setTitle(tr("Time from question to accepted answer: boxes from hinge to hinge, "
                       "whiskers at 1.5 IQR, points are outliers"));

    // A log axis cannot show zero or less: such times are drawn at one second.
    const double floorValue = 1.0 / 60 / stats::minutesPer(options.unit);
    auto shown = [&](double value) {
        return options.logScale ? std::max(value, floorValue) : value;
    };
    const QStringList labels = uniqueLabels(names);
    auto* series = new QBoxPlotSeries;
    series->setName(tr("Time to accepted answer"));
    std::vector<QScatterSeries*> outlierSeries;
    double low = 0, high = 0;
    bool first = true;
    auto cover = [&](double value) {
        low = first ? value : std::min(low, value);
        high = first ? value : std::max(high, value);
        first = false;
    };
    for (std::size_t g = 0; g < boxes.size(); ++g) {
        const auto& s = boxes[g].stats;
        series->append(new QBoxSet(shown(s[0]), shown(s[1]), shown(s[2]), shown(s[3]), shown(s[4]),
                                   labels[static_cast<qsizetype>(g)]));
        cover(shown(s[0]));
        cover(shown(s[4]));
        auto* outliers = new QScatterSeries;
        outliers->setName(tr("%1: outliers").arg(labels[static_cast<qsizetype>(g)]));
        outliers->setMarkerShape(QScatterSeries::MarkerShapeCircle);
        outliers->setMarkerSize(7);
        outliers->setColor(QColor(0x33, 0x33, 0x33, 110)); // dense outliers read as darker
        outliers->setBorderColor(QColor(0x33, 0x33, 0x33));
        for (const double value : boxes[g].outliers) {
            outliers->append(static_cast<double>(g), shown(value));
            cover(shown(value));
        }
        outlierSeries.push_back(outliers);
    }
    chart->addSeries(series);
    for (auto* outliers : outlierSeries)
        chart->addSeries(outliers);

    auto* groups = new QBarCategoryAxis;
    groups->setCategories(labels);
    chart->addAxis(groups, Qt::AlignBottom);

    const QString unit = timeUnitText(options.unit);
    QAbstractAxis* values = nullptr;
    if (options.logScale) {
        const auto decades = stats::decadeAxis(low, high);
        auto* log = new QLogValueAxis;
        log->setBase(10);
        // A hair wider than the decades, so that rounding in the axis's own logarithm
        // does not drop the label of the lowest power of ten.
        log->setRange(decades.min * (1 - 1e-9), decades.max * (1 + 1e-9));
        log->setLabelFormat(QStringLiteral("%g"));
        log->setMinorTickCount(8); // 2 to 9 times each power of ten
        log->setTitleText(tr("Time to accepted answer (%1, log scale)").arg(unit));
        values = log;
    } else {
        const auto axis =
            stats::withRoomAbove(stats::niceLinearAxis(std::min(low, 0.0), high), high);
        auto* linear = new QValueAxis;
        linear->setRange(axis.min, axis.max);
        linear->setTickType(QValueAxis::TicksDynamic);
        linear->setTickAnchor(axis.min);
        linear->setTickInterval(axis.step);
        linear->setLabelFormat(labelFormat(axis.step));
        linear->setTitleText(tr("Time to accepted answer (%1)").arg(unit));
        values = linear;
    }
    chart->addAxis(values, Qt::AlignLeft);
    for (auto* attached : chart->series()) {
        attached->attachAxis(groups);
        attached->attachAxis(values);
    }
    return chart;
}

} // namespace taxo::ui
