// Names from a foreign codebook or a package reach every exporter: none of them may
// become a live spreadsheet formula, run as HTML in a Markdown renderer or break a
// LaTeX table.

#include "core/agreement/agreement_csv.h"
#include "core/results/methods_text.h"
#include "core/results/taxonomy_export.h"
#include "core/stats/corpus_stats.h"
#include "core/util/csv.h"
#include "study_fixture.h"

#include <catch2/catch.hpp>

using namespace taxo;
using namespace taxo::test;

namespace {

const std::string kFormula = "=HYPERLINK(\"http://x\"&A2,\"Click\")";
const std::string kImage = "<img src=x onerror=alert(1)>";
const std::string kBlankLine = "first line\n\nsecond line";

results::CategoryResult category(const std::string& name, std::vector<std::string> path, int depth,
                                 std::optional<std::size_t> parent) {
    results::CategoryResult c;
    c.category.name = name;
    c.path = std::move(path);
    c.depth = depth;
    c.parentIndex = parent;
    c.count = 3;
    c.rootCovered = 6; // 3 of 6: 50.0 %
    c.percent = 50.0;
    return c;
}

// Root "=HYPERLINK(...)" > inner "<img ...>" > leaf "first line\n\nsecond line", and a
// root named with a blank line.
results::TaxonomyResults hostileResults() {
    results::TaxonomyResults r;
    r.categories.push_back(category(kFormula, {kFormula}, 0, std::nullopt));
    r.categories.push_back(category(kImage, {kFormula, kImage}, 1, 0));
    r.categories.push_back(category(kBlankLine, {kFormula, kImage, kBlankLine}, 2, 1));
    r.categories.push_back(category(kBlankLine, {kBlankLine}, 0, std::nullopt));
    r.categories.push_back(category(kImage, {kImage}, 0, std::nullopt));
    return r;
}

} // namespace

TEST_CASE("csv::textField neutralises formula starts; numbers stay numbers", "[csv][hostile]") {
    CHECK(csv::textField(kFormula) == "\"'=HYPERLINK(\"\"http://x\"\"&A2,\"\"Click\"\")\"");
    for (const std::string start : {"=", "+", "-", "@", "\t", "\r"})
        CHECK(csv::textField(start + "1+1") == "\"'" + start + "1+1\"");
    CHECK(csv::textField("plain") == "plain");
    CHECK(csv::textField("a, b") == "\"a, b\"");
    CHECK(csv::textField("") == "");
    CHECK(csv::numberField("-0.12") == "-0.12");
    CHECK(csv::numberField("+1") == "+1");
}

TEST_CASE("Taxonomy CSV: a formula name is text, the counts are numbers", "[csv][hostile]") {
    const auto text = results::toCsv(hostileResults());
    CHECK_THAT(text, Catch::Contains("\r\n\"'=HYPERLINK(\"\"http://x\"\"&A2,\"\"Click\"\")\",0,3,"
                                     "50.0,false\r\n"));
    CHECK_THAT(text, Catch::Contains("\r\n\"'=HYPERLINK(\"\"http://x\"\"&A2,\"\"Click\"\") > "
                                     "<img src=x onerror=alert(1)>\",1,3,50.0,false\r\n"));
    // The blank line stays inside one quoted field.
    CHECK_THAT(text, Catch::Contains("\r\n\"first line\n\nsecond line\",0,3,50.0,false\r\n"));
    // No cell of the file starts a formula: after every separator a cell starts with
    // a quote or a character a spreadsheet takes as text or number.
    CHECK(text.find(",=") == std::string::npos);
    CHECK(text.find("\n=") == std::string::npos);
}

TEST_CASE("Taxonomy Markdown escapes HTML and keeps each row on one line", "[markdown][hostile]") {
    const auto text = results::toMarkdown(hostileResults());
    CHECK(text.find("<img") == std::string::npos);
    CHECK_THAT(text, Catch::Contains("&lt;img src=x onerror=alert(1)&gt;"));
    CHECK_THAT(text, Catch::Contains("**first line  second line**"));
    CHECK(text.find("\n\n|") == std::string::npos);
    // Every table row is one line: header, rule and five categories, then the summary.
    std::size_t rows = 0;
    for (std::size_t at = 0; (at = text.find("\n|", at)) != std::string::npos; ++at)
        ++rows;
    CHECK(rows == 6);
    CHECK(results::markdownEscape("*a* _b_ [c](d) `e` \\ |") ==
          "\\*a\\* \\_b\\_ \\[c\\](d) \\`e\\` \\\\ \\|");
}

TEST_CASE("Taxonomy LaTeX folds line breaks and escapes", "[latex][hostile]") {
    const auto text = results::toLatex(hostileResults());
    CHECK(text.find("\n\n") == std::string::npos);
    CHECK_THAT(text, Catch::Contains("\\textbf{first line  second line}"));
    CHECK_THAT(text, Catch::Contains("\\textbf{=HYPERLINK(\"http://x\"\\&A2,\"Click\")}"));
    CHECK(results::latexEscape(std::string("a\tb\x1b"
                                           "c\rd")) == "a b c d");
}

TEST_CASE("Methods text escapes category paths in Markdown and LaTeX", "[markdown][hostile]") {
    results::MethodsFacts facts;
    facts.decisions = 1;
    facts.arbitrationCategories = {kFormula + " > " + kImage + " > " + kBlankLine};
    const auto md = results::methodsMarkdown(facts);
    CHECK(md.find("<img") == std::string::npos);
    CHECK_THAT(md,
               Catch::Contains("&lt;img src=x onerror=alert(1)&gt; &gt; first line  second line"));
    const auto tex = results::methodsLatex(facts);
    CHECK_THAT(tex, Catch::Contains("first line  second line"));
}

TEST_CASE("Agreement CSV neutralises names but keeps a negative kappa a number",
          "[csv][hostile][agreement]") {
    TAXO_STUDY(study);
    sqlOrFail(study.db(), "UPDATE people SET name = '@Ann' WHERE id = 1");
    REQUIRE(sql::runBound(study.db(), "UPDATE rounds SET name = ? WHERE id = 2", kFormula).ok());
    // Reliability posts 4-6, the coders never agree: kappa is negative. Posts 5 and 6
    // are Mobile's alone, so Unclear stands in for a Server/Cloud leaf there.
    seedLabel(study.db(), 2, 4, 1, {study.id("Procedure")});
    seedLabel(study.db(), 2, 4, 2, {study.id("Input")});
    seedLabel(study.db(), 2, 5, 1, {study.id("Input")});
    seedLabel(study.db(), 2, 5, 2, {}, "unclear");
    seedLabel(study.db(), 2, 6, 1, {}, "unclear");
    seedLabel(study.db(), 2, 6, 2, {study.id("Input")});
    auto agreement = agreement::projectAgreement(study.db());
    REQUIRE(agreement.ok());
    REQUIRE(agreement->overall.kappa);
    REQUIRE(*agreement->overall.kappa < 0);
    const auto text = agreement::agreementCsv(*agreement);
    CHECK_THAT(text, Catch::Contains("\r\ncohen_kappa,overall,\"'=HYPERLINK(\"\"http://x\"\"&A2,"
                                     "\"\"Click\"\")\",,,-0."));
    CHECK_THAT(text, Catch::Contains("\r\ncoder_progress,coder,\"'@Ann\",,,3,"));
    CHECK(text.find(",=") == std::string::npos);
    CHECK(text.find(",@") == std::string::npos);
}

TEST_CASE("Corpus statistics CSV neutralises a set's name", "[csv][hostile][stats]") {
    stats::CorpusStats corpus;
    stats::GroupStats group;
    group.name = kFormula;
    group.total.questions = 2;
    group.total.noAccepted = 1;
    corpus.groups.push_back(group);
    const auto text = stats::toCsv(corpus);
    CHECK_THAT(text, Catch::Contains("\r\n\"'=HYPERLINK(\"\"http://x\"\"&A2,\"\"Click\"\")\",set,"
                                     "all,2,"));
}
