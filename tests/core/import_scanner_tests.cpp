// The quick row filter: the plain-row scanner on its own, and the import with and
// without it giving the same project, the same refusals and the same line numbers.

#include "core/corpus/row_scanner.h"
#include "import_helpers.h"

using taxo::corpus::ImportOptions;
using taxo::corpus::RawRow;
using taxo::corpus::ScanResult;
using taxo::corpus::scanRow;
using namespace taxo::test;

namespace {

ScanResult scan(const std::string& text, std::size_t* length = nullptr, RawRow* out = nullptr) {
    RawRow row;
    std::size_t n = 0;
    const auto result = scanRow(text, n, row);
    if (length)
        *length = n;
    if (out)
        *out = row;
    return result;
}

// Everything but the imports table, whose report holds timings.
std::string postsSnapshot(taxo::Project& project) {
    const auto all = snapshot(project);
    return all.substr(0, all.find("[imports]")) + all.substr(all.find("fts="));
}

void checkSameBothWays(const std::vector<std::string>& sources, const ImportOptions& options) {
    TempDir dir;
    auto quick = newProject(dir, "quick.taxo");
    auto full = newProject(dir, "full.taxo");
    auto scanned = newProject(dir, "scanned.taxo");
    auto scannedUnfiltered = newProject(dir, "scanned-unfiltered.taxo");
    // The row filter sits in front of either reader: with expat, in front of the full parse;
    // with the dump scanner (the default), in front of the thread that stores the rows.
    // Without it every row reaches DumpReader; all four runs must agree.
    ImportOptions fast = options;
    fast.xmlReader = taxo::corpus::DumpRowReader::Expat;
    ImportOptions slow = fast;
    slow.quickRowFilter = false;
    ImportOptions scannedSlow = options;
    scannedSlow.quickRowFilter = false;
    const auto a = importOk(quick, sources, fast);
    const auto b = importOk(full, sources, slow);
    const auto c = importOk(scanned, sources, options);
    const auto d = importOk(scannedUnfiltered, sources, scannedSlow);
    for (const auto* other : {&a, &c, &d}) {
        CHECK(other->questions == b.questions);
        CHECK(other->answers == b.answers);
        CHECK(other->comments == b.comments);
        CHECK(other->rowsRead == b.rowsRead);
        CHECK(other->skipped == b.skipped);
        CHECK(other->bytes == b.bytes);
    }
    CHECK(postsSnapshot(quick) == postsSnapshot(full));
    CHECK(postsSnapshot(scanned) == postsSnapshot(full));
    CHECK(postsSnapshot(scannedUnfiltered) == postsSnapshot(full));
}

} // namespace

TEST_CASE("the row scanner reads plain rows and their raw attributes", "[import][scanner]") {
    std::size_t length = 0;
    RawRow row;
    const std::string text = "<row Id=\"7\" Tags=\"&lt;a&gt;&lt;b&gt;\" Title='x &amp; y' />\r\n"
                             "  <row Id=\"8\" />";
    REQUIRE(scan(text, &length, &row) == ScanResult::Row);
    CHECK(length == text.find("\r\n"));
    REQUIRE(row.count == 3);
    bool found = false;
    CHECK(row.find("Id", found) == "7");
    CHECK(found);
    CHECK(row.find("Tags", found) == "&lt;a&gt;&lt;b&gt;");
    CHECK(row.find("Title", found) == "x &amp; y");
    row.find("Body", found);
    CHECK_FALSE(found);
    CHECK(scan("<row Id=\"1\"/>") == ScanResult::Row);
    CHECK(scan("<row Title=\"na\xC3\xAFve &#xA; &#233;\" />") == ScanResult::Row);
    CHECK(scan("<row T=\"it's\" U='say \"hi\"' />") == ScanResult::Row);
    RawRow broken;
    const std::string twoLines = "<row A=\"a\nb\"\r\n B=\"c\" />"; // the views point into it
    REQUIRE(scan(twoLines, nullptr, &broken) == ScanResult::Row);
    CHECK(broken.newlines == 2);
    CHECK(broken.find("A", found) == "a\nb");
}

TEST_CASE("the row scanner asks for more at a cut and hands anything unusual to expat",
          "[import][scanner]") {
    for (const char* cut : {"<ro", "<row", "<row Id=\"1", "<row Id=\"1\" ", "<row Id=\"1\" /",
                            "<row Id=\"&am", "<row T=\"\xC3"})
        CHECK(scan(cut) == ScanResult::NeedMore);
    for (const char* other : {
             "<rows Id=\"1\" />",           // another element
             "</posts>",                    // the end
             "<!-- <row Id=\"1\" /> -->",   // a comment
             "<row Id=\"1\"></row>",        // not empty
             "<row Id = \"1\" />",          // spaces around '='
             "<row Id=\"1\"Title=\"x\" />", // no space between attributes
             "<row Id=\"1\" Id=\"2\" />",   // repeated attribute
             "<row T=\"&nbsp;\" />",        // undefined entity
             "<row T=\"&#0;\" />",          // not an XML character
             "<row T=\"&#xD800;\" />",      // a surrogate
             "<row T=\"a<b\" />",           // '<' in a value
             "<row T=\"\x01\" />",          // a control character
             "<row T=\"\xFF\xFE\" />",      // not UTF-8
             "<row T=\"\xC0\xAF\" />",      // overlong UTF-8
             "<row T=\"x\" /x",             // broken end
         })
        CHECK(scan(other) == ScanResult::Other);
}

TEST_CASE("the quick filter gives the same project as the full parse", "[import][scanner]") {
    ImportOptions numpy;
    numpy.tags = {"numpy"};
    checkSameBothWays({fixture("import/unsorted")}, numpy);
    checkSameBothWays({fixture("import/unsorted")}, {});
    TAXO_REQUIRE_SAMPLE(bicycles, "bicycles.meta.stackexchange.com");
    ImportOptions support;
    support.tags = {"support", "feature-request"};
    checkSameBothWays({bicycles.string()}, support);
    checkSameBothWays({bicycles.string()}, {});
    TAXO_REQUIRE_SAMPLE(datascience, "datascience.meta.stackexchange.com");
    ImportOptions scope;
    scope.tags = {"scope"};
    checkSameBothWays({sample(datascience, "Posts.xml")}, scope);
}

TEST_CASE("with a tag filter, broken rows are still refused at the right line",
          "[import][scanner]") {
    // Rows the filter rejects come first (one spans two lines), then a broken row.
    const std::string head =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<posts>\n"
        "  <row Id=\"1\" PostTypeId=\"1\" Title=\"a\" Tags=\"|x|\" />\n"
        "  <row Id=\"2\" PostTypeId=\"1\" Title=\"two\nlines\" Tags=\"|x|\" />\n"
        "  <row Id=\"3\" PostTypeId=\"2\" ParentId=\"1\" />\n";
    struct Case {
        std::string row;
        const char* says;
    };
    const Case cases[] = {
        {"  <row Id=\"4\" PostTypeId=\"1\" Title=\"&nbsp;\" Tags=\"|x|\" />\n", "undefined entity"},
        {"  <row PostTypeId=\"1\" Tags=\"|x|\" />\n", "required attribute Id"},
        {"  <row Id=\"4\" Tags=\"|x|\" />\n", "required attribute PostTypeId"},
        {"  <row Id=\"4\" PostTypeId=\"1\" Title=\"\xFF\" Tags=\"|x|\" />\n", "not valid UTF-8"},
        {"  <row Id=\"4\" PostTypeId=\"1\" Tags=\"|x|\"><b/></row>\n", "unexpected element <b>"},
        {"  <row Id=\"4\" PostTypeId=\"1\" Tags=\"|x|", "truncated"},
    };
    for (const auto& c : cases) {
        TempDir dir;
        const auto path = dir.file("Posts.xml");
        const bool truncated = c.row.back() != '\n';
        writeFile(path, head + c.row + (truncated ? "" : "</posts>"));
        auto project = newProject(dir);
        ImportOptions options;
        options.tags = {"no-such-tag"};
        auto report = taxo::corpus::importSources(project, {path}, options);
        INFO(c.row);
        REQUIRE_FALSE(report.ok());
        INFO(report.message());
        CHECK_THAT(report.message(), Catch::Contains("Posts.xml line 7"));
        CHECK_THAT(report.message(), Catch::Contains(c.says));
        CHECK(queryInt(project, "SELECT count(*) FROM posts") == 0);
        CHECK(queryInt(project, "SELECT count(*) FROM imports") == 0);
    }
}

TEST_CASE("with a tag filter, a 50 MB row is refused before it is buffered", "[import][scanner]") {
    TempDir dir;
    const auto path = dir.file("Posts.xml");
    writeFile(path, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<posts>\n"
                    "  <row Id=\"1\" PostTypeId=\"1\" Title=\"a\" Tags=\"|x|\" />\n"
                    "  <row Id=\"2\" PostTypeId=\"1\" Tags=\"|x|\" Body=\"" +
                        std::string(50 << 20, 'b') + "\" />\n</posts>");
    auto project = newProject(dir);
    ImportOptions options;
    options.tags = {"no-such-tag"};
    auto report = taxo::corpus::importSources(project, {path}, options);
    REQUIRE_FALSE(report.ok());
    CHECK_THAT(report.message(), Catch::Contains("Posts.xml line 4: a row longer than 16 MiB"));
}
