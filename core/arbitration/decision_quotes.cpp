#include "core/arbitration/decision_quotes.h"

#include "core/labels/labels.h"
#include "core/store/statements.h"

#include <algorithm>

namespace taxo::arbitration {

Result<std::vector<labels::KeptQuote>> quotesOffered(sql::Database& db, std::int64_t postId) {
    auto owners = sql::queryRows<std::pair<std::int64_t, std::optional<std::int64_t>>>(
        db,
        "SELECT l.id, l.coder_id FROM labels l JOIN rounds r ON r.id = l.round_id "
        "WHERE l.post_id = ? AND ((r.kind = 'pilot' AND l.coder_id IS NULL) OR "
        "(r.kind = 'reliability' AND l.coder_id IS NOT NULL)) AND EXISTS (SELECT 1 FROM "
        "label_quotes q WHERE q.label_id = l.id) "
        "ORDER BY ifnull(l.coder_id, 0), r.id",
        [](sql::Statement& row) { return std::pair(row.columnInt(0), row.columnOptionalInt(1)); },
        postId);
    if (!owners)
        return owners.error();
    std::vector<labels::KeptQuote> offered;
    for (const auto& [label, coder] : *owners) {
        auto quotes = labels::loadQuotes(db, labels::kLabelQuotes, label);
        if (!quotes)
            return quotes.error();
        for (auto& kept : *quotes) {
            kept.quotedBy = coder;
            offered.push_back(std::move(kept));
        }
    }
    return offered;
}

namespace {

bool samePassage(const labels::Quote& a, const labels::Quote& b) {
    return a.part == b.part && a.partSourceId == b.partSourceId && a.start == b.start &&
           a.end == b.end && a.text == b.text;
}

} // namespace

Status checkKeptQuotes(sql::Database& db, std::int64_t postId,
                       const std::vector<codebook::CategoryId>& categories,
                       const std::vector<labels::KeptQuote>& quotes) {
    if (quotes.empty())
        return {};
    auto offered = quotesOffered(db, postId);
    if (!offered)
        return offered.error();
    for (std::size_t i = 0; i < quotes.size(); ++i) {
        const auto& kept = quotes[i];
        const std::string which = "kept quote " + std::to_string(i + 1);
        if (auto status = labels::checkQuoteForm(kept.quote); !status)
            return makeError(which + ": " + status.message());
        if (std::find(categories.begin(), categories.end(), kept.quote.category) ==
            categories.end())
            return makeError(which + " is attached to \u201c" +
                             labels::describeCategory(db, kept.quote.category) +
                             "\u201d, which the decision does not carry");
        const bool quoted = std::any_of(offered->begin(), offered->end(), [&](const auto& offer) {
            return offer.quotedBy == kept.quotedBy && samePassage(offer.quote, kept.quote);
        });
        if (!quoted)
            return makeError(which + " (" + labels::describeQuotePlace(kept.quote) +
                             ") is not a passage its coder quoted on " +
                             labels::describePost(db, postId));
    }
    return {};
}

} // namespace taxo::arbitration
