// The files researchers download instead of the XML dump: a Stack Exchange Data Explorer
// result (CSV) and the public BigQuery tables posts_questions and posts_answers (CSV or
// newline-delimited JSON). Answers must be read as answers, joined to their questions in
// either file order and across files, and the accepted answer's date must come from the
// answer row, so that `taxo stats` gives the right minutes to the accepted answer.
//
// Every expected number below is worked out by hand from the rows of the fixtures in
// tests/data/import/shapes; the comments show the arithmetic.

#include "import_helpers.h"
#include "tests/support/study_builder.h"

#include <nlohmann/json.hpp>

using taxo::corpus::ImportOptions;
using namespace taxo::test;

namespace {

std::string shapes(const char* name) {
    return fixture(std::string("import/shapes/") + name);
}

std::string column(taxo::Project& project, const std::string& what, const std::string& id) {
    return queryText(project, "SELECT coalesce(" + what +
                                  ", 'NULL') FROM posts WHERE source_id = '" + id + "'");
}

std::string answerColumn(taxo::Project& project, const std::string& what, const std::string& id) {
    return queryText(project, "SELECT coalesce(" + what +
                                  ", 'NULL') FROM answers WHERE source_id = '" + id + "'");
}

std::string tagsOf(taxo::Project& project, const std::string& id) {
    return queryText(project, "SELECT coalesce(group_concat(tag, ','), '') FROM (SELECT tag FROM "
                              "post_tags JOIN posts ON posts.id = post_id WHERE source_id = '" +
                                  id + "' ORDER BY position)");
}

} // namespace

TEST_CASE("Data Explorer CSV: answers are answers, accepted answers and askers are kept",
          "[import][shapes]") {
    TempDir dir;
    auto project = newProject(dir);
    const auto report = importOk(project, {shapes("data-explorer.csv")});
    // Rows: answer 102, question 101, answer 103, question 104, question 107, answer 108.
    CHECK(report.rowsRead == 6);
    CHECK(report.questions == 3);
    CHECK(report.answers == 3);
    CHECK(report.skipped.empty());
    CHECK(queryInt(project, "SELECT count(*) FROM posts") == 3);
    CHECK(queryInt(project, "SELECT count(*) FROM answers") == 3);
    // A Data Explorer result does not say which site it came from.
    CHECK(queryText(project, "SELECT group_concat(DISTINCT source) FROM posts") == "stackexchange");

    // Dates are stored in the dump's form: "2019-02-17 10:42:13" becomes
    // "2019-02-17T10:42:13.000".
    CHECK(column(project, "created", "101") == "2019-02-17T10:42:13.000");
    CHECK(column(project, "title", "101") == "Serving raw JPEG bytes, \"quoted\"");
    CHECK(column(project, "body", "101") ==
          "<p>How do I serve raw JPEG bytes,\nwith \"quotes\" in the body?</p>");
    CHECK(column(project, "owner_user_id", "101") == "11");
    CHECK(column(project, "score", "101") == "7");
    CHECK(column(project, "view_count", "101") == "120");
    CHECK(column(project, "answer_count", "101") == "2");
    CHECK(column(project, "comment_count", "101") == "1");
    CHECK(tagsOf(project, "101") == "tensorflow,tensorflow-serving");
    // The accepted answer (102) came before its question in the file; its date is the
    // answer row's CreationDate.
    CHECK(column(project, "accepted_answer_source_id", "101") == "102");
    CHECK(column(project, "accepted_answer_created", "101") == "2019-02-17T11:12:13.000");
    CHECK(answerColumn(project, "accepted", "102") == "1");
    CHECK(answerColumn(project, "accepted", "103") == "0");
    CHECK(answerColumn(project, "owner_user_id", "102") == "21");
    CHECK(answerColumn(project, "created", "103") == "2019-02-18T08:00:00.000");
    CHECK(queryInt(project, "SELECT count(*) FROM answers a JOIN posts p ON p.id = a.post_id "
                            "WHERE p.source_id = '101'") == 2);

    CHECK(column(project, "title", "104") == "Überprüfung der Gradienten");
    CHECK(column(project, "body", "104") == "<p>Die Gradienten prüfen – 日本語のテキスト</p>");
    CHECK(column(project, "accepted_answer_source_id", "104") == "NULL");

    // A deleted asker: no user id, the display name the row gives.
    CHECK(column(project, "owner_user_id", "107") == "NULL");
    CHECK(column(project, "owner_display_name", "107") == "Deleted Asker");
    CHECK(column(project, "closed_date", "107") == "2020-02-01T00:00:00.000");
    CHECK(column(project, "accepted_answer_created", "107") == "2020-01-01T01:05:00.000");
}

TEST_CASE("Data Explorer CSV: taxo stats gives the minutes to the accepted answer",
          "[import][shapes]") {
    TempDir dir;
    const auto path = dir.file("sede.taxo");
    REQUIRE(runCli({"init", path}).code == 0);
    const auto imported = runCli({"import", path, shapes("data-explorer.csv")});
    INFO(imported.err);
    REQUIRE(imported.code == 0);
    const auto group = baselineStats(path);
    // 101: asked 10:42:13, answer 102 at 11:12:13 the same day: 30 minutes.
    // 107: asked 2019-12-31 23:50:00, answer 108 at 2020-01-01 01:05:00: 10 + 65 = 75 minutes.
    // Both are questions of 2019; 104 (2020) has no accepted answer.
    const auto& y2019 = statsYear(group, 2019);
    CHECK(y2019.at("questions") == 2);
    CHECK(y2019.at("with_accepted") == 2);
    CHECK(y2019.at("askers") == 1); // 107's asker is deleted (no OwnerUserId)
    CHECK(y2019.at("no_owner") == 1);
    CHECK(y2019.at("median_minutes_to_accept").get<double>() == Approx(52.5)); // (30 + 75) / 2
    const auto& y2020 = statsYear(group, 2020);
    CHECK(y2020.at("questions") == 1);
    CHECK(y2020.at("no_accepted") == 1);
    CHECK(group.at("total").at("askers") == 2); // users 11 and 12
    const auto& box = group.at("minutes_to_accept");
    CHECK(box.at("n") == 2);
    CHECK(box.at("lower_whisker").get<double>() == Approx(30.0));
    CHECK(box.at("upper_whisker").get<double>() == Approx(75.0));
    CHECK(box.at("median").get<double>() == Approx(52.5));
    CHECK(group.at("accepted_without_date") == 0);
}

TEST_CASE("BigQuery CSV: the answers file before the questions file, in one import",
          "[import][shapes]") {
    TempDir dir;
    auto project = newProject(dir);
    const auto report =
        importOk(project, {shapes("posts_answers.csv"), shapes("posts_questions.csv")});
    CHECK(report.rowsRead == 4);
    CHECK(report.questions == 2);
    CHECK(report.answers == 2);
    CHECK(report.skipped.empty());
    // The public BigQuery dataset is Stack Overflow's.
    CHECK(queryText(project, "SELECT group_concat(DISTINCT source) FROM posts") == "stackoverflow");
    // "2019-02-17 10:42:13.123000 UTC" is stored as "2019-02-17T10:42:13.123".
    CHECK(column(project, "created", "201") == "2019-02-17T10:42:13.123");
    CHECK(column(project, "created", "202") == "2021-06-01T08:00:00.000");
    CHECK(tagsOf(project, "201") == "keras,tensorflow");
    CHECK(column(project, "owner_user_id", "201") == "31");
    CHECK(column(project, "accepted_answer_source_id", "201") == "203");
    CHECK(column(project, "accepted_answer_created", "201") == "2019-02-17T12:00:00.456");
    CHECK(answerColumn(project, "accepted", "203") == "1");
    CHECK(answerColumn(project, "owner_user_id", "204") == "42");
    CHECK(answerColumn(project, "body", "204") == "<p>Или заморозьте всё.</p>");
    CHECK(column(project, "title", "202") == "Ошибка при импорте torch");
    CHECK(column(project, "score", "202") == "-1");
    CHECK(queryInt(project, "SELECT count(*) FROM imports") == 2);
}

TEST_CASE("BigQuery CSV: taxo stats on both files gives the minutes to the accepted answer",
          "[import][shapes]") {
    TempDir dir;
    const auto path = dir.file("bq.taxo");
    REQUIRE(runCli({"init", path}).code == 0);
    const auto imported =
        runCli({"import", path, shapes("posts_answers.csv"), shapes("posts_questions.csv")});
    INFO(imported.err);
    REQUIRE(imported.code == 0);
    const auto group = baselineStats(path);
    // 201: asked 10:42:13.123, answer 203 at 12:00:00.456: 1 h 17 min 47.333 s
    // = 4667.333 s = 77.788883... minutes.
    const auto& y2019 = statsYear(group, 2019);
    CHECK(y2019.at("questions") == 1);
    CHECK(y2019.at("with_accepted") == 1);
    CHECK(y2019.at("askers") == 1);
    CHECK(y2019.at("median_minutes_to_accept").get<double>() == Approx(4667.333 / 60.0));
    CHECK(statsYear(group, 2021).at("no_accepted") == 1);
}

TEST_CASE("BigQuery JSON Lines: strings for numbers, omitted nulls, answers first",
          "[import][shapes]") {
    TempDir dir;
    const auto path = dir.file("bqjson.taxo");
    REQUIRE(runCli({"init", path}).code == 0);
    const auto imported =
        runCli({"import", path, shapes("posts_answers.jsonl"), shapes("posts_questions.jsonl")});
    INFO(imported.err);
    REQUIRE(imported.code == 0);
    {
        auto project = taxo::Project::open(path);
        REQUIRE(project.ok());
        CHECK(queryInt(*project, "SELECT count(*) FROM posts") == 2);
        CHECK(queryInt(*project, "SELECT count(*) FROM answers") == 1);
        CHECK(column(*project, "created", "301") == "2020-05-05T05:05:05.500");
        CHECK(column(*project, "accepted_answer_created", "301") == "2020-05-05T06:35:05.500");
        CHECK(column(*project, "owner_user_id", "301") == "51");
        CHECK(column(*project, "view_count", "301") == "40");
        CHECK(tagsOf(*project, "301") == "tensorflow,loss-function");
        CHECK(answerColumn(*project, "owner_user_id", "302") == "52");
        CHECK(answerColumn(*project, "accepted", "302") == "1");
        CHECK(column(*project, "title", "303") == "Çà et là: «naïve» tokens");
        CHECK(column(*project, "owner_user_id", "303") == "53");
        CHECK(column(*project, "created", "303") == "2020-07-01T00:00:00.000");
    }
    const auto group = baselineStats(path);
    // 301: asked 05:05:05.500, answer 302 at 06:35:05.500: exactly 90 minutes.
    const auto& y2020 = statsYear(group, 2020);
    CHECK(y2020.at("questions") == 2);
    CHECK(y2020.at("with_accepted") == 1);
    CHECK(y2020.at("askers") == 2);
    CHECK(y2020.at("median_minutes_to_accept").get<double>() == Approx(90.0));
}

TEST_CASE("BigQuery JSON named .json is read as posts, not as an exchange document",
          "[import][shapes]") {
    TempDir dir;
    // BigQuery's export is usually named .json; .json alone means an exchange document.
    const auto answers = dir.file("posts_answers-000000000000.json");
    writeFile(answers, readFile(shapes("posts_answers.jsonl")));
    const auto path = dir.file("bq.taxo");
    REQUIRE(runCli({"init", path}).code == 0);
    const auto imported = runCli({"import", path, answers, shapes("posts_questions.jsonl")});
    INFO(imported.err);
    REQUIRE(imported.code == 0);
    CHECK_THAT(imported.out, Catch::Contains("Imported 2 questions, 1 answers"));
    CHECK_FALSE(taxo::corpus::isShapedJsonLines(fixture("import/posts.jsonl")));
}

TEST_CASE("All shapes in one import: answers meet their questions across files",
          "[import][shapes]") {
    TempDir dir;
    auto project = newProject(dir);
    const auto report =
        importOk(project, {shapes("posts_answers.jsonl"), shapes("posts_answers.csv"),
                           shapes("data-explorer.csv"), shapes("posts_questions.csv"),
                           shapes("posts_questions.jsonl")});
    CHECK(report.questions == 3 + 2 + 2);
    CHECK(report.answers == 3 + 2 + 1);
    CHECK(report.skipped.empty());
    CHECK(column(project, "accepted_answer_created", "201") == "2019-02-17T12:00:00.456");
    CHECK(column(project, "accepted_answer_created", "301") == "2020-05-05T06:35:05.500");
    CHECK(column(project, "accepted_answer_created", "101") == "2019-02-17T11:12:13.000");
    CHECK(queryInt(project, "SELECT count(*) FROM imports") == 5);
    // Every import row holds its file's report, and together they hold every answer.
    CHECK(queryInt(project, "SELECT sum(json_extract(report, '$.answers')) FROM imports") == 6);
}

TEST_CASE("Shaped files and the tag filter", "[import][shapes]") {
    TempDir dir;
    auto project = newProject(dir);
    ImportOptions options;
    options.tags = {"keras"};
    const auto report = importOk(
        project,
        {shapes("posts_answers.csv"), shapes("posts_questions.csv"), shapes("data-explorer.csv")},
        options);
    // Kept: 201 (keras|tensorflow) and 107 (<keras><tensorflow>), with their answers
    // 203, 204 and 108; the other questions and their answers are skipped.
    CHECK(report.questions == 2);
    CHECK(report.answers == 3);
    CHECK(report.skipped.at("no matching tag") == 3);               // 202, 101, 104
    CHECK(report.skipped.at("answer to a question not kept") == 2); // 102, 103
}

TEST_CASE("An answer whose question is in none of the files is reported, not stored",
          "[import][shapes]") {
    TempDir dir;
    const auto orphan = dir.file("orphan.csv");
    writeFile(orphan, "Id,PostTypeId,ParentId,CreationDate,Body,OwnerUserId,Title,Tags\n"
                      "1,1,,2019-01-01 00:00:00,<p>q</p>,5,Question,<a>\n"
                      "2,2,1,2019-01-01 00:10:00,<p>a</p>,6,,\n"
                      "3,2,999,2019-01-01 00:20:00,<p>lost</p>,7,,\n");
    auto project = newProject(dir);
    const auto report = importOk(project, {orphan});
    CHECK(report.questions == 1);
    CHECK(report.answers == 1);
    CHECK(report.skipped.at("answer to a question in none of the files") == 1);
    CHECK(report.skipped.count("answer to a question not kept") == 0);
    CHECK(queryInt(project, "SELECT count(*) FROM answers WHERE source_id = '3'") == 0);

    const auto printed = runCli({"import", dir.file("cli.taxo"), orphan});
    CHECK(printed.code != 0); // the project does not exist yet
    REQUIRE(runCli({"init", dir.file("cli.taxo")}).code == 0);
    const auto shown = runCli({"import", dir.file("cli.taxo"), orphan});
    REQUIRE(shown.code == 0);
    CHECK_THAT(shown.out, Catch::Contains("skipped 1: answer to a question in none of the files"));
}

TEST_CASE("Overlapping Data Explorer results in one import: each post stored once",
          "[import][shapes]") {
    TempDir dir;
    // Two queries (by tag, say) that both return question 1 and its answer 2; the second
    // file has the answer before the question.
    const std::string header = "Id,PostTypeId,AcceptedAnswerId,ParentId,CreationDate,Body,"
                               "OwnerUserId,Title,Tags\n";
    const auto first = dir.file("keras.csv");
    writeFile(first, header + "1,1,2,,2019-01-01 00:00:00,<p>q</p>,5,Q,<keras><tensorflow>\n"
                              "2,2,,1,2019-01-01 00:45:00,<p>a</p>,6,,\n"
                              "3,1,,,2019-01-02 00:00:00,<p>k</p>,7,K,<keras>\n");
    const auto second = dir.file("tensorflow.csv");
    writeFile(second, header + "2,2,,1,2019-01-01 00:45:00,<p>a</p>,6,,\n"
                               "1,1,2,,2019-01-01 00:00:00,<p>q</p>,5,Q,<keras><tensorflow>\n"
                               "4,1,,,2019-01-03 00:00:00,<p>t</p>,8,T,<tensorflow>\n");
    auto project = newProject(dir);
    const auto report = importOk(project, {first, second});
    CHECK(report.questions == 3);      // 1, 3, 4
    CHECK(report.alreadyPresent == 1); // 1 again, from the second file
    CHECK(report.answers == 1);        // 2, once
    CHECK(report.skipped.at("answer already read from another file") == 1);
    CHECK(queryInt(project, "SELECT count(*) FROM answers") == 1);
    // 00:00 to 00:45: 45 minutes.
    CHECK(column(project, "accepted_answer_created", "1") == "2019-01-01T00:45:00.000");

    // In one file, the same question twice is refused, as in one Posts.xml.
    const auto twice = dir.file("twice.csv");
    writeFile(twice, header + "1,1,,,2019-01-01 00:00:00,<p>q</p>,5,Q,<a>\n"
                              "1,1,,,2019-01-01 00:00:00,<p>q</p>,5,Q,<a>\n");
    TempDir other;
    auto fresh = newProject(other);
    const auto refused = taxo::corpus::importSources(fresh, {twice}, {});
    REQUIRE_FALSE(refused.ok());
    CHECK_THAT(refused.message(),
               Catch::Contains("twice.csv line 3: duplicate Id 1: an earlier row of this file"));
}

TEST_CASE("The generic CSV shape is not taken for a Stack Exchange shape", "[import][shapes]") {
    TempDir dir;
    const auto generic = dir.file("generic.csv");
    // The generic columns only: PostTypeId-free, so every row is a question as before.
    writeFile(generic, "Id,Title,Body,Tags,Created,Author,Score,Accepted_Answer_Created\n"
                       "5,T,<p>b</p>,a;b,2020-01-02T03:04:05.000,Ann,3,2020-01-02T04:04:05.000\n");
    auto project = newProject(dir);
    const auto report = importOk(project, {generic});
    CHECK(report.questions == 1);
    CHECK(queryText(project, "SELECT source FROM posts") == "csv");
    CHECK(column(project, "owner_display_name", "5") == "Ann");
    CHECK(column(project, "accepted_answer_created", "5") == "2020-01-02T04:04:05.000");
}

namespace {

void checkShapeRefused(const std::string& name, const std::string& content, int line,
                       const std::string& says) {
    TempDir dir;
    const auto path = dir.file(name);
    writeFile(path, content);
    auto project = newProject(dir);
    importOk(project, {shapes("data-explorer.csv")});
    const auto before = snapshot(project);
    auto report = taxo::corpus::importSources(project, {shapes("posts_answers.csv"), path}, {});
    INFO(name);
    REQUIRE_FALSE(report.ok());
    INFO(report.message());
    CHECK_THAT(report.message(), Catch::Contains(name + " line " + std::to_string(line) + ":"));
    CHECK_THAT(report.message(), Catch::Contains(says));
    CHECK(snapshot(project) == before);
}

} // namespace

TEST_CASE("Broken shaped files are refused naming file and line, changing nothing",
          "[import][shapes][hostile]") {
    const std::string sede = "Id,PostTypeId,ParentId,CreationDate,Body,Title,Tags\n";
    checkShapeRefused("broken.csv", sede + "1,1,,2019-01-01 00:00:00,<p>q</p>,Q,<a>\n2,2,1\n", 3,
                      "3 fields, but the header has 7");
    checkShapeRefused("type.csv", sede + "1,one,,2019-01-01 00:00:00,<p>q</p>,Q,<a>\n", 2,
                      "the PostTypeId \"one\" is not a whole number");
    checkShapeRefused("noparent.csv", sede + "1,2,,2019-01-01 00:00:00,<p>a</p>,,\n", 2,
                      "an answer (PostTypeId 2) without a ParentId");
    checkShapeRefused("date.csv", sede + "1,1,,2019-02-30 00:00:00,<p>q</p>,Q,<a>\n", 2,
                      "the CreationDate \"2019-02-30 00:00:00\" is not a date and time like "
                      "2019-02-17 10:42:13");
    checkShapeRefused("bqdate.csv",
                      "id,title,body,creation_date,post_type_id\n"
                      "1,Q,<p>q</p>,2019-02-17 10:42:13.123000 CET,1\n",
                      2,
                      "the creation_date \"2019-02-17 10:42:13.123000 CET\" is not a date and "
                      "time like 2019-02-17 10:42:13.123000 UTC");
    checkShapeRefused("esc.csv", sede + "1,1,,2019-01-01 00:00:00,<p>q</p>,Q\x1b[31m,<a>\n", 2,
                      "the control character ESC (0x1B) in the Title");
    // Headers that look half like a shape.
    checkShapeRefused("half.csv", "Id,PostTypeId,Title,Tags,CreationDate\n1,1,Q,<a>,\n", 1,
                      "looks like a Stack Exchange Data Explorer result (it has PostTypeId, "
                      "CreationDate) but has no Body column");
    checkShapeRefused("mixed.csv", "Id,Title,Body,PostTypeId,post_type_id\n1,Q,b,1,1\n", 1,
                      "mixes Data Explorer columns (PostTypeId) with BigQuery columns "
                      "(post_type_id)");
    checkShapeRefused("generic.csv", "id,title,body,created,ParentId\n1,Q,b,,\n", 1,
                      "mixes Data Explorer columns (ParentId) with columns of the plain CSV "
                      "shape (created)");
    // The plain shape's author id is no column of either shape.
    checkShapeRefused("author-id.csv", "Id,PostTypeId,Body,author_id\n1,1,b,7\n", 1,
                      "with columns of the plain CSV shape (author_id)");
    checkShapeRefused("twice.csv", "Id,PostTypeId,Body,Id\n1,1,b,2\n", 1,
                      "the column Id appears twice");
    // JSON Lines: BigQuery rows, then a row of another shape.
    checkShapeRefused(
        "switch.jsonl",
        "{\"id\":\"1\",\"title\":\"Q\",\"body\":\"b\",\"post_type_id\":\"1\","
        "\"creation_date\":\"2019-01-01 00:00:00 UTC\"}\n"
        "{\"id\":\"2\",\"title\":\"Q\",\"body\":\"b\",\"created\":\"x\"}\n",
        2,
        "the field created does not belong to a BigQuery row (the file's first row is "
        "one; a file holds one shape)");
    checkShapeRefused("float.jsonl",
                      "{\"id\":\"1\",\"title\":\"Q\",\"body\":\"b\",\"post_type_id\":1.5}\n", 1,
                      "the field post_type_id must be a string or a whole number");
}
