// What a merge tells the lead beyond its counts: how far each coder is in each round,
// and whether this package is older than one merged before.

#include "core/arbitration/arbitration.h"
#include "core/labels/labels.h"
#include "core/packages/package_internal.h"
#include "core/packages/package_json.h"
#include "core/store/statements.h"
#include "core/util/ids.h"

namespace taxo::packages {
namespace detail {

Result<std::optional<std::string>> olderThanImported(sql::Database& db, std::int64_t person,
                                                     const PackageMeta& meta, const Issue& issue,
                                                     const std::string& latestChange) {
    auto stmt = sql::prepareBound(db,
                                  "SELECT i.issued, pi.imported, pi.file FROM package_imports pi "
                                  "JOIN package_issues i ON i.id = pi.issue_id "
                                  "WHERE i.person_id = ?1 AND i.kind = ?2 AND "
                                  "(i.id > ?3 OR (i.id = ?3 AND pi.latest_change > ?4)) "
                                  "ORDER BY pi.imported DESC LIMIT 1",
                                  person, kindName(meta.kind), issue.id, latestChange);
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<std::string>();
    return std::optional<std::string>("this package is older than the package of " + meta.person +
                                      " imported on " + stmt->columnText(1) + " from " +
                                      stmt->columnText(2) + ": check that it is the latest file " +
                                      meta.person +
                                      " sent (work the project holds in a newer version is kept)");
}

Status recordImport(sql::Database& db, const Issue& issue, const std::string& latestChange,
                    const std::string& file) {
    return sql::runBound(db,
                         "INSERT INTO package_imports(issue_id, imported, latest_change, file) "
                         "VALUES (?, ?, ?, ?)",
                         issue.id, utcNowIso(), latestChange, file);
}

Status addProgress(sql::Database& db, const std::vector<std::string>& rounds, std::int64_t person,
                   MergeReport& report) {
    if (report.kind == Kind::Arbitrator) {
        auto waiting = arbitration::listConflicts(db, {std::nullopt, person});
        if (!waiting)
            return waiting.error();
        if (!waiting->empty())
            report.warnings.push_back(std::to_string(waiting->size()) +
                                      (waiting->size() == 1 ? " conflict" : " conflicts") + " of " +
                                      report.person + "'s roots still wait for a decision");
        return {};
    }
    for (const auto& name : rounds) {
        auto round = sql::queryOptionalIntBound(db, "SELECT id FROM rounds WHERE name = ?", name);
        if (!round)
            return round.error();
        if (!*round)
            continue;
        auto coders = sql::prepareBound(db,
                                        "SELECT p.id, p.name FROM round_coders rc JOIN people p ON "
                                        "p.id = rc.person_id WHERE rc.round_id = ? ORDER BY p.name",
                                        **round);
        if (!coders)
            return coders.error();
        std::vector<std::pair<std::int64_t, std::string>> people;
        if (auto status = coders->forEachRow([&](const sql::Statement& row) {
                people.emplace_back(row.columnInt(0), row.columnText(1));
            });
            !status)
            return status;
        for (const auto& [id, coder] : people) {
            auto done = labels::progressForCoder(db, **round, id);
            if (!done)
                return done.error();
            report.progress.push_back({name, coder, done->labeled, done->total});
            if (done->labeled < done->total)
                report.warnings.push_back("round " + name + " is not complete: " + coder +
                                          " has labeled " + std::to_string(done->labeled) + " of " +
                                          std::to_string(done->total) + " posts");
        }
    }
    return {};
}

} // namespace detail

nlohmann::json toJson(const MergeReport& report) {
    nlohmann::json progress = nlohmann::json::array();
    for (const auto& entry : report.progress)
        progress.push_back({{"round", entry.round},
                            {"coder", entry.coder},
                            {"labeled", entry.labeled},
                            {"total", entry.total}});
    return {{"kind", kindName(report.kind)},
            {"person", report.person},
            {"labels",
             {{"added", report.labelsAdded},
              {"updated", report.labelsUpdated},
              {"unchanged", report.labelsUnchanged}}},
            {"decisions",
             {{"added", report.decisionsAdded},
              {"updated", report.decisionsUpdated},
              {"unchanged", report.decisionsUnchanged}}},
            {"categories_added", report.categoriesAdded},
            {"newer_in_project", report.newerInProject},
            {"progress", progress},
            {"warnings", report.warnings}};
}

std::vector<std::string> describe(const MergeReport& report) {
    std::vector<std::string> lines;
    lines.push_back("Merged " + kindName(report.kind) + "'s package of " + report.person +
                    ": labels " + std::to_string(report.labelsAdded) + " added, " +
                    std::to_string(report.labelsUpdated) + " updated, " +
                    std::to_string(report.labelsUnchanged) + " unchanged; decisions " +
                    std::to_string(report.decisionsAdded) + " added, " +
                    std::to_string(report.decisionsUpdated) + " updated, " +
                    std::to_string(report.decisionsUnchanged) + " unchanged; " +
                    std::to_string(report.categoriesAdded) + " categories added.");
    std::string round;
    std::string line;
    for (const auto& entry : report.progress) {
        if (entry.round != round) {
            if (!line.empty())
                lines.push_back(line);
            round = entry.round;
            line = "Round " + round + ": ";
        } else {
            line += ", ";
        }
        line += entry.coder + ": " + std::to_string(entry.labeled) + " of " +
                std::to_string(entry.total);
    }
    if (!line.empty())
        lines.push_back(line);
    for (const auto& warning : report.warnings)
        lines.push_back("Warning: " + warning);
    return lines;
}

} // namespace taxo::packages
