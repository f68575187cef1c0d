// Calibration rounds (docs/agreement.md, "Calibration"): made from a pilot's consensus
// posts only, labeled blind in a coder's package, scored against the pilot's consensus,
// and never counted in the study's results.

#include "core/agreement/calibration.h"
#include "core/agreement/project_agreement.h"
#include "core/exchange/exchange.h"
#include "core/packages/packages.h"
#include "core/sampling/draw.h"
#include "tests/core/calibration_fixture.h"
#include "tests/core/import_helpers.h"

#include <array>
#include <catch2/catch.hpp>

using namespace taxo;
using namespace taxo::test;

namespace {

agreement::CalibrationScore deeScore(sql::Database& db) {
    auto scores = agreement::calibrationScores(db, "Dee calibration");
    INFO((scores.ok() ? std::string() : scores.message()));
    REQUIRE(scores.ok());
    REQUIRE(scores->size() == 1);
    return scores->front();
}

// The rows a refused calibration round must leave as they were.
std::map<std::string, std::vector<std::string>> roundTables(sql::Database& db) {
    std::map<std::string, std::vector<std::string>> dump;
    for (const char* table : {"rounds", "round_items", "round_coders", "labels", "change_log"})
        dump[table] = dumpTable(db, table);
    return dump;
}

} // namespace

TEST_CASE("Calibration: Dee's kappa against the consensus is scikit-learn's", "[calibration]") {
    TempDir dir;
    makeCalibrationStudy(dir.file("study.taxo"));
    auto project = Project::open(dir.file("study.taxo"));
    REQUIRE(project.ok());
    const auto score = deeScore(project->db());
    CHECK(score.coder == "Dee");
    CHECK(score.pilot == "pilot");
    CHECK(score.items == 9);
    // Post 10 is not labeled yet: reported, and in no figure.
    CHECK(score.notYetLabeled == std::vector<std::string>{"stackoverflow:1010"});
    CHECK(score.withoutConsensus.empty());
    CHECK(score.kappa.n == 8);
    CHECK(score.kappa.agreements == 5);
    CHECK(score.kappa.percentAgreement == Approx(62.5));
    // The eight pairs (Dee, consensus) of calibration_fixture.h, with leaves as letters:
    //   coder     = ["P", "P",  "F", "I",  "I", "FP", "P", "F"]
    //   consensus = ["P", "PQ", "F", "PI", "I", "FP", "Q", "F"]
    // scikit-learn 1.2.1: cohen_kappa_score(coder, consensus) = 0.5555555555555556.
    // statsmodels 0.13.5: cohens_kappa(to_table(pairs as category indices)[0]) gives
    // std_kappa 0.17642758115412358, kappa_low 0.2097638506139557 and kappa_upp
    // 0.9013472604971555 (both run with /usr/bin/python3 on the lists above).
    REQUIRE(score.kappa.kappa);
    CHECK(*score.kappa.kappa == Approx(0.5555555555555556).margin(1e-12));
    CHECK(*score.kappa.standardError == Approx(0.17642758115412358).margin(1e-12));
    CHECK(*score.kappa.ciLow == Approx(0.2097638506139557).margin(1e-12));
    CHECK(*score.kappa.ciHigh == Approx(0.9013472604971555).margin(1e-12));
}

TEST_CASE("Calibration: per category and the posts that differ, by hand", "[calibration]") {
    TempDir dir;
    makeCalibrationStudy(dir.file("study.taxo"));
    auto project = Project::open(dir.file("study.taxo"));
    REQUIRE(project.ok());
    const auto score = deeScore(project->db());
    // Counted from the table in calibration_fixture.h over the eight scored posts:
    // Procedure: both on 1 and 2, Dee only on 8, consensus only on 4: 2*2/(4+1+1) = 2/3.
    // Model quantization: consensus only on 2 and 8: 0. Format: both on 3 and 9: 1.
    // Input: both on 4 and 5: 1.
    REQUIRE(score.perCategory.size() == 4);
    const auto& input = score.perCategory[0];
    const auto& quantization = score.perCategory[1];
    const auto& procedure = score.perCategory[2];
    const auto& format = score.perCategory[3];
    CHECK(input.path == "Mobile/Data/Input");
    CHECK(quantization.path == "Server/Cloud/Model Export/Model quantization");
    CHECK(procedure.path == "Server/Cloud/Model Export/Procedure");
    CHECK(format.path == "Server/Cloud/Request/Format");
    CHECK((std::array{procedure.both, procedure.coderOnly, procedure.consensusOnly}) ==
          std::array<std::size_t, 3>{2, 1, 1});
    CHECK(procedure.positiveAgreement == Approx(2.0 / 3.0).margin(1e-15));
    CHECK((std::array{quantization.both, quantization.coderOnly, quantization.consensusOnly}) ==
          std::array<std::size_t, 3>{0, 0, 2});
    CHECK(quantization.positiveAgreement == 0.0);
    CHECK((std::array{format.both, format.coderOnly, format.consensusOnly}) ==
          std::array<std::size_t, 3>{2, 0, 0});
    CHECK(format.positiveAgreement == 1.0);
    CHECK((std::array{input.both, input.coderOnly, input.consensusOnly}) ==
          std::array<std::size_t, 3>{2, 0, 0});
    CHECK(input.positiveAgreement == 1.0);

    REQUIRE(score.differences.size() == 3);
    const auto& two = score.differences[0];
    CHECK(two.item == "stackoverflow:1002");
    CHECK(two.title == "post 2");
    CHECK(two.consensus ==
          "Server/Cloud/Model Export/Procedure; Server/Cloud/Model Export/Model quantization");
    CHECK(two.consensusNote == "asks for both steps");
    CHECK(two.coderLabel == "Server/Cloud/Model Export/Procedure");
    CHECK(two.coderNote.empty());
    CHECK(score.differences[1].item == "stackoverflow:1004");
    CHECK(score.differences[1].consensus ==
          "Server/Cloud/Model Export/Procedure; Mobile/Data/Input");
    CHECK(score.differences[1].coderLabel == "Mobile/Data/Input");
    const auto& eight = score.differences[2];
    CHECK(eight.item == "stackoverflow:1008");
    CHECK(eight.consensus == "Server/Cloud/Model Export/Model quantization");
    CHECK(eight.coderLabel == "Server/Cloud/Model Export/Procedure");
    CHECK(eight.coderNote == "looks like an export");

    // Only the coder asked for; a person who is not one of its coders is refused.
    auto one = agreement::calibrationScores(project->db(), "Dee calibration", "Dee");
    REQUIRE(one.ok());
    CHECK(one->size() == 1);
    auto other = agreement::calibrationScores(project->db(), "Dee calibration", "Ann");
    REQUIRE_FALSE(other.ok());
    CHECK_THAT(other.message(), Catch::Contains("Ann is not a coder of calibration round"));
    auto pilot = agreement::calibrationScores(project->db(), "pilot");
    REQUIRE_FALSE(pilot.ok());
    CHECK_THAT(pilot.message(), Catch::Contains("is a pilot round, not a calibration round"));
}

TEST_CASE("Calibration: the round names its pilot and only consensus posts are candidates",
          "[calibration]") {
    TempDir dir;
    makeCalibrationStudy(dir.file("study.taxo"));
    auto project = Project::open(dir.file("study.taxo"));
    REQUIRE(project.ok());
    auto list = rounds::listRounds(*project);
    REQUIRE(list.ok());
    REQUIRE(list->size() == 2);
    const auto& round = list->back();
    CHECK(round.name == "Dee calibration");
    CHECK(round.kind == rounds::RoundKind::Calibration);
    CHECK(round.pilotRound == "pilot");
    CHECK(round.items == 9);
    REQUIRE(round.coders.size() == 1);
    CHECK(round.coders[0].name == "Dee");
    CHECK(round.coders[0].labels == 8);
    CHECK(queryInt(*project, "SELECT count(*) FROM change_log WHERE action = "
                             "'round.calibration'") == 1);
    // Posts 11 (Pending) and 12 (no consensus) are not candidates.
    auto candidates = sampling::calibrationCandidates(project->db(), "pilot");
    REQUIRE(candidates.ok());
    CHECK(*candidates == std::vector<std::int64_t>{1, 2, 3, 4, 5, 6, 8, 9, 10});
    // A calibration round takes no consensus label of its own.
    labels::LabelContent content;
    content.special = labels::Special::Unclear;
    auto joint = labels::saveLabel(project->db(), {round.id, 1, std::nullopt}, content);
    CHECK_FALSE(joint.ok());
}

TEST_CASE("Calibration: a drawn round is the seeded shuffle of the candidates", "[calibration]") {
    TempDir dir;
    auto project = Project::create(dir.file("study.taxo"), "draw");
    REQUIRE(project.ok());
    seedCalibrationPilot(*project);
    auto request = deeCalibration();
    request.posts.clear();
    request.count = 4;
    request.seed = "7";
    auto created = sampling::createCalibrationRound(*project, request);
    INFO((created.ok() ? std::string() : created.message()));
    REQUIRE(created.ok());
    // The candidates in canonical order, shuffled as a sample is (draw.h), first four.
    std::vector<std::string> expected;
    for (const int id : {1, 2, 3, 4, 5, 6, 8, 9, 10})
        expected.push_back("stackoverflow:" + std::to_string(1000 + id));
    std::mt19937_64 engine(7);
    sampling::shuffleInPlace(expected, engine);
    expected.resize(4);
    CHECK(created->items == expected);
    CHECK(created->eligible == 9);
}

TEST_CASE("Calibration: a round from anything but a pilot's consensus posts is refused, the "
          "project unchanged",
          "[calibration][hostile]") {
    TempDir dir;
    auto project = Project::create(dir.file("study.taxo"), "hostile");
    REQUIRE(project.ok());
    seedCalibrationPilot(*project);
    StudyBuilder(*project).round(
        {"reliability", rounds::RoundKind::Reliability, {}, {}, "t", {4, 5, 6}, {1, 2}});
    const auto before = roundTables(project->db());
    const auto refused = [&](sampling::CalibrationRequest request, const std::string& words) {
        auto created = sampling::createCalibrationRound(*project, request);
        REQUIRE_FALSE(created.ok());
        CHECK_THAT(created.message(), Catch::Contains(words));
        CHECK(roundTables(project->db()) == before);
    };
    auto request = deeCalibration();
    request.pilotRound = "reliability";
    refused(request, "round 'reliability' is a reliability round; a calibration round takes its "
                     "posts from a pilot round");
    request.pilotRound = "no such round";
    refused(request, "no round named 'no such round'");
    request = deeCalibration();
    request.posts = {"1", "11"};
    refused(request, "(11) has no consensus label in pilot round 'pilot' (or its consensus is "
                     "Pending)");
    request.posts = {"so:x"};
    refused(request, "no post so:x in the project");
    request.posts = {"12"};
    refused(request, "(12) has no consensus label");
    request.posts = {"7"}; // not in the pilot at all
    refused(request, "(7) has no consensus label");
    request.posts = {"1", "stackoverflow:1001"};
    refused(request, "is named twice");
    request = deeCalibration();
    request.posts.clear();
    request.seed = "7";
    request.count = 0;
    refused(request, "takes from 1 to 9 of them, not 0");
    request.count = 10;
    refused(request, "takes from 1 to 9 of them, not 10");
    request.count = 2;
    request.seed = "seven";
    refused(request, "seven");
    request = deeCalibration();
    request.name = "pilot";
    refused(request, "a round named 'pilot' already exists");
    request.name = "";
    refused(request, "needs a name");
    request = deeCalibration();
    request.coders = {"Cy"};
    refused(request, "Cy is not a coder");
    request.coders = {};
    refused(request, "a calibration round needs at least one coder");
}

TEST_CASE("Calibration: the round is never measured as a round or in the study", "[calibration]") {
    TempDir dir;
    makeCalibrationStudy(dir.file("study.taxo"));
    auto project = Project::open(dir.file("study.taxo"));
    REQUIRE(project.ok());
    auto named = agreement::projectAgreement(project->db(), "Dee calibration");
    REQUIRE_FALSE(named.ok());
    CHECK_THAT(named.message(), Catch::Contains("is a calibration round"));
    CHECK_THAT(named.message(), Catch::Contains("--calibration"));
    // No reliability round: the study has nothing to measure, calibration or not.
    auto study = agreement::projectAgreement(project->db());
    REQUIRE_FALSE(study.ok());
    CHECK_THAT(study.message(), Catch::Contains("no reliability round"));
}

TEST_CASE("Calibration: the coder's package holds no consensus label, and merges back",
          "[calibration][packages]") {
    TempDir dir;
    const auto path = dir.file("study.taxo");
    {
        auto project = Project::create(path, "package");
        REQUIRE(project.ok());
        seedCalibrationPilot(*project);
        REQUIRE(sampling::createCalibrationRound(*project, deeCalibration()).ok());
    }
    const auto package = dir.file("dee.taxo");
    std::map<std::string, codebook::CategoryId> leaves;
    std::int64_t roundId = 0;
    {
        auto project = Project::open(path);
        REQUIRE(project.ok());
        for (const char* name : {"Procedure", "Model quantization", "Format", "Input"})
            leaves[name] = queryInt(
                *project, std::string("SELECT id FROM categories WHERE name = '") + name + "'");
        roundId = queryInt(*project, "SELECT id FROM rounds WHERE kind = 'calibration'");
        auto exported = packages::exportPackage(*project, "Dee", package);
        INFO((exported.ok() ? std::string() : exported.message()));
        REQUIRE(exported.ok());
        CHECK(exported->posts == 9);
    }
    {
        // Blind: the package has the calibration round and its posts, and not one
        // consensus label (nor the pilot round they belong to).
        auto pkg = Project::open(package);
        REQUIRE(pkg.ok());
        CHECK(queryInt(*pkg, "SELECT count(*) FROM labels WHERE coder_id IS NULL") == 0);
        CHECK(queryInt(*pkg, "SELECT count(*) FROM labels") == 0);
        CHECK(queryInt(*pkg, "SELECT count(*) FROM rounds WHERE kind = 'pilot'") == 0);
        CHECK(queryInt(*pkg, "SELECT count(*) FROM rounds WHERE kind = 'calibration' AND "
                             "name = 'Dee calibration'") == 1);
        CHECK(queryInt(*pkg, "SELECT count(*) FROM round_items i JOIN rounds r ON r.id = "
                             "i.round_id WHERE r.kind = 'calibration'") == 9);
        auto own = packages::packageAssignments(pkg->db(), **packages::readPackageMeta(pkg->db()));
        REQUIRE(own.ok());
        REQUIRE(own->size() == 1);
        CHECK(own->front().kind == rounds::RoundKind::Calibration);
        labelAsDee(pkg->db(), roundId, leaves);
    }
    // The package file itself: no consensus label row of any calibration post.
    CHECK(readFile(package).find("asks for both steps") == std::string::npos);
    auto project = Project::open(path);
    REQUIRE(project.ok());
    auto merged = packages::importPackage(*project, package);
    INFO((merged.ok() ? std::string() : merged.message()));
    REQUIRE(merged.ok());
    CHECK(merged->labelsAdded == 8);
    REQUIRE(merged->progress.size() == 1);
    CHECK(merged->progress[0].round == "Dee calibration");
    CHECK(merged->progress[0].labeled == 8);
    CHECK(merged->progress[0].total == 9);
    const auto score = deeScore(project->db());
    CHECK(score.kappa.n == 8);
    CHECK(*score.kappa.kappa == Approx(0.5555555555555556).margin(1e-12));
}

TEST_CASE("Calibration: the exchange document carries the round and its pilot",
          "[calibration][exchange]") {
    TempDir dir;
    makeCalibrationStudy(dir.file("study.taxo"));
    nlohmann::json document;
    {
        auto project = Project::open(dir.file("study.taxo"));
        REQUIRE(project.ok());
        auto exported = exchange::exportDocument(*project);
        REQUIRE(exported.ok());
        document = *exported;
    }
    const auto& rounds = document["rounds"];
    REQUIRE(rounds.size() == 2);
    CHECK(rounds[0].contains("pilot") == false);
    CHECK(rounds[1]["kind"] == "calibration");
    CHECK(rounds[1]["pilot"] == "pilot");
    auto copy = Project::create(dir.file("copy.taxo"), "copy");
    REQUIRE(copy.ok());
    auto imported = exchange::importDocument(*copy, document, "calibration.json");
    INFO((imported.ok() ? std::string() : imported.message()));
    REQUIRE(imported.ok());
    auto list = rounds::listRounds(*copy);
    REQUIRE(list.ok());
    CHECK(list->back().kind == rounds::RoundKind::Calibration);
    CHECK(list->back().pilotRound == "pilot");
    const auto score = deeScore(copy->db());
    CHECK(*score.kappa.kappa == Approx(0.5555555555555556).margin(1e-12));
    CHECK(score.differences.size() == 3);
    auto again = exchange::exportDocument(*copy);
    REQUIRE(again.ok());
    CHECK((*again)["rounds"] == document["rounds"]);

    // Hostile documents: a calibration round without its pilot, or naming another kind.
    int attempt = 0;
    const auto refused = [&](nlohmann::json bad, const std::string& words) {
        auto target = Project::create(dir.file("bad" + std::to_string(++attempt) + ".taxo"), "b");
        REQUIRE(target.ok());
        auto result = exchange::importDocument(*target, bad, "bad.json");
        REQUIRE_FALSE(result.ok());
        CHECK_THAT(result.message(), Catch::Contains(words));
        CHECK(queryInt(*target, "SELECT count(*) FROM rounds") == 0);
    };
    auto bad = document;
    bad["rounds"][1].erase("pilot");
    refused(bad, "/rounds/1");
    bad = document;
    bad["rounds"][1]["pilot"] = "Dee calibration";
    refused(bad, "no pilot round named 'Dee calibration' before this round");
    bad = document;
    bad["rounds"][0]["pilot"] = "pilot";
    refused(bad, "only a calibration round names a pilot round");
}
