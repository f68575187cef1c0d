#pragma once
// Quotes: passages of a post a coder attaches to one category of their label as its
// evidence, the way the study cites a post's sentence for each category. A quote names
// the post part it comes from, its code-point offsets in that part's plain text
// (core/corpus/post_parts.h) and the text as quoted. The text is kept as it was: when a
// later import changes the part, the quote is reported as changed, never moved.

#include "core/codebook/codebook.h"
#include "core/corpus/post_parts.h"
#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace taxo::labels {

struct Quote {
    codebook::CategoryId category = 0;
    corpus::PostPart part = corpus::PostPart::Body;
    std::string partSourceId; // the answer's or comment's id; empty for title and body
    std::int64_t start = 0;   // code points into the part's plain text
    std::int64_t end = 0;     // one past the last code point
    std::string text;

    bool operator==(const Quote&) const = default;
};

// Whether a quote still matches the post as the project holds it now.
enum class QuoteState {
    Intact,      // the part's text between the offsets is the quoted text
    TextChanged, // the part is there, but its text there is no longer the quote's
    PartMissing, // the post has no such part any more (an answer a later import lacks)
};
Result<QuoteState> quoteState(sql::Database& db, std::int64_t postId, const Quote& quote);
// "the text of the body changed since it was quoted": a line for a flagged quote.
std::string describeQuoteState(QuoteState state, const Quote& quote);

// The form of a quote: a known part, an answer or comment id exactly for those parts,
// 0 <= start < end, and text of exactly end - start code points, without control
// characters. Nothing is compared with the post's text here (see quoteState).
Status checkQuoteForm(const Quote& quote);

// A quote as made now from a passage of a post (locatePassage's result).
Quote quoteOfPassage(const corpus::PassageLocation& passage, codebook::CategoryId category);

// Quotes by their place in the post: part, then offsets; what a list shows first.
bool quoteOrder(const Quote& a, const Quote& b);

// "body 12–40", "answer 4301 3–17", "comment 77 0–9": where a quote comes from.
std::string describeQuotePlace(const Quote& quote);

// A table of quotes: label_quotes (labels' own) or decision_quotes (arbitration's, which
// also records whose quote was kept). The names are the owners' constants, never user
// text; each owner calls loadQuotes and writeQuotes with its own table.
struct QuoteTable {
    const char* table;
    const char* ownerColumn;
    bool hasQuotedBy;
};
inline constexpr QuoteTable kLabelQuotes{"label_quotes", "label_id", false};

// A quote with the coder it came from: in a decision, whose quote the arbitrator kept
// (nullopt: the pilot pair's consensus label).
struct KeptQuote {
    Quote quote;
    std::optional<std::int64_t> quotedBy;
    bool operator==(const KeptQuote&) const = default;
};

Result<std::vector<KeptQuote>> loadQuotes(sql::Database& db, const QuoteTable& table,
                                          std::int64_t owner);
// Replaces the owner's quotes by `quotes`, in order, inside the caller's transaction.
Status writeQuotes(sql::Database& db, const QuoteTable& table, std::int64_t owner,
                   const std::vector<KeptQuote>& quotes);

// A category's quotes follow it when a codebook edit moves its uses to another category
// (core/recoding): moves the owners' quotes of `source` to `target` and returns their ids;
// restoreQuoteCategory is the exact inverse, refused when one of them has changed since.
// Neither opens a transaction.
Result<std::vector<std::int64_t>> moveQuoteCategory(sql::Database& db, const QuoteTable& table,
                                                    const std::vector<std::int64_t>& owners,
                                                    codebook::CategoryId source,
                                                    codebook::CategoryId target);
Status restoreQuoteCategory(sql::Database& db, const QuoteTable& table,
                            const std::vector<std::int64_t>& quoteIds, codebook::CategoryId source,
                            codebook::CategoryId target);

} // namespace taxo::labels
