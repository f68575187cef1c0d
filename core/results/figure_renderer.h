#pragma once
// The seam through which the figure is rendered to PNG or PDF. Rendering needs Qt,
// and core has none: the caller passes ui's renderer in (the Taxonomy page, and
// app/taxo through cli::Io). Without one those formats are refused with a message,
// and everything else keeps working.

#include "core/util/result.h"

#include <string>

namespace taxo::results {

enum class RasterFormat { Png, Pdf };

// Renders the SVG text to a file at `dpi` (PNG: pixels per inch of the
// figure's physical width; PDF: the resolution of the writer). Writes atomically.
using FigureRenderer = Status (*)(const std::string& svg, RasterFormat format,
                                  const std::string& path, int dpi);

} // namespace taxo::results
