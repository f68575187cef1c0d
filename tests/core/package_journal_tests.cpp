// A package travels as one file: whatever the coder saved is in that file, even while
// the app still has it open, and the merge says how far each coder has come.

#include "core/labels/labels.h"
#include "core/packages/packages.h"
#include "exchange_fixture.h"

#include <filesystem>

using namespace taxo;
using namespace taxo::test;

namespace {

void seedTeam(Study& study) {
    seedFullStudy(study);
    sqlOrFail(study.db(), "UPDATE labels SET updated = '2020-01-01T00:00:00.000Z';");
}

packages::MergeReport importOrFail(Project& project, const std::string& file) {
    auto merged = packages::importPackage(project, file);
    INFO((merged.ok() ? std::string() : merged.message()));
    REQUIRE(merged.ok());
    return *merged;
}

bool contains(const std::vector<std::string>& lines, const std::string& text) {
    for (const auto& line : lines)
        if (line.find(text) != std::string::npos)
            return true;
    return false;
}

} // namespace

TEST_CASE("Package journal: a package copied while the app has it open carries every label",
          "[packages]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedTeam(study);
    const auto ann = exportOrFail(study.project, "Ann", dir.file("ann.taxo"));
    const auto sent = dir.file("sent.taxo");
    {
        // The coder's app: the package open, labels saved, no checkpoint, no close.
        auto package = Project::open(ann);
        REQUIRE(package.ok());
        CHECK(*package->db().queryText("PRAGMA journal_mode") == "delete");
        labels::LabelContent content;
        content.categories = {study.id("Input")};
        REQUIRE(labels::saveLabel(package->db(), {2, 6, 1}, content).ok());
        content.note = "saved last";
        REQUIRE(labels::saveLabel(package->db(), {2, 4, 1}, content).ok());
        // Attached to an e-mail as the file alone.
        std::filesystem::copy_file(ann, sent);
    }
    CHECK_FALSE(std::filesystem::exists(sent + "-wal"));
    const auto report = importOrFail(study.project, sent);
    CHECK(report.labelsAdded == 1);
    CHECK(report.labelsUpdated == 1);
    CHECK(*study.db().queryText("SELECT note FROM labels WHERE post_id = 4 AND coder_id = 1") ==
          "saved last");
    CHECK(*study.db().queryInt("SELECT count(*) FROM labels WHERE post_id = 6 AND coder_id = 1") ==
          1);
}

TEST_CASE("Package journal: a package in WAL mode is converted when the app opens it",
          "[packages]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedTeam(study);
    const auto ann = exportOrFail(study.project, "Ann", dir.file("ann.taxo"));
    {
        auto raw = sql::Database::open(ann, sql::Database::Mode::ReadWrite);
        REQUIRE(raw.ok());
        REQUIRE(*raw->queryText("PRAGMA journal_mode = WAL") == "wal");
    }
    {
        auto package = Project::open(ann);
        REQUIRE(package.ok());
        CHECK(*package->db().queryText("PRAGMA journal_mode") == "delete");
        labels::LabelContent content;
        content.categories = {study.id("Input")};
        REQUIRE(labels::saveLabel(package->db(), {2, 6, 1}, content).ok());
        CHECK_FALSE(std::filesystem::exists(ann + "-wal"));
    }
    // The lead's project keeps WAL.
    CHECK(*study.db().queryText("PRAGMA journal_mode") == "wal");
}

TEST_CASE("Package journal: the merge report says how far each coder is in each round",
          "[packages]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedTeam(study);
    const auto ann = exportOrFail(study.project, "Ann", dir.file("ann.taxo"));
    {
        auto package = Project::open(ann);
        REQUIRE(package.ok());
        labels::LabelContent content;
        content.categories = {study.id("Input")};
        REQUIRE(labels::saveLabel(package->db(), {2, 6, 1}, content).ok());
    }
    const auto report = importOrFail(study.project, ann);
    REQUIRE(report.progress.size() == 2);
    CHECK(report.progress[0].round == "reliability");
    CHECK(report.progress[0].coder == "Ann");
    CHECK(report.progress[0].labeled == 3);
    CHECK(report.progress[0].total == 3);
    CHECK(report.progress[1].coder == "Bo");
    CHECK(report.progress[1].labeled == 2);
    const auto lines = packages::describe(report);
    CHECK(contains(lines, "Round reliability: Ann: 3 of 3, Bo: 2 of 3"));
    CHECK(contains(lines, "Warning: round reliability is not complete: Bo has labeled 2 of 3"));
    CHECK_FALSE(contains(lines, "Ann has labeled"));
}

TEST_CASE("Package journal: a package older than one imported before is told", "[packages]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedTeam(study);
    const auto first = exportOrFail(study.project, "Ann", dir.file("ann-1.taxo"));
    const auto older = dir.file("ann-older-copy.taxo");
    std::filesystem::copy_file(first, older);
    auto labelPost6 = [&](const std::string& path, const std::string& note) {
        auto package = Project::open(path);
        REQUIRE(package.ok());
        labels::LabelContent content;
        content.categories = {study.id("Input")};
        content.note = note;
        REQUIRE(labels::saveLabel(package->db(), {2, 6, 1}, content).ok());
    };
    labelPost6(first, "first");
    const auto imported = importOrFail(study.project, first);
    CHECK(imported.warnings.empty() == false); // Bo's round is incomplete
    CHECK_FALSE(contains(imported.warnings, "older than"));

    SECTION("an older copy of the same package") {
        const auto again = importOrFail(study.project, older);
        CHECK(contains(again.warnings, "older than the package of Ann imported on"));
        CHECK(contains(again.warnings, "ann-1.taxo"));
    }
    SECTION("a package exported before the one imported") {
        const auto second = exportOrFail(study.project, "Ann", dir.file("ann-2.taxo"));
        labelPost6(second, "second");
        importOrFail(study.project, second);
        // Its label on post 6 is older than the project's: refused, saying why.
        auto stale = packages::importPackage(study.project, first);
        REQUIRE_FALSE(stale.ok());
        CHECK(stale.message().find("newer work of Ann") != std::string::npos);
        CHECK(stale.message().find("older than the package of Ann imported on") !=
              std::string::npos);
        CHECK(stale.message().find("ann-2.taxo") != std::string::npos);
    }
}
