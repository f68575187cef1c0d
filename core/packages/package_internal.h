#pragma once
// Shared by the package export and the merge: the proof of origin a package carries.

#include "core/packages/packages.h"
#include "core/util/result.h"

#include <chrono>
#include <string>
#include <string_view>

namespace taxo::packages::detail {

// How far a label's time may lie ahead of the lead's clock before the merge refuses it
// as forged: computers' clocks differ by seconds, rarely by minutes.
inline constexpr std::chrono::minutes kClockSkew{60};

// 256 random bits from the kernel's CSPRNG, as 64 hex digits.
Result<std::string> newPackageSecret();

// Compares in time that does not depend on where the two differ.
bool sameSecret(std::string_view a, std::string_view b);

// The latest time stamp the merge accepts: now plus kClockSkew, in the form utcNowIso
// writes, so that time stamps compare as text.
std::string latestAcceptedTime();

// The export a package claims to come from, as the lead's project recorded it.
struct Issue {
    std::int64_t id = 0;
    std::string issued;
};
// The issue whose secret the package carries, for the person and kind it claims;
// refused when none matches (a package renamed to another person, or forged).
Result<Issue> matchIssue(sql::Database& db, std::int64_t person, const PackageMeta& meta,
                         const std::string& file);

// A warning when a package of the same person and kind was imported before that is
// newer than this one: exported later, or the same export with later work in it.
Result<std::optional<std::string>> olderThanImported(sql::Database& db, std::int64_t person,
                                                     const PackageMeta& meta, const Issue& issue,
                                                     const std::string& latestChange);

// Records a merge that changed the project, so that a later, older copy is told.
Status recordImport(sql::Database& db, const Issue& issue, const std::string& latestChange,
                    const std::string& file);

// Per round of the package, how many posts each of the round's coders has labeled in
// the project now, and a warning for each who has not finished; for an arbitrator, a
// warning for the conflicts that still wait.
Status addProgress(sql::Database& db, const std::vector<std::string>& rounds, std::int64_t person,
                   MergeReport& report);

} // namespace taxo::packages::detail
