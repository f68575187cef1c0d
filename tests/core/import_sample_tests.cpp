// The import on the genuine Stack Exchange dumps in ../shared/data/stackexchange.
// Expected numbers are the measurements in each folder's SOURCE.md (computed there
// with Python xml.etree); comment counts under a tag filter were derived
// independently with Python xml.etree (see the comments at each check).

#include "import_helpers.h"

#include <cstdlib>
#include <map>

using taxo::corpus::ImportOptions;
using namespace taxo::test;

namespace {

struct Expected {
    std::int64_t questions, answers, accepted, distinctTags, withoutOwner;
    std::vector<std::pair<std::string, std::int64_t>> topTags;
    std::map<std::string, std::int64_t> perYear;
};

void checkCorpus(taxo::Project& project, const Expected& e) {
    CHECK(queryInt(project, "SELECT count(*) FROM posts") == e.questions);
    CHECK(queryInt(project, "SELECT count(*) FROM answers") == e.answers);
    CHECK(queryInt(project, "SELECT count(*) FROM posts WHERE accepted_answer_source_id IS NOT "
                            "NULL") == e.accepted);
    CHECK(queryInt(project, "SELECT count(*) FROM posts WHERE accepted_answer_created IS NOT "
                            "NULL") == e.accepted);
    CHECK(queryInt(project, "SELECT count(*) FROM answers WHERE accepted = 1") == e.accepted);
    CHECK(queryInt(project, "SELECT count(DISTINCT tag) FROM post_tags") == e.distinctTags);
    CHECK(queryInt(project, "SELECT count(*) FROM posts WHERE owner_user_id IS NULL") ==
          e.withoutOwner);
    CHECK(queryInt(project, "SELECT count(*) FROM posts_fts") == e.questions);
    // Tags are stored decoded, whatever the dump's encoding.
    CHECK(queryInt(project, "SELECT count(*) FROM post_tags WHERE tag GLOB '*[<>|]*'") == 0);
    for (const auto& [tag, count] : e.topTags) {
        INFO(tag);
        CHECK(queryInt(project, "SELECT count(*) FROM post_tags WHERE tag = '" + tag + "'") ==
              count);
    }
    auto stmt = project.db().prepare(
        "SELECT substr(created, 1, 4), count(*) FROM posts GROUP BY 1 ORDER BY 1");
    REQUIRE(stmt.ok());
    std::map<std::string, std::int64_t> perYear;
    while (*stmt->step())
        perYear[stmt->columnText(0)] = stmt->columnInt(1);
    CHECK(perYear == e.perYear);
    // Every accepted answer belongs to its question and is dated after it.
    CHECK(queryInt(project, "SELECT count(*) FROM posts WHERE accepted_answer_created < created") ==
          0);
}

const Expected kBicycles{453,
                         971,
                         157,
                         70,
                         25,
                         {{"discussion", 374},
                          {"support", 43},
                          {"feature-request", 39},
                          {"on-off-topic", 37},
                          {"site-promotion", 24}},
                         {{"2010", 53},
                          {"2011", 98},
                          {"2012", 59},
                          {"2013", 35},
                          {"2014", 37},
                          {"2015", 34},
                          {"2016", 25},
                          {"2017", 27},
                          {"2018", 21},
                          {"2019", 23},
                          {"2020", 9},
                          {"2021", 9},
                          {"2022", 15},
                          {"2023", 8}}};

const Expected kDatascience{
    257,
    341,
    83,
    51,
    2,
    {{"discussion", 218}, {"tags", 34}, {"feature-request", 28}, {"scope", 26}, {"moderation", 24}},
    {{"2014", 46},
     {"2015", 25},
     {"2016", 18},
     {"2017", 41},
     {"2018", 19},
     {"2019", 36},
     {"2020", 30},
     {"2021", 11},
     {"2022", 14},
     {"2023", 14},
     {"2024", 3}}};

const Expected kCardano{1042,
                        1496,
                        459,
                        224,
                        2,
                        {{"plutus", 242},
                         {"wallet", 131},
                         {"smart-contract", 115},
                         {"cardano-cli", 102},
                         {"cardano-node", 84}},
                        {{"2021", 1042}}};

bool have7z() {
    return std::system("command -v 7z > /dev/null 2>&1") == 0;
}

} // namespace

TEST_CASE("bicycles.meta as a folder: posts, comments and user names", "[import][sample]") {
    TAXO_REQUIRE_SAMPLE(site, "bicycles.meta.stackexchange.com");
    TempDir dir;
    auto project = newProject(dir);
    const auto report = importOk(project, {site.string()});
    CHECK(report.questions == 453);
    CHECK(report.answers == 971);
    // Every one of the 2448 comments is on a question or an answer (Python: 2448 of 2448
    // comments have a PostId among the PostTypeId 1 and 2 rows).
    CHECK(report.comments == 2448);
    CHECK(report.skipped.at("not a question or answer") == 22);
    CHECK(report.rowsRead == 1446 + 2448 + 2551);
    checkCorpus(project, kBicycles);
    CHECK(queryText(project, "SELECT DISTINCT source FROM posts") ==
          "bicycles.meta.stackexchange.com");
    // Question 2 names answer 4 as accepted; the row of answer 4 has
    // CreationDate="2010-08-25T20:40:10.597" (checked by hand in Posts.xml).
    CHECK(queryText(project, "SELECT accepted_answer_created FROM posts WHERE source_id = '2'") ==
          "2010-08-25T20:40:10.597");
    CHECK(queryText(project, "SELECT accepted_answer_created FROM posts WHERE source_id = '7'") ==
          "2010-08-25T21:37:42.727");
    CHECK(queryText(project, "SELECT created FROM posts WHERE source_id = '2'") ==
          "2010-08-25T20:28:26.243");
    // Question 2 has OwnerUserId 19 and no OwnerDisplayName; Users.xml row 19 is "geoffc".
    CHECK(queryText(project, "SELECT owner_display_name FROM posts WHERE source_id = '2'") ==
          "geoffc");
    // Python over Posts.xml and Users.xml: all 453 questions and all 2448 comments have a
    // name once Users.xml is read.
    CHECK(queryInt(project, "SELECT count(*) FROM posts WHERE owner_display_name IS NULL") == 0);
    CHECK(queryInt(project, "SELECT count(*) FROM comments WHERE author IS NULL") == 0);
    CHECK(queryInt(project, "SELECT count(*) FROM posts WHERE closed_date IS NOT NULL") == 15);
    CHECK(queryInt(project, "SELECT sum(answer_count) FROM posts") == 971);
}

TEST_CASE("bicycles.meta with --tags keeps the comments of kept posts only", "[import][sample]") {
    TAXO_REQUIRE_SAMPLE(site, "bicycles.meta.stackexchange.com");
    TempDir dir;
    auto project = newProject(dir);
    ImportOptions options;
    options.tags = {"support", "feature-request"};
    const auto report = importOk(project, {site.string()}, options);
    // Independent count with Python xml.etree: questions whose Tags contain <support> or
    // <feature-request>: 82; answers with such a ParentId: 111; comments whose PostId is one
    // of those questions or answers: 322.
    CHECK(report.questions == 82);
    CHECK(report.answers == 111);
    CHECK(report.comments == 322);
    CHECK(report.skipped.at("no matching tag") == 453 - 82);
    CHECK(report.skipped.at("comment on a post not kept") == 2448 - 322);
    CHECK(queryInt(project, "SELECT count(*) FROM comments") == 322);
}

TEST_CASE("datascience.meta: |a|b| tags and rows not sorted by id", "[import][sample]") {
    TAXO_REQUIRE_SAMPLE(site, "datascience.meta.stackexchange.com");
    TempDir dir;
    auto project = newProject(dir);
    const auto report = importOk(project, {sample(site, "Posts.xml")});
    CHECK(report.questions == 257);
    CHECK(report.answers == 341);
    CHECK(report.comments == 0);
    checkCorpus(project, kDatascience);
    // Question 79 accepts answer 80, whose CreationDate is 2014-06-24T14:19:35.803
    // (checked by hand in Posts.xml); question 93 accepts 95.
    CHECK(queryText(project, "SELECT accepted_answer_created FROM posts WHERE source_id = '79'") ==
          "2014-06-24T14:19:35.803");
    CHECK(queryText(project, "SELECT accepted_answer_created FROM posts WHERE source_id = '93'") ==
          "2014-07-01T07:15:08.680");
    // Python: 26 questions tagged scope, with 38 answers.
    TempDir other;
    auto filtered = newProject(other);
    ImportOptions options;
    options.tags = {"scope"};
    const auto scope = importOk(filtered, {sample(site, "Posts.xml")}, options);
    CHECK(scope.questions == 26);
    CHECK(scope.answers == 38);
}

TEST_CASE("cardano as a folder, filtered by tag", "[import][sample]") {
    TAXO_REQUIRE_SAMPLE(site, "cardano.stackexchange.com");
    TempDir dir;
    auto project = newProject(dir);
    const auto all = importOk(project, {sample(site, "Posts.xml")});
    CHECK(all.questions == 1042);
    checkCorpus(project, kCardano);
    CHECK(queryText(project, "SELECT accepted_answer_created FROM posts WHERE source_id = '1'") ==
          "2021-04-27T15:36:20.137");

    TempDir other;
    auto filtered = newProject(other);
    ImportOptions options;
    options.tags = {"plutus"};
    const auto plutus = importOk(filtered, {site.string()}, options);
    // Python xml.etree: 242 questions tagged plutus, 292 answers to them, and 432 comments
    // on those questions and answers.
    CHECK(plutus.questions == 242);
    CHECK(plutus.answers == 292);
    CHECK(plutus.comments == 432);
}

TEST_CASE("a .7z archive gives the same corpus as the extracted files", "[import][sample]") {
    TAXO_REQUIRE_SAMPLE(site, "bicycles.meta.stackexchange.com");
    if (!have7z()) {
        WARN("skipped: the 7z program is absent (install p7zip-full)");
        return;
    }
    TempDir dir;
    const auto archive = dir.file("bicycles.meta.stackexchange.com.7z");
    const std::string command = "cd '" + site.string() + "' && 7z a -mx=1 -bd -bso0 '" + archive +
                                "' Posts.xml Comments.xml Users.xml Badges.xml > /dev/null";
    REQUIRE(std::system(command.c_str()) == 0);

    auto fromArchive = newProject(dir, "a.taxo");
    const auto report = importOk(fromArchive, {archive});
    CHECK(report.questions == 453);
    CHECK(report.answers == 971);
    CHECK(report.comments == 2448);
    checkCorpus(fromArchive, kBicycles);
    CHECK(queryText(fromArchive, "SELECT DISTINCT source FROM posts") ==
          "bicycles.meta.stackexchange.com");
    CHECK(queryText(fromArchive, "SELECT owner_display_name FROM posts WHERE source_id = '2'") ==
          "geoffc");

    auto fromFolder = newProject(dir, "f.taxo");
    importOk(fromFolder, {site.string()});
    const char* same = "SELECT group_concat(source_id || ':' || coalesce(accepted_answer_created, "
                       "'-') || ':' || length(body), ',') FROM (SELECT * FROM posts ORDER BY id)";
    CHECK(queryText(fromArchive, same) == queryText(fromFolder, same));

    // The same posts again, from the folder: nothing new.
    const auto again = importOk(fromArchive, {site.string()});
    CHECK(again.questions == 0);
    CHECK(again.alreadyPresent == 453);
}

TEST_CASE("a one-file site-Posts.7z archive", "[import][sample]") {
    TAXO_REQUIRE_SAMPLE(site, "datascience.meta.stackexchange.com");
    if (!have7z()) {
        WARN("skipped: the 7z program is absent (install p7zip-full)");
        return;
    }
    TempDir dir;
    const auto archive = dir.file("datascience.meta.stackexchange.com-Posts.7z");
    const std::string command = "cd '" + site.string() + "' && 7z a -mx=1 -bd -bso0 '" + archive +
                                "' Posts.xml > /dev/null";
    REQUIRE(std::system(command.c_str()) == 0);
    auto project = newProject(dir);
    const auto report = importOk(project, {archive});
    CHECK(report.questions == 257);
    CHECK(report.answers == 341);
    CHECK(report.bytes == 992701);
    checkCorpus(project, kDatascience);
    CHECK(queryText(project, "SELECT DISTINCT source FROM posts") ==
          "datascience.meta.stackexchange.com");
}

TEST_CASE("a damaged .7z archive is refused and changes nothing", "[import][sample]") {
    TAXO_REQUIRE_SAMPLE(site, "datascience.meta.stackexchange.com");
    if (!have7z()) {
        WARN("skipped: the 7z program is absent (install p7zip-full)");
        return;
    }
    TempDir dir;
    const auto archive = dir.file("datascience.meta.stackexchange.com.7z");
    const std::string command = "cd '" + site.string() + "' && 7z a -mx=1 -bd -bso0 '" + archive +
                                "' Posts.xml > /dev/null";
    REQUIRE(std::system(command.c_str()) == 0);
    auto bytes = readFile(archive);
    auto project = newProject(dir);
    importOk(project, {fixture("import/posts.csv")});
    const auto before = snapshot(project);

    // Cut in half: the 7z header at the end is gone.
    const auto cut = dir.file("cut.7z");
    writeFile(cut, bytes.substr(0, bytes.size() / 2));
    auto truncated = taxo::corpus::importSources(project, {cut}, {});
    REQUIRE_FALSE(truncated.ok());
    CHECK_THAT(truncated.message(), Catch::Contains("cut.7z"));
    CHECK(snapshot(project) == before);

    // Compressed data overwritten in the middle: decompression or XML fails.
    const auto damaged = dir.file("damaged.7z");
    for (std::size_t i = bytes.size() / 3; i < bytes.size() / 3 + 4096; ++i)
        bytes[i] = static_cast<char>(bytes[i] ^ 0x5A);
    writeFile(damaged, bytes);
    auto broken = taxo::corpus::importSources(project, {damaged}, {});
    REQUIRE_FALSE(broken.ok());
    CHECK_THAT(broken.message(), Catch::Contains("damaged.7z"));
    CHECK(snapshot(project) == before);
}
