#pragma once
// Post HTML made safe to show: only the elements posts use for text (paragraphs,
// lists, code, links, images, tables...) survive, with only the attributes that carry
// meaning (a href, img src/alt); scripts, styles, frames and event handlers are
// dropped with their content, and links to javascript:, data: or file: lose their target.
// Very long HTML is cut at a size limit, and very long tables at a row limit, so
// that a post of a megabyte of code still shows at once; the result says so and
// the viewer adds a note.

#include <cstddef>
#include <string>
#include <string_view>

namespace taxo::text {

struct SafeHtmlOptions {
    // Bytes of output after which the rest is left out (0: no limit).
    std::size_t maxBytes = 200'000;
    // Rows kept per table (0: all). A table of thousands of rows takes the text
    // layout seconds, and a reader gets its shape from the first few hundred.
    std::size_t maxTableRows = 300;
};

struct SafeHtml {
    std::string html;            // well nested: every element opened here is closed here
    bool truncated = false;      // the input was longer than maxBytes
    std::size_t rowsLeftOut = 0; // table rows beyond maxTableRows, dropped
};

SafeHtml sanitizeHtml(std::string_view html, const SafeHtmlOptions& options = {});

} // namespace taxo::text
