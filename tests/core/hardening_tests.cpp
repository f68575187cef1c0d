// Hostile inputs of docs/security.md that no other test file covers: JSON nested 100,000
// deep, a 2 GB attribute arriving as a stream (no file on disk), and a full disk during
// an import.

#include "core/corpus/dump_scanner.h"
#include "core/corpus/xml_rows.h"
#include "core/select/rules.h"
#include "import_helpers.h"

#include <algorithm>
#include <cstring>

using taxo::test::TempDir;

namespace {

std::string nested(std::size_t depth, char open, char close) {
    return std::string(depth, open) + std::string(depth, close);
}

} // namespace

TEST_CASE("rules JSON nested 100,000 deep is refused without recursion", "[rules][hostile]") {
    for (const auto& text :
         {nested(100'000, '[', ']'), "{\"sets\": " + nested(100'000, '[', ']') + "}",
          std::string("{\"sets\": [{\"name\": \"a\", \"root\": \"a\", \"clauses\": [") +
              nested(100'000, '{', '}') + "]}]}",
          std::string(100'000, '[')}) {
        auto rules = taxo::select::parseRules(text, "deep.json");
        REQUIRE_FALSE(rules.ok());
        CHECK_THAT(rules.message(), Catch::StartsWith("deep.json: nested deeper than 64 levels"));
    }
}

// Found by fuzz_rules: nlohmann throws out_of_range, not parse_error, for a number
// beyond a double, and parseRules let it escape, which ended the program.
TEST_CASE("rules JSON with a number beyond a double is refused, not thrown", "[rules][hostile]") {
    for (const char* text : {"4e4444", "{\"sets\": 1e999}", "[-1e400]"}) {
        INFO(text);
        taxo::Result<taxo::select::Rules> rules = taxo::Error{"not run"};
        REQUIRE_NOTHROW(rules = taxo::select::parseRules(text, "big.json"));
        REQUIRE_FALSE(rules.ok());
        CHECK_THAT(rules.message(), Catch::StartsWith("big.json: not valid JSON"));
    }
}

TEST_CASE("the nesting limit counts brackets, not the ones inside strings", "[rules][hostile]") {
    // A valid rules document whose keyword holds a thousand brackets still parses.
    const std::string brackets(1000, '[');
    auto rules = taxo::select::parseRules(
        "{\"sets\": [{\"name\": \"a\\\"[\", \"root\": \"a\", \"clauses\": [{\"keywords_any\": [\"" +
        brackets + "\"]}]}]}");
    INFO((rules.ok() ? std::string("ok") : rules.message()));
    REQUIRE(rules.ok());
    REQUIRE(rules->sets.size() == 1);
    CHECK(rules->sets[0].name == "a\"[");
    // 64 levels are allowed, 65 are not (the refusal, not the parser, decides).
    CHECK_THAT(taxo::select::parseRules(nested(64, '[', ']')).message(),
               !Catch::Contains("nested deeper"));
    CHECK_THAT(taxo::select::parseRules(nested(65, '[', ']')).message(),
               Catch::Contains("nested deeper than 64 levels at byte 64"));
}

namespace {

// A Posts.xml of 2 GiB whose second row's Body never ends, made up as it is read.
class EndlessBody : public taxo::corpus::ByteSource {
public:
    taxo::Result<std::size_t> read(char* buffer, std::size_t size) override {
        static const std::string head = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<posts>\n"
                                        "  <row Id=\"1\" PostTypeId=\"1\" Body=\"b\" />\n"
                                        "  <row Id=\"2\" PostTypeId=\"1\" Body=\"";
        const std::size_t n =
            static_cast<std::size_t>(std::min<std::uint64_t>(size, kTotal - served));
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint64_t at = served + i;
            buffer[i] = at < head.size() ? head[static_cast<std::size_t>(at)] : 'a';
        }
        served += n;
        return n;
    }
    std::uint64_t totalBytes() const override { return kTotal; }
    const std::string& name() const override { return name_; }

    static constexpr std::uint64_t kTotal = std::uint64_t{2} << 30;
    std::uint64_t served = 0;

private:
    std::string name_ = "Posts.xml";
};

} // namespace

TEST_CASE("a 2 GB attribute is refused by the scanner past the limit, not buffered",
          "[scanner][hostile]") {
    taxo::corpus::DumpScannerOptions options; // the import's limits: 16 MiB per value
    options.fileName = "Posts.xml";
    options.rootElement = "posts";
    std::uint64_t rows = 0;
    taxo::corpus::DumpScanner scanner(options, [&](const taxo::corpus::RowView&) {
        ++rows;
        return taxo::Status();
    });
    EndlessBody source;
    std::string chunk(1 << 20, '\0');
    taxo::Status status;
    while (status) {
        auto got = source.read(chunk.data(), chunk.size());
        REQUIRE(got.ok());
        if (*got == 0)
            break;
        status = scanner.feed(std::string_view(chunk.data(), *got));
    }
    REQUIRE_FALSE(status);
    CHECK(scanner.failure() == taxo::corpus::ScanFailure::TooLong);
    CHECK_THAT(status.message(),
               Catch::Contains("Posts.xml line 4: attribute Body is longer than the limit"));
    CHECK(rows == 1);
    // Refused at twice the limit at most, of the 2 GiB offered: a value carried over
    // chunks is scanned again each time it has doubled (so the rescans cost linear time).
    CHECK(source.served <= (std::uint64_t{32} << 20) + (std::uint64_t{1} << 20));
}

TEST_CASE("a 2 GB attribute is refused by the expat reader past the row limit",
          "[import][hostile]") {
    EndlessBody source;
    std::uint64_t rows = 0;
    auto result = taxo::corpus::readRows(
        source, "posts", taxo::corpus::XmlLimits{},
        [&](const char**) {
            ++rows;
            return taxo::Status();
        },
        [](std::uint64_t, std::uint64_t) { return taxo::Status(); });
    REQUIRE_FALSE(result.ok());
    CHECK_THAT(result.message(), Catch::Contains("a row longer than 16 MiB starts here"));
    CHECK(rows == 1);
    CHECK(source.served <= (std::uint64_t{18} << 20));
}

TEST_CASE("a full disk during an import is a clear error and changes nothing",
          "[import][hostile]") {
    TempDir dir;
    const auto path = dir.file("p.taxo");
    // Half a megabyte of posts: more than the free room in the pages already there.
    const auto csv = dir.file("many.csv");
    std::string rows = "id,title,body\n";
    for (int i = 0; i < 500; ++i)
        rows += std::to_string(100 + i) + ",post " + std::to_string(i) + "," +
                std::string(1000, 'x') + "\n";
    taxo::test::writeFile(csv, rows);
    std::string before;
    std::int64_t pages = 0;
    {
        auto project = taxo::test::newProject(dir);
        taxo::test::importOk(project, {taxo::test::fixture("import/posts.csv")});
        before = taxo::test::snapshot(project);
        pages = taxo::test::queryInt(project, "PRAGMA page_count");
        // SQLite's own cap on the file's size: a write past it fails as on a full disk
        // (SQLITE_FULL), which is how the import sees a full disk.
        REQUIRE(project.db().exec("PRAGMA max_page_count = " + std::to_string(pages)).ok());
        auto report = taxo::corpus::importSources(project, {csv}, taxo::corpus::ImportOptions{});
        REQUIRE_FALSE(report.ok());
        INFO(report.message());
        CHECK_THAT(report.message(), Catch::Contains("full", Catch::CaseSensitive::No));
        CHECK(taxo::test::snapshot(project) == before);
    }
    // Reopened, the file is intact and still as it was before the import.
    auto reopened = taxo::Project::open(path);
    REQUIRE(reopened.ok());
    CHECK(taxo::test::queryText(*reopened, "PRAGMA integrity_check") == "ok");
    CHECK(taxo::test::snapshot(*reopened) == before);
    CHECK(taxo::test::queryInt(*reopened, "PRAGMA page_count") == pages);
    // With room again, the same import goes through.
    auto report = taxo::corpus::importSources(*reopened, {csv}, taxo::corpus::ImportOptions{});
    INFO((report.ok() ? std::string("ok") : report.message()));
    CHECK(report.ok());
}

TEST_CASE("NUL bytes in CSV fields and JSON strings are refused, changing nothing",
          "[import][hostile]") {
    TempDir dir;
    auto project = taxo::test::newProject(dir);
    taxo::test::importOk(project, {taxo::test::fixture("import/posts.csv")});
    const auto before = taxo::test::snapshot(project);
    const auto csv = dir.file("nul.csv");
    taxo::test::writeFile(csv, std::string("id,title,body\n9,ok,fine\n10,a\0b,body\n", 36));
    const auto jsonl = dir.file("nul.jsonl");
    taxo::test::writeFile(jsonl, "{\"id\": \"11\", \"title\": \"t\", \"body\": \"b\"}\n"
                                 "{\"id\": \"12\", \"title\": \"t\\u0000x\", \"body\": \"b\"}\n");
    for (const auto& [path, line] : {std::pair{csv, 3}, std::pair{jsonl, 2}}) {
        auto report = taxo::corpus::importSources(project, {path}, taxo::corpus::ImportOptions{});
        REQUIRE_FALSE(report.ok());
        CHECK_THAT(report.message(), Catch::Contains(" line " + std::to_string(line) + ": ") &&
                                         Catch::Contains("NUL byte (0x00)"));
        CHECK(taxo::test::snapshot(project) == before);
    }
}
