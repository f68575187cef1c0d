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

// On top of seedStudy: Cy arbitrates Server/Cloud, Dee Mobile; posts 8, 9, 10 join
// the Mobile set and the reliability round. Reliability: post 4 differs (Procedure /
// Input), post 5 Bo said Pending, post 6 agreed, post 8 Ann said Pending and Bo has
// not labeled it, post 9 differed but is settled, post 10 only Ann labeled. Pilot:
// post 2's consensus is Pending, post 1's is Procedure.
void seedMixedConflicts(Study& study) {
    auto& db = study.db();
    sqlOrFail(db, "INSERT INTO people(id, name, created) VALUES (4, 'Dee', 't');"
                  "INSERT INTO person_roles(person_id, role, root_name) VALUES "
                  "(1, 'coder', NULL), (2, 'coder', NULL), "
                  "(3, 'arbitrator', 'Server/Cloud'), (4, 'arbitrator', 'Mobile');"
                  "INSERT INTO posts(id, source, source_id, title) VALUES "
                  "(8, 'stackoverflow', '1008', 'post 8'), (9, 'stackoverflow', '1009', 'post 9'),"
                  " (10, 'stackoverflow', '1010', 'post 10');"
                  "INSERT INTO set_members VALUES (2, 8), (2, 9), (2, 10);"
                  "INSERT INTO round_items VALUES (2, 8, 3), (2, 9, 4), (2, 10, 5);");
    seedLabel(db, 2, 4, 1, {study.id("Procedure")});
    seedLabel(db, 2, 4, 2, {study.id("Input")});
    seedLabel(db, 2, 5, 1, {study.id("Input")});
    seedLabel(db, 2, 5, 2, {}, "pending");
    seedLabel(db, 2, 6, 1, {study.id("Input")});
    seedLabel(db, 2, 6, 2, {study.id("Input")});
    seedLabel(db, 2, 8, 1, {}, "pending");
    seedLabel(db, 2, 9, 1, {study.id("Input")});
    seedLabel(db, 2, 9, 2, {}, "unclear");
    sqlOrFail(db, "INSERT INTO decisions(post_id, arbitrator_id, special, rationale, decided) "
                  "VALUES (9, 4, 'unclear', 'no model named', 't')");
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
    TAXO_STUDY(study);
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
