#include "core/results/results_files.h"

#include "core/results/cooccurrence_svg.h"
#include "core/results/figure_svg.h"
#include "core/results/matrices.h"
#include "core/results/methods_text.h"
#include "core/results/qdc.h"
#include "core/results/quote_bank.h"
#include "core/results/taxonomy_export.h"
#include "core/util/files.h"

#include <algorithm>

namespace taxo::results {

const std::vector<std::string>& resultFormats() {
    static const std::vector<std::string> formats = {"taxonomy-json",
                                                     "csv",
                                                     "md",
                                                     "latex",
                                                     "svg",
                                                     "png",
                                                     "pdf",
                                                     "qdc",
                                                     "methods-md",
                                                     "methods-latex",
                                                     "cooccurrence-csv",
                                                     "cooccurrence-svg",
                                                     "cooccurrence-png",
                                                     "post-matrix-csv",
                                                     "quotes-md",
                                                     "quotes-latex",
                                                     "quotes-csv"};
    return formats;
}

bool isResultFormat(const std::string& format) {
    const auto& formats = resultFormats();
    return std::find(formats.begin(), formats.end(), format) != formats.end();
}

bool isRasterFormat(const std::string& format) {
    return format == "png" || format == "pdf" || format == "cooccurrence-png";
}

std::string resultFileSuffix(const std::string& format) {
    if (format == "taxonomy-json")
        return "json";
    if (format == "quotes-md")
        return "md";
    if (format == "md" || format == "methods-md")
        return "md";
    if (format == "latex" || format == "methods-latex" || format == "quotes-latex")
        return "tex";
    if (const auto dash = format.rfind('-'); dash != std::string::npos)
        return format.substr(dash + 1); // cooccurrence-csv, post-matrix-csv, ...
    return format;
}

Result<std::string> resultContent(sql::Database& db, const std::string& format,
                                  const ResultsOptions& options) {
    if (!isResultFormat(format))
        return makeError("unknown result format '" + format + "'");
    if (format == "qdc")
        return exportQdc(db);
    // Every label of every coder, resolved or not: it refuses nothing.
    if (format == "post-matrix-csv")
        return postMatrixCsv(db);
    if (format.starts_with("cooccurrence-")) {
        auto matrix = computeCooccurrence(db, options);
        if (!matrix)
            return matrix.error();
        return format == "cooccurrence-csv" ? cooccurrenceCsv(*matrix) : cooccurrenceSvg(*matrix);
    }
    if (format.starts_with("quotes-")) {
        auto bank = computeQuoteBank(db, options);
        if (!bank)
            return bank.error();
        return format == "quotes-md"    ? quotesMarkdown(*bank)
               : format == "quotes-csv" ? quotesCsv(*bank)
                                        : quotesLatex(*bank);
    }
    auto computed = computeResults(db, options);
    if (!computed)
        return computed.error();
    if (format == "taxonomy-json")
        return toJson(*computed);
    if (format == "csv")
        return toCsv(*computed);
    if (format == "md")
        return toMarkdown(*computed);
    if (format == "latex")
        return toLatex(*computed);
    if (format == "svg" || isRasterFormat(format))
        return figureSvg(*computed);
    auto facts = collectMethodsFacts(db, *computed);
    if (!facts)
        return facts.error();
    return format == "methods-md" ? methodsMarkdown(*facts) : methodsLatex(*facts);
}

Status writeResultFile(sql::Database& db, const std::string& format, const std::string& path,
                       const ResultsOptions& options, int dpi, FigureRenderer renderer,
                       files::Replace replace) {
    auto content = resultContent(db, format, options);
    if (!content)
        return content.error();
    if (!isRasterFormat(format))
        return files::writeAtomically(path, *content, replace);
    if (!renderer)
        return makeError("this build cannot render " + format +
                         " (no Qt renderer linked); export --format svg instead");
    return renderer(*content, format == "pdf" ? RasterFormat::Pdf : RasterFormat::Png, path, dpi);
}

} // namespace taxo::results
