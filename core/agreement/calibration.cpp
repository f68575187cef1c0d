#include "core/agreement/calibration.h"

#include "core/agreement/stored_values.h"
#include "core/store/statements.h"

#include <algorithm>
#include <map>
#include <set>

namespace taxo::agreement {
namespace {

struct CalibrationRound {
    std::int64_t id = 0;
    std::string kind;
    std::optional<std::int64_t> pilotId;
    std::string pilotName;
};

Result<CalibrationRound> findCalibrationRound(sql::Database& db, const std::string& name) {
    auto found = sql::queryOptionalRow<CalibrationRound>(
        db,
        "SELECT r.id, r.kind, r.pilot_round_id, coalesce(p.name, '') FROM rounds r "
        "LEFT JOIN rounds p ON p.id = r.pilot_round_id WHERE r.name = ?",
        [](sql::Statement& row) {
            return CalibrationRound{row.columnInt(0), row.columnText(1), row.columnOptionalInt(2),
                                    row.columnText(3)};
        },
        name);
    if (!found)
        return found.error();
    if (!*found)
        return makeError("no round named \"" + name + "\"");
    if ((*found)->kind != "calibration")
        return makeError("round \"" + name + "\" is a " + (*found)->kind +
                         " round, not a calibration round; measure it with taxo agreement "
                         "PROJECT --round \"" +
                         name + "\"");
    if (!(*found)->pilotId)
        return makeError("calibration round \"" + name +
                         "\" names no pilot round (it comes from a coder's package, which "
                         "holds no pilot); score it in the lead's project");
    return **found;
}

struct RoundItem {
    std::int64_t postId = 0;
    std::string item;
    std::string title;
};

// The notes of one coder's labels (or the consensus') in a round, by post.
Result<std::map<std::int64_t, std::string>> notesOf(sql::Database& db, std::int64_t roundId,
                                                    std::optional<std::int64_t> coderId) {
    std::map<std::int64_t, std::string> notes;
    if (auto status = sql::forEachRow(
            db, "SELECT post_id, note FROM labels WHERE round_id = ? AND coder_id IS ?",
            [&](sql::Statement& row) { notes[row.columnInt(0)] = row.columnText(1); }, roundId,
            coderId);
        !status)
        return status.error();
    return notes;
}

struct Context {
    std::vector<RoundItem> items;
    std::map<std::int64_t, CoderValue> consensus;
    std::map<std::int64_t, std::string> consensusNotes;
};

Status addCategories(sql::Database& db, const std::vector<RatedItem>& rated,
                     CalibrationScore& score) {
    std::map<std::int64_t, CalibrationCategory> tally;
    const auto idsOf = [](const LabelValue& value) {
        return std::set<std::int64_t>(value.categoryIds().begin(), value.categoryIds().end());
    };
    for (const auto& item : rated) {
        const auto coder = idsOf(*item.a);
        const auto consensus = idsOf(*item.b);
        for (const auto id : coder) {
            auto& entry = tally[id];
            ++(consensus.count(id) ? entry.both : entry.coderOnly);
        }
        for (const auto id : consensus)
            if (!coder.count(id))
                ++tally[id].consensusOnly;
    }
    for (auto& [id, entry] : tally) {
        entry.categoryId = id;
        auto path = categoryPath(db, id);
        if (!path)
            return path.error();
        entry.path = std::move(*path);
        const auto a = static_cast<double>(entry.both);
        entry.positiveAgreement =
            2 * a / (2 * a + static_cast<double>(entry.coderOnly + entry.consensusOnly));
        score.perCategory.push_back(std::move(entry));
    }
    std::sort(score.perCategory.begin(), score.perCategory.end(),
              [](const auto& x, const auto& y) { return x.path < y.path; });
    return {};
}

Result<CalibrationScore> scoreCoder(sql::Database& db, std::int64_t roundId,
                                    const std::string& roundName, const std::string& pilotName,
                                    std::int64_t coderId, const std::string& coderName,
                                    const Context& context) {
    CalibrationScore score;
    score.round = roundName;
    score.pilot = pilotName;
    score.coder = coderName;
    score.items = static_cast<std::int64_t>(context.items.size());
    auto values = coderValues(db, roundId, coderId);
    if (!values)
        return values.error();
    auto notes = notesOf(db, roundId, coderId);
    if (!notes)
        return notes.error();
    std::vector<RatedItem> rated;
    for (const auto& item : context.items) {
        const auto own = values->find(item.postId);
        if (own == values->end()) {
            score.notYetLabeled.push_back(item.item);
            continue;
        }
        const auto agreed = context.consensus.find(item.postId);
        if (agreed == context.consensus.end() ||
            agreed->second.value == LabelValue::special(SpecialValue::Pending)) {
            score.withoutConsensus.push_back(item.item);
            continue;
        }
        rated.push_back({own->second.value, agreed->second.value});
        if (own->second.value == agreed->second.value)
            continue;
        CalibrationDifference difference{item.postId, item.item, item.title, {}, {}, {}, {}};
        auto consensusText = readableValue(db, agreed->second.value);
        if (!consensusText)
            return consensusText.error();
        auto coderText = readableValue(db, own->second.value);
        if (!coderText)
            return coderText.error();
        difference.consensus = std::move(*consensusText);
        difference.coderLabel = std::move(*coderText);
        if (const auto note = context.consensusNotes.find(item.postId);
            note != context.consensusNotes.end())
            difference.consensusNote = note->second;
        if (const auto note = notes->find(item.postId); note != notes->end())
            difference.coderNote = note->second;
        score.differences.push_back(std::move(difference));
    }
    score.kappa = cohensKappa(rated);
    if (auto status = addCategories(db, rated, score); !status)
        return status.error();
    return score;
}

} // namespace

Result<std::vector<CalibrationScore>>
calibrationScores(sql::Database& db, const std::string& roundName, const std::string& coderName) {
    auto round = findCalibrationRound(db, roundName);
    if (!round)
        return round.error();
    using Coder = std::pair<std::int64_t, std::string>;
    auto coders = sql::queryRows<Coder>(
        db,
        "SELECT p.id, p.name FROM round_coders rc JOIN people p ON p.id = rc.person_id "
        "WHERE rc.round_id = ? ORDER BY p.name",
        [](sql::Statement& row) { return Coder(row.columnInt(0), row.columnText(1)); }, round->id);
    if (!coders)
        return coders.error();
    if (!coderName.empty()) {
        std::erase_if(*coders, [&](const Coder& coder) { return coder.second != coderName; });
        if (coders->empty())
            return makeError(coderName + " is not a coder of calibration round \"" + roundName +
                             "\"");
    }
    Context context;
    auto items = sql::queryRows<RoundItem>(
        db,
        "SELECT p.id, p.source || ':' || p.source_id, p.title FROM round_items i JOIN posts p "
        "ON p.id = i.post_id WHERE i.round_id = ? ORDER BY i.position",
        [](sql::Statement& row) {
            return RoundItem{row.columnInt(0), row.columnText(1), row.columnText(2)};
        },
        round->id);
    if (!items)
        return items.error();
    context.items = std::move(*items);
    auto consensus = coderValues(db, *round->pilotId, std::nullopt);
    if (!consensus)
        return consensus.error();
    context.consensus = std::move(*consensus);
    auto consensusNotes = notesOf(db, *round->pilotId, std::nullopt);
    if (!consensusNotes)
        return consensusNotes.error();
    context.consensusNotes = std::move(*consensusNotes);
    std::vector<CalibrationScore> scores;
    for (const auto& [id, name] : *coders) {
        auto score = scoreCoder(db, round->id, roundName, round->pilotName, id, name, context);
        if (!score)
            return score.error();
        scores.push_back(std::move(*score));
    }
    return scores;
}

} // namespace taxo::agreement
