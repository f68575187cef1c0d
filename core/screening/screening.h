#pragma once
// Screening, the study's manual check of a set's candidates (the 576 browser
// questions, kappa 0.894): two coders mark each post of a set relevant or
// irrelevant, blind to each other; Cohen's kappa measures their agreement; the
// lead decides where they differ. A post ruled irrelevant (by both coders, or by
// the lead) leaves the set: the exclusion is a row of set_exclusions plus a
// change-log entry, reversed as soon as the ruling changes, and posts, marks and
// labels are never deleted. A set is sampled only once its screening is complete,
// so `taxo sample --all` then takes exactly the relevant posts.

#include "core/agreement/cohen_kappa.h"
#include "core/project/project.h"
#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace taxo::screening {

// "<set> screening", the default name of a set's screening round.
std::string screeningRoundName(const std::string& setName);

struct CreateRequest {
    std::string setName;
    std::vector<std::string> coders; // exactly two people with the coder role
    std::string roundName;           // empty: screeningRoundName(setName)
};

struct CreatedRound {
    std::int64_t roundId = 0;
    std::string name;
    std::string setName;
    std::int64_t items = 0;
};

// Creates the screening round of a set with every post of the set as an item (in
// the canonical order of the draw) and its two coders, in one transaction.
// Refuses an unknown or empty set, a set that already has a sample (screening
// comes before the draw) or a screening round, a round name in use, and coders
// that assignCoders would refuse.
Result<CreatedRound> createRound(Project& project, const CreateRequest& request);

struct RoundRef {
    std::int64_t id = 0;
    std::string name;
    std::int64_t setId = 0;
    std::string setName;
};
// The screening round of that name; with an empty name the project's only
// screening round. Refuses a round of another kind.
Result<RoundRef> findRound(sql::Database& db, const std::string& name = {});

// A post given as its id in the project ("17") or as SOURCE:ID ("so:54734446",
// the form `taxo sample --json` prints).
Result<std::int64_t> resolvePost(sql::Database& db, const std::string& text);

struct MarkChange {
    std::int64_t postId = 0;
    std::optional<bool> relevant; // nullopt removes the mark (the undo of a first mark)
};

// Sets one coder's marks in one transaction and brings the set up to date;
// returns each post's previous mark, in the order given, so that the caller can
// undo. Refused with no change: a round that is not an open screening round, a
// person who is not one of its coders, a post that is not one of its items, a
// post the lead has decided (withdraw the decision first), and any change once
// the set has a sample.
Result<std::vector<std::optional<bool>>> setMarks(sql::Database& db, std::int64_t roundId,
                                                  std::int64_t coderId,
                                                  const std::vector<MarkChange>& changes);

// Blind by construction: only this coder's marks, every item in round order.
struct MarkRow {
    std::int64_t postId = 0;
    std::int64_t position = 0;
    std::optional<bool> relevant;
};
Result<std::vector<MarkRow>> marksForCoder(sql::Database& db, std::int64_t roundId,
                                           std::int64_t coderId);

struct Decision {
    std::int64_t leadId = 0;
    std::string lead; // the lead's name
    bool relevant = true;
    std::string rationale;
    std::string decided; // UTC, ISO 8601
};

// Refuses a person who does not have the lead role: only the lead decides, or
// withdraws a decision.
Status checkLead(sql::Database& db, std::int64_t personId);

// Records (or with nullopt withdraws) the lead's decision on a post the coders
// disagree on, in one transaction, and brings the set up to date. Returns the
// decision as it was before. Refused: a person without the lead role, a post the
// coders have not both marked or agree on, and any change once the set has a
// sample.
struct DecisionInput {
    std::int64_t leadId = 0;
    bool relevant = true;
    std::string rationale;
};
Result<std::optional<Decision>> setDecision(sql::Database& db, std::int64_t roundId,
                                            std::int64_t postId,
                                            const std::optional<DecisionInput>& input);
// The undo of setDecision: puts `previous` back as it was (time stamp included).
Status restoreDecision(sql::Database& db, std::int64_t roundId, std::int64_t postId,
                       const std::optional<Decision>& previous);

enum class Outcome {
    Incomplete,   // fewer than two marks
    Relevant,     // both relevant, or decided relevant
    Irrelevant,   // both irrelevant, or decided irrelevant: out of the set
    Disagreement, // the coders differ and the lead has not decided
};
const char* outcomeName(Outcome outcome);

struct ReportItem {
    std::int64_t postId = 0;
    std::string item; // SOURCE:ID
    std::string title;
    std::optional<bool> a; // coder A's mark
    std::optional<bool> b;
    std::optional<Decision> decision;
    Outcome outcome = Outcome::Incomplete;
    bool excluded = false; // out of the set now
};

struct CoderTally {
    std::string name;
    std::int64_t marked = 0;
    std::int64_t relevant = 0;
};

struct Report {
    RoundRef round;
    std::int64_t n = 0; // the round's posts
    CoderTally a;       // the round's coders by person id: the earlier added is A
    CoderTally b;
    agreement::CohenKappa kappa; // over the posts both coders marked
    std::int64_t bothRelevant = 0;
    std::int64_t bothIrrelevant = 0;
    std::int64_t disagreements = 0; // decided or not
    std::int64_t decided = 0;
    std::int64_t incomplete = 0;
    std::int64_t relevant = 0;     // outcome Relevant
    std::int64_t irrelevant = 0;   // outcome Irrelevant
    std::int64_t excluded = 0;     // posts of the round now out of the set
    std::int64_t setPosts = 0;     // posts in the set now
    std::vector<ReportItem> items; // round order
    bool complete() const { return incomplete == 0 && decided == disagreements; }
};
Result<Report> report(sql::Database& db, std::int64_t roundId);

// Why the set cannot be sampled yet (an incomplete screening round, undecided
// disagreements, posts the screening does not cover), or empty when it can.
Result<std::string> unfinishedScreening(sql::Database& db, std::int64_t setId);

// One coder's marks as one step of the undo history: the marks set and each post's
// mark before (nullopt: none).
struct MarksChange {
    std::int64_t roundId = 0;
    std::int64_t coderId = 0;
    std::vector<MarkChange> marks;
    std::vector<std::optional<bool>> before;
};
// setMarks, returning its change record.
Result<MarksChange> changeMarks(sql::Database& db, std::int64_t roundId, std::int64_t coderId,
                                const std::vector<MarkChange>& changes);
// Puts the marks before back (with setMarks' checks); redo sets the same marks again.
Status undoMarks(sql::Database& db, const MarksChange& change);
Status redoMarks(sql::Database& db, const MarksChange& change);

// The lead's decision (or its withdrawal) as one step of the undo history.
struct DecisionChange {
    std::int64_t roundId = 0;
    std::int64_t postId = 0;
    std::optional<Decision> before;     // as it was, time stamp included
    std::optional<DecisionInput> after; // nullopt: the decision was withdrawn
};
// setDecision, returning its change record.
Result<DecisionChange> changeDecision(sql::Database& db, std::int64_t roundId, std::int64_t postId,
                                      const std::optional<DecisionInput>& input);
// Puts the decision before back exactly (restoreDecision); redo decides the same again.
Status undoDecisionChange(sql::Database& db, const DecisionChange& change);
Status redoDecisionChange(sql::Database& db, const DecisionChange& change);

} // namespace taxo::screening
