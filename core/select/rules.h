#pragma once
// Selection rules: named sets of posts, each a union of clauses. The rules are a
// JSON document (docs/rules.md); reading it checks every key and type and names
// the JSON pointer of the first problem, so a typo never silently selects nothing.

#include "core/util/result.h"

#include <string>
#include <string_view>
#include <vector>

namespace taxo::select {

// One clause ANDs its conditions; an absent condition does not constrain.
// All words and tags are stored case-folded (text::foldCase), ready for matching.
struct Clause {
    std::vector<std::string> tagsAny;     // the post carries at least one of these tags
    std::vector<std::string> keywordsAny; // at least one occurs in the title or body text
    std::vector<std::string> wordsAll;    // every one occurs in the title or body text
    bool wholeWords = false;              // false: substring match, as the study did
};

struct SetRule {
    std::string name;
    std::string root; // the root category the set's posts are coded under
    std::vector<Clause> clauses;
    std::string json; // this set's rule as written, stored with the set for provenance
};

struct Rules {
    std::vector<SetRule> sets;
};

// Parses and validates a rules document. `origin` (a file name) prefixes messages.
Result<Rules> parseRules(std::string_view jsonText, const std::string& origin = "rules");
// Reads a rules file and parses it.
Result<Rules> loadRules(const std::string& path);

} // namespace taxo::select
