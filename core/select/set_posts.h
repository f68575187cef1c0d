#pragma once
// The posts of a set: who is in it and who screening took out of it. The selection
// writes the members when it builds a set; screening takes a post out and puts it
// back through excludePost and restorePost, so that set_members and set_exclusions
// are written here alone.

#include "core/corpus/post_ref.h"
#include "core/project/project.h"
#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace taxo::select {

// The id of the set of that name; the refusal lists the sets there are.
Result<std::int64_t> findSetId(sql::Database& db, const std::string& setName);

// The set's posts in the canonical order of the draw.
Result<std::vector<corpus::PostRef>> setPosts(sql::Database& db, std::int64_t setId);
Result<std::vector<corpus::PostRef>> setPopulation(Project& project, const std::string& setName);

// The posts of a set that screening has taken out of it; the selection keeps
// them out when it rebuilds the set.
Result<std::vector<std::int64_t>> excludedPosts(sql::Database& db, std::int64_t setId);
// The screening round that took the post out of the set, if it is out.
Result<std::optional<std::int64_t>> exclusionRound(sql::Database& db, std::int64_t setId,
                                                   std::int64_t postId);
// Takes the post out of the set, recording the round, the reason and when.
Status excludePost(sql::Database& db, std::int64_t setId, std::int64_t postId, std::int64_t roundId,
                   const std::string& reason, const std::string& when);
// Puts a post that screening took out back into its set.
Status restorePost(sql::Database& db, std::int64_t setId, std::int64_t postId);

} // namespace taxo::select
