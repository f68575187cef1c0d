// The demo project: every phase has data, the same seed gives the same study, and the
// simulated coders agree about as well as real ones do.

#include "core/agreement/cohen_kappa.h"
#include "core/codebook/codebook.h"
#include "core/demo/demo_project.h"
#include "core/labels/labels.h"
#include "core/results/taxonomy_export.h"
#include "core/results/taxonomy_results.h"
#include "core/status/study_status.h"
#include "core/store/statements.h"
#include "tests/support/study_builder.h"
#include "tests/support/test_support.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

namespace {

taxo::Project makeDemo(const std::string& path, std::uint64_t seed) {
    auto summary = taxo::demo::createDemoProject(path, seed);
    INFO((summary.ok() ? std::string("ok") : summary.message()));
    REQUIRE(summary.ok());
    auto project = taxo::Project::open(path);
    REQUIRE(project.ok());
    return std::move(*project);
}

// Every row of a query, columns joined; NULL is shown apart from the empty string.
std::string rows(taxo::sql::Database& db, const std::string& query) {
    auto stmt = db.prepare(query);
    INFO(query);
    REQUIRE(stmt.ok());
    std::string out;
    while (true) {
        auto row = stmt->step();
        REQUIRE(row.ok());
        if (!*row)
            break;
        for (int c = 0; c < stmt->columnCount(); ++c)
            out += (stmt->columnIsNull(c) ? std::string("<null>") : stmt->columnText(c)) + "|";
        out += "\n";
    }
    return out;
}

// The content of every table, without time stamps and generated uuids, which differ
// between runs by design.
std::string dumpContent(taxo::sql::Database& db) {
    const char* queries[] = {
        "SELECT id, source, source_id, title, body, created, owner_display_name, score, "
        "accepted_answer_created FROM posts ORDER BY id",
        "SELECT * FROM post_tags ORDER BY post_id, position",
        "SELECT id, post_id, source_id, body, created, score, accepted FROM answers ORDER BY id",
        "SELECT id, post_id, source_id, text, created FROM comments ORDER BY id",
        "SELECT id, name, root_name, rules FROM sets ORDER BY id",
        "SELECT * FROM set_members ORDER BY set_id, post_id",
        "SELECT id, set_id, seed, size, method, pilot_fraction, population FROM samples ORDER BY "
        "id",
        "SELECT * FROM sample_members ORDER BY sample_id, position",
        "SELECT id, name FROM people ORDER BY id",
        "SELECT person_id, role, root_name, root_category_id FROM person_roles ORDER BY 1, 2, 3",
        "SELECT id, parent_id, name, description, position, created_by, created_in FROM "
        "categories ORDER BY id",
        "SELECT id, name, kind, sample_id, state FROM rounds ORDER BY id",
        "SELECT * FROM round_coders ORDER BY 1, 2",
        "SELECT * FROM round_items ORDER BY 1, 3",
        "SELECT id, round_id, post_id, coder_id, special, suggestion, note, code FROM labels "
        "ORDER BY id",
        "SELECT * FROM label_categories ORDER BY 1, 2",
        "SELECT id, post_id, arbitrator_id, special, rationale FROM decisions ORDER BY id",
        "SELECT * FROM decision_categories ORDER BY 1, 2",
        "SELECT id, action FROM change_log ORDER BY id",
    };
    std::string out;
    for (const char* query : queries)
        out += std::string(query) + "\n" + rows(db, query);
    return out;
}

std::int64_t countOf(taxo::sql::Database& db, const std::string& query) {
    auto value = taxo::sql::queryIntBound(db, query);
    INFO(query);
    REQUIRE(value.ok());
    return *value;
}

} // namespace

TEST_CASE("the demo has data in every phase and a three-level codebook", "[demo]") {
    taxo::test::TempDir dir;
    auto project = makeDemo(dir.file("demo.taxo"), taxo::demo::kDefaultSeed);
    auto& db = project.db();
    for (const char* table : {"posts",
                              "post_tags",
                              "answers",
                              "comments",
                              "imports",
                              "sets",
                              "set_members",
                              "samples",
                              "sample_members",
                              "people",
                              "person_roles",
                              "categories",
                              "rounds",
                              "round_coders",
                              "round_items",
                              "labels",
                              "label_categories",
                              "decisions",
                              "decision_categories",
                              "change_log"}) {
        INFO(table);
        CHECK(countOf(db, std::string("SELECT count(*) FROM ") + table) > 0);
    }
    CHECK(countOf(db, "SELECT count(*) FROM posts") >= 300);
    CHECK(countOf(db, "SELECT count(*) FROM answers WHERE accepted = 1") > 0);
    CHECK(countOf(db, "SELECT count(*) FROM sets") == 3);
    CHECK(countOf(db, "SELECT count(*) FROM rounds") == 6);
    // Some posts match no rule: the selection really selects.
    CHECK(countOf(db, "SELECT count(*) FROM posts WHERE id NOT IN (SELECT post_id FROM "
                      "set_members)") > 0);
    CHECK(countOf(db, "SELECT count(*) FROM categories WHERE parent_id IS NULL") == 3);
    CHECK(countOf(db, "SELECT count(*) FROM categories WHERE created_in = 'pilot' AND "
                      "parent_id IN (SELECT id FROM categories WHERE parent_id IS NOT NULL)") > 0);
    auto issues = taxo::codebook::checkLevels(db);
    REQUIRE(issues.ok());
    CHECK(issues->empty());
    // The pilot's initial codes and every special value are there.
    CHECK(countOf(db, "SELECT count(*) FROM labels WHERE code <> '' AND coder_id IS NULL") > 0);
    for (const char* special : {"false_positive", "unclear", "pending"}) {
        INFO(special);
        CHECK(countOf(db, std::string("SELECT count(*) FROM labels WHERE special = '") + special +
                              "'") > 0);
    }
    CHECK(countOf(db, "SELECT count(*) FROM people") == 6);
    CHECK(countOf(db, "SELECT count(DISTINCT root_name) FROM person_roles WHERE role = "
                      "'arbitrator'") == 3);
    CHECK(countOf(db, "SELECT count(*) FROM decisions WHERE rationale = ''") == 0);
}

TEST_CASE("the demo's coders agree as real coders do, and conflicts remain", "[demo]") {
    taxo::test::TempDir dir;
    auto project = makeDemo(dir.file("demo.taxo"), taxo::demo::kDefaultSeed);
    auto& db = project.db();
    // Kappa straight from the labels, independent of the status code.
    auto items = taxo::sql::prepareBound(
        db, "SELECT ri.round_id, ri.post_id FROM round_items ri JOIN rounds r ON r.id = "
            "ri.round_id WHERE r.kind = 'reliability' ORDER BY 1, 2");
    REQUIRE(items.ok());
    auto ann = taxo::sql::queryIntBound(db, "SELECT id FROM people WHERE name = 'Ann'");
    auto bo = taxo::sql::queryIntBound(db, "SELECT id FROM people WHERE name = 'Bo'");
    REQUIRE(ann.ok());
    REQUIRE(bo.ok());
    std::vector<taxo::agreement::RatedItem> rated;
    std::int64_t conflicts = 0;
    while (true) {
        auto row = items->step();
        REQUIRE(row.ok());
        if (!*row)
            break;
        const auto round = items->columnInt(0), post = items->columnInt(1);
        auto a = taxo::labels::loadLabel(db, {round, post, *ann});
        auto b = taxo::labels::loadLabel(db, {round, post, *bo});
        REQUIRE(a.ok());
        REQUIRE(b.ok());
        taxo::agreement::RatedItem item;
        if (*a)
            item.a =
                taxo::agreement::LabelValue::nominal(taxo::labels::agreementValue((*a)->content));
        if (*b)
            item.b =
                taxo::agreement::LabelValue::nominal(taxo::labels::agreementValue((*b)->content));
        if (*a && *b &&
            (item.a != item.b || (*a)->content.special == taxo::labels::Special::Pending))
            ++conflicts;
        rated.push_back(item);
    }
    const auto kappa = taxo::agreement::cohensKappa(rated);
    REQUIRE(kappa.kappa.has_value());
    CHECK(*kappa.kappa >= 0.6);
    CHECK(*kappa.kappa <= 0.95);
    CHECK(kappa.percentAgreement >= 75);
    CHECK(kappa.percentAgreement <= 95);
    CHECK(kappa.itemsExcluded > 0); // Bo is not finished: the demo is mid-study

    // Issue 19: `taxo agreement demo.taxo --json`, without --round, is the study's kappa
    // over all three reliability rounds: the kappa of the pairs read above, and
    // scikit-learn 1.2.1's cohen_kappa_score on the 157 pairs a Python script read from
    // the default demo's labels (leaf ids joined, or the special value): 0.8106722942417848.
    const auto projectPath = dir.file("demo.taxo");
    auto json = taxo::test::runCli({"agreement", projectPath, "--json"});
    INFO(json.err);
    REQUIRE(json.code == 0);
    const auto study = nlohmann::json::parse(json.out);
    CHECK(study["scope"] == "study");
    CHECK(study["n"] == kappa.n);
    CHECK(study["kappa"].get<double>() == Approx(*kappa.kappa).epsilon(1e-12));
    CHECK(study["kappa"].get<double>() == Approx(0.8106722942417848).epsilon(1e-12));
    CHECK(study["rounds"].size() == 3);

    auto status = taxo::status::studyStatus(project);
    REQUIRE(status.ok());
    REQUIRE(status->agreement.kappa.has_value());
    CHECK(*status->agreement.kappa == Approx(*kappa.kappa).epsilon(1e-12));
    CHECK(status->conflicts >= conflicts); // Pending from Bo alone counts too
    CHECK(status->openConflicts > 0);
    CHECK(status->openConflicts < status->conflicts);
    CHECK(status->next.page == "Coding"); // Bo still has posts to label
}

TEST_CASE("the same seed gives the same demo, another seed another one", "[demo]") {
    taxo::test::TempDir dir;
    std::string first, second, other;
    {
        auto project = makeDemo(dir.file("one.taxo"), 42);
        first = dumpContent(project.db());
    }
    {
        auto project = makeDemo(dir.file("two.taxo"), 42);
        second = dumpContent(project.db());
    }
    {
        auto project = makeDemo(dir.file("three.taxo"), 43);
        other = dumpContent(project.db());
    }
    CHECK(first.size() > 100000);
    CHECK(first == second);
    CHECK(first != other);
}

TEST_CASE("taxo demo writes a new file only", "[demo][cli]") {
    taxo::test::TempDir dir;
    const auto path = dir.file("demo.taxo");
    auto made = taxo::test::runCli({"demo", path, "--seed", "5", "--json"});
    INFO(made.err);
    REQUIRE(made.code == 0);
    CHECK(made.out.find("\"decisions\"") != std::string::npos);
    const auto size = std::filesystem::file_size(path);

    auto again = taxo::test::runCli({"demo", path});
    CHECK(again.code == 1);
    CHECK(again.err.find("already exists") != std::string::npos);
    CHECK(std::filesystem::file_size(path) == size);

    auto badSeed = taxo::test::runCli({"demo", dir.file("x.taxo"), "--seed", "minus one"});
    CHECK(badSeed.code == 2);
    CHECK_FALSE(std::filesystem::exists(dir.file("x.taxo")));
    // No leftover of the generated posts file.
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
        CHECK(entry.path().filename().string().find("jsonl") == std::string::npos);
}

TEST_CASE("draws and distinct sampled posts: the home page, taxo demo and the results agree",
          "[demo][results]") {
    taxo::test::TempDir dir;
    const auto path = dir.file("demo.taxo");
    auto made = taxo::test::runCli({"demo", path, "--json"});
    INFO(made.err);
    REQUIRE(made.code == 0);
    const auto json = nlohmann::json::parse(made.out);
    auto project = taxo::Project::open(path);
    REQUIRE(project.ok());
    auto& db = project->db();
    const auto draws = countOf(db, "SELECT count(*) FROM sample_members");
    const auto distinct = countOf(db, "SELECT count(DISTINCT post_id) FROM (SELECT post_id FROM "
                                      "sample_members UNION ALL SELECT i.post_id FROM round_items "
                                      "i JOIN rounds r ON r.id = i.round_id WHERE r.kind IN "
                                      "('pilot', 'reliability'))");
    // The demo's sets overlap, so some posts are drawn for two sets.
    CHECK(draws > distinct);
    CHECK(json["sampled"] == draws);
    CHECK(json["sampled_posts"] == distinct);

    auto status = taxo::status::studyStatus(*project);
    REQUIRE(status.ok());
    CHECK(status->sampleDraws == draws);
    CHECK(status->sampledPosts == distinct);
    const auto sampling = std::find_if(status->phases.begin(), status->phases.end(),
                                       [](const auto& p) { return p.page == "Sampling"; });
    REQUIRE(sampling != status->phases.end());
    CHECK_THAT(sampling->summary, Catch::Contains(std::to_string(draws) + " draws, " +
                                                  std::to_string(distinct) + " distinct posts"));

    taxo::results::ResultsOptions options;
    options.allowUnresolved = true;
    auto computed = taxo::results::computeResults(db, options);
    REQUIRE(computed.ok());
    CHECK(computed->summary.sampled == distinct);
    CHECK(computed->summary.sampleDraws == draws);
    const auto exported = nlohmann::json::parse(taxo::results::toJson(*computed));
    CHECK(exported["summary"]["sampled"] == distinct);
    CHECK(exported["summary"]["sample_draws"] == draws);
}
