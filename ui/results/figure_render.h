#pragma once
// Renders the taxonomy figure's SVG (written by core, results/figure_svg.h) to
// PNG or PDF with Qt Svg. A small library of its own (Qt Gui and Svg, no
// Widgets), so that the taxo command line can link it and register it as
// core's figure renderer (results/figure_renderer.h).

#include "core/results/figure_renderer.h"

#include <QByteArray>
#include <QSizeF>
#include <string>

namespace taxo::ui {

// The figure's size in millimetres, from its width attribute (mm) and viewBox.
QSizeF figureSizeMm(const QByteArray& svg);

// PNG bytes at dpi (pixels per inch of the figure's printed size, recorded in
// the file), or PDF bytes with the figure's page size. Empty on failure.
QByteArray renderPng(const QByteArray& svg, int dpi);
QByteArray renderPdf(const QByteArray& svg, int dpi);

// The FigureRenderer of core: makes a QGuiApplication on the offscreen platform
// when none exists (the command line), renders and writes the file atomically.
Status renderFigure(const std::string& svg, results::RasterFormat format, const std::string& path,
                    int dpi);

} // namespace taxo::ui
