// The counts after each clause of a set's rule are stored when the selection builds
// the set (schema version 2), printed by the methods text, and absent, not made up,
// for sets of a version-1 file.

#include "core/results/methods_text.h"
#include "core/results/taxonomy_results.h"
#include "core/select/selection.h"
#include "core/store/schema.h"
#include "core/store/statements.h"
#include "corpus_fixture.h"
#include "tests/support/test_support.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

using namespace taxo;
using taxo::test::addPost;

namespace {

// "Serving": clause 0 takes posts tagged tensorflow-serving (2, 3), clause 1 posts
// mentioning "serve" (1, 3), so 2, then 3 posts. "Lite": one clause, post 4.
constexpr const char* kRules = R"({"sets": [
  {"name": "Serving", "root": "Server/Cloud", "clauses": [
     {"tags_any": ["tensorflow-serving"]},
     {"keywords_any": ["serve"]}]},
  {"name": "Lite", "root": "Mobile", "clauses": [{"tags_any": ["tensorflow-lite"]}]}]})";

void addPosts(Project& project) {
    auto add = [&project](const char* title, const char* tag) {
        taxo::test::TestPost post;
        post.title = title;
        post.tags = {tag};
        addPost(project, post);
    };
    add("How to serve a model", "keras");
    add("Batching", "tensorflow-serving");
    add("Serve raw bytes", "tensorflow-serving");
    add("Quantize", "tensorflow-lite");
    add("Unrelated", "python");
}

std::string countsOf(sql::Database& db) {
    auto stmt = db.prepare("SELECT s.name, c.position, c.matched, c.cumulative FROM "
                           "set_clause_counts c JOIN sets s ON s.id = c.set_id ORDER BY s.name, "
                           "c.position");
    REQUIRE(stmt.ok());
    std::string out;
    REQUIRE(stmt->forEachRow([&](sql::Statement& row) {
                    out += row.columnText(0) + " " + std::to_string(row.columnInt(1)) + ": " +
                           std::to_string(row.columnInt(2)) + "/" +
                           std::to_string(row.columnInt(3)) + "\n";
                })
                .ok());
    return out;
}

std::string methodsOf(sql::Database& db) {
    auto computed = results::computeResults(db);
    REQUIRE(computed.ok());
    auto facts = results::collectMethodsFacts(db, *computed);
    REQUIRE(facts.ok());
    return results::methodsMarkdown(*facts);
}

void rawExec(const std::string& path, const std::string& text) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, text.c_str(), nullptr, nullptr, &error);
    INFO((error ? error : ""));
    sqlite3_free(error);
    sqlite3_close(db);
    REQUIRE(rc == SQLITE_OK);
}

} // namespace

TEST_CASE("the selection stores the count after every clause and replaces it on re-selection",
          "[select][methods]") {
    test::TempDir dir;
    auto project = Project::create(dir.file("p.taxo"), "t");
    REQUIRE(project.ok());
    addPosts(*project);
    auto rules = select::parseRules(kRules);
    REQUIRE(rules.ok());
    auto report = select::selectSets(*project, *rules);
    REQUIRE(report.ok());
    const std::string expected = "Lite 0: 1/1\nServing 0: 2/2\nServing 1: 2/3\n";
    CHECK(countsOf(project->db()) == expected);

    // The same rules again: the same rows, not a second copy of them.
    REQUIRE(select::selectSets(*project, *rules).ok());
    CHECK(countsOf(project->db()) == expected);

    // A set whose rule loses a clause keeps only the clauses it has.
    auto shorter = select::parseRules(R"({"sets": [{"name": "Serving", "root": "Server/Cloud",
        "clauses": [{"tags_any": ["tensorflow-serving"]}]}]})");
    REQUIRE(shorter.ok());
    REQUIRE(select::selectSets(*project, *shorter).ok());
    CHECK(countsOf(project->db()) == "Serving 0: 2/2\n");
}

TEST_CASE("the methods text gives the sets and the counts per clause", "[select][methods]") {
    test::TempDir dir;
    auto project = Project::create(dir.file("p.taxo"), "t");
    REQUIRE(project.ok());
    addPosts(*project);
    auto rules = select::parseRules(kRules);
    REQUIRE(rules.ok());
    REQUIRE(select::selectSets(*project, *rules).ok());

    const auto text = methodsOf(project->db());
    CHECK_THAT(text, Catch::Contains("We selected 2 sets of posts: Serving (3 posts: tagged "
                                     "\"tensorflow-serving\" (2 posts) or mentioning \"serve\" "
                                     "(2 posts; 3 with the clauses before)) and Lite (1 posts: "
                                     "tagged \"tensorflow-lite\" (1 posts))."));

    auto computed = results::computeResults(project->db());
    REQUIRE(computed.ok());
    auto facts = results::collectMethodsFacts(project->db(), *computed);
    REQUIRE(facts.ok());
    const auto latex = results::methodsLatex(*facts);
    CHECK_THAT(latex, Catch::Contains("(2 posts; 3 with the clauses before)"));

    // Counts that no longer fit the stored rule (edited by hand) are left out, not
    // attached to the wrong clauses.
    REQUIRE(project->db()
                .exec("DELETE FROM set_clause_counts WHERE position = 1 AND set_id = (SELECT id "
                      "FROM sets WHERE name = 'Serving')")
                .ok());
    const auto partial = methodsOf(project->db());
    CHECK_THAT(partial, Catch::Contains("Serving (3 posts: tagged \"tensorflow-serving\" or "
                                        "mentioning \"serve\")"));
    CHECK_THAT(partial, Catch::Contains("tagged \"tensorflow-lite\" (1 posts)"));
}

TEST_CASE("a version-1 file is migrated to version 2 and its sets keep working",
          "[project][migration][methods]") {
    test::TempDir dir;
    const auto path = dir.file("v1.taxo");
    {
        auto project = Project::create(path, "old study");
        REQUIRE(project.ok());
        addPosts(*project);
        auto rules = select::parseRules(kRules);
        REQUIRE(rules.ok());
        REQUIRE(select::selectSets(*project, *rules).ok());
    }
    // Version 1 is the current version without the clause counts (version 2),
    // screening's tables and column (version 3), the samples' left_out (version 4) and
    // the packages' proofs of origin (version 5) and the census (version 6).
    rawExec(path, "PRAGMA journal_mode = DELETE; DROP TABLE census_tags; DROP TABLE census_years; "
                  "DROP TABLE census_sources; ALTER TABLE samples DROP COLUMN left_out; "
                  "DROP TABLE package_imports; DROP TABLE package_issues; "
                  "DROP TABLE set_exclusions; "
                  "DROP TABLE screening_decisions; DROP TABLE screening_marks; "
                  "ALTER TABLE rounds DROP COLUMN set_id; DROP TABLE set_clause_counts; "
                  "PRAGMA user_version = 1;");

    // Read-only, an old file is not upgraded behind the user's back.
    auto readOnly = Project::open(path, Project::Access::ReadOnly);
    REQUIRE_FALSE(readOnly.ok());
    CHECK_THAT(readOnly.message(), Catch::Contains("schema version 1"));

    auto project = Project::open(path);
    INFO((project.ok() ? "" : project.message()));
    REQUIRE(project.ok());
    auto info = project->info();
    REQUIRE(info.ok());
    CHECK(info->schemaVersion == schema::kCurrentVersion);
    CHECK(schema::kCurrentVersion == 7);
    CHECK(project->migrationBackup() == path + ".schema-v1.bak");
    auto& db = project->db();
    CHECK(*db.queryInt("SELECT count(*) FROM set_clause_counts") == 0);
    CHECK(*db.queryInt("SELECT count(*) FROM set_members") == 4);

    // The sets of version 1 have no counts: the methods text gives their clauses only.
    const auto before = methodsOf(db);
    CHECK_THAT(before, Catch::Contains("Serving (3 posts: tagged \"tensorflow-serving\" or "
                                       "mentioning \"serve\")"));
    // Selecting again with the same rules (members unchanged) records them.
    auto rules = select::parseRules(kRules);
    REQUIRE(rules.ok());
    REQUIRE(select::selectSets(*project, *rules).ok());
    CHECK_THAT(methodsOf(db), Catch::Contains("(2 posts; 3 with the clauses before)"));

    // The backup is the version-1 file as it was.
    auto backup = sql::Database::open(project->migrationBackup(), sql::Database::Mode::ReadOnly);
    REQUIRE(backup.ok());
    CHECK(*backup->queryInt("PRAGMA user_version") == 1);
    CHECK(*backup->queryInt(
              "SELECT count(*) FROM sqlite_master WHERE name = 'set_clause_counts'") == 0);
}
