// The figure (SVG), the REFI-QDA codebook, the methods text and `taxo export`
// / `taxo codebook import` on the study-count project.

#include "core/results/figure_svg.h"
#include "core/results/methods_text.h"
#include "core/results/qdc.h"
#include "core/results/taxonomy_results.h"
#include "core/text/html_text.h"
#include "study_counts.h"
#include "study_fixture.h"
#include "tests/support/study_builder.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <expat.h>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

using namespace taxo;
using namespace taxo::test;

namespace {

struct SvgText {
    std::string root;
    std::vector<std::string> texts; // content of every <text>, in document order
    bool inText = false;
    std::string fontFamily;
    bool externalReference = false;
};

void XMLCALL svgStart(void* data, const char* name, const char** attributes) {
    auto* svg = static_cast<SvgText*>(data);
    const std::string element = name;
    if (svg->root.empty())
        svg->root = element;
    for (int i = 0; attributes[i]; i += 2) {
        const std::string key = attributes[i], value = attributes[i + 1];
        if (key == "font-family")
            svg->fontFamily = value;
        if (key.find("href") != std::string::npos || value.find("url(") != std::string::npos)
            svg->externalReference = true;
    }
    if (element == "http://www.w3.org/2000/svg|text") {
        svg->inText = true;
        svg->texts.emplace_back();
    }
    if (element == "http://www.w3.org/2000/svg|style")
        svg->externalReference = true; // no stylesheet: @font-face could fetch fonts
}

void XMLCALL svgEnd(void* data, const char* name) {
    if (std::string(name) == "http://www.w3.org/2000/svg|text")
        static_cast<SvgText*>(data)->inText = false;
}

void XMLCALL svgChars(void* data, const char* text, int length) {
    auto* svg = static_cast<SvgText*>(data);
    if (svg->inText)
        svg->texts.back().append(text, static_cast<std::size_t>(length));
}

SvgText parseSvg(const std::string& text) {
    SvgText svg;
    std::unique_ptr<std::remove_pointer_t<XML_Parser>, decltype(&XML_ParserFree)> parser(
        XML_ParserCreateNS(nullptr, '|'), &XML_ParserFree);
    XML_SetUserData(parser.get(), &svg);
    XML_SetElementHandler(parser.get(), svgStart, svgEnd);
    XML_SetCharacterDataHandler(parser.get(), svgChars);
    const auto status =
        XML_Parse(parser.get(), text.data(), static_cast<int>(text.size()), XML_TRUE);
    INFO(XML_ErrorString(XML_GetErrorCode(parser.get()))
         << " at line " << XML_GetCurrentLineNumber(parser.get()));
    REQUIRE(status == XML_STATUS_OK);
    return svg;
}

std::string joined(const std::vector<std::string>& texts) {
    std::string all;
    for (const auto& t : texts)
        all += t + " ";
    return all;
}

} // namespace

TEST_CASE("The figure is valid SVG naming every category with its percentage", "[results]") {
    TempDir dir;
    auto project = makeProject(dir);
    auto& db = project.db();
    const auto built = buildStudyCounts(db);
    addOrFail(db, std::nullopt, "Root <with> & \"markup\"");
    // Longer than a box is wide: it must wrap onto several lines.
    const std::string longName = "A category name long enough that it has to be wrapped over "
                                 "several lines of its box in the figure";
    addOrFail(db, built.ids.at("Mobile|DL Integration"), longName);
    auto computed = results::computeResults(db);
    REQUIRE(computed.ok());
    const auto svg = results::figureSvg(*computed);
    const auto parsed = parseSvg(svg);
    CHECK(parsed.root == "http://www.w3.org/2000/svg|svg");
    CHECK(parsed.fontFamily == "sans-serif");
    CHECK_FALSE(parsed.externalReference);
    CHECK_THAT(svg, Catch::Contains("width=\"210mm\""));
    // Wrapped names come back whole when the lines are joined with spaces.
    const auto all = joined(parsed.texts);
    for (const auto& c : computed->categories) {
        INFO(c.category.name);
        if (c.depth == 0)
            CHECK_THAT(
                all, Catch::Contains(c.category.name + " (" + std::to_string(c.count) + " posts)"));
        else
            CHECK_THAT(all, Catch::Contains(c.category.name + (c.addedInArbitration ? "*" : "") +
                                            " (" + results::formatPercent(c) + "%)"));
    }
    CHECK_THAT(all, Catch::Contains("Model Export (15.0%)"));
    CHECK_THAT(all, Catch::Contains("Set tensor info (8.2%)"));
    CHECK_THAT(all, Catch::Contains("* added during arbitration"));
    CHECK_THAT(all, Catch::Contains(longName + " (0.0%)"));
    CHECK(std::none_of(parsed.texts.begin(), parsed.texts.end(), [&](const std::string& t) {
        return t.find(longName) != std::string::npos;
    }));
    // No line is longer than a box holds.
    for (const auto& t : parsed.texts)
        CHECK(t.size() <= 60);
}

TEST_CASE("wrapText breaks at spaces and keeps long words whole", "[results]") {
    CHECK(results::wrapText("Loading from local storage (8.0%)", 12) ==
          std::vector<std::string>{"Loading from", "local", "storage", "(8.0%)"});
    CHECK(results::wrapText("Supercalifragilistic word", 5) ==
          std::vector<std::string>{"Supercalifragilistic", "word"});
    CHECK(results::wrapText("", 5) == std::vector<std::string>{""});
    // Multi-byte characters count once.
    CHECK(results::wrapText("\xC3\xA9\xC3\xA9\xC3\xA9 ab", 6).size() == 1);
    CHECK(taxo::text::escapeXml("a<b>&\"'\x01") == "a&lt;b&gt;&amp;&quot;&#39; ");
}

TEST_CASE("QDC export: nested codes, leaves codable, GUIDs are the stable uids", "[results][qdc]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    REQUIRE(sql::runBound(db, "UPDATE categories SET description = 'a & b' WHERE id = ?",
                          study.id("Format"))
                .ok());
    auto first = results::exportQdc(db);
    REQUIRE(first.ok());
    auto second = results::exportQdc(db);
    REQUIRE(second.ok());
    CHECK(*first == *second);
    auto codes = results::parseQdc(*first);
    REQUIRE(codes.ok());
    REQUIRE(codes->size() == 2);
    const auto& server = (*codes)[0];
    CHECK(server.name == "Server/Cloud");
    CHECK_FALSE(server.codable);
    auto uid = db.queryText("SELECT uid FROM categories WHERE name = 'Server/Cloud'");
    REQUIRE(uid.ok());
    CHECK(server.guid == *uid);
    REQUIRE(server.children.size() == 2);
    CHECK_FALSE(server.children[0].codable);
    REQUIRE(server.children[1].children.size() == 1);
    const auto& format = server.children[1].children[0];
    CHECK(format.name == "Format");
    CHECK(format.codable);
    CHECK(format.description == "a & b");
    CHECK_THAT(*first, Catch::Contains("xmlns=\"urn:QDA-XML:codebook:1.0\""));
}

TEST_CASE("QDC import reads QualCoder, ATLAS.ti and MAXQDA codebooks", "[results][qdc]") {
    TAXO_STUDY(study);
    auto& db = study.db();
    for (const char* file : {"qualcoder.qdc", "atlas.qdc", "maxqda_old.qdc"}) {
        INFO(file);
        auto codes = results::parseQdc(readFile(fixture(std::string("qdc/") + file)), file);
        REQUIRE(codes.ok());
        auto report = results::importQdc(db, *codes);
        REQUIRE(report.ok());
    }
    // QualCoder: Server/Cloud and Model Export exist by name, Model quantization too.
    // ATLAS.ti: Mobile exists; Model Conversion is new. MAXQDA: all three new.
    auto found = codebook::findByPath(db, {"Mobile", "Model Conversion"});
    REQUIRE(found.ok());
    CHECK(found->createdIn == "import");
    CHECK(found->uid == "1FF58B12-6F6F-4B0C-8BE5-BBDC91F55295");
    auto async = codebook::findByPath(db, {"Browser", "Model Loading", "asynchronous loading"});
    REQUIRE(async.ok());
    auto browser = codebook::findByPath(db, {"Browser"});
    REQUIRE(browser.ok());
    CHECK(browser->parentId == std::nullopt);
    auto count = db.queryInt("SELECT count(*) FROM categories");
    REQUIRE(count.ok());
    CHECK(*count == 9 + 1 + 3);
    auto logged =
        db.queryInt("SELECT count(*) FROM change_log WHERE action = 'codebook.import_qdc'");
    REQUIRE(logged.ok());
    CHECK(*logged == 3);
    // The Sets element's Description is not a code's description.
    auto mobileDescription =
        db.queryText("SELECT description FROM categories WHERE name = 'Model Conversion'");
    REQUIRE(mobileDescription.ok());
    CHECK(mobileDescription->empty());
    // Importing again adds nothing.
    auto again =
        results::importQdc(db, *results::parseQdc(readFile(fixture("qdc/maxqda_old.qdc"))));
    REQUIRE(again.ok());
    CHECK(again->added == 0);
    CHECK(again->alreadyPresent == 3);
}

TEST_CASE("QDC import refuses hostile and foreign files with a reason", "[results][qdc]") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"billion_laughs.qdc", "document type declaration"},
        {"external_entity.qdc", "document type declaration"},
        {"project_root.qdc", "not a REFI-QDA CodeBook"},
        {"no_namespace.qdc", "not a REFI-QDA CodeBook"},
        {"malformed.qdc", "not well-formed XML"},
        {"code_without_name.qdc", "without guid or name"},
    };
    for (const auto& [file, reason] : cases) {
        INFO(file);
        auto parsed = results::parseQdc(readFile(fixture("qdc/" + file)), file);
        REQUIRE_FALSE(parsed.ok());
        CHECK_THAT(parsed.message(), Catch::Contains(file) && Catch::Contains(reason));
    }
    CHECK_FALSE(results::parseQdc("").ok());
}

TEST_CASE("The methods text carries the project's numbers", "[results]") {
    TempDir dir;
    auto project = makeProject(dir);
    auto& db = project.db();
    buildStudyCounts(db);
    auto computed = results::computeResults(db);
    REQUIRE(computed.ok());
    auto facts = results::collectMethodsFacts(db, *computed);
    REQUIRE(facts.ok());
    CHECK(facts->pilotPosts == 76);
    CHECK(facts->decisions == 154);
    REQUIRE(facts->reliability.size() == 1);
    const auto& r = facts->reliability[0];
    CHECK(r.items == 769 - 76);
    CHECK(r.rated == 769 - 76);
    CHECK(r.conflicts == 77);
    CHECK(r.agreedPending == 77);
    CHECK(r.agreements == 769 - 76 - 77);
    REQUIRE(r.kappa.has_value());
    CHECK(*r.ciLow < *r.kappa);
    CHECK(*r.kappa < *r.ciHigh);
    REQUIRE(facts->sets.size() == 3);
    REQUIRE(facts->sets[0].clauses.size() == 1);
    CHECK(facts->sets[0].clauses[0].words == "tagged \"tensorflow-serving\"");
    // Sets written by hand, not by the selection: no counts to give.
    CHECK_FALSE(facts->sets[0].clauses[0].matched.has_value());
    CHECK(facts->arbitrationCategories == std::vector<std::string>{"Mobile > Model Update"});

    const auto md = results::methodsMarkdown(*facts);
    CHECK_THAT(md, Catch::Contains("76 posts (9.9 % of the 769 sampled posts)"));
    CHECK_THAT(md, Catch::Contains("77 conflicts and 77 posts both coders marked Pending"));
    CHECK_THAT(md, Catch::Contains("58 were false positives and 130 unclear"));
    CHECK_THAT(md, Catch::Contains("covers 583 posts (227 Server/Cloud, 231 Mobile, and 125 "
                                   "Browser; 581 distinct posts, 2 of them in two roots)"));
    CHECK_THAT(md, Catch::Contains("290 of 1325 posts of server (confidence 95 %, margin of "
                                   "error 5 %, rounded ceil)"));
    CHECK_THAT(md, Catch::Contains("294 of 294 posts of mobile (all of them)"));
    CHECK_THAT(md, Catch::Contains("Cohen's kappa was 0."));
    const auto tex = results::methodsLatex(*facts);
    CHECK_THAT(tex, Catch::Contains("$\\kappa$"));
    CHECK_THAT(tex, Catch::Contains("9.9 \\% of the 769"));
}

TEST_CASE("taxo export writes every text format and refuses what it cannot do", "[results][cli]") {
    TempDir dir;
    const auto path = dir.file("study.taxo");
    {
        auto project = makeProject(dir);
        buildStudyCounts(project.db());
    }
    for (const char* format :
         {"taxonomy-json", "csv", "md", "latex", "svg", "qdc", "methods-md", "methods-latex"}) {
        INFO(format);
        const auto out = dir.file(std::string("out.") + format);
        const auto outcome = runCli({"export", path, "--format", format, "--out", out});
        CHECK(outcome.code == 0);
        CHECK(std::filesystem::file_size(out) > 100);
    }
    CHECK_THAT(readFile(dir.file("out.csv")),
               Catch::Contains("Server/Cloud > Model Export,1,34,15.0"));
    const auto png = runCli({"export", path, "--format", "png", "--out", dir.file("f.png")});
    CHECK(png.code == 1);
    CHECK_THAT(png.err, Catch::Contains("cannot render png"));
    CHECK_FALSE(std::filesystem::exists(dir.file("f.png")));
    CHECK(runCli({"export", path, "--format", "docx", "--out", dir.file("x")}).code == 2);
    CHECK(runCli({"export", path, "--format", "csv"}).code == 2);
    CHECK(runCli({"export", path, "--format", "png", "--out", dir.file("x"), "--dpi", "0"}).code ==
          2);
}

TEST_CASE("taxo export refuses unresolved posts unless --allow-unresolved", "[results][cli]") {
    TempDir dir;
    const auto path = dir.file("study.taxo");
    {
        auto project = makeProject(dir);
        seedStudy(project.db());
    }
    const auto out = dir.file("t.json");
    const auto refused = runCli({"export", path, "--format", "taxonomy-json", "--out", out});
    CHECK(refused.code == 1);
    CHECK_THAT(refused.err, Catch::Contains("7 sampled posts have no final label"));
    CHECK_FALSE(std::filesystem::exists(out));
    const auto allowed =
        runCli({"export", path, "--format", "taxonomy-json", "--out", out, "--allow-unresolved"});
    CHECK(allowed.code == 0);
    CHECK(nlohmann::json::parse(readFile(out))["summary"]["unresolved"] == 7);
}

TEST_CASE("taxo codebook import adds a .qdc and refuses a hostile one", "[results][cli][qdc]") {
    TempDir dir;
    const auto path = dir.file("study.taxo");
    { auto project = makeProject(dir); }
    const auto ok = runCli({"codebook", "import", path, fixture("qdc/qualcoder.qdc")});
    CHECK(ok.code == 0);
    CHECK_THAT(ok.out, Catch::Contains("Added 3 categories"));
    const auto bad = runCli({"codebook", "import", path, fixture("qdc/billion_laughs.qdc")});
    CHECK(bad.code == 1);
    CHECK_THAT(bad.err, Catch::Contains("document type declaration"));
}
