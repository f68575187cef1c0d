// Quotes travel with labels in packages: a coder's package carries that coder's quotes
// only, the merge takes new, changed and removed quotes as label changes and refuses a
// forged one, an arbitrator's package brings kept quotes back with the decisions, and a
// package exported before quotes existed (schema 6) still merges.

#include "core/arbitration/arbitration.h"
#include "core/arbitration/decision_quotes.h"
#include "core/labels/quotes.h"
#include "core/packages/packages.h"
#include "core/store/schema.h"
#include "exchange_fixture.h"

#include <cstdlib>
#include <filesystem>

using namespace taxo;
using namespace taxo::test;

namespace {

// The full study's labels on post 4 (reliability round): Ann's (id 3, Input and Model
// quantization) and Bo's (id 4, Input); on post 5 Bo's (id 6, Input). Titles are
// "post 4", "post 5"; bodies "body of 4", "body of 5".
constexpr std::int64_t kBoLabel = 4;
constexpr std::int64_t kBoLabelOn5 = 6;

labels::Quote quoteOf(codebook::CategoryId category, corpus::PostPart part, std::int64_t start,
                      std::int64_t end, std::string text) {
    return {category, part, "", start, end, std::move(text)};
}

void writeOrFail(sql::Database& db, const labels::QuoteTable& table, std::int64_t owner,
                 const std::vector<labels::KeptQuote>& quotes) {
    auto written = labels::writeQuotes(db, table, owner, quotes);
    INFO((written.ok() ? std::string("ok") : written.message()));
    REQUIRE(written.ok());
}

// The team study with seedQuotes' quotes.
void seedQuotedTeam(Study& study) {
    seedFullStudy(study);
    sqlOrFail(study.db(), "UPDATE people SET name = 'Bo' WHERE id = 2;"
                          "UPDATE labels SET updated = '2020-01-01T00:00:00.000Z';"
                          "UPDATE decisions SET decided = '2020-01-01T00:00:00.000Z';");
    seedQuotes(study);
}

// Every label quote as "post|coder|position|category|part|start|end|text", sorted.
std::vector<std::string> quoteRows(sql::Database& db, const char* table = "label_quotes") {
    const std::string owner = std::string(table) == "label_quotes"
                                  ? "JOIN labels o ON o.id = q.label_id LEFT JOIN people p ON "
                                    "p.id = o.coder_id"
                                  : "JOIN decisions o ON o.id = q.decision_id LEFT JOIN people p "
                                    "ON p.id = q.quoted_by";
    auto stmt = db.prepare("SELECT o.post_id || '|' || ifnull(p.name, '-') || '|' || q.position || "
                           "'|' || c.name || '|' || q.part || q.part_source_id || '|' || "
                           "q.start_offset || '|' || q.end_offset || '|' || q.quoted_text FROM " +
                           std::string(table) + " q " + owner +
                           " JOIN categories c ON c.id = q.category_id");
    REQUIRE(stmt.ok());
    std::vector<std::string> rows;
    while (*stmt->step())
        rows.push_back(stmt->columnText(0));
    std::sort(rows.begin(), rows.end());
    return rows;
}

Project openOrFail(const std::string& path) {
    auto project = Project::open(path);
    INFO(path << ": " << (project.ok() ? std::string("ok") : project.message()));
    REQUIRE(project.ok());
    return std::move(*project);
}

packages::MergeReport mergeOrFail(Project& project, const std::string& file) {
    auto merged = packages::importPackage(project, file);
    INFO((merged.ok() ? std::string("ok") : merged.message()));
    REQUIRE(merged.ok());
    return *merged;
}

} // namespace

TEST_CASE("Package quotes: a coder's package carries that coder's quotes and no one else's",
          "[packages][quotes]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedQuotedTeam(study);
    const auto ann = exportOrFail(study.project, "Ann", dir.file("ann.taxo"));
    // Opened with SQLite, below the app: the file holds Ann's quote and nothing of Bo's.
    auto db = sql::Database::open(ann, sql::Database::Mode::ReadOnly);
    REQUIRE(db.ok());
    CHECK(quoteRows(*db) == std::vector<std::string>{"4|Ann|0|Input|body|0|4|body"});
    CHECK(*db->queryInt("SELECT count(*) FROM label_quotes") == 1);
    CHECK(*db->queryInt("SELECT count(*) FROM label_quotes WHERE label_id <> 3") == 0);
    CHECK(*db->queryInt("SELECT count(*) FROM decision_quotes") == 0);

    const auto bo = exportOrFail(study.project, "Bo", dir.file("bo.taxo"));
    auto boDb = sql::Database::open(bo, sql::Database::Mode::ReadOnly);
    REQUIRE(boDb.ok());
    CHECK(quoteRows(*boDb) ==
          std::vector<std::string>{"4|Bo|0|Input|title|0|6|post 4", "5|Bo|0|Input|title|0|4|post"});
}

TEST_CASE("Package quotes: new, changed and removed quotes merge as label changes, once",
          "[packages][quotes]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedQuotedTeam(study);
    const auto bo = exportOrFail(study.project, "Bo", dir.file("bo.taxo"));
    const auto input = study.id("Input");
    {
        auto package = openOrFail(bo);
        // Post 4: the title quote is replaced by two body quotes; post 5: its quote removed.
        writeOrFail(package.db(), labels::kLabelQuotes, kBoLabel,
                    {{quoteOf(input, corpus::PostPart::Body, 5, 9, "of 4"), std::nullopt},
                     {quoteOf(input, corpus::PostPart::Body, 0, 4, "body"), std::nullopt}});
        writeOrFail(package.db(), labels::kLabelQuotes, kBoLabelOn5, {});
        sqlOrFail(package.db(), "UPDATE labels SET updated = '2021-01-01T00:00:00.000Z'");
    }
    const auto report = mergeOrFail(study.project, bo);
    CHECK(report.labelsUpdated == 2); // a quote change alone is a label change
    CHECK(report.labelsAdded == 0);
    CHECK(quoteRows(study.db()) == std::vector<std::string>{"4|Ann|0|Input|body|0|4|body",
                                                            "4|Bo|0|Input|body|5|9|of 4",
                                                            "4|Bo|1|Input|body|0|4|body"});
    // The merge report names them as it names every label change.
    const auto lines = packages::describe(report);
    REQUIRE_FALSE(lines.empty());
    CHECK(lines.front().find("labels 0 added, 2 updated, 0 unchanged") != std::string::npos);

    const auto before = dumpAll(study.db());
    const auto again = mergeOrFail(study.project, bo);
    CHECK(again.labelsUnchanged == 2);
    CHECK(again.labelsUpdated == 0);
    CHECK(dumpAll(study.db()) == before);
}

TEST_CASE("Package quotes: a forged quote is refused naming the file and the label",
          "[packages][quotes][hostile]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedQuotedTeam(study);
    const auto later = "UPDATE labels SET updated = '2021-01-01T00:00:00.000Z';";
    SECTION("a category not in the label") {
        const auto ann = exportOrFail(study.project, "Ann", dir.file("ann.taxo"));
        tamperPackage(ann, std::string(later) + "UPDATE label_quotes SET category_id = " +
                               std::to_string(study.id("Format")));
        requirePackageRefused(study.project, ann, {ann, "the label of Ann on", "Format"});
    }
    SECTION("a part the post does not have") {
        const auto ann = exportOrFail(study.project, "Ann", dir.file("ann.taxo"));
        tamperPackage(ann, std::string(later) +
                               "UPDATE label_quotes SET part = 'answer', part_source_id = '9999'");
        requirePackageRefused(study.project, ann,
                              {ann, "the label of Ann on", "answer 9999", "does not have"});
    }
    SECTION("a malformed quote: its text is not as long as its offsets say") {
        const auto ann = exportOrFail(study.project, "Ann", dir.file("ann.taxo"));
        tamperPackage(ann, std::string(later) + "UPDATE label_quotes SET end_offset = 40");
        requirePackageRefused(study.project, ann, {ann, "the label of Ann on", "body 0"});
    }
    SECTION("an unknown part name") {
        const auto ann = exportOrFail(study.project, "Ann", dir.file("ann.taxo"));
        // The table's CHECK stands in the way of the app, not of a hand with the shell.
        tamperPackage(ann, std::string(later) + "PRAGMA ignore_check_constraints = ON;"
                                                "UPDATE label_quotes SET part = 'footer'");
        requirePackageRefused(study.project, ann, {ann, "footer", "no part of a post"});
    }
    SECTION("a quote of a label that is not in the package") {
        const auto ann = exportOrFail(study.project, "Ann", dir.file("ann.taxo"));
        tamperPackage(ann, "PRAGMA foreign_keys = OFF; INSERT INTO label_quotes(label_id, "
                           "position, category_id, part, start_offset, end_offset, quoted_text) "
                           "VALUES (4, 0, 1, 'title', 0, 4, 'post')");
        requirePackageRefused(study.project, ann, {ann, "quotes of no label"});
    }
    SECTION("quotes of another coder's label") {
        const auto ann = exportOrFail(study.project, "Ann", dir.file("ann.taxo"));
        tamperPackage(ann, "INSERT INTO people(id, name, created) VALUES (2, 'Bo', 't');"
                           "INSERT INTO labels(id, round_id, post_id, coder_id, updated) "
                           "VALUES (4, 2, 4, 2, '2021-01-01T00:00:00.000Z');"
                           "INSERT INTO label_categories VALUES (4, " +
                               std::to_string(study.id("Input")) +
                               ");"
                               "INSERT INTO label_quotes(label_id, position, category_id, part, "
                               "start_offset, end_offset, quoted_text) VALUES (4, 0, " +
                               std::to_string(study.id("Input")) + ", 'title', 0, 4, 'post')");
        requirePackageRefused(study.project, ann, {ann, "a label of Bo, not of Ann"});
    }
    SECTION("a kept quote in a coder's package") {
        const auto ann = exportOrFail(study.project, "Ann", dir.file("ann.taxo"));
        tamperPackage(ann, "PRAGMA foreign_keys = OFF;"
                           "INSERT INTO decision_quotes(decision_id, position, category_id, part, "
                           "start_offset, end_offset, quoted_text, quoted_by) VALUES (1, 0, 1, "
                           "'title', 0, 4, 'post', 1)");
        requirePackageRefused(study.project, ann, {ann, "quotes of no label or decision"});
    }
}

TEST_CASE("Package quotes: an arbitrator sees the coders' quotes and brings kept ones back",
          "[packages][quotes]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedQuotedTeam(study);
    const auto cy = exportOrFail(study.project, "Cy", dir.file("cy.taxo"));
    const auto input = study.id("Input");
    {
        auto package = openOrFail(cy);
        auto& db = package.db();
        // Post 5 waits for a decision: Bo's quote is there for Cy to see.
        CHECK(quoteRows(db) == std::vector<std::string>{"5|Bo|0|Input|title|0|4|post"});
        auto offered = arbitration::quotesOffered(db, 5);
        REQUIRE(offered.ok());
        REQUIRE(offered->size() == 1);
        auto decided =
            arbitration::decide(db, 5, 3, {{input}, std::nullopt, "Bo's quote", *offered});
        INFO((decided.ok() ? std::string("ok") : decided.message()));
        REQUIRE(decided.ok());
    }
    SECTION("kept quotes merge with the decision, naming the coder") {
        const auto report = mergeOrFail(study.project, cy);
        CHECK(report.decisionsAdded == 1);
        // Post 4's decision kept Bo's quote before (seedQuotes); post 5's is new.
        CHECK(quoteRows(study.db(), "decision_quotes") ==
              std::vector<std::string>{"4|Bo|0|Input|title|0|6|post 4",
                                       "5|Bo|0|Input|title|0|4|post"});
        const auto before = dumpAll(study.db());
        CHECK(mergeOrFail(study.project, cy).decisionsUnchanged == 1);
        CHECK(dumpAll(study.db()) == before);
    }
    SECTION("a kept quote no coder made is refused") {
        tamperPackage(cy, "UPDATE decision_quotes SET start_offset = 1, quoted_text = 'ost'");
        requirePackageRefused(study.project, cy, {cy, "the decision on"});
    }
    SECTION("a kept quote of a person the project lacks is refused") {
        tamperPackage(cy, "UPDATE people SET name = 'Nobody' WHERE id = 2");
        requirePackageRefused(study.project, cy, {cy, "quoted by Nobody"});
    }
}

namespace {

// A package as Taxonomist wrote it at schema 6 (before quotes): the current package's
// rows copied table by table into a file built by the migrations up to version 6.
void writeAtSchema6(const std::string& current, const std::string& out) {
    {
        auto db = sql::Database::open(out, sql::Database::Mode::Create);
        REQUIRE(db.ok());
        REQUIRE(schema::createVersionZero(*db).ok());
        REQUIRE(schema::migrate(*db, 0, 6).ok());
        REQUIRE(sql::runBound(*db, "ATTACH DATABASE ? AS pkg", current).ok());
        auto tables = db->prepare("SELECT name FROM main.sqlite_schema WHERE type = 'table' AND "
                                  "name NOT LIKE 'posts_fts%' AND name NOT LIKE 'sqlite_%'");
        REQUIRE(tables.ok());
        std::vector<std::string> names;
        while (*tables->step())
            names.push_back(tables->columnText(0));
        sqlOrFail(*db, "PRAGMA foreign_keys = OFF; DELETE FROM main.meta;");
        for (const auto& table : names) {
            auto columns = db->prepare("SELECT group_concat(name, ', ') FROM pragma_table_info('" +
                                       table + "', 'main')");
            REQUIRE(columns.ok());
            REQUIRE(*columns->step());
            const auto list = columns->columnText(0);
            sqlOrFail(*db, "INSERT INTO main." + table + "(" + list + ") SELECT " + list +
                               " FROM pkg." + table);
        }
        sqlOrFail(*db, "INSERT INTO main.posts_fts(rowid, title, body_text, tags) "
                       "SELECT rowid, title, body_text, tags FROM pkg.posts_fts;");
        REQUIRE(db->exec("DETACH DATABASE pkg").ok());
    }
    auto check = sql::Database::open(out, sql::Database::Mode::ReadOnly);
    REQUIRE(check.ok());
    REQUIRE(*check->queryInt("PRAGMA user_version") == 6);
    REQUIRE(schema::checkSchemaIsOurs(*check, 6).ok());
}

} // namespace

TEST_CASE("Package quotes: a package of schema 6 still merges, the coder's file untouched",
          "[packages][quotes]") {
    TempDir dir;
    TempDir temporary;
    Study study{makeProject(dir), {}};
    seedQuotedTeam(study);
    const auto current = exportOrFail(study.project, "Ann", dir.file("ann7.taxo"));
    tamperPackage(current, "DELETE FROM label_quotes;"
                           "UPDATE labels SET note = 'before the upgrade', updated = "
                           "'2021-01-01T00:00:00.000Z'");
    const auto old = dir.file("ann6.taxo");
    writeAtSchema6(current, old);
    const auto bytes = readFile(old);

    // The copy the merge reads goes to the temporary folder and away again.
    const char* previous = std::getenv("TMPDIR");
    const std::string saved = previous ? previous : "";
    ::setenv("TMPDIR", temporary.path().c_str(), 1);
    SECTION("its work merges; the label's quotes in the project are the package's: none") {
        const auto report = mergeOrFail(study.project, old);
        CHECK(report.labelsUpdated == 2); // Ann's labels on posts 4 and 5
        CHECK(*study.db().queryText("SELECT note FROM labels WHERE post_id = 4 AND coder_id = 1") ==
              "before the upgrade");
        CHECK(quoteRows(study.db()) == std::vector<std::string>{"4|Bo|0|Input|title|0|6|post 4",
                                                                "5|Bo|0|Input|title|0|4|post"});
        CHECK(readFile(old) == bytes);
    }
    SECTION("its proof of origin is checked as before") {
        tamperPackage(old, "UPDATE meta SET value = '" + std::string(64, 'a') +
                               "' WHERE key = 'package_secret'");
        requirePackageRefused(study.project, old, {old, "never exported that package"});
    }
    SECTION("its schema is compared with schema 6's") {
        tamperPackage(old, "CREATE TRIGGER t AFTER INSERT ON labels BEGIN SELECT 1; END");
        requirePackageRefused(study.project, old, {old, "refused before anything was read"});
    }
    if (previous)
        ::setenv("TMPDIR", saved.c_str(), 1);
    else
        ::unsetenv("TMPDIR");
    CHECK(std::filesystem::is_empty(temporary.path()));
}
