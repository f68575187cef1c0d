#pragma once

#include "core/util/result.h"

#include <string>
#include <string_view>

namespace taxo::files {

// Whether writeAtomically may replace a file that is already there.
enum class Replace { Allowed, Never };

// Writes the whole content to a temporary file beside the target, flushes it to
// disk and renames it over the target, so a reader never sees half a file.
// The temporary file gets a fresh unguessable name, is created exclusively and
// never through a symbolic link (O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600 until it is
// complete), so a link planted beside the target cannot redirect the write.
// An existing SQLite database (a project or a package) is never replaced; with
// Replace::Never no existing file is (the rename is then an atomic no-replace).
Status writeAtomically(const std::string& path, std::string_view content,
                       Replace replace = Replace::Allowed);

// Refuses an output path that a command must never write over, before any work:
// the project itself (the same file by any path or hard link: device and inode),
// its -wal, -shm or -journal files, any SQLite database (the header bytes
// "SQLite format 3\0"), a folder, and any other existing file unless `force`.
// `project` may be empty when no project is involved.
Status checkOutputTarget(const std::string& out, const std::string& project, bool force);

// Moves a finished file to its name, never over a file that took the name meanwhile
// (a hard link, or where the file system has none a no-replace rename); `whenTaken` is
// the message then.
Status moveWithoutReplacing(const std::string& from, const std::string& to,
                            const std::string& whenTaken);

// True when the file at `path` starts with SQLite's 16-byte header.
bool isSqliteDatabase(const std::string& path);

Result<std::string> readAll(const std::string& path);

// Copies a file byte for byte (used for the backup before a migration), through a
// temporary file made as writeAtomically makes it.
Status copyFile(const std::string& from, const std::string& to);

} // namespace taxo::files
