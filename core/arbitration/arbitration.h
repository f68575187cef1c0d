#pragma once
// Arbitration (docs/method.md, "5e. Arbitration"): every post where any two coders of a
// reliability round differ, or any said Pending, or whose pilot consensus
// is Pending, goes to the arbitrator of its root, who decides the final label
// and says why. Each decision is one transaction with a change_log row that
// carries its full provenance; undoDecision is its exact inverse.

#include "core/codebook/codebook.h"
#include "core/labels/labels.h"
#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace taxo::arbitration {

struct CoderLabel {
    std::string coder; // the coder's name; empty for the pilot consensus
    std::optional<labels::Label> label;
};

struct Arbitrator {
    std::int64_t id = 0;
    std::string name;
    std::string root;
};

struct Conflict {
    std::int64_t postId = 0;
    std::string sourceId;
    std::string title;
    std::string round; // the round the conflict arose in
    // "differ" (two coders labeled it with different values), "pending" (a coder, or the pilot
    // consensus, said Pending) or "rounds" (two rounds settled the post differently).
    std::string reason;
    // The round's coders by person id; in a pilot, a is the consensus; for "rounds", what
    // each of two rounds settled, with the round's name in `coder`.
    CoderLabel a;
    CoderLabel b;
    // Coders C, D, ... of a reliability round of more than two, by person id after A
    // and B; empty otherwise. The arbitrator sees and may take every one of them.
    std::vector<CoderLabel> more;
    std::vector<std::string> roots;      // root_name of every set holding the post
    std::vector<Arbitrator> arbitrators; // in charge of one of those roots
};

// Who may decide what: an arbitrator decides a post for the roots both hold, and for
// all of theirs when the post is in no set. The rule of decide(), and of the page that
// offers the decision.
std::vector<std::string> rootsOffered(const std::vector<std::string>& ownRoots,
                                      const std::vector<std::string>& postRoots);
bool mayDecide(const std::vector<std::string>& ownRoots, const std::vector<std::string>& postRoots);

struct ConflictFilter {
    std::optional<std::string> root;          // only posts of this root
    std::optional<std::int64_t> arbitratorId; // only posts of this arbitrator's roots
};

// Every open conflict (no decision yet), reliability rounds first, by round and
// position; a post conflicting in two rounds is listed once (the first).
Result<std::vector<Conflict>> listConflicts(sql::Database& db, const ConflictFilter& filter = {});
// The conflict of one post, whether or not it has been decided; nullopt when
// its labels do not conflict.
Result<std::optional<Conflict>> conflictForPost(sql::Database& db, std::int64_t postId);

// A post in conflict by that same definition, without its description: what the
// study status counts and what an arbitrator's package holds, so that every part
// of the program agrees on which posts need a decision.
struct ConflictPost {
    std::int64_t postId = 0;
    std::string round;
    std::string reason;   // as Conflict::reason
    bool decided = false; // an arbitrator has settled it
};
// Every post in conflict, in listConflicts' order; decided ones too when asked.
Result<std::vector<ConflictPost>> conflictPosts(sql::Database& db, bool includeDecided);

struct DecisionContent {
    std::vector<codebook::CategoryId> categories; // leaves, or
    std::optional<labels::Special> special;       // FalsePositive or Unclear
    std::string rationale;                        // required
    // Coders' quotes the arbitrator keeps as the evidence of the decision's categories
    // (decision_quotes.h), in the order kept.
    std::vector<labels::KeptQuote> quotes = {};
    bool operator==(const DecisionContent&) const = default;
};

struct Decision {
    std::int64_t id = 0;
    std::int64_t postId = 0;
    std::int64_t arbitratorId = 0;
    DecisionContent content;
    std::string decided; // UTC time stamp
    bool operator==(const Decision&) const = default;
};

Result<std::optional<Decision>> loadDecision(sql::Database& db, std::int64_t postId);

// Records the decision in one transaction with a "decision.add" change_log row
// holding both labels, the decision, the arbitrator, the time and the
// rationale. Refused, with nothing written, when: the post has no open
// conflict (no conflict, or already decided); the person is not the arbitrator
// of one of the post's roots; categories and special are both given or both
// absent; special is Pending; a category is unknown, not a leaf, or not under
// a root the arbitrator is in charge of for this post; the rationale is blank; a kept
// quote is not one its coder made on the post or names a category the decision lacks.
Result<Decision> decide(sql::Database& db, std::int64_t postId, std::int64_t arbitratorId,
                        const DecisionContent& content);
// decide's rules and rows without its transaction and change_log row: for a caller
// that records a decision as one step of its own transaction and logs it in its own
// words (the demo project, whose log says "demo.decision").
Result<Decision> writeDecision(sql::Database& db, std::int64_t postId, std::int64_t arbitratorId,
                               const DecisionContent& content);
// decide's rules but "not yet decided", without writing and without a transaction of
// its own: what the merge of an arbitrator's package checks for each incoming decision,
// so that the app, the command line and the merge refuse the same decisions.
Status validateDecision(sql::Database& db, std::int64_t postId, std::int64_t arbitratorId,
                        const DecisionContent& content);
// Exact inverse of decide: removes that decision (refused when the stored one
// differs, e.g. after another undo/redo), logs "decision.undo".
Status undoDecision(sql::Database& db, const Decision& decision);
// Redo after undoDecision: puts the same row back (same id and time stamp).
Status redoDecision(sql::Database& db, const Decision& decision);

// A new leaf added while arbitrating: created_in 'arbitration', created_by the
// arbitrator. The parent must be an inner category under one of the
// arbitrator's roots. Undo with codebook::undoAdd.
Result<codebook::AddChange> addLeafInArbitration(sql::Database& db, std::int64_t arbitratorId,
                                                 codebook::CategoryId parent,
                                                 const std::string& name,
                                                 const std::string& description = {});

// The arbitrators (people with the arbitrator role), by name.
Result<std::vector<Arbitrator>> listArbitrators(sql::Database& db);

// Resolves "Root/Inner/Leaf" to a category although names may themselves hold
// "/" (a root is called "Server/Cloud"): every split that names an existing
// path is tried; none or two matches are refused with the reason.
Result<codebook::CategoryId> resolvePath(sql::Database& db, const std::string& path);

} // namespace taxo::arbitration
