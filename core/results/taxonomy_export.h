#pragma once
// The taxonomy's results as text: JSON, CSV, Markdown and LaTeX (booktabs).
// Plain functions from TaxonomyResults to a string; the caller writes the file
// atomically. Percentages are printed with one decimal, as in the paper.

#include "results/taxonomy_results.h"

#include <string>

namespace taxo::results {

// {"summary": {...}, "roots": [{"name", "count", "percent", "added_in_arbitration",
//  "children": [...]}]}; percent unrounded, null without covered posts.
std::string toJson(const TaxonomyResults& results);
// One row per category: path (names joined by " > "), level, count, percent.
std::string toCsv(const TaxonomyResults& results);
std::string toMarkdown(const TaxonomyResults& results);
std::string toLatex(const TaxonomyResults& results);

// Quotes a CSV field when it needs it (RFC 4180).
std::string csvField(const std::string& text);
// Escapes LaTeX's special characters.
std::string latexEscape(const std::string& text);

} // namespace taxo::results
