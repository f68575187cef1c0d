// The import on small hand-written fixtures (tests/data/import): row order, answers
// before their question, watermark posts, comments, user names, tag filtering,
// importing twice, cancel and progress.

#include "import_helpers.h"

#include <atomic>
#include <nlohmann/json.hpp>

using taxo::corpus::ImportOptions;
using namespace taxo::test;

namespace {

std::string unsortedFolder() {
    return fixture("import/unsorted");
}

} // namespace

TEST_CASE("an unsorted dump folder keeps answers that come before their question", "[import]") {
    TempDir dir;
    auto project = newProject(dir);
    const auto report = importOk(project, {unsortedFolder()});
    CHECK(report.questions == 2);
    CHECK(report.answers == 3);
    CHECK(report.comments == 3);
    CHECK(report.alreadyPresent == 0);
    CHECK(report.rowsRead == 9 + 5 + 4);
    CHECK(report.skipped.at("watermark post (fabricated by Stack Exchange)") == 2);
    CHECK(report.skipped.at("answer to a question not kept") == 1);
    CHECK(report.skipped.at("not a question or answer") == 1);
    CHECK(report.skipped.at("comment on a post not kept") == 2);
    CHECK(report.skipped.size() == 4);

    CHECK(queryInt(project, "SELECT count(*) FROM posts") == 2);
    CHECK(queryInt(project, "SELECT count(*) FROM posts WHERE source_id LIKE '100000%'") == 0);
    CHECK(queryText(project, "SELECT source FROM posts WHERE source_id = '10'") == "stackexchange");
    CHECK(queryText(project, "SELECT title FROM posts WHERE source_id = '10'") ==
          "Converting a list to an array in Ñumpy");
    CHECK(queryText(project, "SELECT created FROM posts WHERE source_id = '10'") ==
          "2024-01-01T09:30:15.250");
    CHECK(queryInt(project, "SELECT view_count FROM posts WHERE source_id = '10'") == 120);
    CHECK(queryInt(project, "SELECT score FROM posts WHERE source_id = '20'") == -1);
    CHECK(queryText(project, "SELECT closed_date FROM posts WHERE source_id = '20'") ==
          "2023-05-07T00:00:00.000");
    CHECK(queryText(project, "SELECT group_concat(tag, ',') FROM (SELECT tag FROM post_tags "
                             "JOIN posts ON posts.id = post_id WHERE source_id = '10' "
                             "ORDER BY position)") == "python,numpy");

    // The accepted answer came before its question in the file.
    CHECK(queryText(project,
                    "SELECT accepted_answer_source_id FROM posts WHERE source_id = '10'") == "11");
    CHECK(queryText(project, "SELECT accepted_answer_created FROM posts WHERE source_id = '10'") ==
          "2024-01-02T10:00:00.000");
    CHECK(queryInt(project, "SELECT accepted FROM answers WHERE source_id = '11'") == 1);
    CHECK(queryInt(project, "SELECT accepted FROM answers WHERE source_id = '12'") == 0);
    CHECK(queryInt(project, "SELECT count(*) FROM posts WHERE accepted_answer_created IS NULL") ==
          1);
    CHECK(queryInt(project, "SELECT count(*) FROM answers a JOIN posts p ON p.id = a.post_id "
                            "WHERE p.source_id = '10'") == 2);

    // Users.xml fills names only where the post has none.
    CHECK(queryText(project, "SELECT owner_display_name FROM posts WHERE source_id = '10'") ==
          "Ann Ëxample");
    CHECK(queryText(project, "SELECT owner_user_id FROM posts WHERE source_id = '10'") == "5");
    CHECK(queryText(project, "SELECT owner_display_name FROM answers WHERE source_id = '11'") ==
          "Bo");
    CHECK(queryText(project, "SELECT owner_display_name FROM answers WHERE source_id = '12'") ==
          "user77");
    CHECK(queryText(project, "SELECT author FROM comments WHERE source_id = '100'") == "Bo");
    CHECK(queryText(project, "SELECT author FROM comments WHERE source_id = '101'") ==
          "Ann Ëxample");
    CHECK(queryText(project, "SELECT author FROM comments WHERE source_id = '104'") == "user88");
    CHECK(queryText(project, "SELECT text FROM comments WHERE source_id = '100'") ==
          "Which numpy version? \"1.26\"?");
    CHECK(queryInt(project, "SELECT count(*) FROM comments WHERE answer_id IS NOT NULL") == 2);

    // Full-text search: title, text without code, tags.
    CHECK(queryInt(project, "SELECT count(*) FROM posts_fts") == 2);
    CHECK(queryInt(project, "SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'convert'") == 1);
    CHECK(queryInt(project,
                   "SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'secretcodeword'") == 0);
    CHECK(queryInt(project, "SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'tags:numpy'") ==
          1);
    CHECK(queryInt(project, "SELECT count(*) FROM imports") == 1);
    CHECK(queryText(project, "SELECT source FROM imports") ==
          std::filesystem::path(unsortedFolder()).lexically_normal().string());
    CHECK_THAT(queryText(project, "SELECT fingerprint FROM imports"),
               Catch::Contains("Posts.xml{size=") && Catch::Contains("Users.xml{size="));
    const auto stored = nlohmann::json::parse(queryText(project, "SELECT report FROM imports"));
    CHECK(stored["questions"] == 2);
    CHECK(stored["answers"] == 3);
    CHECK(stored["skipped"]["not a question or answer"] == 1);
}

TEST_CASE("--tags keeps questions with any of the tags and only their answers and comments",
          "[import]") {
    TempDir dir;
    auto project = newProject(dir);
    ImportOptions options;
    options.tags = {"NumPy", "no-such-tag"};
    const auto report = importOk(project, {unsortedFolder()}, options);
    CHECK(report.questions == 1);
    CHECK(report.answers == 2);
    CHECK(report.comments == 2);
    CHECK(report.skipped.at("no matching tag") == 1);
    CHECK(report.skipped.at("answer to a question not kept") == 2);
    CHECK(queryText(project, "SELECT source_id FROM posts") == "10");
}

TEST_CASE("importing the same source twice adds nothing and says so", "[import]") {
    TempDir dir;
    auto project = newProject(dir);
    const auto first = importOk(project, {unsortedFolder()});
    CHECK_FALSE(first.importedBefore);
    const auto before = snapshot(project);
    const auto second = importOk(project, {unsortedFolder()});
    CHECK(second.questions == 0);
    CHECK(second.answers == 0);
    CHECK(second.comments == 0);
    CHECK(second.alreadyPresent == 2);
    CHECK(second.importedBefore);
    CHECK(queryInt(project, "SELECT count(*) FROM imports") == 2);
    // Only the new imports row differs.
    CHECK(queryInt(project, "SELECT count(*) FROM posts") == 2);
    CHECK(queryInt(project, "SELECT count(*) FROM answers") == 3);
    CHECK(queryInt(project, "SELECT count(*) FROM comments") == 3);
    CHECK(queryInt(project, "SELECT count(*) FROM posts_fts") == 2);
    const auto after = snapshot(project);
    CHECK(before.substr(0, before.find("[imports]")) == after.substr(0, after.find("[imports]")));
}

TEST_CASE("a cancel leaves the project as it was", "[import]") {
    TempDir dir;
    auto project = newProject(dir);
    importOk(project, {fixture("import/posts.csv")});
    const auto before = snapshot(project);

    std::atomic<bool> cancel{true};
    auto early = taxo::corpus::importSources(project, {unsortedFolder()}, {}, {}, &cancel);
    REQUIRE_FALSE(early.ok());
    CHECK(early.message() == taxo::kCancelledMessage);
    CHECK(snapshot(project) == before);

    // Cancelled from the progress callback, after the first chunk was written.
    cancel = false;
    int calls = 0;
    auto late = taxo::corpus::importSources(
        project, {unsortedFolder()}, {},
        [&](const taxo::Progress&) {
            ++calls;
            cancel = true;
        },
        &cancel);
    REQUIRE_FALSE(late.ok());
    CHECK(late.message() == taxo::kCancelledMessage);
    CHECK(calls == 1);
    CHECK(snapshot(project) == before);
}

TEST_CASE("an import writes through a rollback journal and leaves the project in WAL mode",
          "[import]") {
    TempDir dir;
    auto project = newProject(dir);
    CHECK(queryText(project, "PRAGMA journal_mode") == "wal");
    // What the import wrote through, seen from the progress callback by the files beside
    // the project (the connection itself belongs to the import while it runs).
    const auto journal = dir.file("p.taxo-journal");
    bool sawJournal = false;
    auto report =
        taxo::corpus::importSources(project, {unsortedFolder()}, {}, [&](const taxo::Progress&) {
            sawJournal = std::filesystem::exists(journal);
        });
    REQUIRE(report.ok());
    CHECK(sawJournal);
    CHECK(queryText(project, "PRAGMA journal_mode") == "wal");
    CHECK_FALSE(std::filesystem::exists(journal));
    CHECK(queryText(project, "PRAGMA integrity_check") == "ok");

    // With a second connection on the file, the switch is refused and the import runs in WAL.
    {
        auto other =
            taxo::sql::Database::open(dir.file("p.taxo"), taxo::sql::Database::Mode::ReadOnly);
        REQUIRE(other.ok());
        REQUIRE(other->queryInt("SELECT count(*) FROM posts").ok());
        sawJournal = true;
        auto second = taxo::corpus::importSources(
            project, {fixture("import/posts.csv")}, {},
            [&](const taxo::Progress&) { sawJournal = std::filesystem::exists(journal); });
        REQUIRE(second.ok());
        CHECK_FALSE(sawJournal);
        CHECK(second->questions > 0);
        CHECK(*other->queryInt("SELECT count(*) FROM posts") ==
              queryInt(project, "SELECT count(*) FROM posts"));
    }
    CHECK(queryText(project, "PRAGMA journal_mode") == "wal");
}

TEST_CASE("progress reports bytes, total, rows and time", "[import]") {
    TAXO_REQUIRE_SAMPLE(site, "bicycles.meta.stackexchange.com");
    TempDir dir;
    auto project = newProject(dir);
    std::vector<taxo::Progress> seen;
    auto report = taxo::corpus::importSources(project, {sample(site, "Posts.xml")}, {},
                                              [&](const taxo::Progress& p) { seen.push_back(p); });
    REQUIRE(report.ok());
    // Posts.xml is 2,043,403 bytes: one report per 128 KiB chunk.
    REQUIRE(seen.size() == 16);
    CHECK(seen[0].done == (128U << 10));
    CHECK(seen[15].done == 2043403);
    CHECK(seen[15].total == 2043403);
    CHECK(seen[15].unit == "bytes");
    CHECK(seen[0].items > 0);
    for (std::size_t i = 1; i < seen.size(); ++i) {
        CHECK(seen[i - 1].items < seen[i].items);
        CHECK(seen[i - 1].seconds <= seen[i].seconds);
    }
    CHECK(seen[15].items == 1446);
    CHECK_THAT(seen[0].stage, Catch::Contains("Posts.xml"));
    CHECK(report->bytes == 2043403);
}

TEST_CASE("a read-only project and a missing source are refused", "[import]") {
    TempDir dir;
    {
        auto project = newProject(dir);
        auto missing = taxo::corpus::importSources(project, {dir.file("nope.xml")}, {});
        REQUIRE_FALSE(missing.ok());
        CHECK_THAT(missing.message(), Catch::Contains("nope.xml: no such file"));
        auto none = taxo::corpus::importSources(project, {}, {});
        CHECK_FALSE(none.ok());
    }
    auto readOnly = taxo::Project::open(dir.file("p.taxo"), taxo::Project::Access::ReadOnly);
    REQUIRE(readOnly.ok());
    auto refused = taxo::corpus::importSources(*readOnly, {unsortedFolder()}, {});
    REQUIRE_FALSE(refused.ok());
    CHECK_THAT(refused.message(), Catch::Contains("read-only"));
}
