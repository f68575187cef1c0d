// The category checklist shared by the Coding and Arbitration pages: the roots it
// is built for, a checkbox on leaves only, ticking by id, and a consistent model
// through every rebuild.

#include "tests/core/study_fixture.h"
#include "ui/codebook/category_checklist_model.h"

#include <QAbstractItemModelTester>
#include <catch2/catch.hpp>

using taxo::codebook::CategoryId;
using taxo::ui::CategoryChecklistModel;

TEST_CASE("the category checklist ticks leaves of the roots it is built for", "[gui][checklist]") {
    taxo::test::TempDir dir;
    taxo::test::Study study{taxo::test::makeProject(dir), {}};
    taxo::test::seedCodebook(study);
    const auto bare = taxo::test::addOrFail(study.db(), std::nullopt, "Bare");

    CategoryChecklistModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    REQUIRE(model.reload(&study.db(), {"Server/Cloud"}).isEmpty());
    CHECK(model.rowCount() == 1);
    CHECK(model.containsLeaf(study.id("Procedure")));
    CHECK(model.containsLeaf(study.id("Format")));
    CHECK_FALSE(model.containsLeaf(study.id("Model Export")));
    CHECK_FALSE(model.containsLeaf(study.id("Input")));
    REQUIRE(model.itemFor(study.id("Model Export")) != nullptr);
    CHECK_FALSE(model.itemFor(study.id("Model Export"))->isCheckable());
    CHECK(model.itemFor(study.id("Input")) == nullptr);
    CHECK(model.indexFor(study.id("Format")).data().toString() == QStringLiteral("Format"));
    CHECK_FALSE(model.indexFor(study.id("Input")).isValid());
    CHECK(model.leaves().size() == 3);
    REQUIRE(model.innerCategories().size() == 2);
    CHECK(model.innerCategories()[0].path == QStringLiteral("Server/Cloud › Model Export"));

    model.setCheckedLeaves({study.id("Format"), study.id("Input"), study.id("Procedure")});
    CHECK(model.checkedLeaves() ==
          std::vector<CategoryId>{study.id("Procedure"), study.id("Format")});
    model.itemFor(study.id("Procedure"))->setCheckState(Qt::Unchecked);
    CHECK(model.checkedLeaves() == std::vector<CategoryId>{study.id("Format")});

    // Every root, as the Coding page builds it; a bare root is a checkbox there.
    auto tree = taxo::codebook::listTree(study.db());
    REQUIRE(tree.ok());
    model.build(*tree, std::nullopt);
    CHECK(model.rowCount() == 3);
    CHECK(model.checkedLeaves().empty());
    CHECK_FALSE(model.containsLeaf(bare));
    CategoryChecklistModel coding(CategoryChecklistModel::BareRoots::Checkable);
    QAbstractItemModelTester codingTester(&coding,
                                          QAbstractItemModelTester::FailureReportingMode::Fatal);
    coding.build(*tree, std::nullopt);
    CHECK(coding.containsLeaf(bare));
    CHECK(coding.leaves().size() == 5);

    REQUIRE(model.reload(nullptr, {"Server/Cloud"}).isEmpty());
    CHECK(model.rowCount() == 0);
    CHECK(model.leaves().empty());
    CHECK(model.itemFor(study.id("Format")) == nullptr);
}
