// The study's results: final labels, counts and percentages, and the text
// exports. The key test labels a project to the counts of the study and checks
// every percentage the paper prints in sections 6.1-6.6.

#include "core/results/final_labels.h"
#include "core/results/taxonomy_export.h"
#include "core/results/taxonomy_results.h"
#include "core/util/percent.h"
#include "study_counts.h"
#include "study_fixture.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace taxo;
using namespace taxo::test;

namespace {

const results::CategoryResult& byPath(const results::TaxonomyResults& r,
                                      const std::vector<std::string>& path) {
    for (const auto& c : r.categories)
        if (c.path == path)
            return c;
    FAIL("no category at " << path.size() << "-step path starting " << path.front());
    throw std::logic_error("unreachable");
}

const results::FinalLabel& finalOf(const std::vector<results::FinalLabel>& finals,
                                   std::int64_t post) {
    for (const auto& f : finals)
        if (f.postId == post)
            return f;
    FAIL("post " << post << " is not sampled");
    throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("The study's counts reproduce every percentage the paper prints", "[results]") {
    TempDir dir;
    auto project = makeProject(dir);
    auto& db = project.db();
    const auto built = buildStudyCounts(db);

    auto finals = results::finalLabels(db);
    REQUIRE(finals.ok());
    auto computed = results::computeResults(db, *finals);
    REQUIRE(computed.ok());
    const auto& s = computed->summary;
    CHECK(s.sampled == 769);
    // The two posts in two roots were drawn for both sets' samples: two draws each.
    CHECK(s.sampleDraws == 771);
    CHECK(s.falsePositive == 58);
    CHECK(s.unclear == 130);
    CHECK(s.coveredSum == 583);
    CHECK(s.coveredPosts == 581);
    CHECK(s.multiRootPosts == 2);
    CHECK(s.unresolved == 0);
    // Every source of a final label took part.
    CHECK(s.fromPilot == 76);
    CHECK(s.fromDecision == 154);
    CHECK(s.fromAgreement == 769 - 76 - 154);
    REQUIRE(s.coveredPerRoot.size() == 3);
    CHECK(s.coveredPerRoot[0].root == "Server/Cloud");
    CHECK(s.coveredPerRoot[0].covered == 227);
    CHECK(s.coveredPerRoot[1].covered == 231);
    CHECK(s.coveredPerRoot[2].covered == 125);

    struct Printed {
        std::vector<std::string> path;
        std::int64_t count;
        const char* percent; // as the paper prints it
    };
    const std::vector<Printed> printed = {
        {{"Server/Cloud", "Model Export"}, 34, "15.0"},
        {{"Server/Cloud", "Data Processing"}, 45, "19.8"},
        {{"Server/Cloud", "Environment"}, 44, "19.4"},
        {{"Server/Cloud", "Request"}, 31, "13.7"},
        {{"Server/Cloud", "Serving"}, 30, "13.2"},
        {{"Server/Cloud", "Serving", "Multiple model versions"}, 8, "3.5"},
        {{"Server/Cloud", "Serving", "Configuration of batching"}, 6, "2.6"},
        {{"Server/Cloud", "Entire procedure"}, 22, "9.7"},
        {{"Server/Cloud", "Conceptual"}, 10, "4.4"},
        {{"Server/Cloud", "Model Update"}, 6, "2.6"},
        {{"Mobile", "Model Conversion"}, 61, "26.4"},
        {{"Mobile", "Entire procedure"}, 31, "13.4"},
        {{"Mobile", "DL Integration"}, 49, "21.2"},
        {{"Mobile", "Data Processing"}, 39, "16.9"},
        {{"Mobile", "DL Library Compilation"}, 18, "7.8"},
        {{"Mobile", "Inference speed"}, 9, "3.9"},
        {{"Mobile", "Model Update"}, 7, "3.0"},
        {{"Mobile", "Data Extraction"}, 4, "1.7"},
        {{"Mobile", "Conceptual"}, 11, "4.8"},
        {{"Mobile", "DL Integration", "Thread management"}, 5, "2.2"},
        {{"Mobile", "DL Integration", "Build configuration"}, 9, "3.9"},
        {{"Mobile", "DL Integration", "Import/load"}, 10, "4.3"},
        {{"Mobile", "DL Integration", "Set tensor info"}, 19, "8.2"},
        {{"Browser", "Model Loading"}, 30, "24.0"},
        {{"Browser", "Entire procedure"}, 4, "3.2"},
        {{"Browser", "Model Conversion"}, 23, "18.4"},
        {{"Browser", "Data Processing"}, 23, "18.4"},
        {{"Browser", "Environment"}, 24, "19.2"},
        {{"Browser", "Inference Speed"}, 9, "7.2"},
        {{"Browser", "Data Extraction"}, 4, "3.2"},
        {{"Browser", "Model Update"}, 2, "1.6"},
        {{"Browser", "Model Loading", "Loading from local storage"}, 10, "8.0"},
        {{"Browser", "Model Loading", "asynchronous loading"}, 7, "5.6"},
    };
    for (const auto& p : printed) {
        const auto& c = byPath(*computed, p.path);
        INFO(p.path.back());
        CHECK(c.count == p.count);
        CHECK(results::formatPercent(c) == p.percent);
    }
    // Unrounded: 34 / 227 exactly.
    CHECK(byPath(*computed, {"Server/Cloud", "Model Export"}).percent.value() ==
          Approx(100.0 * 34 / 227).epsilon(1e-12));
    // Three posts carry two leaves of DL Integration: the leaves add to 52, the
    // inner category counts 49 posts.
    std::int64_t leafSum = 0;
    for (const auto& c : computed->categories)
        if (c.path.size() == 3 && c.path[0] == "Mobile" && c.path[1] == "DL Integration")
            leafSum += c.count;
    CHECK(leafSum == 52);
    CHECK(byPath(*computed, {"Server/Cloud"}).percent.value() == Approx(100.0));
    CHECK(byPath(*computed, {"Mobile", "Model Update"}).addedInArbitration);
    CHECK_FALSE(byPath(*computed, {"Mobile", "Model Conversion"}).addedInArbitration);
    CHECK(built.posts == 769);
}

TEST_CASE("Final labels: a decision, else the pilot or the agreement; Pending is never final",
          "[results]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    const auto format = study.id("Format"), procedure = study.id("Procedure"),
               input = study.id("Input");
    StudyBuilder(db)
        .role("Cy", people::Role::Arbitrator, "Server/Cloud")
        .role("Cy", people::Role::Arbitrator, "Mobile");
    // Post 1: pilot consensus. Post 2: only an initial code (not a label).
    // Post 3: a Pending consensus, then a decision.
    seedLabel(db, 1, 1, std::nullopt, {format});
    seedLabel(db, 1, 2, std::nullopt, {}, std::nullopt, "some code");
    seedLabel(db, 1, 3, std::nullopt, {}, std::string("pending"));
    seedDecision(db, 3, {procedure});
    // Post 7 (pilot): unclear by consensus, and a decision (written around decide, which
    // would refuse a post without a conflict): a decision is the last word on its post and
    // is never overridden in silence (docs/results.md), so it is final.
    seedLabel(db, 1, 7, std::nullopt, {}, std::string("unclear"));
    REQUIRE(sql::runBound(db, "INSERT INTO decisions(post_id, arbitrator_id, rationale, decided) "
                              "VALUES (7, 3, 'because', 't')")
                .ok());
    REQUIRE(sql::runBound(db, "INSERT INTO decision_categories VALUES (?, ?)", db.lastInsertRowId(),
                          format)
                .ok());
    // Post 4: the coders agree. Post 5: both Pending, no decision yet.
    // Post 6: they disagree and the arbitrator decides.
    seedLabel(db, 2, 4, 1, {input, format});
    seedLabel(db, 2, 4, 2, {format, input});
    seedLabel(db, 2, 5, 1, {}, std::string("pending"));
    seedLabel(db, 2, 5, 2, {}, std::string("pending"));
    seedLabel(db, 2, 6, 1, {input});
    seedLabel(db, 2, 6, 2, {}, std::string("false_positive"));
    seedDecision(db, 6, {input});

    auto finals = results::finalLabels(db);
    REQUIRE(finals.ok());
    REQUIRE(finals->size() == 7);
    using results::FinalSource;
    CHECK(finalOf(*finals, 1).source == FinalSource::Pilot);
    CHECK(finalOf(*finals, 1).categories == std::vector<codebook::CategoryId>{format});
    CHECK(finalOf(*finals, 2).source == FinalSource::Unresolved);
    CHECK(finalOf(*finals, 3).source == FinalSource::Decision);
    CHECK(finalOf(*finals, 7).source == FinalSource::Decision);
    CHECK_FALSE(finalOf(*finals, 7).special);
    CHECK(finalOf(*finals, 7).categories == std::vector<codebook::CategoryId>{format});
    CHECK(finalOf(*finals, 4).source == FinalSource::Agreement);
    CHECK(finalOf(*finals, 4).categories.size() == 2);
    CHECK(finalOf(*finals, 5).source == FinalSource::Unresolved);
    CHECK(finalOf(*finals, 6).source == FinalSource::Decision);
    CHECK(finalOf(*finals, 6).categories == std::vector<codebook::CategoryId>{input});

    // A Pending decision does not resolve post 5 either.
    REQUIRE(sql::runBound(db, "INSERT INTO decisions(post_id, arbitrator_id, special, rationale, "
                              "decided) VALUES (5, 3, 'pending', 'later', 't')")
                .ok());
    finals = results::finalLabels(db);
    REQUIRE(finals.ok());
    CHECK(finalOf(*finals, 5).source == FinalSource::Unresolved);
}

TEST_CASE("Results refuse unresolved posts unless allowed, and then count them", "[results]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    seedLabel(db, 1, 1, std::nullopt, {study.id("Format")});
    auto refused = results::computeResults(db);
    REQUIRE_FALSE(refused.ok());
    CHECK_THAT(refused.message(), Catch::Contains("6 sampled posts have no final label") &&
                                      Catch::Contains("--allow-unresolved"));
    results::ResultsOptions options;
    options.allowUnresolved = true;
    auto allowed = results::computeResults(db, options);
    REQUIRE(allowed.ok());
    CHECK(allowed->summary.unresolved == 6);
    CHECK(allowed->summary.coveredPosts == 1);
    CHECK(byPath(*allowed, {"Server/Cloud", "Request", "Format"}).count == 1);
    // Mobile covers nothing: no denominator, no made-up percentage.
    CHECK_FALSE(byPath(*allowed, {"Mobile", "Data"}).percent.has_value());
    CHECK(results::formatPercent(byPath(*allowed, {"Mobile", "Data"})) == "n/a");
}

TEST_CASE("A final label naming a category outside the codebook is an error", "[results]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    sqlOrFail(db, "PRAGMA foreign_keys = OFF");
    // Forged: saveLabel refuses a category that does not exist.
    sqlOrFail(db, "INSERT INTO labels(round_id, post_id, updated) VALUES (1, 1, 't');"
                  "INSERT INTO label_categories VALUES (last_insert_rowid(), 9999)");
    results::ResultsOptions options;
    options.allowUnresolved = true;
    auto computed = results::computeResults(db, options);
    REQUIRE_FALSE(computed.ok());
    CHECK_THAT(computed.message(), Catch::Contains("post 1") && Catch::Contains("9999"));
}

TEST_CASE("Taxonomy exports: JSON, CSV, Markdown, LaTeX", "[results]") {
    TempDir dir;
    auto project = makeProject(dir);
    auto& db = project.db();
    buildStudyCounts(db);
    // A name with every character the formats must escape.
    addOrFail(db, std::nullopt, "A|b, \"c\" & 50% #_{x}");
    auto computed = results::computeResults(db);
    REQUIRE(computed.ok());

    const auto json = nlohmann::json::parse(results::toJson(*computed));
    CHECK(json["summary"]["sampled"] == 769);
    CHECK(json["summary"]["sample_draws"] == 771);
    CHECK(json["summary"]["covered_posts"] == 581);
    CHECK(json["summary"]["covered_sum"] == 583);
    CHECK(json["summary"]["covered_per_root"]["Browser"] == 125);
    CHECK(json["summary"]["multi_root_posts"] == 2);
    CHECK(json["summary"]["unresolved"] == 0);
    REQUIRE(json["roots"].size() == 4);
    const auto& mobile = json["roots"][1];
    CHECK(mobile["name"] == "Mobile");
    CHECK(mobile["count"] == 231);
    bool sawIntegration = false;
    for (const auto& inner : mobile["children"]) {
        if (inner["name"] == "DL Integration") {
            sawIntegration = true;
            CHECK(inner["count"] == 49);
            CHECK(inner["percent"].get<double>() == Approx(100.0 * 49 / 231));
            CHECK(inner["children"].size() == 5);
        }
        CHECK(inner["added_in_arbitration"] == (inner["name"] == "Model Update"));
    }
    CHECK(sawIntegration);
    CHECK(json["roots"][3]["percent"].is_null());

    const auto csv = results::toCsv(*computed);
    CHECK(csv.rfind("path,level,count,percent,added_in_arbitration\r\n", 0) == 0);
    CHECK_THAT(csv, Catch::Contains("Server/Cloud > Model Export,1,34,15.0,false\r\n"));
    CHECK_THAT(csv, Catch::Contains("Mobile > DL Integration > Import/load,2,10,4.3,false\r\n"));
    CHECK_THAT(csv, Catch::Contains("\"A|b, \"\"c\"\" & 50% #_{x}\",0,0,,false\r\n"));

    const auto md = results::toMarkdown(*computed);
    CHECK_THAT(md, Catch::Contains("Model Export | 34 | 15.0 |"));
    CHECK_THAT(md, Catch::Contains("Model Update* | 7 | 3.0 |"));
    CHECK_THAT(md, Catch::Contains("A\\|b"));
    CHECK_THAT(md, Catch::Contains("583 over the roots (581 distinct posts, 2 in two or more"));

    const auto tex = results::toLatex(*computed);
    CHECK_THAT(tex, Catch::Contains("\\toprule") && Catch::Contains("\\bottomrule"));
    CHECK_THAT(tex, Catch::Contains("Model Export & 34 & 15.0 \\\\"));
    CHECK_THAT(tex, Catch::Contains("A|b, \"c\" \\& 50\\% \\#\\_\\{x\\}"));
}

TEST_CASE("Percentages round half up from the counts, ties included", "[results]") {
    // docs/results.md: one rule for every percentage, computed from the integer counts.
    // On a root of 2,000 covered posts, 1, 3, 7 and 9 posts are exactly 0.05, 0.15, 0.35
    // and 0.45 %; printf("%.1f") on the double gives 0.1, 0.1, 0.3 and 0.5 for them.
    struct Tie {
        std::int64_t count;
        const char* printed;
    };
    for (const auto& tie : {Tie{1, "0.1"}, Tie{3, "0.2"}, Tie{7, "0.4"}, Tie{9, "0.5"}}) {
        results::CategoryResult category;
        category.count = tie.count;
        category.rootCovered = 2000;
        category.percent = 100.0 * static_cast<double>(tie.count) / 2000.0;
        CAPTURE(tie.count);
        CHECK(results::formatPercent(category) == tie.printed);
        CHECK(util::formatShare(tie.count, 2000) == tie.printed);
    }
    CHECK(util::formatShare(34, 227) == "15.0"); // the study's Model Export
    CHECK(util::formatShare(49, 231) == "21.2");
    CHECK(util::formatShare(0, 5) == "0.0");
    CHECK(util::formatShare(5, 5) == "100.0");
    CHECK(util::formatShare(1, 3, 0) == "33");
    CHECK(util::formatShare(1, 8, 2) == "12.50");
    CHECK(util::formatShare(1, 0) == "n/a");
}
