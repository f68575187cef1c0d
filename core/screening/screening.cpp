#include "core/screening/screening.h"

#include "core/rounds/rounds.h"
#include "core/screening/screening_internal.h"
#include "core/select/set_posts.h"
#include "core/store/change_log.h"
#include "core/store/statements.h"
#include "core/util/ids.h"

#include <algorithm>
#include <charconv>

namespace taxo::screening {
namespace detail {

Result<RoundRow> loadRound(sql::Database& db, std::int64_t roundId) {
    auto stmt =
        sql::prepareBound(db,
                          "SELECT r.name, r.kind, r.state, r.set_id, coalesce(s.name, '') "
                          "FROM rounds r LEFT JOIN sets s ON s.id = r.set_id WHERE r.id = ?",
                          roundId);
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError("no round with id " + std::to_string(roundId));
    auto kind = rounds::parseKind(stmt->columnText(1));
    if (!kind)
        return kind.error();
    return RoundRow{roundId,
                    stmt->columnText(0),
                    *kind,
                    stmt->columnText(2),
                    stmt->columnOptionalInt(3),
                    stmt->columnText(4)};
}

std::string itemNameOf(sql::Database& db, std::int64_t postId) {
    auto stmt =
        sql::prepareBound(db, "SELECT source || ':' || source_id FROM posts WHERE id = ?", postId);
    if (stmt) {
        auto row = stmt->step();
        if (row && *row)
            return stmt->columnText(0);
    }
    return std::to_string(postId);
}

Result<Outcome> outcomeOf(sql::Database& db, std::int64_t roundId, std::int64_t postId,
                          bool& byLead) {
    byLead = false;
    auto marks = sql::queryIntsBound(
        db, "SELECT relevant FROM screening_marks WHERE round_id = ? AND post_id = ?", roundId,
        postId);
    if (!marks)
        return marks.error();
    if (marks->size() < 2)
        return Outcome::Incomplete;
    if ((*marks)[0] == (*marks)[1])
        return (*marks)[0] ? Outcome::Relevant : Outcome::Irrelevant;
    auto decided = sql::queryOptionalIntBound(
        db, "SELECT relevant FROM screening_decisions WHERE round_id = ? AND post_id = ?", roundId,
        postId);
    if (!decided)
        return decided.error();
    if (!*decided)
        return Outcome::Disagreement;
    byLead = true;
    return **decided ? Outcome::Relevant : Outcome::Irrelevant;
}

} // namespace detail

namespace {

using detail::RoundRow;

// The checks every screening edit shares: the round screens a set, is open, and
// the set has no sample yet (a change now would change the set under it).
Status checkEditable(sql::Database& db, const RoundRow& round) {
    if (round.kind != rounds::RoundKind::Screening)
        return makeError("round '" + round.name + "' is a " + rounds::kindName(round.kind) +
                         " round; relevant/irrelevant marks go in a screening round");
    if (round.state == "closed")
        return makeError("round '" + round.name + "' is closed; its screening is final");
    if (!round.setId)
        return makeError("screening round '" + round.name +
                         "' screens no set; create screening rounds with taxo screening create");
    auto samples =
        sql::queryIntBound(db, "SELECT count(*) FROM samples WHERE set_id = ?", *round.setId);
    if (!samples)
        return samples.error();
    if (*samples > 0)
        return makeError("set '" + round.setName +
                         "' already has a sample drawn from its screened posts; a change to the "
                         "screening now would change the set under the sample");
    return {};
}

Status checkItem(sql::Database& db, const RoundRow& round, std::int64_t postId) {
    auto item = sql::queryIntBound(
        db, "SELECT count(*) FROM round_items WHERE round_id = ? AND post_id = ?", round.id,
        postId);
    if (!item)
        return item.error();
    if (*item == 0)
        return makeError("post " + std::to_string(postId) + " is not a post of round '" +
                         round.name + "'");
    return {};
}

// Brings the set in line with the post's outcome: out when ruled irrelevant, back
// in when a ruling that took it out has changed. Logged either way.
Status syncExclusion(sql::Database& db, const RoundRow& round, std::int64_t postId) {
    bool byLead = false;
    auto outcome = detail::outcomeOf(db, round.id, postId, byLead);
    if (!outcome)
        return outcome.error();
    auto existing = select::exclusionRound(db, *round.setId, postId);
    if (!existing)
        return existing.error();
    const bool out = *outcome == Outcome::Irrelevant;
    nlohmann::json details = {{"round", round.name},
                              {"set", round.setName},
                              {"item", detail::itemNameOf(db, postId)},
                              {"post", postId}};
    if (out && !*existing) {
        const char* reason = byLead ? "lead" : "both_irrelevant";
        if (auto status =
                select::excludePost(db, *round.setId, postId, round.id, reason, utcNowIso());
            !status)
            return status;
        details["reason"] = reason;
        return changelog::append(db, "screening.exclude", details);
    }
    if (!out && *existing && **existing == round.id) {
        if (auto status = select::restorePost(db, *round.setId, postId); !status)
            return status;
        return changelog::append(db, "screening.restore", details);
    }
    return {};
}

Result<std::optional<bool>> loadMark(sql::Database& db, std::int64_t roundId, std::int64_t postId,
                                     std::int64_t coderId) {
    auto value = sql::queryOptionalIntBound(db,
                                            "SELECT relevant FROM screening_marks WHERE round_id "
                                            "= ? AND post_id = ? AND coder_id = ?",
                                            roundId, postId, coderId);
    if (!value)
        return value.error();
    if (!*value)
        return std::optional<bool>();
    return std::optional<bool>(**value != 0);
}

Result<std::optional<Decision>> loadDecision(sql::Database& db, std::int64_t roundId,
                                             std::int64_t postId) {
    auto stmt = sql::prepareBound(
        db,
        "SELECT d.lead_id, p.name, d.relevant, d.rationale, d.decided FROM screening_decisions d "
        "JOIN people p ON p.id = d.lead_id WHERE d.round_id = ? AND d.post_id = ?",
        roundId, postId);
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<Decision>();
    return std::optional<Decision>(Decision{stmt->columnInt(0), stmt->columnText(1),
                                            stmt->columnInt(2) != 0, stmt->columnText(3),
                                            stmt->columnText(4)});
}

const char* markName(const std::optional<bool>& mark) {
    return !mark ? "none" : *mark ? "relevant" : "irrelevant";
}

} // namespace

std::string screeningRoundName(const std::string& setName) {
    return setName + " screening";
}

const char* outcomeName(Outcome outcome) {
    switch (outcome) {
    case Outcome::Incomplete:
        return "incomplete";
    case Outcome::Relevant:
        return "relevant";
    case Outcome::Irrelevant:
        return "irrelevant";
    case Outcome::Disagreement:
        return "disagreement";
    }
    return "incomplete";
}

Result<CreatedRound> createRound(Project& project, const CreateRequest& request) {
    auto& db = project.db();
    const sql::TransactionWording wording{project.path() + ": cannot write: ",
                                          project.path() + ": cannot save: "};
    return sql::inTransaction(db, wording, [&]() -> Result<CreatedRound> {
        auto population = select::setPopulation(project, request.setName);
        if (!population)
            return population.error();
        auto setId = sql::queryIntBound(db, "SELECT id FROM sets WHERE name = ?", request.setName);
        if (!setId)
            return setId.error();
        if (population->empty())
            return makeError("set '" + request.setName +
                             "' has no posts, so there is nothing to screen");
        auto samples =
            sql::queryIntBound(db, "SELECT count(*) FROM samples WHERE set_id = ?", *setId);
        if (!samples)
            return samples.error();
        if (*samples > 0)
            return makeError(
                "set '" + request.setName +
                "' already has a sample; screening decides which posts belong to a set "
                "and comes before the draw");
        {
            auto other = sql::prepareBound(
                db, "SELECT name FROM rounds WHERE kind = 'screening' AND set_id = ?", *setId);
            if (!other)
                return other.error();
            auto row = other->step();
            if (!row)
                return row.error();
            if (*row)
                return makeError("set '" + request.setName + "' already has a screening round, '" +
                                 other->columnText(0) + "'; a set is screened once");
        }
        CreatedRound created;
        created.setName = request.setName;
        created.name =
            request.roundName.empty() ? screeningRoundName(request.setName) : request.roundName;
        auto clash =
            sql::queryIntBound(db, "SELECT count(*) FROM rounds WHERE name = ?", created.name);
        if (!clash)
            return clash.error();
        if (*clash > 0)
            return makeError("a round named '" + created.name +
                             "' already exists; choose another name");
        const auto now = utcNowIso();
        rounds::NewRound round{
            created.name, rounds::RoundKind::Screening, std::nullopt, *setId, now, {}, {}};
        std::vector<std::string> items;
        for (const auto& post : *population) {
            round.items.push_back(post.postId);
            items.push_back(corpus::itemName(post));
        }
        auto roundId = rounds::insertRound(db, round);
        if (!roundId)
            return roundId.error();
        created.roundId = *roundId;
        created.items = static_cast<std::int64_t>(population->size());
        if (auto status = rounds::writeCoders(db, created.roundId, created.name,
                                              rounds::RoundKind::Screening, request.coders);
            !status)
            return status.error();
        if (auto status = changelog::append(db, "screening.create",
                                            {{"round", created.name},
                                             {"set", request.setName},
                                             {"coders", request.coders},
                                             {"items", items}});
            !status)
            return status.error();
        return created;
    });
}

Result<RoundRef> findRound(sql::Database& db, const std::string& name) {
    auto stmt = name.empty()
                    ? db.prepare("SELECT r.id, r.name, r.kind, coalesce(r.set_id, 0), "
                                 "coalesce(s.name, '') FROM rounds r LEFT JOIN sets s ON "
                                 "s.id = r.set_id WHERE r.kind = 'screening' ORDER BY r.id")
                    : sql::prepareBound(db,
                                        "SELECT r.id, r.name, r.kind, coalesce(r.set_id, 0), "
                                        "coalesce(s.name, '') FROM rounds r LEFT JOIN sets s ON "
                                        "s.id = r.set_id WHERE r.name = ?",
                                        name);
    if (!stmt)
        return stmt.error();
    std::vector<RoundRef> found;
    std::string kind; // as stored, so that a message names it whatever it is
    auto status = stmt->forEachRow([&](sql::Statement& row) {
        found.push_back({row.columnInt(0), row.columnText(1), row.columnInt(3), row.columnText(4)});
        kind = row.columnText(2);
    });
    if (!status)
        return status.error();
    if (found.empty())
        return makeError(name.empty() ? std::string("the project has no screening round; create "
                                                    "one with taxo screening create")
                                      : "no round named '" + name + "'");
    if (found.size() > 1) {
        std::string names;
        for (const auto& round : found)
            names += (names.empty() ? "" : ", ") + round.name;
        return makeError("the project has several screening rounds (" + names +
                         "); name one with --round");
    }
    if (auto parsed = rounds::parseKind(kind); !parsed || *parsed != rounds::RoundKind::Screening)

        return makeError("round '" + name + "' is a " + kind + " round, not a screening round");

    return found.front();
}

Result<std::int64_t> resolvePost(sql::Database& db, const std::string& text) {
    std::int64_t id = 0;
    const auto* end = text.data() + text.size();
    if (auto [ptr, ec] = std::from_chars(text.data(), end, id);
        ec == std::errc() && ptr == end && id > 0) {
        auto exists = sql::queryIntBound(db, "SELECT count(*) FROM posts WHERE id = ?", id);
        if (!exists)
            return exists.error();
        if (*exists == 0)
            return makeError("no post with id " + text);
        return id;
    }
    const auto colon = text.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
        return makeError("'" + text +
                         "' is not a post: give its id in the project or SOURCE:ID (so:54734446)");
    auto found =
        sql::queryOptionalIntBound(db, "SELECT id FROM posts WHERE source = ? AND source_id = ?",
                                   text.substr(0, colon), text.substr(colon + 1));
    if (!found)
        return found.error();
    if (!*found)
        return makeError("no post " + text + " in the project");
    return **found;
}

Result<std::vector<std::optional<bool>>> setMarks(sql::Database& db, std::int64_t roundId,
                                                  std::int64_t coderId,
                                                  const std::vector<MarkChange>& changes) {
    return sql::inTransaction(db, [&]() -> Result<std::vector<std::optional<bool>>> {
        auto round = detail::loadRound(db, roundId);
        if (!round)
            return round.error();
        if (auto status = checkEditable(db, *round); !status)
            return status.error();
        auto coder = sql::queryIntBound(
            db, "SELECT count(*) FROM round_coders WHERE round_id = ? AND person_id = ?", roundId,
            coderId);
        if (!coder)
            return coder.error();
        if (*coder == 0)
            return makeError("person " + std::to_string(coderId) + " is not a coder of round '" +
                             round->name + "'");
        std::vector<std::optional<bool>> previous;
        nlohmann::json logged = nlohmann::json::array();
        for (const auto& change : changes) {
            if (auto status = checkItem(db, *round, change.postId); !status)
                return status.error();
            auto decision = sql::queryIntBound(
                db, "SELECT count(*) FROM screening_decisions WHERE round_id = ? AND post_id = ?",
                roundId, change.postId);
            if (!decision)
                return decision.error();
            if (*decision > 0)
                return makeError("the lead has decided post " +
                                 detail::itemNameOf(db, change.postId) +
                                 "; the decision must be withdrawn before a mark changes");
            auto before = loadMark(db, roundId, change.postId, coderId);
            if (!before)
                return before.error();
            previous.push_back(*before);
            const auto status =
                change.relevant
                    ? sql::runBound(
                          db,
                          "INSERT INTO screening_marks(round_id, post_id, coder_id, "
                          "relevant, updated) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE "
                          "SET relevant = excluded.relevant, updated = excluded.updated",
                          roundId, change.postId, coderId, *change.relevant ? 1 : 0, utcNowIso())
                    : sql::runBound(
                          db,
                          "DELETE FROM screening_marks WHERE round_id = ? AND post_id = ? "
                          "AND coder_id = ?",
                          roundId, change.postId, coderId);
            if (!status)
                return status.error();
            if (auto synced = syncExclusion(db, *round, change.postId); !synced)
                return synced.error();
            logged.push_back({{"item", detail::itemNameOf(db, change.postId)},
                              {"from", markName(*before)},
                              {"to", markName(change.relevant)}});
        }
        if (auto status =
                changelog::append(db, "screening.mark",
                                  {{"round", round->name}, {"coder", coderId}, {"marks", logged}});
            !status)
            return status.error();
        return previous;
    });
}

Result<std::vector<MarkRow>> marksForCoder(sql::Database& db, std::int64_t roundId,
                                           std::int64_t coderId) {
    auto stmt = sql::prepareBound(db,
                                  "SELECT i.post_id, i.position, m.relevant FROM round_items i "
                                  "LEFT JOIN screening_marks m ON m.round_id = i.round_id AND "
                                  "m.post_id = i.post_id AND m.coder_id = ? "
                                  "WHERE i.round_id = ? ORDER BY i.position",
                                  coderId, roundId);
    if (!stmt)
        return stmt.error();
    std::vector<MarkRow> rows;
    auto status = stmt->forEachRow([&](sql::Statement& row) {
        MarkRow mark{row.columnInt(0), row.columnInt(1), {}};
        if (!row.columnIsNull(2))
            mark.relevant = row.columnInt(2) != 0;
        rows.push_back(mark);
    });
    if (!status)
        return status.error();
    return rows;
}

namespace {

// The part of setDecision and restoreDecision after the checks: write or remove,
// sync the set, log.
Status writeDecision(sql::Database& db, const RoundRow& round, std::int64_t postId,
                     const std::optional<Decision>& decision, const char* action) {
    const auto status =
        decision
            ? sql::runBound(db,
                            "INSERT INTO screening_decisions(round_id, post_id, lead_id, "
                            "relevant, rationale, decided) VALUES (?, ?, ?, ?, ?, ?) ON "
                            "CONFLICT DO UPDATE SET lead_id = excluded.lead_id, relevant = "
                            "excluded.relevant, rationale = excluded.rationale, decided = "
                            "excluded.decided",
                            round.id, postId, decision->leadId, decision->relevant ? 1 : 0,
                            decision->rationale, decision->decided)
            : sql::runBound(db,
                            "DELETE FROM screening_decisions WHERE round_id = ? AND post_id = ?",
                            round.id, postId);
    if (!status)
        return status;
    if (auto synced = syncExclusion(db, round, postId); !synced)
        return synced;
    nlohmann::json details = {
        {"round", round.name}, {"item", detail::itemNameOf(db, postId)}, {"post", postId}};
    if (decision) {
        details["lead"] = decision->lead;
        details["relevant"] = decision->relevant;
        details["rationale"] = decision->rationale;
    }
    return changelog::append(db, action, details);
}

Status checkDisagreement(sql::Database& db, const RoundRow& round, std::int64_t postId) {
    auto marks = sql::queryIntsBound(
        db, "SELECT relevant FROM screening_marks WHERE round_id = ? AND post_id = ?", round.id,
        postId);
    if (!marks)
        return marks.error();
    const auto item = detail::itemNameOf(db, postId);
    if (marks->size() < 2)
        return makeError("post " + item +
                         " has not been marked by both coders yet; the lead "
                         "decides only where they disagree");
    if ((*marks)[0] == (*marks)[1])
        return makeError("the coders agree on post " + item + " (both " +
                         ((*marks)[0] ? "relevant" : "irrelevant") +
                         "); the lead decides only where they disagree");
    return {};
}

} // namespace

Status checkLead(sql::Database& db, std::int64_t personId) {
    auto lead = sql::queryIntBound(
        db, "SELECT count(*) FROM person_roles WHERE person_id = ? AND role = 'lead'", personId);
    if (!lead)
        return lead.error();
    if (*lead == 0) {
        auto name = sql::prepareBound(db, "SELECT name FROM people WHERE id = ?", personId);
        std::string who = "person " + std::to_string(personId);
        if (name) {
            auto row = name->step();
            if (row && *row)
                who = name->columnText(0);
        }
        return makeError(who + " is not a lead; the lead decides screening disagreements (taxo "
                               "people add PROJECT NAME --role lead)");
    }
    return {};
}

Result<std::optional<Decision>> setDecision(sql::Database& db, std::int64_t roundId,
                                            std::int64_t postId,
                                            const std::optional<DecisionInput>& input) {
    return sql::inTransaction(db, [&]() -> Result<std::optional<Decision>> {
        auto round = detail::loadRound(db, roundId);
        if (!round)
            return round.error();
        if (auto status = checkEditable(db, *round); !status)
            return status.error();
        if (auto status = checkItem(db, *round, postId); !status)
            return status.error();
        auto previous = loadDecision(db, roundId, postId);
        if (!previous)
            return previous.error();
        std::optional<Decision> decision;
        if (input) {
            if (auto status = checkDisagreement(db, *round, postId); !status)
                return status.error();
            if (auto status = checkLead(db, input->leadId); !status)
                return status.error();
            auto lead =
                sql::prepareBound(db, "SELECT name FROM people WHERE id = ?", input->leadId);
            if (!lead)
                return lead.error();
            if (auto row = lead->step(); !row)
                return row.error();
            decision = Decision{input->leadId, lead->columnText(0), input->relevant,
                                input->rationale, utcNowIso()};
        } else if (!*previous) {
            return makeError("post " + detail::itemNameOf(db, postId) +
                             " has no decision to withdraw");
        }
        if (auto status = writeDecision(db, *round, postId, decision,
                                        decision ? "screening.decide" : "screening.withdraw");
            !status)
            return status.error();
        return std::move(*previous);
    });
}

Status restoreDecision(sql::Database& db, std::int64_t roundId, std::int64_t postId,
                       const std::optional<Decision>& previous) {
    return sql::inTransaction(db, [&]() -> Status {
        auto round = detail::loadRound(db, roundId);
        if (!round)
            return round.error();
        if (auto status = checkEditable(db, *round); !status)
            return status;
        if (previous)
            if (auto status = checkDisagreement(db, *round, postId); !status)
                return status;
        return writeDecision(db, *round, postId, previous, "screening.restore_decision");
    });
}

Result<MarksChange> changeMarks(sql::Database& db, std::int64_t roundId, std::int64_t coderId,
                                const std::vector<MarkChange>& changes) {
    auto before = setMarks(db, roundId, coderId, changes);
    if (!before)
        return before.error();
    return MarksChange{roundId, coderId, changes, std::move(*before)};
}

Status undoMarks(sql::Database& db, const MarksChange& change) {
    // Last first: a post marked twice in one change gets back its mark from before both.
    std::vector<MarkChange> restore;
    const auto count = std::min(change.marks.size(), change.before.size());
    for (std::size_t i = count; i-- > 0;)
        restore.push_back({change.marks[i].postId, change.before[i]});
    auto done = setMarks(db, change.roundId, change.coderId, restore);
    return done ? Status() : Status(done.error());
}

Status redoMarks(sql::Database& db, const MarksChange& change) {
    auto done = setMarks(db, change.roundId, change.coderId, change.marks);
    return done ? Status() : Status(done.error());
}

Result<DecisionChange> changeDecision(sql::Database& db, std::int64_t roundId, std::int64_t postId,
                                      const std::optional<DecisionInput>& input) {
    auto before = setDecision(db, roundId, postId, input);
    if (!before)
        return before.error();
    return DecisionChange{roundId, postId, std::move(*before), input};
}

Status undoDecisionChange(sql::Database& db, const DecisionChange& change) {
    return restoreDecision(db, change.roundId, change.postId, change.before);
}

Status redoDecisionChange(sql::Database& db, const DecisionChange& change) {
    auto done = setDecision(db, change.roundId, change.postId, change.after);
    return done ? Status() : Status(done.error());
}

} // namespace taxo::screening
