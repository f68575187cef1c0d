#pragma once
// A project is one SQLite file. Project owns the connection and checks, before
// anything is written, that the file really is a Taxonomist project of a version
// this build understands.

#include "core/store/sqlite.h"
#include "core/util/file_lock.h"
#include "core/util/result.h"

#include <cstdint>
#include <string>

namespace taxo {

struct ProjectCounts {
    std::int64_t posts = 0;
    std::int64_t answers = 0;
    std::int64_t comments = 0;
    std::int64_t sets = 0;
    std::int64_t samples = 0;
    std::int64_t rounds = 0;
    std::int64_t categories = 0;
    std::int64_t labels = 0;
    std::int64_t decisions = 0;
    std::int64_t people = 0;
};

struct ProjectInfo {
    std::string id;
    std::string title;
    std::string created;
    int schemaVersion = 0;
    ProjectCounts counts;
};

class Project {
public:
    enum class Access { ReadWrite, ReadOnly };

    // Creates a new project file; refuses to overwrite anything that exists.
    static Result<Project> create(const std::string& path, const std::string& title);
    // Opens an existing project, migrating an older schema after a backup copy.
    static Result<Project> open(const std::string& path, Access access = Access::ReadWrite);

    // A second connection to this open project, for long work on another thread. It
    // shares this project's writer lock instead of taking its own, so it must not outlive
    // this project. The file is already checked and migrated.
    Result<Project> openWorkerConnection() const;

    Project(Project&&) noexcept = default;
    Project& operator=(Project&&) noexcept = default;

    const std::string& path() const { return path_; }
    const std::string& id() const { return id_; }
    // Read from the file each time, so that a change made through db() (an undo step)
    // shows at once.
    std::string title();
    bool readOnly() const { return access_ == Access::ReadOnly; }
    // Where open() put the copy taken before a migration, or empty.
    const std::string& migrationBackup() const { return migrationBackup_; }

    Result<ProjectInfo> info();
    sql::Database& db() { return db_; }

private:
    Project(sql::Database db, FileLock lock, std::string path, Access access)
        : lock_(std::move(lock)), db_(std::move(db)), path_(std::move(path)), access_(access) {}
    Status loadMeta();
    static Status configure(sql::Database& db, Access access);

    // The lock is declared first so it is released last, after the database is closed.
    FileLock lock_;
    sql::Database db_;
    std::string path_;
    Access access_ = Access::ReadWrite;
    bool immutable_ =
        false; // read from a read-only folder (sql::Database::Mode::ReadOnlyImmutable)
    std::string id_;
    std::string title_;
    std::string migrationBackup_;
};

// The study's title, which the lead may change (Home page): one transaction, logged,
// with its inverse. Refuses an empty title and one with control characters (a line
// break would break the window title and every export that prints it).
namespace project {
struct TitleChange {
    std::string before;
    std::string after;
};
Result<TitleChange> changeTitle(sql::Database& db, const std::string& title);
Status applyTitleChange(sql::Database& db, const TitleChange& change);
Status undoTitleChange(sql::Database& db, const TitleChange& change);
} // namespace project

// Reads the 100-byte SQLite header without SQLite, so that a file which is not
// a project is refused before any library has a chance to write to it.
struct FileProbe {
    std::uint32_t applicationId = 0;
    int userVersion = 0;
};
Result<FileProbe> probeProjectFile(const std::string& path);

} // namespace taxo
