#include "core/results/final_quotes.h"

#include "core/arbitration/decision_quotes.h"
#include "core/store/statements.h"

#include <algorithm>
#include <map>
#include <optional>

namespace taxo::results {
namespace {

Result<std::string> coderName(sql::Database& db, std::optional<std::int64_t> coder,
                              std::map<std::int64_t, std::string>& names) {
    if (!coder)
        return std::string(kPilotConsensusName);
    if (auto found = names.find(*coder); found != names.end())
        return found->second;
    auto name = sql::queryOptionalRow<std::string>(
        db, "SELECT name FROM people WHERE id = ?",
        [](sql::Statement& row) { return row.columnText(0); }, *coder);
    if (!name)
        return name.error();
    return names[*coder] = name->value_or("person " + std::to_string(*coder));
}

Result<std::vector<labels::KeptQuote>> decisionQuotes(sql::Database& db, std::int64_t postId) {
    auto decision = sql::queryOptionalRow<std::int64_t>(
        db, "SELECT id FROM decisions WHERE post_id = ?",
        [](sql::Statement& row) { return row.columnInt(0); }, postId);
    if (!decision)
        return decision.error();
    if (!*decision)
        return std::vector<labels::KeptQuote>();
    return labels::loadQuotes(db, arbitration::kDecisionQuotes, **decision);
}

} // namespace

Result<std::vector<FinalQuote>> finalQuotes(sql::Database& db,
                                            const std::vector<FinalLabel>& finals) {
    std::map<std::int64_t, std::string> names;
    std::vector<FinalQuote> result;
    for (const auto& final : finals) {
        if (!final.resolved() || final.categories.empty())
            continue;
        auto quotes = final.source == FinalSource::Decision
                          ? decisionQuotes(db, final.postId)
                          : arbitration::quotesOffered(db, final.postId);
        if (!quotes)
            return quotes.error();
        std::vector<FinalQuote> ofPost;
        for (const auto& kept : *quotes) {
            if (!std::binary_search(final.categories.begin(), final.categories.end(),
                                    kept.quote.category))
                continue;
            auto name = coderName(db, kept.quotedBy, names);
            if (!name)
                return name.error();
            auto same = std::find_if(ofPost.begin(), ofPost.end(),
                                     [&](const FinalQuote& q) { return q.quote == kept.quote; });
            if (same == ofPost.end()) {
                FinalQuote quote;
                quote.postId = final.postId;
                quote.quote = kept.quote;
                auto state = labels::quoteState(db, final.postId, kept.quote);
                if (!state)
                    return state.error();
                quote.state = *state;
                ofPost.push_back(std::move(quote));
                same = std::prev(ofPost.end());
            }
            if (std::find(same->quotedBy.begin(), same->quotedBy.end(), *name) ==
                same->quotedBy.end())
                same->quotedBy.push_back(*name);
        }
        for (auto& quote : ofPost)
            std::sort(quote.quotedBy.begin(), quote.quotedBy.end());
        std::sort(ofPost.begin(), ofPost.end(), [](const FinalQuote& a, const FinalQuote& b) {
            return labels::quoteOrder(a.quote, b.quote);
        });
        result.insert(result.end(), std::make_move_iterator(ofPost.begin()),
                      std::make_move_iterator(ofPost.end()));
    }
    return result;
}

} // namespace taxo::results
