#include "core/util/text_rules.h"

#include <cstdint>
#include <cstdio>

namespace taxo {
namespace {

bool forbidden(unsigned char byte) {
    return byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r';
}

std::string hexEscape(const char* format, unsigned value) {
    char text[32]; // "the byte 0xFF" and " (0x1F)" with room to spare
    std::snprintf(text, sizeof text, format, value);
    return text;
}

} // namespace

std::size_t utf8SequenceLength(std::string_view text, std::size_t i) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
        length = 2;
        cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        length = 3;
        cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        length = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (i + length > text.size())
        return 0;
    for (std::size_t k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[i + k]);
        if ((next & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (next & 0x3F);
    }
    static constexpr std::uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinimum[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return length;
}

namespace {

std::string shown(std::string_view text, bool keepLineBreaks) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if ((c < 0x20 && !(keepLineBreaks && c == '\n')) || c == 0x7f)
                out += hexEscape("\\x%02x", c);
            else
                out += static_cast<char>(c);
            ++i;
            continue;
        }
        const std::size_t length = utf8SequenceLength(text, i);
        if (length == 0) {
            out += "\xEF\xBF\xBD"; // U+FFFD
            ++i;
            continue;
        }
        // C1 controls U+0080..U+009F are C2 80..C2 9F in UTF-8.
        const auto next = static_cast<unsigned char>(text[i + 1]);
        if (c == 0xC2 && next <= 0x9F)
            out += hexEscape("\\u%04x", next);
        else
            out.append(text.substr(i, length));
        i += length;
    }
    return out;
}

} // namespace

std::optional<std::size_t> findForbiddenControl(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i)
        if (forbidden(static_cast<unsigned char>(text[i])))
            return i;
    return std::nullopt;
}

std::string describeControl(unsigned char byte) {
    if (byte == 0)
        return "a NUL byte (0x00)";
    static constexpr const char* kNames[32] = {
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS",  "HT",  "LF",
        "VT",  "FF",  "CR",  "SO",  "SI",  "DLE", "DC1", "DC2", "DC3", "DC4", "NAK",
        "SYN", "ETB", "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};
    if (byte < 0x20)
        return std::string("the control character ") + kNames[byte] + hexEscape(" (0x%02X)", byte);
    return hexEscape("the byte 0x%02X", byte);
}

std::string printable(std::string_view text) {
    return shown(text, false);
}

std::string printableLines(std::string_view text) {
    return shown(text, true);
}

} // namespace taxo
