#pragma once
// The result files of `taxo export` (everything but the exchange document): one
// function makes each format's content and writes it, so the command line and the
// Taxonomy page write the same bytes for the same project.

#include "core/results/figure_renderer.h"
#include "core/results/taxonomy_results.h"
#include "core/store/sqlite.h"
#include "core/util/files.h"
#include "core/util/result.h"

#include <string>
#include <vector>

namespace taxo::results {

// taxonomy-json, csv, md, latex, svg, png, pdf, qdc, methods-md, methods-latex, and the
// matrices for R (matrices.h): cooccurrence-csv, cooccurrence-svg, cooccurrence-png
// (the heat maps), post-matrix-csv, and the quote bank (quote_bank.h): quotes-md,
// quotes-latex, quotes-csv.
const std::vector<std::string>& resultFormats();
bool isResultFormat(const std::string& format);
// png, pdf and cooccurrence-png: rendered from an SVG by a FigureRenderer.
bool isRasterFormat(const std::string& format);
// The usual file suffix: "json", "csv", "md", "tex", "svg", "png", "pdf", "qdc"
// (a matrix's is its format's last word).
std::string resultFileSuffix(const std::string& format);

// The file's text; for png and pdf the SVG they are rendered from. Formats built on
// the results refuse unresolved posts unless options.allowUnresolved (the qdc
// codebook does not depend on labels, and the post matrix shows every label as it is:
// neither refuses).
Result<std::string> resultContent(sql::Database& db, const std::string& format,
                                  const ResultsOptions& options = {});

// Writes the file atomically. png and pdf go through `renderer`, and are refused
// with a message when there is none. `replace` says
// whether an existing file may be replaced (never a SQLite database: files.h).
Status writeResultFile(sql::Database& db, const std::string& format, const std::string& path,
                       const ResultsOptions& options = {}, int dpi = 300,
                       FigureRenderer renderer = nullptr,
                       files::Replace replace = files::Replace::Allowed);

} // namespace taxo::results
