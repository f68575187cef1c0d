#include "core/codebook/codebook.h"
#include "core/recoding/recoding.h"
#include "study_fixture.h"

#include <catch2/catch.hpp>

namespace cb = taxo::codebook;
namespace recoding = taxo::recoding;
using taxo::test::dumpCodebook;
using taxo::test::labelCategories;
using taxo::test::seedDecision;
using taxo::test::seedLabel;

namespace {

std::vector<std::string> names(const std::vector<cb::Category>& list) {
    std::vector<std::string> out;
    for (const auto& c : list)
        out.push_back(c.name);
    return out;
}

std::vector<std::string> childNames(taxo::sql::Database& db, std::optional<cb::CategoryId> parent) {
    auto list = cb::children(db, parent);
    REQUIRE(list.ok());
    return names(*list);
}

} // namespace

TEST_CASE("categories form a tree found by path, with stable uids", "[codebook]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    auto quant = cb::findByPath(db, {"Server/Cloud", "Model Export", "Model quantization"});
    REQUIRE(quant.ok());
    CHECK(quant->id == study.id("Model quantization"));
    CHECK(quant->uid.size() == 36);
    CHECK(quant->uid != cb::getCategory(db, study.id("Procedure"))->uid);
    auto path = cb::pathOf(db, quant->id);
    REQUIRE(path.ok());
    CHECK(*path == std::vector<std::string>{"Server/Cloud", "Model Export", "Model quantization"});
    CHECK(*cb::depthOf(db, quant->id) == 2);
    CHECK(*cb::rootOf(db, quant->id) == study.id("Server/Cloud"));

    auto missing = cb::findByPath(db, {"Server/Cloud", "Nope"});
    REQUIRE_FALSE(missing.ok());
    CHECK_THAT(missing.message(), Catch::Contains("\"Nope\"") && Catch::Contains("Server/Cloud"));
    CHECK_FALSE(cb::findByPath(db, {}).ok());
    CHECK_THAT(cb::findByPath(db, {"Desktop"}).message(), Catch::Contains("no root category"));

    auto tree = cb::listTree(db);
    REQUIRE(tree.ok());
    std::vector<std::string> order;
    std::vector<int> depths;
    for (const auto& entry : *tree) {
        order.push_back(entry.category.name);
        depths.push_back(entry.depth);
    }
    CHECK(order == std::vector<std::string>{"Server/Cloud", "Model Export", "Procedure",
                                            "Model quantization", "Request", "Format", "Mobile",
                                            "Data", "Input"});
    CHECK(depths == std::vector<int>{0, 1, 2, 2, 1, 2, 0, 1, 2});
    CHECK(tree->front().hasChildren);
    CHECK_FALSE((*tree)[2].hasChildren);
}

TEST_CASE("adding refuses bad input and leaves the project unchanged", "[codebook]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    const auto before = dumpCodebook(db);
    const auto logBefore = taxo::test::changeLogRows(db);
    cb::NewCategory spec;
    spec.parentId = study.id("Model Export");
    spec.name = "Procedure";
    auto clash = cb::addCategory(db, spec);
    REQUIRE_FALSE(clash.ok());
    CHECK_THAT(clash.message(), Catch::Contains("already exists under \"Model Export\""));
    spec.name = "   ";
    CHECK_THAT(cb::addCategory(db, spec).message(), Catch::Contains("needs a name"));
    spec.name = "New";
    spec.parentId = 999;
    CHECK_THAT(cb::addCategory(db, spec).message(),
               Catch::Contains("parent category does not exist"));
    spec.parentId = std::nullopt;
    spec.createdIn = "somewhere";
    CHECK_THAT(cb::addCategory(db, spec).message(), Catch::Contains("unknown origin"));
    CHECK(dumpCodebook(db) == before);
    CHECK(taxo::test::changeLogRows(db) == logBefore);
}

TEST_CASE("add at an index, then undo and redo, restore the exact state", "[codebook]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    const auto before = dumpCodebook(db);
    const auto logBefore = taxo::test::changeLogRows(db);
    cb::NewCategory spec;
    spec.parentId = study.id("Model Export");
    spec.name = "  Model conversion ";
    spec.index = 1;
    auto added = cb::addCategory(db, spec);
    REQUIRE(added.ok());
    CHECK(added->category.name == "Model conversion");
    CHECK(childNames(db, study.id("Model Export")) ==
          std::vector<std::string>{"Procedure", "Model conversion", "Model quantization"});
    CHECK(taxo::test::changeLogRows(db) == logBefore + 1);
    const auto afterAdd = dumpCodebook(db);

    REQUIRE(cb::undoAdd(db, *added).ok());
    CHECK(dumpCodebook(db) == before);
    REQUIRE(cb::redoAdd(db, *added).ok());
    CHECK(dumpCodebook(db) == afterAdd);

    // Undo is refused once the category is in use, and changes nothing.
    seedLabel(db, 1, 1, std::nullopt, {added->category.id});
    const auto used = dumpCodebook(db);
    auto refused = cb::undoAdd(db, *added);
    REQUIRE_FALSE(refused.ok());
    CHECK_THAT(refused.message(), Catch::Contains("Model conversion"));
    CHECK(dumpCodebook(db) == used);
}

TEST_CASE("rename keeps labels and renaming back restores the state", "[codebook]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    const auto label = seedLabel(db, 1, 1, std::nullopt, {study.id("Procedure")});
    const auto before = dumpCodebook(db);
    auto renamed = recoding::renameCategory(db, study.id("Procedure"), "Export procedure");
    REQUIRE(renamed.ok());
    CHECK(renamed->oldName == "Procedure");
    CHECK(labelCategories(db, label) == std::vector<cb::CategoryId>{study.id("Procedure")});
    CHECK(cb::findByPath(db, {"Server/Cloud", "Model Export", "Export procedure"})->id ==
          study.id("Procedure"));
    REQUIRE(recoding::undoRename(db, *renamed).ok());
    CHECK(dumpCodebook(db) == before);

    auto clash = recoding::renameCategory(db, study.id("Procedure"), "Model quantization");
    REQUIRE_FALSE(clash.ok());
    CHECK_THAT(clash.message(), Catch::Contains("already exists"));
    // The same name is allowed under another parent.
    CHECK(recoding::renameCategory(db, study.id("Format"), "Procedure").ok());
    CHECK_FALSE(recoding::renameCategory(db, 999, "x").ok());
}

TEST_CASE("renaming a root renames it in the sets that name it, and back", "[codebook]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    // A set already naming the new name must not be touched by the undo.
    REQUIRE(db.exec("INSERT INTO sets(id, name, root_name, created) "
                    "VALUES (3, 'Phones', 'Mobile devices', 't')")
                .ok());
    const auto setsBefore = taxo::test::dumpTable(db, "sets");
    const auto before = dumpCodebook(db);
    auto renamed = recoding::renameCategory(db, study.id("Mobile"), "Mobile devices");
    REQUIRE(renamed.ok());
    CHECK(renamed->setsRenamed == std::vector<std::int64_t>{2});
    CHECK(*db.queryText("SELECT root_name FROM sets WHERE id = 2") == "Mobile devices");
    REQUIRE(recoding::undoRename(db, *renamed).ok());
    CHECK(taxo::test::dumpTable(db, "sets") == setsBefore);
    CHECK(dumpCodebook(db) == before);
    // Renaming an inner category leaves the sets alone.
    auto inner = recoding::renameCategory(db, study.id("Data"), "Mobile");
    REQUIRE(inner.ok());
    CHECK(inner->setsRenamed.empty());
    CHECK(taxo::test::dumpTable(db, "sets") == setsBefore);
    // An undo after a later rename is refused and changes nothing.
    REQUIRE(recoding::renameCategory(db, study.id("Data"), "Data again").ok());
    const auto later = dumpCodebook(db);
    CHECK_THAT(recoding::undoRename(db, *inner).message(), Catch::Contains("renamed since"));
    CHECK(dumpCodebook(db) == later);
}

TEST_CASE("description and examples have exact inverses", "[codebook]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    const auto id = study.id("Format");
    const auto before = dumpCodebook(db);
    auto described = cb::setDescription(db, id, "The input format of a request.");
    REQUIRE(described.ok());
    CHECK(cb::getCategory(db, id)->description == "The input format of a request.");
    REQUIRE(cb::setDescription(db, id, described->oldDescription).ok());
    CHECK(dumpCodebook(db) == before);

    REQUIRE(cb::addExample(db, id, 2).ok());
    CHECK(*cb::examples(db, id) == std::vector<std::int64_t>{2});
    CHECK_THAT(cb::addExample(db, id, 2).message(), Catch::Contains("already an example"));
    CHECK_THAT(cb::addExample(db, id, 99).message(), Catch::Contains("no post"));
    REQUIRE(cb::removeExample(db, id, 2).ok());
    CHECK_THAT(cb::removeExample(db, id, 2).message(), Catch::Contains("not an example"));
    CHECK(dumpCodebook(db) == before);
}

TEST_CASE("move keeps labels and undoMove restores parent and positions", "[codebook]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    const auto label = seedLabel(db, 1, 1, std::nullopt, {study.id("Procedure")});
    const auto before = dumpCodebook(db);

    SECTION("to another parent of the same root") {
        auto moved = cb::moveCategory(db, study.id("Procedure"), study.id("Request"), 0);
        REQUIRE(moved.ok());
        CHECK(childNames(db, study.id("Request")) ==
              std::vector<std::string>{"Procedure", "Format"});
        CHECK(childNames(db, study.id("Model Export")) ==
              std::vector<std::string>{"Model quantization"});
        CHECK(labelCategories(db, label) == std::vector<cb::CategoryId>{study.id("Procedure")});
        REQUIRE(cb::undoMove(db, *moved).ok());
        CHECK(dumpCodebook(db) == before);
    }
    SECTION("within its siblings") {
        auto moved =
            cb::moveCategory(db, study.id("Model quantization"), study.id("Model Export"), 0);
        REQUIRE(moved.ok());
        CHECK(childNames(db, study.id("Model Export")) ==
              std::vector<std::string>{"Model quantization", "Procedure"});
        REQUIRE(cb::undoMove(db, *moved).ok());
        CHECK(dumpCodebook(db) == before);
    }
    SECTION("an unused subtree to another root, and back") {
        auto moved = cb::moveCategory(db, study.id("Request"), study.id("Mobile"));
        REQUIRE(moved.ok());
        CHECK(*cb::rootOf(db, study.id("Format")) == study.id("Mobile"));
        REQUIRE(cb::undoMove(db, *moved).ok());
        CHECK(dumpCodebook(db) == before);
    }
    SECTION("refusals change nothing") {
        const auto logBefore = taxo::test::changeLogRows(db);
        auto intoSelf = cb::moveCategory(db, study.id("Model Export"), study.id("Procedure"));
        REQUIRE_FALSE(intoSelf.ok());
        CHECK_THAT(intoSelf.message(), Catch::Contains("into itself"));
        auto underUsed = cb::moveCategory(db, study.id("Format"), study.id("Procedure"));
        REQUIRE_FALSE(underUsed.ok());
        CHECK_THAT(underUsed.message(), Catch::Contains("must stay a leaf"));
        auto otherRoot = cb::moveCategory(db, study.id("Model Export"), study.id("Mobile"));
        REQUIRE_FALSE(otherRoot.ok());
        CHECK_THAT(otherRoot.message(), Catch::Contains("another root"));
        REQUIRE(recoding::renameCategory(db, study.id("Format"), "Procedure").ok());
        const auto renamed = dumpCodebook(db);
        auto clash = cb::moveCategory(db, study.id("Format"), study.id("Model Export"));
        REQUIRE_FALSE(clash.ok());
        CHECK_THAT(clash.message(), Catch::Contains("already exists"));
        CHECK_FALSE(cb::moveCategory(db, study.id("Format"), 999).ok());
        CHECK(dumpCodebook(db) == renamed);
        CHECK(taxo::test::changeLogRows(db) == logBefore + 1);
    }
}

TEST_CASE("merge moves labels, decisions, examples and children; unmerge restores them",
          "[codebook]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    const auto a = study.id("Procedure");
    const auto b = study.id("Model quantization");
    const auto onlyA = seedLabel(db, 1, 1, std::nullopt, {a});
    const auto both = seedLabel(db, 2, 4, 1, {a, b, study.id("Input")});
    const auto onlyB = seedLabel(db, 2, 4, 2, {b});
    const auto other = seedLabel(db, 1, 2, std::nullopt, {study.id("Format")});
    // Post 3's pilot consensus is Pending; Cy, the arbitrator of Server/Cloud, decides A.
    seedLabel(db, 1, 3, std::nullopt, {}, "pending");
    taxo::test::StudyBuilder(db).role("Cy", taxo::people::Role::Arbitrator, "Server/Cloud");
    const auto decision = seedDecision(db, 3, {a});
    REQUIRE(cb::addExample(db, a, 1).ok());
    REQUIRE(cb::addExample(db, a, 2).ok());
    REQUIRE(cb::addExample(db, b, 2).ok());
    const auto before = dumpCodebook(db);
    const auto logBefore = taxo::test::changeLogRows(db);

    auto merged = recoding::mergeCategory(db, a, b);
    REQUIRE(merged.ok());
    CHECK(taxo::test::changeLogRows(db) == logBefore + 1);
    CHECK_FALSE(cb::getCategory(db, a).ok());
    CHECK(labelCategories(db, onlyA) == std::vector<cb::CategoryId>{b});
    // A label that carried both keeps B once.
    CHECK(labelCategories(db, both) == std::vector<cb::CategoryId>{b, study.id("Input")});
    CHECK(labelCategories(db, onlyB) == std::vector<cb::CategoryId>{b});
    CHECK(labelCategories(db, other) == std::vector<cb::CategoryId>{study.id("Format")});
    CHECK(*taxo::sql::queryIntsBound(
              db, "SELECT category_id FROM decision_categories WHERE decision_id = ?", decision) ==
          std::vector<std::int64_t>{b});
    CHECK(*cb::examples(db, b) == std::vector<std::int64_t>{1, 2});
    CHECK(merged->labels.moved == std::vector<std::int64_t>{onlyA});
    CHECK(merged->labels.dropped == std::vector<std::int64_t>{both});

    REQUIRE(recoding::unmergeCategory(db, *merged).ok());
    CHECK(dumpCodebook(db) == before);
    CHECK(cb::getCategory(db, a)->uid == merged->source.category.uid);
}

TEST_CASE("merging an inner category moves its children and unmerge puts them back", "[codebook]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    const auto label = seedLabel(db, 1, 1, std::nullopt, {study.id("Format")});
    const auto before = dumpCodebook(db);
    auto merged = recoding::mergeCategory(db, study.id("Request"), study.id("Model Export"));
    REQUIRE(merged.ok());
    CHECK(childNames(db, study.id("Model Export")) ==
          std::vector<std::string>{"Procedure", "Model quantization", "Format"});
    CHECK(labelCategories(db, label) == std::vector<cb::CategoryId>{study.id("Format")});
    REQUIRE(recoding::unmergeCategory(db, *merged).ok());
    CHECK(dumpCodebook(db) == before);
}

TEST_CASE("merge refusals leave the project unchanged", "[codebook]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    seedLabel(db, 1, 1, std::nullopt, {study.id("Procedure")});
    seedLabel(db, 2, 5, 1, {study.id("Input")});
    const auto before = dumpCodebook(db);
    const auto logBefore = taxo::test::changeLogRows(db);
    CHECK_THAT(recoding::mergeCategory(db, study.id("Procedure"), study.id("Procedure")).message(),
               Catch::Contains("into itself"));
    CHECK_THAT(
        recoding::mergeCategory(db, study.id("Model Export"), study.id("Procedure")).message(),
        Catch::Contains("one of its subcategories"));
    CHECK_THAT(recoding::mergeCategory(db, study.id("Procedure"), study.id("Input")).message(),
               Catch::Contains("different roots"));
    CHECK_THAT(recoding::mergeCategory(db, study.id("Procedure"), study.id("Request")).message(),
               Catch::Contains("leaf categories only"));
    REQUIRE(recoding::renameCategory(db, study.id("Format"), "Procedure").ok());
    const auto renamed = dumpCodebook(db);
    CHECK_THAT(recoding::mergeCategory(db, study.id("Request"), study.id("Model Export")).message(),
               Catch::Contains("both have a subcategory named \"Procedure\""));
    REQUIRE(taxo::sql::runBound(db,
                                "INSERT INTO person_roles(person_id, role, root_category_id) "
                                "VALUES (3, 'arbitrator', ?)",
                                study.id("Mobile"))
                .ok());
    CHECK_THAT(recoding::mergeCategory(db, study.id("Mobile"), study.id("Server/Cloud")).message(),
               Catch::Contains("person role"));
    CHECK(dumpCodebook(db) == renamed);
    CHECK(renamed.at("label_categories") == before.at("label_categories"));
    CHECK(taxo::test::changeLogRows(db) == logBefore + 1);
}

TEST_CASE("split moves the chosen posts' labels to a new sibling; unsplit restores", "[codebook]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    const auto a = study.id("Procedure");
    const auto l1 = seedLabel(db, 1, 1, std::nullopt, {a});
    // Post 2's consensus was Pending when Cy decided A; the pilot pair chose A since.
    seedLabel(db, 1, 2, std::nullopt, {}, "pending");
    taxo::test::StudyBuilder(db).role("Cy", taxo::people::Role::Arbitrator, "Server/Cloud");
    const auto d2 = seedDecision(db, 2, {a});
    const auto l2 = seedLabel(db, 1, 2, std::nullopt, {a});
    const auto l4 = seedLabel(db, 2, 4, 1, {a, study.id("Input")});
    const auto before = dumpCodebook(db);

    auto split = recoding::splitCategory(db, a, "Export to TFLite", {2, 4});
    REQUIRE(split.ok());
    const auto created = split->added.category.id;
    CHECK(childNames(db, study.id("Model Export")) ==
          std::vector<std::string>{"Procedure", "Export to TFLite", "Model quantization"});
    CHECK(labelCategories(db, l1) == std::vector<cb::CategoryId>{a});
    CHECK(labelCategories(db, l2) == std::vector<cb::CategoryId>{created});
    CHECK(labelCategories(db, l4) == std::vector<cb::CategoryId>{study.id("Input"), created});
    CHECK(split->decisions.moved == std::vector<std::int64_t>{d2});
    CHECK(*cb::postsCarrying(db, created) == std::vector<std::int64_t>{2, 4});
    CHECK(*cb::postsCarrying(db, a) == std::vector<std::int64_t>{1});
    const auto afterSplit = dumpCodebook(db);
    REQUIRE(recoding::unsplitCategory(db, *split).ok());
    CHECK(dumpCodebook(db) == before);
    // Redo brings back the same category (id, uid, position) and the same rows.
    REQUIRE(recoding::redoSplit(db, *split).ok());
    CHECK(dumpCodebook(db) == afterSplit);
    REQUIRE(recoding::unsplitCategory(db, *split).ok());
    CHECK(dumpCodebook(db) == before);
    // A label that lost the source since cannot follow: refused, nothing changes.
    REQUIRE(db.exec("DELETE FROM label_categories WHERE label_id = " + std::to_string(l2)).ok());
    const auto withoutL2 = dumpCodebook(db);
    CHECK_THAT(recoding::redoSplit(db, *split).message(), Catch::Contains("cannot redo the split"));
    CHECK(dumpCodebook(db) == withoutL2);
    REQUIRE(db.exec("INSERT INTO label_categories VALUES (" + std::to_string(l2) + ", " +
                    std::to_string(a) + ")")
                .ok());
    CHECK(dumpCodebook(db) == before);

    auto wrongPost = recoding::splitCategory(db, a, "X", {1, 3});
    REQUIRE_FALSE(wrongPost.ok());
    CHECK_THAT(wrongPost.message(), Catch::Contains("post 3"));
    CHECK_FALSE(recoding::splitCategory(db, a, "X", {}).ok());
    CHECK_THAT(recoding::splitCategory(db, a, "Model quantization", {1}).message(),
               Catch::Contains("already exists"));
    CHECK(dumpCodebook(db) == before);
}

TEST_CASE("delete is refused while used, unless reassigned; restore undoes it", "[codebook]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    const auto a = study.id("Procedure");
    const auto b = study.id("Model quantization");
    REQUIRE(cb::addExample(db, a, 1).ok());

    SECTION("an unused leaf with an example") {
        const auto before = dumpCodebook(db);
        auto deleted = recoding::deleteCategory(db, a);
        REQUIRE(deleted.ok());
        CHECK(childNames(db, study.id("Model Export")) ==
              std::vector<std::string>{"Model quantization"});
        REQUIRE(recoding::restoreDeleted(db, *deleted).ok());
        CHECK(dumpCodebook(db) == before);
    }
    SECTION("used by a label or a decision") {
        const auto label = seedLabel(db, 2, 4, 1, {a, b});
        seedLabel(db, 1, 1, std::nullopt, {}, "pending");
        taxo::test::StudyBuilder(db).role("Cy", taxo::people::Role::Arbitrator, "Server/Cloud");
        seedDecision(db, 1, {a});
        const auto before = dumpCodebook(db);
        auto refused = recoding::deleteCategory(db, a);
        REQUIRE_FALSE(refused.ok());
        CHECK_THAT(refused.message(),
                   Catch::Contains("1 label(s) and 1 decision(s)") && Catch::Contains("reassign"));
        CHECK(dumpCodebook(db) == before);
        CHECK_THAT(recoding::deleteCategory(db, a, a).message(), Catch::Contains("to itself"));
        CHECK_THAT(recoding::deleteCategory(db, a, 999).message(),
                   Catch::Contains("does not exist"));
        CHECK_THAT(recoding::deleteCategory(db, a, study.id("Input")).message(),
                   Catch::Contains("different roots"));
        CHECK(dumpCodebook(db) == before);

        auto deleted = recoding::deleteCategory(db, a, b);
        REQUIRE(deleted.ok());
        CHECK(labelCategories(db, label) == std::vector<cb::CategoryId>{b});
        REQUIRE(recoding::restoreDeleted(db, *deleted).ok());
        CHECK(dumpCodebook(db) == before);
    }
    SECTION("with subcategories") {
        const auto before = dumpCodebook(db);
        CHECK_THAT(recoding::deleteCategory(db, study.id("Model Export")).message(),
                   Catch::Contains("subcategories"));
        CHECK(dumpCodebook(db) == before);
    }
}

TEST_CASE("the three-level check reports leaves used at the wrong level", "[codebook]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    auto clean = cb::checkLevels(db);
    REQUIRE(clean.ok());
    CHECK(clean->empty());

    // A label on an inner category, which saveLabel refuses: forged, as a file from
    // before the check or edited by hand could hold it.
    REQUIRE(db.exec("INSERT INTO labels(round_id, post_id, updated) VALUES (1, 1, 't')").ok());
    REQUIRE(taxo::sql::runBound(db, "INSERT INTO label_categories VALUES (?, ?)",
                                db.lastInsertRowId(), study.id("Request"))
                .ok());
    cb::NewCategory shallow;
    shallow.parentId = study.id("Server/Cloud");
    shallow.name = "Shallow";
    const auto shallowId = cb::addCategory(db, shallow)->category.id;
    seedLabel(db, 1, 2, std::nullopt, {shallowId});
    cb::NewCategory deep;
    deep.parentId = study.id("Input");
    deep.name = "Deep";
    REQUIRE(cb::addCategory(db, deep).ok());

    auto issues = cb::checkLevels(db);
    REQUIRE(issues.ok());
    REQUIRE(issues->size() == 3);
    using Kind = cb::LevelIssue::Kind;
    CHECK((*issues)[0].kind == Kind::UsedNotLeaf);
    CHECK((*issues)[0].category == study.id("Request"));
    CHECK((*issues)[1].kind == Kind::UsedWrongDepth);
    CHECK((*issues)[1].category == shallowId);
    CHECK_THAT((*issues)[1].message, Catch::Contains("Server/Cloud / Shallow"));
    CHECK((*issues)[2].kind == Kind::LeafWrongDepth);
    CHECK((*issues)[2].path == std::vector<std::string>{"Mobile", "Data", "Input", "Deep"});
}

TEST_CASE("the tree counts labels per round and coder", "[codebook]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    const auto a = study.id("Procedure");
    const auto b = study.id("Model quantization");
    seedLabel(db, 1, 1, std::nullopt, {a});
    seedLabel(db, 2, 4, 1, {a, b});
    seedLabel(db, 2, 4, 2, {b});
    seedLabel(db, 2, 5, 2, {study.id("Input")});

    auto countOf = [&](const cb::CountFilter& filter, cb::CategoryId id) {
        auto tree = cb::listTree(db, filter);
        REQUIRE(tree.ok());
        for (const auto& entry : *tree)
            if (entry.category.id == id)
                return std::make_pair(entry.labelCount, entry.subtreePosts);
        FAIL("category missing");
        return std::make_pair(std::int64_t{-1}, std::int64_t{-1});
    };
    CHECK(countOf({}, a) == std::make_pair(std::int64_t{2}, std::int64_t{2}));
    CHECK(countOf({}, study.id("Model Export")) ==
          std::make_pair(std::int64_t{0}, std::int64_t{2}));
    cb::CountFilter ann{2, std::optional<std::int64_t>(1)};
    CHECK(countOf(ann, a) == std::make_pair(std::int64_t{1}, std::int64_t{1}));
    CHECK(countOf(ann, study.id("Input")).first == 0);
    cb::CountFilter consensus{1, std::optional<std::int64_t>()};
    CHECK(countOf(consensus, a).first == 1);
    CHECK(countOf(consensus, b).first == 0);
    // A post counts once in its root even with two of its leaves.
    CHECK(countOf({2, std::nullopt}, study.id("Server/Cloud")).second == 1);
}

TEST_CASE("every edit and every inverse appends exactly one change-log row", "[codebook]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    seedLabel(db, 1, 1, std::nullopt, {study.id("Procedure")});
    auto lastAction = [&] {
        return *db.queryText("SELECT action FROM change_log ORDER BY id DESC");
    };
    std::int64_t rows = taxo::test::changeLogRows(db);
    auto expect = [&](const std::string& action) {
        ++rows;
        CHECK(taxo::test::changeLogRows(db) == rows);
        CHECK(lastAction() == action);
    };
    auto renamed = recoding::renameCategory(db, study.id("Format"), "Input format");
    REQUIRE(renamed.ok());
    expect("codebook.rename");
    REQUIRE(recoding::undoRename(db, *renamed).ok());
    expect("codebook.rename.undo");
    auto moved = cb::moveCategory(db, study.id("Format"), study.id("Model Export"));
    REQUIRE(moved.ok());
    expect("codebook.move");
    REQUIRE(cb::undoMove(db, *moved).ok());
    expect("codebook.move.undo");
    auto merged =
        recoding::mergeCategory(db, study.id("Procedure"), study.id("Model quantization"));
    REQUIRE(merged.ok());
    expect("codebook.merge");
    REQUIRE(recoding::unmergeCategory(db, *merged).ok());
    expect("codebook.merge.undo");
    auto split = recoding::splitCategory(db, study.id("Procedure"), "Other procedure", {1});
    REQUIRE(split.ok());
    expect("codebook.split");
    REQUIRE(recoding::unsplitCategory(db, *split).ok());
    expect("codebook.split.undo");
    auto deleted = recoding::deleteCategory(db, study.id("Format"));
    REQUIRE(deleted.ok());
    expect("codebook.delete");
    REQUIRE(recoding::restoreDeleted(db, *deleted).ok());
    expect("codebook.delete.undo");
    REQUIRE(cb::setDescription(db, study.id("Format"), "x").ok());
    expect("codebook.describe");
    REQUIRE(cb::addExample(db, study.id("Format"), 2).ok());
    expect("codebook.example.add");
    REQUIRE(cb::removeExample(db, study.id("Format"), 2).ok());
    expect("codebook.example.remove");
    // The details name what changed.
    CHECK_THAT(*db.queryText("SELECT details FROM change_log WHERE action = 'codebook.merge'"),
               Catch::Contains("\"target\""));
}

TEST_CASE("an inverse refuses when the rows it would restore changed since", "[codebook]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    const auto label = seedLabel(db, 1, 1, std::nullopt, {study.id("Procedure")});
    auto merged =
        recoding::mergeCategory(db, study.id("Procedure"), study.id("Model quantization"));
    REQUIRE(merged.ok());
    // The label moved to the target was since changed by hand.
    REQUIRE(taxo::sql::runBound(db, "DELETE FROM label_categories WHERE label_id = ?", label).ok());
    const auto now = dumpCodebook(db);
    auto refused = recoding::unmergeCategory(db, *merged);
    REQUIRE_FALSE(refused.ok());
    CHECK_THAT(refused.message(), Catch::Contains("changed since"));
    CHECK(dumpCodebook(db) == now);

    auto moved = cb::moveCategory(db, study.id("Format"), study.id("Model Export"));
    REQUIRE(moved.ok());
    REQUIRE(cb::moveCategory(db, study.id("Format"), study.id("Request")).ok());
    const auto movedTwice = dumpCodebook(db);
    CHECK_THAT(cb::undoMove(db, *moved).message(), Catch::Contains("moved since"));
    CHECK(dumpCodebook(db) == movedTwice);
}

TEST_CASE("an imported category keeps its uid and goes after its siblings", "[codebook]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    const auto logBefore = taxo::test::changeLogRows(db);
    auto added = cb::addImportedCategory(db, {"qdc-guid-1", study.id("Model Export"), "Serving",
                                              "Models behind a server.", "2024-01-02T03:04:05Z"});
    REQUIRE(added.ok());
    auto category = cb::getCategory(db, *added);
    REQUIRE(category.ok());
    CHECK(category->uid == "qdc-guid-1");
    CHECK(category->parentId == study.id("Model Export"));
    CHECK(category->description == "Models behind a server.");
    CHECK(category->created == "2024-01-02T03:04:05Z");
    CHECK(category->createdIn == "import");
    CHECK_FALSE(category->createdBy.has_value());
    CHECK(childNames(db, study.id("Model Export")) ==
          std::vector<std::string>{"Procedure", "Model quantization", "Serving"});
    auto root = cb::addImportedCategory(db, {"qdc-guid-2", std::nullopt, "Desktop", "", "t"});
    REQUIRE(root.ok());
    CHECK(childNames(db, std::nullopt) ==
          std::vector<std::string>{"Server/Cloud", "Mobile", "Desktop"});
    // The import that calls it logs once for the whole codebook.
    CHECK(taxo::test::changeLogRows(db) == logBefore);
}
