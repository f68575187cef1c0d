#pragma once
// The project file's schema: its version, its application id, and the
// migrations that bring an older file up to date.

#include "core/store/sqlite.h"

#include <cstdint>

namespace taxo::schema {

// "TAXO" in ASCII; stored in the SQLite header so that a foreign SQLite file is
// recognised before anything is written to it.
inline constexpr std::uint32_t kApplicationId = 0x5441584F;
inline constexpr int kCurrentVersion = 7;

// The bare version-0 layout: the meta table and nothing else. A new project is
// written in this form first and then migrated, so creation and migration share
// one code path.
Status createVersionZero(sql::Database& db);

// Applies every migration from the file's user_version up to toVersion (the
// current one unless a test builds an older file), all in one transaction. The
// caller has made the backup copy.
Status migrate(sql::Database& db, int fromVersion, int toVersion = kCurrentVersion);

// Compares the file's sqlite_schema with the schema this build writes (a new file
// migrated to the current version): every table, index, view and trigger must be
// there with the same SQL text, and nothing else may be. Only sqlite_schema is read,
// never a row of the file's own tables, so a view or trigger planted in a file from
// elsewhere is refused before it can run. The error names the first difference
// ("a view labels, which Taxonomist does not write"). `version` names an older schema
// to compare with instead (a file written before an upgrade).
Status checkSchemaIsOurs(sql::Database& db, int version = kCurrentVersion);

} // namespace taxo::schema
