#pragma once
// One coder's label on one post, as the agreement statistics see it: a single nominal
// value (docs/architecture.md, "Label semantics"). Two coders agree on a post exactly when their
// values are equal, so equality and ordering are defined on the value's kind and key.

#include "core/util/result.h"

#include <compare>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace taxo::agreement {

enum class SpecialValue { FalsePositive, Unclear, Pending };

class LabelValue {
public:
    enum class Kind { Categories, Special, Nominal };

    // A non-empty set of leaf category ids; order and duplicates in the input do not
    // matter, because the value is the set. An empty set is not a label (docs/architecture.md).
    static Result<LabelValue> categories(std::span<const std::int64_t> ids);
    static Result<LabelValue> categories(std::initializer_list<std::int64_t> ids) {
        return categories(std::span<const std::int64_t>(ids.begin(), ids.size()));
    }
    static LabelValue special(SpecialValue value);
    // Any other nominal value, for derived codings such as presence/absence of one
    // category, and for reference data sets whose values are plain codes.
    static LabelValue nominal(std::string key);

    Kind kind() const { return kind_; }
    // Readable and unique within a kind: "{3,17}", "false_positive", or the nominal key.
    const std::string& key() const { return key_; }
    // The sorted category ids; empty unless kind() == Categories.
    const std::vector<std::int64_t>& categoryIds() const { return ids_; }
    bool contains(std::int64_t categoryId) const;

    friend bool operator==(const LabelValue& a, const LabelValue& b) {
        return a.kind_ == b.kind_ && a.key_ == b.key_;
    }
    friend std::strong_ordering operator<=>(const LabelValue& a, const LabelValue& b) {
        if (auto c = a.kind_ <=> b.kind_; c != 0)
            return c;
        return a.key_.compare(b.key_) <=> 0;
    }

private:
    LabelValue(Kind kind, std::string key, std::vector<std::int64_t> ids)
        : kind_(kind), key_(std::move(key)), ids_(std::move(ids)) {}

    Kind kind_;
    std::string key_;
    std::vector<std::int64_t> ids_;
};

const char* specialValueName(SpecialValue value);

} // namespace taxo::agreement
