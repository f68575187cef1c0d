#include "core/arbitration/arbitration.h"
#include "core/packages/packages.h"
#include "exchange_fixture.h"

#include <filesystem>

using namespace taxo;
using namespace taxo::test;

namespace {

constexpr const char* kBoName = "Bo-the-second-coder";
constexpr const char* kBoNote = "secret-note-of-bo";
constexpr const char* kBoCode = "secret-code-of-bo";

// The full study with Bo's labels carrying words that must never reach Ann, and
// times that packages can be newer than.
void seedTeamStudy(Study& study) {
    seedFullStudy(study);
    sqlOrFail(study.db(), std::string("UPDATE people SET name = '") + kBoName +
                              "' WHERE id = 2;"
                              "UPDATE labels SET updated = '2020-01-01T00:00:00.000Z';"
                              "UPDATE labels SET note = '" +
                              kBoNote + "', code = '" + kBoCode + "' WHERE coder_id = 2;");
}

Project openOrFail(const std::string& path) {
    auto project = Project::open(path);
    INFO(path << ": " << (project.ok() ? std::string("ok") : project.message()));
    REQUIRE(project.ok());
    return std::move(*project);
}

// Every label of a round as "post|coder|special|uids|note", sorted.
std::vector<std::string> labelRows(sql::Database& db, int round) {
    auto stmt = db.prepare(
        "SELECT l.post_id || '|' || ifnull(p.name, '-') || '|' || ifnull(l.special, '-') || '|' "
        "|| ifnull((SELECT group_concat(c.uid) FROM (SELECT c.uid FROM label_categories lc JOIN "
        "categories c ON c.id = lc.category_id WHERE lc.label_id = l.id ORDER BY c.uid) c), '') "
        "|| '|' || l.note FROM labels l LEFT JOIN people p ON p.id = l.coder_id WHERE "
        "l.round_id = ?");
    REQUIRE(stmt.ok());
    stmt->bind(1, round);
    std::vector<std::string> rows;
    while (*stmt->step())
        rows.push_back(stmt->columnText(0));
    std::sort(rows.begin(), rows.end());
    return rows;
}

std::string uid(Study& study, const std::string& name) {
    auto text =
        sql::prepareBound(study.db(), "SELECT uid FROM categories WHERE id = ?", study.id(name));
    REQUIRE(text.ok());
    REQUIRE(*text->step());
    return text->columnText(0);
}

// Merging must fail with the reason and leave every table as it was.
void requireMergeRefused(Project& project, const std::string& file, const std::string& reason) {
    const auto before = dumpAll(project.db());
    auto merged = packages::importPackage(project, file);
    REQUIRE_FALSE(merged.ok());
    INFO(merged.message());
    CHECK(merged.message().find(reason) != std::string::npos);
    CHECK(dumpAll(project.db()) == before);
}

} // namespace

TEST_CASE("Package: a coder's package holds no trace of another coder", "[packages]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedTeamStudy(study);
    const auto file = exportOrFail(study.project, "Ann", dir.file("ann.taxo"));

    auto package = openOrFail(file);
    auto& db = package.db();
    CHECK(package.id() == study.project.id());
    CHECK(*db.queryText("SELECT value FROM meta WHERE key = 'package_person'") == "Ann");
    CHECK(*db.queryText("SELECT value FROM meta WHERE key = 'package_kind'") == "coder");
    CHECK(*db.queryInt("SELECT count(*) FROM meta WHERE key = 'package_created'") == 1);
    // Ann codes in both rounds: the pilot's 4 posts and the reliability round's 3.
    CHECK(*db.queryInt("SELECT count(*) FROM posts") == 7);
    CHECK(*db.queryInt("SELECT count(*) FROM answers") == 2);
    CHECK(*db.queryInt("SELECT count(*) FROM categories") == 9);
    CHECK(*db.queryInt("SELECT count(*) FROM labels WHERE coder_id IS NOT 1") == 0);
    CHECK(*db.queryInt("SELECT count(*) FROM labels") == 2);
    CHECK(*db.queryInt("SELECT count(*) FROM people") == 1);

    // Read every column of every table, as text, and look for Bo's name, note and code.
    auto tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'");
    REQUIRE(tables.ok());
    std::vector<std::string> names;
    while (*tables->step())
        names.push_back(tables->columnText(0));
    CHECK(names.size() > 20);
    std::int64_t cells = 0;
    for (const auto& table : names) {
        auto rows = db.prepare("SELECT * FROM \"" + table + "\"");
        REQUIRE(rows.ok());
        while (*rows->step())
            for (int c = 0; c < rows->columnCount(); ++c) {
                const auto value = rows->columnText(c);
                ++cells;
                INFO(table << " column " << c << ": " << value);
                CHECK(value.find(kBoName) == std::string::npos);
                CHECK(value.find(kBoNote) == std::string::npos);
                CHECK(value.find(kBoCode) == std::string::npos);
            }
    }
    CHECK(cells > 100);
    // And in the raw bytes of the file, free pages included.
    const auto bytes = readFile(file);
    CHECK(bytes.find(kBoNote) == std::string::npos);
    CHECK(bytes.find(kBoCode) == std::string::npos);
    CHECK(bytes.find(kBoName) == std::string::npos);
}

TEST_CASE("Package: both coders' work merges back exactly, once", "[packages]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedTeamStudy(study);
    const auto ann = exportOrFail(study.project, "Ann", dir.file("ann.taxo"));
    const auto bo = exportOrFail(study.project, kBoName, dir.file("bo.taxo"));
    {
        auto package = openOrFail(ann);
        // Ann changes her label on post 4 and labels post 6.
        sqlOrFail(package.db(), "UPDATE labels SET note = 'changed by Ann', updated = "
                                "'2021-01-01T00:00:00.000Z' WHERE post_id = 4;");
        seedLabel(package.db(), 2, 6, 1, {study.id("Input")});
        sqlOrFail(package.db(), "UPDATE labels SET updated = '2021-01-02T00:00:00.000Z', "
                                "note = 'new' WHERE post_id = 6");
    }
    {
        auto package = openOrFail(bo);
        seedLabel(package.db(), 2, 6, 2, {}, std::string("unclear"));
        sqlOrFail(package.db(), "UPDATE labels SET updated = '2021-01-03T00:00:00.000Z', "
                                "note = 'bo new' WHERE post_id = 6");
    }
    auto first = packages::importPackage(study.project, ann);
    INFO((first.ok() ? std::string() : first.message()));
    REQUIRE(first.ok());
    CHECK(first->labelsAdded == 1);
    CHECK(first->labelsUpdated == 1);
    CHECK(first->labelsUnchanged == 1);
    auto second = packages::importPackage(study.project, bo);
    INFO((second.ok() ? std::string() : second.message()));
    REQUIRE(second.ok());
    CHECK(second->labelsAdded == 1);
    CHECK(second->labelsUnchanged == 2);

    const auto input = uid(study, "Input");
    const auto quant = uid(study, "Model quantization");
    const auto both = input < quant ? input + "," + quant : quant + "," + input;
    const std::string bo_(kBoName);
    std::vector<std::string> expected = {"4|Ann|-|" + both + "|changed by Ann",
                                         "4|" + bo_ + "|-|" + input + "|" + kBoNote,
                                         "5|Ann|pending||a note 5",
                                         "5|" + bo_ + "|-|" + input + "|" + kBoNote,
                                         "6|Ann|-|" + input + "|new",
                                         "6|" + bo_ + "|unclear||bo new"};
    std::sort(expected.begin(), expected.end());
    CHECK(labelRows(study.db(), 2) == expected);

    // The same packages again: nothing changes, not even the change log.
    const auto before = dumpAll(study.db());
    auto again = packages::importPackage(study.project, ann);
    REQUIRE(again.ok());
    CHECK(again->labelsUnchanged == 3);
    CHECK(again->labelsAdded + again->labelsUpdated == 0);
    REQUIRE(packages::importPackage(study.project, bo).ok());
    CHECK(dumpAll(study.db()) == before);
}

TEST_CASE("Package: refusals leave the project unchanged", "[packages]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedTeamStudy(study);
    const auto fresh = exportOrFail(study.project, "Ann", dir.file("ann.taxo"));
    // Each case starts from a copy of Ann's package, changed as the case says.
    auto variant = [&](const std::string& name, const std::string& sql) {
        const auto path = dir.file(name);
        std::filesystem::copy_file(fresh, path);
        if (!sql.empty()) {
            auto package = openOrFail(path);
            sqlOrFail(package.db(), sql);
        }
        return path;
    };

    SECTION("another project") {
        requireMergeRefused(study.project,
                            variant("other.taxo", "UPDATE meta SET value = 'x' WHERE key = "
                                                  "'project_id'"),
                            "another project");
    }
    SECTION("an unknown person") {
        requireMergeRefused(study.project,
                            variant("zed.taxo", "UPDATE meta SET value = 'Zed' WHERE key = "
                                                "'package_person'"),
                            "not a person of this project");
    }
    SECTION("a post outside the assignment") {
        // Post 7 is in Ann's pilot round, not in the reliability round.
        requireMergeRefused(study.project,
                            variant("outside.taxo",
                                    "INSERT INTO labels(round_id, post_id, coder_id, special, "
                                    "updated) VALUES (2, 7, 1, 'unclear', '2022')"),
                            "outside Ann's assignment");
    }
    SECTION("an unknown category") {
        requireMergeRefused(
            study.project,
            variant("category.taxo",
                    "INSERT INTO categories(id, uid, parent_id, name, created) VALUES "
                    "(100, 'not-in-project', 8, 'Battery', 't');"
                    "INSERT INTO labels(id, round_id, post_id, coder_id, updated) VALUES "
                    "(100, 2, 6, 1, '2022');"
                    "INSERT INTO label_categories VALUES (100, 100);"),
            "unknown in the project");
    }
    SECTION("another coder's label slipped in") {
        requireMergeRefused(
            study.project,
            variant("tampered.taxo",
                    "INSERT INTO people(id, name, created) VALUES (2, 'Bo-the-second-coder', "
                    "'t'); UPDATE labels SET coder_id = 2 WHERE post_id = 5"),
            "changed by hand");
    }
    SECTION("wrong package meta") {
        requireMergeRefused(study.project,
                            variant("kind.taxo", "UPDATE meta SET value = 'lead' WHERE key = "
                                                 "'package_kind'"),
                            "neither coder nor arbitrator");
    }
    SECTION("a project, not a package") {
        requireMergeRefused(study.project,
                            variant("plain.taxo", "DELETE FROM meta WHERE key LIKE 'package_%'"),
                            "not a package");
    }
    SECTION("a truncated file") {
        const auto path = variant("short.taxo", "");
        const auto bytes = readFile(path);
        writeFile(path, bytes.substr(0, bytes.size() / 3));
        requireMergeRefused(study.project, path, "not a package");
    }
    SECTION("a file that is no project at all") {
        const auto path = dir.file("junk.taxo");
        writeFile(path, std::string(5000, 'j'));
        requireMergeRefused(study.project, path, "not a package");
    }
}

TEST_CASE("Package: newer work in the project is not overwritten unless asked", "[packages]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedTeamStudy(study);
    const auto ann = exportOrFail(study.project, "Ann", dir.file("ann.taxo"));
    {
        auto package = openOrFail(ann);
        sqlOrFail(package.db(), "UPDATE labels SET note = 'from the package', updated = "
                                "'2021-01-01T00:00:00.000Z' WHERE post_id = 5");
    }
    // Meanwhile the lead's project got a later edit of the same label.
    sqlOrFail(study.db(), "UPDATE labels SET note = 'later in the project', updated = "
                          "'2022-01-01T00:00:00.000Z' WHERE post_id = 5 AND coder_id = 1");
    requireMergeRefused(study.project, ann, "newer work of Ann");
    packages::MergeOptions force;
    force.overwriteNewer = true;
    auto merged = packages::importPackage(study.project, ann, force);
    REQUIRE(merged.ok());
    CHECK(merged->newerInProject == std::vector<std::string>{"stackoverflow:1005"});
    CHECK(*study.db().queryText("SELECT note FROM labels WHERE post_id = 5 AND coder_id = 1") ==
          "from the package");
}

TEST_CASE("Package: an arbitrator decides conflicts and adds a category", "[packages]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedTeamStudy(study);
    const auto cy = exportOrFail(study.project, "Cy", dir.file("cy.taxo"));
    {
        auto package = openOrFail(cy);
        auto& db = package.db();
        CHECK(*db.queryText("SELECT value FROM meta WHERE key = 'package_kind'") == "arbitrator");
        // Post 4 already has a decision; post 5 (Ann pending, Bo Input) waits for one.
        CHECK(*db.queryInt("SELECT count(*) FROM posts") == 1);
        CHECK(*db.queryInt("SELECT id FROM posts") == 5);
        CHECK(*db.queryInt("SELECT count(*) FROM labels") == 2);
        auto battery = arbitration::addLeafInArbitration(db, 3, study.id("Data"), "Battery");
        REQUIRE(battery.ok());
        StudyBuilder(db).decision(5, 3,
                                  {{battery->category.id}, std::nullopt, "drains the battery"});
    }
    auto merged = packages::importPackage(study.project, cy);
    INFO((merged.ok() ? std::string() : merged.message()));
    REQUIRE(merged.ok());
    CHECK(merged->categoriesAdded == 1);
    CHECK(merged->decisionsAdded == 1);
    CHECK(*study.db().queryText(
              "SELECT c.name || '|' || c.created_in FROM decisions d JOIN decision_categories dc "
              "ON dc.decision_id = d.id JOIN categories c ON c.id = dc.category_id "
              "WHERE d.post_id = 5") == "Battery|arbitration");
    const auto before = dumpAll(study.db());
    REQUIRE(packages::importPackage(study.project, cy).ok());
    CHECK(dumpAll(study.db()) == before);
}

TEST_CASE("Package: a merge reports progress and a cancel leaves the project as it was",
          "[packages]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedTeamStudy(study);
    const auto ann = exportOrFail(study.project, "Ann", dir.file("ann.taxo"));
    {
        auto package = openOrFail(ann);
        sqlOrFail(package.db(), "UPDATE labels SET note = 'changed in the package', updated = "
                                "'2021-01-01T00:00:00.000Z'");
    }
    const auto before = dumpAll(study.db());

    // Cancelled once the merge has started reading labels: nothing of it is kept.
    CancelFlag cancel{false};
    std::vector<std::string> stages;
    auto cancelled = packages::importPackage(
        study.project, ann, {},
        [&](const Progress& step) {
            stages.push_back(step.stage);
            if (step.stage == "Merging")
                cancel.store(true);
        },
        &cancel);
    REQUIRE_FALSE(cancelled.ok());
    CHECK(cancelled.message() == kCancelledMessage);
    CHECK(std::find(stages.begin(), stages.end(), "Merging") != stages.end());
    CHECK(dumpAll(study.db()) == before);

    // Without a cancel the same merge goes through and reports its last step.
    std::optional<Progress> last;
    auto merged = packages::importPackage(
        study.project, ann, {}, [&](const Progress& step) { last = step; }, nullptr);
    INFO((merged.ok() ? std::string("ok") : merged.message()));
    REQUIRE(merged.ok());
    REQUIRE(last);
    CHECK(last->done == last->total);
    CHECK(dumpAll(study.db()) != before);
}
