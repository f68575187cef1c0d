#include "ui/results/figure_preview.h"

#include "ui/support/plain_text.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QPainter>
#include <QScrollArea>
#include <QScrollBar>
#include <QSvgRenderer>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace taxo::ui {

class FigureCanvas final : public QWidget {
public:
    FigureCanvas(QSvgRenderer* renderer, QWidget* parent) : QWidget(parent), renderer_(renderer) {
        setObjectName(QStringLiteral("figureCanvas"));
        setAttribute(Qt::WA_OpaquePaintEvent);
    }

protected:
    void paintEvent(QPaintEvent*) override {
        QPainter painter(this);
        painter.fillRect(rect(), Qt::white);
        if (renderer_->isValid())
            renderer_->render(&painter, QRectF(rect()));
    }

private:
    QSvgRenderer* renderer_;
};

namespace {

constexpr double kMinZoom = 0.25;
constexpr double kMaxZoom = 4.0;
constexpr double kZoomStep = 1.25;

QToolButton* toolButton(const QString& text, const QString& name, const QString& tip,
                        QWidget* parent) {
    auto* button = new QToolButton(parent);
    button->setText(text);
    button->setObjectName(name);
    button->setToolTip(tip);
    button->setAutoRaise(true);
    return button;
}

} // namespace

FigurePreview::FigurePreview(QWidget* parent) : QWidget(parent), renderer_(new QSvgRenderer(this)) {
    setObjectName(QStringLiteral("figurePreview"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    fitButton_ = toolButton(tr("Fit width"), QStringLiteral("figureFitWidth"),
                            tr("Draw the figure as wide as the preview"), this);
    fitButton_->setCheckable(true);
    fitButton_->setChecked(true);
    zoomOutButton_ =
        toolButton(tr("−"), QStringLiteral("figureZoomOut"), tr("Zoom out (Ctrl+-)"), this);
    zoomOutButton_->setShortcut(QKeySequence::ZoomOut);
    zoomInButton_ =
        toolButton(tr("+"), QStringLiteral("figureZoomIn"), tr("Zoom in (Ctrl++)"), this);
    zoomInButton_->setShortcut(QKeySequence::ZoomIn);
    zoomLabel_ = new QLabel(this);
    zoomLabel_->setObjectName(QStringLiteral("figureZoom"));
    zoomLabel_->setMinimumWidth(
        zoomLabel_->fontMetrics().horizontalAdvance(QStringLiteral("400 %")));
    title_ = richLabel(tr("<b>Figure</b> (as exported)"), this);
    bar->addWidget(title_);
    bar->addStretch(1);
    bar->addWidget(zoomOutButton_);
    bar->addWidget(zoomLabel_);
    bar->addWidget(zoomInButton_);
    bar->addWidget(fitButton_);
    layout->addLayout(bar);

    scroll_ = new QScrollArea(this);
    scroll_->setObjectName(QStringLiteral("figureScroll"));
    scroll_->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    scroll_->setBackgroundRole(QPalette::Dark);
    canvas_ = new FigureCanvas(renderer_, scroll_);
    scroll_->setWidget(canvas_);
    scroll_->setWidgetResizable(false);
    scroll_->viewport()->installEventFilter(this);
    layout->addWidget(scroll_, 1);

    connect(fitButton_, &QToolButton::toggled, this, &FigurePreview::setFitToWidth);
    connect(zoomInButton_, &QToolButton::clicked, this, &FigurePreview::zoomIn);
    connect(zoomOutButton_, &QToolButton::clicked, this, &FigurePreview::zoomOut);
    updateCanvas();
}

void FigurePreview::setSvg(const QByteArray& svg) {
    renderer_->load(svg);
    updateCanvas();
}

bool FigurePreview::hasFigure() const {
    return renderer_->isValid();
}

void FigurePreview::setFitToWidth(bool fit) {
    if (fit == fitWidth_)
        return;
    if (!fit)
        zoom_ = zoom(); // leave fitting at the zoom it showed
    fitWidth_ = fit;
    updateCanvas();
}

double FigurePreview::zoom() const {
    const QSize natural = renderer_->defaultSize();
    if (!fitWidth_ || !renderer_->isValid() || natural.width() <= 0)
        return zoom_;
    // Leave the room of a vertical scroll bar, which a tall figure needs.
    const int room = scroll_->viewport()->width() - 2;
    return std::max(0.05, static_cast<double>(room) / natural.width());
}

void FigurePreview::setZoom(double zoom) {
    zoom_ = std::clamp(zoom, kMinZoom, kMaxZoom);
    fitWidth_ = false;
    updateCanvas();
}

void FigurePreview::zoomIn() {
    setZoom(zoom() * kZoomStep);
}

void FigurePreview::zoomOut() {
    setZoom(zoom() / kZoomStep);
}

QSize FigurePreview::figureSize() const {
    return canvas_->size();
}

bool FigurePreview::eventFilter(QObject* watched, QEvent* event) {
    if (watched == scroll_->viewport() && event->type() == QEvent::Resize && fitWidth_)
        updateCanvas();
    return QWidget::eventFilter(watched, event);
}

void FigurePreview::updateCanvas() {
    const bool valid = renderer_->isValid();
    const QSize natural = valid ? renderer_->defaultSize() : QSize();
    const double z = zoom();
    const QSize size = valid
                           ? QSize(std::max(1, static_cast<int>(std::lround(natural.width() * z))),
                                   std::max(1, static_cast<int>(std::lround(natural.height() * z))))
                           : QSize(1, 1);
    canvas_->resize(size);
    canvas_->setVisible(valid);
    canvas_->update();
    const QSignalBlocker blocker(fitButton_);
    fitButton_->setChecked(fitWidth_);
    fitButton_->setEnabled(valid);
    zoomInButton_->setEnabled(valid && z < kMaxZoom);
    zoomOutButton_->setEnabled(valid && z > kMinZoom);
    zoomLabel_->setText(valid ? tr("%1 %").arg(std::lround(z * 100)) : QString());
}

void FigurePreview::setTitle(const QString& richText) {
    title_->setText(richText);
}

} // namespace taxo::ui
