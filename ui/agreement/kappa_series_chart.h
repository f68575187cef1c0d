#pragma once
// Kappa per batch of posts as a line chart, the Agreement page's view of drift: one
// point per batch in the order the coders labeled the posts, on an axis from -1 (or
// the lowest kappa) to 1 with the Landis & Koch bands as faint stripes. An undefined
// kappa leaves a gap in the line instead of a made-up point.

#include "core/agreement/project_agreement.h"

#include <QWidget>
#include <vector>

namespace taxo::ui {

class KappaSeriesChart final : public QWidget {
    Q_OBJECT
public:
    explicit KappaSeriesChart(QWidget* parent = nullptr);

    void setSeries(std::vector<agreement::DriftBatch> batches);
    const std::vector<agreement::DriftBatch>& series() const { return batches_; }

    QSize minimumSizeHint() const override { return {320, 180}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    std::vector<agreement::DriftBatch> batches_;
};

} // namespace taxo::ui
