#pragma once

#include "util/result.h"

#include <string>
#include <string_view>

namespace taxo::files {

// Writes the whole content to a temporary file beside the target, flushes it to
// disk and renames it over the target, so a reader never sees half a file.
Status writeAtomically(const std::string& path, std::string_view content);

Result<std::string> readAll(const std::string& path);

// Copies a file byte for byte (used for the backup before a migration).
Status copyFile(const std::string& from, const std::string& to);

} // namespace taxo::files
