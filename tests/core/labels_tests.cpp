#include "core/labels/codes.h"
#include "core/labels/coding.h"
#include "core/labels/labels.h"
#include "study_fixture.h"

#include <catch2/catch.hpp>

namespace cb = taxo::codebook;
namespace lb = taxo::labels;
using taxo::test::changeLogRows;
using taxo::test::dumpCodebook;

namespace {

constexpr std::int64_t kPilot = 1;
constexpr std::int64_t kReliability = 2;
constexpr std::int64_t kAnn = 1;
constexpr std::int64_t kBo = 2;
constexpr std::int64_t kCy = 3;

lb::LabelContent withCategories(std::vector<cb::CategoryId> ids, std::string note = "") {
    lb::LabelContent content;
    content.categories = std::move(ids);
    content.note = std::move(note);
    return content;
}

lb::LabelContent withSpecial(lb::Special special, std::string suggestion = "") {
    lb::LabelContent content;
    content.special = special;
    content.suggestion = std::move(suggestion);
    return content;
}

lb::LabelContent withCode(std::string code) {
    lb::LabelContent content;
    content.code = std::move(code);
    return content;
}

void saveOrFail(taxo::sql::Database& db, const lb::LabelKey& key, const lb::LabelContent& content) {
    auto saved = lb::saveLabel(db, key, content);
    INFO((saved.ok() ? std::string("ok") : saved.message()));
    REQUIRE(saved.ok());
}

// Everything a coder's own queries return, as one comparable string.
std::string coderView(taxo::sql::Database& db, std::int64_t round, lb::CoderId coder) {
    std::string view;
    auto rows = lb::listForCoder(db, round, coder);
    REQUIRE(rows.ok());
    for (const auto& row : *rows) {
        view += std::to_string(row.postId) + ":" + std::to_string(static_cast<int>(row.state)) +
                ":" + std::to_string(row.categoryCount) + ":" + row.code + ":" + row.updated + ";";
        auto label = lb::loadLabel(db, {round, row.postId, coder});
        REQUIRE(label.ok());
        if (*label)
            view += lb::agreementValue((*label)->content) + "/" + (*label)->content.note + ";";
    }
    auto progress = lb::progressForCoder(db, round, coder);
    REQUIRE(progress.ok());
    view += std::to_string(progress->labeled) + "/" + std::to_string(progress->total);
    auto tree = cb::listTree(db, {round, coder});
    REQUIRE(tree.ok());
    for (const auto& entry : *tree)
        view += "|" + std::to_string(entry.labelCount) + "," + std::to_string(entry.subtreePosts);
    return view;
}

} // namespace

TEST_CASE("a label is saved, loaded, cleared and restored exactly", "[labels]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    const lb::LabelKey key{kReliability, 4, kAnn};
    const auto empty = dumpCodebook(db);

    auto first = lb::saveLabel(
        db, key,
        withCategories({study.id("Input"), study.id("Format"), study.id("Input")}, "two roots"));
    REQUIRE(first.ok());
    CHECK_FALSE(first->has_value());
    auto loaded = lb::loadLabel(db, key);
    REQUIRE(loaded.ok());
    REQUIRE(loaded->has_value());
    // Stored as a set: sorted, once each.
    CHECK((*loaded)->content.categories ==
          std::vector<cb::CategoryId>{study.id("Format"), study.id("Input")});
    CHECK((*loaded)->content.note == "two roots");
    const auto afterFirst = dumpCodebook(db);

    auto second = lb::saveLabel(db, key, withSpecial(lb::Special::Pending, "Model serving"));
    REQUIRE(second.ok());
    REQUIRE(second->has_value());
    CHECK((*second)->content == (*loaded)->content);
    CHECK((*lb::loadLabel(db, key))->id == (*loaded)->id); // the row keeps its id
    CHECK((*lb::loadLabel(db, key))->content.suggestion == "Model serving");

    REQUIRE(lb::restoreLabel(db, key, *second).ok());
    CHECK(dumpCodebook(db) == afterFirst);

    auto cleared = lb::clearLabel(db, key);
    REQUIRE(cleared.ok());
    REQUIRE(cleared->has_value());
    CHECK_FALSE(lb::loadLabel(db, key)->has_value());
    REQUIRE(lb::restoreLabel(db, key, *cleared).ok());
    CHECK(dumpCodebook(db) == afterFirst);
    REQUIRE(lb::restoreLabel(db, key, *first).ok());
    CHECK(dumpCodebook(db) == empty);
    // Clearing nothing is not an error and changes nothing.
    auto none = lb::clearLabel(db, key);
    REQUIRE(none.ok());
    CHECK_FALSE(none->has_value());
}

TEST_CASE("invalid labels are refused with a reason and change nothing", "[labels]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    saveOrFail(db, {kReliability, 5, kAnn}, withCategories({study.id("Input")}));
    const auto before = dumpCodebook(db);
    const auto logBefore = changeLogRows(db);
    auto refused = [&](const lb::LabelKey& key, const lb::LabelContent& content,
                       const std::string& part) {
        auto result = lb::saveLabel(db, key, content);
        REQUIRE_FALSE(result.ok());
        CHECK_THAT(result.message(), Catch::Contains(part));
        CHECK(dumpCodebook(db) == before);
        CHECK(changeLogRows(db) == logBefore);
    };
    const lb::LabelKey ann5{kReliability, 5, kAnn};
    auto both = withCategories({study.id("Input")});
    both.special = lb::Special::Unclear;
    refused(ann5, both, "not both");
    auto suggestion = withSpecial(lb::Special::Unclear, "Something");
    refused(ann5, suggestion, "only a Pending label");
    refused(ann5, lb::LabelContent{}, "at least one category");
    refused(ann5, withCode("quantize"), "at least one category");
    refused(ann5, withCategories({study.id("Data")}), "leaf categories only");
    refused(ann5, withCategories({999}), "no category with id 999");
    // Post 5 is only in the Mobile set: a Server/Cloud leaf is refused.
    refused(ann5, withCategories({study.id("Format")}),
            "post \u201cpost 5\u201d (stackoverflow:1005) belongs to sets of \"Mobile\"");
    refused({kReliability, 1, kAnn}, withCategories({study.id("Format")}), "not an item");
    refused({kReliability, 5, kCy}, withCategories({study.id("Input")}), "not a coder");
    refused({kReliability, 5, std::nullopt}, withCategories({study.id("Input")}),
            "only the pilot round has a consensus label");
    refused({99, 5, kAnn}, withCategories({study.id("Input")}), "no round with id 99");
    refused({kPilot, 1, std::nullopt}, withCode("   "), "needs an initial code");
    REQUIRE(db.exec("UPDATE rounds SET state = 'closed' WHERE id = 2").ok());
    refused(ann5, withSpecial(lb::Special::Unclear), "is closed");
}

TEST_CASE("the post's sets decide which roots its labels may use", "[labels]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    auto roots = lb::rootNamesForPost(db, 4);
    REQUIRE(roots.ok());
    REQUIRE(roots->has_value());
    CHECK(**roots == std::vector<std::string>{"Mobile", "Server/Cloud"});
    CHECK_FALSE(lb::rootNamesForPost(db, 7)->has_value());
    // Post 4 is in both sets; post 7 in none, so any leaf is accepted.
    saveOrFail(db, {kReliability, 4, kBo}, withCategories({study.id("Input"), study.id("Format")}));
    saveOrFail(db, {kPilot, 7, std::nullopt}, withCategories({study.id("Input")}));
    saveOrFail(db, {kPilot, 1, std::nullopt}, withCode("quantize before serving"));
    CHECK(lb::checkLeafForPost(db, 1, study.id("Procedure")).ok());
    CHECK_FALSE(lb::checkLeafForPost(db, 1, study.id("Input")).ok());
}

TEST_CASE("a coder's queries never see another coder's labels", "[labels]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    saveOrFail(db, {kReliability, 4, kAnn}, withCategories({study.id("Procedure")}, "mine"));
    saveOrFail(db, {kReliability, 5, kAnn}, withSpecial(lb::Special::FalsePositive));
    const auto annBefore = coderView(db, kReliability, kAnn);

    saveOrFail(db, {kReliability, 4, kBo}, withCategories({study.id("Format")}, "theirs"));
    saveOrFail(db, {kReliability, 5, kBo}, withCategories({study.id("Input")}));
    saveOrFail(db, {kReliability, 6, kBo}, withSpecial(lb::Special::Unclear));
    CHECK(coderView(db, kReliability, kAnn) == annBefore);
    REQUIRE(lb::clearLabel(db, {kReliability, 4, kBo}).ok());
    CHECK(coderView(db, kReliability, kAnn) == annBefore);

    auto annRows = lb::listForCoder(db, kReliability, kAnn);
    REQUIRE(annRows.ok());
    REQUIRE(annRows->size() == 3);
    CHECK((*annRows)[0].state == lb::LabelState::Categories);
    CHECK((*annRows)[1].state == lb::LabelState::FalsePositive);
    CHECK((*annRows)[2].state == lb::LabelState::Unlabeled);
    auto progress = lb::progressForCoder(db, kReliability, kAnn);
    REQUIRE(progress.ok());
    CHECK(progress->labeled == 2);
    CHECK(progress->total == 3);
    CHECK(lb::progressForCoder(db, kReliability, kBo)->labeled == 2);
    // The consensus (no coder) is a coder of its own: nothing in this round.
    CHECK(lb::progressForCoder(db, kReliability, std::nullopt)->labeled == 0);
}

TEST_CASE("an initial code alone is a pilot label but does not count as labeled", "[labels]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    saveOrFail(db, {kPilot, 1, std::nullopt}, withCode("quantize before serving"));
    saveOrFail(db, {kPilot, 2, std::nullopt}, withSpecial(lb::Special::Unclear));
    auto rows = lb::listForCoder(db, kPilot, std::nullopt);
    REQUIRE(rows.ok());
    CHECK((*rows)[0].state == lb::LabelState::CodeOnly);
    CHECK((*rows)[0].code == "quantize before serving");
    CHECK((*rows)[1].state == lb::LabelState::Unclear);
    CHECK(lb::progressForCoder(db, kPilot, std::nullopt)->labeled == 1);
    CHECK(lb::progressForCoder(db, kPilot, std::nullopt)->total == 4);
}

TEST_CASE("the agreement value is the sorted category set or the special value", "[labels]") {
    CHECK(lb::agreementValue(withCategories({7, 3, 7})) == "categories:3,7");
    CHECK(lb::agreementValue(withCategories({3, 7})) == lb::agreementValue(withCategories({7, 3})));
    CHECK(lb::agreementValue(withCategories({3})) != lb::agreementValue(withCategories({3, 7})));
    CHECK(lb::agreementValue(withSpecial(lb::Special::FalsePositive)) == "false_positive");
    CHECK(lb::agreementValue(withSpecial(lb::Special::Unclear)) == "unclear");
    // The suggested name is not part of the value: two Pending labels agree.
    CHECK(lb::agreementValue(withSpecial(lb::Special::Pending, "a")) ==
          lb::agreementValue(withSpecial(lb::Special::Pending, "b")));
    CHECK(lb::agreementValue(withCode("x")).empty());
    CHECK(lb::parseSpecial("unclear") == lb::Special::Unclear);
    CHECK_FALSE(lb::parseSpecial("Unclear").has_value());
}

TEST_CASE("initial codes group case- and whitespace-insensitively", "[labels][codes]") {
    CHECK(lb::normalizeCode("  Quantize\t before   SERVING \n") == "quantize before serving");
    CHECK(lb::normalizeCode("") == "");

    TAXO_STUDY(study);
    auto& db = study.db();
    saveOrFail(db, {kPilot, 1, std::nullopt}, withCode("Quantize before serving"));
    saveOrFail(db, {kPilot, 2, std::nullopt}, withCode("quantize  before serving "));
    saveOrFail(db, {kPilot, 3, std::nullopt}, withCode("quantize before serving"));
    saveOrFail(db, {kPilot, 7, std::nullopt}, withCode("Raw input"));
    // Another coder's codes in the same round are not the consensus's.
    saveOrFail(db, {kPilot, 7, kAnn}, withCode("quantize before serving"));

    auto groups = lb::listCodes(db, kPilot);
    REQUIRE(groups.ok());
    REQUIRE(groups->size() == 2);
    const auto& quantize = (*groups)[0];
    CHECK(quantize.key == "quantize before serving");
    CHECK(quantize.count == 3);
    CHECK(quantize.spelling == "quantize before serving");
    CHECK(quantize.spellings.size() == 2);
    CHECK(quantize.spellings[0].count == 2);
    CHECK(quantize.postIds == std::vector<std::int64_t>{1, 2, 3});
    CHECK((*groups)[1].spelling == "Raw input");
    CHECK((*groups)[1].postIds == std::vector<std::int64_t>{7});
    auto annGroups = lb::listCodes(db, kPilot, kAnn);
    REQUIRE(annGroups.ok());
    REQUIRE(annGroups->size() == 1);
    CHECK(annGroups->front().postIds == std::vector<std::int64_t>{7});
}

TEST_CASE("a category made from codes labels their posts; undo restores exactly",
          "[labels][codes]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    saveOrFail(db, {kPilot, 1, std::nullopt}, withCode("Quantize before serving"));
    auto withBoth = withCode("QUANTIZE before serving");
    withBoth.categories = {study.id("Format")};
    saveOrFail(db, {kPilot, 2, std::nullopt}, withBoth);
    saveOrFail(db, {kPilot, 3, std::nullopt}, withCode("export for serving"));
    saveOrFail(db, {kPilot, 7, std::nullopt}, withCode("raw input"));
    const auto before = dumpCodebook(db);
    const auto logBefore = changeLogRows(db);

    cb::NewCategory spec;
    spec.parentId = study.id("Model Export");
    spec.name = "Quantization for serving";
    spec.createdIn = "pilot";
    auto created = lb::createCategoryFromCodes(db, kPilot, spec,
                                               {"quantize before serving", "Export for serving"});
    REQUIRE(created.ok());
    CHECK(changeLogRows(db) == logBefore + 1);
    const auto id = created->category;
    CHECK(cb::getCategory(db, id)->createdIn == "pilot");
    for (const std::int64_t post : {1, 2, 3}) {
        auto label = lb::loadLabel(db, {kPilot, post, std::nullopt});
        REQUIRE(label.ok());
        const auto& categories = (*label)->content.categories;
        CHECK(std::find(categories.begin(), categories.end(), id) != categories.end());
    }
    CHECK((*lb::loadLabel(db, {kPilot, 2, std::nullopt}))->content.categories.size() == 2);
    CHECK((*lb::loadLabel(db, {kPilot, 7, std::nullopt}))->content.categories.empty());
    const auto afterCreate = dumpCodebook(db);
    REQUIRE(lb::undoCodesChange(db, *created).ok());
    CHECK(dumpCodebook(db) == before);
    // Redo brings back the same category and the same label rows; undo again.
    REQUIRE(lb::redoCodesChange(db, *created).ok());
    CHECK(dumpCodebook(db) == afterCreate);
    CHECK_THAT(lb::redoCodesChange(db, *created).message(), Catch::Contains("cannot redo"));
    CHECK(dumpCodebook(db) == afterCreate);
    REQUIRE(lb::undoCodesChange(db, *created).ok());
    CHECK(dumpCodebook(db) == before);

    SECTION("assigning codes to an existing leaf, one label already carrying it") {
        auto assigned =
            lb::assignCodesToCategory(db, kPilot, study.id("Format"), {"quantize before serving"});
        REQUIRE(assigned.ok());
        CHECK(assigned->labelsChanged.size() == 1);
        CHECK(assigned->labelsAlreadyThere.size() == 1);
        REQUIRE(lb::undoCodesChange(db, *assigned).ok());
        CHECK(dumpCodebook(db) == before);
    }
    SECTION("refusals change nothing") {
        const auto logNow = changeLogRows(db);
        auto unknown = lb::createCategoryFromCodes(db, kPilot, spec, {"no such code"});
        REQUIRE_FALSE(unknown.ok());
        CHECK_THAT(unknown.message(), Catch::Contains("\"no such code\""));
        CHECK_FALSE(lb::createCategoryFromCodes(db, kPilot, spec, {}).ok());
        // Posts 1-3 are Server/Cloud posts: a Mobile leaf is refused.
        CHECK_THAT(
            lb::assignCodesToCategory(db, kPilot, study.id("Input"), {"quantize before serving"})
                .message(),
            Catch::Contains("belongs to sets of"));
        CHECK_THAT(
            lb::assignCodesToCategory(db, kPilot, study.id("Request"), {"raw input"}).message(),
            Catch::Contains("leaf categories only"));
        cb::NewCategory underUsed;
        underUsed.parentId = study.id("Format");
        underUsed.name = "Sub";
        CHECK_THAT(lb::createCategoryFromCodes(db, kPilot, underUsed, {"raw input"}).message(),
                   Catch::Contains("must stay a leaf"));
        auto special = withSpecial(lb::Special::Unclear);
        special.code = "raw input";
        saveOrFail(db, {kPilot, 7, std::nullopt}, special);
        const auto withUnclear = dumpCodebook(db);
        CHECK_THAT(lb::createCategoryFromCodes(db, kPilot, spec, {"raw input"}).message(),
                   Catch::Contains("False positive, Unclear or Pending"));
        CHECK(dumpCodebook(db) == withUnclear);
        CHECK(changeLogRows(db) == logNow + 1);
    }
}

TEST_CASE("the labeling view lists who can label which round, and reads posts", "[labels]") {
    taxo::test::TempDir studyDir;
    taxo::test::Study study{taxo::test::makeProject(studyDir), {}};
    auto posts = taxo::test::studyPosts();
    posts[0].tags = {"tensorflow", "serving"};
    taxo::test::seedStudy(study.db(), posts);
    taxo::test::seedCodebook(study);
    auto& db = study.db();
    auto assignments = lb::codingAssignments(db);
    REQUIRE(assignments.ok());
    std::vector<std::string> seen;
    for (const auto& a : *assignments)
        seen.push_back(a.roundName + ":" + (a.coder ? a.coderName : std::string("consensus")));
    CHECK(seen == std::vector<std::string>{"pilot:consensus", "pilot:Ann", "pilot:Bo",
                                           "reliability:Ann", "reliability:Bo"});
    auto post = lb::postText(db, 1);
    REQUIRE(post.ok());
    CHECK(post->title == "post 1");
    CHECK(post->tags == std::vector<std::string>{"tensorflow", "serving"});
    CHECK_THAT(lb::postText(db, 99).message(), Catch::Contains("no post with id 99"));
}

TEST_CASE("the suggestion field offers the coder's own earlier suggestions, never another's",
          "[labels][blind]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    using Names = std::vector<std::string>;
    const Names categories = {"Data",      "Format",       "Input",
                              "Mobile",    "Model Export", "Model quantization",
                              "Procedure", "Request",      "Server/Cloud"};
    auto choices = lb::suggestionChoices(db, kReliability, kAnn);
    REQUIRE(choices.ok());
    CHECK(*choices == categories);

    saveOrFail(db, {kReliability, 4, kAnn}, withSpecial(lb::Special::Pending, "Hosting"));
    saveOrFail(db, {kReliability, 5, kAnn}, withSpecial(lb::Special::Pending, "hosting "));
    saveOrFail(db, {kReliability, 6, kAnn}, withSpecial(lb::Special::Pending, "Batch jobs"));
    // Bo's suggestion in the same round and Ann's in another round stay out of the list.
    saveOrFail(db, {kReliability, 4, kBo}, withSpecial(lb::Special::Pending, "Secret idea"));
    saveOrFail(db, {kPilot, 1, kAnn}, withSpecial(lb::Special::Pending, "Pilot idea"));
    // A suggestion spelled like a category is offered once.
    saveOrFail(db, {kPilot, 2, std::nullopt}, withSpecial(lb::Special::Pending, "format"));

    choices = lb::suggestionChoices(db, kReliability, kAnn);
    REQUIRE(choices.ok());
    Names expected = {"Batch jobs", "Hosting"};
    expected.insert(expected.end(), categories.begin(), categories.end());
    CHECK(*choices == expected);
    CHECK(lb::suggestionChoices(db, kReliability, kBo)->front() == "Secret idea");
    CHECK(lb::suggestionChoices(db, kPilot, kAnn)->front() == "Pilot idea");
    // The consensus is a coder of its own; its "format" is the category's spelling.
    auto consensus = lb::suggestionChoices(db, kPilot, std::nullopt);
    REQUIRE(consensus.ok());
    CHECK(consensus->front() == "format");
    CHECK(std::count(consensus->begin(), consensus->end(), "Format") == 0);
}

TEST_CASE("a post is named by its source id and its title, cut when long", "[labels]") {
    TAXO_STUDY(study);
    CHECK(lb::postName(study.db(), 4) == "post 1004 \u2014 post 4");
    CHECK(lb::postName(study.db(), 99) == "a post that is not in the project");
    CHECK(lb::postName("4288", "How do I export a model", 9) == "post 4288 \u2014 How do I\u2026");
    // Cut at the end of the last whole word, unless that is far back.
    CHECK(lb::postName("4288", "How do I export a model", 12) == "post 4288 \u2014 How do I\u2026");
    CHECK(lb::postName("9", "Tensorflowservingmodelexport fails", 20) ==
          "post 9 \u2014 Tensorflowservingmod\u2026");
    CHECK(lb::postName("4288", "Short", 10) == "post 4288 \u2014 Short");
    CHECK(lb::postName("7", "") == "post 7");
    // Cut between characters, never inside one: "é" is two bytes of UTF-8.
    CHECK(lb::postName("7", "\u00e9\u00e9\u00e9\u00e9", 2) == "post 7 \u2014 \u00e9\u00e9\u2026");
}
