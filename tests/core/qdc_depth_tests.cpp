// A REFI-QDA codebook nested deeper than kMaxQdcDepth is refused while parsing, before
// anything is stored, and nothing in the import or the exports recurses on the depth
// of a codebook.

#include "core/codebook/codebook.h"
#include "core/results/qdc.h"
#include "core/results/taxonomy_export.h"
#include "core/store/statements.h"
#include "study_fixture.h"
#include "tests/support/study_builder.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace taxo;
using namespace taxo::test;

namespace {

std::string nestedQdc(std::size_t depth) {
    std::string text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                       "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>";
    for (std::size_t i = 0; i < depth; ++i)
        text += "<Code guid=\"g" + std::to_string(i) + "\" name=\"c" + std::to_string(i) + "\">";
    for (std::size_t i = 0; i < depth; ++i)
        text += "</Code>";
    return text + "</Codes></CodeBook>\n";
}

} // namespace

TEST_CASE("a .qdc nested 20,000 deep is refused while parsing, changing nothing",
          "[results][qdc][hostile]") {
    const auto parsed = results::parseQdc(nestedQdc(20000), "deep.qdc");
    REQUIRE_FALSE(parsed.ok());
    CHECK_THAT(parsed.message(),
               Catch::Contains("deep.qdc: codes are nested deeper than 64 levels"));
    CHECK_THAT(parsed.message(), Catch::Contains("(line 2)"));

    TempDir dir;
    const auto path = dir.file("study.taxo");
    REQUIRE(runCli({"init", path}).code == 0);
    const auto file = dir.file("deep.qdc");
    writeFile(file, nestedQdc(20000));
    const auto logBefore = [&] {
        auto project = Project::open(path, Project::Access::ReadOnly);
        REQUIRE(project.ok());
        return *project->db().queryInt("SELECT count(*) FROM change_log");
    }();
    const auto outcome = runCli({"codebook", "import", path, file});
    CHECK(outcome.code == 1);
    CHECK_THAT(outcome.err, Catch::Contains("nested deeper than 64 levels"));
    auto project = Project::open(path, Project::Access::ReadOnly);
    REQUIRE(project.ok());
    CHECK(*project->db().queryInt("SELECT count(*) FROM categories") == 0);
    CHECK(*project->db().queryInt("SELECT count(*) FROM change_log") == logBefore);
}

TEST_CASE("a .qdc exactly at the depth limit imports and exports again", "[results][qdc]") {
    CHECK_FALSE(results::parseQdc(nestedQdc(results::kMaxQdcDepth + 1)).ok());
    const auto codes = results::parseQdc(nestedQdc(results::kMaxQdcDepth));
    REQUIRE(codes.ok());
    TempDir dir;
    auto project = makeProject(dir);
    const auto report = results::importQdc(project.db(), *codes);
    REQUIRE(report.ok());
    CHECK(report->added == static_cast<std::int64_t>(results::kMaxQdcDepth));
    auto exported = results::exportQdc(project.db());
    REQUIRE(exported.ok());
    auto again = results::parseQdc(*exported);
    REQUIRE(again.ok());
    const auto* code = &again->front();
    std::size_t depth = 1;
    while (!code->children.empty()) {
        code = &code->children.front();
        ++depth;
    }
    CHECK(depth == results::kMaxQdcDepth);
    CHECK(code->name == "c63");
}

TEST_CASE("a codebook 20,000 deep already in a project exports without recursion, linearly",
          "[results][qdc][hostile]") {
    TempDir dir;
    auto project = makeProject(dir);
    // As an older version could have stored it: a chain of 20,000 categories.
    sqlOrFail(project.db(),
              "WITH RECURSIVE chain(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM chain "
              "WHERE n < 20000) INSERT INTO categories(id, uid, parent_id, name, created) "
              "SELECT n, 'u' || n, CASE WHEN n = 1 THEN NULL ELSE n - 1 END, 'c' || n, 't' "
              "FROM chain");
    auto tree = codebook::listTree(project.db());
    REQUIRE(tree.ok());
    REQUIRE(tree->size() == 20000);
    CHECK(tree->back().depth == 19999);
    auto exported = results::exportQdc(project.db());
    REQUIRE(exported.ok());
    // Linear: about 320 bytes a level (indentation stops growing at 64 levels); with the
    // indentation growing all the way down it would be some 800 MB.
    CHECK(exported->size() < 20000 * 400);
    // The exported file is itself refused on the way back in, naming the limit.
    CHECK_FALSE(results::parseQdc(*exported).ok());

    // The taxonomy JSON builds its tree without recursion (checked on a chain deep
    // enough to show the builder linear, shallow enough for nlohmann's recursive dump).
    results::TaxonomyResults deep;
    for (std::size_t i = 0; i < 2000; ++i) {
        results::CategoryResult c;
        c.category.name = "c" + std::to_string(i);
        c.depth = static_cast<int>(i);
        if (i > 0)
            c.parentIndex = i - 1;
        deep.categories.push_back(c);
    }
    const auto json = nlohmann::json::parse(results::toJson(deep));
    const auto* node = &json["roots"][0];
    std::size_t levels = 1;
    while (!(*node)["children"].empty()) {
        node = &(*node)["children"][0];
        ++levels;
    }
    CHECK(levels == 2000);
}
