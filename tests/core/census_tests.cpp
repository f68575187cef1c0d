// The census of every question and answer row an import reads (corpus/census.h). On the
// genuine dumps in ../shared/data/stackexchange, an import with --tags must leave the
// census that counting the whole Posts.xml gives; the counts to compare with are made
// here by another reader (expat, tests/core/dump_reference.h) and other code.

#include "core/corpus/census.h"
#include "core/stats/corpus_stats.h"
#include "core/store/schema.h"
#include "dump_reference.h"
#include "import_helpers.h"
#include "tests/support/study_builder.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

using namespace taxo;
using namespace taxo::test;

namespace {

struct YearCounts {
    std::int64_t questions = 0, withAccepted = 0, answers = 0;
    std::set<std::string> askers;
};

struct ReferenceCensus {
    std::map<int, YearCounts> years;
    std::map<std::string, std::map<int, std::int64_t>> tags;
};

std::string attribute(const ReadRow& row, const std::string& name) {
    for (const auto& [key, value] : row.attributes)
        if (key == name)
            return value;
    return {};
}

// Tag names between the marks of either encoding, each once.
std::set<std::string> tagNames(const std::string& tags) {
    std::set<std::string> names;
    std::string name;
    for (const char c : tags) {
        if (c == '<' || c == '>' || c == '|') {
            if (!name.empty())
                names.insert(name);
            name.clear();
        } else {
            name += c;
        }
    }
    if (!name.empty())
        names.insert(name);
    return names;
}

ReferenceCensus countWholeFile(const std::filesystem::path& postsXml) {
    const auto read = expatRead(readFile(postsXml.string()), "posts");
    REQUIRE(read.ok);
    ReferenceCensus census;
    for (const auto& row : read.rows) {
        const auto type = attribute(row, "PostTypeId");
        if (type != "1" && type != "2")
            continue;
        const int year = std::stoi(attribute(row, "CreationDate").substr(0, 4));
        auto& counts = census.years[year];
        if (type == "2") {
            ++counts.answers;
            continue;
        }
        ++counts.questions;
        if (!attribute(row, "AcceptedAnswerId").empty())
            ++counts.withAccepted;
        if (const auto owner = attribute(row, "OwnerUserId"); !owner.empty())
            counts.askers.insert(owner);
        for (const auto& tag : tagNames(attribute(row, "Tags")))
            ++census.tags[tag][year];
    }
    return census;
}

void requireSameCensus(const corpus::Census& census, const ReferenceCensus& reference) {
    REQUIRE(census.years.size() == reference.years.size());
    for (const auto& year : census.years) {
        INFO("year " << year.year);
        REQUIRE(reference.years.count(year.year) == 1);
        const auto& expected = reference.years.at(year.year);
        CHECK(year.questions == expected.questions);
        CHECK(year.withAccepted == expected.withAccepted);
        CHECK(year.answers == expected.answers);
        CHECK(year.askers == static_cast<std::int64_t>(expected.askers.size()));
    }
    REQUIRE(census.tags.size() == reference.tags.size());
    for (const auto& tag : census.tags) {
        INFO("tag " << tag.tag);
        REQUIRE(reference.tags.count(tag.tag) == 1);
        const auto& expected = reference.tags.at(tag.tag);
        std::map<int, std::int64_t> years(tag.years.begin(), tag.years.end());
        CHECK(years == expected);
        std::int64_t total = 0;
        for (const auto& [year, count] : expected)
            total += count;
        CHECK(tag.questions == total);
    }
    for (std::size_t i = 1; i < census.tags.size(); ++i)
        CHECK(census.tags[i - 1].questions >= census.tags[i].questions);
}

corpus::Census censusOf(Project& project) {
    auto census = corpus::readCensus(project.db());
    INFO((census.ok() ? "" : census.message()));
    REQUIRE(census.ok());
    return *census;
}

struct Site {
    const char* folder;
    const char* tag; // kept with --tags: a few of the site's questions
};

} // namespace

TEST_CASE("Census: an import with --tags counts every row of a genuine dump", "[census][sample]") {
    for (const Site site : {Site{"bicycles.meta.stackexchange.com", "support"},
                            Site{"cardano.stackexchange.com", "wallet"},
                            Site{"datascience.meta.stackexchange.com", "tags"}}) {
        INFO(site.folder);
        const auto folder = stackExchangeSample(site.folder);
        if (!folder) {
            WARN("skipped: ../shared/data/stackexchange/" << site.folder << " is absent");
            continue;
        }
        const auto reference = countWholeFile(*folder / "Posts.xml");
        // The row filter, the reader alone, and expat: every way of reading counts the same.
        struct Way {
            const char* name;
            corpus::DumpRowReader reader;
            bool quick;
        };
        for (const Way way : {Way{"scanner and row filter", corpus::DumpRowReader::Scanner, true},
                              Way{"scanner alone", corpus::DumpRowReader::Scanner, false},
                              Way{"expat", corpus::DumpRowReader::Expat, true}}) {
            INFO(way.name);
            TempDir dir;
            auto project = newProject(dir);
            corpus::ImportOptions options;
            options.tags = {site.tag};
            options.xmlReader = way.reader;
            options.quickRowFilter = way.quick;
            const auto report = importOk(project, {folder->string()}, options);
            // Only a few questions were kept; the census has them all.
            CHECK(report.questions > 0);
            CHECK(report.questions < report.censusQuestions);
            const auto census = censusOf(project);
            requireSameCensus(census, reference);
            REQUIRE(census.sources.size() == 1);
            CHECK(census.sources[0].key == site.folder);
        }
    }
}

TEST_CASE("Census: importing a source again replaces its counts", "[census][sample]") {
    TAXO_REQUIRE_SAMPLE(site, "bicycles.meta.stackexchange.com");
    const auto reference = countWholeFile(site / "Posts.xml");
    TempDir dir;
    auto project = newProject(dir);
    corpus::ImportOptions options;
    options.tags = {"support"};
    const auto first = importOk(project, {site.string()}, options);
    CHECK(first.censusReplaced.empty());
    options.tags = {"discussion"};
    const auto second = importOk(project, {site.string()}, options);
    REQUIRE(second.censusReplaced.size() == 1);
    CHECK_THAT(second.censusReplaced[0], Catch::Contains("bicycles.meta.stackexchange.com"));
    // Posts.xml alone, in its site's folder: the same site, so the same census.
    importOk(project, {(site / "Posts.xml").string()}, options);
    requireSameCensus(censusOf(project), reference);
    CHECK(queryInt(project, "SELECT count(*) FROM census_sources") == 1);
}

TEST_CASE("Census: different sources add up; a file with no site is counted by its path",
          "[census]") {
    TempDir dir;
    const auto a = dir.file("a.csv");
    const auto b = dir.file("b.csv");
    writeFile(a, "id,title,body,tags,created,author_id,accepted_answer_created\r\n"
                 "1,Q1,b,python;numpy,2019-02-17T10:00:00.000,7,2019-02-17T11:00:00.000\r\n"
                 "2,Q2,b,python,2019-03-01T10:00:00.000,7,\r\n"
                 "3,Q3,b,keras,2020-01-01T10:00:00.000,ann,\r\n");
    writeFile(b, "id,title,body,tags,created,author_id\r\n"
                 "9,Q9,b,python,2019-05-05T10:00:00.000,8\r\n");
    auto project = newProject(dir);
    corpus::ImportOptions options;
    options.tags = {"keras"};
    const auto report = importOk(project, {a, b}, options);
    CHECK(report.questions == 1);
    CHECK(report.censusQuestions == 4);
    auto census = censusOf(project);
    REQUIRE(census.years.size() == 2);
    CHECK(census.years[0].year == 2019);
    CHECK(census.years[0].questions == 3);
    CHECK(census.years[0].withAccepted == 1);
    CHECK(census.years[0].askers == 2); // 7 in a.csv, 8 in b.csv
    CHECK(census.years[1].questions == 1);
    CHECK(census.years[1].askers == 1); // "ann", an id that is not a number
    REQUIRE(census.tags.size() == 3);
    CHECK(census.tags[0].tag == "python");
    CHECK(census.tags[0].questions == 3);
    CHECK(census.sources.size() == 2);

    // a.csv again: its counts are replaced, b.csv's stay.
    writeFile(a, "id,title,body,tags,created,author_id\r\n"
                 "1,Q1,b,python,2019-02-17T10:00:00.000,7\r\n");
    const auto again = importOk(project, {a}, options);
    CHECK(again.censusReplaced.size() == 1);
    census = censusOf(project);
    REQUIRE(census.years.size() == 1);
    CHECK(census.years[0].questions == 2);
    CHECK(census.years[0].withAccepted == 0);
    CHECK(census.sources.size() == 2);
}

TEST_CASE("Census: a refused import leaves the census as it was", "[census]") {
    TempDir dir;
    const auto good = dir.file("good.csv");
    writeFile(good, "id,title,body,tags,created\r\n1,Q1,b,python,2019-02-17T10:00:00.000\r\n");
    auto project = newProject(dir);
    importOk(project, {good});
    const auto before = snapshot(project);
    writeFile(good, "id,title,body,tags,created\r\n1,Q1,b,python,2019-02-17T10:00:00.000\r\n"
                    "2,Q2,b,python,yesterday\r\n");
    CHECK_FALSE(corpus::importSources(project, {good}, {}).ok());
    CHECK(snapshot(project) == before);
}

TEST_CASE("Census: tags by name and the tags that co-occur on kept posts", "[census]") {
    TempDir dir;
    const auto file = dir.file("posts.csv");
    writeFile(file, "id,title,body,tags,created\r\n"
                    "1,Q,b,tensorflow;keras,2019-02-17T10:00:00.000\r\n"
                    "2,Q,b,tensorflow;keras;python,2020-02-17T10:00:00.000\r\n"
                    "3,Q,b,tensorflow;python,2020-02-17T10:00:00.000\r\n"
                    "4,Q,b,tensorflow-lite;tensorflow,2020-02-17T10:00:00.000\r\n"
                    "5,Q,b,python;numpy_x,2020-02-17T10:00:00.000\r\n");
    auto project = newProject(dir);
    importOk(project, {file});
    auto like = corpus::censusTagsLike(project.db(), "TENSOR", 10);
    REQUIRE(like.ok());
    REQUIRE(like->size() == 2);
    CHECK((*like)[0].tag == "tensorflow");
    CHECK((*like)[0].questions == 4);
    CHECK((*like)[0].years == std::vector<std::pair<int, std::int64_t>>{{2019, 1}, {2020, 3}});
    CHECK((*like)[1].tag == "tensorflow-lite");
    like = corpus::censusTagsLike(project.db(), "*flow", 10);
    REQUIRE(like.ok());
    REQUIRE(like->size() == 1);
    // '_' is a letter of the pattern, not LIKE's any-character mark.
    like = corpus::censusTagsLike(project.db(), "y_x", 10);
    REQUIRE(like.ok());
    REQUIRE(like->size() == 1);
    CHECK(corpus::censusTagsLike(project.db(), "p_thon", 10)->empty());

    auto together = corpus::cooccurringTags(project.db(), "tensorflow", 10);
    REQUIRE(together.ok());
    REQUIRE(together->size() == 3);
    CHECK((*together)[0].tag == "keras");
    CHECK((*together)[0].posts == 2);
    CHECK((*together)[1].tag == "python");
    CHECK((*together)[2].tag == "tensorflow-lite");
}

TEST_CASE("Census: taxo census prints the years and the tags", "[census][cli]") {
    TempDir dir;
    const auto file = dir.file("posts.csv");
    writeFile(file, "id,title,body,tags,created,author_id\r\n"
                    "1,Q,b,keras;python,2019-02-17T10:00:00.000,4\r\n"
                    "2,Q,b,python,2020-02-17T10:00:00.000,4\r\n");
    const auto path = dir.file("p.taxo");
    REQUIRE(runCli({"init", path}).code == 0);
    REQUIRE(runCli({"import", path, file, "--tags", "keras"}).code == 0);
    const auto json = runCli({"census", path, "--json"});
    INFO(json.err);
    REQUIRE(json.code == 0);
    const auto doc = nlohmann::json::parse(json.out);
    CHECK(doc["years"] ==
          nlohmann::json::parse(
              R"([{"year":2019,"questions":1,"askers":1,"with_accepted":0,"answers":0},
                                 {"year":2020,"questions":1,"askers":1,"with_accepted":0,"answers":0}])"));
    CHECK(doc["tags"] == nlohmann::json::parse(
                             R"([{"tag":"python","questions":2,"years":{"2019":1,"2020":1}},
                                {"tag":"keras","questions":1,"years":{"2019":1}}])"));
    const auto text = runCli({"census", path});
    REQUIRE(text.code == 0);
    CHECK_THAT(text.out, Catch::Contains("2019") && Catch::Contains("python"));

    const auto like = runCli({"census", path, "--tags-like", "ker", "--json"});
    REQUIRE(like.code == 0);
    CHECK(nlohmann::json::parse(like.out)["tags"].size() == 1);
    const auto together = runCli({"census", path, "--cooccurring", "keras", "--json"});
    REQUIRE(together.code == 0);
    CHECK(nlohmann::json::parse(together.out)["cooccurring"] ==
          nlohmann::json::parse(R"([{"tag":"python","posts":1}])"));
    CHECK(runCli({"census", path, "--tags-like", "a", "--cooccurring", "b"}).code == 2);
}

TEST_CASE("Census: a version-5 project is migrated with an empty census", "[census][schema]") {
    TempDir dir;
    const auto path = dir.file("v5.taxo");
    // The file as version 5 wrote it, with an import's posts.
    {
        auto db = sql::Database::open(path, sql::Database::Mode::Create);
        REQUIRE(db.ok());
        REQUIRE(schema::createVersionZero(*db));
        REQUIRE(db->exec("INSERT INTO meta VALUES ('project_id', "
                         "'6f1c0c9e-0000-4000-8000-000000000005'), ('title', 'Old'), "
                         "('created', '2020-01-01')"));
        REQUIRE(schema::migrate(*db, 0, 5));
        REQUIRE(db->exec("INSERT INTO imports(source, fingerprint, started) VALUES ('x', 'f', "
                         "'2020-01-01T00:00:00Z');"
                         "INSERT INTO posts(source, source_id, import_id) VALUES ('so', '1', 1);"));
        CHECK(*db->queryInt("PRAGMA user_version") == 5);
        CHECK(*db->queryInt("SELECT count(*) FROM sqlite_master WHERE name LIKE 'census%'") == 0);
    }
    auto project = Project::open(path);
    INFO((project.ok() ? "" : project.message()));
    REQUIRE(project.ok());
    CHECK(*project->db().queryInt("PRAGMA user_version") == schema::kCurrentVersion);
    CHECK(project->migrationBackup() == path + ".schema-v5.bak");
    CHECK(queryInt(*project, "SELECT count(*) FROM posts") == 1);
    CHECK(censusOf(*project).empty());
    // The census starts with the next import.
    const auto file = dir.file("posts.csv");
    writeFile(file, "id,title,body,tags,created\r\n2,Q,b,python,2019-02-17T10:00:00.000\r\n");
    importOk(*project, {file});
    CHECK(censusOf(*project).years.size() == 1);
}

TEST_CASE("Census: per-tag counts stay bounded on hostile input", "[census][hostile]") {
    corpus::CensusCounter counter;
    std::vector<std::string> names;
    for (std::size_t i = 0; i < corpus::CensusCounter::kMaxTags + 10; ++i)
        names.push_back("t" + std::to_string(i));
    for (const auto& name : names) {
        const std::string_view view(name);
        counter.addQuestion("2020-01-01T00:00:00", std::nullopt, {}, false, {&view, 1});
    }
    const std::string longName(corpus::CensusCounter::kMaxTagBytes + 1, 'x');
    const std::string_view longView(longName);
    counter.addQuestion("2020-01-01T00:00:00", std::nullopt, {}, false, {&longView, 1});
    CHECK(counter.tags().size() == corpus::CensusCounter::kMaxTags);
    CHECK(counter.tagsLeftOut() == 11);
    // Every question still counts in its year.
    REQUIRE(counter.years().size() == 1);
    CHECK(counter.years()[0].questions ==
          static_cast<std::int64_t>(corpus::CensusCounter::kMaxTags + 11));
}

TEST_CASE("Census: statistics compare the sets with the whole site and give their share of it",
          "[census][stats]") {
    TempDir dir;
    const auto file = dir.file("posts.csv");
    writeFile(file, "id,title,body,tags,created,author_id,accepted_answer_created\r\n"
                    "1,Q,b,keras,2019-02-17T10:00:00.000,4,2019-02-17T11:00:00.000\r\n"
                    "2,Q,b,keras,2020-02-17T10:00:00.000,5,\r\n"
                    "3,Q,b,python,2019-03-17T10:00:00.000,4,\r\n"
                    "4,Q,b,python,2020-03-17T10:00:00.000,6,2020-03-17T12:00:00.000\r\n"
                    "5,Q,b,java,2020-04-17T10:00:00.000,7,\r\n");
    auto project = newProject(dir);
    corpus::ImportOptions options;
    options.tags = {"keras"};
    importOk(project, {file}, options);
    REQUIRE(project.db().exec("INSERT INTO sets(name, root_name, created) VALUES ('k', 'k', 'x');"
                              "INSERT INTO set_members SELECT 1, id FROM posts;"));
    stats::StatsOptions wanted;
    wanted.yates = false;
    wanted.comparison = stats::Comparison::WholeSite;
    auto result = stats::computeStats(project, wanted);
    REQUIRE(result.ok());
    REQUIRE(result->site.size() == 2);
    CHECK(result->siteTotal.questions == 5);
    // One of the two questions a year: half of 2019's two, a third of 2020's three.
    CHECK(result->shareOfSite(2019, 1) == Approx(0.5));
    CHECK(result->shareOfSite(2020, 1) == Approx(1.0 / 3.0));
    CHECK_FALSE(result->shareOfSite(2018, 1).has_value());
    REQUIRE(result->difficultyTest.has_value());
    const auto& test = *result->difficultyTest;
    // A CSV gives the accepted answer's date only; the statistics and the census both take
    // it as an accepted answer: 1 of the 2 kept questions without one, 3 of the site's 5.
    CHECK(test.x1 == 1);
    CHECK(test.n1 == 2);
    CHECK(test.x2 == 3);
    CHECK(test.n2 == 5);
    // R 4.2.2: prop.test(c(1, 3), c(2, 5), correct = FALSE): X-squared = 0.0583333333333,
    // p-value = 0.809149834631.
    CHECK(test.statistic == Approx(0.0583333333333).epsilon(1e-9));
    CHECK(test.pValue == Approx(0.809149834631).epsilon(1e-9));
    // Without the census's comparison, the baseline is the questions in no set: none here.
    wanted.comparison = stats::Comparison::OutsideSets;
    result = stats::computeStats(project, wanted);
    REQUIRE(result.ok());
    CHECK_FALSE(result->difficultyTest.has_value());
}

TEST_CASE("Census: a CSV author without an author id adds no asker, as in the statistics",
          "[census]") {
    TempDir dir;
    const auto file = dir.file("names.csv");
    writeFile(file, "id,title,body,tags,created,author\r\n"
                    "1,Q1,b,python,2019-02-17T10:00:00.000,7\r\n"
                    "2,Q2,b,python,2019-03-01T10:00:00.000,ann\r\n");
    auto project = newProject(dir);
    importOk(project, {file});
    const auto census = censusOf(project);
    REQUIRE(census.years.size() == 1);
    CHECK(census.years[0].questions == 2);
    CHECK(census.years[0].askers == 0);
}

TEST_CASE("Census: a CSV imported with a source name counts under that name and its file name",
          "[census]") {
    TempDir dir;
    const auto file = dir.file("posts.csv");
    writeFile(file, "id,title,body,tags,created\r\n1,Q1,b,python,2019-02-17T10:00:00.000\r\n");
    auto project = newProject(dir);
    corpus::ImportOptions options;
    options.source = "survey";
    importOk(project, {file}, options);
    auto census = censusOf(project);
    REQUIRE(census.sources.size() == 1);
    CHECK(census.sources[0].key == "survey: posts.csv");
    // The same file again replaces its counts under the same name.
    const auto again = importOk(project, {file}, options);
    CHECK(again.censusReplaced.size() == 1);
    census = censusOf(project);
    REQUIRE(census.sources.size() == 1);
    CHECK(census.years.at(0).questions == 1);
}
