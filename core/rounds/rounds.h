#pragma once
// Rounds of coding and who codes in them. A pilot round is coded jointly by the
// pair (its consensus labels have no coder); a reliability round is labelled
// independently by each of two coders; a screening round has two coders mark
// each post relevant or not.

#include "core/project/project.h"
#include "core/util/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace taxo::rounds {

struct CoderProgress {
    std::string name;
    std::int64_t labels = 0; // labels this coder has given in the round so far
};

struct RoundInfo {
    std::int64_t id = 0;
    std::string name;
    std::string kind;    // pilot, reliability or screening
    std::string state;   // open or closed
    std::string setName; // the set whose sample the round comes from; empty if none
    std::int64_t items = 0;
    std::vector<CoderProgress> coders; // by name
    std::int64_t consensusLabels = 0;  // labels without a coder (the pilot's joint labels)
};

// Every round, by creation, with its items, coders and progress.
Result<std::vector<RoundInfo>> listRounds(Project& project);

// Sets the coders of a round, replacing earlier ones, in one transaction. Each
// must be a person with the coder role. Reliability and screening rounds need
// exactly two different coders (agreement is measured between two); a pilot
// needs at least one. A coder who already has labels in the round cannot be
// taken off it; in a screening round, one who has marks.
Status assignCoders(Project& project, const std::string& roundName,
                    const std::vector<std::string>& coderNames);

// Undoes an assignment: puts back the coders a round had before it, which may be
// nobody (a round fresh from its draw). The same checks as assignCoders except the
// number of coders, so an undo never takes off someone who has labelled since.
Status restoreCoders(Project& project, const std::string& roundName,
                     const std::vector<std::string>& coderNames);

// An assignment as one step of the undo history: the coders the round had before it
// (which may be nobody, a round fresh from its draw) and those it set, by name.
struct AssignChange {
    std::string round;
    std::vector<std::string> before;
    std::vector<std::string> after;
};
// assignCoders, returning its change record. Core reads `before` in the same
// transaction, so an undo puts back exactly what the assignment replaced.
Result<AssignChange> changeCoders(sql::Database& db, const std::string& roundName,
                                  const std::vector<std::string>& coderNames);
// Puts `before` back with restoreCoders' checks (never taking off someone who has
// labelled since); redo sets `after` again with assignCoders' checks.
Status undoAssign(sql::Database& db, const AssignChange& change);
Status redoAssign(sql::Database& db, const AssignChange& change);

// The checks and rows of assignCoders inside the caller's transaction, without
// the change-log entry (the caller logs its own action).
Status writeCoders(sql::Database& db, std::int64_t roundId, const std::string& roundName,
                   const std::string& kind, const std::vector<std::string>& coderNames);

// Splits "A,B" into names, trimming blanks around each; empty parts are dropped.
std::vector<std::string> splitNames(const std::string& list);

// The name of the set's screening round, or empty when it has none.
Result<std::string> screeningRoundOfSet(sql::Database& db, std::int64_t setId);

} // namespace taxo::rounds
