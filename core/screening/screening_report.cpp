// The screening report: kappa between the two coders, what they agree on, the
// disagreements and the lead's decisions, and what the set holds now.

#include "core/agreement/cohen_kappa.h"
#include "core/screening/screening.h"
#include "core/screening/screening_internal.h"
#include "core/store/statements.h"

namespace taxo::screening {
namespace {

agreement::LabelValue markValue(bool relevant) {
    return agreement::LabelValue::nominal(relevant ? "relevant" : "irrelevant");
}

Result<std::vector<std::pair<std::int64_t, std::string>>> coders(sql::Database& db,
                                                                 std::int64_t roundId) {
    auto stmt = sql::prepareBound(db,
                                  "SELECT p.id, p.name FROM round_coders c JOIN people p ON "
                                  "p.id = c.person_id WHERE c.round_id = ? ORDER BY p.id",
                                  roundId);
    if (!stmt)
        return stmt.error();
    std::vector<std::pair<std::int64_t, std::string>> list;
    auto status = stmt->forEachRow(
        [&](sql::Statement& row) { list.emplace_back(row.columnInt(0), row.columnText(1)); });
    if (!status)
        return status.error();
    return list;
}

} // namespace

Result<Report> report(sql::Database& db, std::int64_t roundId) {
    auto round = detail::loadRound(db, roundId);
    if (!round)
        return round.error();
    if (round->kind != rounds::RoundKind::Screening)
        return makeError("round '" + round->name + "' is a " + rounds::kindName(round->kind) +

                         " round, not a screening round");
    Report result;
    result.round = {round->id, round->name, round->setId.value_or(0), round->setName};
    auto people = coders(db, roundId);
    if (!people)
        return people.error();
    std::int64_t idA = 0;
    std::int64_t idB = 0;
    if (people->size() > 0) {
        idA = (*people)[0].first;
        result.a.name = (*people)[0].second;
    }
    if (people->size() > 1) {
        idB = (*people)[1].first;
        result.b.name = (*people)[1].second;
    }
    auto stmt = sql::prepareBound(
        db,
        "SELECT i.post_id, p.source || ':' || p.source_id, p.title, "
        "(SELECT relevant FROM screening_marks m WHERE m.round_id = i.round_id AND "
        "m.post_id = i.post_id AND m.coder_id = ?1), "
        "(SELECT relevant FROM screening_marks m WHERE m.round_id = i.round_id AND "
        "m.post_id = i.post_id AND m.coder_id = ?2), "
        "d.lead_id, coalesce(lp.name, ''), d.relevant, coalesce(d.rationale, ''), "
        "coalesce(d.decided, ''), "
        "EXISTS (SELECT 1 FROM set_exclusions e WHERE e.set_id = ?3 AND e.post_id = i.post_id) "
        "FROM round_items i JOIN posts p ON p.id = i.post_id "
        "LEFT JOIN screening_decisions d ON d.round_id = i.round_id AND d.post_id = i.post_id "
        "LEFT JOIN people lp ON lp.id = d.lead_id WHERE i.round_id = ?4 ORDER BY i.position",
        idA, idB, round->setId.value_or(0), roundId);
    if (!stmt)
        return stmt.error();
    std::vector<agreement::RatedItem> rated;
    auto status = stmt->forEachRow([&](sql::Statement& row) {
        ReportItem item;
        item.postId = row.columnInt(0);
        item.item = row.columnText(1);
        item.title = row.columnText(2);
        if (!row.columnIsNull(3))
            item.a = row.columnInt(3) != 0;
        if (!row.columnIsNull(4))
            item.b = row.columnInt(4) != 0;
        if (!row.columnIsNull(5))
            item.decision = Decision{row.columnInt(5), row.columnText(6), row.columnInt(7) != 0,
                                     row.columnText(8), row.columnText(9)};
        item.excluded = row.columnInt(10) != 0;
        agreement::RatedItem pair;
        if (item.a)
            pair.a = markValue(*item.a);
        if (item.b)
            pair.b = markValue(*item.b);
        rated.push_back(std::move(pair));
        result.a.marked += item.a ? 1 : 0;
        result.a.relevant += item.a.value_or(false) ? 1 : 0;
        result.b.marked += item.b ? 1 : 0;
        result.b.relevant += item.b.value_or(false) ? 1 : 0;
        if (!item.a || !item.b) {
            item.outcome = Outcome::Incomplete;
            ++result.incomplete;
        } else if (*item.a == *item.b) {
            item.outcome = *item.a ? Outcome::Relevant : Outcome::Irrelevant;
            ++(*item.a ? result.bothRelevant : result.bothIrrelevant);
        } else {
            ++result.disagreements;
            if (item.decision) {
                ++result.decided;
                item.outcome = item.decision->relevant ? Outcome::Relevant : Outcome::Irrelevant;
            } else {
                item.outcome = Outcome::Disagreement;
            }
        }
        result.relevant += item.outcome == Outcome::Relevant ? 1 : 0;
        result.irrelevant += item.outcome == Outcome::Irrelevant ? 1 : 0;
        result.excluded += item.excluded ? 1 : 0;
        result.items.push_back(std::move(item));
    });
    if (!status)
        return status.error();
    result.n = static_cast<std::int64_t>(result.items.size());
    result.kappa = agreement::cohensKappa(rated);
    auto posts = sql::queryIntBound(db, "SELECT count(*) FROM set_members WHERE set_id = ?",
                                    round->setId.value_or(0));
    if (!posts)
        return posts.error();
    result.setPosts = *posts;
    return result;
}

Result<std::string> unfinishedScreening(sql::Database& db, std::int64_t setId) {
    auto rounds = sql::queryIntsBound(
        db, "SELECT id FROM rounds WHERE kind = 'screening' AND set_id = ? ORDER BY id", setId);
    if (!rounds)
        return rounds.error();
    for (const auto roundId : *rounds) {
        auto screened = report(db, roundId);
        if (!screened)
            return screened.error();
        const auto undecided = screened->disagreements - screened->decided;
        if (!screened->complete())
            return "the screening round '" + screened->round.name + "' of set '" +
                   screened->round.setName +
                   "' is not complete: " + std::to_string(screened->incomplete) +
                   " posts lack a mark from both coders and " + std::to_string(undecided) +
                   " disagreements await the lead's decision (taxo screening report)";
        auto uncovered = sql::queryIntBound(db,
                                            "SELECT count(*) FROM set_members m WHERE m.set_id = "
                                            "? AND m.post_id NOT IN (SELECT post_id FROM "
                                            "round_items WHERE round_id = ?)",
                                            setId, roundId);
        if (!uncovered)
            return uncovered.error();
        if (*uncovered > 0)
            return "set '" + screened->round.setName + "' has " + std::to_string(*uncovered) +
                   " posts that its screening round '" + screened->round.name +
                   "' does not cover (the set was rebuilt after the round was created)";
    }
    return std::string();
}

} // namespace taxo::screening
