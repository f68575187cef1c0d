#pragma once
// A live preview of the taxonomy figure: the SVG that core writes, drawn by Qt Svg
// on a white page (the figure is made for paper, whatever the palette), either
// fitted to the available width or at a chosen zoom, in a scroll area.

#include <QByteArray>
#include <QWidget>

class QLabel;
class QScrollArea;
class QSvgRenderer;
class QToolButton;

namespace taxo::ui {

class FigureCanvas;

class FigurePreview final : public QWidget {
    Q_OBJECT
public:
    explicit FigurePreview(QWidget* parent = nullptr);

    // Shows new SVG text; the fit or zoom stays as the user left it.
    void setSvg(const QByteArray& svg);
    bool hasFigure() const;
    // The caption above the picture (rich text written by the program, never data).
    void setTitle(const QString& richText);

    bool fitsWidth() const { return fitWidth_; }
    void setFitToWidth(bool fit);
    // 1.0 draws one SVG unit as one device-independent pixel.
    double zoom() const;
    void setZoom(double zoom);
    void zoomIn();
    void zoomOut();
    // The size the figure is drawn at now.
    QSize figureSize() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateCanvas();

    QSvgRenderer* renderer_;
    FigureCanvas* canvas_;
    QScrollArea* scroll_;
    QToolButton* fitButton_;
    QToolButton* zoomInButton_;
    QToolButton* zoomOutButton_;
    QLabel* zoomLabel_;
    QLabel* title_;
    bool fitWidth_ = true;
    double zoom_ = 1.0;
};

} // namespace taxo::ui
