#include "core/corpus/tags.h"

#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

using taxo::corpus::TagFilter;

namespace {

// The definition the one-pass search must agree with: some "<name>" or "|name|" is in
// the text (decoded form), or "&lt;name&gt;" or "|name|" (as written in the XML file).
bool containsAny(const std::string& text, const std::vector<std::string>& names,
                 const std::string& open, const std::string& close) {
    for (const auto& name : names)
        if (text.find(open + name + close) != std::string::npos ||
            text.find("|" + name + "|") != std::string::npos)
            return true;
    return false;
}

bool onlyMarks(const std::string& escaped) {
    for (auto at = escaped.find('&'); at != std::string::npos; at = escaped.find('&', at + 1))
        if (escaped.compare(at, 4, "&lt;") != 0 && escaped.compare(at, 4, "&gt;") != 0)
            return false;
    return true;
}

} // namespace

TEST_CASE("the tag filter finds a tag in every encoding and nothing else", "[import][tags]") {
    const TagFilter filter({"tensorflow", " Keras ", "c++"});
    CHECK(filter.matchesRaw("<python><tensorflow>"));
    CHECK(filter.matchesRaw("|python|keras|"));
    CHECK(filter.matchesRaw("<c++>"));
    CHECK_FALSE(filter.matchesRaw("<tensorflow2.0><keras-layer>"));
    CHECK_FALSE(filter.matchesRaw("tensorflow"));
    CHECK_FALSE(filter.matchesRaw(""));
    CHECK(filter.matchesEscaped("&lt;python&gt;&lt;tensorflow&gt;") == std::optional<bool>(true));
    CHECK(filter.matchesEscaped("|python|tensorflow|") == std::optional<bool>(true));
    CHECK(filter.matchesEscaped("&lt;pytorch&gt;") == std::optional<bool>(false));
    // Any other reference needs decoding first: the filter cannot tell.
    CHECK(filter.matchesEscaped("&lt;c&#43;&#43;&gt;") == std::nullopt);
    CHECK(filter.matchesEscaped("&lt;tensorflow&gt;&amp;") == std::nullopt);
    CHECK(TagFilter({}).keepsEverything());
}

TEST_CASE("the one-pass tag search agrees with a substring search", "[import][tags]") {
    const std::vector<std::string> names = {"tensorflow", "keras", "tensorflow-lite", "c", "a.b"};
    const TagFilter filter(names);
    const std::vector<std::string> pieces = {"tensorflow", "keras",  "tensorflow-lite",
                                             "lite",       "c",      "a.b",
                                             "ab",         "tensor", "x",
                                             "<",          ">",      "|",
                                             "&lt;",       "&gt;",   "&amp;",
                                             "&lt",        ";",      " "};
    std::mt19937 rng(11);
    for (int round = 0; round < 20000; ++round) {
        std::string text;
        const auto count = rng() % 9;
        for (unsigned i = 0; i < count; ++i)
            text += pieces[rng() % pieces.size()];
        INFO(text);
        CHECK(filter.matchesRaw(text) == containsAny(text, names, "<", ">"));
        const auto escaped = filter.matchesEscaped(text);
        if (!onlyMarks(text)) {
            CHECK(escaped == std::nullopt);
        } else {
            REQUIRE(escaped.has_value());
            CHECK(*escaped == containsAny(text, names, "&lt;", "&gt;"));
        }
    }
}

TEST_CASE("tag names with markup characters fall back to the substring search", "[import][tags]") {
    // Not a tag Stack Exchange allows, but a user may type it.
    const TagFilter filter({"a>b", "x|y"});
    CHECK(filter.matchesRaw("<a>b>"));
    CHECK(filter.matchesRaw("|x|y|"));
    CHECK_FALSE(filter.matchesRaw("<a><b>"));
    CHECK(filter.matchesEscaped("&lt;a>b&gt;") == std::optional<bool>(true));
}
