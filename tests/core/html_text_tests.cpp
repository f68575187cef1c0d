#include "core/text/html_text.h"

#include <catch2/catch.hpp>

using taxo::text::decodeEntities;
using taxo::text::foldCase;
using taxo::text::htmlToText;

TEST_CASE("code and pre content is removed for matching", "[text]") {
    CHECK(htmlToText(
              "<p>How to deploy</p><pre><code>server.start()</code></pre><p>on a server?</p>") ==
          "How to deploy on a server?");
    CHECK(htmlToText("<p>use <code>serving</code> here</p>") == "use here");
    CHECK(htmlToText("<p>use <code>serving</code> here</p>", {false}) == "use serving here");
}

TEST_CASE("tags separate words and entities are decoded", "[text]") {
    CHECK(htmlToText("<p>a</p><p>b</p>") == "a b");
    CHECK(htmlToText("x &lt;tag&gt; &amp; &quot;q&quot; &#39;s&#x27;") == "x <tag> & \"q\" 's'");
    CHECK(htmlToText("caf&#233; &nbsp; bar") == "caf\xC3\xA9 bar");
    CHECK(htmlToText("<a href=\"x>y\">link</a> text") == "link text");
}

TEST_CASE("script, style and comments never reach the text", "[text]") {
    CHECK(htmlToText("<script>alert('deploy')</script>ok<style>p{}</style><!-- deploy -->") ==
          "ok");
}

TEST_CASE("malformed HTML degrades to text without failing", "[text]") {
    CHECK(htmlToText("a < b and c<d") == "a < b and c");
    CHECK(htmlToText("<p unterminated") == "");
    CHECK(htmlToText("</code></code>text") == "text");
    CHECK(htmlToText("<pre>never closed deploy") == "");
    CHECK(decodeEntities("&unknown; &#xZZ; & &#;") == "&unknown; &#xZZ; & &#;");
    CHECK(decodeEntities("&#0;") == "\xEF\xBF\xBD");
    CHECK(decodeEntities("&#x110000;") == "\xEF\xBF\xBD");
}

TEST_CASE("case folding is locale independent", "[text]") {
    CHECK(foldCase("TensorFlow SERVING") == "tensorflow serving");
    CHECK(foldCase("\xC3\x89T\xC3\x89") == "\xC3\xA9t\xC3\xA9"); // ÉTÉ -> été
    CHECK(foldCase("\xC5\x81\xC3\x93"
                   "D\xC5\xB9") == "\xC5\x82\xC3\xB3"
                                   "d\xC5\xBA");       // ŁÓDŹ -> łódź
    CHECK(foldCase("\xC5\xB8") == "\xC3\xBF");         // Ÿ -> ÿ
    CHECK(foldCase("\xE4\xB8\xAD") == "\xE4\xB8\xAD"); // CJK unchanged
}

TEST_CASE("escaping for XML and HTML covers markup, quotes and control characters", "[text]") {
    CHECK(taxo::text::escapeXml("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;");
    CHECK(taxo::text::escapeXml("tab\tline\nbell\x07") == "tab\tline\nbell ");
    // What is escaped reads back as the original.
    CHECK(taxo::text::decodeEntities(taxo::text::escapeXml("<p class=\"x\">'&'</p>")) ==
          "<p class=\"x\">'&'</p>");
}
