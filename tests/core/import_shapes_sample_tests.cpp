// A genuine dump written out in the Data Explorer and BigQuery shapes (by expat, the
// reference reader of dump_reference.h, not by the import) must import to the same
// questions, answers, askers and accepted answers as the dump itself, and give the same
// statistics. The rows are written in reverse order, so that most answers come before
// their question, and BigQuery's answers go in a file read before the questions' file.

#include "core/corpus/tags.h"
#include "core/stats/corpus_stats.h"
#include "core/store/statements.h"
#include "dump_reference.h"
#include "import_helpers.h"

#include <map>
#include <nlohmann/json.hpp>

using taxo::corpus::ImportOptions;
using namespace taxo::test;

namespace {

using Row = std::map<std::string, std::string>;

std::string csvField(const std::string& value) {
    std::string out = "\"";
    for (const char c : value)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + '"';
}

std::string csvLine(const std::vector<std::string>& fields) {
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i)
        line += (i ? "," : "") + csvField(fields[i]);
    return line + '\n';
}

std::string valueOf(const Row& row, const std::string& name) {
    const auto found = row.find(name);
    return found == row.end() ? std::string() : found->second;
}

// 2021-04-27T15:06:44.553 as each shape writes it.
std::string dataExplorerDate(const std::string& dump) {
    return dump.empty() ? dump : dump.substr(0, 10) + ' ' + dump.substr(11, 8);
}
std::string bigQueryDate(const std::string& dump) {
    if (dump.empty())
        return dump;
    std::string fraction = dump.size() > 20 ? dump.substr(20) : "";
    fraction.resize(6, '0');
    return dump.substr(0, 10) + ' ' + dump.substr(11, 8) + '.' + fraction + " UTC";
}

std::string pipeTags(const std::string& dump) {
    std::string out;
    for (const auto& tag : taxo::corpus::splitTags(dump))
        out += (out.empty() ? "" : "|") + tag;
    return out;
}

// What the comparison reads of a project; created dates cut to `dateLength` characters
// (19: to the second, as the Data Explorer writes them).
std::vector<std::string> contents(taxo::Project& project, std::size_t dateLength) {
    std::vector<std::string> rows;
    const auto cut = [dateLength](taxo::sql::Statement& row, int column) {
        return row.columnIsNull(column) ? std::string("NULL")
                                        : row.columnText(column).substr(0, dateLength);
    };
    REQUIRE(taxo::sql::forEachRow(
        project.db(),
        "SELECT source_id, title, body, owner_user_id, score, view_count, answer_count, "
        "comment_count, accepted_answer_source_id, (SELECT group_concat(tag, ',') FROM "
        "(SELECT tag FROM post_tags WHERE post_id = posts.id ORDER BY position)), created, "
        "accepted_answer_created FROM posts ORDER BY CAST(source_id AS INTEGER)",
        [&](taxo::sql::Statement& row) {
            std::string text = "Q";
            for (int c = 0; c < 10; ++c)
                text += '|' + (row.columnIsNull(c) ? std::string("NULL") : row.columnText(c));
            rows.push_back(text + '|' + cut(row, 10) + '|' + cut(row, 11));
        }));
    REQUIRE(taxo::sql::forEachRow(
        project.db(),
        "SELECT a.source_id, p.source_id, a.body, a.score, a.owner_user_id, a.accepted, "
        "a.created FROM answers a JOIN posts p ON p.id = a.post_id "
        "ORDER BY CAST(a.source_id AS INTEGER)",
        [&](taxo::sql::Statement& row) {
            std::string text = "A";
            for (int c = 0; c < 6; ++c)
                text += '|' + (row.columnIsNull(c) ? std::string("NULL") : row.columnText(c));
            rows.push_back(text + '|' + cut(row, 6));
        }));
    return rows;
}

std::string statsLine(taxo::Project& project) {
    auto stats = taxo::stats::computeStats(project);
    REQUIRE(stats.ok());
    const auto& baseline = stats->groups.back().total;
    const auto& box = stats->groups.back().minutesToAccept;
    return std::to_string(baseline.questions) + " questions, " + std::to_string(baseline.askers) +
           " askers, " + std::to_string(baseline.withAccepted) + " accepted, median " +
           (box ? std::to_string(box->stats[2]) : std::string("-"));
}

} // namespace

TEST_CASE("A genuine dump in the Data Explorer and BigQuery shapes imports as the dump does",
          "[import][shapes][sample]") {
    TAXO_REQUIRE_SAMPLE(site, "cardano.stackexchange.com");
    const auto read = expatRead(readFile(sample(site, "Posts.xml")), "posts");
    REQUIRE(read.ok);
    std::vector<Row> rows;
    for (auto it = read.rows.rbegin(); it != read.rows.rend(); ++it)
        rows.emplace_back(it->attributes.begin(), it->attributes.end());

    TempDir dir;
    const std::vector<std::string> sede = {"Id",
                                           "PostTypeId",
                                           "AcceptedAnswerId",
                                           "ParentId",
                                           "CreationDate",
                                           "DeletionDate",
                                           "Score",
                                           "ViewCount",
                                           "Body",
                                           "OwnerUserId",
                                           "OwnerDisplayName",
                                           "LastActivityDate",
                                           "Title",
                                           "Tags",
                                           "AnswerCount",
                                           "CommentCount",
                                           "ClosedDate",
                                           "ContentLicense"};
    std::string explorer = csvLine(sede);
    const std::vector<std::string> bq = {"id",
                                         "title",
                                         "body",
                                         "accepted_answer_id",
                                         "answer_count",
                                         "comment_count",
                                         "creation_date",
                                         "owner_display_name",
                                         "owner_user_id",
                                         "parent_id",
                                         "post_type_id",
                                         "score",
                                         "tags",
                                         "view_count"};
    std::string questions = csvLine(bq);
    std::string answers;
    std::int64_t questionRows = 0, answerRows = 0;
    for (const auto& row : rows) {
        std::vector<std::string> fields;
        for (const auto& column : sede)
            fields.push_back(column.find("Date") != std::string::npos
                                 ? dataExplorerDate(valueOf(row, column))
                                 : valueOf(row, column));
        explorer += csvLine(fields);
        const std::string type = valueOf(row, "PostTypeId");
        nlohmann::json object = nlohmann::json::object();
        fields.clear();
        for (const auto& column : bq) {
            // snake_case to the dump's CamelCase: post_type_id -> PostTypeId.
            std::string dumpName;
            bool upper = true;
            for (const char c : column) {
                if (c == '_') {
                    upper = true;
                    continue;
                }
                dumpName += upper ? static_cast<char>(c - 'a' + 'A') : c;
                upper = false;
            }
            std::string value = valueOf(row, dumpName);
            if (column == "creation_date")
                value = bigQueryDate(value);
            if (column == "tags")
                value = pipeTags(value);
            fields.push_back(value);
            if (!value.empty())
                object[column] = value; // BigQuery's JSON: numbers as strings, nulls left out
        }
        if (type == "1") {
            questions += csvLine(fields);
            ++questionRows;
        } else if (type == "2") {
            answers += object.dump() + '\n';
            ++answerRows;
        }
    }
    writeFile(dir.file("explorer.csv"), explorer);
    writeFile(dir.file("posts_questions.csv"), questions);
    writeFile(dir.file("posts_answers.jsonl"), answers);

    ImportOptions options;
    options.source = "cardano";
    auto fromDump = newProject(dir, "dump.taxo");
    const auto dumpReport = importOk(fromDump, {sample(site, "Posts.xml")}, options);
    auto fromExplorer = newProject(dir, "explorer.taxo");
    const auto explorerReport = importOk(fromExplorer, {dir.file("explorer.csv")}, options);
    auto fromBigQuery = newProject(dir, "bigquery.taxo");
    const auto bigQueryReport = importOk(
        fromBigQuery, {dir.file("posts_answers.jsonl"), dir.file("posts_questions.csv")}, options);

    // The counts of another reader: expat's rows of each type.
    CHECK(dumpReport.questions == questionRows);
    CHECK(dumpReport.answers == answerRows);
    CHECK(explorerReport.questions == questionRows);
    CHECK(explorerReport.answers == answerRows);
    CHECK(explorerReport.skipped == dumpReport.skipped); // the same "not a question or answer"
    CHECK(bigQueryReport.questions == questionRows);
    CHECK(bigQueryReport.answers == answerRows);

    // The Data Explorer writes dates to the second; BigQuery keeps the milliseconds.
    CHECK(contents(fromExplorer, 19) == contents(fromDump, 19));
    CHECK(contents(fromBigQuery, 23) == contents(fromDump, 23));
    // Same askers and accepted answers, so the same statistics (to the millisecond
    // from BigQuery).
    CHECK(statsLine(fromBigQuery) == statsLine(fromDump));
    CHECK(queryInt(fromExplorer, "SELECT count(*) FROM posts WHERE accepted_answer_created "
                                 "IS NOT NULL") ==
          queryInt(fromDump, "SELECT count(*) FROM posts WHERE accepted_answer_created IS NOT "
                             "NULL"));
}
