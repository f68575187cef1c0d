#include "core/agreement/project_agreement.h"

#include "core/agreement/coder_values.h"
#include "core/agreement/stored_values.h"
#include "core/codebook/codebook.h"
#include "core/labels/labels.h"
#include "core/store/statements.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <span>

namespace taxo::agreement {
namespace {

struct RoundRow {
    std::int64_t id = 0;
    std::string name;
    std::string kind;
};

// The named round, or every reliability round by id. A calibration round is never
// measured as a round: its coders are scored against the pilot (calibration.h).
Result<std::vector<RoundRow>> findRounds(sql::Database& db, const std::string& roundName) {
    const auto toRow = [](sql::Statement& row) {
        return RoundRow{row.columnInt(0), row.columnText(1), row.columnText(2)};
    };
    auto rows = roundName.empty()
                    ? sql::queryRows<RoundRow>(db,
                                               "SELECT id, name, kind FROM rounds WHERE kind = "
                                               "'reliability' ORDER BY id",
                                               toRow)
                    : sql::queryRows<RoundRow>(
                          db, "SELECT id, name, kind FROM rounds WHERE name = ?", toRow, roundName);
    if (!rows)
        return rows.error();
    if (rows->empty())
        return makeError(roundName.empty()
                             ? "the project has no reliability round yet; draw a sample first"
                             : "no round named \"" + roundName + "\"");
    if (rows->front().kind == "calibration")
        return makeError("round \"" + roundName +
                         "\" is a calibration round: its coders are scored against the pilot's "
                         "consensus (taxo agreement PROJECT --calibration \"" +
                         roundName + "\"), and it never counts in the study's agreement");
    return rows;
}

} // namespace

std::string readableSpecial(const std::string& name) {
    if (name == "false_positive")
        return "False positive";
    if (name == "unclear")
        return "Unclear";
    if (name == "pending")
        return "Pending";
    return name;
}

const char* scopeName(AgreementScope scope) {
    return scope == AgreementScope::Study ? "study" : "round";
}

namespace {

// One post of a round: every coder's value, and for a two-coder round the pair and
// when the later coder saved it.
struct MeasuredItem {
    std::int64_t post = 0;
    CoderValues values;      // by the round's coders, in person-id order
    RatedItem rated;         // coders A and B; used only when the round has exactly two
    std::string laterUpdate; // empty unless both coders of a two-coder round labeled it
};

struct MeasuredRound {
    RoundAgreement summary;
    std::int64_t id = 0;
    std::vector<std::int64_t> coderIds; // by person id
    std::vector<MeasuredItem> items;    // in the round's order
    bool paired() const { return coderIds.size() == 2; }
};

// "R1, R2"
std::string joinNames(const std::vector<std::string>& names) {
    std::string joined;
    for (const auto& name : names)
        joined += (joined.empty() ? "" : ", ") + name;
    return joined;
}

std::string cohenNeedsTwo(const std::vector<std::string>& rounds) {
    return "Cohen's kappa compares two coders, and " +
           std::string(rounds.size() == 1 ? "round " : "rounds ") + joinNames(rounds) +
           (rounds.size() == 1 ? " has" : " have") + " more: see Fleiss' kappa";
}

Result<MeasuredRound> measureRound(sql::Database& db, const RoundRow& round) {
    MeasuredRound measured;
    measured.id = round.id;
    measured.summary.round = round.name;
    using Coder = std::pair<std::int64_t, std::string>;
    auto coders = sql::queryRows<Coder>(
        db,
        "SELECT p.id, p.name FROM round_coders rc JOIN people p ON p.id = rc.person_id "
        "WHERE rc.round_id = ? ORDER BY p.id",
        [](sql::Statement& row) { return Coder(row.columnInt(0), row.columnText(1)); }, round.id);
    if (!coders)
        return coders.error();
    if (coders->size() < 2)
        return makeError("round \"" + round.name + "\" has " + std::to_string(coders->size()) +
                         (coders->size() == 1 ? " coder" : " coders") +
                         "; agreement is measured between two or more: assign them with taxo "
                         "round assign");
    auto items = sql::queryIntsBound(
        db, "SELECT post_id FROM round_items WHERE round_id = ? ORDER BY position", round.id);
    if (!items)
        return items.error();
    std::vector<std::map<std::int64_t, CoderValue>> values;
    auto& summary = measured.summary;
    for (const auto& [id, name] : *coders) {
        auto one = coderValues(db, round.id, id);
        if (!one)
            return one.error();
        values.push_back(std::move(*one));
        measured.coderIds.push_back(id);
        summary.coders.push_back({name, 0});
    }

    summary.items = static_cast<std::int64_t>(items->size());
    std::vector<RatedItem> rated;
    std::vector<Unit> units;
    for (const auto post : *items) {
        MeasuredItem item;
        item.post = post;
        std::vector<std::string> updated;
        for (std::size_t c = 0; c < values.size(); ++c) {
            const auto found = values[c].find(post);
            if (found == values[c].end()) {
                item.values.push_back(std::nullopt);
                continue;
            }
            item.values.push_back(found->second.value);
            updated.push_back(found->second.updated);
            ++summary.coders[c].labeled;
        }
        if (measured.paired()) {
            item.rated = {item.values[0], item.values[1]};
            if (updated.size() == 2)
                item.laterUpdate = std::max(updated[0], updated[1]);
            rated.push_back(item.rated);
        }
        measured.items.push_back(std::move(item));
    }
    if (measured.paired()) {
        summary.kappa = cohensKappa(rated);
    } else {
        summary.kappa.itemsGiven = items->size();
        summary.kappa.undefinedReason = cohenNeedsTwo({round.name});
        std::vector<CoderValues> rows;
        for (const auto& item : measured.items)
            rows.push_back(item.values);
        auto fleiss = fleissKappa(unitsOf(rows), coders->size());
        if (!fleiss)
            return fleiss.error();
        summary.fleiss = std::move(*fleiss);
    }
    return measured;
}

// "Ann" when every round has the same coder in that place, else "Ann, Cy".
std::string joinDistinct(const std::vector<std::string>& names) {
    std::vector<std::string> distinct;
    for (const auto& name : names)
        if (std::find(distinct.begin(), distinct.end(), name) == distinct.end())
            distinct.push_back(name);
    std::string joined;
    for (const auto& name : distinct)
        joined += (joined.empty() ? "" : ", ") + name;
    return joined;
}

// Batches of consecutive posts in the order the later coder saved them; equal times
// keep the rounds' order, so the series never depends on how rows were stored.
std::vector<DriftBatch> driftSeries(const std::vector<const MeasuredItem*>& pooled) {
    std::vector<const MeasuredItem*> both;
    for (const auto* item : pooled)
        if (!item->laterUpdate.empty())
            both.push_back(item);
    std::stable_sort(both.begin(), both.end(),
                     [](const auto* x, const auto* y) { return x->laterUpdate < y->laterUpdate; });
    std::vector<DriftBatch> series;
    for (std::size_t start = 0; start < both.size(); start += kDriftBatchSize) {
        const std::size_t end = std::min(both.size(), start + kDriftBatchSize);
        std::vector<RatedItem> batch;
        for (std::size_t i = start; i < end; ++i)
            batch.push_back(both[i]->rated);
        DriftBatch entry;
        entry.first = start + 1;
        entry.last = end;
        entry.labeledFrom = both[start]->laterUpdate;
        entry.labeledTo = both[end - 1]->laterUpdate;
        entry.kappa = cohensKappa(batch);
        series.push_back(std::move(entry));
    }
    return series;
}

// The statistics name a value by its key ("{4}" for leaf 4) when they explain why they
// are undefined; the user knows the category by its path.
Status nameValuesInReasons(sql::Database& db, const std::vector<Unit>& units,
                           ProjectAgreement& result) {
    std::map<std::string, std::string> readable;
    for (const auto& unit : units)
        for (const auto& value : unit)
            if (!readable.count(value.key())) {
                auto name = readableValue(db, value);
                if (!name)
                    return name.error();
                readable.emplace(value.key(), *name);
            }
    const auto rename = [&](std::string& reason) {
        for (const auto& [key, name] : readable) {
            const std::string from = "(" + key + ")";
            if (const auto at = reason.find(from); at != std::string::npos)
                reason.replace(at, from.size(), "(" + name + ")");
        }
    };
    rename(result.overall.undefinedReason);
    rename(result.alphaNominal.undefinedReason);
    rename(result.alphaMasi.undefinedReason);
    rename(result.ac1.undefinedReason);
    if (result.fleiss)
        rename(result.fleiss->undefinedReason);
    for (auto& root : result.perRoot) {
        rename(root.kappa.undefinedReason);
        if (root.fleiss)
            rename(root.fleiss->undefinedReason);
    }
    for (auto& round : result.rounds) {
        rename(round.kappa.undefinedReason);
        if (round.fleiss)
            rename(round.fleiss->undefinedReason);
    }
    for (auto& pair : result.pairwise.pairs)
        rename(pair.kappa.undefinedReason);
    for (auto& batch : result.drift)
        rename(batch.kappa.undefinedReason);
    return {};
}

} // namespace

Result<ProjectAgreement> projectAgreement(sql::Database& db, const std::string& roundName) {
    auto rounds = findRounds(db, roundName);
    if (!rounds)
        return rounds.error();
    ProjectAgreement result;
    result.scope = roundName.empty() ? AgreementScope::Study : AgreementScope::Round;

    std::vector<MeasuredRound> measured;
    for (const auto& round : *rounds) {
        auto one = measureRound(db, round);
        if (!one)
            return one.error();
        measured.push_back(std::move(*one));
    }

    std::vector<std::string> roundNames;
    std::vector<std::string> crowdedRounds; // more than two coders
    std::set<std::size_t> coderCounts;
    std::vector<std::vector<std::string>> namesByPlace; // [place][round]
    std::map<std::int64_t, std::string> people;         // every coder measured, by id
    std::vector<const MeasuredItem*> pooled;
    std::vector<RatedItem> rated;
    std::vector<Unit> units;
    std::set<std::int64_t> usedLeaves;
    for (const auto& round : measured) {
        const auto& summary = round.summary;
        roundNames.push_back(summary.round);
        coderCounts.insert(round.coderIds.size());
        if (!round.paired())
            crowdedRounds.push_back(summary.round);
        result.items += summary.items;
        for (std::size_t c = 0; c < summary.coders.size(); ++c) {
            if (result.coders.size() <= c) {
                result.coders.emplace_back();
                namesByPlace.emplace_back();
            }
            namesByPlace[c].push_back(summary.coders[c].name);
            result.coders[c].labeled += summary.coders[c].labeled;
            people.emplace(round.coderIds[c], summary.coders[c].name);
        }
        result.rounds.push_back(summary);
        for (const auto& item : round.items) {
            units.push_back(unitsOf(std::span(&item.values, 1)).front());
            for (const auto& value : units.back())
                for (const auto id : value.categoryIds())
                    usedLeaves.insert(id);
            if (round.paired()) {
                rated.push_back(item.rated);
                pooled.push_back(&item);
            }
        }
    }
    result.round = joinDistinct(roundNames);
    for (std::size_t c = 0; c < result.coders.size(); ++c)
        result.coders[c].name = joinDistinct(namesByPlace[c]);
    result.overall = cohensKappa(rated);
    if (rated.empty() && !crowdedRounds.empty())
        result.overall.undefinedReason = cohenNeedsTwo(crowdedRounds);
    result.alphaNominal = krippendorffAlphaNominal(units);
    result.alphaMasi = krippendorffAlphaMasi(units);
    result.ac1 = gwetAc1(units);
    result.drift = driftSeries(pooled);

    // Fleiss' kappa counts a post only when each of m coders labeled it, so it is taken
    // over rounds of one number of coders; a study mixing numbers says which have which
    // rather than leave some rounds out.
    const auto fleissOf = [&](std::span<const Unit> some) -> Result<std::optional<FleissKappa>> {
        if (crowdedRounds.empty())
            return std::optional<FleissKappa>();
        if (coderCounts.size() == 1) {
            auto fleiss = fleissKappa(some, *coderCounts.begin());
            if (!fleiss)
                return fleiss.error();
            return std::optional<FleissKappa>(std::move(*fleiss));
        }
        FleissKappa undefined;
        undefined.postsGiven = some.size();
        std::string counts;
        for (const auto& round : measured)
            counts += (counts.empty() ? "" : ", ") + round.summary.round + " " +
                      std::to_string(round.coderIds.size());
        undefined.undefinedReason =
            "Fleiss' kappa needs the same number of coders on every post, and the rounds "
            "differ (" +
            counts +
            "): measure one round with --round, or see Krippendorff's alpha, which covers "
            "them all";
        return std::optional<FleissKappa>(std::move(undefined));
    };
    auto fleiss = fleissOf(units);
    if (!fleiss)
        return fleiss.error();
    result.fleiss = std::move(*fleiss);

    // The pairwise matrix is by person: one row per post with a place for everyone
    // measured, filled for the round's own coders.
    std::map<std::int64_t, std::size_t> place;
    for (const auto& [id, name] : people) {
        place.emplace(id, result.pairwiseCoders.size());
        result.pairwiseCoders.push_back(name);
    }
    std::vector<CoderValues> byPerson;
    for (const auto& round : measured)
        for (const auto& item : round.items) {
            CoderValues row(people.size());
            for (std::size_t c = 0; c < round.coderIds.size(); ++c)
                row[place.at(round.coderIds[c])] = item.values[c];
            byPerson.push_back(std::move(row));
        }
    result.pairwise = pairwiseCohensKappa(byPerson);

    // Posts of a root: each round's items in a set whose root_name is that root, in
    // the round's order, the rounds by id.
    std::map<std::string, std::vector<RatedItem>> byRoot;
    std::map<std::string, std::vector<Unit>> unitsByRoot;
    for (const auto& round : measured) {
        std::map<std::int64_t, const MeasuredItem*> byPost;
        for (const auto& item : round.items)
            byPost.emplace(item.post, &item);
        using RootPost = std::pair<std::string, std::int64_t>;
        auto rootPosts = sql::queryRows<RootPost>(
            db,
            "SELECT DISTINCT s.root_name, m.post_id, r.position FROM set_members m "
            "JOIN sets s ON s.id = m.set_id "
            "JOIN round_items r ON r.post_id = m.post_id AND r.round_id = ? "
            "ORDER BY s.root_name, r.position",
            [](sql::Statement& row) { return RootPost(row.columnText(0), row.columnInt(1)); },
            round.id);
        if (!rootPosts)
            return rootPosts.error();
        for (const auto& [root, post] : *rootPosts) {
            const auto* item = byPost.at(post);
            if (round.paired())
                byRoot[root].push_back(item->rated);
            else
                byRoot.try_emplace(root);
            unitsByRoot[root].push_back(unitsOf(std::span(&item->values, 1)).front());
        }
    }
    for (const auto& [root, items] : byRoot) {
        RootAgreement entry{root, cohensKappa(items), std::nullopt};
        if (items.empty())
            entry.kappa.undefinedReason = cohenNeedsTwo(crowdedRounds);
        auto rootFleiss = fleissOf(unitsByRoot[root]);
        if (!rootFleiss)
            return rootFleiss.error();
        entry.fleiss = std::move(*rootFleiss);
        result.perRoot.push_back(std::move(entry));
    }

    for (const auto leaf : usedLeaves) {
        auto path = categoryPath(db, leaf);
        if (!path)
            return path.error();
        result.perCategory.push_back({leaf, *path, categoryPresenceKappa(rated, leaf)});
    }
    std::sort(result.perCategory.begin(), result.perCategory.end(),
              [](const auto& x, const auto& y) { return x.path < y.path; });

    for (const auto& cell : result.overall.confusion) {
        auto a = readableValue(db, cell.a);
        if (!a)
            return a.error();
        auto b = readableValue(db, cell.b);
        if (!b)
            return b.error();
        auto aLeaves = shortValue(db, cell.a);
        if (!aLeaves)
            return aLeaves.error();
        auto bLeaves = shortValue(db, cell.b);
        if (!bLeaves)
            return bLeaves.error();
        result.confusion.push_back({*a, *b, cell.count, *aLeaves, *bLeaves});
    }
    if (auto status = nameValuesInReasons(db, units, result); !status)
        return status.error();
    return result;
}

} // namespace taxo::agreement
