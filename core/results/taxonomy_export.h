#pragma once
// The taxonomy's results as text: JSON, CSV, Markdown and LaTeX (booktabs).
// Plain functions from TaxonomyResults to a string; the caller writes the file
// atomically. Percentages are printed with one decimal, as in the paper.

#include "core/results/taxonomy_results.h"

#include <string>

namespace taxo::results {

// {"summary": {...}, "roots": [{"name", "count", "percent", "added_in_arbitration",
//  "children": [...]}]}; percent unrounded, null without covered posts.
std::string toJson(const TaxonomyResults& results);
// One row per category: path (names joined by " > "), level, count, percent.
std::string toCsv(const TaxonomyResults& results);
std::string toMarkdown(const TaxonomyResults& results);
std::string toLatex(const TaxonomyResults& results);

// Escapes LaTeX's special characters; line breaks and every other control character
// become spaces (a blank line would end the paragraph inside \textbf{}).
std::string latexEscape(const std::string& text);
// Text for Markdown: HTML's < > & become entities (a renderer would otherwise run
// `<img onerror=...>`), Markdown's active characters \ ` * _ [ ] | get a backslash,
// and line breaks and other control characters become spaces.
std::string markdownEscape(const std::string& text);

} // namespace taxo::results
