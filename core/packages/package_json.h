#pragma once
// A merge report as JSON: what `taxo package import --json` prints and the change log
// keeps. Apart from packages.h so that the GUI, which shows the report as text, does not
// compile JSON.

#include "core/packages/packages.h"

#include <nlohmann/json.hpp>

namespace taxo::packages {

nlohmann::json toJson(const MergeReport& report);

} // namespace taxo::packages
