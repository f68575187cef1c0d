#include "core/util/csv.h"

namespace taxo::csv {
namespace {

std::string quoted(std::string_view prefix, std::string_view text) {
    std::string out = "\"";
    out += prefix;
    for (const char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + "\"";
}

bool needsQuotes(std::string_view text) {
    return text.find_first_of(",\"\r\n") != std::string_view::npos;
}

} // namespace

std::string textField(std::string_view text) {
    if (!text.empty()) {
        switch (text.front()) {
        case '=':
        case '+':
        case '-':
        case '@':
        case '\t':
        case '\r':
            return quoted("'", text);
        default:
            break;
        }
    }
    return needsQuotes(text) ? quoted("", text) : std::string(text);
}

std::string numberField(std::string_view text) {
    return needsQuotes(text) ? quoted("", text) : std::string(text);
}

} // namespace taxo::csv
