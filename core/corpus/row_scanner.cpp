#include "core/corpus/row_scanner.h"

#include <array>
#include <cstdint>

namespace taxo::corpus {
namespace {

bool isNameStart(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}
bool isNameChar(unsigned char c) {
    return isNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}
bool isSpace(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool isXmlChar(std::uint32_t cp) {
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
           (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

// Printable ASCII other than the quotes, '<' and '&': needs no check in a value.
constexpr auto kPlain = [] {
    std::array<bool, 256> table{};
    for (int c = 0x20; c < 0x80; ++c)
        table[static_cast<std::size_t>(c)] =
            c != '"' && c != '\'' && c != '<' && c != '&' && c != 0x7F;
    return table;
}();

enum class Check { Ok, NeedMore, Bad };

// One UTF-8 sequence starting at text[i]; advances i.
Check utf8(std::string_view text, std::size_t& i) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
        if (!isXmlChar(c))
            return Check::Bad;
        ++i;
        return Check::Ok;
    }
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
        return Check::Bad;
    }
    if (i + length > text.size())
        return Check::NeedMore;
    for (std::size_t k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[i + k]);
        if ((next & 0xC0) != 0x80)
            return Check::Bad;
        cp = (cp << 6) | (next & 0x3F);
    }
    static constexpr std::uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinimum[length] || !isXmlChar(cp))
        return Check::Bad;
    i += length;
    return Check::Ok;
}

// A reference starting at text[i] == '&'; advances i past the ';'.
Check reference(std::string_view text, std::size_t& i) {
    const auto semicolon = text.find(';', i);
    if (semicolon == std::string_view::npos)
        return text.size() - i > 12 ? Check::Bad : Check::NeedMore;
    const std::string_view body = text.substr(i + 1, semicolon - i - 1);
    if (body == "lt" || body == "gt" || body == "amp" || body == "quot" || body == "apos") {
        i = semicolon + 1;
        return Check::Ok;
    }
    if (body.size() < 2 || body.size() > 10 || body[0] != '#')
        return Check::Bad;
    std::uint32_t cp = 0;
    const bool hex = body[1] == 'x';
    const std::size_t start = hex ? 2 : 1;
    if (start >= body.size())
        return Check::Bad;
    for (std::size_t k = start; k < body.size(); ++k) {
        const char d = body[k];
        std::uint32_t digit = 0;
        if (d >= '0' && d <= '9')
            digit = static_cast<std::uint32_t>(d - '0');
        else if (hex && d >= 'a' && d <= 'f')
            digit = static_cast<std::uint32_t>(d - 'a' + 10);
        else if (hex && d >= 'A' && d <= 'F')
            digit = static_cast<std::uint32_t>(d - 'A' + 10);
        else
            return Check::Bad;
        cp = cp * (hex ? 16 : 10) + digit;
        if (cp > 0x10FFFF)
            return Check::Bad;
    }
    if (!isXmlChar(cp))
        return Check::Bad;
    i = semicolon + 1;
    return Check::Ok;
}

} // namespace

ScanResult scanRow(std::string_view text, std::size_t& length, RawRow& row) {
    static constexpr std::string_view kOpen = "<row";
    if (text.size() < kOpen.size() + 1)
        return text.substr(0, text.size()) == kOpen.substr(0, text.size()) ? ScanResult::NeedMore
                                                                           : ScanResult::Other;
    if (text.substr(0, kOpen.size()) != kOpen || !isSpace(static_cast<unsigned char>(text[4])))
        return ScanResult::Other;
    row.count = 0;
    row.newlines = 0;
    std::size_t i = kOpen.size();
    const std::size_t n = text.size();
    while (true) {
        const std::size_t beforeSpace = i;
        while (i < n && isSpace(static_cast<unsigned char>(text[i]))) {
            if (text[i] == '\n')
                ++row.newlines;
            ++i;
        }
        if (i >= n)
            return ScanResult::NeedMore;
        if (text[i] == '/') {
            if (i + 1 >= n)
                return ScanResult::NeedMore;
            if (text[i + 1] != '>')
                return ScanResult::Other;
            length = i + 2;
            return ScanResult::Row;
        }
        // Attributes are separated by white space.
        if (i == beforeSpace || !isNameStart(static_cast<unsigned char>(text[i])))
            return ScanResult::Other;
        const std::size_t nameStart = i;
        while (i < n && isNameChar(static_cast<unsigned char>(text[i])))
            ++i;
        if (i + 2 >= n)
            return ScanResult::NeedMore;
        // The dumps write name="value" with nothing around the '='.
        if (text[i] != '=' || (text[i + 1] != '"' && text[i + 1] != '\''))
            return ScanResult::Other;
        const std::string_view name = text.substr(nameStart, i - nameStart);
        const char quote = text[i + 1];
        i += 2;
        const std::size_t valueStart = i;
        while (true) {
            // Most bytes of a body are printable ASCII: step over them without the checks.
            while (i < n && kPlain[static_cast<unsigned char>(text[i])])
                ++i;
            if (i >= n)
                return ScanResult::NeedMore;
            const char c = text[i];
            if (c == quote)
                break;
            if (c == '"' || c == '\'') {
                ++i; // the other quote character is plain text here
                continue;
            }
            if (c == '\n')
                ++row.newlines;
            if (c == '<')
                return ScanResult::Other;
            Check check = c == '&' ? reference(text, i) : utf8(text, i);
            if (check == Check::NeedMore)
                return ScanResult::NeedMore;
            if (check == Check::Bad)
                return ScanResult::Other;
        }
        if (row.count == RawRow::kMaxAttributes)
            return ScanResult::Other;
        for (std::size_t k = 0; k < row.count; ++k)
            if (row.attributes[k].name == name)
                return ScanResult::Other;
        row.attributes[row.count++] = {name, text.substr(valueStart, i - valueStart)};
        ++i; // the closing quote
    }
}

} // namespace taxo::corpus
