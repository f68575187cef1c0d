#pragma once
// The co-occurrence of categories as heat maps, one per root (docs/results.md): rows
// and columns in the codebook's order, each cell shaded by its count over the largest
// count of its root and labelled with the count. Plain SVG text as the taxonomy figure
// (figure_svg.h), so the command line writes it without Qt and the GUI shows it and
// renders it to PNG with the figure's renderer.

#include "core/results/matrices.h"

#include <string>

namespace taxo::results {

std::string cooccurrenceSvg(const Cooccurrence& matrix);

} // namespace taxo::results
