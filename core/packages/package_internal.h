#pragma once
// Shared by the package export and the merge: the proof of origin a package carries.

#include "core/labels/quotes.h"
#include "core/packages/packages.h"
#include "core/util/result.h"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace taxo::packages::detail {

// How far a label's time may lie ahead of the lead's clock before the merge refuses it
// as forged: computers' clocks differ by seconds, rarely by minutes.
inline constexpr std::chrono::minutes kClockSkew{60};

// The oldest schema version whose packages the merge takes: packages carry their proof of
// origin since version 5. A coder who worked in a package exported before the lead upgraded
// keeps that work: the merge reads a migrated temporary copy, never the coder's file.
inline constexpr int kOldestPackageVersion = 5;

// checkPackageFile's checks; the package's schema version when they pass.
Result<int> checkPackageSchema(const std::string& file);

// A copy of an older package in the temporary folder, migrated to the current schema, for
// the merge to read; the caller removes it with removePackageCopy.
Result<std::string> migratedCopy(const std::string& file, int version);
void removePackageCopy(const std::string& copy);

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

// A quote as the package holds it: its category by uid, its part by name, and for a
// decision's kept quote the coder it came from by name (nullopt: the pilot pair).
struct PackageQuote {
    std::string categoryUid, part, partSourceId;
    std::int64_t start = 0, end = 0;
    std::string text;
    std::optional<std::string> quotedBy;
};

// The quotes of one label or decision of the package in their order (`table`
// label_quotes or decision_quotes, `owner` its owner column). A category the package
// lacks reads as an empty uid, which projectQuotes refuses as unknown.
Result<std::vector<PackageQuote>> readQuotes(sql::Database& db, const char* table,
                                             const char* owner, std::int64_t id);

// The package's quotes as the project's: categories by uid (`uids`: the project's ids,
// `paths`: the package's paths for messages), coders by name. A quote that is malformed,
// names an unknown category or coder, or claims a part the post does not have is refused
// like a forged label, the message starting with `where`; a category outside the label's
// or the decision's is left to validateLabel and validateDecision, as in the app.
Result<std::vector<labels::KeptQuote>>
projectQuotes(sql::Database& db, const std::vector<PackageQuote>& quotes, std::int64_t postId,
              const std::string& where, const std::map<std::string, std::int64_t>& uids,
              const std::map<std::string, std::string>& paths);

std::vector<labels::Quote> plainQuotes(const std::vector<labels::KeptQuote>& kept);

} // namespace taxo::packages::detail
