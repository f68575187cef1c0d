// Conflicts, decisions and their exact inverse, new leaves added in arbitration,
// and the `taxo conflicts` / `taxo decide` commands.

#include "cli/command.h"
#include "core/arbitration/arbitration.h"
#include "study_fixture.h"

#include <nlohmann/json.hpp>
#include <sstream>

namespace {

using namespace taxo;
using namespace taxo::test;
using arbitration::DecisionContent;

constexpr std::int64_t kCy = 3;  // arbitrator of Server/Cloud
constexpr std::int64_t kDee = 4; // arbitrator of Mobile

// On top of seedStudy: Cy arbitrates Server/Cloud, Dee Mobile. Reliability round:
// post 4 (Server and Mobile) Ann Procedure / Bo Input: differ; post 5 Ann Input /
// Bo Pending: pending; post 6 both Input: agreed. Pilot: post 2's consensus is
// Pending, post 1's is Procedure.
void seedConflicts(Study& study) {
    auto& db = study.db();
    StudyBuilder(db)
        .role("Cy", people::Role::Arbitrator, "Server/Cloud")
        .role("Dee", people::Role::Arbitrator, "Mobile");
    REQUIRE(people::findPerson(db, "Dee").value() == kDee);
    seedLabel(db, 2, 4, 1, {study.id("Procedure")});
    seedLabel(db, 2, 4, 2, {study.id("Input")});
    seedLabel(db, 2, 5, 1, {study.id("Input")});
    seedLabel(db, 2, 5, 2, {}, "pending");
    seedLabel(db, 2, 6, 1, {study.id("Input")});
    seedLabel(db, 2, 6, 2, {study.id("Input")});
    seedLabel(db, 1, 2, std::nullopt, {}, "pending");
    seedLabel(db, 1, 1, std::nullopt, {study.id("Procedure")});
}

std::vector<std::int64_t> conflictPosts(sql::Database& db,
                                        arbitration::ConflictFilter filter = {}) {
    auto list = arbitration::listConflicts(db, filter);
    REQUIRE(list.ok());
    std::vector<std::int64_t> posts;
    for (const auto& conflict : *list)
        posts.push_back(conflict.postId);
    return posts;
}

DecisionContent leaves(std::vector<codebook::CategoryId> ids, std::string why = "fits best") {
    DecisionContent content;
    content.categories = std::move(ids);
    content.rationale = std::move(why);
    return content;
}

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

} // namespace

TEST_CASE("Conflicts: differing and Pending labels, pilot Pending, by root and arbitrator",
          "[arbitration]") {
    TAXO_STUDY(study);
    seedConflicts(study);
    auto list = arbitration::listConflicts(study.db());
    REQUIRE(list.ok());
    REQUIRE(list->size() == 3);
    const auto& first = (*list)[0];
    CHECK(first.postId == 4);
    CHECK(first.reason == "differ");
    CHECK(first.round == "reliability");
    CHECK(first.a.coder == "Ann");
    CHECK(first.b.coder == "Bo");
    REQUIRE(first.a.label);
    CHECK(first.a.label->content.categories ==
          std::vector<codebook::CategoryId>{study.id("Procedure")});
    CHECK(first.roots == std::vector<std::string>{"Mobile", "Server/Cloud"});
    REQUIRE(first.arbitrators.size() == 2);
    CHECK((*list)[1].postId == 5);
    CHECK((*list)[1].reason == "pending");
    REQUIRE((*list)[1].arbitrators.size() == 1);
    CHECK((*list)[1].arbitrators[0].name == "Dee");
    CHECK((*list)[2].postId == 2);
    CHECK((*list)[2].round == "pilot");
    CHECK((*list)[2].a.coder.empty());

    CHECK(conflictPosts(study.db(), {std::string("Mobile"), std::nullopt}) ==
          std::vector<std::int64_t>{4, 5});
    CHECK(conflictPosts(study.db(), {std::nullopt, kCy}) == std::vector<std::int64_t>{4, 2});
    // Only one coder labeled: not a conflict yet.
    sqlOrFail(study.db(), "DELETE FROM labels WHERE round_id = 2 AND post_id = 6 AND coder_id = 2");
    CHECK(conflictPosts(study.db()).size() == 3);
}

TEST_CASE("decide: every refusal says why and leaves the project unchanged", "[arbitration]") {
    TAXO_STUDY(study);
    seedConflicts(study);
    auto& db = study.db();
    const auto before = dumpCodebook(db);
    const auto logRows = changeLogRows(db);
    auto refused = [&](std::int64_t post, std::int64_t who, const DecisionContent& content,
                       const std::string& words) {
        auto result = arbitration::decide(db, post, who, content);
        REQUIRE_FALSE(result.ok());
        INFO(result.message());
        CHECK(result.message().find(words) != std::string::npos);
        CHECK(dumpCodebook(db) == before);
        CHECK(changeLogRows(db) == logRows);
    };
    refused(2, kCy, leaves({study.id("Procedure")}, "  \n"), "rationale");
    refused(2, kDee, leaves({study.id("Procedure")}), "not the arbitrator");
    refused(2, 1, leaves({study.id("Procedure")}), "not an arbitrator");
    refused(2, kCy, leaves({study.id("Input")}), "not a leaf of the root Server/Cloud");
    refused(2, kCy, leaves({study.id("Model Export")}), "not a leaf");
    refused(2, kCy, leaves({9999}), "no category");
    refused(6, kDee, leaves({study.id("Input")}), "no conflict");
    refused(1, kCy, leaves({study.id("Procedure")}), "no conflict");
    refused(2, kCy, leaves({}), "either leaf categories or one special value");
    auto both = leaves({study.id("Procedure")});
    both.special = labels::Special::Unclear;
    refused(2, kCy, both, "either leaf categories or one special value");
    DecisionContent pending;
    pending.special = labels::Special::Pending;
    pending.rationale = "later";
    refused(2, kCy, pending, "Pending is not a decision");
}

TEST_CASE("decide logs full provenance; undo is exact; redo puts the same row back",
          "[arbitration]") {
    TAXO_STUDY(study);
    seedConflicts(study);
    auto& db = study.db();
    const auto before = dumpCodebook(db);
    const auto logRows = changeLogRows(db);

    auto decision = arbitration::decide(db, 4, kCy, leaves({study.id("Procedure")}, " export "));
    REQUIRE(decision.ok());
    CHECK(decision->content.rationale == "export");
    CHECK(changeLogRows(db) == logRows + 1);
    auto stmt = db.prepare("SELECT actor, action, details FROM change_log ORDER BY id DESC");
    REQUIRE(stmt.ok());
    REQUIRE(*stmt->step());
    CHECK(stmt->columnText(0) == "Cy");
    CHECK(stmt->columnText(1) == "decision.add");
    const auto details = nlohmann::json::parse(stmt->columnText(2));
    CHECK(details["a"]["coder"] == "Ann");
    CHECK(details["a"]["label"]["categories"][0]["id"] == study.id("Procedure"));
    CHECK(details["b"]["label"]["categories"][0]["id"] == study.id("Input"));
    CHECK(details["decision"]["arbitrator"] == "Cy");
    CHECK(details["decision"]["rationale"] == "export");
    CHECK(details["decision"]["decided"] == decision->decided);
    CHECK(details["decision"]["categories"][0]["path"] ==
          std::vector<std::string>{"Server/Cloud", "Model Export", "Procedure"});
    CHECK(conflictPosts(db) == std::vector<std::int64_t>{5, 2});

    // A second decision on the same post is refused.
    auto again = arbitration::decide(db, 4, kDee, leaves({study.id("Input")}));
    REQUIRE_FALSE(again.ok());
    CHECK(again.message().find("already decided") != std::string::npos);

    const auto decided = dumpCodebook(db);
    REQUIRE(arbitration::undoDecision(db, *decision).ok());
    CHECK(dumpCodebook(db) == before);
    CHECK(conflictPosts(db) == std::vector<std::int64_t>{4, 5, 2});
    CHECK_FALSE(arbitration::undoDecision(db, *decision).ok()); // stale
    REQUIRE(arbitration::redoDecision(db, *decision).ok());
    CHECK(dumpCodebook(db) == decided);
    CHECK(changeLogRows(db) == logRows + 3);

    // Special decisions: False positive.
    DecisionContent falsePositive;
    falsePositive.special = labels::Special::FalsePositive;
    falsePositive.rationale = "not about deployment";
    auto fp = arbitration::decide(db, 5, kDee, falsePositive);
    REQUIRE(fp.ok());
    auto loaded = arbitration::loadDecision(db, 5);
    REQUIRE(loaded.ok());
    REQUIRE(*loaded);
    CHECK(**loaded == *fp);
}

TEST_CASE("writeDecision keeps decide's rules and leaves the transaction and log to its caller",
          "[arbitration]") {
    TAXO_STUDY(study);
    seedConflicts(study);
    auto& db = study.db();
    const auto before = dumpCodebook(db);
    const auto logRows = changeLogRows(db);

    auto refused = arbitration::writeDecision(db, 6, kDee, leaves({study.id("Input")}));
    REQUIRE_FALSE(refused.ok());
    CHECK_THAT(refused.message(), Catch::Contains("no conflict"));
    CHECK(dumpCodebook(db) == before);

    auto written = sql::inTransaction(db, [&] {
        return arbitration::writeDecision(db, 4, kCy, leaves({study.id("Procedure")}, " export "));
    });
    REQUIRE(written.ok());
    CHECK(written->content.rationale == "export");
    auto loaded = arbitration::loadDecision(db, 4);
    REQUIRE(loaded.ok());
    REQUIRE(*loaded);
    CHECK(**loaded == *written);
    CHECK(changeLogRows(db) == logRows);
    auto again = arbitration::writeDecision(db, 4, kDee, leaves({study.id("Input")}));
    REQUIRE_FALSE(again.ok());
    CHECK_THAT(again.message(), Catch::Contains("already decided"));
}

TEST_CASE("A leaf added in arbitration records where, by whom and when", "[arbitration]") {
    TAXO_STUDY(study);
    seedConflicts(study);
    auto& db = study.db();
    const auto before = dumpCodebook(db);
    auto added = arbitration::addLeafInArbitration(db, kCy, study.id("Model Export"), "Signature");
    REQUIRE(added.ok());
    auto category = codebook::getCategory(db, added->category.id);
    REQUIRE(category.ok());
    CHECK(category->createdIn == "arbitration");
    CHECK(category->createdBy == kCy);
    CHECK_FALSE(category->created.empty());

    for (const auto& [who, parent, words] :
         std::vector<std::tuple<std::int64_t, codebook::CategoryId, std::string>>{
             {kDee, study.id("Model Export"), "not the arbitrator of Server/Cloud"},
             {kCy, study.id("Server/Cloud"), "inner category"},
             {kCy, study.id("Procedure"), "is a leaf"}}) {
        auto refused = arbitration::addLeafInArbitration(db, who, parent, "X");
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.message().find(words) != std::string::npos);
    }

    // The new leaf settles post 4 for Server/Cloud; the root's conflicts reach 0.
    REQUIRE(arbitration::decide(db, 4, kCy, leaves({added->category.id})).ok());
    REQUIRE(arbitration::decide(db, 2, kCy, leaves({study.id("Format")})).ok());
    CHECK(conflictPosts(db, {std::string("Server/Cloud"), std::nullopt}).empty());

    auto path = arbitration::resolvePath(db, "Server/Cloud/Model Export/Signature");
    REQUIRE(path.ok());
    CHECK(*path == added->category.id);
    CHECK_FALSE(arbitration::resolvePath(db, "Server/Cloud/Model Export/Nope").ok());
    CHECK_FALSE(arbitration::resolvePath(db, "Server").ok());

    auto decision = arbitration::loadDecision(db, 4);
    REQUIRE(decision.ok());
    REQUIRE(arbitration::undoDecision(db, **decision).ok());
    decision = arbitration::loadDecision(db, 2);
    REQUIRE(arbitration::undoDecision(db, **decision).ok());
    REQUIRE(codebook::undoAdd(db, *added).ok());
    CHECK(dumpCodebook(db) == before);
}

TEST_CASE("taxo conflicts and taxo decide settle a root to 0", "[arbitration][cli]") {
    TempDir dir;
    {
        Study study{makeProject(dir), {}};
        seedStudy(study.db());
        seedCodebook(study);
        seedConflicts(study);
    }
    const auto path = dir.file("study.taxo");
    auto listed = runTaxo({"conflicts", path, "--json", "--root", "Server/Cloud"});
    REQUIRE(listed.code == 0);
    auto json = nlohmann::json::parse(listed.out);
    CHECK(json["count"] == 2);
    CHECK(json["conflicts"][0]["post"] == 4);
    CHECK(json["conflicts"][0]["a"]["coder"] == "Ann");
    CHECK(json["conflicts"][1]["arbitrators"][0]["name"] == "Cy");

    // Wrong usage and refusals.
    CHECK(runTaxo({"decide", path, "--post", "4", "--arbitrator", "Cy", "--special", "unclear"})
              .code == 2);
    CHECK(runTaxo({"decide", path, "--post", "x", "--arbitrator", "Cy", "--special", "unclear",
                   "--rationale", "r"})
              .code == 2);
    auto blank = runTaxo({"decide", path, "--post", "4", "--arbitrator", "Cy", "--special",
                          "unclear", "--rationale", " "});
    CHECK(blank.code == 1);
    CHECK(blank.err.find("taxo: error: a decision needs a rationale") != std::string::npos);
    auto unknown = runTaxo({"decide", path, "--post", "4", "--arbitrator", "Cy", "--categories",
                            "Server/Cloud/Nope", "--rationale", "r"});
    CHECK(unknown.code == 1);
    CHECK(unknown.err.find("Server/Cloud/Nope") != std::string::npos);

    auto decided = runTaxo({"decide", path, "--post", "4", "--arbitrator", "Cy", "--categories",
                            "Server/Cloud/Model Export/Procedure; Server/Cloud/Request/Format",
                            "--rationale", "both apply", "--json"});
    INFO(decided.err);
    REQUIRE(decided.code == 0);
    CHECK(nlohmann::json::parse(decided.out)["post"] == 4);
    REQUIRE(runTaxo({"decide", path, "--post", "2", "--arbitrator", "Cy", "--special", "unclear",
                     "--rationale", "cannot tell"})
                .code == 0);
    listed = runTaxo({"conflicts", path, "--json", "--root", "Server/Cloud"});
    CHECK(nlohmann::json::parse(listed.out)["count"] == 0);
    listed = runTaxo({"conflicts", path});
    CHECK(listed.out.find("1 conflict open") != std::string::npos);
}
