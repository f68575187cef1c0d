#pragma once
// The project file's schema: its version, its application id, and the
// migrations that bring an older file up to date.

#include "store/sqlite.h"

#include <cstdint>

namespace taxo::schema {

// "TAXO" in ASCII; stored in the SQLite header so that a foreign SQLite file is
// recognised before anything is written to it.
inline constexpr std::uint32_t kApplicationId = 0x5441584F;
inline constexpr int kCurrentVersion = 4;

// The bare version-0 layout: the meta table and nothing else. A new project is
// written in this form first and then migrated, so creation and migration share
// one code path.
Status createVersionZero(sql::Database& db);

// Applies every migration from the file's user_version up to toVersion (the
// current one unless a test builds an older file), all in one transaction. The
// caller has made the backup copy.
Status migrate(sql::Database& db, int fromVersion, int toVersion = kCurrentVersion);

} // namespace taxo::schema
