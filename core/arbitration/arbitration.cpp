#include "core/arbitration/arbitration.h"

#include "core/arbitration/conflict_json.h"
#include "core/arbitration/decision_quotes.h"
#include "core/codebook/codebook_internal.h"
#include "core/rounds/rounds.h"
#include "core/store/change_log.h"
#include "core/store/statements.h"
#include "core/util/ids.h"

#include <algorithm>
#include <set>

namespace taxo::arbitration {
namespace {

using sql::inTransaction;

struct RoundRef {
    std::int64_t id = 0;
    std::string name;
};

Result<std::vector<RoundRef>> roundsOfPost(sql::Database& db, std::int64_t postId,
                                           rounds::RoundKind kind) {
    auto stmt = sql::prepareBound(db,
                                  "SELECT r.id, r.name FROM rounds r JOIN round_items i ON "
                                  "i.round_id = r.id WHERE i.post_id = ? AND r.kind = ? "
                                  "ORDER BY r.id",
                                  postId, rounds::kindName(kind));
    if (!stmt)
        return stmt.error();
    std::vector<RoundRef> rounds;
    auto status = stmt->forEachRow([&](const sql::Statement& row) {
        rounds.push_back({row.columnInt(0), row.columnText(1)});
    });
    if (!status)
        return status.error();
    return rounds;
}

Result<std::vector<std::pair<std::int64_t, std::string>>> coders(sql::Database& db,
                                                                 std::int64_t roundId) {
    auto stmt = sql::prepareBound(db,
                                  "SELECT p.id, p.name FROM round_coders rc JOIN people p ON "
                                  "p.id = rc.person_id WHERE rc.round_id = ? ORDER BY p.id",
                                  roundId);
    if (!stmt)
        return stmt.error();
    std::vector<std::pair<std::int64_t, std::string>> list;
    auto status = stmt->forEachRow(
        [&](const sql::Statement& row) { list.emplace_back(row.columnInt(0), row.columnText(1)); });
    if (!status)
        return status.error();
    return list;
}

bool isPending(const std::optional<labels::Label>& label) {
    return label && label->content.special == labels::Special::Pending;
}

std::string valueOf(const std::optional<labels::Label>& label) {
    return label ? labels::agreementValue(label->content) : std::string();
}

// The roots, arbitrators, title of a post: filled once a conflict is found.
Status describePost(sql::Database& db, Conflict& conflict) {
    auto post =
        sql::prepareBound(db, "SELECT source_id, title FROM posts WHERE id = ?", conflict.postId);
    if (!post)
        return post.error();
    if (auto row = post->step(); !row)
        return row.error();
    else if (*row) {
        conflict.sourceId = post->columnText(0);
        conflict.title = post->columnText(1);
    }
    auto roots = labels::rootNamesForPost(db, conflict.postId);
    if (!roots)
        return roots.error();
    conflict.roots = roots->value_or(std::vector<std::string>{});
    std::sort(conflict.roots.begin(), conflict.roots.end());
    conflict.roots.erase(std::unique(conflict.roots.begin(), conflict.roots.end()),
                         conflict.roots.end());
    auto arbitrators = listArbitrators(db);
    if (!arbitrators)
        return arbitrators.error();
    for (const auto& arbitrator : *arbitrators)
        if (std::find(conflict.roots.begin(), conflict.roots.end(), arbitrator.root) !=
            conflict.roots.end())
            conflict.arbitrators.push_back(arbitrator);
    return {};
}

nlohmann::json labelJson(sql::Database& db, const CoderLabel& side) {
    nlohmann::json json{
        {"coder", side.coder.empty() ? nlohmann::json(nullptr) : nlohmann::json(side.coder)}};
    if (!side.label) {
        json["label"] = nullptr;
        return json;
    }
    const auto& content = side.label->content;
    nlohmann::json categories = nlohmann::json::array();
    for (const auto id : content.categories) {
        auto path = codebook::pathOf(db, id);
        categories.push_back({{"id", id}, {"path", path ? *path : std::vector<std::string>{}}});
    }
    json["label"] = {{"categories", categories},
                     {"special", content.special ? nlohmann::json(std::string(
                                                       labels::specialName(*content.special)))
                                                 : nlohmann::json(nullptr)},
                     {"suggestion", content.suggestion},
                     {"note", content.note},
                     {"updated", side.label->updated}};
    return json;
}

nlohmann::json decisionJson(sql::Database& db, const Decision& decision,
                            const std::string& arbitrator) {
    nlohmann::json categories = nlohmann::json::array();
    for (const auto id : decision.content.categories) {
        auto path = codebook::pathOf(db, id);
        categories.push_back({{"id", id}, {"path", path ? *path : std::vector<std::string>{}}});
    }
    return {{"id", decision.id},
            {"post", decision.postId},
            {"arbitrator", arbitrator},
            {"arbitrator_id", decision.arbitratorId},
            {"categories", categories},
            {"special",
             decision.content.special
                 ? nlohmann::json(std::string(labels::specialName(*decision.content.special)))
                 : nlohmann::json(nullptr)},
            {"rationale", decision.content.rationale},
            {"quotes", decision.content.quotes.size()},
            {"decided", decision.decided}};
}

Result<std::string> personName(sql::Database& db, std::int64_t id) {
    auto stmt = sql::prepareBound(db, "SELECT name FROM people WHERE id = ?", id);
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError("no person with id " + std::to_string(id));
    return stmt->columnText(0);
}

std::string trimmed(const std::string& text) {
    const auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos)
        return {};
    const auto end = text.find_last_not_of(" \t\r\n");
    return text.substr(begin, end - begin + 1);
}

Status insertDecision(sql::Database& db, const Decision& decision) {
    const std::optional<std::string> special =
        decision.content.special ? std::optional<std::string>(
                                       std::string(labels::specialName(*decision.content.special)))
                                 : std::nullopt;
    if (auto status = sql::runBound(db,
                                    "INSERT INTO decisions(id, post_id, arbitrator_id, special, "
                                    "rationale, decided) VALUES (?, ?, ?, ?, ?, ?)",
                                    decision.id, decision.postId, decision.arbitratorId, special,
                                    decision.content.rationale, decision.decided);
        !status)
        return status;
    for (const auto category : decision.content.categories)
        if (auto status = sql::runBound(db, "INSERT INTO decision_categories VALUES (?, ?)",
                                        decision.id, category);
            !status)
            return status;
    return labels::writeQuotes(db, kDecisionQuotes, decision.id, decision.content.quotes);
}

void collectPaths(sql::Database& db, std::optional<codebook::CategoryId> parent,
                  const std::string& rest, std::vector<codebook::CategoryId>& found,
                  std::string& error) {
    auto list = codebook::children(db, parent);
    if (!list) {
        error = list.message();
        return;
    }
    for (const auto& category : *list) {
        if (rest.compare(0, category.name.size(), category.name) != 0)
            continue;
        if (rest.size() == category.name.size())
            found.push_back(category.id);
        else if (rest[category.name.size()] == '/')
            collectPaths(db, category.id, rest.substr(category.name.size() + 1), found, error);
    }
}

} // namespace

Result<std::vector<Arbitrator>> listArbitrators(sql::Database& db) {
    return sql::queryRows<Arbitrator>(
        db,
        "SELECT p.id, p.name, pr.root_name FROM person_roles pr JOIN people p "
        "ON p.id = pr.person_id WHERE pr.role = 'arbitrator' "
        "ORDER BY p.name, pr.root_name",
        [](sql::Statement& row) {
            return Arbitrator{row.columnInt(0), row.columnText(1),
                              row.columnOptionalText(2).value_or("")};
        });
}

namespace {

// The outcome of one round on a post: the pilot consensus, or the value both
// coders of a reliability round gave, when it can be final (not Pending, not empty).
struct RoundOutcome {
    std::string round;
    std::string value; // labels::agreementValue
    labels::Label label;
};

// The labels of a reliability round's coders on a post, by person id; nullopt while
// the round has fewer than two coders (nothing to compare).
using CoderLabels = std::vector<std::pair<std::string, std::optional<labels::Label>>>;

Result<std::optional<CoderLabels>> roundLabels(sql::Database& db, const RoundRef& round,
                                               std::int64_t postId) {
    auto people = coders(db, round.id);
    if (!people)
        return people.error();
    if (people->size() < 2)
        return std::optional<CoderLabels>();
    CoderLabels list;
    for (const auto& [id, name] : *people) {
        auto label = labels::loadLabel(db, {round.id, postId, id});
        if (!label)
            return label.error();
        list.emplace_back(name, std::move(*label));
    }
    return std::optional<CoderLabels>(std::move(list));
}

Result<std::optional<RoundOutcome>> reliabilityOutcome(sql::Database& db, const RoundRef& round,
                                                       std::int64_t postId) {
    auto labels = roundLabels(db, round, postId);
    if (!labels)
        return labels.error();
    if (!*labels)
        return std::optional<RoundOutcome>();
    // Settled when every coder gave the same value and it is not Pending.
    const auto& first = (*labels)->front().second;
    if (!first || isPending(first) || valueOf(first).empty())
        return std::optional<RoundOutcome>();
    for (const auto& [coder, label] : **labels)
        if (!label || valueOf(label) != valueOf(first))
            return std::optional<RoundOutcome>();
    return std::optional<RoundOutcome>(RoundOutcome{round.name, valueOf(first), *first});
}

// A post settled in two rounds with different values (two sets' samples drew it, or
// it was drawn into two rounds) is a conflict of its own: which label is final is for
// an arbitrator to say, never for the order in which the rounds were made. The two
// outcomes shown are the first two values by round name, so the description does not
// depend on that order either.
Result<std::optional<Conflict>> roundsConflict(sql::Database& db, std::int64_t postId,
                                               const std::vector<RoundRef>& reliability,
                                               const std::vector<RoundRef>& pilots) {
    std::vector<RoundOutcome> outcomes;
    for (const auto& round : reliability) {
        auto outcome = reliabilityOutcome(db, round, postId);
        if (!outcome)
            return outcome.error();
        if (*outcome)
            outcomes.push_back(std::move(**outcome));
    }
    for (const auto& round : pilots) {
        auto consensus = labels::loadLabel(db, {round.id, postId, std::nullopt});
        if (!consensus)
            return consensus.error();
        if (*consensus && !valueOf(*consensus).empty())
            outcomes.push_back({round.name, valueOf(*consensus), **consensus});
    }
    std::sort(outcomes.begin(), outcomes.end(),
              [](const RoundOutcome& x, const RoundOutcome& y) { return x.round < y.round; });
    const auto other = std::find_if(outcomes.begin(), outcomes.end(), [&](const auto& outcome) {
        return outcome.value != outcomes.front().value;
    });
    if (other == outcomes.end())
        return std::optional<Conflict>();
    Conflict conflict;
    conflict.postId = postId;
    conflict.round = outcomes.front().round + ", " + other->round;
    conflict.reason = "rounds";
    conflict.a = {outcomes.front().round, outcomes.front().label};
    conflict.b = {other->round, other->label};
    return std::optional<Conflict>(std::move(conflict));
}

// The one definition of a conflict: in a reliability round with two or more coders,
// any coder said Pending, or any two gave a value and the values differ; else the
// pilot consensus on the post is Pending; else the rounds that settled the post
// settled it differently (roundsConflict). A post that one coder has not labeled
// yet is no conflict (unless the other said Pending). Undescribed: no title,
// roots or arbitrators.
Result<std::optional<Conflict>> detectConflict(sql::Database& db, std::int64_t postId) {
    std::optional<Conflict> conflict;
    auto reliability = roundsOfPost(db, postId, rounds::RoundKind::Reliability);
    if (!reliability)
        return reliability.error();
    for (const auto& round : *reliability) {
        auto labels = roundLabels(db, round, postId);
        if (!labels)
            return labels.error();
        if (!*labels)
            continue; // fewer than two coders yet: nothing to compare
        std::set<std::string> values;
        bool pending = false;
        for (const auto& [coder, label] : **labels) {
            pending = pending || isPending(label);
            if (!valueOf(label).empty())
                values.insert(valueOf(label));
        }
        const std::string reason = pending ? "pending" : values.size() > 1 ? "differ" : "";
        if (reason.empty())
            continue;
        conflict = Conflict{};
        conflict->postId = postId;
        conflict->round = round.name;
        conflict->reason = reason;
        auto& sides = **labels;
        conflict->a = {sides[0].first, sides[0].second};
        conflict->b = {sides[1].first, sides[1].second};
        for (std::size_t c = 2; c < sides.size(); ++c)
            conflict->more.push_back({sides[c].first, sides[c].second});
        break;
    }
    if (conflict)
        return conflict;
    auto pilots = roundsOfPost(db, postId, rounds::RoundKind::Pilot);

    if (!pilots)
        return pilots.error();
    for (const auto& round : *pilots) {
        auto consensus = labels::loadLabel(db, {round.id, postId, std::nullopt});
        if (!consensus)
            return consensus.error();
        if (!isPending(*consensus))
            continue;
        conflict = Conflict{};
        conflict->postId = postId;
        conflict->round = round.name;
        conflict->reason = "pending";
        conflict->a = {"", *consensus};
        return conflict;
    }
    return roundsConflict(db, postId, *reliability, *pilots);
}

// Posts of reliability and pilot rounds with a label, each once (its first round),
// reliability rounds first, by round and position.
Result<std::vector<std::int64_t>> candidatePosts(sql::Database& db, bool includeDecided) {
    auto posts = sql::queryIntsBound(
        db, std::string("SELECT i.post_id FROM round_items i JOIN rounds r ON r.id = i.round_id "
                        "WHERE r.kind IN ('reliability', 'pilot') ") +
                (includeDecided
                     ? ""
                     : "AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.post_id = i.post_id) ") +
                "AND EXISTS (SELECT 1 FROM labels l WHERE l.round_id = r.id AND l.post_id = "
                "i.post_id) ORDER BY r.kind = 'pilot', r.id, i.position");
    if (!posts)
        return posts.error();
    std::set<std::int64_t> seen;
    std::vector<std::int64_t> unique;
    for (const auto post : *posts)
        if (seen.insert(post).second)
            unique.push_back(post);
    return unique;
}

} // namespace

Result<std::optional<Conflict>> conflictForPost(sql::Database& db, std::int64_t postId) {
    auto conflict = detectConflict(db, postId);
    if (!conflict)
        return conflict.error();
    if (*conflict)
        if (auto status = describePost(db, **conflict); !status)
            return status.error();
    return conflict;
}

Result<std::vector<ConflictPost>> conflictPosts(sql::Database& db, bool includeDecided) {
    auto posts = candidatePosts(db, includeDecided);
    if (!posts)
        return posts.error();
    auto decided = sql::queryIntsBound(db, "SELECT post_id FROM decisions");
    if (!decided)
        return decided.error();
    const std::set<std::int64_t> decidedPosts(decided->begin(), decided->end());
    std::vector<ConflictPost> list;
    for (const auto post : *posts) {
        auto conflict = detectConflict(db, post);
        if (!conflict)
            return conflict.error();
        if (*conflict)
            list.push_back(
                {post, (*conflict)->round, (*conflict)->reason, decidedPosts.contains(post)});
    }
    return list;
}

Result<std::vector<Conflict>> listConflicts(sql::Database& db, const ConflictFilter& filter) {
    auto posts = candidatePosts(db, false);
    if (!posts)
        return posts.error();
    std::optional<std::vector<std::string>> arbitratorRoots;
    if (filter.arbitratorId) {
        auto arbitrators = listArbitrators(db);
        if (!arbitrators)
            return arbitrators.error();
        arbitratorRoots.emplace();
        for (const auto& arbitrator : *arbitrators)
            if (arbitrator.id == *filter.arbitratorId)
                arbitratorRoots->push_back(arbitrator.root);
    }
    std::vector<Conflict> list;
    for (const auto post : *posts) {
        auto conflict = conflictForPost(db, post);
        if (!conflict)
            return conflict.error();
        if (!*conflict)
            continue;
        const auto& roots = (*conflict)->roots;
        if (filter.root && std::find(roots.begin(), roots.end(), *filter.root) == roots.end())
            continue;
        if (arbitratorRoots &&
            std::none_of(roots.begin(), roots.end(), [&](const std::string& root) {
                return std::find(arbitratorRoots->begin(), arbitratorRoots->end(), root) !=
                       arbitratorRoots->end();
            }))
            continue;
        list.push_back(std::move(**conflict));
    }
    return list;
}

Result<std::optional<Decision>> loadDecision(sql::Database& db, std::int64_t postId) {
    auto stmt = sql::prepareBound(db,
                                  "SELECT id, arbitrator_id, special, rationale, decided FROM "
                                  "decisions WHERE post_id = ?",
                                  postId);
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<Decision>();
    Decision decision;
    decision.id = stmt->columnInt(0);
    decision.postId = postId;
    decision.arbitratorId = stmt->columnInt(1);
    if (auto special = stmt->columnOptionalText(2))
        decision.content.special = labels::parseSpecial(*special);
    decision.content.rationale = stmt->columnText(3);
    decision.decided = stmt->columnText(4);
    auto categories = sql::queryIntsBound(
        db,
        "SELECT category_id FROM decision_categories WHERE decision_id = ? ORDER BY category_id",
        decision.id);
    if (!categories)
        return categories.error();
    decision.content.categories = *categories;
    auto quotes = labels::loadQuotes(db, kDecisionQuotes, decision.id);
    if (!quotes)
        return quotes.error();
    decision.content.quotes = std::move(*quotes);
    return std::optional<Decision>(std::move(decision));
}

namespace {

DecisionContent normalizedDecision(const DecisionContent& content) {
    DecisionContent normal = content;
    normal.rationale = trimmed(content.rationale);
    auto& categories = normal.categories;
    std::sort(categories.begin(), categories.end());
    categories.erase(std::unique(categories.begin(), categories.end()), categories.end());
    return normal;
}

// The rules of a decision but "not decided yet", which decide adds and the merge of an
// arbitrator's package answers itself (it may update the arbitrator's own decision).
Result<Conflict> checkDecision(sql::Database& db, std::int64_t postId, std::int64_t arbitratorId,
                               const DecisionContent& content) {
    if (content.rationale.empty())
        return makeError("a decision needs a rationale: say why in a few words");
    if (content.categories.empty() == !content.special.has_value())
        return makeError("a decision is either leaf categories or one special value "
                         "(false_positive or unclear), not both and not neither");
    if (content.special == labels::Special::Pending)
        return makeError("Pending is not a decision: an arbitrator decides on leaf categories, "
                         "False positive or Unclear");
    auto name = personName(db, arbitratorId);
    if (!name)
        return name.error();
    auto conflict = conflictForPost(db, postId);
    if (!conflict)
        return conflict.error();
    if (!*conflict)
        return makeError(labels::describePost(db, postId) +
                         " has no conflict to settle: its coders agree or have not labeled "
                         "it, and nobody said Pending");
    // The roots this arbitrator may decide for on this post.
    auto arbitrators = listArbitrators(db);
    if (!arbitrators)
        return arbitrators.error();
    std::vector<std::string> ownRoots;
    for (const auto& arbitrator : *arbitrators)
        if (arbitrator.id == arbitratorId)
            ownRoots.push_back(arbitrator.root);
    if (ownRoots.empty())
        return makeError(*name + " is not an arbitrator");
    const auto& postRoots = (*conflict)->roots;
    const auto allowed = rootsOffered(ownRoots, postRoots);
    if (allowed.empty()) {
        std::string roots;
        for (const auto& root : postRoots)
            roots += (roots.empty() ? "" : ", ") + root;
        return makeError(*name + " is not the arbitrator of " + labels::describePost(db, postId) +
                         ": it belongs to " + roots);
    }
    for (const auto category : content.categories) {
        auto found = codebook::getCategory(db, category);
        if (!found)
            return makeError("no category with id " + std::to_string(category));
        auto kids = codebook::children(db, category);
        if (!kids)
            return kids.error();
        auto path = codebook::pathOf(db, category);
        if (!path)
            return path.error();
        const std::string joined = labels::describeCategory(db, category);
        if (path->size() == 1)
            return makeError("\"" + joined + "\" is a root, not a leaf: choose one of its leaves");
        if (!kids->empty())
            return makeError("\"" + joined + "\" is not a leaf: choose one of its leaves");
        if (std::find(allowed.begin(), allowed.end(), path->front()) == allowed.end())
            return makeError("\"" + joined + "\" is not a leaf of " +
                             (allowed.size() == 1 ? "the root " + allowed.front()
                                                  : std::string("this arbitrator's roots")));
    }
    if (auto status = checkKeptQuotes(db, postId, content.categories, content.quotes); !status)
        return status.error();
    return std::move(**conflict);
}

} // namespace

Status validateDecision(sql::Database& db, std::int64_t postId, std::int64_t arbitratorId,
                        const DecisionContent& content) {
    auto checked = checkDecision(db, postId, arbitratorId, normalizedDecision(content));
    if (!checked)
        return checked.error();
    return {};
}

namespace {

struct Decided {
    Decision decision;
    Conflict conflict; // the conflict it settles
};

// decide without its transaction and change_log row.
Result<Decided> writeDecisionRows(sql::Database& db, std::int64_t postId, std::int64_t arbitratorId,
                                  const DecisionContent& content) {
    Decided decided;
    auto& decision = decided.decision;
    decision.postId = postId;
    decision.arbitratorId = arbitratorId;
    decision.content = normalizedDecision(content);
    auto conflict = checkDecision(db, postId, arbitratorId, decision.content);
    if (!conflict)
        return conflict.error();
    decided.conflict = std::move(*conflict);
    auto existing = loadDecision(db, postId);
    if (!existing)
        return existing.error();
    if (*existing) {
        auto by = personName(db, (*existing)->arbitratorId);
        return makeError(labels::describePost(db, postId) + " is already decided (by " +
                         (by ? *by : std::string("?")) + " at " + (*existing)->decided +
                         "); undo that decision first");
    }
    auto nextId = db.queryInt("SELECT ifnull(max(id), 0) + 1 FROM decisions");
    if (!nextId)
        return nextId.error();
    decision.id = *nextId;
    decision.decided = utcNowIso();
    if (auto status = insertDecision(db, decision); !status)
        return status.error();
    return decided;
}

} // namespace

Result<Decision> decide(sql::Database& db, std::int64_t postId, std::int64_t arbitratorId,
                        const DecisionContent& content) {
    return inTransaction(db, [&]() -> Result<Decision> {
        auto decided = writeDecisionRows(db, postId, arbitratorId, content);
        if (!decided)
            return decided.error();
        auto name = personName(db, arbitratorId);
        if (!name)
            return name.error();
        auto details = toJson(db, decided->conflict);
        details["decision"] = decisionJson(db, decided->decision, *name);
        if (auto status = changelog::append(db, "decision.add", details, *name); !status)
            return status.error();
        return decided->decision;
    });
}

Result<Decision> writeDecision(sql::Database& db, std::int64_t postId, std::int64_t arbitratorId,
                               const DecisionContent& content) {
    auto decided = writeDecisionRows(db, postId, arbitratorId, content);
    if (!decided)
        return decided.error();
    return decided->decision;
}

Status undoDecision(sql::Database& db, const Decision& decision) {
    return inTransaction(db, [&]() -> Status {
        auto stored = loadDecision(db, decision.postId);
        if (!stored)
            return stored.error();
        if (!*stored || !(**stored == decision))
            return makeError("the decision on " + labels::describePost(db, decision.postId) +
                             " has changed since; it cannot be undone from here");
        auto name = personName(db, decision.arbitratorId);
        if (!name)
            return name.error();
        const auto details = decisionJson(db, decision, *name);
        if (auto status = sql::runBound(db, "DELETE FROM decision_categories WHERE decision_id = ?",
                                        decision.id);
            !status)
            return status;
        if (auto status =
                sql::runBound(db, "DELETE FROM decision_quotes WHERE decision_id = ?", decision.id);
            !status)
            return status;
        if (auto status = sql::runBound(db, "DELETE FROM decisions WHERE id = ?", decision.id);
            !status)
            return status;
        return changelog::append(db, "decision.undo", details, *name);
    });
}

Status redoDecision(sql::Database& db, const Decision& decision) {
    return inTransaction(db, [&]() -> Status {
        auto stored = loadDecision(db, decision.postId);
        if (!stored)
            return stored.error();
        if (*stored)
            return makeError(labels::describePost(db, decision.postId) +
                             " has been decided meanwhile; the decision cannot be redone");
        auto name = personName(db, decision.arbitratorId);
        if (!name)
            return name.error();
        if (auto status = insertDecision(db, decision); !status)
            return status;
        return changelog::append(db, "decision.redo", decisionJson(db, decision, *name), *name);
    });
}

Result<codebook::AddChange> addLeafInArbitration(sql::Database& db, std::int64_t arbitratorId,
                                                 codebook::CategoryId parent,
                                                 const std::string& name,
                                                 const std::string& description) {
    auto person = personName(db, arbitratorId);
    if (!person)
        return person.error();
    auto arbitrators = listArbitrators(db);
    if (!arbitrators)
        return arbitrators.error();
    auto path = codebook::pathOf(db, parent);
    if (!path)
        return path.error();
    const bool inCharge = std::any_of(arbitrators->begin(), arbitrators->end(), [&](const auto& a) {
        return a.id == arbitratorId && a.root == path->front();
    });
    if (!inCharge)
        return makeError(*person + " is not the arbitrator of " + path->front() +
                         "; a new leaf goes under one of the arbitrator's own roots");
    if (path->size() < 2)
        return makeError("a new leaf goes under an inner category, not directly under the root " +
                         path->front());
    auto kids = codebook::children(db, parent);
    if (!kids)
        return kids.error();
    if (kids->empty())
        return makeError("\"" + path->back() +
                         "\" is a leaf; a new leaf goes under an inner category");
    codebook::NewCategory spec;
    spec.parentId = parent;
    spec.name = name;
    spec.description = description;
    spec.createdBy = arbitratorId;
    spec.createdIn = "arbitration";
    return codebook::addCategory(db, spec);
}

Result<codebook::CategoryId> resolvePath(sql::Database& db, const std::string& path) {
    std::vector<codebook::CategoryId> found;
    std::string error;
    collectPaths(db, std::nullopt, trimmed(path), found, error);
    if (!error.empty())
        return makeError(error);
    if (found.empty())
        return makeError("no category \"" + trimmed(path) +
                         "\": write its path as Root/Inner/Leaf with the exact names");
    if (found.size() > 1)
        return makeError("\"" + trimmed(path) + "\" names more than one category");
    return found.front();
}

nlohmann::json toJson(sql::Database& db, const Conflict& conflict) {
    nlohmann::json arbitrators = nlohmann::json::array();
    for (const auto& arbitrator : conflict.arbitrators)
        arbitrators.push_back({{"name", arbitrator.name}, {"root", arbitrator.root}});
    nlohmann::json json{{"post", conflict.postId},        {"source_id", conflict.sourceId},
                        {"title", conflict.title},        {"round", conflict.round},
                        {"reason", conflict.reason},      {"roots", conflict.roots},
                        {"a", labelJson(db, conflict.a)}, {"b", labelJson(db, conflict.b)},
                        {"arbitrators", arbitrators}};
    // Coders C, D, ... of a round of more than two; absent for two, whose JSON is as
    // it always was.
    if (!conflict.more.empty()) {
        json["more"] = nlohmann::json::array();
        for (const auto& side : conflict.more)
            json["more"].push_back(labelJson(db, side));
    }
    return json;
}

std::vector<std::string> rootsOffered(const std::vector<std::string>& ownRoots,
                                      const std::vector<std::string>& postRoots) {
    std::vector<std::string> roots;
    for (const auto& root : ownRoots)
        if (postRoots.empty() ||
            std::find(postRoots.begin(), postRoots.end(), root) != postRoots.end())
            roots.push_back(root);
    return roots;
}

bool mayDecide(const std::vector<std::string>& ownRoots,
               const std::vector<std::string>& postRoots) {
    return !rootsOffered(ownRoots, postRoots).empty();
}

} // namespace taxo::arbitration
