// taxo people add|list and taxo round assign|list.

#include "core/people/people.h"
#include "core/project/project.h"
#include "core/rounds/rounds.h"
#include "tests/support/study_builder.h"
#include "tests/support/test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using taxo::test::makeStudy;
using taxo::test::numberedItems;
using taxo::test::runCli;
using taxo::test::snapshot;

namespace {

nlohmann::json parse(const std::string& text) {
    INFO(text);
    return nlohmann::json::parse(text);
}

} // namespace

TEST_CASE("people get roles; an arbitrator has one root, a root one arbitrator",
          "[sampling][cli]") {
    taxo::test::TempDir dir;
    const auto path = dir.file("study.taxo");
    makeStudy(path, {});
    REQUIRE(runCli({"people", "add", path, "Ann", "--role", "coder"}).code == 0);
    REQUIRE(runCli({"people", "add", path, "Ann", "--role", "lead"}).code == 0);
    REQUIRE(runCli({"people", "add", path, "Bo", "--role", "coder"}).code == 0);
    REQUIRE(runCli({"people", "add", path, "Cy", "--role", "arbitrator", "--root", "Server/Cloud"})
                .code == 0);
    REQUIRE(
        runCli({"people", "add", path, "Cy", "--role", "arbitrator", "--root", "Mobile"}).code ==
        0);

    const auto before = snapshot(path);
    const auto refused = [&](const std::vector<std::string>& words, int code, const char* part) {
        auto result = runCli(words);
        INFO(result.err);
        CHECK(result.code == code);
        CHECK_THAT(result.err, Catch::Contains(part));
        CHECK(snapshot(path) == before);
    };
    refused({"people", "add", path, "Ann", "--role", "coder"}, 1, "Ann is already a coder");
    refused({"people", "add", path, "Dee", "--role", "arbitrator"}, 1, "--root NAME");
    refused({"people", "add", path, "Dee", "--role", "coder", "--root", "Mobile"}, 1,
            "only an arbitrator has a root");
    refused({"people", "add", path, "Dee", "--role", "arbitrator", "--root", "Mobile"}, 1,
            "Cy is already the arbitrator of Mobile");
    refused({"people", "add", path, "Dee, Jr", "--role", "coder"}, 1, "contains a comma");
    refused({"people", "add", path, " Dee", "--role", "coder"}, 1, "blank");
    refused({"people", "add", path, "", "--role", "coder"}, 1, "needs a name");
    refused({"people", "add", path, "Dee", "--role", "boss"}, 2, "unknown role 'boss'");
    refused({"people", "add", path, "Dee"}, 2, "--role is required");
    refused({"people", "add", path, "--role", "coder"}, 2, "Usage: taxo people add");

    auto list = runCli({"people", "list", path, "--json"});
    REQUIRE(list.code == 0);
    const auto json = parse(list.out);
    REQUIRE(json["people"].size() == 3);
    CHECK(json["people"][0]["name"] == "Ann");
    CHECK(json["people"][0]["roles"] ==
          nlohmann::json::parse(
              R"([{"role": "lead", "root": null}, {"role": "coder", "root": null}])"));
    CHECK(json["people"][2]["name"] == "Cy");
    CHECK(json["people"][2]["roles"] == nlohmann::json::parse(
                                            R"([{"role": "arbitrator", "root": "Mobile"},
                                                {"role": "arbitrator", "root": "Server/Cloud"}])"));
    auto text = runCli({"people", "list", path});
    REQUIRE(text.code == 0);
    CHECK_THAT(text.out, Catch::Contains("Cy: arbitrator (Mobile), arbitrator (Server/Cloud)"));
}

TEST_CASE("an arbitrator's root links to the root category when it exists", "[sampling]") {
    taxo::test::TempDir dir;
    const auto path = dir.file("study.taxo");
    makeStudy(path, {});
    {
        auto project = taxo::Project::open(path);
        REQUIRE(project.ok());
        taxo::test::StudyBuilder(*project).category(std::nullopt, "Browser");
        REQUIRE(taxo::people::addRole(*project, "Di", taxo::people::Role::Arbitrator, "Browser"));
        REQUIRE(taxo::people::addRole(*project, "Ed", taxo::people::Role::Arbitrator, "Mobile"));
        CHECK(*project->db().queryInt("SELECT count(*) FROM person_roles WHERE root_name = "
                                      "'Browser' AND root_category_id IS NOT NULL") == 1);
        CHECK(*project->db().queryInt("SELECT count(*) FROM person_roles WHERE root_name = "
                                      "'Mobile' AND root_category_id IS NULL") == 1);
        // A renamed root shows its current name.
        REQUIRE(project->db().exec("UPDATE categories SET name = 'Web browser'").ok());
        auto people = taxo::people::listPeople(*project);
        REQUIRE(people.ok());
        REQUIRE(people->size() == 2);
        CHECK(people->at(0).roles.at(0).root == "Web browser");
        CHECK(people->at(1).roles.at(0).root == "Mobile");
    }
}

TEST_CASE("a person added without a role gets roles later under the same id", "[sampling]") {
    taxo::test::TempDir dir;
    const auto path = dir.file("study.taxo");
    makeStudy(path, {});
    auto project = taxo::Project::open(path);
    REQUIRE(project.ok());
    auto& db = project->db();
    auto ann = taxo::people::addPerson(db, "Ann");
    REQUIRE(ann.ok());
    auto bo = taxo::people::addPerson(db, "Bo");
    REQUIRE(bo.ok());
    CHECK(*bo == *ann + 1);
    auto people = taxo::people::listPeople(*project);
    REQUIRE(people.ok());
    REQUIRE(people->size() == 2);
    CHECK(people->at(0).name == "Ann");
    CHECK(people->at(0).roles.empty());
    CHECK(*db.queryText("SELECT group_concat(action) FROM change_log") == "person.add,person.add");

    REQUIRE(taxo::people::addRole(db, "Ann", taxo::people::Role::Coder));
    CHECK(taxo::people::findPerson(db, "Ann").value() == *ann);
    CHECK(*db.queryInt("SELECT count(*) FROM people") == 2);

    const auto before = snapshot(path);
    const auto refused = [&](const std::string& name, const char* part) {
        auto result = taxo::people::addPerson(db, name);
        REQUIRE_FALSE(result.ok());
        CHECK_THAT(result.message(), Catch::Contains(part));
        CHECK(snapshot(path) == before);
    };
    refused("Ann", "there is already a person named 'Ann'");
    refused("", "needs a name");
    refused("Dee, Jr", "contains a comma");
    refused("Dee ", "blank");
}

TEST_CASE("round assign checks the round, the people and the number of coders", "[sampling][cli]") {
    taxo::test::TempDir dir;
    const auto path = dir.file("study.taxo");
    makeStudy(path, {{"Set", numberedItems(20)}});
    REQUIRE(runCli({"sample", path, "--set", "Set", "--size", "10", "--seed", "9"}).code == 0);
    for (const char* name : {"Ann", "Bo", "Cy"})
        REQUIRE(runCli({"people", "add", path, name, "--role", "coder"}).code == 0);
    REQUIRE(runCli({"people", "add", path, "Lee", "--role", "lead"}).code == 0);

    const auto before = snapshot(path);
    const auto refused = [&](const std::vector<std::string>& words, int code, const char* part) {
        auto result = runCli(words);
        INFO(result.err);
        CHECK(result.code == code);
        CHECK_THAT(result.err, Catch::Contains(part));
        CHECK(snapshot(path) == before);
    };
    refused({"round", "assign", path, "Nope", "--coders", "Ann,Bo"}, 1, "no round named 'Nope'");
    refused({"round", "assign", path, "Set reliability", "--coders", "Ann"}, 1,
            "needs at least two coders");
    refused({"round", "assign", path, "Set reliability", "--coders", "Ann,Ann"}, 1, "named twice");
    refused({"round", "assign", path, "Set reliability", "--coders", "Ann,Zed"}, 1,
            "no person named 'Zed'; the people are: Ann, Bo, Cy, Lee");
    refused({"round", "assign", path, "Set reliability", "--coders", "Ann,Lee"}, 1,
            "Lee is not a coder");
    refused({"round", "assign", path, "Set pilot", "--coders", ","}, 1, "at least one coder");
    refused({"round", "assign", path, "Set pilot"}, 2, "--coders is required");

    REQUIRE(runCli({"round", "assign", path, "Set pilot", "--coders", "Ann, Bo"}).code == 0);
    // Three coders label a reliability round independently (Fleiss' kappa measures them);
    // the lead may go back to two while nobody has labeled.
    REQUIRE(runCli({"round", "assign", path, "Set reliability", "--coders", "Ann,Bo,Cy"}).code ==
            0);
    CHECK(snapshot(path).coders == 5);
    REQUIRE(runCli({"round", "assign", path, "Set reliability", "--coders", "Ann,Bo"}).code == 0);

    // Progress: labels per coder and the pilot's joint labels.
    taxo::test::addLabel(
        path, "Set pilot",
        "so:" +
            [&] {
                auto project = taxo::Project::open(path);
                return *project->db().queryText(
                    "SELECT p.source_id FROM round_items i JOIN rounds r ON r.id = i.round_id JOIN "
                    "posts "
                    "p ON p.id = i.post_id WHERE r.name = 'Set pilot' AND i.position = 0");
            }(),
        "");
    std::vector<std::string> reliabilityItems;
    {
        auto project = taxo::Project::open(path);
        REQUIRE(project.ok());
        auto stmt = project->db().prepare(
            "SELECT p.source || ':' || p.source_id FROM round_items i JOIN rounds r ON r.id = "
            "i.round_id JOIN posts p ON p.id = i.post_id WHERE r.name = 'Set reliability' "
            "ORDER BY i.position");
        REQUIRE(stmt.ok());
        while (*stmt->step())
            reliabilityItems.push_back(stmt->columnText(0));
    }
    REQUIRE(reliabilityItems.size() == 7);
    for (int i = 0; i < 3; ++i)
        taxo::test::addLabel(path, "Set reliability", reliabilityItems[static_cast<std::size_t>(i)],
                             "Ann");
    taxo::test::addLabel(path, "Set reliability", reliabilityItems[0], "Bo");

    auto list = runCli({"round", "list", path, "--json"});
    REQUIRE(list.code == 0);
    const auto json = parse(list.out);
    REQUIRE(json["rounds"].size() == 2);
    const auto& pilot = json["rounds"][0];
    CHECK(pilot["name"] == "Set pilot");
    CHECK(pilot["kind"] == "pilot");
    CHECK(pilot["state"] == "open");
    CHECK(pilot["set"] == "Set");
    CHECK(pilot["items"] == 3);
    CHECK(pilot["consensus_labels"] == 1);
    const auto& reliability = json["rounds"][1];
    CHECK(reliability["items"] == 7);
    CHECK(reliability["coders"] ==
          nlohmann::json::parse(R"([{"name": "Ann", "labels": 3}, {"name": "Bo", "labels": 1}])"));
    auto text = runCli({"round", "list", path});
    CHECK_THAT(text.out, Catch::Contains("Ann: 3 of 7 labelled"));

    // Bo has labelled, so Bo stays; Ann too. Swapping in Cy for Bo is refused.
    const auto withLabels = snapshot(path);
    auto swap = runCli({"round", "assign", path, "Set reliability", "--coders", "Ann,Cy"});
    CHECK(swap.code == 1);
    CHECK_THAT(swap.err, Catch::Contains("Bo has 1 labels in round 'Set reliability'"));
    CHECK(snapshot(path) == withLabels);
    // The pilot has only the joint label, so its coders can change.
    CHECK(runCli({"round", "assign", path, "Set pilot", "--coders", "Cy"}).code == 0);
}

TEST_CASE("round list and people list on an empty project", "[sampling][cli]") {
    taxo::test::TempDir dir;
    const auto path = dir.file("study.taxo");
    makeStudy(path, {});
    auto rounds = runCli({"round", "list", path, "--json"});
    REQUIRE(rounds.code == 0);
    CHECK(parse(rounds.out)["rounds"].empty());
    auto people = runCli({"people", "list", path, "--json"});
    REQUIRE(people.code == 0);
    CHECK(parse(people.out)["people"].empty());
    CHECK(runCli({"round", "list", dir.file("none.taxo")}).code == 1);
    CHECK(taxo::rounds::splitNames(" Ann , Bo,,") == std::vector<std::string>{"Ann", "Bo"});
}

TEST_CASE("two-word commands: help and a missing second word", "[sampling][cli]") {
    auto help = runCli({"help", "people", "add"});
    CHECK(help.code == 0);
    CHECK_THAT(help.out, Catch::Contains("Usage: taxo people add PROJECT NAME"));
    auto alone = runCli({"people"});
    CHECK(alone.code == 2);
    CHECK_THAT(alone.err, Catch::Contains("'people' needs one of: add, list"));
    auto round = runCli({"round", "frobnicate", "x.taxo"});
    CHECK(round.code == 2);
    CHECK_THAT(round.err, Catch::Contains("'round' needs one of: assign, list"));
    auto overview = runCli({"--help"});
    for (const char* name :
         {"sample-size", "sample", "people add", "people list", "round assign", "round list"})
        CHECK_THAT(overview.out, Catch::Contains(name));
}

TEST_CASE("people add and round assign print JSON when asked", "[sampling][cli]") {
    taxo::test::TempDir dir;
    const auto path = dir.file("study.taxo");
    makeStudy(path, {{"Set", numberedItems(10)}});
    REQUIRE(runCli({"sample", path, "--set", "Set", "--size", "4", "--seed", "1"}).code == 0);
    auto ann = runCli({"people", "add", path, "Ann", "--role", "coder", "--json"});
    REQUIRE(ann.code == 0);
    CHECK(parse(ann.out) ==
          nlohmann::json::parse(R"({"name": "Ann", "role": "coder", "root": null})"));
    auto cy = runCli(
        {"people", "add", path, "Cy", "--role", "arbitrator", "--root", "Browser", "--json"});
    REQUIRE(cy.code == 0);
    CHECK(parse(cy.out)["root"] == "Browser");
    auto assign = runCli({"round", "assign", path, "Set pilot", "--coders", "Ann", "--json"});
    REQUIRE(assign.code == 0);
    CHECK(parse(assign.out) ==
          nlohmann::json::parse(R"({"round": "Set pilot", "coders": ["Ann"]})"));
}

TEST_CASE("restoring coders puts back nobody, but never takes off someone who labeled",
          "[sampling][undo]") {
    taxo::test::TempDir dir;
    const auto path = dir.file("study.taxo");
    makeStudy(path, {{"Set", numberedItems(20)}});
    REQUIRE(runCli({"sample", path, "--set", "Set", "--size", "10", "--seed", "9"}).code == 0);
    for (const char* name : {"Ann", "Bo"})
        REQUIRE(runCli({"people", "add", path, name, "--role", "coder"}).code == 0);
    std::string item;
    {
        auto project = taxo::Project::open(path);
        REQUIRE(project.ok());
        REQUIRE(taxo::rounds::assignCoders(*project, "Set reliability", {"Ann", "Bo"}).ok());
        // An assignment of nobody is refused; the undo of the first assignment is not.
        CHECK_FALSE(taxo::rounds::assignCoders(*project, "Set reliability", {}).ok());
        REQUIRE(taxo::rounds::restoreCoders(*project, "Set reliability", {}).ok());
        auto rounds = taxo::rounds::listRounds(*project);
        REQUIRE(rounds.ok());
        for (const auto& round : *rounds)
            CHECK(round.coders.empty());
        REQUIRE(taxo::rounds::assignCoders(*project, "Set reliability", {"Ann", "Bo"}).ok());
        auto first = project->db().queryText(
            "SELECT 'so:' || p.source_id FROM round_items i JOIN rounds r ON r.id = i.round_id "
            "JOIN posts p ON p.id = i.post_id WHERE r.name = 'Set reliability' LIMIT 1");
        REQUIRE(first.ok());
        item = *first;
    }
    taxo::test::addLabel(path, "Set reliability", item, "Ann");
    const auto before = snapshot(path);
    auto project = taxo::Project::open(path);
    REQUIRE(project.ok());
    auto refused = taxo::rounds::restoreCoders(*project, "Set reliability", {});
    REQUIRE_FALSE(refused.ok());
    CHECK_THAT(refused.message(), Catch::Contains("Ann has 1 labels"));
    CHECK(snapshot(path) == before);
}
