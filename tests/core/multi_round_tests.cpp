// A post labeled in more than one round (docs/results.md, "A post in several rounds"):
// a decision is never overridden, rounds that settled a post differently are a
// conflict for arbitration, and no result depends on the order of the rounds.

#include "core/arbitration/arbitration.h"
#include "core/demo/demo_project.h"
#include "core/exchange/exchange.h"
#include "core/packages/packages.h"
#include "core/results/final_labels.h"
#include "core/results/taxonomy_export.h"
#include "core/results/taxonomy_results.h"
#include "study_fixture.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace taxo;
using namespace taxo::test;

namespace {

const results::FinalLabel& finalOf(const std::vector<results::FinalLabel>& finals,
                                   std::int64_t post) {
    for (const auto& f : finals)
        if (f.postId == post)
            return f;
    FAIL("post " << post << " has no final label entry");
    throw std::logic_error("unreachable");
}

std::vector<results::FinalLabel> finalsOf(sql::Database& db) {
    auto finals = results::finalLabels(db);
    INFO((finals.ok() ? std::string("ok") : finals.message()));
    REQUIRE(finals.ok());
    return std::move(*finals);
}

// Post 4 sits in both sets; a Mobile pilot round (id 3) holds it too.
void addMobilePilot(sql::Database& db) {
    REQUIRE(StudyBuilder(db).round(
                {"Mobile pilot", rounds::RoundKind::Pilot, {}, {}, "t", {4}, {1, 2}}) == 3);
}

std::optional<arbitration::ConflictPost> conflictOf(sql::Database& db, std::int64_t post) {
    auto list = arbitration::conflictPosts(db, true);
    REQUIRE(list.ok());
    for (const auto& conflict : *list)
        if (conflict.postId == post)
            return conflict;
    return std::nullopt;
}

} // namespace

TEST_CASE("A decision is final even where another round's pilot settled the post",
          "[results][rounds]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    addMobilePilot(db);
    seedLabel(db, 3, 4, std::nullopt, {}, "false_positive"); // the Mobile pilot's consensus
    seedLabel(db, 2, 4, 1, {study.id("Format")});            // Ann and Bo differ...
    seedLabel(db, 2, 4, 2, {study.id("Procedure")});
    StudyBuilder(db).role("Cy", people::Role::Arbitrator, "Server/Cloud");
    seedDecision(db, 4, {study.id("Format")}); // ...and Cy decided Request format

    const auto finals = finalsOf(db);
    const auto& final = finalOf(finals, 4);
    CHECK(final.source == results::FinalSource::Decision);
    CHECK(final.categories == std::vector<codebook::CategoryId>{study.id("Format")});
    CHECK_FALSE(final.special);
}

TEST_CASE("Rounds that settled a post differently are a conflict for arbitration",
          "[results][rounds][arbitration]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    addMobilePilot(db);
    seedLabel(db, 3, 4, std::nullopt, {}, "false_positive");
    seedLabel(db, 2, 4, 1, {study.id("Format")}); // the reliability pair agree on Format
    seedLabel(db, 2, 4, 2, {study.id("Format")});

    CHECK(finalOf(finalsOf(db), 4).source == results::FinalSource::Unresolved);
    auto conflict = conflictOf(db, 4);
    REQUIRE(conflict);
    CHECK(conflict->reason == "rounds");
    CHECK_FALSE(conflict->decided);
    auto described = arbitration::conflictForPost(db, 4);
    REQUIRE(described.ok());
    REQUIRE(*described);
    // The two rounds' labels side by side, named by round, in name order.
    CHECK((*described)->a.coder == "Mobile pilot");
    CHECK((*described)->b.coder == "reliability");
    CHECK((*described)->round == "Mobile pilot, reliability");

    // The arbitrator of a root of the post can settle it, and the decision is final.
    StudyBuilder(db).role("Cy", people::Role::Arbitrator, "Mobile");
    arbitration::DecisionContent content;
    content.special = labels::Special::FalsePositive;
    content.rationale = "a question about the build, not about deployment";
    auto decided = arbitration::decide(db, 4, 3, content);
    INFO((decided.ok() ? std::string("ok") : decided.message()));
    REQUIRE(decided.ok());
    const auto finals = finalsOf(db);
    const auto& final = finalOf(finals, 4);
    CHECK(final.source == results::FinalSource::Decision);
    CHECK(final.special == labels::Special::FalsePositive);
}

TEST_CASE("Rounds that settled a post the same way agree; a conflict in one round waits",
          "[results][rounds]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    addMobilePilot(db);
    seedLabel(db, 3, 4, std::nullopt, {study.id("Format")});
    seedLabel(db, 2, 4, 1, {study.id("Format")});
    seedLabel(db, 2, 4, 2, {study.id("Format")});
    {
        const auto finals = finalsOf(db);
        const auto& final = finalOf(finals, 4);
        CHECK(final.source == results::FinalSource::Pilot);
        CHECK(final.categories == std::vector<codebook::CategoryId>{study.id("Format")});
        CHECK_FALSE(conflictOf(db, 4));
    }
    // Bo changes his mind: the reliability round now has a conflict, which the pilot's
    // consensus must not hide.
    seedLabel(db, 2, 4, 2, {study.id("Procedure")});
    CHECK(finalOf(finalsOf(db), 4).source == results::FinalSource::Unresolved);
    auto conflict = conflictOf(db, 4);
    REQUIRE(conflict);
    CHECK(conflict->reason == "differ");
}

TEST_CASE("The demo's exchange document with its rounds in three orders gives the same "
          "taxonomy, and every decision is used",
          "[results][rounds][exchange]") {
    TempDir dir;
    const auto demoPath = dir.file("demo.taxo");
    auto summary = demo::createDemoProject(demoPath);
    INFO((summary.ok() ? std::string("ok") : summary.message()));
    REQUIRE(summary.ok());
    nlohmann::json document;
    {
        auto demo = Project::open(demoPath);
        REQUIRE(demo.ok());
        auto exported = exchange::exportDocument(*demo);
        REQUIRE(exported.ok());
        document = std::move(*exported);
    }
    REQUIRE(document["rounds"].size() >= 3);

    auto taxonomyOf = [&](const nlohmann::json& rounds, const std::string& name) {
        auto copy = document;
        copy["rounds"] = rounds;
        auto project = Project::create(dir.file(name), "copy");
        REQUIRE(project.ok());
        auto imported = exchange::importDocument(*project, copy, name);
        INFO((imported.ok() ? std::string("ok") : imported.message()));
        REQUIRE(imported.ok());
        results::ResultsOptions options;
        options.allowUnresolved = true;
        auto results = results::computeResults(project->db(), options);
        REQUIRE(results.ok());
        auto decisions = project->db().queryInt("SELECT count(*) FROM decisions");
        REQUIRE(decisions.ok());
        CHECK(*decisions > 0);
        CHECK(results->summary.fromDecision == *decisions);
        return results::toJson(*results);
    };

    const auto& rounds = document["rounds"];
    auto reversed = nlohmann::json::array();
    for (auto it = rounds.rbegin(); it != rounds.rend(); ++it)
        reversed.push_back(*it);
    auto rotated = nlohmann::json::array();
    for (std::size_t i = 1; i <= rounds.size(); ++i)
        rotated.push_back(rounds[i % rounds.size()]);

    const auto first = taxonomyOf(rounds, "listed.taxo");
    CHECK(taxonomyOf(reversed, "reversed.taxo") == first);
    CHECK(taxonomyOf(rotated, "rotated.taxo") == first);
}

TEST_CASE("An arbitrator's package carries a conflict between rounds, and its decision merges",
          "[results][rounds][packages]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    addMobilePilot(db);
    seedLabel(db, 3, 4, std::nullopt, {}, "false_positive");
    seedLabel(db, 2, 4, 1, {study.id("Format")});
    seedLabel(db, 2, 4, 2, {study.id("Format")});
    StudyBuilder(db).role("Cy", people::Role::Arbitrator, "Mobile");
    const auto file = studyDir.file("cy.taxo");
    auto exported = packages::exportPackage(study.project, "Cy", file);
    INFO((exported.ok() ? std::string("ok") : exported.message()));
    REQUIRE(exported.ok());
    {
        auto package = Project::open(file);
        REQUIRE(package.ok());
        // The package finds the same conflict as the lead's project: both rounds came along.
        auto conflicts = arbitration::listConflicts(package->db());
        REQUIRE(conflicts.ok());
        REQUIRE(conflicts->size() == 1);
        CHECK(conflicts->front().postId == 4);
        CHECK(conflicts->front().reason == "rounds");
        arbitration::DecisionContent content;
        content.categories = {study.id("Input")};
        content.rationale = "the input pipeline on the phone is the problem";
        auto decided = arbitration::decide(package->db(), 4, 3, content);
        INFO((decided.ok() ? std::string("ok") : decided.message()));
        REQUIRE(decided.ok());
    }
    auto merged = packages::importPackage(study.project, file);
    INFO((merged.ok() ? std::string("ok") : merged.message()));
    REQUIRE(merged.ok());
    CHECK(merged->decisionsAdded == 1);
    const auto finals = finalsOf(db);
    CHECK(finalOf(finals, 4).source == results::FinalSource::Decision);
    CHECK(finalOf(finals, 4).categories == std::vector<codebook::CategoryId>{study.id("Input")});
}
