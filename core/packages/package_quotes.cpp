// A label's quotes travel with it through a package: read from the package as it holds
// them, then made the project's, refused like a forged label when they cannot be.

#include "core/packages/package_internal.h"
#include "core/store/statements.h"

namespace taxo::packages::detail {

// The quotes of one label or decision in their order. A category the package lacks reads
// as an empty uid, which the merge refuses as unknown.
Result<std::vector<PackageQuote>> readQuotes(sql::Database& db, const char* table,
                                             const char* owner, std::int64_t id) {
    const bool kept = std::string_view(table) == "decision_quotes";
    auto stmt = sql::prepareBound(
        db,
        std::string("SELECT ifnull(c.uid, ''), q.part, q.part_source_id, q.start_offset, "
                    "q.end_offset, q.quoted_text, ") +
            (kept ? "q.quoted_by IS NULL, ifnull(pe.name, '')" : "1, ''") + " FROM " + table +
            " q LEFT JOIN categories c ON c.id = q.category_id " +
            (kept ? "LEFT JOIN people pe ON pe.id = q.quoted_by " : "") + "WHERE q." + owner +
            " = ? ORDER BY q.position",
        id);
    if (!stmt)
        return stmt.error();
    std::vector<PackageQuote> quotes;
    if (auto status = stmt->forEachRow([&](sql::Statement& row) {
            PackageQuote quote;
            quote.categoryUid = row.columnText(0);
            quote.part = row.columnText(1);
            quote.partSourceId = row.columnText(2);
            quote.start = row.columnInt(3);
            quote.end = row.columnInt(4);
            quote.text = row.columnText(5);
            if (row.columnInt(6) == 0)
                quote.quotedBy = row.columnText(7);
            quotes.push_back(std::move(quote));
        });
        !status)
        return status.error();
    return quotes;
}

// The package's quotes as the project's: categories by uid, coders by name. A quote
// that is malformed, names an unknown category or coder, or claims a part the post
// does not have is refused like a forged label; a category outside the label's or the
// decision's is refused by validateLabel and validateDecision, as in the app.
Result<std::vector<labels::KeptQuote>>
projectQuotes(sql::Database& db, const std::vector<PackageQuote>& quotes, std::int64_t postId,
              const std::string& where, const std::map<std::string, std::int64_t>& uids,
              const std::map<std::string, std::string>& paths) {
    std::vector<labels::KeptQuote> kept;
    for (const auto& incoming : quotes) {
        labels::KeptQuote quote;
        const auto part = corpus::parsePart(incoming.part);
        const std::string what =
            where + " has a quote of " + incoming.part +
            (incoming.partSourceId.empty() ? "" : " " + incoming.partSourceId) + " " +
            std::to_string(incoming.start) + "\u2013" + std::to_string(incoming.end);
        if (!part)
            return makeError(what + ", which is no part of a post: it was changed by hand");
        const auto category = uids.find(incoming.categoryUid);
        if (category == uids.end()) {
            const auto path = paths.find(incoming.categoryUid);
            return makeError(what + " on the category " +
                             (path != paths.end() ? path->second : std::string("(unnamed)")) +
                             ", which is unknown in the project");
        }
        quote.quote = {category->second, *part,        incoming.partSourceId,
                       incoming.start,   incoming.end, incoming.text};
        if (auto form = labels::checkQuoteForm(quote.quote); !form)
            return makeError(what + ": " + form.message());
        auto state = labels::quoteState(db, postId, quote.quote);
        if (!state)
            return state.error();
        if (*state == labels::QuoteState::PartMissing)
            return makeError(what + ", a part the post does not have: it was changed by hand");
        if (incoming.quotedBy) {
            auto coder = sql::queryOptionalIntBound(db, "SELECT id FROM people WHERE name = ?",
                                                    *incoming.quotedBy);
            if (!coder)
                return coder.error();
            if (!*coder)
                return makeError(what + " quoted by " + *incoming.quotedBy +
                                 ", who is not a person of the project");
            quote.quotedBy = **coder;
        }
        kept.push_back(std::move(quote));
    }
    return kept;
}

std::vector<labels::Quote> plainQuotes(const std::vector<labels::KeptQuote>& kept) {
    std::vector<labels::Quote> quotes;
    for (const auto& quote : kept)
        quotes.push_back(quote.quote);
    return quotes;
}

} // namespace taxo::packages::detail
