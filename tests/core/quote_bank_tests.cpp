// The quote bank (taxo export --format quotes-md|quotes-latex|quotes-csv): each category's
// final quotes in the codebook's order with post, link and coders, in an order that does
// not depend on when things were made, and every text from data neutral in each format.

#include "core/corpus/post_parts.h"
#include "core/corpus/post_ref.h"
#include "core/labels/labels.h"
#include "core/results/quote_bank.h"
#include "core/results/results_files.h"
#include "core/util/files.h"
#include "study_fixture.h"

#include <algorithm>
#include <catch2/catch.hpp>

namespace cp = taxo::corpus;
namespace lb = taxo::labels;
namespace rs = taxo::results;

namespace {

constexpr std::int64_t kReliability = 2;
constexpr std::int64_t kAnn = 1;
constexpr std::int64_t kBo = 2;

// Post 4 (Stack Overflow) holds LaTeX specials, HTML and a formula in its title and body;
// post 5 comes from a CSV file (no site); post 6 from a Stack Exchange site by host.
std::vector<cp::PostEntry> hostilePosts() {
    auto posts = taxo::test::studyPosts();
    posts[3].title = "=HYPERLINK(\"http://x\")\t<b>bold</b> 100% $\\alpha$ #1 {x}";
    posts[3].body = "<p>=cmd|' /C calc'!A0 and 50% of $x_1 &amp; {y}#~^\\ with "
                    "&lt;script&gt;alert(1)&lt;/script&gt; [link](javascript:x)</p>";
    posts[4].source = "survey";
    posts[4].sourceId = "r17";
    posts[4].title = "Camera input";
    posts[4].body = "<p>Images come in as *bytes* from the camera.</p>";
    posts[5].source = "cardano.stackexchange.com";
    posts[5].sourceId = "42";
    posts[5].title = "Tensors";
    posts[5].body = "<p>Feed the tensor to the model.</p>";
    return posts;
}

lb::Quote quoteOf(taxo::sql::Database& db, std::int64_t post, std::string_view selection,
                  taxo::codebook::CategoryId category) {
    auto loaded = cp::loadPost(db, post);
    REQUIRE(loaded.ok());
    auto located = cp::locatePassage(cp::postParts(*loaded), selection, 0.0);
    INFO((located.ok() ? std::string("ok") : located.message()));
    REQUIRE(located.ok());
    return lb::quoteOfPassage(*located, category);
}

struct Bank {
    std::string md, latex, csv;
};

// The same labels and quotes, saved in the order given or in the reverse order, with each
// label's quotes attached in reverse too; the post 6 body then changes (a flagged quote).
Bank exportedBank(bool reversed) {
    taxo::test::TempDir dir;
    taxo::test::Study study{taxo::test::makeProject(dir), {}};
    auto& db = study.db();
    taxo::test::seedStudy(db, hostilePosts());
    taxo::test::seedCodebook(study);
    const auto format = study.id("Format");
    const auto input = study.id("Input");
    const auto formula = quoteOf(db, 4, "=cmd|' /C calc'!A0", format);
    const auto specials = quoteOf(db, 4, "50% of $x_1 & {y}#~^\\", format);
    const auto script = quoteOf(db, 4, "<script>alert(1)</script> [link](javascript:x)", format);
    const auto bytes = quoteOf(db, 5, "*bytes* from the camera", input);
    const auto tensor = quoteOf(db, 6, "Feed the tensor", input);

    struct Saved {
        std::int64_t post, coder;
        std::vector<taxo::codebook::CategoryId> categories;
        std::vector<lb::Quote> quotes;
    };
    std::vector<Saved> labels = {{4, kAnn, {format}, {formula, specials}},
                                 {4, kBo, {format}, {specials, script}},
                                 {5, kAnn, {input}, {bytes}},
                                 {5, kBo, {input}, {}},
                                 {6, kAnn, {input}, {}},
                                 {6, kBo, {input}, {tensor}}};
    if (reversed) {
        std::reverse(labels.begin(), labels.end());
        for (auto& label : labels)
            std::reverse(label.quotes.begin(), label.quotes.end());
    }
    for (const auto& label : labels) {
        lb::LabelContent content;
        content.categories = label.categories;
        content.quotes = label.quotes;
        auto saved = lb::saveLabel(db, {kReliability, label.post, label.coder}, content);
        INFO((saved.ok() ? std::string("ok") : saved.message()));
        REQUIRE(saved.ok());
    }
    REQUIRE(taxo::sql::runBound(db, "UPDATE posts SET body = ? WHERE id = 6",
                                "<p>Feed a tensor to the model.</p>")
                .ok());

    rs::ResultsOptions options;
    options.allowUnresolved = true; // the pilot's posts have no labels here
    Bank bank;
    for (auto [name, text] :
         {std::pair{"quotes-md", &bank.md}, std::pair{"quotes-latex", &bank.latex},
          std::pair{"quotes-csv", &bank.csv}}) {
        auto content = rs::resultContent(db, name, options);
        INFO((content.ok() ? std::string("ok") : content.message()));
        REQUIRE(content.ok());
        *text = *content;
    }
    // Refused without --allow-unresolved, as every export built on the results.
    CHECK_FALSE(rs::resultContent(db, "quotes-md").ok());
    return bank;
}

std::vector<std::string> lines(const std::string& text, const std::string& end = "\n") {
    std::vector<std::string> out;
    std::size_t at = 0;
    for (auto next = text.find(end); next != std::string::npos; next = text.find(end, at)) {
        out.push_back(text.substr(at, next - at));
        at = next + end.size();
    }
    return out;
}

} // namespace

TEST_CASE("a post's site and link come from its source", "[quotes][quote-bank]") {
    CHECK(cp::postSite("stackoverflow") == "stackoverflow.com");
    CHECK(cp::postSite("cardano.stackexchange.com") == "cardano.stackexchange.com");
    CHECK(cp::postSite("survey").empty());
    CHECK(cp::postSite("my data.csv").empty()); // not a host: a space
    CHECK(cp::postSite("a.b/c").empty());
    CHECK(cp::postSite("x}.com").empty());
    CHECK(cp::postLink({0, "stackoverflow", "4288"}) == "https://stackoverflow.com/q/4288");
    CHECK(cp::postLink({0, "stackoverflow", "42a"}).empty());
    CHECK(cp::postLink({0, "survey", "17"}).empty());
    CHECK(rs::latexUrl("https://x.com/q/1#a%20b") == "https://x.com/q/1\\#a\\%20b");
    CHECK(rs::latexUrl("https://x.com/{}\\") == "https://x.com/\\%7B\\%7D\\%5C");
}

TEST_CASE("the quote bank's order does not depend on the order quotes were made",
          "[quotes][quote-bank]") {
    const auto first = exportedBank(false);
    const auto second = exportedBank(true);
    CHECK(first.md == second.md);
    CHECK(first.latex == second.latex);
    CHECK(first.csv == second.csv);
}

TEST_CASE("quote bank CSV: codebook order, links, coders, flags, neutral cells",
          "[quotes][quote-bank][hostile]") {
    const auto csv = lines(exportedBank(false).csv, "\r\n");
    // Format before Input (codebook order); in Input, cardano.stackexchange.com before
    // stackoverflow before survey (canonical post order), not the posts' ids 5, 6.
    // Titles' TAB stays inside a quoted cell; formulas are neutralised.
    const std::vector<std::string> expected = {
        "root,category,post_id,title,link,part,start,end,quote,quoted_by,state",
        "Server/Cloud,Server/Cloud > Request > "
        "Format,1004,\"'=HYPERLINK(\"\"http://x\"\")\t<b>bold</b> "
        "100% $\\alpha$ #1 {x}\",https://stackoverflow.com/q/1004,body,0,18,\"'=cmd|' /C "
        "calc'!A0\",Ann,intact",
        "Server/Cloud,Server/Cloud > Request > "
        "Format,1004,\"'=HYPERLINK(\"\"http://x\"\")\t<b>bold</b> "
        "100% $\\alpha$ #1 {x}\",https://stackoverflow.com/q/1004,body,23,44,50% of $x_1 & "
        "{y}#~^\\,Ann; Bo,intact",
        "Server/Cloud,Server/Cloud > Request > "
        "Format,1004,\"'=HYPERLINK(\"\"http://x\"\")\t<b>bold</b> "
        "100% $\\alpha$ #1 "
        "{x}\",https://stackoverflow.com/q/1004,body,50,96,<script>alert(1)</script> "
        "[link](javascript:x),Bo,intact",
        "Mobile,Mobile > Data > Input,42,Tensors,https://cardano.stackexchange.com/q/42,body,0,15,"
        "Feed the tensor,Bo,text changed",
        "Mobile,Mobile > Data > Input,r17,Camera input,post r17 (source survey),body,18,41,*bytes* "
        "from the camera,Ann,intact"};
    CHECK(csv == expected);
}

TEST_CASE("quote bank Markdown escapes HTML and Markdown and marks flagged quotes",
          "[quotes][quote-bank][hostile]") {
    const auto md = exportedBank(false).md;
    CHECK(md.find("<script>") == std::string::npos);
    CHECK(md.find("<b>") == std::string::npos);
    CHECK(md.find("[link](") == std::string::npos); // the link is not a link
    CHECK(md.find("\t") == std::string::npos);
    const auto text = lines(md);
    CHECK(text.at(0) == "# Quote bank");
    const auto at = [&](const std::string& line) {
        return std::find(text.begin(), text.end(), line) - text.begin();
    };
    const std::string title =
        ": =HYPERLINK(\"http://x\") &lt;b&gt;bold&lt;/b&gt; 100% $\\\\alpha$ #1 {x}";
    CHECK(at("## Server/Cloud") < at("### Server/Cloud > Model Export"));
    CHECK(at("### Server/Cloud > Request > Format") < at("## Mobile"));
    CHECK(at("- \u201c&lt;script&gt;alert(1)&lt;/script&gt; \\[link\\](javascript:x)\u201d \u2014 "
             "[post 1004](https://stackoverflow.com/q/1004)" +
             title + "; quoted by Bo") < static_cast<long>(text.size()));
    CHECK(at("- \u201c\\*bytes\\* from the camera\u201d \u2014 post r17 (source survey): Camera "
             "input; quoted by Ann") < static_cast<long>(text.size()));
    CHECK(at("- \u201cFeed the tensor\u201d \u2014 [post "
             "42](https://cardano.stackexchange.com/q/42): "
             "Tensors; quoted by Bo **(flagged: the text of the body changed since it was "
             "quoted)**") < static_cast<long>(text.size()));
    CHECK(md.find("### Mobile > Data\n\nNo quotes.\n") != std::string::npos);
}

TEST_CASE("quote bank LaTeX escapes every special and links with \\href",
          "[quotes][quote-bank][hostile]") {
    const auto tex = exportedBank(false).latex;
    CHECK(tex.find("\\item ``50\\% of \\$x\\_1 \\& \\{y\\}\\#\\textasciitilde{}\\textasciicircum{}"
                   "\\textbackslash{}'' --- \\href{https://stackoverflow.com/q/1004}{post 1004}: "
                   "=HYPERLINK(\"http://x\") <b>bold</b> 100\\% \\$\\textbackslash{}alpha\\$ \\#1 "
                   "\\{x\\}; quoted by Ann, Bo\n") != std::string::npos);
    CHECK(tex.find("\\item ``Feed the tensor'' --- \\href{https://cardano.stackexchange.com/q/42}"
                   "{post 42}: Tensors; quoted by Bo \\textbf{(flagged: the text of the body "
                   "changed since it was quoted)}\n") != std::string::npos);
    CHECK(tex.find("post r17 (source survey): Camera input") != std::string::npos);
    CHECK(
        tex.find("\\subsubsection*{Server/Cloud \\textgreater{} Request \\textgreater{} Format}") !=
        std::string::npos);
    CHECK(tex.find('\t') == std::string::npos);
}

TEST_CASE("a quote's citation names the post and links it", "[quotes][quote-bank]") {
    rs::BankQuote quote;
    quote.quote.quote.text = "how can I use that model in android";
    quote.post = {1, "stackoverflow", "4288"};
    quote.title = "Model on Android";
    quote.link = cp::postLink(quote.post);
    CHECK(rs::quoteCitation(quote) == "\u201chow can I use that model in android\u201d (post 4288, "
                                      "https://stackoverflow.com/q/4288)");
    CHECK(rs::quotePostName(quote) == "post 4288 \u2014 Model on Android");
    quote.post = {1, "survey", "r17"};
    quote.link = cp::postLink(quote.post);
    CHECK(rs::quoteCitation(quote) ==
          "\u201chow can I use that model in android\u201d (post r17, source survey)");
}

TEST_CASE("taxo export writes the quote bank", "[quotes][quote-bank][cli]") {
    taxo::test::TempDir dir;
    {
        taxo::test::Study study{taxo::test::makeProject(dir), {}};
        taxo::test::seedStudy(study.db(), hostilePosts());
        taxo::test::seedCodebook(study);
    }
    const auto out = dir.file("bank.md");
    const auto run = taxo::test::runCli({"export", dir.file("study.taxo"), "--format", "quotes-md",
                                         "--out", out, "--allow-unresolved"});
    INFO(run.err);
    REQUIRE(run.code == 0);
    CHECK(taxo::files::readAll(out)->starts_with("# Quote bank\n"));
    CHECK(rs::resultFileSuffix("quotes-md") == "md");
    CHECK(rs::resultFileSuffix("quotes-latex") == "tex");
    CHECK(rs::resultFileSuffix("quotes-csv") == "csv");
}
