#pragma once
// The quotes an arbitrator keeps in a decision: passages the post's coders quoted in
// their labels, each with the coder it came from, attached to one of the decision's
// categories. The arbitrator keeps evidence; they do not make it up, so a kept quote must
// be a passage that coder quoted on that post.

#include "core/codebook/codebook.h"
#include "core/labels/quotes.h"
#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <cstdint>
#include <vector>

namespace taxo::arbitration {

inline constexpr labels::QuoteTable kDecisionQuotes{"decision_quotes", "decision_id", true};

// Every quote of the labels that can settle the post (the pilot pair's consensus, the
// reliability rounds' coders; never calibration or screening), with its coder
// (nullopt: the pilot pair's consensus label): by coder, round and the order each label holds them.
Result<std::vector<labels::KeptQuote>> quotesOffered(sql::Database& db, std::int64_t postId);

// Refuses a kept quote that is malformed (labels::checkQuoteForm), names a category the
// decision does not carry, or is not a passage its coder quoted on the post.
Status checkKeptQuotes(sql::Database& db, std::int64_t postId,
                       const std::vector<codebook::CategoryId>& categories,
                       const std::vector<labels::KeptQuote>& quotes);

} // namespace taxo::arbitration
