#include "ui/agreement/kappa_series_chart.h"

#include "ui/agreement/agreement_models.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace taxo::ui {

KappaSeriesChart::KappaSeriesChart(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("kappaSeriesChart"));
    setAccessibleName(tr("Kappa per batch of posts"));
}

void KappaSeriesChart::setSeries(std::vector<agreement::DriftBatch> batches) {
    batches_ = std::move(batches);
    update();
}

void KappaSeriesChart::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), palette().base());
    const QFontMetrics metrics(font());
    const int left = metrics.horizontalAdvance(QStringLiteral("-0.0")) + 12;
    const int bottom = metrics.height() + 10;
    const QRect plot(left, 8, std::max(10, width() - left - 12),
                     std::max(10, height() - bottom - 8));
    if (batches_.empty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("No post is labeled by both coders yet."));
        return;
    }

    // The axis shows 0 to 1, reaching down to the lowest kappa in steps of 0.2.
    double low = 0;
    for (const auto& batch : batches_)
        if (batch.kappa.kappa)
            low = std::min(low, *batch.kappa.kappa);
    low = std::max(-1.0, std::floor(low * 5) / 5);
    const auto yOf = [&](double kappa) {
        return plot.bottom() - (kappa - low) / (1.0 - low) * plot.height();
    };
    const auto xOf = [&](std::size_t index) {
        return batches_.size() == 1 ? plot.center().x()
                                    : plot.left() + static_cast<double>(index) * plot.width() /
                                                        static_cast<double>(batches_.size() - 1);
    };

    // Landis & Koch bands, faint, so a drop across a band boundary stands out.
    const std::pair<double, agreement::KappaBand> bands[] = {
        {0.0, agreement::KappaBand::Slight},
        {0.2, agreement::KappaBand::Fair},
        {0.4, agreement::KappaBand::Moderate},
        {0.6, agreement::KappaBand::Substantial},
        {0.8, agreement::KappaBand::AlmostPerfect}};
    for (const auto& [from, band] : bands) {
        QColor colour = bandColour(band);
        colour.setAlpha(28);
        painter.fillRect(QRectF(plot.left(), yOf(std::min(1.0, from + 0.2)), plot.width(),
                                yOf(from) - yOf(std::min(1.0, from + 0.2))),
                         colour);
    }
    painter.setPen(palette().color(QPalette::Mid));
    for (double tick = low; tick <= 1.0001; tick += 0.2) {
        const double y = yOf(tick);
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        painter.drawText(QRectF(0, y - metrics.height() / 2.0, left - 6, metrics.height()),
                         Qt::AlignRight | Qt::AlignVCenter,
                         QString::number(std::abs(tick) < 1e-9 ? 0.0 : tick, 'f', 1));
    }
    painter.setPen(palette().color(QPalette::Text));
    painter.drawText(QRect(plot.left(), plot.bottom() + 4, plot.width(), metrics.height()),
                     Qt::AlignCenter,
                     tr("batches of %1 posts, in the order the later coder labeled them")
                         .arg(agreement::kDriftBatchSize));

    QPainterPath line;
    bool drawing = false;
    for (std::size_t i = 0; i < batches_.size(); ++i) {
        const auto& kappa = batches_[i].kappa.kappa;
        if (!kappa) {
            drawing = false; // a gap: undefined is not a value
            continue;
        }
        const QPointF point(xOf(i), yOf(*kappa));
        if (drawing)
            line.lineTo(point);
        else
            line.moveTo(point);
        drawing = true;
    }
    painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
    painter.drawPath(line);
    painter.setBrush(palette().color(QPalette::Highlight));
    for (std::size_t i = 0; i < batches_.size(); ++i)
        if (const auto& kappa = batches_[i].kappa.kappa)
            painter.drawEllipse(QPointF(xOf(i), yOf(*kappa)), 3.5, 3.5);
}

} // namespace taxo::ui
