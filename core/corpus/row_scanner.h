#pragma once
// A quick look at one dump row before expat: most rows of a large dump are rejected
// on Id, PostTypeId, ParentId or Tags alone, and decoding all their attributes (the
// body especially) is where a full XML parse spends its time. The scanner accepts
// only the plain form the dumps use, `<row a="v" b="v" ... />`, and checks every byte
// of it (UTF-8, XML characters, entity and character references, no '<' in values,
// no repeated attribute); anything else goes to expat unchanged, which decides.

#include <array>
#include <cstddef>
#include <string_view>

namespace taxo::corpus {

struct RawRow {
    static constexpr std::size_t kMaxAttributes = 48;
    struct Attribute {
        std::string_view name;
        std::string_view value; // still escaped, as written in the file
    };
    std::array<Attribute, kMaxAttributes> attributes{};
    std::size_t count = 0;
    std::size_t newlines = 0; // line breaks inside the row, to keep line numbers right

    // The raw value, or an empty view with found = false.
    std::string_view find(std::string_view name, bool& found) const {
        for (std::size_t i = 0; i < count; ++i)
            if (attributes[i].name == name) {
                found = true;
                return attributes[i].value;
            }
        found = false;
        return {};
    }
};

enum class ScanResult {
    Row,      // a complete, well-formed plain row of `length` bytes
    NeedMore, // the text ends inside what may be a plain row
    Other,    // not a plain row: let expat read it
};

// `text` starts at '<'.
ScanResult scanRow(std::string_view text, std::size_t& length, RawRow& row);

} // namespace taxo::corpus
