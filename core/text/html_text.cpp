#include "core/text/html_text.h"

#include "core/util/char_reference.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

namespace taxo::text {
namespace {

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
char lowerAscii(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

void appendUtf8(std::string& out, std::uint32_t cp) {
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

struct NamedEntity {
    const char* name;
    std::uint32_t codePoint;
};

// The references that occur in Stack Exchange bodies; others stay as written.
constexpr std::array<NamedEntity, 24> kNamed = {{
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},      {"apos", '\''},
    {"nbsp", 0xA0},    {"copy", 0xA9},    {"reg", 0xAE},     {"hellip", 0x2026}, {"mdash", 0x2014},
    {"ndash", 0x2013}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C},  {"rdquo", 0x201D},
    {"bull", 0x2022},  {"middot", 0xB7},  {"times", 0xD7},   {"divide", 0xF7},   {"deg", 0xB0},
    {"euro", 0x20AC},  {"trade", 0x2122}, {"larr", 0x2190},  {"rarr", 0x2192},
}};

// Decodes one reference starting at text[i] == '&'; returns the characters consumed, or 0.
std::size_t decodeOne(std::string_view text, std::size_t i, std::string& out) {
    const std::size_t semicolon = text.find(';', i + 1);
    if (semicolon == std::string_view::npos || semicolon - i > 12)
        return 0;
    const std::string_view body = text.substr(i + 1, semicolon - i - 1);
    if (body.empty())
        return 0;
    if (body[0] == '#') {
        std::uint32_t cp = 0;
        const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
        const std::size_t start = hex ? 2 : 1;
        if (start >= body.size())
            return 0;
        for (std::size_t k = start; k < body.size(); ++k) {
            const int digit = util::referenceDigit(body[k], hex);
            if (digit < 0)
                return 0;
            cp = util::appendReferenceDigit(cp, digit, hex); // past 0x10FFFF: replaced below
        }
        appendUtf8(out, cp);
        return semicolon - i + 1;
    }
    for (const auto& entity : kNamed) {
        if (body == entity.name) {
            appendUtf8(out, entity.codePoint);
            return semicolon - i + 1;
        }
    }
    return 0;
}

} // namespace

std::string decodeEntities(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '&') {
            if (const std::size_t used = decodeOne(text, i, out); used > 0) {
                i += used;
                continue;
            }
            out += '&';
            ++i;
            continue;
        }
        // The text up to the next reference in one piece.
        const std::size_t next = std::min(text.find('&', i), text.size());
        out.append(text, i, next - i);
        i = next;
    }
    return out;
}

std::string htmlToText(std::string_view html, const HtmlTextOptions& options) {
    std::string raw;
    raw.reserve(html.size());
    // Depth of elements whose content is dropped; nested <pre><code> counts twice.
    int skipDepth = 0;
    std::size_t i = 0;
    const std::size_t n = html.size();
    while (i < n) {
        const char c = html[i];
        if (c != '<') {
            // The text up to the next tag in one piece.
            const std::size_t next = std::min(html.find('<', i), n);
            if (skipDepth == 0)
                raw.append(html, i, next - i);
            i = next;
            continue;
        }
        if (html.compare(i, 4, "<!--") == 0) {
            const std::size_t end = html.find("-->", i + 4);
            i = end == std::string_view::npos ? n : end + 3;
            continue;
        }
        std::size_t j = i + 1;
        const bool closing = j < n && html[j] == '/';
        if (closing)
            ++j;
        const std::size_t nameStart = j;
        while (j < n && ((html[j] >= 'a' && html[j] <= 'z') || (html[j] >= 'A' && html[j] <= 'Z') ||
                         (html[j] >= '0' && html[j] <= '9')))
            ++j;
        if (j == nameStart) {
            // Not a tag ("a < b"): keep the character as text.
            if (skipDepth == 0)
                raw += c;
            ++i;
            continue;
        }
        std::string name(html.substr(nameStart, j - nameStart));
        std::transform(name.begin(), name.end(), name.begin(), lowerAscii);
        // Find the end of the tag, honouring quoted attribute values.
        char quote = 0;
        while (j < n) {
            const char d = html[j];
            if (quote) {
                if (d == quote)
                    quote = 0;
            } else if (d == '"' || d == '\'') {
                quote = d;
            } else if (d == '>') {
                break;
            }
            ++j;
        }
        const bool selfClosing = j > 0 && j < n && html[j - 1] == '/';
        i = j < n ? j + 1 : n;

        const bool dropsContent = (name == "script") || (name == "style") ||
                                  (options.removeCode && ((name == "code") || (name == "pre")));
        if (dropsContent && !selfClosing) {
            if (closing)
                skipDepth = std::max(0, skipDepth - 1);
            else
                ++skipDepth;
        }
        // Every tag separates words, so "<p>a</p><p>b</p>" never reads as "ab".
        if (skipDepth == 0)
            raw += ' ';
    }

    const std::string decoded = decodeEntities(raw);
    std::string out;
    out.reserve(decoded.size());
    bool pendingSpace = false;
    for (std::size_t k = 0; k < decoded.size(); ++k) {
        const char d = decoded[k];
        // U+00A0 (no-break space) counts as white space.
        const bool nbsp = static_cast<unsigned char>(d) == 0xC2 && k + 1 < decoded.size() &&
                          static_cast<unsigned char>(decoded[k + 1]) == 0xA0;
        if (isSpace(d) || nbsp) {
            pendingSpace = !out.empty();
            if (nbsp)
                ++k;
            continue;
        }
        if (pendingSpace)
            out += ' ';
        pendingSpace = false;
        out += d;
    }
    return out;
}

std::string escapeXml(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;"; // understood by HTML 4 viewers as well as by XML
            break;
        default:
            // Control characters are not allowed in XML 1.0 text.
            if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n')
                out += ' ';
            else
                out += c;
        }
    }
    return out;
}

std::string foldCase(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const auto b = static_cast<unsigned char>(utf8[i]);
        if (b < 0x80) {
            out += lowerAscii(static_cast<char>(b));
            continue;
        }
        // Two-byte sequences: Latin-1 Supplement and Latin Extended-A.
        if ((b == 0xC3 || b == 0xC4 || b == 0xC5) && i + 1 < utf8.size()) {
            const auto c = static_cast<unsigned char>(utf8[i + 1]);
            std::uint32_t cp = ((b & 0x1Fu) << 6) | (c & 0x3Fu);
            if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
                cp += 0x20;
            else if (cp == 0x178)
                cp = 0xFF;
            else if (cp >= 0x100 && cp <= 0x17E && cp != 0x130 && cp != 0x131 && cp != 0x138 &&
                     cp != 0x149) {
                // Upper and lower case alternate; the runs from U+0139 and U+0179 start odd.
                const bool oddUpper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
                if (oddUpper ? (cp % 2 == 1) : (cp % 2 == 0))
                    cp += 1;
            }
            appendUtf8(out, cp);
            ++i;
            continue;
        }
        out += static_cast<char>(b);
    }
    return out;
}

} // namespace taxo::text
