#pragma once
// The digits of a numeric character reference (&#65; or &#x41;), shared by the dump's
// scanner, its value decoder and the HTML text of posts, which differ in what they do
// with a bad reference but not in what a digit is.

#include <cstdint>

namespace taxo::util {

// The value of `c` as a digit of a decimal (or, with hex, hexadecimal) reference; -1
// when it is not one.
constexpr int referenceDigit(char c, bool hex) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (hex && c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (hex && c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// The value so far with one more digit, held at 0x110000 (one past the last code point)
// so that a long run of digits cannot overflow and still reads as out of range.
constexpr std::uint32_t appendReferenceDigit(std::uint32_t value, int digit, bool hex) {
    const std::uint64_t next =
        std::uint64_t{value} * (hex ? 16u : 10u) + static_cast<unsigned>(digit);
    return next > 0x110000 ? 0x110000 : static_cast<std::uint32_t>(next);
}

} // namespace taxo::util
