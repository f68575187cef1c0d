// libFuzzer target: parseRules on arbitrary text (rules files come from other people).
#include "core/select/rules.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    (void)taxo::select::parseRules(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
