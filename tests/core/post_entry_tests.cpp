#include "core/corpus/post_entry.h"
#include "core/project/project.h"
#include "core/store/statements.h"
#include "tests/support/test_support.h"

#include <catch2/catch.hpp>

using namespace taxo;
using corpus::PostEntry;

namespace {

Project makeProject(const test::TempDir& dir) {
    auto project = Project::create(dir.file("p.taxo"), "entries");
    REQUIRE(project.ok());
    return std::move(*project);
}

std::string text(sql::Database& db, const std::string& query) {
    auto value = db.queryText(query);
    INFO(query);
    REQUIRE(value.ok());
    return *value;
}

std::int64_t count(sql::Database& db, const std::string& query) {
    auto value = db.queryInt(query);
    INFO(query);
    REQUIRE(value.ok());
    return *value;
}

PostEntry questionWithAnswers() {
    PostEntry post{"forum", "007", "Serving a model", "<p>How do I serve it?</p>"};
    post.tags = {"tensorflow", "serving"};
    post.created = "2019-02-17T10:11:12";
    post.score = 5;
    post.acceptedAnswerSourceId = "a2";
    post.answers = {{.sourceId = "a1", .body = "<p>Use Docker.</p>", .score = 1},
                    {.sourceId = "a2",
                     .body = "<p>Use the converter.</p>",
                     .created = "2019-02-18T09:00:00",
                     .accepted = true}};
    post.comments = {{.sourceId = "c1", .text = "Which version?", .author = "Dee"},
                     {.sourceId = "c2", .text = "It worked", .answerSourceId = "a2"}};
    return post;
}

} // namespace

TEST_CASE("entered posts are stored exactly as given, with no import", "[corpus]") {
    test::TempDir dir;
    auto project = makeProject(dir);
    auto& db = project.db();
    auto ids = corpus::addPosts(db, {questionWithAnswers(), {"forum", "8", "Second", ""}});
    REQUIRE(ids.ok());
    CHECK(*ids == std::vector<std::int64_t>{1, 2});

    // An import would make "007" into "7", count the answers and link the accepted
    // answer's date; an entry keeps what it says.
    CHECK(text(db, "SELECT source_id FROM posts WHERE id = 1") == "007");
    CHECK(count(db, "SELECT count(*) FROM posts WHERE answer_count IS NULL") == 2);
    CHECK(count(db, "SELECT count(*) FROM posts WHERE accepted_answer_created IS NULL") == 2);
    CHECK(text(db, "SELECT accepted_answer_source_id FROM posts WHERE id = 1") == "a2");
    CHECK(text(db, "SELECT created || '/' || score FROM posts WHERE id = 1") ==
          "2019-02-17T10:11:12/5");
    CHECK(count(db, "SELECT count(*) FROM imports") == 0);
    CHECK(count(db, "SELECT count(*) FROM posts WHERE import_id IS NOT NULL") == 0);

    CHECK(text(db, "SELECT group_concat(tag, ',') FROM (SELECT tag FROM post_tags "
                   "WHERE post_id = 1 ORDER BY position)") == "tensorflow,serving");
    CHECK(text(db, "SELECT group_concat(source_id || ':' || accepted, ',') FROM (SELECT * FROM "
                   "answers WHERE post_id = 1 ORDER BY id)") == "a1:0,a2:1");
    CHECK(text(db, "SELECT ifnull(a.source_id, 'question') FROM comments c LEFT JOIN answers a "
                   "ON a.id = c.answer_id WHERE c.source_id = 'c2'") == "a2");
    CHECK(count(db, "SELECT count(*) FROM comments WHERE source_id = 'c1' AND answer_id IS NULL "
                    "AND author = 'Dee'") == 1);
    // Searchable like an imported post: title, body text without code, tags.
    CHECK(count(db, "SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'serve'") == 1);
    CHECK(count(db, "SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'tags:serving'") == 1);
    CHECK(count(db, "SELECT count(*) FROM change_log") == 0);
}

TEST_CASE("a post already in the project is left as it was and named by its id", "[corpus]") {
    test::TempDir dir;
    auto project = makeProject(dir);
    auto& db = project.db();
    REQUIRE(corpus::addPosts(db, {questionWithAnswers()}).ok());
    auto again = questionWithAnswers();
    again.title = "Another title";
    again.answers.push_back({.sourceId = "a3", .body = "late"});
    auto ids = corpus::addPosts(db, {{"forum", "9", "New", ""}, again, {"forum", "10", "", ""}});
    REQUIRE(ids.ok());
    CHECK(*ids == std::vector<std::int64_t>{2, 1, 3});
    CHECK(text(db, "SELECT title FROM posts WHERE id = 1") == "Serving a model");
    CHECK(count(db, "SELECT count(*) FROM answers") == 2);
    CHECK(count(db, "SELECT count(*) FROM comments") == 2);
}

TEST_CASE("entries that cannot be stored are refused and nothing is written", "[corpus]") {
    test::TempDir dir;
    auto project = makeProject(dir);
    auto& db = project.db();
    const auto refused = [&](const std::vector<PostEntry>& posts, const std::string& part) {
        auto ids = corpus::addPosts(db, posts);
        REQUIRE_FALSE(ids.ok());
        CHECK_THAT(ids.message(), Catch::Contains(part));
        CHECK(count(db, "SELECT count(*) FROM posts") == 0);
        CHECK(count(db, "SELECT count(*) FROM posts_fts") == 0);
        CHECK(count(db, "SELECT count(*) FROM answers") == 0);
    };
    auto onMissingAnswer = questionWithAnswers();
    onMissingAnswer.comments.back().answerSourceId = "a9";
    refused({{"forum", "1", "fine", ""}, onMissingAnswer},
            "post forum:007: comment c2 is on answer a9, which the post does not have");
    auto twice = questionWithAnswers();
    twice.answers.push_back({.sourceId = "a1", .body = "again"});
    refused({twice}, "answer a1 appears twice");
    refused({{"forum", "", "no id", ""}}, "needs a source and a source id");
    refused({{"", "1", "no source", ""}}, "needs a source and a source id");
}
