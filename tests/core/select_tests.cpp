#include "core/corpus/import.h"
#include "core/select/listed_set.h"
#include "core/select/selection.h"
#include "core/stats/corpus_stats.h"
#include "core/store/statements.h"
#include "corpus_fixture.h"
#include "tests/support/test_support.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>

using namespace taxo;
using taxo::test::addPost;
using taxo::test::addPosts;
using taxo::test::TestPost;

namespace {

TestPost q(std::string title, std::string body, std::vector<std::string> tags) {
    TestPost post;
    post.title = std::move(title);
    post.body = std::move(body);
    post.tags = std::move(tags);
    return post;
}

// Twelve posts whose membership in the study's three sets is worked out by hand
// (the comment on each says why it is in or out).
void addStudyPosts(Project& project) {
    // 1: framework + "server" + "deploy" -> Server/Cloud clause 0.
    addPost(project, q("Deploy to server", "<p>How do I deploy?</p>", {"tensorflow"}));
    // 2: "serving" but no "deploy" -> nowhere.
    addPost(project, q("Serving question", "<p>no d-word here</p>", {"keras"}));
    // 3: tensorflow-serving -> Server/Cloud clause 1.
    addPost(project, q("x", "", {"tensorflow-serving"}));
    // 4: google-cloud-ml + "deploy" -> Server/Cloud clause 2.
    addPost(project, q("Cloud ML", "<p>We deploy models</p>", {"google-cloud-ml"}));
    // 5: sagemaker without "deploy" -> nowhere.
    addPost(project, q("SageMaker", "<p>training only</p>", {"amazon-sagemaker"}));
    // 6: "server" only inside code -> nowhere (code is not matched).
    addPost(project,
            q("Question", "<p>deploy it</p><pre><code>server = 1</code></pre>", {"pytorch"}));
    // 7: upper case, and "deploy" only as part of "DEPLOYMENT" -> clause 0 by substring.
    addPost(project, q("DEPLOYMENT on CLOUD", "", {"keras"}));
    // 8: both clause 0 and clause 1 of Server/Cloud.
    addPost(project, q("Deploy serving", "", {"tensorflow", "tensorflow-serving"}));
    // 9: tensorflow-lite -> Mobile clause 1.
    addPost(project, q("android", "", {"tensorflow-lite"}));
    // 10: Server/Cloud clause 0 and Mobile clause 0.
    addPost(project, q("Q", "<p>run on Android and deploy to a server</p>", {"tensorflow"}));
    // 11: tensorflow.js -> Browser clause 1.
    addPost(project, q("Q", "<p>browser</p>", {"tensorflow.js"}));
    // 12: "server" written inside entities -> Server/Cloud clause 0.
    addPost(project, q("Q", "<p>&lt;server&gt; deploy</p>", {"theano"}));
}

select::Rules studyRules() {
    auto rules =
        select::loadRules(std::string(TAXONOMIST_SOURCE_DIR) + "/docs/examples/study-rules.json");
    INFO((rules.ok() ? "" : rules.message()));
    REQUIRE(rules.ok());
    return *rules;
}

std::vector<std::int64_t> membersOf(Project& project, const std::string& set) {
    auto query = project.db().prepare("SELECT m.post_id FROM set_members m JOIN sets s "
                                      "ON s.id = m.set_id WHERE s.name = ? ORDER BY m.post_id");
    REQUIRE(query.ok());
    query->bind(1, set);
    std::vector<std::int64_t> ids;
    while (true) {
        auto row = query->step();
        REQUIRE(row.ok());
        if (!*row)
            break;
        ids.push_back(query->columnInt(0));
    }
    return ids;
}

std::string errorOf(const std::string& json) {
    auto rules = select::parseRules(json, "r.json");
    REQUIRE_FALSE(rules.ok());
    return rules.message();
}

// The study's rules on the twelve posts of addStudyPosts (also written, in the same
// order, to tests/data/select/study-posts.jsonl).
void checkStudySets(Project& project, const select::SelectionReport& report) {
    CHECK(report.postsScanned == 12);
    REQUIRE(report.sets.size() == 3);

    const auto& server = report.sets[0];
    CHECK(server.name == "Server/Cloud");
    REQUIRE(server.clauses.size() == 3);
    CHECK(server.clauses[0].matched == 5); // posts 1, 7, 8, 10, 12
    CHECK(server.clauses[0].cumulative == 5);
    CHECK(server.clauses[1].matched == 2); // posts 3, 8
    CHECK(server.clauses[1].cumulative == 6);
    CHECK(server.clauses[2].matched == 1); // post 4
    CHECK(server.clauses[2].cumulative == 7);
    CHECK(server.members == 7);
    CHECK(server.previousMembers == -1);
    CHECK(membersOf(project, "Server/Cloud") == std::vector<std::int64_t>{1, 3, 4, 7, 8, 10, 12});

    const auto& mobile = report.sets[1];
    CHECK(mobile.clauses[0].matched == 1);
    CHECK(mobile.clauses[1].cumulative == 2);
    CHECK(membersOf(project, "Mobile") == std::vector<std::int64_t>{9, 10});
    const auto& browser = report.sets[2];
    CHECK(browser.clauses[0].matched == 0);
    CHECK(browser.clauses[1].cumulative == 1);
    CHECK(membersOf(project, "Browser") == std::vector<std::int64_t>{11});

    CHECK(report.unionMembers == 9);
    REQUIRE(report.overlaps.size() == 3);
    CHECK(report.overlaps[0].first == "Server/Cloud");
    CHECK(report.overlaps[0].second == "Mobile");
    CHECK(report.overlaps[0].both == 1);
    CHECK(report.overlaps[1].both == 0);
    CHECK(report.overlaps[2].both == 0);

    auto root = project.db().queryText("SELECT root_name FROM sets WHERE name = 'Mobile'");
    REQUIRE(root.ok());
    CHECK(*root == "Mobile");
}

} // namespace

TEST_CASE("the study's rules count every clause and the union of the hand-made corpus",
          "[select]") {
    test::TempDir dir;
    auto project = Project::create(dir.file("p.taxo"), "t");
    REQUIRE(project.ok());
    addStudyPosts(*project);
    auto report = select::selectSets(*project, studyRules());
    INFO((report.ok() ? "" : report.message()));
    REQUIRE(report.ok());
    checkStudySets(*project, *report);
}

TEST_CASE("the example rules file gives the same sets on the same posts imported from JSON Lines",
          "[select]") {
    test::TempDir dir;
    auto project = Project::create(dir.file("p.taxo"), "t");
    REQUIRE(project.ok());
    auto imported = corpus::importSources(
        *project, {std::string(TAXONOMIST_TEST_DATA) + "/select/study-posts.jsonl"},
        corpus::ImportOptions{});
    INFO((imported.ok() ? "" : imported.message()));
    REQUIRE(imported.ok());
    auto report = select::selectSets(*project, studyRules());
    INFO((report.ok() ? "" : report.message()));
    REQUIRE(report.ok());
    checkStudySets(*project, *report);

    // What the project keeps of it: the same names, members and counts after each clause.
    auto stored = select::storedSets(project->db());
    REQUIRE(stored.ok());
    REQUIRE(stored->size() == report->sets.size());
    for (std::size_t i = 0; i < stored->size(); ++i) {
        const auto& kept = (*stored)[i];
        const auto& reported = report->sets[i];
        CHECK(kept.name == reported.name);
        CHECK(kept.root == reported.root);
        CHECK(kept.members == reported.members);
        REQUIRE(kept.clauses.size() == reported.clauses.size());
        for (std::size_t k = 0; k < kept.clauses.size(); ++k) {
            CHECK(kept.clauses[k].matched == reported.clauses[k].matched);
            CHECK(kept.clauses[k].cumulative == reported.clauses[k].cumulative);
        }
    }
}

TEST_CASE("whole words, substrings, case and code in matching", "[select]") {
    using select::containsWord;
    CHECK(containsWord("deployment on cloud", "deploy", false));
    CHECK_FALSE(containsWord("deployment on cloud", "deploy", true));
    CHECK(containsWord("how to deploy.", "deploy", true));
    CHECK(containsWord("deploy", "deploy", true));
    CHECK_FALSE(containsWord("redeploy", "deploy", true));
    CHECK_FALSE(containsWord("deploy_model", "deploy", true));
    CHECK(containsWord("use c++ here", "c++", true));
    CHECK(containsWord("c++17", "c++", true)); // the word ends in '+': no boundary needed there
    CHECK_FALSE(containsWord("text", "", false));
    // Non-ASCII letters are part of words; typographic punctuation is not.
    CHECK_FALSE(containsWord("redéploy", "ploy", true));
    CHECK_FALSE(containsWord("deployé", "deploy", true));
    CHECK(containsWord("\xE2\x80\x9C"
                       "deploy"
                       "\xE2\x80\x9D",
                       "deploy", true));                       // “deploy”
    CHECK(containsWord("deploy\xE2\x80\xA6", "deploy", true)); // deploy…
    CHECK(containsWord("\xC2\xBF"
                       "deploy?",
                       "deploy", true)); // ¿deploy?
    CHECK(containsWord("café au lait", "café", true));
    CHECK_FALSE(containsWord("cafés", "café", true));

    const auto text = select::matchableText(
        "Serving on iOS", "<p>Uses &amp; MOBILE</p><code>browser</code><pre>cloud</pre>");
    CHECK(text == "serving on ios\nuses & mobile");
    CHECK_FALSE(containsWord(text, "browser", false));
    CHECK_FALSE(containsWord(text, "cloud", false));
    CHECK(containsWord(text, "ios", true));

    test::TempDir dir;
    auto project = Project::create(dir.file("p.taxo"), "t");
    REQUIRE(project.ok());
    addStudyPosts(*project);
    auto rules = select::parseRules(R"({"sets": [
        {"name": "whole", "clauses": [{"tags_any": ["KERAS", "TensorFlow"], "words_all": ["Deploy"], "whole_words": true}]},
        {"name": "substring", "clauses": [{"tags_any": ["keras", "tensorflow"], "words_all": ["deploy"]}]}]})");
    REQUIRE(rules.ok());
    CHECK(rules->sets[0].root == "whole"); // the root defaults to the set's name
    auto report = select::selectSets(*project, *rules);
    REQUIRE(report.ok());
    // Post 7's only "deploy" is inside "DEPLOYMENT": in by substring, out by whole words.
    CHECK(membersOf(*project, "whole") == std::vector<std::int64_t>{1, 8, 10});
    CHECK(membersOf(*project, "substring") == std::vector<std::int64_t>{1, 7, 8, 10});
}

TEST_CASE("bad rules are refused with the JSON pointer of the problem", "[select]") {
    CHECK_THAT(errorOf("{\"sets\": [}"), Catch::Contains("r.json: not valid JSON at byte"));
    CHECK_THAT(errorOf("[]"), Catch::Contains("r.json: / the rules must be a JSON object"));
    CHECK_THAT(errorOf("{}"), Catch::Contains("/sets is missing"));
    CHECK_THAT(errorOf(R"({"sets": []})"), Catch::Contains("/sets is empty"));
    CHECK_THAT(errorOf(R"({"sets": {}})"), Catch::Contains("/sets must be an array"));
    CHECK_THAT(errorOf(R"({"sets": [], "extra": 1})"),
               Catch::Contains("/extra unknown key 'extra'"));
    CHECK_THAT(errorOf(R"({"sets": [{"name": "a"}]})"),
               Catch::Contains("/sets/0/clauses is missing"));
    CHECK_THAT(errorOf(R"({"sets": [{"clauses": [{"tags_any": ["a"]}]}]})"),
               Catch::Contains("/sets/0/name is missing"));
    CHECK_THAT(errorOf(R"({"sets": [{"name": "a", "clauses": []}]})"),
               Catch::Contains("/sets/0/clauses is empty"));
    CHECK_THAT(errorOf(R"({"sets": [{"name": "a", "clauses": [{"tags_any": ["x"]}, {}]}]})"),
               Catch::Contains("/sets/0/clauses/1 the clause has no condition"));
    CHECK_THAT(errorOf(R"({"sets": [{"name": "a", "clauses": [{"whole_words": true}]}]})"),
               Catch::Contains("/sets/0/clauses/0 the clause has no condition"));
    CHECK_THAT(
        errorOf(R"({"sets": [{"name": "a", "clauses": [{"tags_any": "tensorflow"}]}]})"),
        Catch::Contains("/sets/0/clauses/0/tags_any must be an array of strings, not string"));
    CHECK_THAT(errorOf(R"({"sets": [{"name": "a", "clauses": [{"tags_any": []}]}]})"),
               Catch::Contains("/sets/0/clauses/0/tags_any is empty"));
    CHECK_THAT(errorOf(R"({"sets": [{"name": "a", "clauses": [{"keywords_any": ["x", 3]}]}]})"),
               Catch::Contains("/sets/0/clauses/0/keywords_any/1 must be a string, not number"));
    CHECK_THAT(errorOf(R"({"sets": [{"name": "a", "clauses": [{"words_all": [" "]}]}]})"),
               Catch::Contains("/sets/0/clauses/0/words_all/0 is empty"));
    CHECK_THAT(
        errorOf(
            R"({"sets": [{"name": "a", "clauses": [{"tags_any": ["x"], "whole_words": "yes"}]}]})"),
        Catch::Contains("/sets/0/clauses/0/whole_words must be true or false"));
    CHECK_THAT(errorOf(R"({"sets": [{"name": "a", "clauses": [{"tag_any": ["x"]}]}]})"),
               Catch::Contains("/sets/0/clauses/0/tag_any unknown key 'tag_any'"));
    CHECK_THAT(errorOf(R"({"sets": [{"name": "a", "clauses": [{"tags_any": ["x"], "a/b": 1}]}]})"),
               Catch::Contains("/sets/0/clauses/0/a~1b unknown key"));
    CHECK_THAT(errorOf(R"({"sets": [{"name": "a", "clauses": [{"tags_any": ["x"]}]},
                                    {"name": 5, "clauses": [{"tags_any": ["x"]}]}]})"),
               Catch::Contains("/sets/1/name must be a string, not number"));
    CHECK_THAT(errorOf(R"({"sets": [{"name": "a", "clauses": [{"tags_any": ["x"]}]},
                                    {"name": "a", "clauses": [{"tags_any": ["y"]}]}]})"),
               Catch::Contains("/sets/1/name 'a' names two sets"));
    CHECK_THAT(
        errorOf(R"({"sets": [{"name": "a", "root": "", "clauses": [{"tags_any": ["x"]}]}]})"),
        Catch::Contains("/sets/0/root is empty"));
    CHECK_THAT(
        errorOf(R"({"sets": [{"name": "a", "clauses": [{"tags_any": ["x"]}], "sample": 3}]})"),
        Catch::Contains("/sets/0/sample unknown key"));
    CHECK_THAT(errorOf(R"({"sets": [7]})"), Catch::Contains("/sets/0 a set must be an object"));
}

TEST_CASE("re-selection refuses to change sets that samples use unless forced", "[select]") {
    test::TempDir dir;
    auto project = Project::create(dir.file("p.taxo"), "t");
    REQUIRE(project.ok());
    addStudyPosts(*project);
    REQUIRE(select::selectSets(*project, studyRules()).ok());
    auto setId = project->db().queryInt("SELECT id FROM sets WHERE name = 'Mobile'");
    REQUIRE(setId.ok());
    REQUIRE(
        project->db()
            .exec("INSERT INTO samples(id, set_id, seed, size, method, pilot_fraction, created) "
                  "VALUES (7, " +
                  std::to_string(*setId) + ", '1', 2, 'all', 0.3, 'now')")
            .ok());

    // The same rules again: nothing a sample uses changes, so this is allowed.
    auto same = select::selectSets(*project, studyRules());
    INFO((same.ok() ? "" : same.message()));
    REQUIRE(same.ok());
    CHECK(same->sets[1].previousMembers == 2);
    CHECK(same->sets[1].samples == std::vector<std::int64_t>{7});

    // Mobile loses post 9: refused, and every set stays as it was.
    auto changed = studyRules();
    changed.sets[1].clauses.pop_back();
    changed.sets[0].clauses.pop_back(); // would change Server/Cloud too, which no sample uses
    auto refused = select::selectSets(*project, changed);
    REQUIRE_FALSE(refused.ok());
    CHECK_THAT(
        refused.message(),
        Catch::Contains("set 'Mobile' is used by sample 7 and would change from 2 to 1 posts"));
    CHECK_THAT(refused.message(), Catch::Contains("--force"));
    CHECK(membersOf(*project, "Mobile") == std::vector<std::int64_t>{9, 10});
    CHECK(membersOf(*project, "Server/Cloud").size() == 7);

    // Dropping the set a sample uses is refused even with force.
    auto dropping = studyRules();
    dropping.sets.erase(dropping.sets.begin() + 1);
    auto dropRefused = select::selectSets(*project, dropping, {true});
    REQUIRE_FALSE(dropRefused.ok());
    CHECK_THAT(dropRefused.message(), Catch::Contains("never dropped"));
    CHECK(membersOf(*project, "Mobile") == std::vector<std::int64_t>{9, 10});

    // With force the set is replaced in place: same id, so the sample still refers to it.
    auto forced = select::selectSets(*project, changed, {true});
    REQUIRE(forced.ok());
    CHECK(membersOf(*project, "Mobile") == std::vector<std::int64_t>{10});
    CHECK(*project->db().queryInt("SELECT id FROM sets WHERE name = 'Mobile'") == *setId);
    CHECK(*project->db().queryInt("SELECT set_id FROM samples WHERE id = 7") == *setId);
    CHECK(membersOf(*project, "Server/Cloud").size() == 6);

    // A set no sample uses is dropped when the rules no longer name it.
    auto noBrowser = changed;
    noBrowser.sets.pop_back();
    auto dropped = select::selectSets(*project, noBrowser);
    REQUIRE(dropped.ok());
    CHECK(dropped->dropped == std::vector<std::string>{"Browser"});
    CHECK(*project->db().queryInt("SELECT count(*) FROM sets") == 2);
    CHECK(*project->db().queryInt("SELECT count(*) FROM change_log WHERE action = 'select'") == 4);
}

TEST_CASE("a set of listed posts keeps its members and its rule, without counts", "[select]") {
    test::TempDir dir;
    auto project = Project::create(dir.file("p.taxo"), "t");
    REQUIRE(project.ok());
    addStudyPosts(*project);
    auto& db = project->db();
    const std::string rule = R"({"clauses": [{"tags_any": ["tensorflow-serving"]}]})";
    auto added = sql::inTransaction(db, [&] {
        return select::insertListedSet(db, {"Served", "Server/Cloud", {8, 3}, rule, "2020-01-01"});
    });
    REQUIRE(added.ok());
    CHECK(membersOf(*project, "Served") == std::vector<std::int64_t>{3, 8});
    auto stored = select::storedSets(db);
    REQUIRE(stored.ok());
    REQUIRE(stored->size() == 1);
    CHECK(stored->front().root == "Server/Cloud");
    CHECK(stored->front().members == 2);
    CHECK(nlohmann::json::parse(stored->front().rule) == nlohmann::json::parse(rule));
    // Counted only when the selection builds a set.
    CHECK(stored->front().clauses.empty());
    CHECK(*db.queryInt("SELECT count(*) FROM change_log") == 0);

    const auto refused = [&](const select::ListedSet& set, const std::string& part) {
        auto result = sql::inTransaction(db, [&] { return select::insertListedSet(db, set); });
        REQUIRE_FALSE(result.ok());
        CHECK_THAT(result.message(), Catch::Contains(part));
        CHECK(*db.queryInt("SELECT count(*) FROM sets") == 1);
        CHECK(*db.queryInt("SELECT count(*) FROM set_members") == 2);
    };
    refused({"Served", "Mobile", {1}, "{}", "t"}, "a set named 'Served' already exists");
    refused({"Other", "Mobile", {1, 99}, "{}", "t"}, "lists post 99, which is not in the project");
    refused({"Other", "Mobile", {1, 2, 1}, "{}", "t"}, "lists post 1 twice");
    refused({"Other", "Mobile", {1}, "[]", "t"}, "its rule is not a JSON object");
    refused({"Other", "", {1}, "{}", "t"}, "needs the root category");
    refused({"", "Mobile", {1}, "{}", "t"}, "a set needs a name");
}

TEST_CASE("a cancelled selection leaves the project unchanged", "[select]") {
    test::TempDir dir;
    auto project = Project::create(dir.file("p.taxo"), "t");
    REQUIRE(project.ok());
    addPosts(*project, std::vector<TestPost>(3000, q("deploy to server", "", {"tensorflow"})));
    CancelFlag cancel{false};
    int calls = 0;
    auto report = select::selectSets(
        *project, studyRules(), {},
        [&](const Progress& progress) {
            ++calls;
            CHECK(progress.total == 3000);
            cancel = true;
        },
        &cancel);
    REQUIRE_FALSE(report.ok());
    CHECK(report.message() == kCancelledMessage);
    CHECK(calls == 1);
    CHECK(*project->db().queryInt("SELECT count(*) FROM sets") == 0);
    CHECK(*project->db().queryInt("SELECT count(*) FROM set_members") == 0);
}

// The issue's target: 100k posts in under 2 s. Hidden ("[.]"): run it on purpose with
//   taxonomist_core_tests "[.benchmark]"
// The bodies are about 1 kB of HTML with a code block, like Stack Overflow questions;
// every fourth post carries a framework tag, so the text is built for a quarter of them.
TEST_CASE("selection benchmark: 100k posts", "[.benchmark]") {
    test::TempDir dir;
    auto project = Project::create(dir.file("p.taxo"), "t");
    REQUIRE(project.ok());
    std::string body =
        "<p>I trained a model and want to deploy it on a server with &lt;docker&gt;.";
    while (body.size() < 900)
        body += " Some more words about the data, the layers and the error I get.";
    body += "</p><pre><code>model.save('x.h5')\nserver.start()</code></pre>";
    std::vector<TestPost> posts;
    for (int i = 0; i < 100000; ++i)
        posts.push_back(q("Question " + std::to_string(i), body,
                          {i % 4 == 0 ? "tensorflow" : "javascript", "python"}));
    addPosts(*project, posts);
    const auto started = std::chrono::steady_clock::now();
    double scanSeconds = 0;
    const std::clock_t cpuStarted = std::clock(); // CPU time: the test machine is shared
    auto report = select::selectSets(*project, studyRules(), {}, [&](const Progress& progress) {
        scanSeconds = progress.seconds;
    });
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const double cpuSeconds =
        static_cast<double>(std::clock() - cpuStarted) / static_cast<double>(CLOCKS_PER_SEC);
    REQUIRE(report.ok());
    CHECK(report->postsScanned == 100000);
    CHECK(report->sets[0].members == 25000);
    WARN("selectSets on 100k posts: " << seconds << " s in all, " << scanSeconds
                                      << " s to the last progress report of the scan, "
                                      << cpuSeconds << " s of CPU");
    CHECK(cpuSeconds < 2.0); // wall time is reported, not checked: it follows the load

    // Statistics over the same 100k questions, with the sets just built.
    const auto statsStarted = std::chrono::steady_clock::now();
    const std::clock_t statsCpuStarted = std::clock();
    auto statistics = stats::computeStats(*project);
    const double statsSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - statsStarted).count();
    const double statsCpuSeconds =
        static_cast<double>(std::clock() - statsCpuStarted) / static_cast<double>(CLOCKS_PER_SEC);
    REQUIRE(statistics.ok());
    WARN("computeStats on 100k posts: " << statsSeconds << " s in all, " << statsCpuSeconds
                                        << " s of CPU");
    CHECK(statsCpuSeconds < 2.0);
}
