// Calibration rounds never count in the study's results, the schema that holds them
// upgrades an older file without losing a row, and the command line makes and scores
// them (docs/cli.md).

#include "core/agreement/calibration.h"
#include "core/agreement/stored_values.h"
#include "core/demo/demo_project.h"
#include "core/store/schema.h"
#include "tests/core/calibration_fixture.h"
#include "tests/core/import_helpers.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace taxo;
using namespace taxo::test;

namespace {

// What the study reports, as the command line prints and exports it: the study's
// agreement, the conflicts for arbitration, the taxonomy, every final label and the
// methods text. `tag` keeps the files of two readings apart.
std::map<std::string, std::string> studyOutputs(const TempDir& dir, const std::string& path,
                                                const std::string& tag) {
    std::map<std::string, std::string> outputs;
    for (const auto& words : std::vector<std::vector<std::string>>{{"agreement", path, "--json"},
                                                                   {"conflicts", path, "--json"}}) {
        auto run = runCli(words);
        INFO(run.err);
        REQUIRE(run.code == 0);
        outputs[words[0]] = run.out;
    }
    for (const char* format :
         {"taxonomy-json", "csv", "post-matrix-csv", "cooccurrence-csv", "methods-md"}) {
        const auto out = dir.file(tag + "-" + format);
        auto run = runCli({"export", path, "--format", format, "--out", out, "--allow-unresolved"});
        INFO(format << ": " << run.err);
        REQUIRE(run.code == 0);
        outputs[format] = readFile(out);
    }
    return outputs;
}

} // namespace

TEST_CASE("Calibration: a round that disagrees changes no result of the study",
          "[calibration][results]") {
    TempDir dir;
    const auto path = dir.file("demo.taxo");
    REQUIRE(demo::createDemoProject(path).ok());
    const auto before = studyOutputs(dir, path, "before");
    {
        auto project = Project::open(path);
        REQUIRE(project.ok());
        auto list = rounds::listRounds(*project);
        REQUIRE(list.ok());
        const auto pilot = std::find_if(list->begin(), list->end(), [](const auto& round) {
            return round.kind == rounds::RoundKind::Pilot && round.consensusLabels > 0;
        });
        REQUIRE(pilot != list->end());
        REQUIRE_FALSE(pilot->coders.empty());
        const auto coder = pilot->coders.front().name;
        sampling::CalibrationRequest request;
        request.name = "calibration";
        request.pilotRound = pilot->name;
        request.coders = {coder};
        request.count = std::min<std::int64_t>(pilot->consensusLabels, 12);
        request.seed = "3";
        auto created = sampling::createCalibrationRound(*project, request);
        INFO((created.ok() ? std::string() : created.message()));
        REQUIRE(created.ok());
        const auto coderId = *people::findPerson(project->db(), coder);
        auto consensus = agreement::coderValues(project->db(), pilot->id, std::nullopt);
        REQUIRE(consensus.ok());
        auto items = sql::queryIntsBound(
            project->db(), "SELECT post_id FROM round_items WHERE round_id = ?", created->roundId);
        REQUIRE(items.ok());
        // Unclear where the consensus is anything else, False positive where it is Unclear.
        for (const auto post : *items) {
            labels::LabelContent content;
            content.special = consensus->at(post).value == agreement::LabelValue::special(
                                                               agreement::SpecialValue::Unclear)
                                  ? labels::Special::FalsePositive
                                  : labels::Special::Unclear;
            REQUIRE(
                labels::saveLabel(project->db(), {created->roundId, post, coderId}, content).ok());
        }
        auto scores = agreement::calibrationScores(project->db(), "calibration");
        REQUIRE(scores.ok());
        CHECK(scores->front().differences.size() == items->size());
    }
    const auto after = studyOutputs(dir, path, "after");
    for (const auto& [name, text] : before) {
        INFO(name);
        CHECK(after.at(name) == text);
    }
}

TEST_CASE("Calibration: a version-6 project upgrades with every round, item and label",
          "[calibration][schema]") {
    TempDir dir;
    const auto path = dir.file("v6.taxo");
    {
        auto db = sql::Database::open(path, sql::Database::Mode::Create);
        REQUIRE(db.ok());
        REQUIRE(schema::createVersionZero(*db));
        REQUIRE(db->exec("INSERT INTO meta VALUES ('project_id', "
                         "'6f1c0c9e-0000-4000-8000-000000000006'), ('title', 'Old'), "
                         "('created', '2020-01-01')"));
        REQUIRE(schema::migrate(*db, 0, 6));
        REQUIRE(db->exec(
            "INSERT INTO imports(source, fingerprint, started) VALUES ('x', 'f', 't');"
            "INSERT INTO posts(source, source_id, import_id) VALUES ('so', '1', 1), "
            "('so', '2', 1);"
            "INSERT INTO people(name, created) VALUES ('Ann', 't'), ('Bo', 't');"
            "INSERT INTO rounds(name, kind, state, created) VALUES ('pilot', 'pilot', 'open', "
            "'t'), ('reliability', 'reliability', 'closed', 't');"
            "INSERT INTO round_items VALUES (1, 1, 0), (2, 2, 0);"
            "INSERT INTO round_coders VALUES (1, 1), (2, 1), (2, 2);"
            "INSERT INTO labels(round_id, post_id, coder_id, special, updated) VALUES "
            "(1, 1, NULL, 'unclear', 't'), (2, 2, 1, 'unclear', 't'), (2, 2, 2, 'pending', "
            "'t');"));
        CHECK(*db->queryInt("PRAGMA user_version") == 6);
    }
    auto project = Project::open(path);
    INFO((project.ok() ? "" : project.message()));
    REQUIRE(project.ok());
    CHECK(*project->db().queryInt("PRAGMA user_version") == schema::kCurrentVersion);
    CHECK(project->migrationBackup() == path + ".schema-v6.bak");
    // The rebuild of rounds cascaded nothing away.
    CHECK(dumpTable(project->db(), "rounds") ==
          std::vector<std::string>{"1|pilot|pilot|NULL|open|t|NULL|NULL",
                                   "2|reliability|reliability|NULL|closed|t|NULL|NULL"});
    CHECK(queryInt(*project, "SELECT count(*) FROM round_items") == 2);
    CHECK(queryInt(*project, "SELECT count(*) FROM round_coders") == 3);
    CHECK(queryInt(*project, "SELECT count(*) FROM labels") == 3);
    CHECK(queryInt(*project, "PRAGMA foreign_keys") == 1);
    CHECK(queryInt(*project, "SELECT count(*) FROM pragma_foreign_key_check") == 0);
    // And it takes a calibration round now.
    REQUIRE(project->db()
                .exec("INSERT INTO rounds(name, kind, state, created, pilot_round_id) VALUES "
                      "('calibration', 'calibration', 'open', 't', 1)")
                .ok());
}

TEST_CASE("Calibration: taxo round calibration and taxo agreement --calibration",
          "[calibration][cli]") {
    TempDir dir;
    const auto path = dir.file("study.taxo");
    makeCalibrationStudy(path);

    auto scored = runCli({"agreement", path, "--calibration", "Dee calibration", "--json"});
    INFO(scored.err);
    REQUIRE(scored.code == 0);
    const auto json = nlohmann::json::parse(scored.out);
    CHECK(json["scope"] == "calibration");
    CHECK(json["round"] == "Dee calibration");
    REQUIRE(json["coders"].size() == 1);
    const auto& dee = json["coders"][0];
    CHECK(dee["coder"] == "Dee");
    CHECK(dee["pilot"] == "pilot");
    CHECK(dee["items"] == 9);
    CHECK(dee["n"] == 8);
    // scikit-learn's cohen_kappa_score on the pairs of calibration_tests.cpp.
    CHECK(dee["kappa"].get<double>() == Approx(0.5555555555555556).margin(1e-12));
    CHECK(dee["percent_agreement"].get<double>() == Approx(62.5));
    CHECK(dee["not_yet_labeled"] == nlohmann::json::array({"stackoverflow:1010"}));
    REQUIRE(dee["per_category"].size() == 4);
    CHECK(dee["per_category"][2] == nlohmann::json{{"path", "Server/Cloud/Model Export/Procedure"},
                                                   {"both", 2},
                                                   {"coder_only", 1},
                                                   {"consensus_only", 1},
                                                   {"positive_agreement", 2.0 / 3.0}});
    REQUIRE(dee["differences"].size() == 3);
    CHECK(dee["differences"][0]["consensus_note"] == "asks for both steps");
    CHECK(dee["differences"][2]["coder_note"] == "looks like an export");

    auto text = runCli({"agreement", path, "--calibration", "Dee calibration", "--coder", "Dee"});
    REQUIRE(text.code == 0);
    CHECK_THAT(text.out, Catch::Contains("Cohen's kappa 0.556 (SE 0.176, 95 % CI 0.210 to 0.901)"));
    CHECK_THAT(text.out, Catch::Contains("8 of 9 posts scored, 1 not yet labeled"));
    CHECK_THAT(text.out, Catch::Contains("consensus: Server/Cloud/Model Export/Procedure; "
                                         "Server/Cloud/Model Export/Model quantization (note: "
                                         "asks for both steps)"));
    CHECK(runCli({"agreement", path, "--calibration", "Dee calibration", "--coder", "Ann"}).code ==
          1);
    CHECK(
        runCli({"agreement", path, "--round", "pilot", "--calibration", "Dee calibration"}).code ==
        2);
    CHECK(runCli({"agreement", path, "--coder", "Dee"}).code == 2);
    auto asRound = runCli({"agreement", path, "--round", "Dee calibration"});
    CHECK(asRound.code == 1);
    CHECK_THAT(asRound.err, Catch::Contains("is a calibration round"));

    const auto before = snapshot(path);
    auto refused = runCli({"round", "calibration", path, "--name", "Second", "--pilot", "pilot",
                           "--coders", "Dee", "--posts", "1,12"});
    CHECK(refused.code == 1);
    CHECK_THAT(refused.err, Catch::Contains("(12) has no consensus label in pilot round 'pilot'"));
    CHECK(snapshot(path) == before);
    CHECK(runCli({"round", "calibration", path, "--name", "Second", "--pilot", "pilot", "--coders",
                  "Dee", "--posts", "1", "--count", "2", "--seed", "1"})
              .code == 2);
    CHECK(runCli({"round", "calibration", path, "--name", "Second", "--pilot", "pilot", "--coders",
                  "Dee", "--count", "2"})
              .code == 2);
    CHECK(snapshot(path) == before);

    auto made = runCli({"round", "calibration", path, "--name", "Second", "--pilot", "pilot",
                        "--coders", "Ann,Dee", "--count", "3", "--seed", "5", "--json"});
    INFO(made.err);
    REQUIRE(made.code == 0);
    const auto created = nlohmann::json::parse(made.out);
    CHECK(created["round"] == "Second");
    CHECK(created["pilot"] == "pilot");
    CHECK(created["items"].size() == 3);
    CHECK(created["candidates"] == 9);
    auto list = runCli({"round", "list", path, "--json"});
    REQUIRE(list.code == 0);
    const auto rounds = nlohmann::json::parse(list.out)["rounds"];
    CHECK(rounds[2]["kind"] == "calibration");
    CHECK(rounds[2]["pilot"] == "pilot");
    CHECK(rounds[0].contains("pilot") == false);
}

TEST_CASE("Calibration: a sample whose pilot a calibration round uses is never redrawn",
          "[calibration][sampling]") {
    TempDir dir;
    const auto path = dir.file("study.taxo");
    makeStudy(path, {{"Server", numberedItems(10)}});
    REQUIRE(runCli({"sample", path, "--set", "Server", "--size", "10", "--seed", "1"}).code == 0);
    REQUIRE(runCli({"people", "add", path, "Dee", "--role", "coder"}).code == 0);
    std::string item;
    {
        auto project = Project::open(path);
        REQUIRE(project.ok());
        item = "so:" + queryText(*project,
                                 "SELECT p.source_id FROM round_items i JOIN rounds r ON r.id = "
                                 "i.round_id JOIN posts p ON p.id = i.post_id WHERE r.name = "
                                 "'Server pilot' ORDER BY i.position LIMIT 1");
    }
    addLabel(path, "Server pilot", item, "");
    auto made = runCli({"round", "calibration", path, "--name", "Dee calibration", "--pilot",
                        "Server pilot", "--coders", "Dee", "--posts", item});
    INFO(made.err);
    REQUIRE(made.code == 0);
    // The consensus cleared again: no label holds the sample, but the calibration round
    // still points at its pilot.
    {
        auto project = Project::open(path);
        REQUIRE(project.ok());
        REQUIRE(project->db().exec("DELETE FROM label_categories; DELETE FROM labels").ok());
    }
    const auto before = snapshot(path);
    auto redraw =
        runCli({"sample", path, "--set", "Server", "--size", "10", "--seed", "2", "--replace"});
    CHECK(redraw.code == 1);
    CHECK_THAT(redraw.err, Catch::Contains("the calibration rounds 'Dee calibration' are scored "
                                           "against, so a new draw is refused even with replace"));
    CHECK(snapshot(path) == before);
}
