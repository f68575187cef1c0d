// The dump scanner against expat: the genuine dumps, generated tricky rows, every refusal
// and every unsupported layout. "Same as expat" means every row's every attribute,
// decoded, byte for byte, and the line each row starts on.

#include "core/corpus/dump_scanner.h"
#include "dump_reference.h"
#include "tests/support/test_support.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>

using taxo::corpus::DumpScanner;
using taxo::corpus::DumpScannerOptions;
using taxo::corpus::RowView;
using taxo::corpus::ScanFailure;
using taxo::test::expatRead;
using taxo::test::ReadResult;
using taxo::test::scannerRead;

namespace {

const std::string kHead = "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<posts>\r\n";

std::string doc(const std::string& rows) {
    return kHead + rows + "</posts>";
}

// Row counts from the table in SOURCE.md: | Posts.xml | bytes | sha256 | root | count | ...
std::map<std::string, std::uint64_t> sourceCounts(const std::filesystem::path& site) {
    std::map<std::string, std::uint64_t> counts;
    std::ifstream in(site / "SOURCE.md");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("| ", 0) != 0 || line.find(".xml |") == std::string::npos)
            continue;
        std::vector<std::string> cells;
        std::size_t start = 1;
        for (std::size_t bar; (bar = line.find('|', start)) != std::string::npos; start = bar + 1)
            cells.push_back(line.substr(start, bar - start));
        if (cells.size() < 5)
            continue;
        auto trim = [](std::string s) {
            s.erase(0, s.find_first_not_of(' '));
            s.erase(s.find_last_not_of(' ') + 1);
            return s;
        };
        counts[trim(cells[0])] = std::stoull(trim(cells[4]));
    }
    return counts;
}

void requireSame(const ReadResult& scanned, const ReadResult& expected) {
    REQUIRE(expected.ok);
    INFO(scanned.error);
    REQUIRE(scanned.ok);
    REQUIRE(scanned.rows.size() == expected.rows.size());
    for (std::size_t i = 0; i < expected.rows.size(); ++i) {
        INFO("row " << i << " on line " << expected.rows[i].line);
        REQUIRE(scanned.rows[i] == expected.rows[i]);
    }
}

} // namespace

TEST_CASE("the SSE2 and word-at-a-time searches find what the byte loop finds", "[scanner]") {
    // The terminating NUL is one of the characters, on purpose; so are the references the
    // fast path passes, whole and cut.
    static const char kControls[] = "abcXYZ \"'&<>=;#\t\r\n\x01\x1f\x7f";
    const std::vector<std::string> pieces = {"&lt;",  "&gt;", "&amp;", "&quot;", "&#xA;", "&apos;",
                                             "&#10;", "&lt",  "&quo",  "&amp",   "&#xA"};
    std::mt19937 rng(7);
    const std::string alphabet = std::string(kControls, sizeof kControls) + "\xC3\xA9\xFF";
    for (int round = 0; round < 4000; ++round) {
        std::string text;
        const std::size_t size = rng() % 60;
        while (text.size() < size) {
            const auto pick = rng() % 8;
            if (pick == 0)
                text += pieces[rng() % pieces.size()];
            else if (pick == 1)
                text += alphabet[rng() % alphabet.size()];
            else
                text += static_cast<char>('a' + rng() % 26);
        }
        const char quote = rng() % 2 ? '"' : '\'';
        for (std::size_t from = 0; from <= text.size(); ++from) {
            const char* begin = text.data() + from;
            const char* end = text.data() + text.size();
            const char* expected = taxo::corpus::detail::findSpecialBytewise(begin, end, quote);
            REQUIRE(taxo::corpus::detail::findSpecialWords(begin, end, quote) == expected);
            bool expectedReferences = false, references = false;
            const char* skipped =
                taxo::corpus::detail::skipPlainValueBytewise(begin, end, quote, expectedReferences);
            REQUIRE(taxo::corpus::detail::skipPlainValue(begin, end, quote, references) == skipped);
            REQUIRE(references == expectedReferences);
        }
    }
}

TEST_CASE("every genuine dump file reads exactly as expat reads it", "[scanner]") {
    const std::filesystem::path root =
        std::filesystem::path(TAXONOMIST_SHARED_DATA) / "stackexchange";
    if (!std::filesystem::is_directory(root)) {
        WARN("skipped: ../shared/data/stackexchange is absent");
        return;
    }
    std::mt19937 rng(2024);
    int files = 0;
    for (const auto& site : std::filesystem::directory_iterator(root)) {
        if (!site.is_directory())
            continue;
        const auto counts = sourceCounts(site.path());
        for (const char* name : {"Posts", "Comments", "Users", "Tags", "Votes", "Badges",
                                 "PostLinks", "PostHistory"}) {
            const auto path = site.path() / (std::string(name) + ".xml");
            if (!std::filesystem::exists(path))
                continue;
            std::string rootName = name;
            for (char& c : rootName)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            INFO(path.string());
            const std::string data = taxo::test::readFile(path.string());
            const ReadResult expected = expatRead(data, rootName);
            const ReadResult scanned = scannerRead(data, rootName, rng, 1 << 20);
            requireSame(scanned, expected);
            REQUIRE(counts.count(path.filename().string()) == 1);
            CHECK(scanned.rows.size() == counts.at(path.filename().string()));
            // One small file a byte at a time: every split inside a UTF-8 sequence, a
            // reference, a name or the CR LF pair happens somewhere.
            if (std::string(name) == "Tags" || std::string(name) == "PostLinks")
                requireSame(scannerRead(data, rootName, rng, 1), expected);
            ++files;
        }
    }
    CHECK(files >= 16);
}

namespace {

// Random attribute values with everything the dumps contain and more: every entity,
// decimal and hex references (leading zeros, upper-case digits, astral planes), literal
// non-ASCII of each length, TAB/CR/LF/CR LF to be normalised, '>' and the other quote.
std::string trickyValue(std::mt19937& rng, char quote, std::size_t pieces) {
    static const char* const kPieces[] = {"&lt;",
                                          "&gt;",
                                          "&amp;",
                                          "&quot;",
                                          "&apos;",
                                          "&#xA;",
                                          "&#xD;&#xA;",
                                          "&#10;",
                                          "&#x9;",
                                          "&#0065;",
                                          "&#x1F600;",
                                          "&#X41;",
                                          "&#x10FFFF;",
                                          "&#xFFFD;",
                                          "&#xE000;",
                                          "&#xd7ff;",
                                          "\xC3\xA9",
                                          "\xE2\x82\xAC",
                                          "\xF0\x9F\x98\x80",
                                          "\xEF\xBF\xBD",
                                          "\t",
                                          "\n",
                                          "\r\n",
                                          "\r",
                                          ">",
                                          "]]>",
                                          "x",
                                          "plain text ",
                                          "\xC2\x80",
                                          "\x7F",
                                          "\xF4\x8F\xBF\xBF",
                                          "\xEE\x80\x80",
                                          "&#x20;",
                                          "a=b"};
    std::string value;
    for (std::size_t i = 0; i < pieces; ++i) {
        const std::string piece = kPieces[rng() % (sizeof kPieces / sizeof *kPieces)];
        if (piece == "&#X41;")
            continue; // not a reference at all: tested among the refusals
        value += piece;
    }
    if (rng() % 3 == 0)
        value += quote == '"' ? "'" : "\"";
    return value;
}

std::string trickyDocument(std::mt19937& rng, int rows, bool longValues) {
    std::string out = rng() % 2 ? kHead : "<?xml version='1.0'?>\n<posts>\n";
    for (int r = 0; r < rows; ++r) {
        out += rng() % 2 ? "  <row" : "<row";
        const int attributes = static_cast<int>(rng() % 15);
        for (int a = 0; a < attributes; ++a) {
            const char quote = rng() % 5 ? '"' : '\'';
            const char* separators[] = {" ", " ", " ", "\r\n    ", "\n\t", "  "};
            out += separators[rng() % 6];
            out += 'A';
            out += std::to_string(a);
            out += rng() % 7 ? "" : "_x.y-z:w";
            out += rng() % 8 ? "=" : " = ";
            const std::size_t pieces = longValues && a == 1 ? 20000 : rng() % 30;
            out += quote;
            out += trickyValue(rng, quote, pieces);
            out += quote;
        }
        out += rng() % 4 ? " />" : "/>";
        out += rng() % 3 ? "\r\n" : "\n";
    }
    return out + "</posts>" + (rng() % 2 ? "\r\n" : "");
}

} // namespace

TEST_CASE("generated tricky rows read exactly as expat reads them", "[scanner]") {
    std::mt19937 rng(99);
    for (int round = 0; round < 60; ++round) {
        const std::string data = trickyDocument(rng, 40, round % 10 == 0);
        INFO("round " << round);
        const ReadResult expected = expatRead(data, "posts");
        requireSame(scannerRead(data, "posts", rng, 1 << 16), expected);
        requireSame(scannerRead(data, "posts", rng, 64), expected);
        if (round < 3)
            requireSame(scannerRead(data, "posts", rng, 1), expected);
    }
}

TEST_CASE("legitimate variations of the layout are read like expat", "[scanner]") {
    std::mt19937 rng(5);
    const std::vector<std::string> documents = {
        "<posts><row Id=\"1\"/></posts>",                            // no BOM, no declaration
        "<posts/>",                                                  // empty root
        "\xEF\xBB\xBF<posts>\n</posts>\n\n",                         // trailing whitespace
        "<?xml version=\"1.0\" standalone=\"yes\"?><posts></posts>", // standalone
        "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\r<posts>\r<row\rId='1'\r/>\r</posts >",
        doc("<row Id = \"1\"\r\n Body='say \"hi\"' />\r\n"),    // spaces around '='
        doc("<row Id=\"1\"\n     Body=\"two\nlines\"\n/>\r\n"), // a row over lines
        doc("<row/>\r\n<row />\r\n"),                           // no attributes
        doc("<row A=\"\" B='' />"),                             // empty values
        doc("<row A=\"&#65;&#x42;&#x00043;\" />"),              // references
    };
    for (const std::string& data : documents) {
        INFO(data);
        requireSame(scannerRead(data, "posts", rng, 1 << 16), expatRead(data, "posts"));
        requireSame(scannerRead(data, "posts", rng, 1), expatRead(data, "posts"));
    }
}

TEST_CASE("row views give raw values, decoded values on demand and the line", "[scanner]") {
    const std::string data = doc("  <row Id=\"7\" PostTypeId=\"1\" Tags=\"&lt;a&gt;&lt;b&gt;\" "
                                 "Title=\"x &amp; y&#xA;z\tw\" />\r\n");
    int seen = 0;
    DumpScanner scanner({"Posts.xml", "posts"}, [&](const RowView& row) -> taxo::Status {
        ++seen;
        CHECK(row.line() == 3);
        CHECK(row.size() == 4);
        CHECK(row.raw("PostTypeId") == "1");
        CHECK(row.raw("Tags") == "&lt;a&gt;&lt;b&gt;");
        CHECK(row.decoded("Tags") == "<a><b>");
        CHECK(row.decoded("Title") == "x & y\nz w");
        CHECK(row.raw("Missing").empty());
        CHECK_FALSE(row.has("Missing"));
        REQUIRE(row.find("Id"));
        CHECK(row.find("Id")->plain);
        CHECK_FALSE(row.find("Tags")->plain);
        std::string scratch;
        CHECK(RowView::decoded(*row.find("Id"), scratch).data() == row.raw("Id").data());
        return {};
    });
    REQUIRE(scanner.feed(data));
    REQUIRE(scanner.finish());
    CHECK(seen == 1);
    CHECK(scanner.rows() == 1);
    CHECK(scanner.bytes() == data.size());
}

TEST_CASE("a handler error stops the scan with the handler's message", "[scanner]") {
    int seen = 0;
    DumpScanner scanner({"Posts.xml", "posts"}, [&](const RowView&) -> taxo::Status {
        if (++seen == 2)
            return taxo::makeError("stop here");
        return {};
    });
    const taxo::Status status = scanner.feed(doc("<row Id=\"1\"/>\n<row Id=\"2\"/>\n<row/>\n"));
    REQUIRE_FALSE(status);
    CHECK(status.message() == "stop here");
    CHECK(scanner.failure() == ScanFailure::Handler);
    CHECK(seen == 2);
    CHECK(scanner.finish().message() == "stop here");
}
