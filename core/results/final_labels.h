#pragma once
// The final label of every sampled post (docs/architecture.md, "Label semantics"): the
// pilot pair's consensus label; else the reliability coders' label where they
// agree; else the arbitrator's decision. Pending is never final: an agreed
// Pending, a Pending consensus or a Pending decision leaves the post to (or in)
// arbitration. Every result of the study (counts, percentages, the figure, the
// methods text) is computed from this one list, so they cannot disagree.

#include "core/codebook/codebook.h"
#include "core/labels/labels.h"
#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace taxo::results {

enum class FinalSource { Pilot, Agreement, Decision, Unresolved };
// "pilot", "agreement", "decision", "unresolved".
std::string_view finalSourceName(FinalSource source);

struct FinalLabel {
    std::int64_t postId = 0;
    FinalSource source = FinalSource::Unresolved;
    std::vector<codebook::CategoryId> categories; // sorted, unique; empty with a special
    std::optional<labels::Special> special;       // never Pending
    bool resolved() const { return source != FinalSource::Unresolved; }
};

// The sampled posts: members of any sample, and items of pilot and reliability
// rounds (a pilot may be drawn by hand, outside a sample). Sorted by post id.
Result<std::vector<std::int64_t>> sampledPosts(sql::Database& db);

// One entry per sampled post, sorted by post id; a post with no final label
// has source Unresolved.
Result<std::vector<FinalLabel>> finalLabels(sql::Database& db);

} // namespace taxo::results
