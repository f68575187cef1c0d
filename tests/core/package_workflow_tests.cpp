// Packages worked in as people do: opened like the GUI opens a project, labeled and
// decided through the same core calls as the Coding and Arbitration pages, then
// merged back. The other package tests write into packages with raw SQL; these catch
// what a package lacks for the real calls.

#include "core/arbitration/arbitration.h"
#include "core/labels/coding.h"
#include "core/labels/labels.h"
#include "core/packages/packages.h"
#include "exchange_fixture.h"

#include <filesystem>

using namespace taxo;
using namespace taxo::test;

namespace {

Project openPackage(const std::string& path) {
    auto project = Project::open(path);
    INFO(path << ": " << (project.ok() ? std::string("ok") : project.message()));
    REQUIRE(project.ok());
    return std::move(*project);
}

std::string exportFor(Project& project, const std::string& person, const std::string& out) {
    auto summary = packages::exportPackage(project, person, out);
    INFO(person << ": " << (summary.ok() ? std::string("ok") : summary.message()));
    REQUIRE(summary.ok());
    return out;
}

std::int64_t personId(sql::Database& db, const std::string& name) {
    auto id = sql::queryOptionalIntBound(db, "SELECT id FROM people WHERE name = ?", name);
    REQUIRE(id.ok());
    REQUIRE(id->has_value());
    return **id;
}

void save(sql::Database& db, const labels::LabelKey& key, const labels::LabelContent& content) {
    auto saved = labels::saveLabel(db, key, content);
    INFO("post " << key.postId << ": " << (saved.ok() ? std::string("ok") : saved.message()));
    REQUIRE(saved.ok());
}

labels::LabelContent leaves(std::vector<codebook::CategoryId> ids, std::string note = {}) {
    labels::LabelContent content;
    content.categories = std::move(ids);
    content.note = std::move(note);
    return content;
}

labels::LabelContent special(labels::Special value, std::string note = {}) {
    labels::LabelContent content;
    content.special = value;
    content.note = std::move(note);
    return content;
}

// The label of (round, post, coder) in the project as "special|ids|note".
std::string labelText(sql::Database& db, std::int64_t round, std::int64_t post,
                      std::int64_t coder) {
    auto label = labels::loadLabel(db, {round, post, coder});
    REQUIRE(label.ok());
    if (!*label)
        return "none";
    std::string ids;
    for (auto id : (*label)->content.categories)
        ids += (ids.empty() ? "" : ",") + std::to_string(id);
    const auto& s = (*label)->content.special;
    return (s ? std::string(labels::specialName(*s)) : std::string("-")) + "|" + ids + "|" +
           (*label)->content.note;
}

} // namespace

TEST_CASE("Package workflow: coders label through core/labels and both merge back", "[packages]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedFullStudy(study);
    // Real time stamps, older than any save made now.
    sqlOrFail(study.db(), "UPDATE labels SET updated = '2020-01-01T00:00:00.000Z'");
    const auto ann = exportFor(study.project, "Ann", dir.file("ann.taxo"));
    const auto bo = exportFor(study.project, "Bo", dir.file("bo.taxo"));
    const auto input = study.id("Input");
    const auto quant = study.id("Model quantization");
    {
        auto package = openPackage(ann);
        auto& db = package.db();
        const auto me = personId(db, "Ann");
        auto meta = packages::readPackageMeta(db);
        REQUIRE(meta.ok());
        REQUIRE(meta->has_value());
        CHECK((*meta)->person == "Ann");
        // What the Coding page offers a coder's package: only Ann's own work, not the pilot.
        auto offered = packages::packageAssignments(db, **meta);
        REQUIRE(offered.ok());
        REQUIRE(offered->size() == 1);
        CHECK(offered->front().roundId == 2);
        CHECK(offered->front().coder == me);
        save(db, {2, 6, me}, leaves({input}, "ann on 6"));
        save(db, {2, 4, me}, leaves({input}, "ann changed 4"));
        save(db, {2, 5, me}, special(labels::Special::Unclear, "ann on 5"));
    }
    {
        auto package = openPackage(bo);
        auto& db = package.db();
        const auto me = personId(db, "Bo");
        save(db, {2, 6, me}, special(labels::Special::FalsePositive, "bo on 6"));
        save(db, {2, 4, me}, leaves({input, quant}, "bo changed 4"));
    }
    auto first = packages::importPackage(study.project, ann);
    INFO((first.ok() ? std::string("ok") : first.message()));
    REQUIRE(first.ok());
    CHECK(first->labelsAdded == 1);
    CHECK(first->labelsUpdated == 2);
    auto second = packages::importPackage(study.project, bo);
    INFO((second.ok() ? std::string("ok") : second.message()));
    REQUIRE(second.ok());
    CHECK(second->labelsAdded == 1);
    CHECK(second->labelsUpdated == 1);
    CHECK(second->labelsUnchanged == 1);

    auto& db = study.db();
    CHECK(labelText(db, 2, 6, 1) == "-|" + std::to_string(input) + "|ann on 6");
    CHECK(labelText(db, 2, 4, 1) == "-|" + std::to_string(input) + "|ann changed 4");
    CHECK(labelText(db, 2, 5, 1) == "unclear||ann on 5");
    CHECK(labelText(db, 2, 6, 2) == "false_positive||bo on 6");
    const auto both =
        std::to_string(std::min(input, quant)) + "," + std::to_string(std::max(input, quant));
    CHECK(labelText(db, 2, 4, 2) == "-|" + both + "|bo changed 4");
    // Bo's label on 5 was not touched by anyone's package.
    CHECK(labelText(db, 2, 5, 2) == "-|" + std::to_string(input) + "|a note 6");
    CHECK(*db.queryInt("SELECT count(*) FROM labels WHERE round_id = 2") == 6);
}

TEST_CASE("Package workflow: an arbitrator decides and adds a leaf through core/arbitration",
          "[packages]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedFullStudy(study);
    // A pilot consensus of Pending waits for the arbitrator of Server/Cloud too.
    seedLabel(study.db(), 1, 3, std::nullopt, {}, "pending");
    auto lead = arbitration::listConflicts(study.db(), {std::nullopt, 3});
    REQUIRE(lead.ok());
    REQUIRE(lead->size() == 2);

    const auto cy = exportFor(study.project, "Cy", dir.file("cy.taxo"));
    codebook::CategoryId battery = 0;
    {
        auto package = openPackage(cy);
        auto& db = package.db();
        const auto me = personId(db, "Cy");
        // The package offers exactly the lead's conflicts of Cy's roots.
        auto conflicts = arbitration::listConflicts(db, {std::nullopt, me});
        INFO((conflicts.ok() ? std::string("ok") : conflicts.message()));
        REQUIRE(conflicts.ok());
        REQUIRE(conflicts->size() == lead->size());
        for (std::size_t i = 0; i < lead->size(); ++i) {
            CHECK((*conflicts)[i].postId == (*lead)[i].postId);
            CHECK((*conflicts)[i].reason == (*lead)[i].reason);
        }
        auto added = arbitration::addLeafInArbitration(db, me, study.id("Data"), "Battery");
        INFO((added.ok() ? std::string("ok") : added.message()));
        REQUIRE(added.ok());
        battery = added->category.id;
        arbitration::DecisionContent onFive;
        onFive.categories = {battery};
        onFive.rationale = "drains the battery";
        auto five = arbitration::decide(db, 5, me, onFive);
        INFO((five.ok() ? std::string("ok") : five.message()));
        REQUIRE(five.ok());
        arbitration::DecisionContent onThree;
        onThree.special = labels::Special::FalsePositive;
        onThree.rationale = "not about serving";
        auto three = arbitration::decide(db, 3, me, onThree);
        INFO((three.ok() ? std::string("ok") : three.message()));
        REQUIRE(three.ok());
    }
    auto merged = packages::importPackage(study.project, cy);
    INFO((merged.ok() ? std::string("ok") : merged.message()));
    REQUIRE(merged.ok());
    CHECK(merged->categoriesAdded == 1);
    CHECK(merged->decisionsAdded == 2);
    auto& db = study.db();
    CHECK(*db.queryText("SELECT c.name || '|' || c.created_in || '|' || p.name FROM decisions d "
                        "JOIN decision_categories dc ON dc.decision_id = d.id JOIN categories c "
                        "ON c.id = dc.category_id JOIN people p ON p.id = d.arbitrator_id "
                        "WHERE d.post_id = 5") == "Battery|arbitration|Cy");
    CHECK(*db.queryText("SELECT special || '|' || rationale FROM decisions WHERE post_id = 3") ==
          "false_positive|not about serving");
    auto open = arbitration::listConflicts(db, {std::nullopt, 3});
    REQUIRE(open.ok());
    CHECK(open->empty());
    // Merged twice: nothing changes.
    const auto before = dumpAll(db);
    REQUIRE(packages::importPackage(study.project, cy).ok());
    CHECK(dumpAll(db) == before);
}

TEST_CASE("Package workflow: who a package can be made for, and its heading", "[packages]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedFullStudy(study);
    auto people = packages::packagePeople(study.db());
    REQUIRE(people.ok());
    std::vector<std::string> rows;
    for (const auto& person : *people)
        rows.push_back(person.name + "|" + packages::kindName(person.kind) + "|" + person.detail);
    CHECK(rows == std::vector<std::string>{"Ann|coder|pilot, reliability",
                                           "Bo|coder|pilot, reliability",
                                           "Cy|arbitrator|Mobile, Server/Cloud"});

    const auto ann = exportFor(study.project, "Ann", dir.file("ann.taxo"));
    const auto cy = exportFor(study.project, "Cy", dir.file("cy.taxo"));
    for (const auto& [file, heading] :
         {std::pair{ann, std::string("Coder package for Ann, round reliability")},
          std::pair{cy, std::string("Arbitrator package for Cy, roots Mobile, Server/Cloud")}}) {
        auto package = openPackage(file);
        auto meta = packages::readPackageMeta(package.db());
        REQUIRE(meta.ok());
        REQUIRE(meta->has_value());
        auto text = packages::packageHeading(package.db(), **meta);
        REQUIRE(text.ok());
        CHECK(*text == heading);
        // A package is worked in, not merged into nor exported from.
        auto merged = packages::importPackage(package, file);
        REQUIRE_FALSE(merged.ok());
        CHECK(merged.message().find("is itself the package of") != std::string::npos);
        auto exported = packages::exportPackage(package, (*meta)->person, dir.file("again.taxo"));
        REQUIRE_FALSE(exported.ok());
        CHECK(exported.message().find("is itself the package of") != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(dir.file("again.taxo")));
    }
    auto lead = packages::readPackageMeta(study.db());
    REQUIRE(lead.ok());
    CHECK_FALSE(lead->has_value());
}

TEST_CASE("Package workflow: a person's name never escapes the folder of the file name",
          "[packages][hardening]") {
    using packages::Kind;
    using packages::suggestedFileName;
    CHECK(suggestedFileName("Ann", Kind::Coder) == "Ann-coder-package.taxo");
    CHECK(suggestedFileName("Cy", Kind::Arbitrator) == "Cy-arbitrator-package.taxo");
    CHECK(suggestedFileName("Ana María", Kind::Coder) == "Ana-María-coder-package.taxo");
    CHECK(suggestedFileName("../../x", Kind::Coder) == "x-coder-package.taxo");
    CHECK(suggestedFileName("/etc/passwd", Kind::Coder) == "etc-passwd-coder-package.taxo");
    CHECK(suggestedFileName("C:\\Windows\\x", Kind::Coder) == "C-Windows-x-coder-package.taxo");
    CHECK(suggestedFileName("..", Kind::Coder) == "person-coder-package.taxo");
    CHECK(suggestedFileName(".", Kind::Coder) == "person-coder-package.taxo");
    CHECK(suggestedFileName("", Kind::Coder) == "person-coder-package.taxo");
    CHECK(suggestedFileName(std::string("a\0b\nc", 5), Kind::Coder) == "a-b-c-coder-package.taxo");
    CHECK(suggestedFileName(".hidden", Kind::Coder) == "hidden-coder-package.taxo");
    CHECK(suggestedFileName(std::string(500, 'n'), Kind::Coder).size() ==
          60 + std::string("-coder-package.taxo").size());
    // 30 two-byte letters and one more: cut at 60 bytes, never inside a letter.
    std::string wide;
    for (int i = 0; i < 31; ++i)
        wide += "é";
    const auto cut = suggestedFileName(wide, Kind::Coder);
    CHECK(cut == wide.substr(0, 60) + "-coder-package.taxo");
    for (const std::string& name : std::vector<std::string>{
             "../../x", "/abs/path", "a/../../b", "..\\..\\c", std::string(300, '.') + "/x"}) {
        const auto file = suggestedFileName(name, Kind::Coder);
        INFO(name << " -> " << file);
        CHECK(file.find('/') == std::string::npos);
        CHECK(file.find('\\') == std::string::npos);
        CHECK(file.find("..") == std::string::npos);
        CHECK(file.front() != '.');
        CHECK(std::filesystem::path(file).filename().string() == file);
    }
}

TEST_CASE("Package workflow: a package naming a person like a path is refused, nothing written",
          "[packages][hardening]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedFullStudy(study);
    const auto file = exportFor(study.project, "Ann", dir.file("ann.taxo"));
    for (const std::string name : {"../../x", "/etc/passwd", "..\\..\\x"}) {
        {
            auto package = openPackage(file);
            REQUIRE(sql::runBound(package.db(),
                                  "UPDATE meta SET value = ? WHERE key = 'package_person'", name)
                        .ok());
        }
        const auto before = dumpAll(study.db());
        auto merged = packages::importPackage(study.project, file);
        REQUIRE_FALSE(merged.ok());
        INFO(merged.message());
        CHECK(merged.message().find("was made for " + name + ", who is not a person") !=
              std::string::npos);
        CHECK(dumpAll(study.db()) == before);
        // Only the project and the package (with SQLite's side files) are in the folder.
        for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
            const auto present = entry.path().filename().string();
            INFO(present);
            CHECK((present.rfind("study.taxo", 0) == 0 || present.rfind("ann.taxo", 0) == 0));
        }
        CHECK_FALSE(std::filesystem::exists(dir.path().parent_path().parent_path() / "x"));
    }
}

TEST_CASE("Package workflow: an arbitrator's package adding a root is refused",
          "[packages][hardening]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedFullStudy(study);
    const auto cy = exportFor(study.project, "Cy", dir.file("cy.taxo"));
    {
        auto package = openPackage(cy);
        sqlOrFail(package.db(), "INSERT INTO categories(uid, parent_id, name, created, "
                                "created_in) VALUES ('new-root', NULL, 'Desktop', 't', "
                                "'arbitration')");
    }
    const auto before = dumpAll(study.db());
    auto merged = packages::importPackage(study.project, cy);
    REQUIRE_FALSE(merged.ok());
    INFO(merged.message());
    CHECK(merged.message().find("adds the root category Desktop") != std::string::npos);
    CHECK(dumpAll(study.db()) == before);
}

TEST_CASE("Package workflow: bytes flipped inside a package are refused, nothing merged",
          "[packages][hardening]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedFullStudy(study);
    const auto ann = exportFor(study.project, "Ann", dir.file("ann.taxo"));
    auto bytes = readFile(ann);
    // The page size sits big-endian at offset 16 (1 stands for 65536).
    const std::size_t high = static_cast<unsigned char>(bytes[16]);
    const std::size_t low = static_cast<unsigned char>(bytes[17]);
    const std::size_t pageSize = high == 0 && low == 1 ? 65536 : (high << 8 | low);
    REQUIRE(bytes.size() > 4 * pageSize);
    // The first bytes of a page are its b-tree header, where a changed byte breaks the
    // structure rather than a value.
    auto flip = [&](std::size_t page) {
        for (std::size_t i = 0; i < 8; ++i)
            bytes[page * pageSize + i] = static_cast<char>(~bytes[page * pageSize + i]);
    };
    std::string reason;
    SECTION("in every page but the first: the file does not open") {
        for (std::size_t page = 1; page * pageSize < bytes.size(); ++page)
            flip(page);
        reason = "is not a package";
    }
    SECTION("in the labels table only: the file opens, the check finds it") {
        std::int64_t root = 0;
        {
            auto package = openPackage(ann);
            auto page = package.db().queryInt(
                "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'labels'");
            REQUIRE(page.ok());
            root = *page;
        }
        bytes = readFile(ann); // as closed, with the log folded back in
        flip(static_cast<std::size_t>(root - 1));
        reason = "is damaged";
    }
    const auto flipped = dir.file("flipped.taxo");
    writeFile(flipped, bytes);
    const auto before = dumpAll(study.db());
    auto merged = packages::importPackage(study.project, flipped);
    REQUIRE_FALSE(merged.ok());
    INFO(merged.message());
    CHECK(merged.message().find(reason) != std::string::npos);
    CHECK(dumpAll(study.db()) == before);
}
