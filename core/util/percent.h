#pragma once
// The one rule for every percentage the tool prints or exports: part / whole × 100,
// computed from the integer counts and rounded half up at the last printed digit
// (0.05 % prints 0.1, 0.15 % prints 0.2). Rounding the double with printf instead would
// send ties either way, since 0.15 has no exact binary value.

#include <cstdint>
#include <string>

namespace taxo::util {

// "15.0" for 34 of 227 with one decimal; "n/a" when whole is 0. Part and whole are
// counts (non-negative); decimals is 0 to 6.
std::string formatShare(std::int64_t part, std::int64_t whole, int decimals = 1);

} // namespace taxo::util
