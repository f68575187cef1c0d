#pragma once
// The append-only change log: every user action appends one row inside the
// transaction that performs it, so the log and the data can never disagree.

#include "core/store/sqlite.h"

#include <nlohmann/json.hpp>
#include <string_view>

namespace taxo::changelog {

// Appends (now, actor, action, details). Call inside the action's transaction.
Status append(sql::Database& db, std::string_view action, const nlohmann::json& details,
              std::string_view actor = {});

// Appends with the given time, for an action that stamps its own rows with it (a
// sample's or a set's created time), so that the log tells the same time.
Status appendAt(sql::Database& db, std::string_view at, std::string_view action,
                const nlohmann::json& details, std::string_view actor = {});

} // namespace taxo::changelog
