// Control characters from data: the CSV, JSON Lines and exchange readers refuse every
// C0 control but tab and line breaks, naming file and place; and the command line
// shows text from a project without any control character, whatever the project holds.

#include "core/exchange/exchange.h"
#include "core/store/statements.h"
#include "core/util/text_rules.h"
#include "exchange_fixture.h"
#include "import_helpers.h"
#include "tests/support/study_builder.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace taxo;
using namespace taxo::test;

namespace {

void checkRefused(Project& project, const std::string& path, const std::string& where,
                  const std::string& says) {
    const auto before = snapshot(project);
    auto report = corpus::importSources(project, {path}, corpus::ImportOptions{});
    REQUIRE_FALSE(report.ok());
    INFO(report.message());
    CHECK_THAT(report.message(), Catch::Contains(where) && Catch::Contains(says));
    CHECK(snapshot(project) == before);
}

bool holdsControl(const std::string& text) {
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && c != '\n') || byte == 0x7f)
            return true;
    }
    return false;
}

} // namespace

TEST_CASE("CSV and JSON Lines refuse ESC, BEL and other C0 controls, naming the line",
          "[import][hostile][control]") {
    TempDir dir;
    auto project = newProject(dir);
    importOk(project, {fixture("import/posts.csv")});
    const auto csv = dir.file("esc.csv");
    writeFile(csv, "id,title,body\n9,ok,fine\n10,\"evil\x1b]0;pwned\x07\",body\n");
    checkRefused(project, csv, "esc.csv line 3: ", "control character ESC (0x1B) in the title");
    const auto bel = dir.file("bel.csv");
    writeFile(bel, "id,title,body\n9,ok,\"a\x07 b\"\n");
    checkRefused(project, bel, "bel.csv line 2: ", "control character BEL (0x07) in the body");
    const auto jsonl = dir.file("esc.jsonl");
    writeFile(jsonl, "{\"id\": \"11\", \"title\": \"t\", \"body\": \"b\"}\n"
                     "{\"id\": \"12\", \"title\": \"t\\u001b[31mx\", \"body\": \"b\"}\n");
    checkRefused(project, jsonl, "esc.jsonl line 2: ", "control character ESC (0x1B)");
    // Tab and line breaks stay allowed.
    const auto fine = dir.file("fine.csv");
    writeFile(fine, "id,title,body\n20,\"a\tb\",\"line\r\nbreak\"\n");
    importOk(project, {fine});
}

TEST_CASE("the exchange reader refuses a NUL or ESC inside a title, as JSON Lines does",
          "[exchange][hostile][control]") {
    for (const std::string& bad : {std::string(1, '\0'), std::string("\x1b[2J")}) {
        TempDir dir;
        auto document = nlohmann::json::parse(
            readFile(std::string(TAXONOMIST_SOURCE_DIR) + "/docs/examples/exchange-small.json"));
        document["items"][0]["title"] = "How to " + bad + "process";
        const auto path = dir.file("doc.json");
        writeFile(path, document.dump(2));
        auto project = Project::create(dir.file("p.taxo"), "p");
        REQUIRE(project.ok());
        const auto before = dumpAll(project->db());
        auto counts = exchange::importFile(*project, path);
        REQUIRE_FALSE(counts.ok());
        INFO(counts.message());
        CHECK_THAT(counts.message(), Catch::Contains("doc.json: at /items/0/title: "));
        CHECK_THAT(counts.message(),
                   Catch::Contains(bad[0] == '\0' ? "NUL byte (0x00)" : "ESC (0x1B)"));
        CHECK(dumpAll(project->db()) == before);
    }
}

TEST_CASE("printable shows every control character as a visible escape", "[cli][control]") {
    CHECK(printable("a\x1b[31mb\x07") == "a\\x1b[31mb\\x07");
    CHECK(printable("line\nbreak\ttab\x7f") == "line\\x0abreak\\x09tab\\x7f");
    CHECK(printableLines("line\nbreak\r") == "line\nbreak\\x0d");
    CHECK(printable("C1 \xc2\x9b"
                    "31m") == "C1 \\u009b31m");
    CHECK(printable("bad \xff byte") == "bad \xef\xbf\xbd byte");
    CHECK(printable("caf\xc3\xa9 \xe2\x9c\x93") == "caf\xc3\xa9 \xe2\x9c\x93");
}

TEST_CASE("taxo screening report and info never print a stored control character",
          "[cli][control][screening]") {
    TempDir dir;
    const auto path = dir.file("study.taxo");
    makeStudy(path, {{"Browser", numberedItems(2)}});
    for (const char* name : {"Ann", "Bo"})
        REQUIRE(runCli({"people", "add", path, name, "--role", "coder"}).code == 0);
    REQUIRE(runCli({"screening", "create", path, "--set", "Browser", "--coders", "Ann,Bo"}).code ==
            0);
    REQUIRE(runCli({"screening", "mark", path, "--coder", "Ann", "--posts", "so:1,so:2",
                    "--irrelevant"})
                .code == 0);
    REQUIRE(
        runCli({"screening", "mark", path, "--coder", "Bo", "--posts", "so:1,so:2", "--relevant"})
            .code == 0);
    {
        // Written straight into the project, as a file from elsewhere could hold it.
        auto project = Project::open(path);
        REQUIRE(project.ok());
        auto& db = project->db();
        REQUIRE(sql::runBound(db, "UPDATE posts SET title = ? WHERE source_id = '1'",
                              std::string("evil\x1b]0;pwned\x07 title\x1b[31m"))
                    .ok());
        REQUIRE(sql::runBound(db, "UPDATE people SET name = ? WHERE name = 'Bo'",
                              std::string("B\x1b[2Jo"))
                    .ok());
        REQUIRE(sql::runBound(db, "UPDATE meta SET value = ? WHERE key = 'title'",
                              std::string("Study\x07\x1b[8m"))
                    .ok());
    }
    const auto report = runCli({"screening", "report", path});
    INFO(report.err);
    REQUIRE(report.code == 0);
    CHECK_FALSE(holdsControl(report.out));
    CHECK_THAT(report.out, Catch::Contains("evil\\x1b]0;pwned\\x07 title\\x1b[31m"));
    CHECK_THAT(report.out, Catch::Contains("B\\x1b[2Jo marked"));
    const auto info = runCli({"info", path});
    REQUIRE(info.code == 0);
    CHECK_FALSE(holdsControl(info.out));
    CHECK_THAT(info.out, Catch::Contains("Study\\x07\\x1b[8m"));
    const auto rounds = runCli({"round", "list", path});
    REQUIRE(rounds.code == 0);
    CHECK_FALSE(holdsControl(rounds.out));
    // A message quoting a name from data is shown the same way.
    const auto refused = runCli(
        {"screening", "mark", path, "--coder", "Nobody\x1b[2J", "--posts", "so:1", "--relevant"});
    CHECK(refused.code == 1);
    CHECK_FALSE(holdsControl(refused.err));
}

TEST_CASE("a refused byte is named whole in the message", "[hostile][control]") {
    CHECK(taxo::describeControl(0x1B) == "the control character ESC (0x1B)");
    CHECK(taxo::describeControl(0x00) == "a NUL byte (0x00)");
    CHECK(taxo::describeControl(0xC3) == "the byte 0xC3");
    CHECK(taxo::describeControl(0x7F) == "the byte 0x7F");
}
