#include "core/select/rules.h"
#include "core/select/rules_document.h"
#include "core/select/selection.h"
#include "core/util/files.h"
#include "corpus_fixture.h"
#include "tests/support/test_support.h"

#include <catch2/catch.hpp>

using namespace taxo;
using select::ClauseRow;

namespace {

std::string studyRulesText() {
    auto text =
        files::readAll(std::string(TAXONOMIST_SOURCE_DIR) + "/docs/examples/study-rules.json");
    REQUIRE(text.ok());
    return *text;
}

// What parseRules makes of a document, reduced to comparable values.
std::vector<std::string> summary(const std::string& document) {
    auto rules = select::parseRules(document, "r.json");
    INFO((rules.ok() ? "" : rules.message()));
    REQUIRE(rules.ok());
    std::vector<std::string> out;
    for (const auto& set : rules->sets) {
        out.push_back(set.name + " -> " + set.root);
        for (const auto& clause : set.clauses)
            out.push_back(select::joinWordList(clause.tagsAny) + " | " +
                          select::joinWordList(clause.keywordsAny) + " | " +
                          select::joinWordList(clause.wordsAll) +
                          (clause.wholeWords ? " | whole" : ""));
    }
    return out;
}

} // namespace

TEST_CASE("the study's rules file becomes one row per clause and back to the same rules",
          "[select][rules-table]") {
    const std::string text = studyRulesText();
    auto rows = select::clauseRows(text, "study-rules.json");
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 7); // 3 + 2 + 2 clauses
    CHECK((*rows)[0].set == "Server/Cloud");
    CHECK((*rows)[0].tagsAny ==
          std::vector<std::string>{"tensorflow", "keras", "pytorch", "theano", "caffe"});
    CHECK((*rows)[0].wordsAll == std::vector<std::string>{"deploy"});
    CHECK((*rows)[6].set == "Browser");
    CHECK((*rows)[6].tagsAny == std::vector<std::string>{"tensorflow.js"});

    const std::string rebuilt = select::rulesDocument(*rows);
    CHECK(summary(rebuilt) == summary(text));
    auto again = select::clauseRows(rebuilt, "rebuilt");
    REQUIRE(again.ok());
    CHECK(*again == *rows);
}

TEST_CASE("rows of one set name make one set, wherever they are", "[select][rules-table]") {
    std::vector<ClauseRow> rows(3);
    rows[0].set = "A";
    rows[0].tagsAny = {"x"};
    rows[1].set = "B";
    rows[1].root = "Root of B";
    rows[1].keywordsAny = {"Deploy"};
    rows[1].wholeWords = true;
    rows[2].set = "A";
    rows[2].root = "Root of A";
    rows[2].wordsAll = {"y", "z"};
    const auto lines = summary(select::rulesDocument(rows));
    CHECK(lines == std::vector<std::string>{"A -> Root of A", "x |  | ", " |  | y, z",
                                            "B -> Root of B", " | deploy |  | whole"});
}

TEST_CASE("bad rules get the message parseRules gives, and bad rows are named by parseRules",
          "[select][rules-table]") {
    const std::string bad = R"({"sets": [{"name": "m", "clauses": [{"tags_any": "x"}]}]})";
    auto rows = select::clauseRows(bad, "bad.json");
    REQUIRE_FALSE(rows.ok());
    auto parsed = select::parseRules(bad, "bad.json");
    REQUIRE_FALSE(parsed.ok());
    CHECK(rows.message() == parsed.message());

    std::vector<ClauseRow> unnamed(1);
    unnamed[0].tagsAny = {"x"};
    auto refused = select::parseRules(select::rulesDocument(unnamed), "table");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.message().find("/sets/0/name") != std::string::npos);
}

TEST_CASE("word lists are split on commas with blanks trimmed", "[select][rules-table]") {
    CHECK(select::splitWordList(" tensorflow, keras ,,pytorch ,") ==
          std::vector<std::string>{"tensorflow", "keras", "pytorch"});
    CHECK(select::splitWordList("").empty());
    CHECK(select::splitWordList(" , ").empty());
    CHECK(select::joinWordList({"a", "b c"}) == "a, b c");
}

TEST_CASE("a project's rules document is the rules that built its sets", "[select][rules-table]") {
    test::TempDir dir;
    auto project = Project::create(dir.file("p.taxo"), "t");
    REQUIRE(project.ok());
    auto empty = select::projectRulesDocument(project->db());
    REQUIRE(empty.ok());
    CHECK(*empty == "{\n  \"sets\": []\n}\n");
    auto none = select::projectClauseRows(project->db());
    REQUIRE(none.ok());
    CHECK(none->empty());

    const std::string text = studyRulesText();
    auto rules = select::parseRules(text, "study-rules.json");
    REQUIRE(rules.ok());
    REQUIRE(select::selectSets(*project, *rules).ok());
    auto stored = select::projectRulesDocument(project->db());
    REQUIRE(stored.ok());
    CHECK(summary(*stored) == summary(text));
    auto rows = select::projectClauseRows(project->db());
    REQUIRE(rows.ok());
    CHECK(*rows == *select::clauseRows(text, "study-rules.json"));
}
