#include "core/agreement/project_agreement.h"

#include "core/codebook/codebook.h"
#include "core/labels/labels.h"
#include "core/store/statements.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace taxo::agreement {
namespace {

struct RoundRow {
    std::int64_t id = 0;
    std::string name;
};

// The named round, or every reliability round by id.
Result<std::vector<RoundRow>> findRounds(sql::Database& db, const std::string& roundName) {
    const auto toRow = [](sql::Statement& row) {
        return RoundRow{row.columnInt(0), row.columnText(1)};
    };
    auto rows = roundName.empty()
                    ? sql::queryRows<RoundRow>(db,
                                               "SELECT id, name FROM rounds WHERE kind = "
                                               "'reliability' ORDER BY id",
                                               toRow)
                    : sql::queryRows<RoundRow>(db, "SELECT id, name FROM rounds WHERE name = ?",
                                               toRow, roundName);
    if (!rows)
        return rows.error();
    if (rows->empty())
        return makeError(roundName.empty()
                             ? "the project has no reliability round yet; draw a sample first"
                             : "no round named \"" + roundName + "\"");
    return rows;
}

// A coder's value of one post and when it was last saved.
struct CoderValue {
    LabelValue value;
    std::string updated;
};

// The label values of one coder in the round, by post. A label with neither
// categories nor a special value (an initial code alone) has no value yet.
Result<std::map<std::int64_t, CoderValue>> coderValues(sql::Database& db, std::int64_t roundId,
                                                       std::int64_t coderId) {
    std::map<std::int64_t, std::optional<std::string>> specials;
    std::map<std::int64_t, std::string> updated;
    std::map<std::int64_t, std::vector<std::int64_t>> categories;
    if (auto status = sql::forEachRow(
            db,
            "SELECT l.post_id, l.special, lc.category_id, l.updated FROM labels l "
            "LEFT JOIN label_categories lc ON lc.label_id = l.id "
            "WHERE l.round_id = ? AND l.coder_id = ? "
            "ORDER BY l.post_id, lc.category_id",
            [&](sql::Statement& row) {
                const auto post = row.columnInt(0);
                specials[post] = row.columnOptionalText(1);
                updated[post] = row.columnText(3);
                if (auto category = row.columnOptionalInt(2))
                    categories[post].push_back(*category);
            },
            roundId, coderId);
        !status)
        return status.error();
    std::map<std::int64_t, CoderValue> values;
    for (const auto& [post, special] : specials) {
        if (special) {
            const auto parsed = labels::parseSpecial(*special);
            if (!parsed)
                return makeError("post " + std::to_string(post) + ": unknown special value \"" +
                                 *special + "\"");
            const auto value = *parsed == labels::Special::FalsePositive
                                   ? SpecialValue::FalsePositive
                               : *parsed == labels::Special::Unclear ? SpecialValue::Unclear
                                                                     : SpecialValue::Pending;
            values.emplace(post, CoderValue{LabelValue::special(value), updated[post]});
        } else if (auto found = categories.find(post); found != categories.end()) {
            auto value = LabelValue::categories(found->second);
            if (!value)
                return value.error();
            values.emplace(post, CoderValue{std::move(*value), updated[post]});
        }
    }
    return values;
}

Result<std::string> categoryPath(sql::Database& db, std::int64_t id) {
    auto path = codebook::pathOf(db, id);
    if (!path)
        return path.error();
    std::string joined;
    for (const auto& name : *path)
        joined += (joined.empty() ? "" : "/") + name;
    return joined;
}

Result<std::string> readableValue(sql::Database& db, const LabelValue& value) {
    if (value.kind() != LabelValue::Kind::Categories)
        return value.kind() == LabelValue::Kind::Special ? readableSpecial(value.key())
                                                         : value.key();
    std::string joined;
    for (const auto id : value.categoryIds()) {
        auto path = categoryPath(db, id);
        if (!path)
            return path.error();
        joined += (joined.empty() ? "" : "; ") + *path;
    }
    return joined;
}

// The leaves' own names, for an axis too narrow for whole paths.
Result<std::string> shortValue(sql::Database& db, const LabelValue& value) {
    if (value.kind() != LabelValue::Kind::Categories)
        return readableValue(db, value);
    std::string joined;
    for (const auto id : value.categoryIds()) {
        auto path = codebook::pathOf(db, id);
        if (!path)
            return path.error();
        joined += (joined.empty() ? "" : "; ") + (path->empty() ? std::string() : path->back());
    }
    return joined;
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

// One pair of labels, where it came from and when the later coder saved it.
struct MeasuredItem {
    std::int64_t post = 0;
    RatedItem rated;
    std::string laterUpdate; // empty unless both coders labeled it
};

struct MeasuredRound {
    RoundAgreement summary;
    std::int64_t id = 0;
    std::vector<MeasuredItem> items; // in the round's order
};

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
    if (coders->size() != 2)
        return makeError("round \"" + round.name + "\" has " + std::to_string(coders->size()) +
                         " coders; agreement is measured between exactly two");
    auto items = sql::queryIntsBound(
        db, "SELECT post_id FROM round_items WHERE round_id = ? ORDER BY position", round.id);
    if (!items)
        return items.error();
    auto valuesA = coderValues(db, round.id, (*coders)[0].first);
    if (!valuesA)
        return valuesA.error();
    auto valuesB = coderValues(db, round.id, (*coders)[1].first);
    if (!valuesB)
        return valuesB.error();

    auto& summary = measured.summary;
    summary.items = static_cast<std::int64_t>(items->size());
    summary.coderA.name = (*coders)[0].second;
    summary.coderB.name = (*coders)[1].second;
    std::vector<RatedItem> rated;
    for (const auto post : *items) {
        MeasuredItem item;
        item.post = post;
        const auto a = valuesA->find(post);
        const auto b = valuesB->find(post);
        if (a != valuesA->end()) {
            item.rated.a = a->second.value;
            ++summary.coderA.labeled;
        }
        if (b != valuesB->end()) {
            item.rated.b = b->second.value;
            ++summary.coderB.labeled;
        }
        if (a != valuesA->end() && b != valuesB->end())
            item.laterUpdate = std::max(a->second.updated, b->second.updated);
        rated.push_back(item.rated);
        measured.items.push_back(std::move(item));
    }
    summary.kappa = cohensKappa(rated);
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
Status nameValuesInReasons(sql::Database& db, const std::vector<RatedItem>& rated,
                           ProjectAgreement& result) {
    std::map<std::string, std::string> readable;
    for (const auto& item : rated)
        for (const auto* value : {&item.a, &item.b})
            if (*value && !readable.count((*value)->key())) {
                auto name = readableValue(db, **value);
                if (!name)
                    return name.error();
                readable.emplace((*value)->key(), *name);
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
    for (auto& root : result.perRoot)
        rename(root.kappa.undefinedReason);
    for (auto& round : result.rounds)
        rename(round.kappa.undefinedReason);
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
    std::vector<std::string> namesA;
    std::vector<std::string> namesB;
    std::vector<const MeasuredItem*> pooled;
    std::vector<RatedItem> rated;
    std::vector<Unit> units;
    std::set<std::int64_t> usedLeaves;
    for (const auto& round : measured) {
        const auto& summary = round.summary;
        roundNames.push_back(summary.round);
        namesA.push_back(summary.coderA.name);
        namesB.push_back(summary.coderB.name);
        result.items += summary.items;
        result.coderA.labeled += summary.coderA.labeled;
        result.coderB.labeled += summary.coderB.labeled;
        result.rounds.push_back(summary);
        for (const auto& item : round.items) {
            Unit unit;
            for (const auto* value : {&item.rated.a, &item.rated.b})
                if (*value) {
                    unit.push_back(**value);
                    for (const auto id : (*value)->categoryIds())
                        usedLeaves.insert(id);
                }
            units.push_back(std::move(unit));
            rated.push_back(item.rated);
            pooled.push_back(&item);
        }
    }
    result.round = joinDistinct(roundNames);
    result.coderA.name = joinDistinct(namesA);
    result.coderB.name = joinDistinct(namesB);
    result.overall = cohensKappa(rated);
    result.alphaNominal = krippendorffAlphaNominal(units);
    result.alphaMasi = krippendorffAlphaMasi(units);
    result.ac1 = gwetAc1(rated);
    result.drift = driftSeries(pooled);

    // Posts of a root: each round's items in a set whose root_name is that root, in
    // the round's order, the rounds by id.
    std::map<std::string, std::vector<RatedItem>> byRoot;
    for (const auto& round : measured) {
        std::map<std::int64_t, const RatedItem*> byPost;
        for (const auto& item : round.items)
            byPost.emplace(item.post, &item.rated);
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
        for (const auto& [root, post] : *rootPosts)
            byRoot[root].push_back(*byPost.at(post));
    }
    for (const auto& [root, items] : byRoot)
        result.perRoot.push_back({root, cohensKappa(items)});

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
    if (auto status = nameValuesInReasons(db, rated, result); !status)
        return status.error();
    return result;
}

} // namespace taxo::agreement
