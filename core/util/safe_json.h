#pragma once
// Parses a JSON document read from an untrusted file without letting it choose how
// much memory or stack the parse takes: a first SAX pass caps the nesting depth and
// the length of every string before any DOM is built, and names the place of a fault
// by its JSON pointer.

#include "core/util/result.h"

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace taxo::exchange {

struct JsonLimits {
    std::size_t maxDepth = 64;
    std::size_t maxString = 8u << 20;   // a post body is far smaller than 8 MiB
    std::size_t maxDocument = 1u << 30; // 1 GiB, checked before reading
};

// `where` names the document in messages ("F.json").
Result<nlohmann::json> parseBounded(std::string_view text, const std::string& where,
                                    const JsonLimits& limits = {});
Result<nlohmann::json> readBoundedFile(const std::string& path, const JsonLimits& limits = {});

// "/labels/3/categories" style pointer text for messages, escaped as RFC 6901 says.
std::string pointerToken(std::string_view key);

} // namespace taxo::exchange
