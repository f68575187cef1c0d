#include "project/project.h"

#include "store/schema.h"
#include "util/files.h"
#include "util/ids.h"

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace taxo {
namespace {

namespace fs = std::filesystem;

std::uint32_t readBigEndian32(const unsigned char* bytes) {
    return (static_cast<std::uint32_t>(bytes[0]) << 24) |
           (static_cast<std::uint32_t>(bytes[1]) << 16) |
           (static_cast<std::uint32_t>(bytes[2]) << 8) | static_cast<std::uint32_t>(bytes[3]);
}

std::string notAProject(const std::string& path, const std::string& why) {
    return path + ": not a Taxonomist project (" + why + ")";
}

Result<std::int64_t> countRows(sql::Database& db, const char* table) {
    return db.queryInt(std::string("SELECT count(*) FROM ") + table);
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
    if (probe.applicationId != schema::kApplicationId)
        return makeError(notAProject(path, "an SQLite database written by another program"));
    if (probe.userVersion > schema::kCurrentVersion)
        return makeError(path + ": written by a newer Taxonomist (schema version " +
                         std::to_string(probe.userVersion) +
                         "); this version reads schema versions up to " +
                         std::to_string(schema::kCurrentVersion) + ". Please update Taxonomist.");
    return probe;
}

Status Project::configure(sql::Database& db, Access access) {
    // FULL synchronous in WAL mode: a confirmed transaction survives a power cut.
    std::string pragmas = "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;";
    if (access == Access::ReadWrite)
        pragmas += "PRAGMA journal_mode = WAL;";
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
    if (auto status = configure(*db, Access::ReadWrite); !status)
        return fail(status.error());
    {
        sql::Transaction transaction(*db);
        if (!transaction.begun())
            return fail(transaction.begun().error());
        if (auto status = schema::createVersionZero(*db); !status)
            return fail(status.error());
        auto insert = db->prepare("INSERT INTO meta(key, value) VALUES (?, ?)");
        if (!insert)
            return fail(insert.error());
        const std::pair<const char*, std::string> rows[] = {
            {"project_id", newUuid()}, {"title", title}, {"created", utcNowIso()}};
        for (const auto& [key, value] : rows) {
            if (auto status = insert->bind(1, key).bind(2, value).run(); !status)
                return fail(status.error());
        }
        if (auto status = transaction.commit(); !status)
            return fail(status.error());
    }
    if (auto status = schema::migrate(*db, 0); !status)
        return fail(status.error());

    Project project(std::move(*db), path, Access::ReadWrite);
    if (auto status = project.loadMeta(); !status)
        return status.error();
    return project;
}

Result<Project> Project::open(const std::string& path, Access access) {
    auto probe = probeProjectFile(path);
    if (!probe)
        return probe.error();

    std::string backup;
    if (probe->userVersion < schema::kCurrentVersion) {
        if (access == Access::ReadOnly)
            return makeError(path + ": uses schema version " + std::to_string(probe->userVersion) +
                             " and must be upgraded; open it for writing once to upgrade it");
        backup = path + ".schema-v" + std::to_string(probe->userVersion) + ".bak";
        if (auto status = files::copyFile(path, backup); !status)
            return makeError(path + ": cannot take a backup before upgrading: " + status.message());
    }

    auto db =
        sql::Database::open(path, access == Access::ReadOnly ? sql::Database::Mode::ReadOnly
                                                             : sql::Database::Mode::ReadWrite);
    if (!db)
        return db.error();

    // The header may lag behind a WAL file; ask SQLite for the authoritative values.
    auto version = db->queryInt("PRAGMA user_version");
    if (!version)
        return makeError(notAProject(path, version.message()));
    if (*version > schema::kCurrentVersion)
        return makeError(path + ": written by a newer Taxonomist (schema version " +
                         std::to_string(*version) + "); this version reads up to " +
                         std::to_string(schema::kCurrentVersion));
    // Migrate before switching to WAL, so that a failed upgrade leaves every byte as it was.
    if (*version < schema::kCurrentVersion) {
        if (auto status = schema::migrate(*db, static_cast<int>(*version)); !status)
            return makeError(path + ": cannot upgrade: " + status.message() +
                             " (the file is unchanged)");
    }
    if (auto status = configure(*db, access); !status)
        return makeError(path + ": " + status.message());
    Project project(std::move(*db), path, access);
    project.migrationBackup_ = backup;
    if (auto status = project.loadMeta(); !status)
        return status.error();
    return project;
}

Status Project::loadMeta() {
    auto stmt = db_.prepare("SELECT key, value FROM meta WHERE key IN ('project_id', 'title')");
    if (!stmt)
        return makeError(notAProject(path_, "no project record: " + stmt.message()));
    while (true) {
        auto row = stmt->step();
        if (!row)
            return makeError(path_ + ": " + row.message());
        if (!*row)
            break;
        const auto key = stmt->columnText(0);
        if (key == "project_id")
            id_ = stmt->columnText(1);
        else
            title_ = stmt->columnText(1);
    }
    if (id_.empty())
        return makeError(notAProject(path_, "the project id is missing"));
    return {};
}

Status Project::setTitle(const std::string& title) {
    sql::Transaction transaction(db_);
    if (!transaction.begun())
        return transaction.begun();
    auto stmt = db_.prepare("UPDATE meta SET value = ? WHERE key = 'title'");
    if (!stmt)
        return stmt.error();
    if (auto status = stmt->bind(1, title).run(); !status)
        return status;
    if (auto status = transaction.commit(); !status)
        return status;
    title_ = title;
    return {};
}

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
