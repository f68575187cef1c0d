// taxo sample-size and taxo sample on real project files.

#include "core/project/project.h"
#include "core/sampling/sampling.h"
#include "core/store/statements.h"
#include "tests/support/study_builder.h"
#include "tests/support/test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

using taxo::test::makeStudy;
using taxo::test::numberedItems;
using taxo::test::runCli;
using taxo::test::snapshot;

namespace {

nlohmann::json parse(const std::string& text) {
    INFO(text);
    return nlohmann::json::parse(text);
}

std::vector<std::string> column(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
    std::vector<std::string> values;
    while (sqlite3_step(stmt) == SQLITE_ROW)
        values.push_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return values;
}

const std::vector<std::string> kItems = {
    "so:54734446", "so:9",        "so:100",      "so:11",       "so:2",
    "so:007",      "so:7",        "csv:b",       "csv:a10",     "csv:a9",
    "csv:10",      "gh:1",        "so:abc",      "so:12x",      "so:1000000000000000000000",
    "so:54734999", "so:48889482", "so:50042318", "so:53180513", "so:55530620",
    "so:56982215", "so:57108912", "so:58420411", "so:59190245", "so:60147811"};

} // namespace

TEST_CASE("taxo sample-size prints the study's numbers as JSON", "[sampling][cli]") {
    auto ceil = runCli({"sample-size", "--population", "1325", "--json"});
    REQUIRE(ceil.code == 0);
    const auto json = parse(ceil.out);
    for (const char* key : {"population", "confidence", "margin", "proportion", "z", "n0",
                            "n_exact", "n", "rounding"})
        CHECK(json.contains(key));
    CHECK(json["n"] == 298);
    CHECK(json["population"] == 1325);
    CHECK(json["rounding"] == "ceil");
    CHECK(json["z"].get<double>() == Approx(1.959963984540054).epsilon(1e-15));
    CHECK(json["n_exact"].get<double>() == Approx(297.9799905177466).epsilon(1e-14));
    auto floor = runCli({"sample-size", "--population", "1533", "--rounding", "floor", "--json"});
    REQUIRE(floor.code == 0);
    CHECK(parse(floor.out)["n"] == 307);
    auto text = runCli({"sample-size", "--population=1533"});
    REQUIRE(text.code == 0);
    CHECK_THAT(text.out, Catch::Contains("308 of 1533"));
}

TEST_CASE("taxo sample-size: bad values exit 1, malformed usage exits 2", "[sampling][cli]") {
    for (const auto& words : std::vector<std::vector<std::string>>{
             {"sample-size", "--population", "0"},
             {"sample-size", "--population", "100", "--confidence", "1"},
             {"sample-size", "--population", "100", "--margin", "0"},
             {"sample-size", "--population", "100", "--proportion", "1.5"}}) {
        auto result = runCli(words);
        CHECK(result.code == 1);
        CHECK(result.err.rfind("taxo: error: ", 0) == 0);
        CHECK(result.out.empty());
    }
    for (const auto& words : std::vector<std::vector<std::string>>{
             {"sample-size"},
             {"sample-size", "--population", "many"},
             {"sample-size", "--population", "100", "--confidence", "95%"},
             {"sample-size", "--population", "100", "--rounding", "up"},
             {"sample-size", "project.taxo", "--population", "100"}}) {
        auto result = runCli(words);
        CHECK(result.code == 2);
        CHECK_THAT(result.err, Catch::Contains("Usage: taxo sample-size"));
    }
}

TEST_CASE("taxo sample stores the pinned draw with its rounds", "[sampling][cli]") {
    taxo::test::TempDir dir;
    const auto path = dir.file("study.taxo");
    makeStudy(path, {{"Mixed", kItems}});
    auto result =
        runCli({"sample", path, "--set", "Mixed", "--size", "10", "--seed", "20201108", "--json"});
    INFO(result.err);
    REQUIRE(result.code == 0);
    const auto json = parse(result.out);
    // The same draw as the Python script of docs/sampling.md (see sampling_tests.cpp).
    CHECK(json["pilot"] == nlohmann::json({"so:abc", "so:54734446", "so:2"}));
    CHECK(json["reliability"] == nlohmann::json({"so:53180513", "so:59190245", "so:57108912",
                                                 "csv:a9", "so:56982215", "so:9", "so:60147811"}));
    CHECK(json["seed"] == "20201108");
    CHECK(json["method"] == "size");
    CHECK(json["population"] == 25);
    CHECK(json["size"] == 10);
    CHECK(json["rounds"]["pilot"] == "Mixed pilot");
    CHECK(json["rounds"]["reliability"] == "Mixed reliability");
    CHECK(json["sample_size"].is_null());

    // What was stored: the sample's members in drawn order and each round's items.
    CHECK(column(path, "SELECT p.source || ':' || p.source_id FROM sample_members m JOIN posts p "
                       "ON p.id = m.post_id ORDER BY m.position") ==
          std::vector<std::string>{"so:abc", "so:54734446", "so:2", "so:53180513", "so:59190245",
                                   "so:57108912", "csv:a9", "so:56982215", "so:9", "so:60147811"});
    CHECK(column(path, "SELECT seed || '/' || size || '/' || method || '/' || pilot_fraction || "
                       "'/' || population FROM samples") ==
          std::vector<std::string>{"20201108/10/size/0.3/25"});
    CHECK(column(path, "SELECT r.kind || ':' || p.source_id FROM round_items i JOIN rounds r ON "
                       "r.id = i.round_id JOIN posts p ON p.id = i.post_id "
                       "WHERE r.kind = 'pilot' ORDER BY i.position") ==
          std::vector<std::string>{"pilot:abc", "pilot:54734446", "pilot:2"});
    CHECK(column(path, "SELECT count(*) FROM round_items i JOIN rounds r ON r.id = i.round_id "
                       "WHERE r.name = 'Mixed reliability'") == std::vector<std::string>{"7"});
    CHECK(column(path, "SELECT action FROM change_log") == std::vector<std::string>{"sample.draw"});
    // The log tells the time the sample carries, not a moment later.
    CHECK(column(path, "SELECT count(*) FROM change_log l JOIN samples s ON s.created = l.at "
                       "WHERE l.action = 'sample.draw'") == std::vector<std::string>{"1"});

    // Reading it back gives the same split.
    auto project = taxo::Project::open(path);
    REQUIRE(project.ok());
    auto loaded = taxo::sampling::loadSample(*project, "Mixed");
    REQUIRE(loaded.ok());
    REQUIRE(loaded->has_value());
    CHECK((*loaded)->pilot.size() == 3);
    CHECK((*loaded)->reliability.size() == 7);
    CHECK(taxo::sampling::itemName((*loaded)->reliability.back()) == "so:60147811");
    CHECK((*loaded)->pilotRound == "Mixed pilot");
}

TEST_CASE("taxo sample --auto draws the study's sizes; --all takes every post", "[sampling][cli]") {
    taxo::test::TempDir dir;
    const auto path = dir.file("study.taxo");
    makeStudy(path, {{"Server/Cloud", numberedItems(1325)},
                     {"Mobile", numberedItems(1533, "mobile")},
                     {"Browser", numberedItems(165, "browser")}});
    auto server = runCli({"sample", path, "--set", "Server/Cloud", "--auto", "--rounding", "floor",
                          "--seed", "1", "--json"});
    REQUIRE(server.code == 0);
    auto json = parse(server.out);
    CHECK(json["size"] == 297);
    CHECK(json["method"] == "auto");
    CHECK(json["pilot"].size() == 89); // round(297 x 0.3) = round(89.1)
    CHECK(json["reliability"].size() == 208);
    CHECK(json["sample_size"]["n"] == 297);
    CHECK(json["sample_size"]["rounding"] == "floor");
    auto mobile = runCli({"sample", path, "--set", "Mobile", "--auto", "--seed", "2", "--json"});
    REQUIRE(mobile.code == 0);
    CHECK(parse(mobile.out)["size"] == 308);
    auto browser = runCli({"sample", path, "--set", "Browser", "--all", "--seed", "3", "--json"});
    REQUIRE(browser.code == 0);
    json = parse(browser.out);
    CHECK(json["size"] == 165);
    CHECK(json["method"] == "all");
    CHECK(json["pilot"].size() == 50); // round(49.5) = 50, half away from zero
    // Every browser post exactly once, and in a shuffled, not the stored, order.
    auto drawn = json["pilot"].get<std::vector<std::string>>();
    for (const auto& item : json["reliability"])
        drawn.push_back(item.get<std::string>());
    auto sorted = drawn;
    std::sort(sorted.begin(), sorted.end());
    CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
    CHECK(drawn.size() == 165);
    CHECK(drawn != numberedItems(165, "browser"));
    CHECK(column(path, "SELECT count(*) FROM samples") == std::vector<std::string>{"3"});
    CHECK(column(path, "SELECT count(*) FROM rounds") == std::vector<std::string>{"6"});
    CHECK(column(path, "SELECT confidence || '/' || margin || '/' || rounding FROM samples "
                       "WHERE method = 'auto' ORDER BY id") ==
          std::vector<std::string>{"0.95/0.05/floor", "0.95/0.05/ceil"});
}

TEST_CASE("pilot fraction 0 or 1 leaves one part empty and creates no round for it",
          "[sampling][cli]") {
    taxo::test::TempDir dir;
    const auto path = dir.file("study.taxo");
    makeStudy(path, {{"A", numberedItems(20)}, {"B", numberedItems(20, "b")}});
    auto none = runCli({"sample", path, "--set", "A", "--size", "8", "--seed", "5",
                        "--pilot-fraction", "0", "--json"});
    REQUIRE(none.code == 0);
    auto json = parse(none.out);
    CHECK(json["pilot"].empty());
    CHECK(json["reliability"].size() == 8);
    CHECK(json["rounds"]["pilot"].is_null());
    CHECK(json["rounds"]["reliability"] == "A reliability");
    auto all = runCli({"sample", path, "--set", "B", "--size", "8", "--seed", "5",
                       "--pilot-fraction", "1", "--json"});
    REQUIRE(all.code == 0);
    json = parse(all.out);
    CHECK(json["pilot"].size() == 8);
    CHECK(json["reliability"].empty());
    CHECK(json["rounds"]["reliability"].is_null());
    CHECK(column(path, "SELECT name FROM rounds ORDER BY name") ==
          std::vector<std::string>{"A reliability", "B pilot"});
}

TEST_CASE("taxo sample refuses bad requests and leaves the project unchanged", "[sampling][cli]") {
    taxo::test::TempDir dir;
    const auto path = dir.file("study.taxo");
    makeStudy(path, {{"Small", numberedItems(5)}, {"Empty", {}}});
    const auto before = snapshot(path);
    const auto refused = [&](const std::vector<std::string>& words, int code, const char* part) {
        auto result = runCli(words);
        INFO(result.err);
        CHECK(result.code == code);
        CHECK_THAT(result.err, Catch::Contains(part));
        CHECK(result.out.empty());
        CHECK(snapshot(path) == before);
    };
    refused({"sample", path, "--set", "Empty", "--all", "--seed", "1"}, 1, "has no posts");
    refused({"sample", path, "--set", "Nope", "--all", "--seed", "1"}, 1,
            "no set named 'Nope'; the sets are: Empty, Small");
    refused({"sample", path, "--set", "Small", "--size", "6", "--seed", "1"}, 1,
            "cannot be drawn from 5 posts");
    refused({"sample", path, "--set", "Small", "--size", "0", "--seed", "1"}, 1, "at least 1");
    refused({"sample", path, "--set", "Small", "--all", "--seed", "-4"}, 1, "whole number");
    refused({"sample", path, "--set", "Small", "--all", "--seed", "1", "--pilot-fraction", "2"}, 1,
            "pilot fraction");
    refused({"sample", path, "--set", "Small", "--auto", "--seed", "1", "--margin", "0"}, 1,
            "margin of error");
    refused({"sample", dir.file("missing.taxo"), "--set", "Small", "--all", "--seed", "1"}, 1,
            "no such file");
    // Wrong usage: exit 2 with the usage line.
    refused({"sample", path, "--set", "Small", "--seed", "1"}, 2, "exactly one of");
    refused({"sample", path, "--set", "Small", "--size", "3", "--all", "--seed", "1"}, 2,
            "exactly one of");
    refused({"sample", path, "--set", "Small", "--all"}, 2, "--seed is required");
    refused({"sample", path, "--all", "--seed", "1"}, 2, "--set is required");
    refused({"sample", path, "--set", "Small", "--size", "three", "--seed", "1"}, 2,
            "whole number");
    refused({"sample", path, "--set", "Small", "--size", "3", "--seed", "1", "--rounding", "floor"},
            2, "go with --auto");
    refused({"sample", "--set", "Small", "--all", "--seed", "1"}, 2, "Usage: taxo sample");
}

TEST_CASE("drawing again needs --replace and never discards labels", "[sampling][cli]") {
    taxo::test::TempDir dir;
    const auto path = dir.file("study.taxo");
    makeStudy(path, {{"Set", numberedItems(30)}});
    auto first = runCli({"sample", path, "--set", "Set", "--size", "10", "--seed", "1", "--json"});
    REQUIRE(first.code == 0);
    REQUIRE(runCli({"people", "add", path, "Ann", "--role", "coder"}).code == 0);
    REQUIRE(runCli({"people", "add", path, "Bo", "--role", "coder"}).code == 0);
    REQUIRE(runCli({"round", "assign", path, "Set reliability", "--coders", "Ann,Bo"}).code == 0);

    auto before = snapshot(path);
    auto again = runCli({"sample", path, "--set", "Set", "--size", "10", "--seed", "2"});
    CHECK(again.code == 1);
    CHECK_THAT(again.err, Catch::Contains("already has a sample (10 posts, seed 1)"));
    CHECK_THAT(again.err, Catch::Contains("--replace"));
    CHECK(snapshot(path) == before);

    // Without labels, --replace draws anew and keeps the coders of each kind of round.
    auto replaced = runCli(
        {"sample", path, "--set", "Set", "--size", "12", "--seed", "2", "--replace", "--json"});
    INFO(replaced.err);
    REQUIRE(replaced.code == 0);
    const auto json = parse(replaced.out);
    CHECK(json["size"] == 12);
    CHECK(json["pilot"] != parse(first.out)["pilot"]);
    CHECK(column(path, "SELECT count(*) FROM samples") == std::vector<std::string>{"1"});
    CHECK(column(path, "SELECT count(*) FROM sample_members") == std::vector<std::string>{"12"});
    CHECK(column(path, "SELECT p.name FROM round_coders c JOIN people p ON p.id = c.person_id "
                       "JOIN rounds r ON r.id = c.round_id WHERE r.name = 'Set reliability' "
                       "ORDER BY p.name") == std::vector<std::string>{"Ann", "Bo"});

    // Once a round holds a label, even --replace is refused and nothing moves.
    const auto pilotItem = json["pilot"][0].get<std::string>();
    taxo::test::addLabel(path, "Set pilot", pilotItem, "");
    before = snapshot(path);
    auto refused =
        runCli({"sample", path, "--set", "Set", "--size", "12", "--seed", "3", "--replace"});
    CHECK(refused.code == 1);
    CHECK_THAT(refused.err, Catch::Contains("'Set pilot' (1 labels)"));
    CHECK_THAT(refused.err, Catch::Contains("refused even with replace"));
    CHECK_THAT(refused.err, Catch::Contains("build a new set"));
    CHECK(snapshot(path) == before);
    CHECK(column(path, "SELECT seed FROM samples") == std::vector<std::string>{"2"});
}

TEST_CASE("a round name taken by another round is refused", "[sampling]") {
    taxo::test::TempDir dir;
    const auto path = dir.file("study.taxo");
    makeStudy(path, {{"Set", numberedItems(10)}});
    {
        auto project = taxo::Project::open(path);
        REQUIRE(project.ok());
        taxo::test::StudyBuilder(*project).round(
            {"Set pilot", taxo::rounds::RoundKind::Screening, {}, {}, "2020-01-01", {}, {}});
    }
    const auto before = snapshot(path);
    auto result = runCli({"sample", path, "--set", "Set", "--size", "5", "--seed", "1"});
    CHECK(result.code == 1);
    CHECK_THAT(result.err, Catch::Contains("a round named 'Set pilot' already exists"));
    CHECK(snapshot(path) == before);
}

TEST_CASE("a draw leaves out posts already in another set's rounds, and says so",
          "[sampling][cli]") {
    taxo::test::TempDir dir;
    const auto path = dir.file("study.taxo");
    // so:7 .. so:10 sit in both sets.
    makeStudy(path, {{"Server", numberedItems(10)},
                     {"Mobile", {"so:7", "so:8", "so:9", "so:10", "so:11", "so:12"}}});
    auto server = runCli({"sample", path, "--set", "Server", "--all", "--seed", "1", "--json"});
    INFO(server.err);
    REQUIRE(server.code == 0);
    CHECK(parse(server.out)["left_out"] == 0);

    {
        auto project = taxo::Project::open(path);
        REQUIRE(project.ok());
        auto before = taxo::sampling::postsInOtherRounds(*project, "Mobile");
        REQUIRE(before.ok());
        std::vector<std::string> names;
        for (const auto& post : *before)
            names.push_back(taxo::sampling::itemName(post));
        CHECK(names == std::vector<std::string>{"so:7", "so:8", "so:9", "so:10"});
        // The set's own rounds are not "other" rounds: they are what a new draw replaces.
        auto own = taxo::sampling::postsInOtherRounds(*project, "Server");
        REQUIRE(own.ok());
        CHECK(own->empty());
    }

    auto mobile = runCli({"sample", path, "--set", "Mobile", "--all", "--seed", "1"});
    INFO(mobile.err);
    REQUIRE(mobile.code == 0);
    CHECK(mobile.out.find("Drew 2 of 2 posts") != std::string::npos);
    CHECK(mobile.out.find("left out 4 posts of the set already in the rounds of other sets") !=
          std::string::npos);
    CHECK(column(path, "SELECT p.source_id FROM sample_members m JOIN samples s ON s.id = "
                       "m.sample_id JOIN sets t ON t.id = s.set_id JOIN posts p ON p.id = "
                       "m.post_id WHERE t.name = 'Mobile' ORDER BY p.source_id") ==
          std::vector<std::string>{"11", "12"});
    CHECK(column(path,
                 "SELECT s.population || '/' || s.left_out FROM samples s JOIN sets t ON "
                 "t.id = s.set_id WHERE t.name = 'Mobile'") == std::vector<std::string>{"2/4"});

    // Asked to, the draw keeps them in.
    auto again = runCli({"sample", path, "--set", "Mobile", "--all", "--seed", "1", "--replace",
                         "--keep-posts-in-other-rounds", "--json"});
    INFO(again.err);
    REQUIRE(again.code == 0);
    CHECK(parse(again.out)["left_out"] == 0);
    CHECK(parse(again.out)["size"] == 6);
}

TEST_CASE("a sample drawn elsewhere is recorded as given, without rounds", "[sampling]") {
    taxo::test::TempDir dir;
    const auto path = dir.file("study.taxo");
    makeStudy(path, {{"Set", numberedItems(10)}, {"Other", numberedItems(3, "b")}});
    auto project = taxo::Project::open(path);
    REQUIRE(project.ok());
    auto& db = project->db();
    namespace sm = taxo::sampling;
    sm::NewSample sample;
    sample.setId = 1;
    sample.seed = "20201108";
    sample.method = sm::SizeMethod::Auto;
    sample.pilotFraction = 0.25;
    sample.created = "2020-11-08T10:00:00Z";
    sample.population = 1325; // drawn from the whole set of the published study
    sample.sizeInput = sm::SampleSizeInput{1325, 0.95, 0.05, 0.5, sm::Rounding::Floor};
    sample.posts = {7, 2, 9, 4};
    auto id = taxo::sql::inTransaction(db, [&] { return sm::insertSample(db, sample); });
    REQUIRE(id.ok());
    auto loaded = sm::loadSample(*project, "Set");
    REQUIRE(loaded.ok());
    REQUIRE(loaded->has_value());
    const auto& stored = **loaded;
    CHECK(stored.id == *id);
    CHECK(stored.seed == "20201108");
    CHECK(stored.method == "auto");
    CHECK(stored.size == 4);
    CHECK(stored.population == 1325);
    CHECK(stored.created == "2020-11-08T10:00:00Z");
    REQUIRE(stored.computed.has_value());
    CHECK(stored.computed->input.rounding == sm::Rounding::Floor);
    REQUIRE(stored.pilot.size() == 1);
    CHECK(stored.pilot[0].postId == 7);
    REQUIRE(stored.reliability.size() == 3);
    CHECK(stored.reliability[2].postId == 4);
    CHECK(stored.pilotRound.empty());
    CHECK(stored.reliabilityRound.empty());
    CHECK(*db.queryInt("SELECT count(*) FROM rounds") == 0);
    CHECK(*db.queryInt("SELECT count(*) FROM change_log") == 0);

    const auto before = snapshot(path);
    const auto refused = [&](const sm::NewSample& bad, const std::string& part) {
        auto result = taxo::sql::inTransaction(db, [&] { return sm::insertSample(db, bad); });
        REQUIRE_FALSE(result.ok());
        CHECK_THAT(result.message(), Catch::Contains(part));
        CHECK(snapshot(path) == before);
    };
    auto bad = sample;
    bad.setId = 2;
    refused(bad, "set 'Other': post 7 of the sample is not in the set");
    bad = sample;
    bad.posts = {1, 2, 1};
    refused(bad, "lists post 1 twice");
    bad.posts = {};
    refused(bad, "a sample needs at least one post");
    bad = sample;
    bad.population = 3;
    refused(bad, "a sample of 4 posts cannot come from 3");
    bad = sample;
    bad.seed = "-1";
    refused(bad, "whole number");
    bad = sample;
    bad.pilotFraction = 1.5;
    refused(bad, "pilot fraction");
    bad = sample;
    bad.setId = 9;
    refused(bad, "no set with id 9");
}
