#pragma once
// Rounds of coding and who codes in them. A pilot round is coded jointly by the
// pair (its consensus labels have no coder); a reliability round is labelled
// independently by each of its two or more coders; a screening round has two coders
// mark each post relevant or not; a calibration round has a coder label posts of a
// pilot blind, to be scored against the pilot's consensus, and never counts in the
// study's results.
//
// This module owns the rounds and round_coders tables (and round_items): every
// other module creates, removes or re-staffs a round through the functions here.

#include "core/project/project.h"
#include "core/util/result.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taxo::rounds {

// What a round is for; the rounds table keeps it as text (kindName).
enum class RoundKind { Pilot, Reliability, Screening, Calibration };

// "pilot", "reliability", "screening" or "calibration": the text in the table, the
// CLI and the GUI.
std::string kindName(RoundKind kind);
// The kind a text names; anything else is refused with a message naming it.
Result<RoundKind> parseKind(std::string_view text);

struct CoderProgress {
    std::string name;
    std::int64_t labels = 0; // labels this coder has given in the round so far
};

struct RoundInfo {
    std::int64_t id = 0;
    std::string name;
    RoundKind kind = RoundKind::Pilot;
    std::string state;   // open or closed
    std::string setName; // the set whose sample the round comes from; empty if none
    std::int64_t items = 0;
    std::vector<CoderProgress> coders; // by name
    std::int64_t consensusLabels = 0;  // labels without a coder (the pilot's joint labels)
    std::string pilotRound;            // a calibration round's pilot; empty for other kinds
};

// Every round, by creation, with its items, coders and progress.
Result<std::vector<RoundInfo>> listRounds(Project& project);

// Sets the coders of a round, replacing earlier ones, in one transaction. Each
// must be a person with the coder role. A reliability round needs two or more
// different coders (Cohen's kappa for two, Fleiss' kappa for more), a screening
// round exactly two, a pilot or a calibration round at least one. A coder who already has labels in
// the round cannot be taken off it; in a screening round, one who has marks.
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
                   RoundKind kind, const std::vector<std::string>& coderNames);

// A round about to be created: drawn from a sample (pilot, reliability) or from a
// set (screening), with its items in order and its coders (person ids, unchecked).
struct NewRound {
    std::string name;
    RoundKind kind = RoundKind::Pilot;
    std::optional<std::int64_t> sampleId;
    std::optional<std::int64_t> setId;
    std::string created; // UTC ISO time
    std::vector<std::int64_t> items;
    std::vector<std::int64_t> coders;
};

// Adds an open round with its items and coders inside the caller's transaction and
// returns its id; sampling and screening create their rounds through it so that the
// rounds tables have one writer.
Result<std::int64_t> insertRound(sql::Database& db, const NewRound& round);
// insertRound for a calibration round, which names the pilot round its coders are
// scored against.
Result<std::int64_t> insertCalibrationRound(sql::Database& db, const NewRound& round,
                                            std::int64_t pilotRoundId);

// Removes the rounds drawn for a sample, their items and coders with them (a new
// draw replaces them); the caller has checked that none holds labels.
Status removeSampleRounds(sql::Database& db, std::int64_t sampleId);

// The coders of each round drawn for a sample, by the round's kind (person ids in
// ascending order), so that a new draw keeps them.
Result<std::map<RoundKind, std::vector<std::int64_t>>> sampleRoundCoders(sql::Database& db,
                                                                         std::int64_t sampleId);

// Splits "A,B" into names, trimming blanks around each; empty parts are dropped.
std::vector<std::string> splitNames(const std::string& list);

// The name of the set's screening round, or empty when it has none.
Result<std::string> screeningRoundOfSet(sql::Database& db, std::int64_t setId);

} // namespace taxo::rounds
