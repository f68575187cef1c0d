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

Result<RoundRow> findRound(sql::Database& db, const std::string& roundName) {
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
    auto& found = *rows;
    if (found.empty())
        return makeError(roundName.empty()
                             ? "the project has no reliability round yet; draw a sample first"
                             : "no round named \"" + roundName + "\"");
    if (found.size() > 1) {
        std::string names;
        for (const auto& round : found)
            names += (names.empty() ? "" : ", ") + round.name;
        return makeError("the project has several reliability rounds (" + names +
                         "); name one with --round");
    }
    return found.front();
}

// The label values of one coder in the round, by post. A label with neither
// categories nor a special value (an initial code alone) has no value yet.
Result<std::map<std::int64_t, LabelValue>> coderValues(sql::Database& db, std::int64_t roundId,
                                                       std::int64_t coderId) {
    std::map<std::int64_t, std::optional<std::string>> specials;
    std::map<std::int64_t, std::vector<std::int64_t>> categories;
    if (auto status = sql::forEachRow(
            db,
            "SELECT l.post_id, l.special, lc.category_id FROM labels l "
            "LEFT JOIN label_categories lc ON lc.label_id = l.id "
            "WHERE l.round_id = ? AND l.coder_id = ? "
            "ORDER BY l.post_id, lc.category_id",
            [&](sql::Statement& row) {
                const auto post = row.columnInt(0);
                specials[post] = row.columnOptionalText(1);
                if (auto category = row.columnOptionalInt(2))
                    categories[post].push_back(*category);
            },
            roundId, coderId);
        !status)
        return status.error();
    std::map<std::int64_t, LabelValue> values;
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
            values.emplace(post, LabelValue::special(value));
        } else if (auto found = categories.find(post); found != categories.end()) {
            auto value = LabelValue::categories(found->second);
            if (!value)
                return value.error();
            values.emplace(post, std::move(*value));
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

Result<ProjectAgreement> projectAgreement(sql::Database& db, const std::string& roundName) {
    auto round = findRound(db, roundName);
    if (!round)
        return round.error();
    ProjectAgreement result;
    result.round = round->name;

    auto coders = db.prepare("SELECT p.id, p.name FROM round_coders rc JOIN people p ON p.id = "
                             "rc.person_id WHERE rc.round_id = ? ORDER BY p.id");
    if (!coders)
        return coders.error();
    coders->bind(1, round->id);
    std::vector<std::pair<std::int64_t, std::string>> coderRows;
    auto listed = coders->forEachRow([&](const sql::Statement& row) {
        coderRows.emplace_back(row.columnInt(0), row.columnText(1));
    });
    if (!listed)
        return listed.error();
    if (coderRows.size() != 2)
        return makeError("round \"" + round->name + "\" has " + std::to_string(coderRows.size()) +
                         " coders; agreement is measured between exactly two");

    auto items = sql::queryIntsBound(
        db, "SELECT post_id FROM round_items WHERE round_id = ? ORDER BY position", round->id);
    if (!items)
        return items.error();
    result.items = static_cast<std::int64_t>(items->size());
    auto valuesA = coderValues(db, round->id, coderRows[0].first);
    if (!valuesA)
        return valuesA.error();
    auto valuesB = coderValues(db, round->id, coderRows[1].first);
    if (!valuesB)
        return valuesB.error();

    std::map<std::int64_t, RatedItem> byPost;
    std::vector<RatedItem> rated;
    std::vector<Unit> units;
    std::set<std::int64_t> usedLeaves;
    for (const auto post : *items) {
        RatedItem item;
        if (auto a = valuesA->find(post); a != valuesA->end()) {
            item.a = a->second;
            ++result.coderA.labeled;
        }
        if (auto b = valuesB->find(post); b != valuesB->end()) {
            item.b = b->second;
            ++result.coderB.labeled;
        }
        Unit unit;
        for (const auto* value : {&item.a, &item.b})
            if (*value) {
                unit.push_back(**value);
                for (const auto id : (*value)->categoryIds())
                    usedLeaves.insert(id);
            }
        units.push_back(std::move(unit));
        byPost.emplace(post, item);
        rated.push_back(std::move(item));
    }
    result.coderA.name = coderRows[0].second;
    result.coderB.name = coderRows[1].second;
    result.overall = cohensKappa(rated);
    result.alphaNominal = krippendorffAlphaNominal(units);
    result.alphaMasi = krippendorffAlphaMasi(units);

    // Posts of a root: the round's items in a set whose root_name is that root.
    auto rootNames = sql::queryRows<std::string>(
        db,
        "SELECT DISTINCT s.root_name FROM sets s JOIN set_members m ON "
        "m.set_id = s.id JOIN round_items r ON r.post_id = m.post_id "
        "WHERE r.round_id = ? ORDER BY s.root_name",
        [](sql::Statement& row) { return row.columnText(0); }, round->id);
    if (!rootNames)
        return rootNames.error();
    for (const auto& root : *rootNames) {

        auto posts = sql::queryIntsBound(
            db,
            "SELECT DISTINCT m.post_id FROM set_members m JOIN sets s ON s.id = m.set_id "
            "JOIN round_items r ON r.post_id = m.post_id AND r.round_id = ? "
            "WHERE s.root_name = ? ORDER BY r.position",
            round->id, root);
        if (!posts)
            return posts.error();
        std::vector<RatedItem> rootItems;
        for (const auto post : *posts)
            rootItems.push_back(byPost.at(post));
        result.perRoot.push_back({root, cohensKappa(rootItems)});
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
    return result;
}

} // namespace taxo::agreement
