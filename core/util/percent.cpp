#include "core/util/percent.h"

namespace taxo::util {
namespace {
// Wide enough that part * 100 * 10^6 * 2 never overflows for any int64 count.
__extension__ typedef __int128 Wide;
} // namespace

std::string formatShare(std::int64_t part, std::int64_t whole, int decimals) {
    if (whole <= 0 || part < 0 || decimals < 0 || decimals > 6)
        return "n/a";
    Wide scale = 1;
    for (int i = 0; i < decimals; ++i)
        scale *= 10;
    // round(part * 100 * scale / whole), half up: floor((2 * p * 100 * scale + whole) / 2w).
    const Wide numerator = static_cast<Wide>(part) * 100 * scale;
    const Wide units = (2 * numerator + whole) / (2 * static_cast<Wide>(whole));
    const auto integerPart = static_cast<long long>(units / scale);
    std::string text = std::to_string(integerPart);
    if (decimals > 0) {
        std::string fraction = std::to_string(static_cast<long long>(units % scale));
        text +=
            "." + std::string(static_cast<std::size_t>(decimals) - fraction.size(), '0') + fraction;
    }
    return text;
}

} // namespace taxo::util
