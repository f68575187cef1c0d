#pragma once
// Shared by the import tests: a fresh project, one-line queries, and a snapshot
// of every table an import writes, to prove that a refused import changed nothing.

#include "core/corpus/import.h"
#include "core/project/project.h"
#include "tests/support/study_builder.h"
#include "tests/support/test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

namespace taxo::test {

inline Project newProject(const TempDir& dir, const std::string& name = "p.taxo") {
    auto project = Project::create(dir.file(name), "import test");
    REQUIRE(project.ok());
    return std::move(*project);
}

inline std::int64_t queryInt(Project& project, const std::string& sql) {
    auto value = project.db().queryInt(sql);
    INFO(sql);
    REQUIRE(value.ok());
    return *value;
}

inline std::string queryText(Project& project, const std::string& sql) {
    auto value = project.db().queryText(sql);
    INFO(sql);
    REQUIRE(value.ok());
    return *value;
}

// Every row of every table the import writes, as text.
inline std::string snapshot(Project& project) {
    std::string all;
    for (const char* table : {"posts", "post_tags", "answers", "comments", "imports",
                              "census_sources", "census_years", "census_tags"}) {
        auto stmt = project.db().prepare(std::string("SELECT * FROM ") + table + " ORDER BY 1, 2");
        REQUIRE(stmt.ok());
        all += std::string("[") + table + "]\n";
        while (true) {
            auto row = stmt->step();
            REQUIRE(row.ok());
            if (!*row)
                break;
            for (int i = 0; i < stmt->columnCount(); ++i)
                all += (stmt->columnIsNull(i) ? std::string("NULL") : stmt->columnText(i)) + "|";
            all += '\n';
        }
    }
    all += "fts=" + std::to_string(queryInt(project, "SELECT count(*) FROM posts_fts"));
    return all;
}

inline corpus::ImportReport importOk(Project& project, const std::vector<std::string>& sources,
                                     const corpus::ImportOptions& options = {}) {
    auto report = corpus::importSources(project, sources, options);
    INFO((report.ok() ? std::string("ok") : report.message()));
    REQUIRE(report.ok());
    return *report;
}

inline std::string sample(const std::filesystem::path& folder, const char* file) {
    return (folder / file).string();
}

// `taxo stats --json` on the project: the baseline group (every question, no sets).
inline nlohmann::json baselineStats(const std::string& path) {
    const auto outcome = runCli({"stats", path, "--json"});
    INFO(outcome.err);
    REQUIRE(outcome.code == 0);
    const auto parsed = nlohmann::json::parse(outcome.out);
    for (const auto& group : parsed.at("groups"))
        if (group.at("kind") == "baseline")
            return group;
    FAIL("no baseline group in taxo stats --json");
    return {};
}

// One year's row of a statistics group.
inline const nlohmann::json& statsYear(const nlohmann::json& group, int wanted) {
    for (const auto& row : group.at("years"))
        if (row.at("year") == wanted)
            return row;
    FAIL("no year " << wanted);
    static const nlohmann::json none;
    return none;
}

} // namespace taxo::test
