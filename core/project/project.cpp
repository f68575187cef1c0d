#include "core/project/project.h"

#include "core/store/change_log.h"
#include "core/store/schema.h"
#include "core/store/statements.h"
#include "core/util/ids.h"

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sqlite3.h>

namespace taxo {
namespace {

namespace fs = std::filesystem;

// An import interrupted by a crash or a kill leaves its rollback journal beside the file
// (corpus/import.cpp imports through one); a read-only connection cannot roll it back.
// One read-write connection does, as any writer does on its first read, and puts the file
// back in WAL mode.
Status rollBackInterruptedImport(const std::string& path) {
    auto writer = sql::Database::open(path, sql::Database::Mode::ReadWrite);
    if (!writer)
        return writer.error();
    if (auto version = writer->queryInt("PRAGMA user_version"); !version)
        return version.error();
    return writer->exec("PRAGMA journal_mode = WAL");
}

std::uint32_t readBigEndian32(const unsigned char* bytes) {
    return (static_cast<std::uint32_t>(bytes[0]) << 24) |
           (static_cast<std::uint32_t>(bytes[1]) << 16) |
           (static_cast<std::uint32_t>(bytes[2]) << 8) | static_cast<std::uint32_t>(bytes[3]);
}

// Prefixes the path unless the message already starts with it.
std::string aboutFile(const std::string& path, const std::string& message) {
    return message.rfind(path + ":", 0) == 0 ? message : path + ": " + message;
}

std::string notAProject(const std::string& path, const std::string& why) {
    return path + ": not a Taxonomist project (" + why + ")";
}

Result<std::int64_t> countRows(sql::Database& db, const char* table) {
    return db.queryInt(std::string("SELECT count(*) FROM ") + table);
}

// VACUUM INTO writes a consistent copy that includes whatever still sits in the WAL.
Status backupTo(sql::Database& db, const std::string& backupPath) {
    std::error_code error;
    fs::remove(backupPath, error);
    auto stmt = db.prepare("VACUUM INTO ?");
    if (!stmt)
        return stmt.error();
    return stmt->bind(1, backupPath).run();
}

// The schema as it was first released, and the project's identity in meta.
Status writeVersionZero(sql::Database& db, const std::string& title) {
    if (auto status = schema::createVersionZero(db); !status)
        return status;
    auto insert = db.prepare("INSERT INTO meta(key, value) VALUES (?, ?)");
    if (!insert)
        return insert.error();
    const std::pair<const char*, std::string> rows[] = {
        {"project_id", newUuid()}, {"title", title}, {"created", utcNowIso()}};
    for (const auto& [key, value] : rows) {
        if (auto status = insert->bind(1, key).bind(2, value).run(); !status)
            return status;
    }
    return {};
}

} // namespace

Result<FileProbe> probeProjectFile(const std::string& path) {
    std::error_code error;
    const auto status = fs::status(path, error);
    if (error || !fs::exists(status))
        return makeError(path + ": no such file");
    if (fs::is_directory(status))
        return makeError(path + ": is a folder, not a project file");
    if (!fs::is_regular_file(status))
        return makeError(path + ": is not a regular file");

    std::ifstream in(path, std::ios::binary);
    if (!in)
        return makeError(path + ": cannot read: " + std::strerror(errno));
    std::array<unsigned char, 100> header{};
    in.read(reinterpret_cast<char*>(header.data()), header.size());
    const auto got = in.gcount();
    if (got == 0)
        return makeError(notAProject(path, "the file is empty"));
    static constexpr char kMagic[] = "SQLite format 3";
    if (got < 100 || std::memcmp(header.data(), kMagic, sizeof kMagic) != 0)
        return makeError(notAProject(path, "not an SQLite database"));
    FileProbe probe;
    probe.userVersion = static_cast<int>(readBigEndian32(header.data() + 60));
    probe.applicationId = readBigEndian32(header.data() + 68);
    // The application id is written once, at creation, before the file switches to WAL,
    // so the header on disk always has it. The version may lag behind a WAL file and is
    // read through SQLite by open().
    if (probe.applicationId != schema::kApplicationId)
        return makeError(notAProject(path, "an SQLite database written by another program"));
    return probe;
}

Status Project::configure(sql::Database& db, Access access) {
    // FULL synchronous: a confirmed transaction survives a power cut.
    std::string pragmas = "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;";
    if (access == Access::ReadWrite) {
        // A package travels by mail as one file, often while the app still has it open:
        // with a rollback journal every saved label is in the file itself, where WAL
        // would keep the newest ones in a -wal file beside it. Opening a package that is
        // still in WAL mode checkpoints it into the file. The lead's project keeps WAL,
        // so that reading goes on while an import writes.
        auto package = db.queryInt("SELECT count(*) FROM meta WHERE key = 'package_kind'");
        if (!package) // never guess: a package put in WAL would travel without its labels
            return package.error();
        pragmas += *package > 0 ? "PRAGMA journal_mode = DELETE;" : "PRAGMA journal_mode = WAL;";
    }
    return db.exec(pragmas);
}

Result<Project> Project::create(const std::string& path, const std::string& title) {
    std::error_code error;
    if (fs::exists(path, error))
        return makeError(path + ": already exists; choose another name");
    auto db = sql::Database::open(path, sql::Database::Mode::Create);
    if (!db)
        return db.error();

    auto fail = [&](const Error& e) -> Result<Project> {
        db->close();
        fs::remove(path, error);
        fs::remove(path + "-wal", error);
        fs::remove(path + "-shm", error);
        return makeError(path + ": cannot create project: " + e.message);
    };
    // The schema is written in rollback-journal mode so that the header on disk carries
    // the application id and version from the start; WAL comes afterwards.
    if (auto status = db->exec("PRAGMA foreign_keys = ON"); !status)
        return fail(status.error());
    if (auto status = sql::inTransaction(*db, [&] { return writeVersionZero(*db, title); });
        !status)
        return fail(status.error());
    if (auto status = schema::migrate(*db, 0); !status)
        return fail(status.error());
    if (auto status = configure(*db, Access::ReadWrite); !status)
        return fail(status.error());

    auto lock = FileLock::acquire(path);
    if (!lock)
        return lock.error();
    Project project(std::move(*db), std::move(*lock), path, Access::ReadWrite);
    if (auto status = project.loadMeta(); !status)
        return status.error();
    return project;
}

Result<Project> Project::open(const std::string& path, Access access) {
    auto probe = probeProjectFile(path);
    if (!probe)
        return probe.error();

    // Only writers take the lock: reading while another window writes is safe in WAL mode.
    FileLock lock;
    if (access == Access::ReadWrite) {
        auto acquired = FileLock::acquire(path);
        if (!acquired)
            return acquired.error();
        lock = std::move(*acquired);
    }

    auto db =
        sql::Database::open(path, access == Access::ReadOnly ? sql::Database::Mode::ReadOnly
                                                             : sql::Database::Mode::ReadWrite);
    if (!db)
        return db.error();

    auto version = db->queryInt("PRAGMA user_version");
    if (!version && access == Access::ReadOnly && db->lastErrorCode() == SQLITE_READONLY_ROLLBACK) {
        db->close();
        if (auto status = rollBackInterruptedImport(path); !status)
            return makeError(path + ": an import into it was interrupted, and rolling it back " +
                             "needs write access: " + status.message());
        db = sql::Database::open(path, sql::Database::Mode::ReadOnly);
        if (!db)
            return db.error();
        version = db->queryInt("PRAGMA user_version");
    }
    bool immutable = false;
    if (!version && sql::folderIsReadOnly(path)) {
        // A WAL file needs a -shm beside it, which a read-only folder cannot hold. Nobody
        // can write the file there either, so a reader may take it as immutable, unless
        // changes wait in a -wal that an immutable reader would not see.
        if (access == Access::ReadWrite)
            return makeError(path + ": cannot write: " + sql::readOnlyReason(path));
        std::error_code error;
        if (fs::exists(path + "-wal", error) && fs::file_size(path + "-wal", error) > 0)
            return makeError(path + ": its newest changes are in " + path +
                             "-wal, which cannot be read in a read-only folder; copy the "
                             "project with its -wal file to a folder you can write to");
        db = sql::Database::open(path, sql::Database::Mode::ReadOnlyImmutable);
        if (!db)
            return db.error();
        version = db->queryInt("PRAGMA user_version");
        immutable = true;
    }
    if (!version) {
        if ((db->lastErrorCode() & 0xFF) == SQLITE_BUSY)
            return makeError(path + ": busy: another program is writing to it (an import?); " +
                             "try again when it has finished");
        const int code = db->lastErrorCode() & 0xFF;
        if (code == SQLITE_FULL || code == SQLITE_IOERR || code == SQLITE_READONLY ||
            code == SQLITE_CANTOPEN)
            return makeError(aboutFile(path, version.message()));
        return makeError(notAProject(path, version.message()));
    }
    if (*version > schema::kCurrentVersion)
        return makeError(path + ": written by a newer Taxonomist (schema version " +
                         std::to_string(*version) + "); this version reads schema versions up to " +
                         std::to_string(schema::kCurrentVersion) + ". Please update Taxonomist.");
    std::string backup;
    if (*version < schema::kCurrentVersion) {
        if (access == Access::ReadOnly)
            return makeError(path + ": uses schema version " + std::to_string(*version) +
                             " and must be upgraded; open it for writing once to upgrade it");
        backup = path + ".schema-v" + std::to_string(*version) + ".bak";
        if (auto status = backupTo(*db, backup); !status)
            return makeError(path + ": cannot take a backup before upgrading: " + status.message());
        // Migrate before switching to WAL, so that a failed upgrade leaves every byte as it was.
        if (auto status = schema::migrate(*db, static_cast<int>(*version)); !status)
            return makeError(path + ": cannot upgrade: " + status.message() +
                             " (the file is unchanged; a copy is in " + backup + ")");
        (void)db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    if (auto status = configure(*db, access); !status)
        return makeError(aboutFile(path, status.message()));
    Project project(std::move(*db), std::move(lock), path, access);
    project.immutable_ = immutable;
    project.migrationBackup_ = backup;
    if (auto status = project.loadMeta(); !status)
        return status.error();
    return project;
}

Result<Project> Project::openWorkerConnection() const {
    auto db =
        sql::Database::open(path_, immutable_ ? sql::Database::Mode::ReadOnlyImmutable
                                   : access_ == Access::ReadOnly ? sql::Database::Mode::ReadOnly
                                                                 : sql::Database::Mode::ReadWrite);
    if (!db)
        return db.error();
    if (auto status = configure(*db, access_); !status)
        return makeError(path_ + ": " + status.message());
    Project worker(std::move(*db), FileLock(), path_, access_);
    worker.immutable_ = immutable_;
    if (auto status = worker.loadMeta(); !status)
        return status.error();
    return worker;
}

Status Project::loadMeta() {
    auto stmt = db_.prepare("SELECT key, value FROM meta WHERE key IN ('project_id', 'title')");
    if (!stmt)
        return makeError(notAProject(path_, "no project record: " + stmt.message()));
    if (auto status = stmt->forEachRow([&](sql::Statement& row) {
            const auto key = row.columnText(0);
            if (key == "project_id")
                id_ = row.columnText(1);
            else
                title_ = row.columnText(1);
        });
        !status)
        return makeError(path_ + ": " + status.message());

    if (id_.empty())
        return makeError(notAProject(path_, "the project id is missing"));
    return {};
}

namespace {

// The title row of meta; nullopt in a file that has none.
Result<std::optional<std::string>> storedTitle(sql::Database& db) {
    return sql::queryOptionalRow<std::string>(
        db, "SELECT value FROM meta WHERE key = 'title'",
        [](sql::Statement& row) { return row.columnText(0); });
}

} // namespace

std::string Project::title() {
    auto stored = storedTitle(db_);
    if (stored && stored->has_value())
        title_ = **stored;
    return title_;
}

namespace project {
namespace {

Status writeTitle(sql::Database& db, const std::string& from, const std::string& to) {
    return sql::inTransaction(db, [&]() -> Status {
        auto current = storedTitle(db);
        if (!current)
            return current.error();
        // The title changed underneath (another window): undo must not overwrite it.
        if (current->value_or("") != from)
            return makeError("the title is now \u201c" + current->value_or("") +
                             "\u201d, not \u201c" + from + "\u201d; it was left as it is");
        if (auto status = sql::runBound(
                db, "INSERT OR REPLACE INTO meta(key, value) VALUES ('title', ?)", to);
            !status)
            return status;
        return changelog::append(db, "project.title", {{"before", from}, {"after", to}});
    });
}

} // namespace

Result<TitleChange> changeTitle(sql::Database& db, const std::string& title) {
    const auto first = title.find_first_not_of(" \t");
    const auto last = title.find_last_not_of(" \t");
    const std::string trimmed =
        first == std::string::npos ? std::string() : title.substr(first, last - first + 1);
    if (trimmed.empty())
        return makeError("a project needs a title");
    for (const unsigned char c : trimmed)
        if (c < 0x20 || c == 0x7f)
            return makeError("a title is one line of text, without control characters");
    auto current = storedTitle(db);
    if (!current)
        return current.error();
    TitleChange change{current->value_or(""), trimmed};
    if (change.before == change.after)
        return makeError("the title is already \u201c" + trimmed + "\u201d");
    if (auto status = applyTitleChange(db, change); !status)
        return status.error();
    return change;
}

Status applyTitleChange(sql::Database& db, const TitleChange& change) {
    return writeTitle(db, change.before, change.after);
}

Status undoTitleChange(sql::Database& db, const TitleChange& change) {
    return writeTitle(db, change.after, change.before);
}

} // namespace project

Result<ProjectInfo> Project::info() {
    ProjectInfo info;
    info.id = id_;
    info.title = title_;
    auto created = db_.prepare("SELECT value FROM meta WHERE key = 'created'");
    if (created && created->step().ok() && !created->columnIsNull(0))
        info.created = created->columnText(0);
    auto version = db_.queryInt("PRAGMA user_version");
    if (!version)
        return version.error();
    info.schemaVersion = static_cast<int>(*version);

    struct Target {
        const char* table;
        std::int64_t ProjectCounts::*field;
    };
    static constexpr Target targets[] = {
        {"posts", &ProjectCounts::posts},           {"answers", &ProjectCounts::answers},
        {"comments", &ProjectCounts::comments},     {"sets", &ProjectCounts::sets},
        {"samples", &ProjectCounts::samples},       {"rounds", &ProjectCounts::rounds},
        {"categories", &ProjectCounts::categories}, {"labels", &ProjectCounts::labels},
        {"decisions", &ProjectCounts::decisions},   {"people", &ProjectCounts::people},
    };
    for (const auto& target : targets) {
        auto count = countRows(db_, target.table);
        if (!count)
            return makeError(path_ + ": " + count.message());
        info.counts.*(target.field) = *count;
    }
    return info;
}

} // namespace taxo
