#include "core/labels/coding.h"
#include "core/labels/labels.h"
#include "study_fixture.h"

#include <catch2/catch.hpp>

namespace lb = taxo::labels;

namespace {

constexpr std::int64_t kReliability = 2;
constexpr std::int64_t kAnn = 1;
constexpr std::int64_t kBo = 2;

std::vector<std::int64_t> postsOf(const taxo::Result<std::vector<lb::LabelRow>>& rows) {
    INFO((rows.ok() ? std::string("ok") : rows.message()));
    REQUIRE(rows.ok());
    std::vector<std::int64_t> ids;
    for (const auto& row : *rows)
        ids.push_back(row.postId);
    return ids;
}

// The small study with searchable text on posts 4, 5 and 6, which round 2 holds, and
// on post 1, which it does not.
void seedSearchableStudy(taxo::test::Study& study) {
    auto posts = taxo::test::studyPosts();
    const auto write = [&](std::size_t id, std::string title, std::string body, std::string tag) {
        auto& post = posts.at(id - 1);
        post.title = std::move(title);
        post.body = std::move(body);
        post.tags = {std::move(tag)};
    };
    write(4, "export a model", "the model export fails with a banana error", "serving");
    write(5, "camera input", "a NEAR miss while reading the camera", "android");
    write(6, "quantized weights", "only banana here", "tflite");
    write(1, "export outside the round", "model banana", "x");
    taxo::test::seedStudy(study.db(), posts);
    taxo::test::seedCodebook(study);
}

} // namespace

TEST_CASE("the labeling filters keep unlabeled, labeled-with and searched items",
          "[labels][filter]") {
    taxo::test::TempDir studyDir;
    taxo::test::Study study{taxo::test::makeProject(studyDir), {}};
    seedSearchableStudy(study);
    auto& db = study.db();
    lb::LabelContent procedure;
    procedure.categories = {study.id("Procedure")};
    REQUIRE(lb::saveLabel(db, {kReliability, 4, kAnn}, procedure).ok());
    lb::LabelContent unclear;
    unclear.special = lb::Special::Unclear;
    REQUIRE(lb::saveLabel(db, {kReliability, 5, kAnn}, unclear).ok());

    const auto filtered = [&](const lb::ItemFilter& filter) {
        return postsOf(lb::filterForCoder(db, kReliability, kAnn, filter));
    };
    using Ids = std::vector<std::int64_t>;
    CHECK(filtered({}) == Ids{4, 5, 6});
    CHECK(filtered({true, {}, {}, {}}) == Ids{6});
    CHECK(filtered({false, study.id("Procedure"), {}, {}}) == Ids{4});
    // An inner category finds the labels of the leaves below it.
    CHECK(filtered({false, study.id("Server/Cloud"), {}, {}}) == Ids{4});
    CHECK(filtered({false, study.id("Input"), {}, {}}).empty());
    CHECK(filtered({false, {}, lb::Special::Unclear, {}}) == Ids{5});
    CHECK(filtered({false, {}, lb::Special::Pending, {}}).empty());
    CHECK(filtered({false, {}, {}, "banana"}) == Ids{4, 6});
    CHECK(filtered({false, {}, {}, "BANANA model"}) == Ids{4});
    CHECK(filtered({false, {}, {}, "expo*"}) == Ids{4});
    CHECK(filtered({false, {}, {}, "   "}) == Ids{4, 5, 6});
    // The parts combine: unlabeled and searched.
    CHECK(filtered({true, {}, {}, "banana"}) == Ids{6});
}

TEST_CASE("a search is never taken as full-text query syntax", "[labels][filter]") {
    taxo::test::TempDir studyDir;
    taxo::test::Study study{taxo::test::makeProject(studyDir), {}};
    seedSearchableStudy(study);
    auto& db = study.db();
    const auto search = [&](const std::string& text) {
        return postsOf(lb::filterForCoder(db, kReliability, kAnn, {false, {}, {}, text}));
    };
    using Ids = std::vector<std::int64_t>;
    // As FTS syntax this would be "a" OR any word starting with b: posts 4, 5 and 6.
    // As words it needs "a", "or" and a word starting with "b": none has "or".
    CHECK(search("\"a\" OR b*").empty());
    // NEAR is a plain word here (post 5 says "NEAR"), not the NEAR() operator.
    CHECK(search("NEAR(") == Ids{5});
    CHECK(search("near( camera") == Ids{5});
    // One word is one phrase: "near(camera" needs the two words side by side.
    CHECK(search("near(camera").empty());
    CHECK(search("miss(while") == Ids{5});
    for (const char* hostile :
         {"\"unbalanced", "unbalanced\"", "\"\"\"", "(", ")", "a AND", "NOT", "title:model", "-x",
          "^banana", "*", "**", "{a b}:c", "a\"b", "\\", "'; DROP TABLE labels; --"}) {
        INFO(hostile);
        CHECK(lb::filterForCoder(db, kReliability, kAnn, {false, {}, {}, hostile}).ok());
    }
    CHECK(search("^banana") == Ids{4, 6});
    // Not a column filter: the phrase "title model", which no post of the round has.
    CHECK(search("title:model").empty());
    CHECK(search("\"banana") == Ids{4, 6});
}

TEST_CASE("another coder's labels change nothing a coder's filters return", "[labels][filter]") {
    taxo::test::TempDir studyDir;
    taxo::test::Study study{taxo::test::makeProject(studyDir), {}};
    seedSearchableStudy(study);
    auto& db = study.db();
    const auto everything = [&] {
        std::vector<std::vector<std::int64_t>> all;
        for (const lb::ItemFilter& filter :
             {lb::ItemFilter{}, lb::ItemFilter{true, {}, {}, {}},
              lb::ItemFilter{false, study.id("Input"), {}, {}},
              lb::ItemFilter{false, study.id("Mobile"), {}, {}},
              lb::ItemFilter{false, {}, lb::Special::FalsePositive, {}},
              lb::ItemFilter{false, {}, {}, "banana"}})
            all.push_back(postsOf(lb::filterForCoder(db, kReliability, kAnn, filter)));
        return all;
    };
    const auto before = everything();
    lb::LabelContent input;
    input.categories = {study.id("Input")};
    REQUIRE(lb::saveLabel(db, {kReliability, 5, kBo}, input).ok());
    lb::LabelContent falsePositive;
    falsePositive.special = lb::Special::FalsePositive;
    REQUIRE(lb::saveLabel(db, {kReliability, 6, kBo}, falsePositive).ok());
    CHECK(everything() == before);
}
