// Agreement read from a project and reported by `taxo agreement --json`.

#include "cli/command.h"
#include "core/agreement/project_agreement.h"
#include "study_fixture.h"

#include <nlohmann/json.hpp>
#include <sstream>

namespace {

using namespace taxo;
using namespace taxo::test;

struct Outcome {
    int code;
    std::string out;
    std::string err;
};

Outcome runTaxo(const std::vector<std::string>& words) {
    std::ostringstream out, err;
    cli::Io io{out, err, false};
    const int code = cli::run(words, io);
    return {code, out.str(), err.str()};
}

// statsmodels' table10 ([[0,4,1],[0,8,0],[0,1,5]], rows coder A, columns coder B) as
// the labels of 19 posts (ids 8..26, set Server) of the reliability round, on top of
// seedStudy and its codebook; codes 1, 2, 3 are the leaves Procedure, Model
// quantization and Format. The round's items 4-6 stay unlabeled, so they are missing
// for both coders and n stays 19.
void seedTable10Study(Study& study) {
    auto& db = study.db();
    StudyBuilder build(db);
    auto posts = studyPosts();
    std::vector<std::int64_t> table10Posts;
    for (std::int64_t post = 8; post <= 26; ++post) {
        posts.push_back({"stackoverflow", "s" + std::to_string(post), "t"});
        table10Posts.push_back(post);
    }
    seedPostsAndSets(build, posts, table10Posts);
    seedPeople(build);
    seedRounds(build, std::nullopt, table10Posts);
    seedCodebook(study);
    const std::vector<codebook::CategoryId> leaf = {
        study.id("Procedure"), study.id("Model quantization"), study.id("Format")};
    const std::vector<std::vector<int>> table = {{0, 4, 1}, {0, 8, 0}, {0, 1, 5}};
    std::int64_t post = 8;
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t j = 0; j < 3; ++j)
            for (int c = 0; c < table[i][j]; ++c, ++post) {
                seedLabel(db, 2, post, 1, {leaf[i]});
                seedLabel(db, 2, post, 2, {leaf[j]});
            }
}

} // namespace

TEST_CASE("taxo agreement --json gives statsmodels' kappa, SE and CI from the labels",
          "[agreement][project_agreement]") {
    TempDir dir;
    {
        Study study{makeProject(dir), {}};
        seedTable10Study(study);
    }
    const auto result = runTaxo({"agreement", dir.file("study.taxo"), "--json"});
    INFO(result.err);
    REQUIRE(result.code == 0);
    const auto json = nlohmann::json::parse(result.out);
    for (const char* key :
         {"kappa", "observed", "expected", "n", "se", "ci_low", "ci_high", "percent_agreement",
          "per_root", "per_category", "alpha_nominal", "alpha_masi", "confusion"})
        CHECK(json.contains(key));
    // statsmodels 0.13.5 cohens_kappa(table10), as in agreement_tests.cpp.
    CHECK(json["n"] == 19);
    CHECK(json["kappa"].get<double>() == Approx(0.48416289592760187).epsilon(1e-12));
    CHECK(json["se"].get<double>() == Approx(0.1380135783058146).epsilon(1e-12));
    CHECK(json["ci_low"].get<double>() == Approx(0.21366125307070666).epsilon(1e-12));
    CHECK(json["ci_high"].get<double>() == Approx(0.754664538784497).epsilon(1e-12));
    CHECK(json["observed"].get<double>() == Approx(13.0 / 19.0).epsilon(1e-12));
    CHECK(json["percent_agreement"].get<double>() == Approx(100.0 * 13.0 / 19.0).epsilon(1e-12));
    CHECK_FALSE(json.contains("kappa_undefined_reason"));
    CHECK(json["round"] == "reliability");
    CHECK(json["items"] == 22);
    CHECK(json["coders"][0]["name"] == "Ann");
    CHECK(json["coders"][0]["labeled"] == 19);

    // Per root: every labeled post is in Server; Mobile's posts 4-6 are unlabeled.
    REQUIRE(json["per_root"].size() == 2);
    CHECK(json["per_root"][0]["root"] == "Mobile");
    CHECK(json["per_root"][0]["kappa"].is_null());
    CHECK_FALSE(json["per_root"][0]["kappa_undefined_reason"].get<std::string>().empty());
    CHECK(json["per_root"][1]["root"] == "Server/Cloud");
    CHECK(json["per_root"][1]["n"] == 19);
    CHECK(json["per_root"][1]["kappa"].get<double>() == Approx(0.48416289592760187).epsilon(1e-12));

    // Per leaf presence. Procedure: A 5 times, B never -> po = pe = 14/19, kappa 0.
    // Model quantization: both 8, A only 0, B only 5, neither 6 -> po 14/19,
    // pe = (8*13 + 11*6)/361 = 170/361, kappa = 96/191 (by hand; sklearn's
    // cohen_kappa_score on the 0/1 vectors gives the same 0.5026178010471204).
    REQUIRE(json["per_category"].size() == 3);
    std::map<std::string, nlohmann::json> byPath;
    for (const auto& entry : json["per_category"])
        byPath[entry["path"].get<std::string>()] = entry;
    CHECK(byPath.at("Server/Cloud/Model Export/Procedure")["kappa"].get<double>() ==
          Approx(0.0).margin(1e-12));
    CHECK(byPath.at("Server/Cloud/Model Export/Model quantization")["kappa"].get<double>() ==
          Approx(96.0 / 191.0).epsilon(1e-12));

    // Krippendorff's alpha, nominal, two coders: coincidences o = T + T', n = 38, marginals
    // 5, 21, 12, off-diagonal 12: alpha = 1 - 37 * 12 / (38^2 - 610) = 390/834.
    CHECK(json["alpha_nominal"]["alpha"].get<double>() == Approx(390.0 / 834.0).epsilon(1e-12));
    CHECK(json["alpha_masi"]["alpha"].is_number());

    // Confusion cells carry category paths, not ids.
    REQUIRE(json["confusion"].size() == 5);
    CHECK(json["confusion"][0]["a"] == "Server/Cloud/Model Export/Procedure");
    CHECK(json["confusion"][0]["b"] == "Server/Cloud/Model Export/Model quantization");
    CHECK(json["confusion"][0]["count"] == 4);
}

TEST_CASE("taxo agreement: an undefined kappa is null with its reason; a bad round is refused",
          "[agreement][project_agreement]") {
    TempDir dir;
    {
        Study study{makeProject(dir), {}};
        seedStudy(study.db());
        seedCodebook(study);
        // The same value from both coders on every post: pe = 1, kappa is 0/0.
        for (int post = 4; post <= 6; ++post) {
            seedLabel(study.db(), 2, post, 1, {}, "unclear");
            seedLabel(study.db(), 2, post, 2, {}, "unclear");
        }
    }
    const auto path = dir.file("study.taxo");
    auto result = runTaxo({"agreement", path, "--json"});
    REQUIRE(result.code == 0);
    auto json = nlohmann::json::parse(result.out);
    CHECK(json["kappa"].is_null());
    CHECK(json["se"].is_null());
    CHECK(json["ci_low"].is_null());
    CHECK(json["n"] == 3);
    CHECK(json["percent_agreement"].get<double>() == Approx(100.0));
    CHECK_FALSE(json["kappa_undefined_reason"].get<std::string>().empty());
    CHECK(json["confusion"][0]["a"] == "Unclear");

    // The pilot's labels have no coder: nothing to compare, kappa undefined.
    result = runTaxo({"agreement", path, "--round", "pilot", "--json"});
    REQUIRE(result.code == 0);
    CHECK(nlohmann::json::parse(result.out)["n"] == 0);

    result = runTaxo({"agreement", path, "--round", "nope"});
    CHECK(result.code == 1);
    CHECK(result.err.find("taxo: error: no round named \"nope\"") != std::string::npos);
    CHECK(runTaxo({"agreement"}).code == 2);

    // Plain text says so too.
    result = runTaxo({"agreement", path});
    CHECK(result.code == 0);
    CHECK(result.out.find("undefined") != std::string::npos);
}

TEST_CASE("projectAgreement: several reliability rounds need a name",
          "[agreement][project_agreement]") {
    TAXO_STUDY(study);
    REQUIRE(StudyBuilder(study.db())
                .round({"second", rounds::RoundKind::Reliability, {}, {}, "t", {}, {1, 2}}) == 3);
    auto result = agreement::projectAgreement(study.db());
    REQUIRE_FALSE(result.ok());
    CHECK(result.message().find("--round") != std::string::npos);
    CHECK(agreement::projectAgreement(study.db(), "second").ok());
    sqlOrFail(study.db(), "DELETE FROM round_coders WHERE round_id = 3 AND person_id = 2");
    result = agreement::projectAgreement(study.db(), "second");
    REQUIRE_FALSE(result.ok());
    CHECK(result.message().find("exactly two") != std::string::npos);
}
