#include "core/agreement/label_value.h"

#include <algorithm>

namespace taxo::agreement {

Result<LabelValue> LabelValue::categories(std::span<const std::int64_t> ids) {
    if (ids.empty())
        return makeError("A label needs at least one category; use False positive, Unclear or "
                         "Pending for a post that has none.");
    std::vector<std::int64_t> sorted(ids.begin(), ids.end());
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    std::string key = "{";
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        if (i > 0)
            key += ',';
        key += std::to_string(sorted[i]);
    }
    key += '}';
    return LabelValue(Kind::Categories, std::move(key), std::move(sorted));
}

LabelValue LabelValue::special(SpecialValue value) {
    return LabelValue(Kind::Special, specialValueName(value), {});
}

LabelValue LabelValue::nominal(std::string key) {
    return LabelValue(Kind::Nominal, std::move(key), {});
}

bool LabelValue::contains(std::int64_t categoryId) const {
    return std::binary_search(ids_.begin(), ids_.end(), categoryId);
}

const char* specialValueName(SpecialValue value) {
    switch (value) {
    case SpecialValue::FalsePositive:
        return "false_positive";
    case SpecialValue::Unclear:
        return "unclear";
    case SpecialValue::Pending:
        return "pending";
    }
    return "unknown";
}

} // namespace taxo::agreement
