#include "core/agreement/coder_values.h"

namespace taxo::agreement {
namespace {

std::optional<LabelValue> valueOf(const CoderValues& post, std::size_t coder) {
    return coder < post.size() ? post[coder] : std::nullopt;
}

} // namespace

std::vector<Unit> unitsOf(std::span<const CoderValues> posts) {
    std::vector<Unit> units;
    units.reserve(posts.size());
    for (const CoderValues& post : posts) {
        Unit unit;
        for (const auto& value : post)
            if (value)
                unit.push_back(*value);
        units.push_back(std::move(unit));
    }
    return units;
}

std::vector<RatedItem> itemsOf(std::span<const CoderValues> posts, std::size_t a, std::size_t b) {
    std::vector<RatedItem> items;
    items.reserve(posts.size());
    for (const CoderValues& post : posts)
        items.push_back({valueOf(post, a), valueOf(post, b)});
    return items;
}

} // namespace taxo::agreement
