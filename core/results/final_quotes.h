#pragma once
// The quotes of the final taxonomy: the evidence each final label carries into the
// paper (docs/results.md, "Quote bank"). A decision carries the quotes its arbitrator
// kept; a label the coders agreed on (or the pilot pair's consensus) carries every quote
// its coders attached to one of its categories in the rounds that settled it. The same
// passage quoted for the same category by several coders is one quote naming them all.

#include "core/labels/quotes.h"
#include "core/results/final_labels.h"
#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace taxo::results {

struct FinalQuote {
    std::int64_t postId = 0;
    labels::Quote quote;
    // Who quoted it, by name, sorted; "pilot consensus" for the pilot pair's joint label.
    std::vector<std::string> quotedBy;
    labels::QuoteState state = labels::QuoteState::Intact;
};

inline constexpr const char* kPilotConsensusName = "pilot consensus";

// Every quote of the resolved final labels, by post id, then place in the post
// (labels::quoteOrder). Unresolved posts carry none.
Result<std::vector<FinalQuote>> finalQuotes(sql::Database& db,
                                            const std::vector<FinalLabel>& finals);

} // namespace taxo::results
