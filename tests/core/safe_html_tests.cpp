#include "core/text/safe_html.h"

#include <catch2/catch.hpp>

using taxo::text::SafeHtmlOptions;
using taxo::text::sanitizeHtml;

TEST_CASE("post markup that carries text survives sanitizing", "[safe_html]") {
    const std::string html = "<p>Use <code>a &lt; b</code> and <strong>bold</strong><br/>line</p>"
                             "<pre><code>int main() {}\n</code></pre><ul><li>one</li></ul>"
                             "<blockquote><p>quoted</p></blockquote><h2>Head</h2>";
    const auto safe = sanitizeHtml(html);
    CHECK_FALSE(safe.truncated);
    CHECK(safe.html == "<p>Use <code>a &lt; b</code> and <strong>bold</strong><br>line</p>"
                       "<pre><code>int main() {}\n</code></pre><ul><li>one</li></ul>"
                       "<blockquote><p>quoted</p></blockquote><h2>Head</h2>");
}

TEST_CASE("scripts, styles, frames and event handlers are dropped", "[safe_html]") {
    const auto safe =
        sanitizeHtml("<p onclick=\"steal()\" style=\"color:red\" class=\"x\">hi</p>"
                     "<script>alert(1)</script><SCRIPT type=x>alert(2)</SCRIPT >"
                     "<style>p{display:none}</style><iframe src=\"https://evil\">frame</iframe>"
                     "<!-- a comment <script> --><object data=x><embed src=y></object>after");
    CHECK(safe.html == "<p>hi</p>after");
}

TEST_CASE("links keep only safe targets; images keep their address", "[safe_html]") {
    const auto safe =
        sanitizeHtml("<a href=\"https://example.org/?a=1&amp;b=2\" rel=\"nofollow\">web</a>"
                     "<a href=\"javascript:alert(1)\">js</a><a href=' JaVaScRiPt:x'>js2</a>"
                     "<a href=\"/questions/1\">relative</a><a href=\"file:///etc/passwd\">file</a>"
                     "<img src=\"https://i.stack.imgur.com/x.png\" alt=\"a &quot;diagram&quot;\" "
                     "onerror=\"x()\" width=\"9999\">");
    CHECK(safe.html == "<a href=\"https://example.org/?a=1&amp;b=2\">web</a><a>js</a><a>js2</a>"
                       "<a href=\"/questions/1\">relative</a><a>file</a>"
                       "<img src=\"https://i.stack.imgur.com/x.png\" "
                       "alt=\"a &quot;diagram&quot;\">");
}

TEST_CASE("broken markup never fails and always comes out well nested", "[safe_html]") {
    CHECK(sanitizeHtml("a < b and <p>open").html == "a &lt; b and <p>open</p>");
    CHECK(sanitizeHtml("<b><i>x</b>y</i>").html == "<b><i>x</i></b>y");
    CHECK(sanitizeHtml("</p>stray close").html == "stray close");
    CHECK(sanitizeHtml("<a href=\"unterminated>x").html == "&lt;a href=\"unterminated>x");
    CHECK(sanitizeHtml("<script>never closed").html.empty());
    CHECK(sanitizeHtml("<unknown>kept text</unknown>").html == "kept text");
    CHECK(sanitizeHtml("").html.empty());
}

TEST_CASE("huge posts are cut at the limit, on a character boundary", "[safe_html]") {
    std::string code = "<pre><code>";
    for (int i = 0; i < 100000; ++i)
        code += "x = \xC3\xA9; // &amp;\n"; // about 2 MB with a two-byte character
    code += "</code></pre><p>end</p>";
    SafeHtmlOptions options;
    options.maxBytes = 1000;
    const auto safe = sanitizeHtml(code, options);
    CHECK(safe.truncated);
    CHECK(safe.html.size() <= 1000 + 20);
    CHECK(safe.html.rfind("</code></pre>") == safe.html.size() - 13);
    // No entity or UTF-8 sequence is cut in the middle.
    const std::string body = safe.html.substr(0, safe.html.size() - 13);
    const auto lastAmp = body.rfind('&');
    CHECK(body.find(';', lastAmp) != std::string::npos);
    CHECK(static_cast<unsigned char>(body.back()) != 0xC3); // a lead byte without its partner

    options.maxBytes = 0;
    CHECK_FALSE(sanitizeHtml(code, options).truncated);
    CHECK_FALSE(sanitizeHtml("<p>short</p>").truncated);
}

TEST_CASE("huge tables keep their first rows, each table counted alone", "[safe_html]") {
    std::string html = "<table>";
    for (int row = 0; row < 1000; ++row)
        html += "<tr><td>r" + std::to_string(row) + "</td><td><script>x()</script>v</td></tr>";
    html += "</table><table><tr><td>second</td></tr></table><p>after</p>";
    SafeHtmlOptions options;
    options.maxBytes = 0;
    options.maxTableRows = 300;
    const auto safe = sanitizeHtml(html, options);
    CHECK(safe.rowsLeftOut == 700);
    CHECK_FALSE(safe.truncated);
    std::size_t rows = 0;
    for (std::size_t at = safe.html.find("<tr>"); at != std::string::npos;
         at = safe.html.find("<tr>", at + 1))
        ++rows;
    CHECK(rows == 301); // 300 of the first table, 1 of the second
    CHECK(safe.html.find("r299") != std::string::npos);
    CHECK(safe.html.find("r300") == std::string::npos);
    CHECK(safe.html.find("script") == std::string::npos);
    CHECK(safe.html.find("<td>second</td>") != std::string::npos);
    CHECK(safe.html.substr(safe.html.size() - 12) == "<p>after</p>");
    // No limit: every row stays.
    options.maxTableRows = 0;
    CHECK(sanitizeHtml(html, options).rowsLeftOut == 0);
}
