// libFuzzer target: htmlToText and sanitizeHtml on arbitrary bytes (post bodies are HTML
// from the Internet). The sanitizer's output goes through it once more: what it writes is
// input the viewer may see again.
#include "core/text/html_text.h"
#include "core/text/safe_html.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view html(reinterpret_cast<const char*>(data), size);
    (void)taxo::text::htmlToText(html);
    (void)taxo::text::foldCase(html);
    const auto safe = taxo::text::sanitizeHtml(html);
    (void)taxo::text::sanitizeHtml(safe.html);
    return 0;
}
