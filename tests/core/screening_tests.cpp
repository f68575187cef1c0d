// Screening rounds: marks, Cohen's kappa, both-irrelevant removal, the lead's
// decisions, the refusals, the CLI and the migration of a version-1 file.

#include "core/corpus/post_entry.h"
#include "core/labels/labels.h"
#include "core/people/people.h"
#include "core/project/project.h"
#include "core/rounds/rounds.h"
#include "core/sampling/sampling.h"
#include "core/screening/screening.h"
#include "core/select/selection.h"
#include "core/store/schema.h"
#include "core/store/statements.h"
#include "tests/support/study_builder.h"
#include "tests/support/test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using taxo::Project;
using taxo::test::makeStudy;
using taxo::test::numberedItems;
using taxo::test::runCli;
namespace screening = taxo::screening;

namespace {

nlohmann::json parse(const std::string& text) {
    INFO(text);
    return nlohmann::json::parse(text);
}

std::int64_t personId(Project& project, const std::string& name) {
    auto id = taxo::people::findPerson(project.db(), name);
    REQUIRE(id.ok());
    return *id;
}

std::int64_t postId(Project& project, int number) {
    auto id = screening::resolvePost(project.db(), "so:" + std::to_string(number));
    REQUIRE(id.ok());
    return *id;
}

taxo::Result<taxo::sampling::StoredSample> sampleAll(Project& project) {
    taxo::sampling::SampleRequest request;
    request.setName = "Browser";
    request.method = taxo::sampling::SizeMethod::All;
    request.seed = "1";
    return taxo::sampling::drawAndStore(project, request);
}

std::int64_t count(Project& project, const std::string& sql) {
    auto value = project.db().queryInt(sql);
    REQUIRE(value.ok());
    return *value;
}

// A study with one set of `posts` posts, coders Ann and Bo, lead Lee, and the
// set's screening round.
struct ScreeningStudy {
    taxo::test::TempDir dir;
    std::string path = dir.file("study.taxo");
    explicit ScreeningStudy(int posts) {
        makeStudy(path, {{"Browser", numberedItems(posts)}});
        auto project = Project::open(path);
        REQUIRE(project.ok());
        using taxo::people::Role;
        REQUIRE(taxo::people::addRole(*project, "Ann", Role::Coder));
        REQUIRE(taxo::people::addRole(*project, "Bo", Role::Coder));
        REQUIRE(taxo::people::addRole(*project, "Cy", Role::Coder));
        REQUIRE(taxo::people::addRole(*project, "Lee", Role::Lead));
        auto created = screening::createRound(*project, {"Browser", {"Ann", "Bo"}, ""});
        REQUIRE(created.ok());
        CHECK(created->name == "Browser screening");
        CHECK(created->items == posts);
    }
};

// Marks posts first..last (1-based, inclusive) for one coder in one call.
void mark(Project& project, const std::string& coder, int first, int last, bool relevant) {
    auto round = screening::findRound(project.db());
    REQUIRE(round.ok());
    std::vector<screening::MarkChange> changes;
    for (int i = first; i <= last; ++i)
        changes.push_back({postId(project, i), relevant});
    auto done = screening::setMarks(project.db(), round->id, personId(project, coder), changes);
    INFO((done ? std::string() : done.message()));
    REQUIRE(done.ok());
}

} // namespace

TEST_CASE("screening kappa on a table like the study's browser screening", "[screening]") {
    // The study screened 576 browser candidates with kappa = 0.894 and kept 165. It
    // prints no table; this one reproduces both numbers: both relevant 152, Ann
    // relevant and Bo irrelevant 12, the reverse 13, both irrelevant 399. Reference:
    // statsmodels 0.13.5 (Debian python3-statsmodels),
    // statsmodels.stats.inter_rater.cohens_kappa(np.array([[152, 12], [13, 399]])):
    // kappa 0.8936358801630917, std_kappa 0.020783264929456573, std_kappa0
    // 0.04166628955409378, kappa_low 0.8529014294202024, kappa_upp 0.934370330905981.
    // By hand: po = 551/576, pe = (164*165 + 412*411)/576^2, kappa = (po-pe)/(1-pe).
    ScreeningStudy study(576);
    auto project = Project::open(study.path);
    REQUIRE(project.ok());
    mark(*project, "Ann", 1, 152, true);
    mark(*project, "Bo", 1, 152, true);
    mark(*project, "Ann", 153, 164, true); // 12: Ann relevant, Bo irrelevant
    mark(*project, "Bo", 153, 164, false);
    mark(*project, "Ann", 165, 177, false); // 13: Ann irrelevant, Bo relevant
    mark(*project, "Bo", 165, 177, true);
    mark(*project, "Ann", 178, 576, false); // 399 both irrelevant
    mark(*project, "Bo", 178, 576, false);

    auto round = screening::findRound(project->db());
    REQUIRE(round.ok());
    auto report = screening::report(project->db(), round->id);
    REQUIRE(report.ok());
    CHECK(report->n == 576);
    CHECK(report->a.name == "Ann");
    CHECK(report->a.marked == 576);
    CHECK(report->a.relevant == 164);
    CHECK(report->b.relevant == 165);
    REQUIRE(report->kappa.kappa.has_value());
    CHECK(*report->kappa.kappa == Approx(0.8936358801630917).epsilon(1e-12));
    CHECK(*report->kappa.standardError == Approx(0.020783264929456573).epsilon(1e-10));
    CHECK(*report->kappa.standardErrorNull == Approx(0.04166628955409378).epsilon(1e-10));
    CHECK(*report->kappa.ciLow == Approx(0.8529014294202024).epsilon(1e-10));
    CHECK(*report->kappa.ciHigh == Approx(0.934370330905981).epsilon(1e-10));
    CHECK(report->bothRelevant == 152);
    CHECK(report->bothIrrelevant == 399);
    CHECK(report->disagreements == 25);
    CHECK(report->decided == 0);
    CHECK(report->excluded == 399);
    CHECK(report->setPosts == 177);
    CHECK_FALSE(report->complete());

    // Sampling waits for the screening.
    auto early = sampleAll(*project);
    REQUIRE_FALSE(early.ok());
    CHECK_THAT(early.message(), Catch::Contains("25 disagreements await the lead's decision"));

    const auto lee = personId(*project, "Lee");
    for (int i = 153; i <= 177; ++i) {
        // The study kept 165: the lead takes Bo's side on all 25.
        auto decided = screening::setDecision(project->db(), round->id, postId(*project, i),
                                              screening::DecisionInput{lee, i >= 165, "discussed"});
        REQUIRE(decided.ok());
        CHECK_FALSE(decided->has_value());
    }
    report = screening::report(project->db(), round->id);
    REQUIRE(report.ok());
    CHECK(report->decided == 25);
    CHECK(report->complete());
    CHECK(report->relevant == 165);
    CHECK(report->irrelevant == 411);
    CHECK(report->setPosts == 165);
    CHECK(count(*project, "SELECT count(*) FROM set_exclusions WHERE reason = 'lead'") == 12);
    CHECK(count(*project, "SELECT count(*) FROM posts") == 576);

    // Then the screened set is sampled whole: the study's 165 browser posts.
    auto sampled = sampleAll(*project);
    INFO((sampled ? std::string() : sampled.message()));
    REQUIRE(sampled.ok());
    CHECK(sampled->size == 165);
    CHECK(sampled->population == 165);
}

TEST_CASE("posts both coders mark irrelevant leave the set, reversibly and logged", "[screening]") {
    ScreeningStudy study(6);
    auto project = Project::open(study.path);
    REQUIRE(project.ok());
    auto round = screening::findRound(project->db());
    REQUIRE(round.ok());
    const auto logBefore = count(*project, "SELECT count(*) FROM change_log");
    mark(*project, "Ann", 1, 2, false);
    CHECK(count(*project, "SELECT count(*) FROM set_members") == 6); // one mark is not a ruling
    mark(*project, "Bo", 1, 2, false);
    CHECK(count(*project, "SELECT count(*) FROM set_members") == 4);
    CHECK(count(*project, "SELECT count(*) FROM set_exclusions WHERE reason = 'both_irrelevant'") ==
          2);
    CHECK(count(*project, "SELECT count(*) FROM change_log WHERE action = 'screening.exclude' AND "
                          "json_extract(details, '$.item') = 'so:1'") == 1);
    CHECK(count(*project, "SELECT count(*) FROM posts") == 6);

    // Bo changes his mind on so:1: it is back in the set, and the log says so.
    mark(*project, "Bo", 1, 1, true);
    CHECK(count(*project, "SELECT count(*) FROM set_members") == 5);
    CHECK(count(*project, "SELECT count(*) FROM change_log WHERE action = 'screening.restore'") ==
          1);
    // Clearing a mark (the undo of a first mark) also brings the post back.
    auto cleared = screening::setMarks(project->db(), round->id, personId(*project, "Ann"),
                                       {{postId(*project, 2), std::nullopt}});
    REQUIRE(cleared.ok());
    REQUIRE(cleared->size() == 1);
    CHECK(cleared->at(0) == std::optional<bool>(false));
    CHECK(count(*project, "SELECT count(*) FROM set_members") == 6);
    CHECK(count(*project, "SELECT count(*) FROM set_exclusions") == 0);
    CHECK(count(*project, "SELECT count(*) FROM change_log") > logBefore);

    // Blind: a coder's rows carry only that coder's marks.
    auto rows = screening::marksForCoder(project->db(), round->id, personId(*project, "Ann"));
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 6);
    CHECK(rows->at(0).relevant == std::optional<bool>(false));
    CHECK_FALSE(rows->at(1).relevant.has_value());
    CHECK_FALSE(rows->at(2).relevant.has_value());
}

TEST_CASE("the selection keeps screened-out posts out when it rebuilds the set",
          "[screening][select]") {
    ScreeningStudy study(5);
    auto project = Project::open(study.path);
    REQUIRE(project.ok());
    mark(*project, "Ann", 1, 1, false);
    mark(*project, "Bo", 1, 1, false);
    auto rules = taxo::select::parseRules(
        R"({"sets": [{"name": "Browser", "root": "Browser", "clauses": [{"keywords_any": ["post"]}]}]})");
    REQUIRE(rules.ok());
    auto selected = taxo::select::selectSets(*project, *rules);
    INFO((selected ? std::string() : selected.message()));
    REQUIRE(selected.ok());
    CHECK(selected->sets.at(0).members == 4);
    CHECK(selected->sets.at(0).screenedOut == 1);
    CHECK(count(*project, "SELECT count(*) FROM set_members") == 4);
    // A screened set is never dropped by rules that no longer name it.
    auto other = taxo::select::parseRules(
        R"({"sets": [{"name": "Other", "root": "Other", "clauses": [{"keywords_any": ["post"]}]}]})");
    REQUIRE(other.ok());
    auto dropped = taxo::select::selectSets(*project, *other, {true});
    REQUIRE_FALSE(dropped.ok());
    CHECK_THAT(dropped.message(), Catch::Contains("screened by round 'Browser screening'"));
}

TEST_CASE("the lead decides disagreements; decisions are checked and undone exactly",
          "[screening]") {
    ScreeningStudy study(4);
    auto project = Project::open(study.path);
    REQUIRE(project.ok());
    auto round = screening::findRound(project->db());
    REQUIRE(round.ok());
    mark(*project, "Ann", 1, 3, true);
    mark(*project, "Bo", 1, 1, false); // so:1 disagreement
    mark(*project, "Bo", 2, 2, true);  // so:2 agreement; so:3 only Ann
    const auto lee = personId(*project, "Lee");
    const auto decide = [&](int post, std::int64_t who, bool relevant) {
        return screening::setDecision(project->db(), round->id, postId(*project, post),
                                      screening::DecisionInput{who, relevant, "why"});
    };
    auto agreed = decide(2, lee, false);
    REQUIRE_FALSE(agreed.ok());
    CHECK_THAT(agreed.message(), Catch::Contains("the coders agree on post so:2"));
    auto half = decide(3, lee, false);
    REQUIRE_FALSE(half.ok());
    CHECK_THAT(half.message(), Catch::Contains("not been marked by both coders"));
    auto notLead = decide(1, personId(*project, "Ann"), false);
    REQUIRE_FALSE(notLead.ok());
    CHECK_THAT(notLead.message(), Catch::Contains("is not a lead"));

    auto first = decide(1, lee, false);
    REQUIRE(first.ok());
    CHECK(count(*project, "SELECT count(*) FROM set_exclusions WHERE reason = 'lead'") == 1);
    CHECK(count(*project, "SELECT count(*) FROM set_members") == 3);
    // A decided post's marks are frozen until the decision is withdrawn.
    auto frozen = screening::setMarks(project->db(), round->id, personId(*project, "Bo"),
                                      {{postId(*project, 1), true}});
    REQUIRE_FALSE(frozen.ok());
    CHECK_THAT(frozen.message(), Catch::Contains("withdrawn before a mark changes"));

    // Changing the decision returns the earlier one; restoring it puts it back exactly.
    auto second = decide(1, lee, true);
    REQUIRE(second.ok());
    REQUIRE(second->has_value());
    CHECK_FALSE((*second)->relevant);
    CHECK(count(*project, "SELECT count(*) FROM set_members") == 4);
    REQUIRE(screening::restoreDecision(project->db(), round->id, postId(*project, 1), *second));
    auto report = screening::report(project->db(), round->id);
    REQUIRE(report.ok());
    REQUIRE(report->items.at(0).decision.has_value());
    CHECK(report->items.at(0).decision->decided == (*second)->decided);
    CHECK(report->items.at(0).decision->rationale == "why");
    CHECK(report->items.at(0).excluded);
    // Withdrawing makes the post undecided and puts it back in the set.
    auto withdrawn =
        screening::setDecision(project->db(), round->id, postId(*project, 1), std::nullopt);
    REQUIRE(withdrawn.ok());
    CHECK(count(*project, "SELECT count(*) FROM set_members") == 4);
    CHECK(count(*project, "SELECT count(*) FROM screening_decisions") == 0);
    auto nothing =
        screening::setDecision(project->db(), round->id, postId(*project, 1), std::nullopt);
    REQUIRE_FALSE(nothing.ok());
    CHECK_THAT(nothing.message(), Catch::Contains("no decision to withdraw"));
}

TEST_CASE("screening refuses what does not fit, and changes nothing then", "[screening]") {
    ScreeningStudy study(3);
    auto project = Project::open(study.path);
    REQUIRE(project.ok());
    auto round = screening::findRound(project->db());
    REQUIRE(round.ok());
    const auto before = count(*project, "SELECT count(*) FROM change_log");

    auto second = screening::createRound(*project, {"Browser", {"Ann", "Bo"}, "again"});
    REQUIRE_FALSE(second.ok());
    CHECK_THAT(second.message(), Catch::Contains("already has a screening round"));
    auto unknown = screening::createRound(*project, {"Nope", {"Ann", "Bo"}, ""});
    REQUIRE_FALSE(unknown.ok());
    CHECK_THAT(unknown.message(), Catch::Contains("no set named 'Nope'"));

    auto stranger = screening::setMarks(project->db(), round->id, personId(*project, "Cy"),
                                        {{postId(*project, 1), true}});
    REQUIRE_FALSE(stranger.ok());
    CHECK_THAT(stranger.message(), Catch::Contains("is not a coder of round"));
    auto badPost = screening::resolvePost(project->db(), "so:99");
    REQUIRE_FALSE(badPost.ok());
    CHECK_THAT(badPost.message(), Catch::Contains("no post so:99"));
    // All or nothing: one post outside the round refuses the whole batch.
    REQUIRE(taxo::corpus::addPosts(project->db(), {{"so", "99", "x"}}).ok());
    auto mixed = screening::setMarks(project->db(), round->id, personId(*project, "Ann"),
                                     {{postId(*project, 1), true}, {postId(*project, 99), true}});
    REQUIRE_FALSE(mixed.ok());
    CHECK_THAT(mixed.message(), Catch::Contains("is not a post of round 'Browser screening'"));
    CHECK(count(*project, "SELECT count(*) FROM screening_marks") == 0);

    // A screening round takes marks, not labels.
    auto label = taxo::labels::saveLabel(
        project->db(), {round->id, postId(*project, 1), personId(*project, "Ann")},
        {{}, taxo::labels::Special::FalsePositive, "", "", ""});
    REQUIRE_FALSE(label.ok());
    CHECK_THAT(label.message(), Catch::Contains("is a screening round"));
    CHECK(count(*project, "SELECT count(*) FROM change_log") == before);

    // A coder who has marked cannot be taken off the round.
    mark(*project, "Ann", 1, 1, true);
    auto swapped = taxo::rounds::assignCoders(*project, "Browser screening", {"Cy", "Bo"});
    REQUIRE_FALSE(swapped.ok());
    CHECK_THAT(swapped.message(), Catch::Contains("Ann has 1 marks"));

    // Once the set is sampled, the screening is frozen.
    mark(*project, "Ann", 2, 3, true);
    mark(*project, "Bo", 1, 3, true);
    REQUIRE(sampleAll(*project).ok());
    auto late = screening::setMarks(project->db(), round->id, personId(*project, "Ann"),
                                    {{postId(*project, 1), false}});
    REQUIRE_FALSE(late.ok());
    CHECK_THAT(late.message(), Catch::Contains("already has a sample"));
    auto reliability = screening::findRound(project->db(), "Browser reliability");
    REQUIRE_FALSE(reliability.ok());
    CHECK_THAT(reliability.message(), Catch::Contains("is a reliability round"));
}

TEST_CASE("taxo screening create, mark, report and decide", "[screening][cli]") {
    taxo::test::TempDir dir;
    const auto path = dir.file("study.taxo");
    makeStudy(path, {{"Browser", numberedItems(4)}, {"Sampled", numberedItems(2, "csv")}});
    for (const char* name : {"Ann", "Bo"})
        REQUIRE(runCli({"people", "add", path, name, "--role", "coder"}).code == 0);
    REQUIRE(runCli({"people", "add", path, "Lee", "--role", "lead"}).code == 0);
    REQUIRE(runCli({"sample", path, "--set", "Sampled", "--all", "--seed", "1"}).code == 0);

    auto usage = runCli({"screening", "create", path, "--set", "Browser"});
    CHECK(usage.code == 2);
    CHECK_THAT(usage.err, Catch::Contains("Usage: taxo screening create"));
    auto sampled = runCli({"screening", "create", path, "--set", "Sampled", "--coders", "Ann,Bo"});
    CHECK(sampled.code == 1);
    CHECK_THAT(sampled.err, Catch::Contains("already has a sample"));
    auto one = runCli({"screening", "create", path, "--set", "Browser", "--coders", "Ann"});
    CHECK(one.code == 1);
    CHECK_THAT(one.err, Catch::Contains("exactly two coders"));

    auto created =
        runCli({"screening", "create", path, "--set", "Browser", "--coders", "Ann, Bo", "--json"});
    INFO(created.err);
    REQUIRE(created.code == 0);
    CHECK(parse(created.out) == nlohmann::json::parse(
                                    R"({"round": "Browser screening", "set": "Browser",
                                        "items": 4, "coders": ["Ann", "Bo"]})"));

    auto both = runCli({"screening", "mark", path, "--coder", "Ann", "--posts", "so:1,so:2",
                        "--relevant", "--irrelevant"});
    CHECK(both.code == 2);
    auto marked = runCli({"screening", "mark", path, "--coder", "Ann", "--posts",
                          "so:1,so:2,so:3,so:4", "--irrelevant", "--json"});
    INFO(marked.err);
    REQUIRE(marked.code == 0);
    CHECK(parse(marked.out)["marked"] == 4);
    REQUIRE(
        runCli({"screening", "mark", path, "--coder", "Bo", "--posts", "so:1,so:2", "--irrelevant"})
            .code == 0);
    REQUIRE(
        runCli({"screening", "mark", path, "--coder", "Bo", "--posts", "so:3,so:4", "--relevant"})
            .code == 0);

    auto decided = runCli({"screening", "decide", path, "--post", "so:3", "--lead", "Lee",
                           "--relevant", "--rationale", "about deployment", "--json"});
    INFO(decided.err);
    REQUIRE(decided.code == 0);
    CHECK(parse(decided.out)["relevant"] == true);
    auto byCoder =
        runCli({"screening", "decide", path, "--post", "so:4", "--lead", "Ann", "--irrelevant"});
    CHECK(byCoder.code == 1);
    CHECK_THAT(byCoder.err, Catch::Contains("Ann is not a lead"));
    auto withdrawByCoder =
        runCli({"screening", "decide", path, "--post", "so:3", "--lead", "Bo", "--withdraw"});
    CHECK(withdrawByCoder.code == 1);
    CHECK_THAT(withdrawByCoder.err, Catch::Contains("Bo is not a lead"));

    auto report = runCli({"screening", "report", path, "--json"});
    INFO(report.err);
    REQUIRE(report.code == 0);
    const auto json = parse(report.out);
    // Table: both irrelevant 2, Ann irrelevant / Bo relevant 2. po = 0.5, pe = 0.5
    // (Ann always irrelevant), so kappa = 0: statsmodels cohens_kappa([[0, 0], [2, 2]])
    // gives kappa 0.0 as well.
    CHECK(json["n"] == 4);
    CHECK(json["kappa"] == Approx(0.0).margin(1e-12));
    CHECK(json["observed"] == Approx(0.5));
    CHECK(json["both_irrelevant"] == 2);
    CHECK(json["both_irrelevant_posts"] == nlohmann::json::parse(R"(["so:1", "so:2"])"));
    CHECK(json["disagreements"] == 2);
    CHECK(json["decided"] == 1);
    CHECK(json["undecided"] == 1);
    CHECK(json["excluded"] == 2);
    CHECK(json["set_posts"] == 2);
    CHECK(json["complete"] == false);
    REQUIRE(json["disagreement_posts"].size() == 2);
    CHECK(json["disagreement_posts"][0]["item"] == "so:3");
    CHECK(json["disagreement_posts"][0]["decision"]["lead"] == "Lee");
    CHECK(json["disagreement_posts"][0]["decision"]["rationale"] == "about deployment");
    CHECK(json["disagreement_posts"][1]["decision"].is_null());
    CHECK(json["coders"][0] ==
          nlohmann::json::parse(R"({"name": "Ann", "marked": 4, "relevant": 0})"));

    auto text = runCli({"screening", "report", path});
    REQUIRE(text.code == 0);
    CHECK_THAT(text.out, Catch::Contains("to decide: post"));
    CHECK_THAT(text.out, Catch::Contains("(so:4)"));
    auto listed = runCli({"round", "list", path});
    CHECK_THAT(listed.out, Catch::Contains("Ann: 4 of 4 marked"));

    auto rounds = runCli({"round", "list", path, "--json"});
    REQUIRE(rounds.code == 0);
    const auto list = parse(rounds.out)["rounds"];
    const auto screened = std::find_if(
        list.begin(), list.end(), [](const nlohmann::json& r) { return r["kind"] == "screening"; });
    REQUIRE(screened != list.end());
    CHECK((*screened)["set"] == "Browser");
    CHECK((*screened)["coders"][0]["labels"] == 4); // progress counts marks
}

TEST_CASE("a version-1 project is migrated to screening's schema with its data",
          "[screening][migration]") {
    taxo::test::TempDir dir;
    // Rebuild the file as version 1 wrote it: the same meta rows, the version-1 tables.
    {
        auto db =
            taxo::sql::Database::open(dir.file("v1-built.taxo"), taxo::sql::Database::Mode::Create);
        REQUIRE(db.ok());
        REQUIRE(taxo::schema::createVersionZero(*db));
        REQUIRE(db->exec("INSERT INTO meta VALUES ('project_id', "
                         "'6f1c0c9e-0000-4000-8000-000000000002'), ('title', 'Old'), "
                         "('created', '2020-01-01')"));
        REQUIRE(taxo::schema::migrate(*db, 0, 1));
        REQUIRE(db->exec("INSERT INTO sets(name, root_name, created) VALUES ('S', 'S', 'x');"
                         "INSERT INTO posts(source, source_id) VALUES ('so', '1');"
                         "INSERT INTO set_members VALUES (1, 1);"
                         "INSERT INTO rounds(name, kind, state, created) VALUES ('r', "
                         "'reliability', 'open', 'x');"));
        CHECK(*db->queryInt("PRAGMA user_version") == 1);
    }
    const auto old = dir.file("v1-built.taxo");
    auto project = Project::open(old);
    INFO((project ? std::string() : project.message()));
    REQUIRE(project.ok());
    CHECK(project->migrationBackup() == old + ".schema-v1.bak");
    auto info = project->info();
    REQUIRE(info.ok());
    CHECK(info->schemaVersion == taxo::schema::kCurrentVersion);
    CHECK(count(*project, "SELECT count(*) FROM set_members") == 1);
    CHECK(count(*project, "SELECT count(*) FROM rounds WHERE set_id IS NULL") == 1);
    CHECK(count(*project, "SELECT count(*) FROM screening_marks") == 0);
    CHECK(count(*project, "SELECT count(*) FROM set_exclusions") == 0);
    auto backup = taxo::probeProjectFile(project->migrationBackup());
    REQUIRE(backup.ok());
    CHECK(backup->userVersion == 1);
}

TEST_CASE("a role is taken back exactly, and never while it is in use", "[screening][people]") {
    ScreeningStudy study(2);
    auto project = Project::open(study.path);
    REQUIRE(project.ok());
    using taxo::people::Role;
    const auto people = count(*project, "SELECT count(*) FROM people");
    REQUIRE(taxo::people::addRole(*project, "Dee", Role::Coder));
    REQUIRE(taxo::people::removeRole(*project, "Dee", Role::Coder));
    CHECK(count(*project, "SELECT count(*) FROM people") == people); // the new person goes too
    REQUIRE(taxo::people::addRole(*project, "Ann", Role::Lead));
    REQUIRE(taxo::people::removeRole(*project, "Ann", Role::Lead));
    CHECK(count(*project, "SELECT count(*) FROM people WHERE name = 'Ann'") == 1);
    auto busy = taxo::people::removeRole(*project, "Ann", Role::Coder);
    REQUIRE_FALSE(busy.ok());
    CHECK_THAT(busy.message(), Catch::Contains("Ann codes in a round"));
    auto absent = taxo::people::removeRole(*project, "Lee", Role::Coder);
    REQUIRE_FALSE(absent.ok());
    CHECK_THAT(absent.message(), Catch::Contains("Lee is not a coder"));
    CHECK(count(*project, "SELECT count(*) FROM change_log WHERE action = 'person.remove_role'") ==
          2);
}
