// The author id of the plain CSV and JSON Lines shape: stored as the dump's OwnerUserId
// is, so that `taxo stats` counts askers for such files (and for the demo, which is one);
// malformed ids are refused with file and line, the project unchanged.

#include "import_helpers.h"
#include "tests/support/study_builder.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace taxo;
using namespace taxo::test;

namespace {

std::string imported(const TempDir& dir, const std::string& file, const std::string& text) {
    const auto data = dir.file(file);
    writeFile(data, text);
    const auto path = dir.file("p.taxo");
    REQUIRE(runCli({"init", path}).code == 0);
    const auto outcome = runCli({"import", path, data});
    INFO(outcome.err);
    REQUIRE(outcome.code == 0);
    return path;
}

void checkRefused(const TempDir& dir, const std::string& file, const std::string& text,
                  const std::string& says) {
    const auto data = dir.file(file);
    writeFile(data, text);
    auto project = newProject(dir, file + ".taxo");
    const auto before = snapshot(project);
    auto report = corpus::importSources(project, {data}, corpus::ImportOptions{});
    REQUIRE_FALSE(report.ok());
    INFO(report.message());
    CHECK_THAT(report.message(), Catch::Contains(says));
    CHECK(snapshot(project) == before);
}

} // namespace

TEST_CASE("JSON Lines author ids count the askers of taxo stats", "[import][stats][author]") {
    TempDir dir;
    // 2019: q1 and q2 by account 7 (once as a number, once as "0007"), q3 by "ann-42",
    // q4 without an id: 2 askers, 1 without owner. 2020: q5 by 7 again: 1 asker.
    const auto path = imported(
        dir, "ids.jsonl",
        R"({"id": "q1", "title": "t", "body": "b", "created": "2019-01-01T00:00:00.000", "author": "Ann", "author_id": 7, "answers": [{"id": "a1", "body": "b", "author": "Bo", "author_id": "12"}], "comments": [{"id": "c1", "text": "t", "author": "Cy", "author_id": 13}]}
{"id": "q2", "title": "t", "body": "b", "created": "2019-02-01T00:00:00.000", "author_id": "0007"}
{"id": "q3", "title": "t", "body": "b", "created": "2019-03-01T00:00:00.000", "author_id": "ann-42"}
{"id": "q4", "title": "t", "body": "b", "created": "2019-04-01T00:00:00.000", "author": "Gone"}
{"id": "q5", "title": "t", "body": "b", "created": "2020-01-01T00:00:00.000", "author_id": 7}
)");
    {
        auto project = Project::open(path);
        REQUIRE(project.ok());
        CHECK(queryText(*project, "SELECT owner_user_id FROM posts WHERE source_id = 'q1'") == "7");
        CHECK(queryText(*project, "SELECT owner_user_id FROM posts WHERE source_id = 'q2'") == "7");
        CHECK(queryInt(*project,
                       "SELECT owner_user_id IS NULL FROM posts WHERE source_id = 'q4'") == 1);
        CHECK(queryText(*project, "SELECT owner_user_id FROM answers WHERE source_id = 'a1'") ==
              "12");
        CHECK(queryText(*project, "SELECT author_user_id FROM comments WHERE source_id = 'c1'") ==
              "13");
    }
    const auto group = baselineStats(path);
    const auto& y2019 = statsYear(group, 2019);
    CHECK(y2019.at("questions") == 4);
    CHECK(y2019.at("askers") == 2);
    CHECK(y2019.at("no_owner") == 1);
    CHECK(statsYear(group, 2020).at("askers") == 1);
    CHECK(group.at("total").at("askers") == 2); // accounts 7 and ann-42
}

TEST_CASE("a CSV author_id column counts the askers of taxo stats", "[import][stats][author]") {
    TempDir dir;
    const auto path = imported(dir, "ids.csv",
                               "id,title,body,created,author,Author_ID\n"
                               "1,t,b,2021-01-01T00:00:00.000,Ann,5\n"
                               "2,t,b,2021-02-01T00:00:00.000,Ann,5\n"
                               "3,t,b,2021-03-01T00:00:00.000,Bo,6\n"
                               "4,t,b,2021-04-01T00:00:00.000,Gone,\n");
    const auto group = baselineStats(path);
    const auto& y2021 = statsYear(group, 2021);
    CHECK(y2021.at("questions") == 4);
    CHECK(y2021.at("askers") == 2);
    CHECK(y2021.at("no_owner") == 1);
}

TEST_CASE("a malformed author id is refused with file and line", "[import][hostile][author]") {
    TempDir dir;
    checkRefused(dir, "float.jsonl",
                 "{\"id\": 1, \"title\": \"t\", \"body\": \"b\"}\n"
                 "{\"id\": 2, \"title\": \"t\", \"body\": \"b\", \"author_id\": 7.5}\n",
                 "float.jsonl line 2: field 'author_id' must be a string or a whole number");
    checkRefused(dir, "answer.jsonl",
                 "{\"id\": 1, \"title\": \"t\", \"body\": \"b\", \"answers\": [{\"id\": 2, "
                 "\"body\": \"b\", \"author_id\": true}]}\n",
                 "answer.jsonl line 1: field 'author_id' must be a string or a whole number");
    checkRefused(dir, "blank.jsonl",
                 "{\"id\": 1, \"title\": \"t\", \"body\": \"b\", \"author_id\": \"  \"}\n",
                 "blank.jsonl line 1: the author id is empty");
    checkRefused(dir, "esc.csv", "id,title,body,author_id\n1,t,b,7\n2,t,b,\"7\x1b[2J\"\n",
                 "esc.csv line 3: the control character ESC (0x1B) in the author id");
}

TEST_CASE("the demo's statistics count askers", "[demo][stats][author]") {
    TempDir dir;
    const auto path = dir.file("demo.taxo");
    const auto made = runCli({"demo", path});
    INFO(made.err);
    REQUIRE(made.code == 0);
    const auto group = baselineStats(path);
    REQUIRE_FALSE(group.at("years").empty());
    for (const auto& row : group.at("years")) {
        INFO("year " << row.at("year"));
        CHECK(row.at("askers").get<int>() > 0);
        CHECK(row.at("askers").get<int>() <= row.at("questions").get<int>());
        CHECK(row.at("no_owner") == 0);
    }
    CHECK(group.at("total").at("askers").get<int>() > 0);
}
