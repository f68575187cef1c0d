#pragma once
// Building the named sets of a project from selection rules (the study's step 2):
// one pass over the posts, the count after every clause, the union and the overlaps.

#include "core/project/project.h"
#include "core/select/rules.h"
#include "core/util/progress.h"
#include "core/util/result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace taxo::select {

// What the matcher sees of a post: its tags and its searchable text, both case-folded.
struct MatchablePost {
    std::vector<std::string> tags;
    std::string text; // title, a line break, then the body text without code
};

// The text rules match against: the title and the body with HTML entities decoded and
// <code>/<pre> removed, case-folded. A line break separates title and body so that no
// keyword matches across the two.
std::string matchableText(std::string_view title, std::string_view bodyHtml);

// True when `word` (case-folded) occurs in `text`; with wholeWords, only where it is not
// part of a longer word (letters, digits, '_' and non-ASCII characters form words).
bool containsWord(std::string_view text, std::string_view word, bool wholeWords);

bool clauseMatches(const Clause& clause, const MatchablePost& post);

struct SelectOptions {
    // Replace sets that samples already use even though their members change.
    bool force = false;
};

struct ClauseCount {
    std::int64_t matched = 0;    // posts this clause alone selects
    std::int64_t cumulative = 0; // posts in the union of this and the earlier clauses
};

struct SetSelection {
    std::string name;
    std::string root;
    std::vector<ClauseCount> clauses;
    std::int64_t members = 0;          // after screening's exclusions
    std::int64_t previousMembers = -1; // -1 when the set is new
    std::vector<std::int64_t> samples; // ids of samples drawn from this set
    std::int64_t screenedOut = 0;      // matched by the rules but ruled out by screening
    std::string rule;                  // the set's rule as JSON, as written in the rules
};

struct SetOverlap {
    std::string first;
    std::string second;
    std::int64_t both = 0;
};

struct SelectionReport {
    std::int64_t postsScanned = 0;
    std::vector<SetSelection> sets;
    std::int64_t unionMembers = 0;    // posts in at least one set
    std::vector<SetOverlap> overlaps; // every pair of sets, in rules order
    std::vector<std::string> dropped; // sets of the project that the rules no longer name
    double seconds = 0;
};

// Replaces the project's sets by those the rules define, in one transaction. Sets used
// by a sample keep their id; they are refused when their members or root would change,
// unless options.force, and a set a sample uses is never dropped. On any failure or
// cancel the project is unchanged.
Result<SelectionReport> selectSets(Project& project, const Rules& rules,
                                   const SelectOptions& options = {},
                                   const ProgressCallback& progress = {},
                                   const CancelFlag* cancel = nullptr);

// The project's sets as the last selection left them: name, root, members, the stored
// rule and the count after each clause as stored when the set was built (none for sets
// built before the counts were kept, or whose stored positions are not 0, 1, 2, ...).
// previousMembers, samples and screenedOut are not filled.
Result<std::vector<SetSelection>> storedSets(sql::Database& db);

} // namespace taxo::select
