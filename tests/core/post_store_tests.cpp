#include "core/corpus/post_store.h"
#include "core/project/project.h"
#include "tests/support/test_support.h"

#include <catch2/catch.hpp>
#include <chrono>

using namespace taxo::corpus;
using taxo::Project;

namespace {

// A small corpus written with plain SQL, so these tests do not depend on the importer.
void fill(Project& project) {
    auto& db = project.db();
    REQUIRE(db.exec(R"SQL(
INSERT INTO posts (id, source, source_id, title, body, created, owner_user_id, owner_display_name,
                   score, view_count, answer_count, comment_count, closed_date,
                   accepted_answer_source_id, accepted_answer_created)
VALUES
 (1, 'so', '101', 'Serving a SavedModel', '<p>How do I serve <code>model.pb</code>?</p>',
  '2019-02-17T10:11:12.000', '7', NULL, 5, 100, 2, 1, NULL, '201', '2019-02-17T16:40:00.000'),
 (2, 'so', '102', 'Quantize a model for mobile', '<p>tflite converter fails</p>',
  '2019-03-01T08:00:00.000', NULL, 'Deleted Person', -1, 10, 0, 0, '2019-04-01T00:00:00.000',
  NULL, NULL),
 (3, 'so', '103', 'TensorFlow.js in the browser', '<p>Loading a model in the browser is slow</p>',
  '2020-01-05T12:00:00.000', '9', NULL, NULL, NULL, 1, 0, NULL, NULL, NULL);
INSERT INTO post_tags (post_id, tag, position) VALUES
 (1, 'tensorflow', 0), (1, 'tensorflow-serving', 1),
 (2, 'tensorflow-lite', 0), (2, 'tensorflow', 1), (2, 'android', 2),
 (3, 'tensorflow.js', 0);
INSERT INTO answers (id, post_id, source_id, body, created, score, owner_user_id, accepted) VALUES
 (10, 1, '200', '<p>Use the REST API.</p>', '2019-02-17T12:00:00.000', 9, '8', 0),
 (11, 1, '201', '<p>Export with a serving signature.</p>', '2019-02-17T16:40:00.000', 3, '9', 1),
 (12, 3, '202', '<p>Warm up the model.</p>', '2020-01-06T12:00:00.000', 1, '7', 0);
INSERT INTO comments (id, post_id, answer_id, source_id, text, created, score, author) VALUES
 (20, 1, NULL, '300', 'Which TF version?', '2019-02-17T10:30:00.000', 0, 'ann'),
 (21, 1, 11, '301', 'This worked, thanks', '2019-02-17T17:00:00.000', 2, 'bo'),
 (22, 1, 11, '302', 'Also for TF 1.x', '2019-02-17T18:00:00.000', NULL, 'cy');
INSERT INTO posts_fts (rowid, title, body_text, tags) VALUES
 (1, 'Serving a SavedModel', 'How do I serve model.pb?', 'tensorflow tensorflow-serving'),
 (2, 'Quantize a model for mobile', 'tflite converter fails', 'tensorflow-lite tensorflow android'),
 (3, 'TensorFlow.js in the browser', 'Loading a model in the browser is slow', 'tensorflow.js');
)SQL")
                .ok());
}

std::vector<std::int64_t> ids(const std::vector<PostRow>& rows) {
    std::vector<std::int64_t> result;
    for (const auto& row : rows)
        result.push_back(row.id);
    return result;
}

Project createProject(const std::string& path) {
    auto created = Project::create(path, "posts");
    if (!created)
        FAIL(created.message());
    return std::move(*created);
}

struct Fixture {
    taxo::test::TempDir dir;
    Project project = createProject(dir.file("p.taxo"));
    Fixture() { fill(project); }
    taxo::sql::Database& db() { return project.db(); }
};

} // namespace

TEST_CASE("plain-words searches quote every word so no input is FTS syntax", "[post_store]") {
    CHECK(ftsQuery("", SearchSyntax::Words).empty());
    CHECK(ftsQuery("  \t ", SearchSyntax::Words).empty());
    CHECK(ftsQuery("serve model", SearchSyntax::Words) == "\"serve\" \"model\"");
    CHECK(ftsQuery("\"unbalanced", SearchSyntax::Words) == "\"\"\"unbalanced\"");
    CHECK(ftsQuery("AND OR", SearchSyntax::Words) == "\"AND\" \"OR\"");
    CHECK(ftsQuery("*", SearchSyntax::Words).empty());
    CHECK(ftsQuery("tensor*", SearchSyntax::Words) == "\"tensor\"*");
    CHECK(ftsQuery("a NEAR(b)", SearchSyntax::Fts) == "a NEAR(b)");
    CHECK(ftsQuery("   ", SearchSyntax::Fts).empty());
}

TEST_CASE("the post list counts and pages with tag and search filters", "[post_store]") {
    Fixture f;
    PostFilter all;
    CHECK(*countPosts(f.db(), all) == 3);
    auto page = postPage(f.db(), all, 0, 10);
    REQUIRE(page.ok());
    CHECK(ids(*page) == std::vector<std::int64_t>{1, 2, 3});

    const PostRow& first = (*page)[0];
    CHECK(first.sourceId == "101");
    CHECK(first.title == "Serving a SavedModel");
    CHECK(first.tags == std::vector<std::string>{"tensorflow", "tensorflow-serving"});
    CHECK(first.created == "2019-02-17T10:11:12.000");
    CHECK(first.owner == "user 7");
    CHECK(first.score == 5);
    CHECK(first.answerCount == 2);
    CHECK(first.hasAcceptedAnswer);
    const PostRow& second = (*page)[1];
    CHECK(second.tags == std::vector<std::string>{"tensorflow-lite", "tensorflow", "android"});
    CHECK(second.owner == "Deleted Person");
    CHECK_FALSE(second.hasAcceptedAnswer);
    CHECK_FALSE((*page)[2].score.has_value());

    SECTION("pages by key") {
        auto one = postPage(f.db(), all, 0, 2);
        REQUIRE(one.ok());
        CHECK(ids(*one) == std::vector<std::int64_t>{1, 2});
        auto two = postPage(f.db(), all, 2, 2);
        REQUIRE(two.ok());
        CHECK(ids(*two) == std::vector<std::int64_t>{3});
        auto three = postPage(f.db(), all, 3, 2);
        REQUIRE(three.ok());
        CHECK(three->empty());
    }
    SECTION("a tag matches exactly") {
        PostFilter filter{"tensorflow", "", SearchSyntax::Words};
        CHECK(*countPosts(f.db(), filter) == 2);
        CHECK(ids(*postPage(f.db(), filter, 0, 10)) == std::vector<std::int64_t>{1, 2});
        filter.tag = "tensor";
        CHECK(*countPosts(f.db(), filter) == 0);
        filter.tag = "x'); DROP TABLE posts; --";
        CHECK(*countPosts(f.db(), filter) == 0);
        CHECK(*countPosts(f.db(), all) == 3);
    }
    SECTION("a plain-words search needs every word, in any column") {
        PostFilter filter{"", "model browser", SearchSyntax::Words};
        CHECK(*countPosts(f.db(), filter) == 1);
        CHECK(ids(*postPage(f.db(), filter, 0, 10)) == std::vector<std::int64_t>{3});
        filter.search = "MODEL";
        CHECK(*countPosts(f.db(), filter) == 3);
        filter.search = "quant*";
        CHECK(ids(*postPage(f.db(), filter, 0, 10)) == std::vector<std::int64_t>{2});
        filter.search = "android"; // found through the tags column
        CHECK(*countPosts(f.db(), filter) == 1);
    }
    SECTION("search and tag combine") {
        PostFilter filter{"tensorflow", "model", SearchSyntax::Words};
        CHECK(*countPosts(f.db(), filter) == 2);
        filter.search = "browser";
        CHECK(*countPosts(f.db(), filter) == 0);
    }
    SECTION("words that look like FTS syntax are searched as words") {
        for (const char* search : {"\"unbalanced", "AND OR", "*", "NEAR(", "title:", "-x"}) {
            PostFilter filter{"", search, SearchSyntax::Words};
            auto count = countPosts(f.db(), filter);
            INFO(search);
            REQUIRE(count.ok());
            CHECK(*count >= 0);
            REQUIRE(postPage(f.db(), filter, 0, 10).ok());
        }
    }
    SECTION("FTS syntax works when asked for") {
        PostFilter filter{"", "serving OR browser", SearchSyntax::Fts};
        CHECK(ids(*postPage(f.db(), filter, 0, 10)) == std::vector<std::int64_t>{1, 3});
        filter.search = "title:quantize";
        CHECK(*countPosts(f.db(), filter) == 1);
        filter.search = "model NOT browser";
        CHECK(*countPosts(f.db(), filter) == 2);
    }
    SECTION("malformed FTS queries are errors with a message, not crashes") {
        for (const char* search : {"\"unbalanced", "AND OR", "*", "nosuchcolumn:x", "NEAR("}) {
            PostFilter filter{"", search, SearchSyntax::Fts};
            INFO(search);
            auto count = countPosts(f.db(), filter);
            REQUIRE_FALSE(count.ok());
            CHECK_THAT(count.message(), Catch::Contains(std::string("\"") + search + "\"") &&
                                            Catch::Contains("plain words"));
            auto rows = postPage(f.db(), filter, 0, 10);
            REQUIRE_FALSE(rows.ok());
            CHECK_THAT(rows.message(), Catch::Contains("not a valid full-text query"));
        }
        // The connection stays usable afterwards.
        CHECK(*countPosts(f.db(), all) == 3);
    }
}

TEST_CASE("tags come with their post counts, most used first", "[post_store]") {
    Fixture f;
    auto tags = tagCounts(f.db(), 0);
    REQUIRE(tags.ok());
    REQUIRE(tags->size() == 5);
    CHECK((*tags)[0].tag == "tensorflow");
    CHECK((*tags)[0].posts == 2);
    // Ties are by name.
    CHECK((*tags)[1].tag == "android");
    CHECK((*tags)[4].tag == "tensorflow.js");
    CHECK((*tags)[4].posts == 1);
    auto top = tagCounts(f.db(), 2);
    REQUIRE(top.ok());
    CHECK(top->size() == 2);
}

TEST_CASE("a whole post has its answers, the accepted one first, and all comments",
          "[post_store]") {
    Fixture f;
    auto post = loadPost(f.db(), 1);
    REQUIRE(post.ok());
    CHECK(post->sourceId == "101");
    CHECK(post->source == "so");
    CHECK(post->title == "Serving a SavedModel");
    CHECK(post->body == "<p>How do I serve <code>model.pb</code>?</p>");
    CHECK(post->tags == std::vector<std::string>{"tensorflow", "tensorflow-serving"});
    CHECK(post->created == "2019-02-17T10:11:12.000");
    CHECK(post->owner == "user 7");
    CHECK(post->score == 5);
    CHECK(post->viewCount == 100);
    CHECK(post->closedDate.empty());
    CHECK(post->acceptedAnswerCreated == "2019-02-17T16:40:00.000");
    REQUIRE(post->comments.size() == 1);
    CHECK(post->comments[0].text == "Which TF version?");
    CHECK(post->comments[0].author == "ann");

    REQUIRE(post->answers.size() == 2);
    // Accepted first although its score is lower.
    CHECK(post->answers[0].sourceId == "201");
    CHECK(post->answers[0].accepted);
    CHECK(post->answers[0].score == 3);
    CHECK(post->answers[0].owner == "user 9");
    REQUIRE(post->answers[0].comments.size() == 2);
    CHECK(post->answers[0].comments[0].text == "This worked, thanks");
    CHECK(post->answers[0].comments[1].author == "cy");
    CHECK_FALSE(post->answers[0].comments[1].score.has_value());
    CHECK(post->answers[1].sourceId == "200");
    CHECK_FALSE(post->answers[1].accepted);
    CHECK(post->answers[1].comments.empty());

    auto closed = loadPost(f.db(), 2);
    REQUIRE(closed.ok());
    CHECK(closed->closedDate == "2019-04-01T00:00:00.000");
    CHECK(closed->answers.empty());
    CHECK(closed->owner == "Deleted Person");

    auto missing = loadPost(f.db(), 999);
    REQUIRE_FALSE(missing.ok());
    CHECK_THAT(missing.message(), Catch::Contains("999"));
}

TEST_CASE("an empty project has no posts and no tags", "[post_store]") {
    taxo::test::TempDir dir;
    auto project = Project::create(dir.file("empty.taxo"), "empty");
    REQUIRE(project.ok());
    CHECK(*countPosts(project->db(), PostFilter{}) == 0);
    CHECK(postPage(project->db(), PostFilter{}, 0, 256)->empty());
    CHECK(tagCounts(project->db(), 10)->empty());
}

TEST_CASE("queries stay quick on a corpus of 100,000 posts", "[post_store][scale]") {
    taxo::test::TempDir dir;
    auto project = Project::create(dir.file("big.taxo"), "big");
    REQUIRE(project.ok());
    auto& db = project->db();
    REQUIRE(db.exec(R"SQL(
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO posts (id, source, source_id, title, body, created)
SELECT i, 'so', CAST(i AS TEXT), 'Question ' || i || CASE WHEN i % 1000 = 0 THEN ' rare' ELSE '' END,
       '<p>body</p>', '2020-01-01T00:00:00.000' FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO post_tags (post_id, tag, position)
SELECT i, 'tag' || (i % 50), 0 FROM n;
INSERT INTO posts_fts (rowid, title, body_text, tags)
SELECT p.id, p.title, 'body', t.tag FROM posts p JOIN post_tags t ON t.post_id = p.id;
COMMIT;
)SQL")
                .ok());
    using Clock = std::chrono::steady_clock;
    const auto millis = [](Clock::time_point start) {
        return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
    };
    // Generous bounds for a shared machine; typical times are a few milliseconds.
    constexpr long long kBound = 1000;

    auto start = Clock::now();
    CHECK(*countPosts(db, PostFilter{}) == 100000);
    auto deep = postPage(db, PostFilter{}, 99000, 256);
    REQUIRE(deep.ok());
    CHECK(deep->size() == 256);
    CHECK(deep->front().id == 99001);
    CHECK(millis(start) < kBound);

    start = Clock::now();
    PostFilter tag{"tag7", "", SearchSyntax::Words};
    CHECK(*countPosts(db, tag) == 2000);
    auto tagPage = postPage(db, tag, 90000, 256);
    REQUIRE(tagPage.ok());
    CHECK(tagPage->size() == 200);
    CHECK(millis(start) < kBound);

    start = Clock::now();
    PostFilter search{"", "rare", SearchSyntax::Words};
    CHECK(*countPosts(db, search) == 100);
    CHECK(postPage(db, search, 0, 256)->size() == 100);
    CHECK(millis(start) < kBound);
}

namespace {

// 3,000 posts: "common" in every third, tag "odd" on the odd ones; written with plain SQL.
void fillPaging(taxo::sql::Database& db) {
    REQUIRE(db.exec(R"SQL(
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
INSERT INTO posts (id, source, source_id, title, body, created)
SELECT i, 'so', CAST(i AS TEXT), 'Question ' || i || CASE WHEN i % 3 = 0 THEN ' common' ELSE '' END,
       '<p>body</p>', '2020-01-01T00:00:00.000' FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
INSERT INTO post_tags (post_id, tag, position)
SELECT i, CASE WHEN i % 2 = 1 THEN 'odd' ELSE 'even' END, 0 FROM n;
INSERT INTO posts_fts (rowid, title, body_text, tags)
SELECT p.id, p.title, 'body', t.tag FROM posts p JOIN post_tags t ON t.post_id = p.id;
COMMIT;
)SQL")
                .ok());
}

std::vector<std::int64_t> allPages(taxo::sql::Database& db, const PostFilter& filter) {
    std::vector<std::int64_t> seen;
    while (true) {
        auto page = postPage(db, filter, seen.empty() ? 0 : seen.back(), 256);
        REQUIRE(page.ok());
        if (page->empty())
            return seen;
        for (const auto& row : *page)
            seen.push_back(row.id);
    }
}

} // namespace

TEST_CASE("a search pages through every match in id order, with and without a tag",
          "[post_store]") {
    taxo::test::TempDir dir;
    auto project = createProject(dir.file("paging.taxo"));
    auto& db = project.db();
    fillPaging(db);

    PostFilter common{"", "common", SearchSyntax::Words};
    const auto everyThird = allPages(db, common);
    REQUIRE(everyThird.size() == 1000);
    for (std::size_t i = 0; i < everyThird.size(); ++i)
        CHECK(everyThird[i] == static_cast<std::int64_t>(3 * (i + 1)));
    CHECK(*countPosts(db, common) == 1000);

    // Every sixth post, from 3: odd multiples of three.
    PostFilter commonOdd{"odd", "common", SearchSyntax::Words};
    const auto odd = allPages(db, commonOdd);
    REQUIRE(odd.size() == 500);
    CHECK(odd.front() == 3);
    CHECK(odd[1] == 9);
    CHECK(odd.back() == 2997);
    CHECK(*countPosts(db, commonOdd) == 500);

    // The rows carry the post's columns, joined from posts.
    auto first = postPage(db, common, 0, 1);
    REQUIRE(first.ok());
    REQUIRE(first->size() == 1);
    CHECK(first->front().title == "Question 3 common");
    CHECK(first->front().tags == std::vector<std::string>{"odd"});
}

TEST_CASE("a count stops with \"cancelled\" when its flag is set, and the connection goes on",
          "[post_store]") {
    taxo::test::TempDir dir;
    auto project = createProject(dir.file("cancel.taxo"));
    auto& db = project.db();
    fillPaging(db);

    taxo::CancelFlag cancel{true};
    for (const PostFilter& filter : {PostFilter{}, PostFilter{"", "question", SearchSyntax::Words},
                                     PostFilter{"odd", "question", SearchSyntax::Words}}) {
        auto count = countPosts(db, filter, &cancel);
        REQUIRE_FALSE(count.ok());
        CHECK(count.message() == taxo::kCancelledMessage);
    }

    // The same connection counts normally afterwards: the check went with the count.
    taxo::CancelFlag notSet{false};
    CHECK(*countPosts(db, PostFilter{"", "question", SearchSyntax::Words}, &notSet) == 3000);
    CHECK(*countPosts(db, PostFilter{"", "question", SearchSyntax::Words}) == 3000);
    CHECK(postPage(db, PostFilter{"", "question", SearchSyntax::Words}, 0, 256)->size() == 256);
}
