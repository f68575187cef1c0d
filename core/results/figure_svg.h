#pragma once
// The taxonomy figure in the manner of the study's Figure 5: one panel per
// root, its inner categories as boxes, the leaves listed under each, every
// name with its percentage (one decimal). Written as plain SVG text here so
// that core and the command line need no Qt; the GUI shows it and renders it to
// PNG and PDF (ui/results). Only generic font families, so it renders the same
// without any font file.

#include "core/results/taxonomy_results.h"

#include <string>
#include <vector>

namespace taxo::results {

struct FigureOptions {
    // User units across; the SVG says 210 mm wide (A4), so 800 units are
    // about 3.8 units per millimetre and 11-unit text prints near 8 pt.
    double width = 800;
    int columns = 3;
    double fontSize = 11;
};

// Breaks text into lines of at most maxChars characters at spaces (a longer
// word stands alone on its line). UTF-8 continuation bytes do not count.
std::vector<std::string> wrapText(const std::string& text, std::size_t maxChars);

std::string figureSvg(const TaxonomyResults& results, const FigureOptions& options = {});

} // namespace taxo::results
