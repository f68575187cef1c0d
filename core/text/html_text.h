#pragma once
// Plain text from post HTML, for matching rules and for full-text search.

#include <string>
#include <string_view>

namespace taxo::text {

struct HtmlTextOptions {
    // Drop the content of <code> and <pre> (the study matched words outside code snippets).
    bool removeCode = true;
};

// Tags are dropped (block tags become spaces), entities are decoded, the content of
// <script>, <style> and comments is dropped, and runs of white space become one space.
// Malformed HTML never fails: whatever cannot be read as a tag stays as text.
std::string htmlToText(std::string_view html, const HtmlTextOptions& options = {});

// Decodes HTML character references (&amp; &lt; &#39; &#x27; ...). Unknown ones stay as written.
std::string decodeEntities(std::string_view text);

// Escapes text for XML and HTML text and attribute values (& < > " '); control
// characters that XML 1.0 forbids become spaces.
std::string escapeXml(std::string_view text);

// Lower-cases ASCII letters and the Latin-1/Latin Extended-A range of UTF-8 text, for
// case-insensitive matching that does not depend on the locale.
std::string foldCase(std::string_view utf8);

} // namespace taxo::text
