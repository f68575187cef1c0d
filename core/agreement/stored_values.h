#pragma once
// Labels as stored, read as the agreement statistics see them (label_value.h), and
// their values named for the user. Shared by a round's agreement and a calibration
// round's score against its pilot.

#include "core/agreement/label_value.h"
#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace taxo::agreement {

// A coder's value of one post and when it was last saved.
struct CoderValue {
    LabelValue value;
    std::string updated;
};

// The label values of one coder in the round, by post; with no coder, the round's
// consensus labels (a pilot's). A label with neither categories nor a special value
// (an initial code alone) has no value yet.
Result<std::map<std::int64_t, CoderValue>> coderValues(sql::Database& db, std::int64_t roundId,
                                                       std::optional<std::int64_t> coderId);

// "Root/Child/Leaf"
Result<std::string> categoryPath(sql::Database& db, std::int64_t id);
// Category paths joined by "; ", or the special value's readable name.
Result<std::string> readableValue(sql::Database& db, const LabelValue& value);
// The leaves' own names, for an axis too narrow for whole paths.
Result<std::string> shortValue(sql::Database& db, const LabelValue& value);

} // namespace taxo::agreement
