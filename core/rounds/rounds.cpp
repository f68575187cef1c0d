#include "core/rounds/rounds.h"

#include "core/people/people.h"
#include "core/store/change_log.h"
#include "core/store/statements.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

namespace taxo::rounds {

std::string kindName(RoundKind kind) {
    switch (kind) {
    case RoundKind::Pilot:
        return "pilot";
    case RoundKind::Reliability:
        return "reliability";
    case RoundKind::Screening:
        return "screening";
    case RoundKind::Calibration:
        return "calibration";
    }
    return "pilot";
}

Result<RoundKind> parseKind(std::string_view text) {
    for (const auto kind :
         {RoundKind::Pilot, RoundKind::Reliability, RoundKind::Screening, RoundKind::Calibration})
        if (text == kindName(kind))
            return kind;
    return makeError("unknown round kind '" + std::string(text) +
                     "'; a round is pilot, reliability, screening or calibration");
}

std::vector<std::string> splitNames(const std::string& list) {
    std::vector<std::string> names;
    std::size_t start = 0;
    while (start <= list.size()) {
        auto end = list.find(',', start);
        if (end == std::string::npos)
            end = list.size();
        auto part = list.substr(start, end - start);
        const auto first = part.find_first_not_of(" \t");
        const auto last = part.find_last_not_of(" \t");
        if (first != std::string::npos)
            names.push_back(part.substr(first, last - first + 1));
        start = end + 1;
    }
    return names;
}

Result<std::vector<RoundInfo>> listRounds(Project& project) {
    auto& db = project.db();
    auto stmt = db.prepare(
        "SELECT r.id, r.name, r.kind, r.state, coalesce(s.name, d.name, ''), "
        "(SELECT count(*) FROM round_items i WHERE i.round_id = r.id), "
        "(SELECT count(*) FROM labels l WHERE l.round_id = r.id AND l.coder_id IS NULL), "
        "coalesce(p.name, '') FROM rounds r LEFT JOIN samples x ON x.id = r.sample_id "
        "LEFT JOIN sets s ON s.id = x.set_id LEFT JOIN sets d ON d.id = r.set_id "
        "LEFT JOIN rounds p ON p.id = r.pilot_round_id ORDER BY r.id");
    if (!stmt)
        return stmt.error();
    std::vector<RoundInfo> list;
    std::optional<Error> unknownKind;
    if (auto status = stmt->forEachRow([&](sql::Statement& row) {
            RoundInfo info;
            info.id = row.columnInt(0);
            info.name = row.columnText(1);
            auto kind = parseKind(row.columnText(2));
            if (!kind) {
                unknownKind = kind.error();
                return;
            }
            info.kind = *kind;
            info.state = row.columnText(3);
            info.setName = row.columnText(4);
            info.items = row.columnInt(5);
            info.consensusLabels = row.columnInt(6);
            info.pilotRound = row.columnText(7);
            list.push_back(std::move(info));
        });
        !status)
        return status.error();
    if (unknownKind)
        return *unknownKind;
    // A screening round's progress is its marks; the other rounds' their labels.

    auto coders =
        db.prepare("SELECT p.name, (SELECT count(*) FROM labels l WHERE l.round_id = c.round_id "
                   "AND l.coder_id = c.person_id) + (SELECT count(*) FROM screening_marks m WHERE "
                   "m.round_id = c.round_id AND m.coder_id = c.person_id) FROM round_coders c "
                   "JOIN people p ON p.id = c.person_id WHERE c.round_id = ? ORDER BY p.name");
    if (!coders)
        return coders.error();
    for (auto& info : list) {
        coders->bind(1, info.id);
        if (auto status = coders->forEachRow([&](sql::Statement& row) {
                info.coders.push_back({row.columnText(0), row.columnInt(1)});
            });
            !status)
            return status.error();
        coders->reset();
    }
    return list;
}

namespace {

Status writeCodersChecked(sql::Database& db, std::int64_t roundId, const std::string& roundName,
                          RoundKind kind, const std::vector<std::string>& coderNames,
                          bool checkCount) {
    std::set<std::string> distinct(coderNames.begin(), coderNames.end());
    if (distinct.size() != coderNames.size())
        return makeError("a coder is named twice; name each coder once");
    // A pilot is coded jointly, so one coder suffices; a reliability round compares
    // independent labels, so it needs two or more; a screening round's report is a
    // two-coder kappa with a lead deciding between two marks, so it stays at two. A
    // calibration round scores each of its coders alone against the pilot's consensus.
    const auto count = coderNames.size();
    std::string need;
    if ((kind == RoundKind::Pilot || kind == RoundKind::Calibration) && count < 1)
        need = "at least one coder";
    else if (kind == RoundKind::Reliability && count < 2)
        need = "at least two coders, who label independently";
    else if (kind == RoundKind::Screening && count != 2)
        need = "exactly two coders, who mark independently";
    if (checkCount && !need.empty())
        return makeError("a " + kindName(kind) + " round needs " + need + "; got " +
                         std::to_string(count));
    std::vector<std::int64_t> ids;
    auto isCoder =
        db.prepare("SELECT count(*) FROM person_roles WHERE person_id = ? AND role = 'coder'");
    if (!isCoder)
        return isCoder.error();
    for (const auto& name : coderNames) {
        auto id = people::findPerson(db, name);
        if (!id)
            return id.error();
        isCoder->bind(1, *id);
        if (auto row = isCoder->step(); !row)
            return row.error();
        const bool coder = isCoder->columnInt(0) > 0;
        isCoder->reset();
        if (!coder)
            return makeError(name +
                             " is not a coder; give them the role first (taxo people add "
                             "PROJECT '" +
                             name + "' --role coder)");
        ids.push_back(*id);
    }
    // Nobody who has labelled (or, in a screening round, marked) in the round is
    // taken off it: their work would lose its place in the round's agreement.
    struct Worker {
        std::int64_t id;
        std::string name;
        std::int64_t count;
    };
    auto workers = sql::queryRows<Worker>(
        db,
        "SELECT p.id, p.name, count(*) FROM (SELECT coder_id FROM labels WHERE round_id = ?1 "
        "UNION ALL SELECT coder_id FROM screening_marks WHERE round_id = ?1) w "
        "JOIN people p ON p.id = w.coder_id GROUP BY p.id ORDER BY p.name",
        [](sql::Statement& row) {
            return Worker{row.columnInt(0), row.columnText(1), row.columnInt(2)};
        },
        roundId);
    if (!workers)
        return workers.error();
    for (const auto& worker : *workers)
        if (std::find(ids.begin(), ids.end(), worker.id) == ids.end())
            return makeError(worker.name + " has " + std::to_string(worker.count) +
                             (kind == RoundKind::Screening ? " marks" : " labels") + " in round '" +
                             roundName +
                             "' and cannot be taken off it; keep them among the coders");
    auto clear = db.prepare("DELETE FROM round_coders WHERE round_id = ?");
    if (!clear)
        return clear.error();
    if (auto status = clear->bind(1, roundId).run(); !status)
        return status;
    auto insert = db.prepare("INSERT INTO round_coders(round_id, person_id) VALUES (?, ?)");
    if (!insert)
        return insert.error();
    for (const auto id : ids)
        if (auto status = insert->bind(1, roundId).bind(2, id).run(); !status)
            return status;
    return {};
}

// Writes the coders in one transaction; `before` receives the coders the round had,
// by name, for the change record.
Status storeCoders(sql::Database& db, const std::string& roundName,
                   const std::vector<std::string>& coderNames, bool checkCount,
                   std::vector<std::string>* before = nullptr) {
    const sql::TransactionWording wording{db.path() + ": cannot write: ",
                                          db.path() + ": cannot save: "};
    return sql::inTransaction(db, wording, [&]() -> Status {
        std::int64_t roundId = 0;
        RoundKind kind = RoundKind::Pilot;
        {
            auto round = db.prepare("SELECT id, kind FROM rounds WHERE name = ?");
            if (!round)
                return round.error();
            round->bind(1, roundName);
            auto row = round->step();
            if (!row)
                return row.error();
            if (!*row)
                return makeError("no round named '" + roundName +
                                 "'; see the rounds with taxo round list (rounds are created by "
                                 "taxo sample and taxo screening create)");
            roundId = round->columnInt(0);
            auto parsed = parseKind(round->columnText(1));
            if (!parsed)
                return parsed.error();
            kind = *parsed;
        }
        if (before) {
            auto names =
                sql::prepareBound(db,
                                  "SELECT p.name FROM round_coders c JOIN people p ON p.id = "
                                  "c.person_id WHERE c.round_id = ? ORDER BY p.name",
                                  roundId);
            if (!names)
                return names.error();
            before->clear();
            if (auto status = names->forEachRow(
                    [&](sql::Statement& row) { before->push_back(row.columnText(0)); });
                !status)
                return status;
        }
        if (auto status = writeCodersChecked(db, roundId, roundName, kind, coderNames, checkCount);
            !status)
            return status;
        return changelog::append(db, checkCount ? "round.assign" : "round.assign.undo",
                                 {{"round", roundName}, {"coders", coderNames}});
    });
}

} // namespace

Status writeCoders(sql::Database& db, std::int64_t roundId, const std::string& roundName,
                   RoundKind kind, const std::vector<std::string>& coderNames) {

    return writeCodersChecked(db, roundId, roundName, kind, coderNames, true);
}

Status assignCoders(Project& project, const std::string& roundName,
                    const std::vector<std::string>& coderNames) {
    return storeCoders(project.db(), roundName, coderNames, true);
}

Status restoreCoders(Project& project, const std::string& roundName,
                     const std::vector<std::string>& coderNames) {
    return storeCoders(project.db(), roundName, coderNames, false);
}

Result<AssignChange> changeCoders(sql::Database& db, const std::string& roundName,
                                  const std::vector<std::string>& coderNames) {
    AssignChange change{roundName, {}, coderNames};
    if (auto status = storeCoders(db, roundName, coderNames, true, &change.before); !status)
        return status.error();
    return change;
}

Status undoAssign(sql::Database& db, const AssignChange& change) {
    return storeCoders(db, change.round, change.before, false);
}

Status redoAssign(sql::Database& db, const AssignChange& change) {
    return storeCoders(db, change.round, change.after, true);
}

Result<std::int64_t> insertRound(sql::Database& db, const NewRound& round) {
    if (auto status = sql::runBound(db,
                                    "INSERT INTO rounds(name, kind, sample_id, set_id, state, "
                                    "created) VALUES (?, ?, ?, ?, 'open', ?)",
                                    round.name, kindName(round.kind), round.sampleId, round.setId,
                                    round.created);
        !status)
        return status.error();
    const auto roundId = db.lastInsertRowId();
    auto item = db.prepare("INSERT INTO round_items(round_id, post_id, position) VALUES (?, ?, ?)");
    if (!item)
        return item.error();
    for (std::size_t i = 0; i < round.items.size(); ++i) {
        if (auto status = item->bind(1, roundId)
                              .bind(2, round.items[i])
                              .bind(3, static_cast<std::int64_t>(i))
                              .run();
            !status)
            return status.error();
    }
    auto coder = db.prepare("INSERT INTO round_coders(round_id, person_id) VALUES (?, ?)");
    if (!coder)
        return coder.error();
    for (const auto personId : round.coders)
        if (auto status = coder->bind(1, roundId).bind(2, personId).run(); !status)
            return status.error();
    return roundId;
}

Result<std::int64_t> insertCalibrationRound(sql::Database& db, const NewRound& round,
                                            std::int64_t pilotRoundId) {
    auto id = insertRound(db, round);
    if (!id)
        return id;
    if (auto status = sql::runBound(db, "UPDATE rounds SET pilot_round_id = ? WHERE id = ?",
                                    pilotRoundId, *id);
        !status)
        return status.error();
    return id;
}

Status removeSampleRounds(sql::Database& db, std::int64_t sampleId) {
    return sql::runBound(db, "DELETE FROM rounds WHERE sample_id = ?", sampleId);
}

Result<std::map<RoundKind, std::vector<std::int64_t>>> sampleRoundCoders(sql::Database& db,
                                                                         std::int64_t sampleId) {
    std::map<RoundKind, std::vector<std::int64_t>> coders;
    std::optional<Error> unknownKind;
    if (auto status = sql::forEachRow(
            db,
            "SELECT r.kind, c.person_id FROM rounds r JOIN round_coders c "
            "ON c.round_id = r.id WHERE r.sample_id = ? ORDER BY c.person_id",
            [&](sql::Statement& row) {
                auto kind = parseKind(row.columnText(0));
                if (kind)
                    coders[*kind].push_back(row.columnInt(1));
                else if (!unknownKind)
                    unknownKind = kind.error();
            },
            sampleId);
        !status)
        return status.error();
    if (unknownKind)
        return *unknownKind;
    return coders;
}

Result<std::string> screeningRoundOfSet(sql::Database& db, std::int64_t setId) {

    auto stmt = sql::prepareBound(
        db, "SELECT name FROM rounds WHERE kind = 'screening' AND set_id = ? ORDER BY id", setId);
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    return *row ? stmt->columnText(0) : std::string();
}

} // namespace taxo::rounds
