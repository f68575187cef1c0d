#pragma once
// Shared by screening.cpp and screening_report.cpp; not part of the API.

#include "core/rounds/rounds.h"
#include "core/screening/screening.h"

#include <cstdint>
#include <optional>
#include <string>

namespace taxo::screening::detail {

struct RoundRow {
    std::int64_t id = 0;
    std::string name;
    rounds::RoundKind kind = rounds::RoundKind::Screening;

    std::string state;
    std::optional<std::int64_t> setId;
    std::string setName;
};
Result<RoundRow> loadRound(sql::Database& db, std::int64_t roundId);

// SOURCE:ID of a post, or its id when it cannot be read.
std::string itemNameOf(sql::Database& db, std::int64_t postId);

// A post's outcome from its two marks and the lead's decision; byLead tells
// whether the decision settled it.
Result<Outcome> outcomeOf(sql::Database& db, std::int64_t roundId, std::int64_t postId,
                          bool& byLead);

} // namespace taxo::screening::detail
