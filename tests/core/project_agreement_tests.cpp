// Agreement read from a project and reported by `taxo agreement --json`.

#include "cli/command.h"
#include "core/agreement/project_agreement.h"
#include "study_fixture.h"

#include <cstdio>
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
    // The reason names the value as the user knows it, never by an internal key.
    CHECK_THAT(json["kappa_undefined_reason"].get<std::string>(), Catch::Contains("(Unclear)"));

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

// Issue 19: the study's kappa pools every reliability round, each round's pairs once.
// Round 2 holds statsmodels' table10 (19 pairs, Ann against Bo); a second reliability
// round "second" over posts 4-6 has Ann against Cy: Procedure/Procedure,
// Format/Procedure, Model quantization/Model quantization. The 22 pooled pairs, codes
// 0, 1, 2 for the three leaves, give scikit-learn 1.2.1's cohen_kappa_score
// 0.493421052631579 and statsmodels 0.13.5's cohens_kappa on their table: kappa
// 0.49342105263157887, std_kappa 0.13654267987791074, std_kappa0 0.14311014982743653,
// z_value 3.44784107365236, pvalue_two_sided 0.0005650864332482757.
TEST_CASE("projectAgreement: an undefined kappa or alpha names the category by its path",
          "[agreement][project_agreement]") {
    TAXO_STUDY(study);
    for (const int post : {4, 5, 6})
        for (const int coder : {1, 2})
            rawLabel(study.db(), 2, post, coder, {study.id("Procedure")});
    auto result = agreement::projectAgreement(study.db());
    REQUIRE(result.ok());
    REQUIRE_FALSE(result->overall.kappa);
    auto names = codebook::pathOf(study.db(), study.id("Procedure"));
    REQUIRE(names.ok());
    std::string path;
    for (const auto& name : *names)
        path += (path.empty() ? "(" : "/") + name;
    path += ")";
    INFO(result->overall.undefinedReason);
    CHECK_THAT(result->overall.undefinedReason, Catch::Contains(path));
    CHECK_THAT(result->overall.undefinedReason, !Catch::Contains("{"));
    REQUIRE_FALSE(result->alphaNominal.alpha);
    CHECK_THAT(result->alphaNominal.undefinedReason, Catch::Contains(path));
    CHECK_THAT(result->perRoot[0].kappa.undefinedReason, Catch::Contains(path));
}

TEST_CASE("projectAgreement: the study pools every reliability round; a round stays its own",
          "[agreement][project_agreement]") {
    TempDir projectDir;
    Study study{makeProject(projectDir), {}};
    seedTable10Study(study);
    sqlOrFail(study.db(), "INSERT INTO rounds(id, name, kind, created) VALUES (3, 'second', "
                          "'reliability', 't');"
                          "INSERT INTO round_coders VALUES (3, 1), (3, 3);"
                          "INSERT INTO round_items VALUES (3, 4, 0), (3, 5, 1), (3, 6, 2);");
    rawLabel(study.db(), 3, 4, 1, {study.id("Procedure")});
    rawLabel(study.db(), 3, 4, 3, {study.id("Procedure")});
    rawLabel(study.db(), 3, 5, 1, {study.id("Format")});
    rawLabel(study.db(), 3, 5, 3, {study.id("Procedure")});
    rawLabel(study.db(), 3, 6, 1, {study.id("Model quantization")});
    rawLabel(study.db(), 3, 6, 3, {study.id("Model quantization")});

    auto result = agreement::projectAgreement(study.db());
    REQUIRE(result.ok());
    CHECK(result->scope == agreement::AgreementScope::Study);
    CHECK(result->round == "reliability, second");
    CHECK(result->items == 22 + 3);
    CHECK(result->coders.at(0).name == "Ann");
    CHECK(result->coders.at(1).name == "Bo, Cy");
    CHECK(result->coders.at(0).labeled == 22);
    const auto& k = result->overall;
    CHECK(k.n == 22);
    CHECK(*k.kappa == Approx(0.493421052631579).epsilon(1e-13));
    CHECK(*k.standardError == Approx(0.13654267987791074).epsilon(1e-12));
    CHECK(*k.standardErrorNull == Approx(0.14311014982743653).epsilon(1e-12));
    CHECK(*k.zNull == Approx(3.44784107365236).epsilon(1e-12));
    CHECK(*k.pValueNull == Approx(0.0005650864332482757).epsilon(1e-10));
    // Gwet's AC1 on the same 22 pairs, from Gwet's (2008) two-coder formula worked in
    // Python: pa = 15/22, pi = (8, 23, 13)/44, pe = sum pi(1 - pi) / (3 - 1) =
    // 0.303202479338843, AC1 = (pa - pe) / (1 - pe) = 0.5433654558932542.
    REQUIRE(result->ac1.ac1.has_value());
    CHECK(result->ac1.expected == Approx(0.303202479338843).epsilon(1e-13));
    CHECK(*result->ac1.ac1 == Approx(0.5433654558932542).epsilon(1e-13));
    CHECK(result->ac1.observed == Approx(15.0 / 22.0).epsilon(1e-15));
    REQUIRE(result->rounds.size() == 2);
    CHECK(result->rounds[0].round == "reliability");
    CHECK(result->rounds[0].kappa.n == 19);
    // Round alone: statsmodels 0.13.5 cohens_kappa(table10) kappa 0.48416289592760187,
    // z_value 3.2625909799013257, pvalue_two_sided 0.0011039873017298144.
    CHECK(*result->rounds[0].kappa.kappa == Approx(0.48416289592760187).epsilon(1e-13));
    CHECK(*result->rounds[0].kappa.zNull == Approx(3.2625909799013257).epsilon(1e-12));
    CHECK(*result->rounds[0].kappa.pValueNull == Approx(0.0011039873017298144).epsilon(1e-10));
    CHECK(result->rounds[1].round == "second");
    CHECK(result->rounds[1].coders.at(1).name == "Cy");
    CHECK(result->rounds[1].kappa.n == 3);

    // --round keeps today's behaviour: that round alone.
    auto second = agreement::projectAgreement(study.db(), "second");
    REQUIRE(second.ok());
    CHECK(second->scope == agreement::AgreementScope::Round);
    CHECK(second->overall.n == 3);
    CHECK(second->coders.at(1).name == "Cy");

    // The JSON says which scope it is, and gives z and p.
    TempDir dir;
    const auto path = dir.file("copy.taxo");
    REQUIRE(study.db().exec("VACUUM INTO '" + path + "'").ok());
    auto json = nlohmann::json::parse(runTaxo({"agreement", path, "--json"}).out);
    CHECK(json["scope"] == "study");
    CHECK(json["n"] == 22);
    CHECK(json["z"].get<double>() == Approx(3.44784107365236).epsilon(1e-12));
    CHECK(json["p_value"].get<double>() == Approx(0.0005650864332482757).epsilon(1e-10));
    CHECK(json["rounds"].size() == 2);
    CHECK(json["gwet_ac1"]["ac1"].get<double>() == Approx(0.5433654558932542).epsilon(1e-13));
    json = nlohmann::json::parse(runTaxo({"agreement", path, "--round", "second", "--json"}).out);
    CHECK(json["scope"] == "round");
    CHECK(json["n"] == 3);
    // The text prints the test as irr::kappa2 does (z to three digits) and the p-value
    // as R's print.htest (format.pval, four digits).
    const auto text = runTaxo({"agreement", path}).out;
    CHECK_THAT(text, Catch::Contains("z = 3.45, p-value = 0.0005651"));
    CHECK_THAT(text, Catch::Contains("Per round:"));

    // A round with fewer than two coders is refused, named, for the round and for the
    // study.
    sqlOrFail(study.db(), "DELETE FROM round_coders WHERE round_id = 3 AND person_id = 3");
    result = agreement::projectAgreement(study.db(), "second");
    REQUIRE_FALSE(result.ok());
    CHECK(result.message() == "round \"second\" has 1 coder; agreement is measured between "
                              "two or more: assign them with taxo round assign");
    CHECK_FALSE(agreement::projectAgreement(study.db()).ok());
}

// Issue 19, drift: kappa per 50 posts in the order the later of the two coders saved
// them. Posts 201-310 of the reliability round; the later save of post p is at 1000 - p
// (so the last posts come first) and the earlier at p - 200, alternating between the
// coders, so ordering by the earlier save or by position would give other batches.
// Batch 1 (posts 310-261) agrees throughout; batch 2 (260-211) never agrees (A p mod 3,
// B p+1 mod 3); batch 3 (210-201) agrees but for post 201. scikit-learn 1.2.1's
// cohen_kappa_score on batches 2 and 3: -0.49970005998800215 and 0.8507462686567164.
TEST_CASE("projectAgreement: the drift series follows the later coder's saves in batches of 50",
          "[agreement][project_agreement]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    const std::vector<codebook::CategoryId> leaf = {
        study.id("Procedure"), study.id("Model quantization"), study.id("Format")};
    const auto stamp = [](int t) {
        char text[32];
        std::snprintf(text, sizeof text, "2026-01-02T%04d", t);
        return std::string(text);
    };
    for (int p = 201; p <= 310; ++p) {
        sqlOrFail(db, "INSERT INTO posts(id, source, source_id, title) VALUES (" +
                          std::to_string(p) + ", 'stackoverflow', 'd" + std::to_string(p) +
                          "', 't'); INSERT INTO round_items VALUES (2, " + std::to_string(p) +
                          ", " + std::to_string(p) + ");");
        const int a = p % 3;
        const int b = (p > 260 || (p <= 210 && p != 201)) ? p % 3 : (p + 1) % 3;
        const auto labelA = rawLabel(db, 2, p, 1, {leaf[static_cast<std::size_t>(a)]});
        const auto labelB = rawLabel(db, 2, p, 2, {leaf[static_cast<std::size_t>(b)]});
        const bool aLater = p % 2 == 1;
        REQUIRE(sql::runBound(db, "UPDATE labels SET updated = ? WHERE id = ?",
                              stamp(aLater ? 1000 - p : p - 200), labelA)
                    .ok());
        REQUIRE(sql::runBound(db, "UPDATE labels SET updated = ? WHERE id = ?",
                              stamp(aLater ? p - 200 : 1000 - p), labelB)
                    .ok());
    }
    auto result = agreement::projectAgreement(db);
    REQUIRE(result.ok());
    REQUIRE(result->drift.size() == 3);
    CHECK(result->drift[0].first == 1);
    CHECK(result->drift[0].last == 50);
    CHECK(result->drift[0].labeledFrom == stamp(1000 - 310));
    CHECK(result->drift[0].labeledTo == stamp(1000 - 261));
    CHECK(*result->drift[0].kappa.kappa == 1.0);
    CHECK(result->drift[1].kappa.n == 50);
    CHECK(*result->drift[1].kappa.kappa == Approx(-0.49970005998800215).epsilon(1e-13));
    CHECK(result->drift[2].first == 101);
    CHECK(result->drift[2].last == 110);
    CHECK(*result->drift[2].kappa.kappa == Approx(0.8507462686567164).epsilon(1e-13));
}
