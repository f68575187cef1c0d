// The checks a package passes before the merge reads anything from it. A package comes
// from someone else's computer by mail: it is hostile input until shown otherwise.

#include "core/packages/package_internal.h"
#include "core/packages/packages.h"
#include "core/store/schema.h"
#include "core/store/statements.h"
#include "core/util/ids.h"

#include <cerrno>
#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <sys/random.h>
#include <unistd.h>

namespace taxo::packages {
namespace detail {

namespace {

// getrandom(2) blocks only until the kernel's pool is first seeded; /dev/urandom is the
// fallback where the call is missing (old kernels, some sandboxes).
bool fillRandom(unsigned char* bytes, std::size_t size) {
    std::size_t filled = 0;
    while (filled < size) {
        const auto got = getrandom(bytes + filled, size - filled, 0);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        filled += static_cast<std::size_t>(got);
    }
    if (filled == size)
        return true;
    const int fd = ::open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    filled = 0;
    while (filled < size) {
        const auto got = ::read(fd, bytes + filled, size - filled);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        filled += static_cast<std::size_t>(got);
    }
    ::close(fd);
    return filled == size;
}

} // namespace

Result<std::string> newPackageSecret() {
    unsigned char bytes[32];
    if (!fillRandom(bytes, sizeof bytes))
        return makeError("cannot draw a random secret for the package: the system's random "
                         "source is not available");
    static constexpr char kHex[] = "0123456789abcdef";
    std::string secret;
    for (const unsigned char byte : bytes) {
        secret += kHex[byte >> 4];
        secret += kHex[byte & 0x0F];
    }
    return secret;
}

bool sameSecret(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        difference = static_cast<unsigned char>(
            difference | (static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i])));
    return difference == 0;
}

std::string latestAcceptedTime() {
    const std::time_t seconds =
        std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + kClockSkew);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.999Z", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
    return text;
}

Result<Issue> matchIssue(sql::Database& db, std::int64_t person, const PackageMeta& meta,
                         const std::string& file) {
    const std::string claim = "the " + kindName(meta.kind) + "'s package of " + meta.person;
    if (meta.secret.empty())
        return makeError(file + " claims to be " + claim +
                         " but carries no proof of the export it came from (exported by an "
                         "older Taxonomist, or changed by hand), so it cannot be told from a "
                         "forgery: export a new package for " +
                         meta.person + " and have them work in that one");
    auto stmt = sql::prepareBound(
        db, "SELECT id, issued, secret FROM package_issues WHERE person_id = ? AND kind = ?",
        person, kindName(meta.kind));
    if (!stmt)
        return stmt.error();
    std::optional<Issue> found;
    // Every issued secret is compared in full, so the time taken tells nothing of which
    // one came close.
    if (auto status = stmt->forEachRow([&](const sql::Statement& row) {
            if (sameSecret(row.columnText(2), meta.secret) && !found)
                found = Issue{row.columnInt(0), row.columnText(1)};
        });
        !status)
        return status.error();
    if (!found)
        return makeError(file + " claims to be " + claim +
                         ", but this project never exported that package (its proof of "
                         "origin matches no package exported for " +
                         meta.person +
                         "): it was changed by hand or made for someone else; nothing was "
                         "merged");
    return *found;
}

Result<std::string> migratedCopy(const std::string& file, int version) {
    namespace fs = std::filesystem;
    std::error_code error;
    const auto folder = fs::temp_directory_path(error);
    if (error)
        return makeError("cannot read the older package " + file +
                         ": no folder for a temporary copy: " + error.message());
    const std::string copy = (folder / ("taxonomist-merge-" + newUuid() + ".taxo")).string();
    {
        auto db = sql::Database::open(file, sql::Database::Mode::ReadOnly);
        if (!db)
            return makeError(file + " is not a package: " + db.message());
        // The same check the merge makes on a current package, on the coder's own bytes.
        auto check = db->queryText("PRAGMA quick_check");
        if (!check || *check != "ok")
            return makeError(file + " is damaged (changed or truncated on the way?): " +
                             (check ? *check : check.message()));
        // Through SQLite, so that work still in a -wal file beside the package is copied too.
        if (auto status = sql::runBound(*db, "VACUUM INTO ?", copy); !status)
            return makeError("cannot copy the older package " + file + ": " + status.message());
    }
    auto migrated = [&]() -> Status {
        auto db = sql::Database::open(copy, sql::Database::Mode::ReadWrite);
        if (!db)
            return db.error();
        return schema::migrate(*db, version);
    }();
    if (!migrated) {
        removePackageCopy(copy);
        return makeError("cannot read the older package " + file + ": " + migrated.message());
    }
    return copy;
}

void removePackageCopy(const std::string& copy) {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(copy + suffix, ignored);
}

} // namespace detail

Status checkPackageFile(const std::string& file) {
    auto version = detail::checkPackageSchema(file);
    if (!version)
        return version.error();
    return {};
}

namespace detail {

Result<int> checkPackageSchema(const std::string& file) {
    auto probe = probeProjectFile(file);
    if (!probe)
        return makeError(file + " is not a package: " + probe.message());
    auto db = sql::Database::open(file, sql::Database::Mode::ReadOnly);
    if (!db)
        return makeError(file + " is not a package: " + db.message());
    // The version through SQLite: the header on disk may lag behind a WAL file.
    auto version = db->queryInt("PRAGMA user_version");
    if (!version)
        return makeError(file + " is not a package (truncated or damaged?): " + version.message());
    if (*version > schema::kCurrentVersion)
        return makeError(file + " was written by a newer Taxonomist (schema version " +
                         std::to_string(*version) + "); please update Taxonomist");
    if (*version < kOldestPackageVersion)
        return makeError(file + " was exported by an older Taxonomist (schema version " +
                         std::to_string(*version) +
                         "), before packages carried a proof of the export they came from, "
                         "so it cannot be told from a forgery: export a new package for this "
                         "person and have them work in that one");
    // sqlite_schema alone: nothing of the file's own tables runs or is read.
    if (auto objects = db->queryInt("SELECT count(*) FROM sqlite_schema"); !objects)
        return makeError(file + " is not a package (truncated or damaged?): " + objects.message());
    // A package of an older version is compared with the schema that version wrote.
    if (auto status = schema::checkSchemaIsOurs(*db, static_cast<int>(*version)); !status)
        return makeError(file + " is refused before anything was read from it: " +
                         status.message() + " (a package holds only what Taxonomist writes)");
    return static_cast<int>(*version);
}

} // namespace detail

} // namespace taxo::packages
