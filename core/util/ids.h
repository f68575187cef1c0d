#pragma once

#include <string>

namespace taxo {

// A random RFC 4122 version-4 UUID in lower-case hex.
std::string newUuid();

// The current UTC time as ISO 8601 with milliseconds and a Z suffix.
std::string utcNowIso();

} // namespace taxo
