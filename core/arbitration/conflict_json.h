#pragma once
// A conflict as JSON: what `taxo conflicts --json` prints and the change log keeps with
// a decision. Apart from arbitration.h so that the GUI does not compile JSON.

#include "core/arbitration/arbitration.h"

#include <nlohmann/json.hpp>

namespace taxo::arbitration {

nlohmann::json toJson(sql::Database& db, const Conflict& conflict);

} // namespace taxo::arbitration
