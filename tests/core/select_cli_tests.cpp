#include "cli/command.h"
#include "core/sampling/sampling.h"
#include "core/store/statements.h"
#include "corpus_fixture.h"
#include "tests/support/study_builder.h"
#include "tests/support/test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

namespace {

struct Outcome {
    int code;
    std::string out;
    std::string err;
};

Outcome runTaxo(const std::vector<std::string>& words) {
    std::ostringstream out, err;
    taxo::cli::Io io{out, err, false};
    const int code = taxo::cli::run(words, io);
    return {code, out.str(), err.str()};
}

taxo::test::TestPost tagged(std::string title, std::vector<std::string> tags, bool accepted) {
    taxo::test::TestPost post;
    post.title = std::move(title);
    post.tags = std::move(tags);
    if (accepted) {
        post.acceptedId = "9";
        post.acceptedCreated = "2019-01-01T01:00:00.000";
    }
    return post;
}

// Four questions: two in set "mobile", two in no set.
std::string makeProject(const taxo::test::TempDir& dir) {
    const auto path = dir.file("p.taxo");
    auto project = taxo::Project::create(path, "t");
    REQUIRE(project.ok());
    taxo::test::addPost(*project, tagged("Android app", {"tensorflow"}, true));
    taxo::test::addPost(*project, tagged("x", {"tensorflow-lite"}, false));
    taxo::test::addPost(*project, tagged("training", {"keras"}, false));
    taxo::test::addPost(*project, tagged("loss", {"keras"}, true));
    return path;
}

const char* kMobileRules = R"({"sets": [{"name": "mobile", "clauses": [
    {"tags_any": ["tensorflow", "keras"], "keywords_any": ["android"]},
    {"tags_any": ["tensorflow-lite"]}]}]})";

} // namespace

TEST_CASE("taxo select then taxo stats, as JSON", "[select][stats][cli]") {
    taxo::test::TempDir dir;
    const auto path = makeProject(dir);
    const auto rules = dir.file("rules.json");
    taxo::test::writeFile(rules, kMobileRules);

    auto selected = runTaxo({"select", path, "--rules", rules, "--json"});
    INFO(selected.err);
    REQUIRE(selected.code == 0);
    const auto report = nlohmann::json::parse(selected.out);
    CHECK(report["posts_scanned"] == 4);
    CHECK(report["sets"][0]["name"] == "mobile");
    CHECK(report["sets"][0]["root"] == "mobile");
    CHECK(report["sets"][0]["clauses"][0]["cumulative"] == 1);
    CHECK(report["sets"][0]["clauses"][1]["cumulative"] == 2);
    CHECK(report["sets"][0]["members"] == 2);
    CHECK(report["union"] == 2);

    auto text = runTaxo({"select", path, "--rules", rules});
    REQUIRE(text.code == 0);
    CHECK_THAT(text.out, Catch::Contains("after clause 2: 2"));

    auto stats = runTaxo({"stats", path, "--json"});
    INFO(stats.err);
    REQUIRE(stats.code == 0);
    const auto json = nlohmann::json::parse(stats.out);
    REQUIRE(json["groups"].size() == 3);
    CHECK(json["groups"][0]["name"] == "mobile");
    CHECK(json["groups"][1]["kind"] == "union");
    CHECK(json["groups"][2]["kind"] == "baseline");
    CHECK(json["groups"][2]["total"]["questions"] == 2);
    CHECK(json["groups"][2]["total"]["no_accepted"] == 1);
    CHECK(json["groups"][0]["years"][0]["year"] == 2019);
    CHECK(json["groups"][0]["minutes_to_accept"]["median"] == 60.0);
    CHECK(json["difficulty_test"]["x"] == nlohmann::json::array({1, 1}));
    CHECK(json["difficulty_test"]["n"] == nlohmann::json::array({2, 2}));
    CHECK(json["difficulty_test"]["df"] == 1);
    CHECK(json["difficulty_test"]["correct"] == true);
    // prop.test(c(1, 1), c(2, 2)): equal proportions, X-squared = 0, p-value = 1.
    CHECK(json["difficulty_test"]["statistic"] == 0.0);
    CHECK(json["difficulty_test"]["p_value"] == 1.0);
    // R: prop.test(c(1, 1), c(2, 2))$conf.int: -0.9799819922700268 0.9799819922700268.
    CHECK(json["difficulty_test"]["ci_low"].get<double>() ==
          Approx(-0.9799819922700268).epsilon(1e-12));
    CHECK(json["difficulty_test"]["ci_high"].get<double>() ==
          Approx(0.9799819922700268).epsilon(1e-12));

    auto plain = runTaxo({"stats", path, "--no-correction", "--from", "2019", "--to", "2019"});
    REQUIRE(plain.code == 0);
    CHECK_THAT(plain.out, Catch::Contains("without continuity correction"));
    // As R prints it: X-squared = 0, df = 1, p-value = 1; interval -0.979982 0.979982.
    CHECK_THAT(plain.out, Catch::Contains("X-squared = 0, df = 1, p-value = 1"));
    CHECK_THAT(plain.out, Catch::Contains("confidence interval of the difference: -0.979982 "
                                          "0.979982"));

    auto none = runTaxo({"stats", path, "--json", "--from", "2020"});
    REQUIRE(none.code == 0);
    CHECK(nlohmann::json::parse(none.out)["difficulty_test"].is_null());
}

TEST_CASE("taxo select refuses bad rules and leaves the project file as it was", "[select][cli]") {
    taxo::test::TempDir dir;
    const auto path = makeProject(dir);
    const auto rules = dir.file("rules.json");
    taxo::test::writeFile(rules, kMobileRules);
    REQUIRE(runTaxo({"select", path, "--rules", rules}).code == 0);
    const auto before = taxo::test::readFile(path);

    taxo::test::writeFile(rules, R"({"sets": [{"name": "mobile", "clauses": [{"tags": ["x"]}]}]})");
    auto bad = runTaxo({"select", path, "--rules", rules});
    CHECK(bad.code == 1);
    CHECK(bad.err.rfind("taxo: error: ", 0) == 0);
    CHECK_THAT(bad.err, Catch::Contains(rules + ": /sets/0/clauses/0/tags unknown key 'tags'"));
    CHECK(taxo::test::readFile(path) == before);

    auto missing = runTaxo({"select", path});
    CHECK(missing.code == 2);
    CHECK_THAT(missing.err, Catch::Contains("--rules RULES.json is required"));
    auto badYear = runTaxo({"stats", path, "--from", "19"});
    CHECK(badYear.code == 2);
    CHECK_THAT(badYear.err, Catch::Contains("--from needs a year"));
}

TEST_CASE("taxo select --force replaces a set that a sample uses", "[select][cli]") {
    taxo::test::TempDir dir;
    const auto path = makeProject(dir);
    const auto rules = dir.file("rules.json");
    taxo::test::writeFile(rules, kMobileRules);
    REQUIRE(runTaxo({"select", path, "--rules", rules}).code == 0);
    {
        auto project = taxo::Project::open(path);
        REQUIRE(project.ok());
        taxo::sampling::NewSample sample;
        sample.setId = 1;
        sample.seed = "1";
        sample.method = taxo::sampling::SizeMethod::Size;
        sample.pilotFraction = 0.3;
        sample.created = "now";
        auto members = taxo::sql::queryIntsBound(
            project->db(), "SELECT post_id FROM set_members WHERE set_id = 1 ORDER BY post_id");
        REQUIRE(members.ok());
        REQUIRE_FALSE(members->empty());
        sample.posts = {members->front()};
        REQUIRE(taxo::test::StudyBuilder(*project).sample(sample) == 1);
    }
    taxo::test::writeFile(
        rules, R"({"sets": [{"name": "mobile", "clauses": [{"tags_any": ["tensorflow-lite"]}]}]})");
    auto refused = runTaxo({"select", path, "--rules", rules});
    CHECK(refused.code == 1);
    CHECK_THAT(refused.err, Catch::Contains("used by sample 1"));
    auto forced = runTaxo({"select", path, "--rules", rules, "--force", "--json"});
    INFO(forced.err);
    REQUIRE(forced.code == 0);
    const auto report = nlohmann::json::parse(forced.out);
    CHECK(report["sets"][0]["members"] == 1);
    CHECK(report["sets"][0]["previous_members"] == 2);
    CHECK(report["sets"][0]["samples"] == nlohmann::json::array({1}));
}
