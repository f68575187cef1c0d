#pragma once
// The selection rules as the Selection page edits them: one row per clause, the words as
// the user wrote them (parseRules case-folds them for matching), and back to a rules
// document that parseRules reads. Keeping this here keeps the page free of JSON.

#include "core/util/result.h"

#include <string>
#include <string_view>
#include <vector>

namespace taxo::sql {
class Database;
}

namespace taxo::select {

struct ClauseRow {
    std::string set;
    std::string root; // empty: the set's own name
    std::vector<std::string> tagsAny;
    std::vector<std::string> keywordsAny;
    std::vector<std::string> wordsAll;
    bool wholeWords = false;

    bool operator==(const ClauseRow&) const = default;
};

// The rows of a rules document. It is checked with parseRules first, so a bad document
// gets the same message, naming the JSON pointer, as `taxo select` gives.
Result<std::vector<ClauseRow>> clauseRows(std::string_view jsonText, const std::string& origin);

// The rules document of the rows: rows with the same set name make one set, in the order
// of the set's first row; the first non-empty root among them is the set's root. Empty
// conditions are left out. Problems (an empty name, a clause with no condition) are left
// for parseRules to name.
std::string rulesDocument(const std::vector<ClauseRow>& rows);

// The rules that built the project's current sets, as one document (an empty "sets"
// array when there are none).
Result<std::string> projectRulesDocument(sql::Database& db);

// The rows of that document; none when the project has no sets yet.
Result<std::vector<ClauseRow>> projectClauseRows(sql::Database& db);

// "tensorflow, keras ,pytorch" -> {"tensorflow", "keras", "pytorch"}; empty items dropped.
std::vector<std::string> splitWordList(std::string_view text);
std::string joinWordList(const std::vector<std::string>& words);

} // namespace taxo::select
