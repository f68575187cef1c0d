// CSV and JSON Lines: quoting, embedded line breaks, non-ASCII text, the three tag
// encodings, answers and comments in JSON Lines, and the command line.

#include "cli/command.h"
#include "import_helpers.h"

#include <nlohmann/json.hpp>
#include <sstream>

using taxo::corpus::ImportOptions;
using namespace taxo::test;

namespace {

struct Outcome {
    int code;
    std::string out;
    std::string err;
};

Outcome runTaxo(const std::vector<std::string>& words, bool progress = false) {
    std::ostringstream out, err;
    taxo::cli::Io io{out, err, progress};
    const int code = taxo::cli::run(words, io);
    return {code, out.str(), err.str()};
}

std::string tagsOf(taxo::Project& project, const std::string& source, const std::string& id) {
    return queryText(project, "SELECT coalesce(group_concat(tag, ','), '') FROM (SELECT tag FROM "
                              "post_tags JOIN posts ON posts.id = post_id WHERE source = '" +
                                  source + "' AND source_id = '" + id + "' ORDER BY position)");
}

} // namespace

TEST_CASE("CSV: quoted commas, doubled quotes, line breaks and non-ASCII text", "[import]") {
    TempDir dir;
    auto project = newProject(dir);
    const auto report = importOk(project, {fixture("import/posts.csv")});
    CHECK(report.questions == 3);
    CHECK(report.rowsRead == 3);
    CHECK(report.answers == 0);
    CHECK(queryText(project, "SELECT DISTINCT source FROM posts") == "csv");
    CHECK(queryText(project, "SELECT title FROM posts WHERE source_id = '1'") ==
          "Quotes, commas and \"doubled\" quotes");
    CHECK(queryText(project, "SELECT body FROM posts WHERE source_id = '1'") ==
          "<p>Line one\nline two, with a comma</p>");
    CHECK(queryText(project, "SELECT owner_display_name FROM posts WHERE source_id = '1'") ==
          "Zoë");
    CHECK(queryText(project, "SELECT created FROM posts WHERE source_id = '1'") ==
          "2020-01-02T03:04:05.000");
    CHECK(queryInt(project, "SELECT score FROM posts WHERE source_id = '1'") == 7);
    CHECK(queryInt(project, "SELECT score IS NULL FROM posts WHERE source_id = '2'") == 1);
    CHECK(queryInt(project, "SELECT score FROM posts WHERE source_id = '3'") == -2);
    CHECK(queryInt(project, "SELECT created IS NULL FROM posts WHERE source_id = '3'") == 1);
    CHECK(queryText(project, "SELECT body FROM posts WHERE source_id = '3'") ==
          "<p>日本語のテキスト</p>");
    CHECK(tagsOf(project, "csv", "1") == "python,numpy");
    CHECK(tagsOf(project, "csv", "2") == "java,streams");
    CHECK(tagsOf(project, "csv", "3") == "python,pandas");
    // The line break inside the quoted body did not start a record: line numbers and
    // rows stay right for the record after it.
    CHECK(queryInt(project, "SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'comma'") == 1);

    TempDir other;
    auto filtered = newProject(other);
    ImportOptions options;
    options.tags = {"pandas"};
    const auto pandas = importOk(filtered, {fixture("import/posts.csv")}, options);
    CHECK(pandas.questions == 1);
    CHECK(pandas.skipped.at("no matching tag") == 2);

    // --source names the posts; the same ids under another source are new posts.
    TempDir third;
    const auto path = third.file("named.taxo");
    REQUIRE(runTaxo({"init", path}).code == 0);
    REQUIRE(runTaxo({"import", path, fixture("import/posts.csv")}).code == 0);
    const auto named = runTaxo({"import", path, fixture("import/posts.csv"), "--source", "survey"});
    INFO(named.err);
    REQUIRE(named.code == 0);
    auto reopened = taxo::Project::open(path);
    REQUIRE(reopened.ok());
    CHECK(queryInt(*reopened, "SELECT count(*) FROM posts") == 6);
    CHECK(queryInt(*reopened, "SELECT count(*) FROM posts WHERE source = 'survey'") == 3);
}

TEST_CASE("CSV with CRLF line endings, a BOM and a source column", "[import]") {
    TempDir dir;
    const auto path = dir.file("crlf.csv");
    writeFile(path, "\xEF\xBB\xBF"
                    "Id,Title,Body,Tags,Source\r\n"
                    "7,First,\"a\r\nb\",<x>,forum\r\n"
                    "8,Second,c,,\r\n");
    auto project = newProject(dir);
    const auto report = importOk(project, {path});
    CHECK(report.questions == 2);
    CHECK(queryText(project, "SELECT source FROM posts WHERE source_id = '7'") == "forum");
    CHECK(queryText(project, "SELECT source FROM posts WHERE source_id = '8'") == "csv");
    CHECK(queryText(project, "SELECT body FROM posts WHERE source_id = '7'") == "a\r\nb");
    CHECK(queryText(project, "SELECT title FROM posts WHERE source_id = '8'") == "Second");
    CHECK(tagsOf(project, "forum", "7") == "x");
    CHECK(tagsOf(project, "csv", "8").empty());
}

TEST_CASE("JSON Lines: escapes, tags as array or string, answers and comments", "[import]") {
    TempDir dir;
    auto project = newProject(dir);
    const auto report = importOk(project, {fixture("import/posts.jsonl")});
    CHECK(report.questions == 2);
    CHECK(report.answers == 2);
    CHECK(report.comments == 1);
    CHECK(report.rowsRead == 2); // the blank line is not a record
    CHECK(queryText(project, "SELECT title FROM posts WHERE source_id = 'a1'") ==
          "Quotes \"inside\" and ünïcode");
    CHECK(queryText(project, "SELECT source FROM posts WHERE source_id = 'a1'") == "jsonl");
    CHECK(queryText(project, "SELECT source FROM posts WHERE source_id = '42'") == "forum");
    CHECK(tagsOf(project, "jsonl", "a1") == "python,numpy");
    CHECK(tagsOf(project, "forum", "42") == "java,streams");
    CHECK(queryText(project, "SELECT accepted_answer_source_id FROM posts WHERE source_id = "
                             "'a1'") == "b1");
    CHECK(queryText(project, "SELECT accepted_answer_created FROM posts WHERE source_id = "
                             "'a1'") == "2020-01-02T05:00:00.000");
    CHECK(queryInt(project, "SELECT accepted FROM answers WHERE source_id = 'b1'") == 1);
    CHECK(queryInt(project, "SELECT accepted FROM answers WHERE source_id = 'b2'") == 0);
    CHECK(queryText(project, "SELECT author FROM comments") == "Ann");
    CHECK(queryInt(project, "SELECT count(*) FROM posts_fts WHERE posts_fts MATCH "
                            "'hidden_code_word'") == 0);
    // Again: nothing new.
    const auto again = importOk(project, {fixture("import/posts.jsonl")});
    CHECK(again.questions == 0);
    CHECK(again.alreadyPresent == 2);
    CHECK(queryInt(project, "SELECT count(*) FROM answers") == 2);
}

TEST_CASE("taxo import: --json keys, summary, exit codes", "[import][cli]") {
    TempDir dir;
    const auto path = dir.file("p.taxo");
    REQUIRE(runTaxo({"init", path}).code == 0);

    auto json =
        runTaxo({"import", path, fixture("import/unsorted"), "--tags", "numpy,java", "--json"});
    REQUIRE(json.code == 0);
    const auto report = nlohmann::json::parse(json.out);
    for (const char* key : {"questions", "answers", "comments", "rows_read", "bytes", "seconds",
                            "already_present", "skipped"})
        CHECK(report.contains(key));
    CHECK(report["questions"] == 2);
    CHECK(report["answers"] == 3);
    CHECK(report["comments"] == 3);
    CHECK(report["already_present"] == 0);
    CHECK(report["rows_read"] == 18);
    CHECK(report["skipped"]["watermark post (fabricated by Stack Exchange)"] == 2);
    CHECK(json.err.empty());

    auto info = runTaxo({"info", path, "--json"});
    const auto counts = nlohmann::json::parse(info.out)["counts"];
    CHECK(counts["posts"] == 2);
    CHECK(counts["answers"] == 3);
    CHECK(counts["comments"] == 3);

    auto human = runTaxo({"import", path, fixture("import/unsorted")}, true);
    CHECK(human.code == 0);
    CHECK_THAT(human.out, Catch::Contains("Imported 0 questions"));
    CHECK_THAT(human.out, Catch::Contains("2 questions were already in the project"));
    CHECK_THAT(human.err, Catch::Contains("Reading "));

    auto bad = runTaxo({"import", path, fixture("import/hostile/missing_id.xml")});
    CHECK(bad.code == 1);
    CHECK(bad.err.rfind("taxo: error: ", 0) == 0);
    CHECK_THAT(bad.err, Catch::Contains("missing_id.xml line 4"));
    CHECK(nlohmann::json::parse(runTaxo({"info", path, "--json"}).out)["counts"] == counts);

    CHECK(runTaxo({"import", path}).code == 2);
    CHECK(runTaxo({"import", path, fixture("import/posts.csv"), "--tags"}).code == 2);
    CHECK(runTaxo({"import", path, fixture("import/posts.csv"), "--tags", ","}).code == 2);
    CHECK(runTaxo({"import", dir.file("missing.taxo"), fixture("import/posts.csv")}).code == 1);
}
