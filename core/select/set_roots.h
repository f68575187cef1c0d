#pragma once
// A set names its root category by name (sets.root_name), so renaming a root renames
// it in the sets that name it. The codebook's rename (core/recoding) does that through
// these two functions, which write sets alone; neither opens a transaction.

#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace taxo::select {

// Every set naming oldName as its root names newName instead; returns those sets' ids,
// ascending, for restoreRootName.
Result<std::vector<std::int64_t>> renameRoot(sql::Database& db, const std::string& oldName,
                                             const std::string& newName);
// The inverse of renameRoot: exactly those sets name oldName again.
Status restoreRootName(sql::Database& db, const std::vector<std::int64_t>& setIds,
                       const std::string& oldName);

} // namespace taxo::select
