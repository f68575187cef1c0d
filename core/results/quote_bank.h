#pragma once
// The quote bank (docs/results.md, "Quote bank"): the final taxonomy's quotes per
// category, in the codebook's order (roots, inner categories, leaves in pre-order, as
// the taxonomy export), each with its post's title, a link to the post and who quoted
// it, as Markdown, LaTeX or CSV for the paper. Within a category quotes come by post
// (corpus::canonicalLess), then by place in the post, never by when they were made.

#include "core/corpus/post_ref.h"
#include "core/results/final_quotes.h"
#include "core/results/taxonomy_results.h"
#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <string>
#include <vector>

namespace taxo::results {

struct BankQuote {
    FinalQuote quote;
    corpus::PostRef post;
    std::string title;
    std::string link; // https://<site>/q/<id>; "" for a post without a site (CSV, JSON Lines)
};

struct BankCategory {
    std::size_t category = 0; // index into QuoteBank::results.categories
    std::vector<BankQuote> quotes;
};

struct QuoteBank {
    TaxonomyResults results;
    std::vector<BankCategory> categories; // every category, in pre-order
};

// Refuses unresolved posts unless options.allowUnresolved, as the taxonomy export does.
Result<QuoteBank> computeQuoteBank(sql::Database& db, const std::vector<FinalLabel>& finals,
                                   const ResultsOptions& options = {});
Result<QuoteBank> computeQuoteBank(sql::Database& db, const ResultsOptions& options = {});
// The same over results the caller has computed from `finals` already (the Taxonomy page
// has them from its co-occurrence), so they are not computed twice.
Result<QuoteBank> quoteBankOf(sql::Database& db, const std::vector<FinalLabel>& finals,
                              TaxonomyResults results);

// "intact", "text changed", "part missing": the CSV's state column.
std::string quoteStateWord(labels::QuoteState state);
// "post 4288 — How do I ...": how lists name a quote's post.
std::string quotePostName(const BankQuote& quote);
// “quoted text” (post 4288, https://stackoverflow.com/q/4288); a post without a site
// is named by id and source: “quoted text” (post 17, source survey.csv).
std::string quoteCitation(const BankQuote& quote);

// The three formats of `taxo export --format quotes-md|quotes-latex|quotes-csv`.
// Markdown and LaTeX escape every text from data (markdownEscape, latexEscape); a
// flagged quote carries a visible mark saying what changed. CSV columns: root,
// category, post_id, title, link, part, start, end, quote, quoted_by, state; text cells
// neutral for spreadsheets (util/csv.h).
std::string quotesMarkdown(const QuoteBank& bank);
std::string quotesLatex(const QuoteBank& bank);
std::string quotesCsv(const QuoteBank& bank);

// A URL for LaTeX's \url or \href: characters outside a URL's own are percent-encoded,
// then % and # are escaped, so the argument neither ends early nor comments out the line.
std::string latexUrl(const std::string& url);

} // namespace taxo::results
