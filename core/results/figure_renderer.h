#pragma once
// The seam through which the command line renders the figure to PNG or PDF.
// Rendering needs Qt, and core has none: app/taxo registers ui's renderer at
// start-up (DESIGN.md, "Where the command line needs Qt ... app/ links ui,
// never core"). Without a registered renderer those formats are refused with
// a message, and everything else keeps working.

#include "util/result.h"

#include <string>

namespace taxo::results {

enum class RasterFormat { Png, Pdf };

// Renders the SVG text to a file at `dpi` (PNG: pixels per inch of the
// figure's physical width; PDF: the resolution of the writer). Writes atomically.
using FigureRenderer = Status (*)(const std::string& svg, RasterFormat format,
                                  const std::string& path, int dpi);

void setFigureRenderer(FigureRenderer renderer);
// nullptr when none is registered.
FigureRenderer figureRenderer();

} // namespace taxo::results
