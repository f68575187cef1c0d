#include "cli/command.h"
#include "tests/support/test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

namespace {

struct Outcome {
    int code;
    std::string out;
    std::string err;
};

Outcome runTaxo(const std::vector<std::string>& words) {
    std::ostringstream out, err;
    taxo::cli::Io io{out, err, false};
    const int code = taxo::cli::run(words, io);
    return {code, out.str(), err.str()};
}

} // namespace

TEST_CASE("taxo init then info --json reports the current schema version", "[cli]") {
    taxo::test::TempDir dir;
    const auto path = dir.file("p.taxo");
    auto init = runTaxo({"init", path, "--title", "Deploying DL software"});
    REQUIRE(init.code == 0);
    auto info = runTaxo({"info", path, "--json"});
    REQUIRE(info.code == 0);
    const auto json = nlohmann::json::parse(info.out);
    CHECK(json["schema_version"] == 7);
    CHECK(json["title"] == "Deploying DL software");
    CHECK(json["id"].get<std::string>().size() == 36);
    for (const char* key : {"posts", "sets", "categories", "labels", "people"})
        CHECK(json["counts"][key] == 0);
    CHECK(info.out.find("\"schema_version\": 7") != std::string::npos);
}

TEST_CASE("taxo init uses the file name as the default title", "[cli]") {
    taxo::test::TempDir dir;
    REQUIRE(runTaxo({"init", dir.file("my-study.taxo")}).code == 0);
    auto info = runTaxo({"info", dir.file("my-study.taxo"), "--json"});
    CHECK(nlohmann::json::parse(info.out)["title"] == "my-study");
}

TEST_CASE("taxo info on random bytes exits 1 and leaves the file unchanged", "[cli]") {
    taxo::test::TempDir dir;
    const auto path = dir.file("noise.taxo");
    std::string bytes;
    for (int i = 0; i < 1000; ++i)
        bytes.push_back(static_cast<char>((i * 7919) % 256));
    taxo::test::writeFile(path, bytes);
    auto result = runTaxo({"info", path});
    CHECK(result.code == 1);
    CHECK(result.err.rfind("taxo: error: ", 0) == 0);
    CHECK_THAT(result.err, Catch::Contains("not a Taxonomist project"));
    CHECK(taxo::test::readFile(path) == bytes);
}

TEST_CASE("wrong usage exits 2 with the usage line", "[cli]") {
    auto none = runTaxo({});
    CHECK(none.code == 2);
    auto unknown = runTaxo({"frobnicate"});
    CHECK(unknown.code == 2);
    CHECK_THAT(unknown.err, Catch::Contains("unknown command 'frobnicate'"));
    auto badOption = runTaxo({"info", "x.taxo", "--jsn"});
    CHECK(badOption.code == 2);
    CHECK_THAT(badOption.err, Catch::Contains("unknown option '--jsn'"));
    CHECK_THAT(badOption.err, Catch::Contains("Usage: taxo info"));
    auto missing = runTaxo({"init"});
    CHECK(missing.code == 2);
    auto noValue = runTaxo({"init", "x.taxo", "--title"});
    CHECK(noValue.code == 2);
    CHECK_THAT(noValue.err, Catch::Contains("needs a value"));
}

TEST_CASE("help and version", "[cli]") {
    auto help = runTaxo({"--help"});
    CHECK(help.code == 0);
    CHECK_THAT(help.out, Catch::Contains("init"));
    CHECK_THAT(help.out, Catch::Contains("info"));
    auto commandHelp = runTaxo({"init", "--help"});
    CHECK(commandHelp.code == 0);
    CHECK_THAT(commandHelp.out, Catch::Contains("Usage: taxo init PROJECT"));
    auto viaHelp = runTaxo({"help", "info"});
    CHECK(viaHelp.code == 0);
    CHECK_THAT(viaHelp.out, Catch::Contains("Usage: taxo info"));
    auto version = runTaxo({"--version"});
    CHECK(version.code == 0);
    CHECK(version.out.rfind("taxo ", 0) == 0);
}

TEST_CASE("taxo init refuses an existing file with exit 1", "[cli]") {
    taxo::test::TempDir dir;
    const auto path = dir.file("p.taxo");
    REQUIRE(runTaxo({"init", path}).code == 0);
    auto again = runTaxo({"init", path});
    CHECK(again.code == 1);
    CHECK_THAT(again.err, Catch::Contains("already exists"));
}
