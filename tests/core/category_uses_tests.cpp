// The owners' own rewrites of what points at a category: labels rewrite
// label_categories, arbitration decision_categories, select the sets' root names. The
// codebook edits of core/recoding are made of these; each is checked here on its own,
// with its inverse putting back exactly what was there.

#include "core/arbitration/decision_uses.h"
#include "core/labels/label_uses.h"
#include "core/select/set_roots.h"
#include "study_fixture.h"

#include <catch2/catch.hpp>

namespace cb = taxo::codebook;
using taxo::test::dumpTable;
using taxo::test::labelCategories;
using taxo::test::rawDecision;
using taxo::test::rawLabel;

TEST_CASE("labels reassign a category's uses and restore exactly those rows", "[labels]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    const auto a = study.id("Procedure");
    const auto b = study.id("Model quantization");
    const auto onlyA = rawLabel(db, 1, 1, std::nullopt, {a});
    const auto both = rawLabel(db, 2, 4, 1, {a, b});
    const auto onlyB = rawLabel(db, 2, 4, 2, {b});
    const auto otherPost = rawLabel(db, 1, 2, std::nullopt, {a});
    const auto before = dumpTable(db, "label_categories");

    auto carrying = taxo::labels::labelsCarrying(db, a);
    REQUIRE(carrying.ok());
    CHECK(*carrying == std::vector<std::int64_t>{onlyA, both, otherPost});
    CHECK(*taxo::labels::labelsCarrying(db, a, 4) == std::vector<std::int64_t>{both});
    CHECK(taxo::labels::labelsCarrying(db, a, 5)->empty());

    const std::vector<std::int64_t> chosen{onlyA, both};
    auto rows = taxo::labels::reassignCategoryUses(db, a, b, chosen);
    REQUIRE(rows.ok());
    CHECK(rows->moved == std::vector<std::int64_t>{onlyA});
    CHECK(rows->dropped == std::vector<std::int64_t>{both});
    CHECK(labelCategories(db, onlyA) == std::vector<cb::CategoryId>{b});
    CHECK(labelCategories(db, both) == std::vector<cb::CategoryId>{b});
    CHECK(labelCategories(db, onlyB) == std::vector<cb::CategoryId>{b});
    CHECK(labelCategories(db, otherPost) == std::vector<cb::CategoryId>{a});

    REQUIRE(taxo::labels::restoreCategoryUses(db, a, b, *rows).ok());
    CHECK(dumpTable(db, "label_categories") == before);

    // A rewritten row that changed since cannot be put back.
    rows = taxo::labels::reassignCategoryUses(db, a, b, chosen);
    REQUIRE(rows.ok());
    REQUIRE(taxo::sql::runBound(db, "DELETE FROM label_categories WHERE label_id = ?", onlyA).ok());
    auto refused = taxo::labels::restoreCategoryUses(db, a, b, *rows);
    REQUIRE_FALSE(refused.ok());
    CHECK_THAT(refused.message(), Catch::Contains("label_categories changed since"));
}

TEST_CASE("arbitration reassigns a category's uses in decisions and restores them",
          "[arbitration]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    const auto a = study.id("Procedure");
    const auto b = study.id("Model quantization");
    const auto onlyA = rawDecision(db, 1, {a});
    const auto both = rawDecision(db, 2, {a, b});
    const auto other = rawDecision(db, 3, {study.id("Format")});
    const auto before = dumpTable(db, "decision_categories");

    auto carrying = taxo::arbitration::decisionsCarrying(db, a);
    REQUIRE(carrying.ok());
    CHECK(*carrying == std::vector<std::int64_t>{onlyA, both});
    CHECK(*taxo::arbitration::decisionsCarrying(db, a, 2) == std::vector<std::int64_t>{both});
    CHECK(taxo::arbitration::decisionsCarrying(db, a, 3)->empty());

    auto rows = taxo::arbitration::reassignCategoryUses(db, a, b, *carrying);
    REQUIRE(rows.ok());
    CHECK(rows->moved == std::vector<std::int64_t>{onlyA});
    CHECK(rows->dropped == std::vector<std::int64_t>{both});
    CHECK(taxo::arbitration::decisionsCarrying(db, a)->empty());
    CHECK(*taxo::arbitration::decisionsCarrying(db, b) == std::vector<std::int64_t>{onlyA, both});
    CHECK(*taxo::arbitration::decisionsCarrying(db, study.id("Format")) ==
          std::vector<std::int64_t>{other});

    REQUIRE(taxo::arbitration::restoreCategoryUses(db, a, b, *rows).ok());
    CHECK(dumpTable(db, "decision_categories") == before);
}

TEST_CASE("renaming a root in the sets names exactly those sets, and back", "[select]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    // A set already naming the new name is not one the rename touched.
    REQUIRE(db.exec("INSERT INTO sets(id, name, root_name, created) "
                    "VALUES (3, 'Phones', 'Mobile devices', 't')")
                .ok());
    const auto before = dumpTable(db, "sets");

    auto renamed = taxo::select::renameRoot(db, "Mobile", "Mobile devices");
    REQUIRE(renamed.ok());
    CHECK(*renamed == std::vector<std::int64_t>{2});
    CHECK(*db.queryText("SELECT root_name FROM sets WHERE id = 2") == "Mobile devices");
    CHECK(taxo::select::renameRoot(db, "Desktop", "Computers")->empty());

    REQUIRE(taxo::select::restoreRootName(db, *renamed, "Mobile").ok());
    CHECK(dumpTable(db, "sets") == before);
}
