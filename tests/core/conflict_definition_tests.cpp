// One definition of a conflict: the arbitration queue, the study status and the
// arbitrator's package all see the same posts.

#include "core/arbitration/arbitration.h"
#include "core/packages/packages.h"
#include "core/status/study_status.h"
#include "study_fixture.h"

#include <algorithm>
#include <set>

namespace {

using namespace taxo;
using namespace taxo::test;

// seedStudy and its codebook, and: Cy arbitrates Server/Cloud, Dee Mobile; posts 8, 9, 10 join
// the Mobile set and the reliability round. Reliability: post 4 differs (Procedure /
// Input), post 5 Bo said Pending, post 6 agreed, post 8 Ann said Pending and Bo has
// not labeled it, post 9 differed but is settled, post 10 only Ann labeled. Pilot:
// post 2's consensus is Pending, post 1's is Procedure.
void seedMixedConflicts(Study& study) {
    auto& db = study.db();
    StudyBuilder build(db);
    auto posts = studyPosts();
    for (int id = 8; id <= 10; ++id)
        posts.push_back({"stackoverflow", std::to_string(1000 + id), "post " + std::to_string(id)});
    seedPostsAndSets(build, posts, {}, {8, 9, 10});
    seedPeople(build);
    seedRounds(build, std::nullopt, {8, 9, 10});
    seedCodebook(study);
    build.role("Ann", people::Role::Coder)
        .role("Bo", people::Role::Coder)
        .role("Cy", people::Role::Arbitrator, "Server/Cloud")
        .role("Dee", people::Role::Arbitrator, "Mobile");
    seedLabel(db, 2, 4, 1, {study.id("Procedure")});
    seedLabel(db, 2, 4, 2, {study.id("Input")});
    seedLabel(db, 2, 5, 1, {study.id("Input")});
    seedLabel(db, 2, 5, 2, {}, "pending");
    seedLabel(db, 2, 6, 1, {study.id("Input")});
    seedLabel(db, 2, 6, 2, {study.id("Input")});
    seedLabel(db, 2, 8, 1, {}, "pending");
    seedLabel(db, 2, 9, 1, {study.id("Input")});
    seedLabel(db, 2, 9, 2, {}, "unclear");
    build.decision(9, 4, {{}, labels::Special::Unclear, "no model named"});
    seedLabel(db, 2, 10, 1, {study.id("Input")});
    seedLabel(db, 1, 2, std::nullopt, {}, "pending");
    seedLabel(db, 1, 1, std::nullopt, {study.id("Procedure")});
}

std::vector<std::int64_t> openConflictPosts(sql::Database& db,
                                            arbitration::ConflictFilter filter = {}) {
    auto list = arbitration::listConflicts(db, filter);
    REQUIRE(list.ok());
    std::vector<std::int64_t> posts;
    for (const auto& conflict : *list)
        posts.push_back(conflict.postId);
    return posts;
}

std::set<std::int64_t> packagePosts(const std::string& path) {
    auto package = Project::open(path);
    REQUIRE(package.ok());
    auto posts = sql::queryIntsBound(package->db(), "SELECT id FROM posts");
    REQUIRE(posts.ok());
    // The package itself sees the same posts in conflict as the project.
    const auto inPackage = openConflictPosts(package->db());
    CHECK(std::set<std::int64_t>(inPackage.begin(), inPackage.end()) ==
          std::set<std::int64_t>(posts->begin(), posts->end()));
    return {posts->begin(), posts->end()};
}

} // namespace

TEST_CASE("Conflicts: the queue, the study status and the arbitrator's package agree",
          "[arbitration][status][packages]") {
    TempDir studyDir;
    Study study{makeProject(studyDir), {}};
    seedMixedConflicts(study);

    // The definition, with its decided posts.
    auto all = arbitration::conflictPosts(study.db(), true);
    REQUIRE(all.ok());
    std::vector<std::int64_t> allPosts, decided;
    for (const auto& conflict : *all) {
        allPosts.push_back(conflict.postId);
        if (conflict.decided)
            decided.push_back(conflict.postId);
    }
    CHECK(allPosts == std::vector<std::int64_t>{4, 5, 8, 9, 2});
    CHECK(decided == std::vector<std::int64_t>{9});
    CHECK((*all)[2].reason == "pending");
    CHECK((*all)[3].reason == "differ");
    auto open = arbitration::conflictPosts(study.db(), false);
    REQUIRE(open.ok());
    REQUIRE(open->size() == 4);

    // The arbitration queue.
    const auto queue = openConflictPosts(study.db());
    CHECK(queue == std::vector<std::int64_t>{4, 5, 8, 2});

    // The home page's counts.
    auto status = status::studyStatus(study.project);
    REQUIRE(status.ok());
    CHECK(status->conflicts == static_cast<std::int64_t>(all->size()));
    CHECK(status->openConflicts == static_cast<std::int64_t>(queue.size()));

    // Each arbitrator's package: the open conflicts of their roots, no more, no less.
    const auto cy = studyDir.file("cy.taxo");
    const auto dee = studyDir.file("dee.taxo");
    REQUIRE(packages::exportPackage(study.project, "Cy", cy).ok());
    REQUIRE(packages::exportPackage(study.project, "Dee", dee).ok());
    const auto cyQueue = openConflictPosts(study.db(), {std::nullopt, 3});
    const auto deeQueue = openConflictPosts(study.db(), {std::nullopt, 4});
    CHECK(cyQueue == std::vector<std::int64_t>{4, 2});
    CHECK(deeQueue == std::vector<std::int64_t>{4, 5, 8});
    CHECK(packagePosts(cy) == std::set<std::int64_t>(cyQueue.begin(), cyQueue.end()));
    CHECK(packagePosts(dee) == std::set<std::int64_t>(deeQueue.begin(), deeQueue.end()));

    // The pilot's Pending consensus travels with its round, so Cy decides it in the
    // package and the decision merges back.
    {
        auto package = Project::open(cy);
        REQUIRE(package.ok());
        arbitration::DecisionContent procedure;
        procedure.categories = {study.id("Procedure")};
        procedure.rationale = "exports a model";
        auto inPackage = arbitration::decide(package->db(), 2, 3, procedure);
        INFO((inPackage.ok() ? std::string() : inPackage.message()));
        REQUIRE(inPackage.ok());
    }
    auto merged = packages::importPackage(study.project, cy);
    INFO((merged.ok() ? std::string() : merged.message()));
    REQUIRE(merged.ok());
    CHECK(merged->decisionsAdded == 1);
    CHECK(openConflictPosts(study.db()) == std::vector<std::int64_t>{4, 5, 8});

    // Settling one moves it from open to decided everywhere.
    arbitration::DecisionContent content;
    content.categories = {study.id("Input")};
    content.rationale = "reads input";
    REQUIRE(arbitration::decide(study.db(), 5, 4, content).ok());
    auto after = status::studyStatus(study.project);
    REQUIRE(after.ok());
    CHECK(after->conflicts == 5);
    CHECK(after->openConflicts == 2);
    CHECK(openConflictPosts(study.db()) == std::vector<std::int64_t>{4, 8});
}
