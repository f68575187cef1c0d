// One coder's codings from another tool into a round (taxo import PROJECT FILE.qdpx
// --as-coder NAME --round ROUND): hand-written files in the shapes QualCoder and MAXQDA
// write, matched to posts and leaves; any mismatch refused with its place, nothing stored.

#include "core/store/statements.h"
#include "exchange_fixture.h"
#include "tests/support/study_builder.h"
#include "zip_fixture.h"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

using namespace taxo;
using namespace taxo::test;
using json = nlohmann::json;

namespace {

// The results study (so:1-10, Server/Cloud and Mobile) with a reliability round "R1"
// over so:1-4, so:7 and so:8 coded by Ann and Bob; so:3's title is not ASCII.
const std::string kCafe = "Caf\xC3\xA9 \xE2\x80\x94 na\xC3\xAFve \xF0\x9F\x98\x80 quantization";

std::string roundStudy(const TempDir& dir) {
    const auto path = dir.file("study.taxo");
    makeResultsStudy(path);
    auto project = Project::open(path);
    REQUIRE(project.ok());
    StudyBuilder study(*project);
    const auto ann = study.person("Ann");
    const auto bob = study.person("Bob");
    study.role("Ann", people::Role::Coder).role("Bob", people::Role::Coder);
    rounds::NewRound round;
    round.name = "R1";
    round.kind = rounds::RoundKind::Reliability;
    round.created = "2020-01-02";
    round.items = {1, 2, 3, 4, 7, 8};
    round.coders = {ann, bob};
    study.round(round);
    return path;
}

// A fixture folder (project.qde and its texts) as a .qdpx with lowercase sources/.
std::string qdpxOf(const TempDir& dir, const std::string& folder, const std::string& qde = {}) {
    std::vector<std::pair<std::string, std::string>> entries = {
        {"project.qde", qde.empty() ? readFile(fixture("qdpx/" + folder + "/project.qde")) : qde}};
    for (const auto& file :
         std::filesystem::directory_iterator(std::filesystem::path(fixture("qdpx/" + folder)))) {
        if (file.path().extension() == ".txt")
            entries.emplace_back("sources/" + file.path().filename().string(),
                                 readFile(file.path().string()));
    }
    const auto out =
        dir.file(folder + std::to_string(entries.size()) + "-" +
                 std::to_string(std::hash<std::string>()(entries[0].second)) + ".qdpx");
    writeFile(out, zipOf(entries));
    return out;
}

// Each label of the round's coder as "so:ID categories|special|note".
std::vector<std::string> labelsOf(const std::string& path, const std::string& coder) {
    auto project = Project::open(path, Project::Access::ReadOnly);
    REQUIRE(project.ok());
    auto rows = sql::queryRows<std::string>(
        project->db(),
        "SELECT p.source || ':' || p.source_id || ' ' || ifnull((SELECT group_concat(c.name, "
        "'+') FROM (SELECT c.name FROM label_categories lc JOIN categories c ON c.id = "
        "lc.category_id WHERE lc.label_id = l.id ORDER BY c.name) c), '') || '|' || "
        "ifnull(l.special, '') || '|' || l.note FROM labels l JOIN posts p ON p.id = l.post_id "
        "JOIN people pe ON pe.id = l.coder_id JOIN rounds r ON r.id = l.round_id "
        "WHERE pe.name = ? AND r.name = 'R1' ORDER BY p.id",
        [](sql::Statement& row) { return row.columnText(0); }, coder);
    REQUIRE(rows.ok());
    return *rows;
}

std::map<std::string, std::vector<std::string>> everything(const std::string& path) {
    auto project = Project::open(path, Project::Access::ReadOnly);
    REQUIRE(project.ok());
    return dumpAll(project->db());
}

} // namespace

TEST_CASE("Qdpx coder: a QualCoder file becomes a coder's labels in a round", "[qdpx][coder]") {
    TempDir dir;
    const auto path = roundStudy(dir);
    {
        auto project = Project::open(path);
        REQUIRE(project.ok());
        REQUIRE(project->db()
                    .exec("UPDATE posts SET title = '" + kCafe + "' WHERE source_id = '3'")
                    .ok());
    }
    // The file names its source by the title: the non-ASCII one matches too.
    auto qde = readFile(fixture("qdpx/qualcoder/project.qde"));
    qde = std::regex_replace(qde, std::regex("name=\"post so:3\""), "name=\"" + kCafe + "\"");
    {
        auto project = Project::open(path);
        REQUIRE(project.ok());
        REQUIRE(project->db()
                    .exec("UPDATE posts SET body = '<p>Exporting and quantizing a model: which "
                          "comes first?</p>' WHERE source_id = '2'")
                    .ok());
    }
    const auto file = qdpxOf(dir, "qualcoder", qde);
    const auto outcome = runCli({"import", path, file, "--as-coder", "Ann", "--round", "R1"});
    INFO(outcome.err);
    REQUIRE(outcome.code == 0);
    CHECK(outcome.out.find("Imported 3 labels of Ann into round R1 from 4 codings by default") !=
          std::string::npos);
    CHECK(outcome.out.find("3 of the round's 6 posts have no label of Ann yet") !=
          std::string::npos);
    // A selection over a part of the text codes the whole post, as a label does.
    CHECK(labelsOf(path, "Ann") == std::vector<std::string>{"so:1 Procedure||",
                                                            "so:2 Procedure+Quantization||",
                                                            "so:3 Quantization||"});
    // ... and is a quote of its category where the passage lies in the post: so:2's body.
    CHECK(outcome.out.find("1 coded passages became quotes") != std::string::npos);
    {
        auto project = Project::open(path, Project::Access::ReadOnly);
        REQUIRE(project.ok());
        CHECK(*project->db().queryText(
                  "SELECT c.name || '|' || q.part || '|' || q.quoted_text FROM label_quotes q "
                  "JOIN categories c ON c.id = q.category_id") == "Quantization|body|quantizing");
    }
    CHECK(labelsOf(path, "Bob").empty());

    // Again for the same coder: refused, never replacing the labels.
    const auto before = everything(path);
    const auto again = runCli({"import", path, file, "--as-coder", "Ann", "--round", "R1"});
    CHECK(again.code != 0);
    CHECK(again.err.find("'Ann' already has 3 labels in round 'R1'") != std::string::npos);
    CHECK(everything(path) == before);
}

TEST_CASE("Qdpx coder: a MAXQDA file with two users takes the one named", "[qdpx][coder]") {
    TempDir dir;
    const auto path = roundStudy(dir);
    const auto file = qdpxOf(dir, "maxqda");
    const auto before = everything(path);
    const auto mixed = runCli({"import", path, file, "--as-coder", "Bob", "--round", "R1"});
    CHECK(mixed.code != 0);
    CHECK(mixed.err.find(file + ": the file holds the codings of several users: Ann M (3 "
                                "codings), Reviewer (1 coding); choose") != std::string::npos);
    CHECK(everything(path) == before);

    const auto unknown =
        runCli({"import", path, file, "--as-coder", "Bob", "--round", "R1", "--user", "Nobody"});
    CHECK(unknown.code != 0);
    CHECK(unknown.err.find("no User named 'Nobody'") != std::string::npos);

    const auto outcome = runCli(
        {"import", path, file, "--as-coder", "Bob", "--round", "R1", "--user", "Ann M", "--json"});
    INFO(outcome.err);
    REQUIRE(outcome.code == 0);
    const auto report = json::parse(outcome.out);
    CHECK(report["labels"] == 3);
    CHECK(report["codings"] == 3);
    CHECK(report["user"] == "Ann M");
    CHECK(report["other_users"] == json::array({"Reviewer (1 coding)"}));
    // Codings without creatingUser are their selection's user's; the memo is the note.
    CHECK(labelsOf(path, "Bob") ==
          std::vector<std::string>{"so:4 Format||asks for the \xC2\xABinstances\xC2\xBB form",
                                   "so:7 TFLite||", "so:8 |unclear|"});
}

TEST_CASE("Qdpx coder: every mismatch is listed with its place and nothing is stored",
          "[qdpx][coder]") {
    TempDir dir;
    const auto path = roundStudy(dir);
    const auto before = everything(path);
    const auto original = readFile(fixture("qdpx/maxqda/project.qde"));
    const auto refused = [&](const std::string& qde, const std::vector<std::string>& args = {}) {
        const auto file = qdpxOf(dir, "maxqda", qde);
        std::vector<std::string> words = {"import",  path, file,     "--as-coder", "Bob",
                                          "--round", "R1", "--user", "Ann M"};
        words.insert(words.end(), args.begin(), args.end());
        const auto outcome = runCli(words);
        CHECK(outcome.code != 0);
        CHECK(outcome.err.find(file + ": ") != std::string::npos);
        CHECK(everything(path) == before);
        return outcome.err;
    };
    // The offsets count code points: 95 is so:4's length in bytes, past its 91 characters.
    auto err = refused(
        std::regex_replace(original, std::regex("endPosition=\"91\""), "endPosition=\"95\""));
    CHECK(err.find("project.qde line 33: the selection 0-95 of 'post so:4' lies outside its text "
                   "(91 characters)") != std::string::npos);
    // A code that is an inner category, a post that is not in the round, and a post the
    // project does not hold: all three listed at once.
    auto broken = std::regex_replace(original, std::regex("name=\"TFLite\""), "name=\"ONNX\"");
    broken = std::regex_replace(broken, std::regex("c1000000-0000-4000-8000-000000000008\"/>"),
                                "c1000000-0000-4000-8000-000000000002\"/>");
    broken = std::regex_replace(broken, std::regex("<TextValue>4</TextValue>"),
                                "<TextValue>9</TextValue>");
    broken = std::regex_replace(broken, std::regex("<TextValue>7</TextValue>"),
                                "<TextValue>777</TextValue>");
    err = refused(broken);
    INFO(err);
    CHECK(err.find("nothing was imported; 3 problems:") != std::string::npos);
    CHECK(err.find("project.qde line 32: post \xE2\x80\x9Cpost so:9\xE2\x80\x9D (so:9) is not an "
                   "item of round 'R1'") != std::string::npos);
    CHECK(err.find("the source 'post so:7' is the post so:777, which the project does not hold") !=
          std::string::npos);
    CHECK(err.find("project.qde line 13: the code 'Server/Cloud > Request' is a category with "
                   "subcategories") != std::string::npos);
    CHECK(err.find("(a root or an inner category); a label holds leaves only") !=
          std::string::npos);
    // so:7 is unmatched, so its ONNX coding is never looked up; a matched source's is:
    broken = std::regex_replace(original, std::regex("name=\"Format\""), "name=\"JSON\"");
    err = refused(broken);
    CHECK(err.find("project.qde line 14: the code 'Server/Cloud > Request > JSON' is no category "
                   "of the codebook") != std::string::npos);
    // A category and a special value on one post: saveLabel's rule, with the place.
    broken = std::regex_replace(original, std::regex("<NoteRef "),
                                "<Coding guid=\"e1000000-0000-4000-8000-0000000000ff\"><CodeRef "
                                "targetGUID=\"c1000000-0000-4000-8000-000000000008\"/></Coding>"
                                "<NoteRef ");
    err = refused(broken);
    CHECK(err.find("nothing was imported; 1 problem:\n  project.qde line 32: ") !=
          std::string::npos);
    // A broken zip.
    const auto zip = dir.file("broken.qdpx");
    writeFile(zip, "PK\x03\x04 not a zip");
    const auto outcome =
        runCli({"import", path, zip, "--as-coder", "Bob", "--round", "R1", "--user", "Ann M"});
    CHECK(outcome.code != 0);
    CHECK(outcome.err.find("broken.qdpx") != std::string::npos);
    CHECK(everything(path) == before);
    // The round and the coder must exist, and the coder be the round's.
    const auto good = qdpxOf(dir, "maxqda");
    for (const auto& [coder, round, expected] :
         std::vector<std::tuple<std::string, std::string, std::string>>{
             {"Bob", "R9", "the project has no round 'R9'"},
             {"Zoe", "R1", "'Zoe' is not a coder of round 'R1' (its coders: Ann, Bob)"}}) {
        const auto wrong = runCli(
            {"import", path, good, "--as-coder", coder, "--round", round, "--user", "Ann M"});
        CHECK(wrong.code != 0);
        CHECK(wrong.err.find(expected) != std::string::npos);
    }
    CHECK(everything(path) == before);
}
