// A reliability round of three coders, end to end as a team works: the lead assigns
// three coders with `taxo round assign`, exports three coder's packages, each coder
// labels in their own package through core/labels (as the Coding page does), the lead
// merges them, measures the agreement (`taxo agreement --json`), the arbitrator decides
// the conflicts in an arbitrator's package that carries all three coders' labels, the
// lead merges it and exports the results.
//
// The labels (posts in the round's order; coders Ann, Bo, Cy; T TFLite, C Core ML,
// O ONNX, F False positive, U Unclear, P Pending, - no label):
//
//   TTT TTT CCC CCO OOO FFF TCT UUU OOC TTP CCC FF-
//
// Reference values, computed on exactly these labels by /usr/bin/python3 (Debian 12)
// with the script below (each line prints one figure):
//
//   from statsmodels.stats.inter_rater import fleiss_kappa, aggregate_raters
//   from nltk.metrics.agreement import AnnotationTask
//   from sklearn.metrics import cohen_kappa_score
//   rows = ["TTT","TTT","CCC","CCO","OOO","FFF","TCT","UUU","OOC","TTP","CCC","FF-"]
//   codes = {c: i for i, c in enumerate("TCOFUP")}
//   complete = [[codes[c] for c in r] for r in rows if '-' not in r]
//   print(fleiss_kappa(aggregate_raters(complete)[0]))       # statsmodels 0.13.5
//   data = [(coder, str(i), r[k]) for i, r in enumerate(rows)
//           for k, coder in enumerate("ABC") if r[k] != '-']
//   print(AnnotationTask(data=data).alpha())                 # NLTK 3.8
//   for a, b in [(0, 1), (0, 2), (1, 2)]:                    # scikit-learn 1.2.1
//       both = [r for r in rows if r[a] != '-' and r[b] != '-']
//       print(cohen_kappa_score([r[a] for r in both], [r[b] for r in both]))
//
// Fleiss' kappa 0.6834532374100718 (statsmodels' fleiss_kappa; the 11 posts all three
// labeled), Krippendorff's alpha 0.7148846960167715 (NLTK's AnnotationTask.alpha, with
// Cy's missing label), pairwise Cohen's kappa Ann-Bo 0.8918918918918919, Ann-Cy
// 0.648936170212766, Bo-Cy 0.5319148936170213 (scikit-learn's cohen_kappa_score).

#include "core/agreement/agreement_csv.h"
#include "core/agreement/project_agreement.h"
#include "core/arbitration/arbitration.h"
#include "core/labels/labels.h"
#include "core/packages/packages.h"
#include "core/results/final_labels.h"
#include "core/store/statements.h"
#include "tests/support/study_builder.h"
#include "tests/support/test_support.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>
#include <vector>

using namespace taxo;
using taxo::test::runCli;
using taxo::test::TempDir;

namespace {

const std::vector<std::string> kRows = {"TTT", "TTT", "CCC", "CCO", "OOO", "FFF",
                                        "TCT", "UUU", "OOC", "TTP", "CCC", "FF-"};
const std::vector<std::string> kCoders = {"Ann", "Bo", "Cy"};

void ok(const std::vector<std::string>& words) {
    const auto result = runCli(words);
    INFO(words.front() << ": " << result.err);
    REQUIRE(result.code == 0);
}

std::int64_t idOf(sql::Database& db, const std::string& sql, const std::string& name) {
    auto id = sql::queryOptionalIntBound(db, sql, name);
    REQUIRE(id.ok());
    REQUIRE(id->has_value());
    return **id;
}

labels::LabelContent contentOf(sql::Database& db, char code) {
    labels::LabelContent content;
    const std::map<char, std::string> leaves = {{'T', "TFLite"}, {'C', "Core ML"}, {'O', "ONNX"}};
    if (const auto leaf = leaves.find(code); leaf != leaves.end())
        content.categories = {idOf(db, "SELECT id FROM categories WHERE name = ?", leaf->second)};
    else
        content.special = code == 'F'   ? labels::Special::FalsePositive
                          : code == 'U' ? labels::Special::Unclear
                                        : labels::Special::Pending;
    return content;
}

// The round's posts in order, read from whichever file holds the round.
std::vector<std::int64_t> roundPosts(sql::Database& db) {
    auto posts = sql::queryIntsBound(db,
                                     "SELECT i.post_id FROM round_items i JOIN rounds r ON r.id "
                                     "= i.round_id WHERE r.name = ? ORDER BY i.position",
                                     std::string("Mobile reliability"));
    REQUIRE(posts.ok());
    return *posts;
}

// A project with a set "Mobile" of 12 posts, its root with three leaves, an arbitrator
// of the root, three coders, and every post in one reliability round of all three.
std::string makeThreeCoderStudy(const TempDir& dir) {
    const auto path = dir.file("study.taxo");
    taxo::test::makeStudy(path, {{"Mobile", taxo::test::numberedItems(12)}});
    {
        auto project = Project::open(path);
        REQUIRE(project.ok());
        taxo::test::StudyBuilder study(*project);
        const auto root = study.category(std::nullopt, "Mobile");
        const auto conversion = study.category(root, "Conversion");
        for (const char* leaf : {"TFLite", "Core ML", "ONNX"})
            study.category(conversion, leaf);
    }
    ok({"sample", path, "--set", "Mobile", "--all", "--seed", "19", "--pilot-fraction", "0"});
    for (const auto& coder : kCoders)
        ok({"people", "add", path, coder, "--role", "coder"});
    ok({"people", "add", path, "Lee", "--role", "arbitrator", "--root", "Mobile"});
    ok({"round", "assign", path, "Mobile reliability", "--coders", "Ann,Bo,Cy"});
    return path;
}

} // namespace

TEST_CASE("Three coders: packages, agreement, arbitration and results end to end",
          "[ncoders][packages][agreement][cli]") {
    TempDir dir;
    const auto path = makeThreeCoderStudy(dir);

    // Each coder labels their own package, blind to the others.
    for (std::size_t c = 0; c < kCoders.size(); ++c) {
        const auto file = dir.file(kCoders[c] + ".taxo");
        ok({"package", "export", path, "--person", kCoders[c], "--out", file});
        auto package = Project::open(file);
        REQUIRE(package.ok());
        auto& db = package->db();
        // A coder's package holds that coder's work alone, as with two coders.
        auto meta = packages::readPackageMeta(db);
        REQUIRE(meta.ok());
        REQUIRE(meta->has_value());
        auto offered = packages::packageAssignments(db, **meta);
        REQUIRE(offered.ok());
        REQUIRE(offered->size() == 1);
        const auto round = offered->front().roundId;
        const auto me = idOf(db, "SELECT id FROM people WHERE name = ?", kCoders[c]);
        CHECK(offered->front().coder == me);
        const auto posts = roundPosts(db);
        REQUIRE(posts.size() == kRows.size());
        for (std::size_t i = 0; i < posts.size(); ++i)
            if (kRows[i][c] != '-')
                REQUIRE(
                    labels::saveLabel(db, {round, posts[i], me}, contentOf(db, kRows[i][c])).ok());
    }
    for (const auto& coder : kCoders)
        ok({"package", "import", path, dir.file(coder + ".taxo")});

    // The agreement of the round: Fleiss' kappa leads, alpha with the missing label,
    // the pairwise matrix; Cohen's kappa of "the two coders" does not exist here.
    auto measured = runCli({"agreement", path, "--round", "Mobile reliability", "--json"});
    INFO(measured.err);
    REQUIRE(measured.code == 0);
    const auto json = nlohmann::json::parse(measured.out);
    CHECK(json["headline"] == "fleiss_kappa");
    CHECK(json["coders"].size() == 3);
    CHECK(json["coders"][2]["name"] == "Cy");
    CHECK(json["coders"][2]["labeled"] == 11);
    CHECK(json["fleiss_kappa"]["kappa"].get<double>() ==
          Approx(0.6834532374100718).epsilon(1e-12)); // statsmodels 0.13.5 fleiss_kappa
    CHECK(json["fleiss_kappa"]["n"] == 11);
    CHECK(json["fleiss_kappa"]["posts_excluded"] == 1);
    CHECK(json["alpha_nominal"]["alpha"].get<double>() ==
          Approx(0.7148846960167715).epsilon(1e-12)); // NLTK 3.8 AnnotationTask.alpha
    REQUIRE(json["pairwise"].size() == 3);
    const std::vector<std::tuple<std::string, std::string, double>> pairs = {
        {"Ann", "Bo", 0.8918918918918919}, // scikit-learn 1.2.1 cohen_kappa_score
        {"Ann", "Cy", 0.648936170212766},
        {"Bo", "Cy", 0.5319148936170213}};
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        const auto& [a, b, kappa] = pairs[i];
        CHECK(json["pairwise"][i]["a"] == a);
        CHECK(json["pairwise"][i]["b"] == b);
        CHECK(json["pairwise"][i]["kappa"].get<double>() == Approx(kappa).epsilon(1e-12));
    }
    CHECK(json["kappa"].is_null());
    CHECK_THAT(json["kappa_undefined_reason"].get<std::string>(),
               Catch::Contains("Cohen's kappa compares two coders"));
    // The study is this one round, so it says the same.
    const auto study = nlohmann::json::parse(runCli({"agreement", path, "--json"}).out);
    CHECK(study["scope"] == "study");
    CHECK(study["fleiss_kappa"]["kappa"] == json["fleiss_kappa"]["kappa"]);
    const auto text = runCli({"agreement", path}).out;
    CHECK_THAT(text, Catch::Contains("Ann labeled 12, Bo labeled 12, Cy labeled 11 of 12 posts"));
    CHECK_THAT(text, Catch::Contains("Fleiss' kappa 0.683, n = 11 posts labeled by all 3 coders"));
    CHECK_THAT(text, Catch::Contains("Ann - Cy: 0.649"));

    // Conflicts: any two coders differ (posts 4, 7, 9) or one said Pending (post 10);
    // post 12, which Cy has not labeled, is none.
    std::vector<std::int64_t> posts;
    {
        auto project = Project::open(path, Project::Access::ReadOnly);
        REQUIRE(project.ok());
        posts = roundPosts(project->db());
        auto conflicts = arbitration::listConflicts(project->db());
        REQUIRE(conflicts.ok());
        std::vector<std::int64_t> conflictPosts;
        for (const auto& conflict : *conflicts)
            conflictPosts.push_back(conflict.postId);
        CHECK(conflictPosts == std::vector<std::int64_t>{posts[3], posts[6], posts[8], posts[9]});
        CHECK((*conflicts)[0].reason == "differ");
        CHECK((*conflicts)[3].reason == "pending");
        // The CSV carries Fleiss' kappa before Cohen's and the matrix of pairs, and a
        // progress row per coder.
        auto round = agreement::projectAgreement(project->db(), "Mobile reliability");
        REQUIRE(round.ok());
        const auto csv = agreement::agreementCsv(*round);
        CHECK_THAT(
            csv, Catch::Contains("\r\nfleiss_kappa,overall,Mobile reliability,,,0.68345323741007"));
        CHECK_THAT(csv, Catch::Contains("\r\npairwise_kappa,pair,,Ann,Cy,0.64893617021276"));
        CHECK_THAT(csv, Catch::Contains("\r\ncoder_progress,coder,Cy,,,11,"));
    }
    const auto listed = runCli({"conflicts", path}).out;
    CHECK_THAT(listed, Catch::Contains("Ann: Mobile/Conversion/Core ML | Bo: "
                                       "Mobile/Conversion/Core ML | Cy: Mobile/Conversion/ONNX"));

    // The arbitrator's package carries every coder's label: Lee sees Cy's and takes it.
    const auto lee = dir.file("lee.taxo");
    ok({"package", "export", path, "--person", "Lee", "--arbitrator", "--out", lee});
    {
        auto package = Project::open(lee);
        REQUIRE(package.ok());
        auto& db = package->db();
        const auto me = idOf(db, "SELECT id FROM people WHERE name = ?", "Lee");
        for (std::size_t i : {3, 6, 8, 9}) {
            auto conflict = arbitration::conflictForPost(db, posts[i]);
            REQUIRE(conflict.ok());
            REQUIRE(conflict->has_value());
            REQUIRE((*conflict)->more.size() == 1);
            CHECK((*conflict)->a.coder == "Ann");
            CHECK((*conflict)->b.coder == "Bo");
            const auto& cy = (*conflict)->more.front();
            CHECK(cy.coder == "Cy");
            REQUIRE(cy.label);
            // Post 10: Cy said Pending, which is no decision; Lee takes Ann's.
            const auto& taken = i == 9 ? (*conflict)->a : cy;
            arbitration::DecisionContent decision;
            decision.categories = taken.label->content.categories;
            decision.special = taken.label->content.special;
            decision.rationale = "took " + taken.coder + "'s";
            auto decided = arbitration::decide(db, posts[i], me, decision);
            INFO((decided.ok() ? std::string() : decided.message()));
            REQUIRE(decided.ok());
        }
    }
    ok({"package", "import", path, lee});

    // Results: every post is final but post 12, which waits for Cy.
    auto project = Project::open(path, Project::Access::ReadOnly);
    REQUIRE(project.ok());
    auto finals = results::finalLabels(project->db());
    REQUIRE(finals.ok());
    std::map<std::int64_t, results::FinalLabel> byPost;
    for (const auto& label : *finals)
        byPost.emplace(label.postId, label);
    const auto onnx = idOf(project->db(), "SELECT id FROM categories WHERE name = ?", "ONNX");
    const auto tflite = idOf(project->db(), "SELECT id FROM categories WHERE name = ?", "TFLite");
    CHECK(byPost.at(posts[3]).source == results::FinalSource::Decision);
    CHECK(byPost.at(posts[3]).categories == std::vector<codebook::CategoryId>{onnx});
    CHECK(byPost.at(posts[9]).categories == std::vector<codebook::CategoryId>{tflite});
    CHECK(byPost.at(posts[0]).source == results::FinalSource::Agreement);
    CHECK_FALSE(byPost.at(posts[11]).resolved());
    CHECK(std::count_if(finals->begin(), finals->end(),
                        [](const auto& label) { return label.resolved(); }) == 11);
    const auto methods = dir.file("methods.md");
    ok({"export", path, "--format", "methods-md", "--out", methods, "--allow-unresolved"});
    const auto paragraph = taxo::test::readFile(methods);
    CHECK_THAT(paragraph,
               Catch::Contains("is 0.683 measured by Fleiss' kappa (3 coders, 11 posts labeled "
                               "by all of them"));
    CHECK_THAT(paragraph, Catch::Contains("4 posts where the coders differed or one said Pending "
                                          "went to arbitration"));
}

// A study of a three-coder round (the labels above) and a two-coder round "Web reliability"
// (Ann HHSSHS, Bo HHSSSS; H HTTP, S CSS). Fleiss' kappa does not pool two and three
// coders, so the study's is undefined and names the rounds; Cohen's kappa covers the
// two-coder round, alpha both. References on exactly these labels, /usr/bin/python3:
//   cohen_kappa_score(list("HHSSHS"), list("HHSSSS"))            # scikit-learn 1.2.1
//     -> 0.6666666666666667
//   AnnotationTask(data=<the 12 posts above as before, plus
//     [(c, "w" + str(i), v) for i, (x, y) in enumerate(zip("HHSSHS", "HHSSSS"))
//      for c, v in (("A", x), ("B", y))]>).alpha()                 # NLTK 3.8
//     -> 0.7532188841201717
TEST_CASE("Three coders: a study mixing rounds of two and three coders says what it measures",
          "[ncoders][agreement][cli]") {
    TempDir dir;
    const auto path = dir.file("mixed.taxo");
    auto items = taxo::test::numberedItems(12);
    taxo::test::makeStudy(path, {{"Mobile", items}, {"Web", taxo::test::numberedItems(6, "se")}});
    {
        auto project = Project::open(path);
        REQUIRE(project.ok());
        taxo::test::StudyBuilder study(*project);
        const auto conversion =
            study.category(study.category(std::nullopt, "Mobile"), "Conversion");
        for (const char* leaf : {"TFLite", "Core ML", "ONNX"})
            study.category(conversion, leaf);
        const auto requests = study.category(study.category(std::nullopt, "Web"), "Requests");
        for (const char* leaf : {"HTTP", "CSS"})
            study.category(requests, leaf);
    }
    for (const char* set : {"Mobile", "Web"})
        ok({"sample", path, "--set", set, "--all", "--seed", "19", "--pilot-fraction", "0"});
    for (const auto& coder : kCoders)
        ok({"people", "add", path, coder, "--role", "coder"});
    ok({"round", "assign", path, "Mobile reliability", "--coders", "Ann,Bo,Cy"});
    ok({"round", "assign", path, "Web reliability", "--coders", "Ann,Bo"});
    {
        auto project = Project::open(path);
        REQUIRE(project.ok());
        auto& db = project->db();
        const auto roundOf = [&](const std::string& name) {
            return idOf(db, "SELECT id FROM rounds WHERE name = ?", name);
        };
        const auto mobile = roundPosts(db);
        for (std::size_t c = 0; c < kCoders.size(); ++c) {
            const auto coder = idOf(db, "SELECT id FROM people WHERE name = ?", kCoders[c]);
            for (std::size_t i = 0; i < mobile.size(); ++i)
                if (kRows[i][c] != '-')
                    REQUIRE(labels::saveLabel(db, {roundOf("Mobile reliability"), mobile[i], coder},
                                              contentOf(db, kRows[i][c]))
                                .ok());
        }
        auto web = sql::queryIntsBound(db,
                                       "SELECT post_id FROM round_items WHERE round_id = ? "
                                       "ORDER BY position",
                                       roundOf("Web reliability"));
        REQUIRE(web.ok());
        REQUIRE(web->size() == 6);
        const std::vector<std::string> webRows = {"HHSSHS", "HHSSSS"};
        for (std::size_t c = 0; c < 2; ++c) {
            const auto coder = idOf(db, "SELECT id FROM people WHERE name = ?", kCoders[c]);
            for (std::size_t i = 0; i < web->size(); ++i) {
                labels::LabelContent content;
                content.categories = {idOf(db, "SELECT id FROM categories WHERE name = ?",
                                           webRows[c][i] == 'H' ? "HTTP" : "CSS")};
                REQUIRE(
                    labels::saveLabel(db, {roundOf("Web reliability"), (*web)[i], coder}, content)
                        .ok());
            }
        }
    }

    const auto result = runCli({"agreement", path, "--json"});
    INFO(result.err);
    REQUIRE(result.code == 0);
    const auto json = nlohmann::json::parse(result.out);
    CHECK(json["headline"] == "fleiss_kappa");
    CHECK(json["fleiss_kappa"]["kappa"].is_null());
    CHECK(json["fleiss_kappa"]["kappa_undefined_reason"] ==
          "Fleiss' kappa needs the same number of coders on every post, and the rounds differ "
          "(Mobile reliability 3, Web reliability 2): measure one round with --round, or see "
          "Krippendorff's alpha, which covers them all");
    CHECK(json["kappa"].get<double>() ==
          Approx(0.6666666666666667).epsilon(1e-12)); // scikit-learn, the Web round alone
    CHECK(json["n"] == 6);
    CHECK(json["alpha_nominal"]["alpha"].get<double>() ==
          Approx(0.7532188841201717).epsilon(1e-12)); // NLTK, both rounds
    REQUIRE(json["rounds"].size() == 2);
    CHECK(json["rounds"][0]["fleiss_kappa"]["kappa"].get<double>() ==
          Approx(0.6834532374100718).epsilon(1e-12)); // statsmodels, as above
    CHECK(json["rounds"][1]["fleiss_kappa"].is_null());
    CHECK(json["rounds"][1]["kappa"] == json["kappa"]);
    // Ann and Bo are compared over both rounds, Cy over the one they coded.
    REQUIRE(json["pairwise"].size() == 3);
    CHECK(json["pairwise"][0]["n"] == 18);
    CHECK(json["pairwise"][1]["n"] == 11);

    // Cy codes in one round only, and the text says of how many posts.
    CHECK_THAT(runCli({"agreement", path}).out,
               Catch::Contains(": Ann labeled 18 of 18, Bo labeled 18 of 18, Cy labeled 11 of 12 "
                               "posts\n"));

    const auto methods = dir.file("methods.md");
    ok({"export", path, "--format", "methods-md", "--out", methods, "--allow-unresolved"});
    const auto paragraph = taxo::test::readFile(methods);
    CHECK_THAT(paragraph, Catch::Contains("is 0.667 measured by Cohen's kappa"));
    CHECK_THAT(paragraph, Catch::Contains("over the reliability round with two coders)"));
    CHECK_THAT(paragraph, Catch::Contains("3 coders each; Fleiss' kappa was 0.683"));
}
