#include "core/results/quote_bank.h"

#include "core/results/taxonomy_export.h"
#include "core/store/statements.h"
#include "core/util/csv.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace taxo::results {
namespace {

std::string joined(const std::vector<std::string>& parts, const std::string& separator) {
    std::string text;
    for (std::size_t i = 0; i < parts.size(); ++i)
        text += (i ? separator : "") + parts[i];
    return text;
}

bool bankOrder(const BankQuote& a, const BankQuote& b) {
    if (corpus::canonicalLess(a.post, b.post))
        return true;
    if (corpus::canonicalLess(b.post, a.post))
        return false;
    if (labels::quoteOrder(a.quote.quote, b.quote.quote))
        return true;
    if (labels::quoteOrder(b.quote.quote, a.quote.quote))
        return false;
    return a.quote.quotedBy < b.quote.quotedBy;
}

std::string flagText(const BankQuote& quote) {
    return labels::describeQuoteState(quote.quote.state, quote.quote.quote);
}

// The quote's text where the post is named without a link: "post 17 (source survey.csv)".
std::string postWithoutLink(const BankQuote& quote) {
    return "post " + quote.post.sourceId + " (source " + quote.post.source + ")";
}

} // namespace

Result<QuoteBank> quoteBankOf(sql::Database& db, const std::vector<FinalLabel>& finals,
                              TaxonomyResults results) {
    auto quotes = finalQuotes(db, finals);
    if (!quotes)
        return quotes.error();
    QuoteBank bank;
    bank.results = std::move(results);
    std::map<codebook::CategoryId, std::size_t> slotOf;
    for (std::size_t i = 0; i < bank.results.categories.size(); ++i) {
        slotOf.emplace(bank.results.categories[i].category.id, i);
        bank.categories.push_back({i, {}});
    }
    for (auto& final : *quotes) {
        // computeResults has refused a final label whose category is not in the codebook,
        // and a final quote's category is one of its label's.
        const auto slot = slotOf.find(final.quote.category);
        if (slot == slotOf.end())
            return makeError("a final quote names category " +
                             std::to_string(final.quote.category) +
                             ", which is not in the codebook");
        auto post = sql::queryOptionalRow<std::pair<corpus::PostRef, std::string>>(
            db, "SELECT id, source, source_id, title FROM posts WHERE id = ?",
            [](sql::Statement& row) {
                return std::pair(
                    corpus::PostRef{row.columnInt(0), row.columnText(1), row.columnText(2)},
                    row.columnText(3));
            },
            final.postId);
        if (!post)
            return post.error();
        if (!*post)
            return makeError("a final quote is on post " + std::to_string(final.postId) +
                             ", which the project does not hold");
        BankQuote quote;
        quote.post = (*post)->first;
        quote.title = (*post)->second;
        quote.link = corpus::postLink(quote.post);
        quote.quote = std::move(final);
        bank.categories[slot->second].quotes.push_back(std::move(quote));
    }
    for (auto& category : bank.categories)
        std::sort(category.quotes.begin(), category.quotes.end(), bankOrder);
    return bank;
}

Result<QuoteBank> computeQuoteBank(sql::Database& db, const std::vector<FinalLabel>& finals,
                                   const ResultsOptions& options) {
    auto results = computeResults(db, finals, options);
    if (!results)
        return results.error();
    return quoteBankOf(db, finals, std::move(*results));
}

Result<QuoteBank> computeQuoteBank(sql::Database& db, const ResultsOptions& options) {
    auto finals = finalLabels(db);
    if (!finals)
        return finals.error();
    return computeQuoteBank(db, *finals, options);
}

std::string quoteStateWord(labels::QuoteState state) {
    switch (state) {
    case labels::QuoteState::Intact:
        return "intact";
    case labels::QuoteState::TextChanged:
        return "text changed";
    case labels::QuoteState::PartMissing:
        return "part missing";
    }
    return "intact";
}

std::string quotePostName(const BankQuote& quote) {
    return "post " + quote.post.sourceId + " \u2014 " + quote.title;
}

std::string quoteCitation(const BankQuote& quote) {
    const auto where = quote.link.empty() ? "source " + quote.post.source : quote.link;
    return "\u201c" + quote.quote.quote.text + "\u201d (post " + quote.post.sourceId + ", " +
           where + ")";
}

std::string quotesMarkdown(const QuoteBank& bank) {
    std::string out = "# Quote bank\n";
    for (const auto& entry : bank.categories) {
        const auto& category = bank.results.categories[entry.category];
        std::vector<std::string> path;
        for (const auto& name : category.path)
            path.push_back(markdownEscape(name));
        out +=
            "\n" + std::string(category.depth == 0 ? "## " : "### ") + joined(path, " > ") + "\n\n";
        if (entry.quotes.empty())
            out += "No quotes.\n";
        for (const auto& quote : entry.quotes) {
            out += "- \u201c" + markdownEscape(quote.quote.quote.text) + "\u201d \u2014 ";
            out += quote.link.empty()
                       ? markdownEscape(postWithoutLink(quote))
                       : "[post " + markdownEscape(quote.post.sourceId) + "](" + quote.link + ")";
            out += ": " + markdownEscape(quote.title) + "; quoted by " +
                   markdownEscape(joined(quote.quote.quotedBy, ", "));
            if (quote.quote.state != labels::QuoteState::Intact)
                out += " **(flagged: " + markdownEscape(flagText(quote)) + ")**";
            out += "\n";
        }
    }
    return out;
}

std::string latexUrl(const std::string& url) {
    static const char* const hex = "0123456789ABCDEF";
    std::string encoded;
    for (const char c : url) {
        const auto byte = static_cast<unsigned char>(c);
        const bool plain = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
                           (byte >= '0' && byte <= '9') ||
                           std::string_view("-._:/?=%#").find(c) != std::string_view::npos;
        if (plain) {
            encoded += c;
        } else {
            encoded += '%';
            encoded += hex[byte >> 4];
            encoded += hex[byte & 0xF];
        }
    }
    std::string out;
    for (const char c : encoded) {
        if (c == '%' || c == '#')
            out += '\\';
        out += c;
    }
    return out;
}

std::string quotesLatex(const QuoteBank& bank) {
    std::string out =
        "% Quote bank. Requires \\usepackage[T1]{fontenc} and \\usepackage{hyperref}\n"
        "\\section*{Quote bank}\n";
    for (const auto& entry : bank.categories) {
        const auto& category = bank.results.categories[entry.category];
        std::vector<std::string> path;
        for (const auto& name : category.path)
            path.push_back(latexEscape(name));
        out += std::string(category.depth == 0 ? "\\subsection*{" : "\\subsubsection*{") +
               joined(path, " \\textgreater{} ") + "}\n";
        if (entry.quotes.empty()) {
            out += "No quotes.\n\n";
            continue;
        }
        out += "\\begin{itemize}\n";
        for (const auto& quote : entry.quotes) {
            out += "\\item ``" + latexEscape(quote.quote.quote.text) + "'' --- ";
            out += quote.link.empty() ? latexEscape(postWithoutLink(quote))
                                      : "\\href{" + latexUrl(quote.link) + "}{post " +
                                            latexEscape(quote.post.sourceId) + "}";
            out += ": " + latexEscape(quote.title) + "; quoted by " +
                   latexEscape(joined(quote.quote.quotedBy, ", "));
            if (quote.quote.state != labels::QuoteState::Intact)
                out += " \\textbf{(flagged: " + latexEscape(flagText(quote)) + ")}";
            out += "\n";
        }
        out += "\\end{itemize}\n\n";
    }
    return out;
}

std::string quotesCsv(const QuoteBank& bank) {
    std::string out = "root,category,post_id,title,link,part,start,end,quote,quoted_by,state\r\n";
    for (const auto& entry : bank.categories) {
        const auto& category = bank.results.categories[entry.category];
        const auto root = csv::textField(category.path.front());
        const auto path = csv::textField(joined(category.path, " > "));
        for (const auto& quote : entry.quotes) {
            const auto& q = quote.quote.quote;
            std::string part(corpus::partName(q.part));
            if (!q.partSourceId.empty())
                part += " " + q.partSourceId;
            out += root + "," + path + "," + csv::textField(quote.post.sourceId) + "," +
                   csv::textField(quote.title) + "," +
                   csv::textField(quote.link.empty() ? postWithoutLink(quote) : quote.link) + "," +
                   csv::textField(part) + "," + csv::numberField(std::to_string(q.start)) + "," +
                   csv::numberField(std::to_string(q.end)) + "," + csv::textField(q.text) + "," +
                   csv::textField(joined(quote.quote.quotedBy, "; ")) + "," +
                   csv::numberField(quoteStateWord(quote.quote.state)) + "\r\n";
        }
    }
    return out;
}

} // namespace taxo::results
