// Packages made to hurt the merge: a planted view or trigger, a forged person, labels
// and decisions that break the rules the app enforces everywhere else. Each is refused
// with a message a lead can act on, and the project stays exactly as it was.

#include "core/exchange/exchange.h"
#include "core/packages/packages.h"
#include "exchange_fixture.h"

#include <filesystem>

using namespace taxo;
using namespace taxo::test;

namespace {

// The full study, with times that packages can be newer than.
void seedTeam(Study& study) {
    seedFullStudy(study);
    sqlOrFail(study.db(), "UPDATE people SET name = 'Bo' WHERE id = 2;"
                          "UPDATE labels SET updated = '2020-01-01T00:00:00.000Z';"
                          "UPDATE decisions SET decided = '2020-01-01T00:00:00.000Z';");
}

} // namespace

TEST_CASE("Package hostile: a view over an endless query is refused before it runs",
          "[packages][hostile]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedTeam(study);
    const auto ann = exportOrFail(study.project, "Ann", dir.file("ann.taxo"));
    // The labels table is moved aside and a view of the same name never ends: reading
    // it would fill the disk with SQLite's sorter.
    tamperPackage(ann,
                  "ALTER TABLE labels RENAME TO labels_aside;"
                  "CREATE VIEW labels AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                  "FROM n) SELECT i AS id, 2 AS round_id, 4 AS post_id, 1 AS coder_id, NULL AS "
                  "special, '' AS suggestion, '' AS note, '' AS code, '2021' AS updated FROM n "
                  "ORDER BY random();");
    requirePackageRefused(study.project, ann,
                          {"ann.taxo", "refused before anything was read",
                           "labels is a view, where Taxonomist writes a table"});
}

TEST_CASE("Package hostile: any object Taxonomist does not write is refused, named",
          "[packages][hostile]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedTeam(study);
    const auto fresh = exportOrFail(study.project, "Ann", dir.file("ann.taxo"));
    auto variant = [&](const std::string& name, const std::string& sql) {
        const auto path = dir.file(name);
        std::filesystem::copy_file(fresh, path);
        tamperPackage(path, sql);
        return path;
    };
    SECTION("a trigger") {
        requirePackageRefused(study.project,
                              variant("trigger.taxo",
                                      "CREATE TRIGGER t AFTER INSERT ON people BEGIN "
                                      "SELECT 1; END;"),
                              {"trigger t", "does not write"});
    }
    SECTION("an index") {
        requirePackageRefused(study.project,
                              variant("index.taxo", "CREATE INDEX extra ON labels(note)"),
                              {"index extra", "does not write"});
    }
    SECTION("a table") {
        requirePackageRefused(study.project, variant("table.taxo", "CREATE TABLE extra(x)"),
                              {"table extra", "does not write"});
    }
    SECTION("a missing table") {
        requirePackageRefused(study.project,
                              variant("missing.taxo", "DROP TABLE category_examples"),
                              {"table category_examples is missing"});
    }
    SECTION("an altered table") {
        requirePackageRefused(study.project,
                              variant("altered.taxo", "ALTER TABLE labels ADD COLUMN extra TEXT"),
                              {"table labels differs"});
    }
}

TEST_CASE("Package hostile: projects and packages open defensive, schema untrusted",
          "[packages][hostile]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    CHECK_FALSE(study.db()
                    .exec("PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = "
                          "'x' WHERE name = 'meta'")
                    .ok());
    CHECK(*study.db().queryInt("PRAGMA trusted_schema") == 0);
}

TEST_CASE("Package hostile: Ann's package renamed to Bo is refused, Bo's labels unchanged",
          "[packages][hostile]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedTeam(study);
    const auto ann = exportOrFail(study.project, "Ann", dir.file("ann.taxo"));
    const auto bo = exportOrFail(study.project, "Bo", dir.file("bo.taxo"));
    // The forgery as it was done with the sqlite3 shell: Ann's file claims to be Bo's,
    // with every label dated in the far future so that "newer wins" everywhere.
    tamperPackage(ann, "UPDATE people SET name = 'Bo' WHERE id = 1;"
                       "UPDATE meta SET value = 'Bo' WHERE key = 'package_person';"
                       "UPDATE labels SET updated = '9999-12-31';");
    requirePackageRefused(study.project, ann, {"ann.taxo", "Bo", "never exported that package"});
    // Bo's own package still merges.
    REQUIRE(packages::importPackage(study.project, bo).ok());
}

TEST_CASE("Package hostile: the secret stays in its own package and the lead's project",
          "[packages][hostile]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedTeam(study);
    const auto ann = exportOrFail(study.project, "Ann", dir.file("ann.taxo"));
    const auto bo = exportOrFail(study.project, "Bo", dir.file("bo.taxo"));
    auto secrets = study.db().prepare(
        "SELECT p.name, i.secret FROM package_issues i JOIN people p ON p.id = i.person_id");
    REQUIRE(secrets.ok());
    std::map<std::string, std::string> byPerson;
    while (*secrets->step())
        byPerson[secrets->columnText(0)] = secrets->columnText(1);
    REQUIRE(byPerson.size() == 2);
    CHECK(byPerson["Ann"].size() == 64);
    CHECK(byPerson["Ann"] != byPerson["Bo"]);
    const auto annBytes = readFile(ann);
    const auto boBytes = readFile(bo);
    CHECK(annBytes.find(byPerson["Ann"]) != std::string::npos);
    CHECK(annBytes.find(byPerson["Bo"]) == std::string::npos);
    CHECK(boBytes.find(byPerson["Ann"]) == std::string::npos);
    // The exchange document, made for sharing, carries none.
    const auto exchange = dir.file("study.json");
    REQUIRE(exchange::exportFile(study.project, exchange).ok());
    const auto document = readFile(exchange);
    CHECK(document.find(byPerson["Ann"]) == std::string::npos);
    CHECK(document.find(byPerson["Bo"]) == std::string::npos);
}

TEST_CASE("Package hostile: a label dated in the future is refused", "[packages][hostile]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedTeam(study);
    const auto ann = exportOrFail(study.project, "Ann", dir.file("ann.taxo"));
    tamperPackage(ann, "UPDATE labels SET note = 'mine', updated = '9999-12-31' WHERE post_id = 4");
    requirePackageRefused(study.project, ann,
                          {"\u201cpost 4\u201d (stackoverflow:1004)", "dated 9999-12-31",
                           "ahead of this computer's clock"});
}

TEST_CASE("Package hostile: a package without a proof of origin is refused, asking for a new one",
          "[packages][hostile]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedTeam(study);
    const auto ann = exportOrFail(study.project, "Ann", dir.file("ann.taxo"));
    SECTION("the secret removed") {
        tamperPackage(ann, "DELETE FROM meta WHERE key = 'package_secret'");
        requirePackageRefused(study.project, ann,
                              {"no proof of the export", "export a new package for Ann"});
    }
    SECTION("a package of the previous schema version") {
        tamperPackage(ann,
                      "DELETE FROM meta WHERE key = 'package_secret'; DROP TABLE package_imports;"
                      "DROP TABLE package_issues; PRAGMA user_version = 4;");
        requirePackageRefused(study.project, ann, {"older Taxonomist", "export a new package"});
    }
}

TEST_CASE("Package hostile: an arbitrator's package cannot replace another's decision",
          "[packages][hostile]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedTeam(study);
    const auto cy = exportOrFail(study.project, "Cy", dir.file("cy.taxo"));
    tamperPackage(cy,
                  "INSERT INTO decisions(id, post_id, arbitrator_id, special, rationale, decided) "
                  "VALUES (1, 5, 3, 'unclear', 'cannot tell', '2021-01-01T00:00:00.000Z');");
    // Meanwhile Dee, a second arbitrator of Mobile, decided post 5 in the project.
    sqlOrFail(study.db(),
              "INSERT INTO people(id, name, created) VALUES (4, 'Dee', 't');"
              "INSERT INTO person_roles(person_id, role, root_name) VALUES (4, 'arbitrator', "
              "'Mobile');"
              "INSERT INTO decisions(post_id, arbitrator_id, special, rationale, decided) VALUES "
              "(5, 4, 'false_positive', 'off topic', '2020-06-01T00:00:00.000Z');");
    requirePackageRefused(study.project, cy,
                          {"\u201cpost 5\u201d (stackoverflow:1005)", "decided by Dee"});
}

TEST_CASE("Package hostile: a coder's label breaking the labeling rules is refused, named",
          "[packages][hostile]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedTeam(study);
    const auto ann = exportOrFail(study.project, "Ann", dir.file("ann.taxo"));
    // Ann's Pending label on post 5 (set Mobile) becomes a label with one category.
    auto labelWith = [&](const std::string& category) {
        tamperPackage(ann, "UPDATE labels SET special = NULL, updated = '2021-01-01T00:00:00.000Z' "
                           "WHERE post_id = 5 AND coder_id = 1;"
                           "INSERT INTO label_categories SELECT id, " +
                               std::to_string(study.id(category)) +
                               " FROM labels WHERE post_id = 5 AND coder_id = 1;");
    };
    const std::string post = "\u201cpost 5\u201d (stackoverflow:1005)";
    SECTION("a root") {
        labelWith("Mobile");
        requirePackageRefused(study.project, ann, {post, "\"Mobile\" is a root"});
    }
    SECTION("an inner category") {
        labelWith("Data");
        requirePackageRefused(study.project, ann, {post, "\"Mobile/Data\" has subcategories"});
    }
    SECTION("a leaf of another root") {
        labelWith("Procedure");
        requirePackageRefused(study.project, ann,
                              {post, "\"Server/Cloud/Model Export/Procedure\" is under the root"});
    }
}

TEST_CASE("Package hostile: a decision breaking the arbitration rules is refused, named",
          "[packages][hostile]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedTeam(study);
    const auto cy = exportOrFail(study.project, "Cy", dir.file("cy.taxo"));
    const std::string time = "'2021-01-01T00:00:00.000Z'";
    SECTION("Pending as a decision") {
        tamperPackage(cy,
                      "INSERT INTO decisions(post_id, arbitrator_id, special, rationale, decided) "
                      "VALUES (5, 3, 'pending', 'later', " +
                          time + ");");
        requirePackageRefused(
            study.project, cy,
            {"\u201cpost 5\u201d (stackoverflow:1005)", "Pending is not a decision"});
    }
    SECTION("a decision on a post without a conflict") {
        tamperPackage(cy,
                      "INSERT INTO posts(id, source, source_id, title) VALUES (6, 'stackoverflow', "
                      "'1006', 'post 6');"
                      "INSERT INTO decisions(post_id, arbitrator_id, special, rationale, decided) "
                      "VALUES (6, 3, 'unclear', 'why not', " +
                          time + ");");
        requirePackageRefused(
            study.project, cy,
            {"\u201cpost 6\u201d (stackoverflow:1006)", "has no conflict to settle"});
    }
    SECTION("a leaf of another root") {
        tamperPackage(cy, "INSERT INTO decisions(id, post_id, arbitrator_id, rationale, decided) "
                          "VALUES (1, 5, 3, 'export', " +
                              time +
                              ");"
                              "INSERT INTO decision_categories VALUES (1, " +
                              std::to_string(study.id("Procedure")) + ");");
        requirePackageRefused(
            study.project, cy,
            {"\u201cpost 5\u201d (stackoverflow:1005)",
             "\"Server/Cloud/Model Export/Procedure\" is not a leaf of the root Mobile"});
    }
}

TEST_CASE("Package hostile: an unknown category is named by its path, never by its uid",
          "[packages][hostile]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedTeam(study);
    const auto ann = exportOrFail(study.project, "Ann", dir.file("ann.taxo"));
    tamperPackage(ann, "INSERT INTO categories(id, uid, parent_id, name, created) VALUES "
                       "(100, '0b7e7a52-5b0e-4c39-9d7e-4a1de0c1ab01', " +
                           std::to_string(study.id("Data")) +
                           ", 'Timeout', 't');"
                           "INSERT INTO labels(id, round_id, post_id, coder_id, updated) VALUES "
                           "(100, 2, 6, 1, '2022');"
                           "INSERT INTO label_categories VALUES (100, 100);");
    const auto before = dumpAll(study.db());
    auto merged = packages::importPackage(study.project, ann);
    REQUIRE_FALSE(merged.ok());
    INFO(merged.message());
    CHECK(merged.message().find("Mobile/Data/Timeout") != std::string::npos);
    CHECK(merged.message().find("\u201cpost 6\u201d (stackoverflow:1006)") != std::string::npos);
    CHECK(merged.message().find("0b7e7a52") == std::string::npos);
    CHECK(dumpAll(study.db()) == before);
}
