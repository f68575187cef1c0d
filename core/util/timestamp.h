#pragma once
// The one date-and-time form an import stores: what Stack Exchange dumps write and what
// the statistics read (stats::parseUtcMillis), checked at the door so that "yesterday",
// 2019-02-30T25:61 or the year 99999 never reach the project.
//
//   YYYY-MM-DDTHH:MM:SS[.fraction][Z]    (a space may stand for the T)
//
// The year has four digits (1000 to 9999), the day exists in its month (leap years
// included), hours 00-23, minutes 00-59, seconds 00-60 (a leap second). A fixed-format
// check of at most a few dozen bytes: cheap enough for every kept row of a dump.

#include <cstddef>
#include <string_view>

namespace taxo {

bool isValidTimestamp(std::string_view text);

// Reads `count` ASCII digits at `at` into value; false if any is missing or not a digit.
bool readDigits(std::string_view text, std::size_t at, std::size_t count, int& value);

} // namespace taxo
