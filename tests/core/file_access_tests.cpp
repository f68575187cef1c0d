// Messages that say what happened to which file: a project in a read-only folder, another
// user's -shm beside it, a full disk (docs/security.md, "Files that cannot be written").

#include "core/project/project.h"
#include "core/store/statements.h"
#include "tests/support/test_support.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <functional>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace taxo;

namespace {

namespace fs = std::filesystem;

constexpr uid_t kNobody = 65534;

// Runs the check as an ordinary user: permission bits do not stop root, so under root
// (as in CI) a child process drops to nobody first. The check returns an empty string
// when it held, else what went wrong; the child passes it back through a pipe.
std::string asOrdinaryUser(const std::function<std::string()>& check) {
    if (::geteuid() != 0)
        return check();
    int pipe[2];
    REQUIRE(::pipe(pipe) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::close(pipe[0]);
        std::string failure;
        if (::setgid(kNobody) != 0 || ::setuid(kNobody) != 0)
            failure = "cannot become nobody";
        else
            failure = check();
        (void)!::write(pipe[1], failure.data(), failure.size());
        ::close(pipe[1]);
        ::_exit(0);
    }
    ::close(pipe[1]);
    std::string failure;
    char buffer[512];
    ssize_t got = 0;
    while ((got = ::read(pipe[0], buffer, sizeof buffer)) > 0)
        failure.append(buffer, static_cast<std::size_t>(got));
    ::close(pipe[0]);
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    return failure;
}

std::string contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos ? "" : "'" + text + "' lacks '" + part + "'";
}

// A closed project (no -wal or -shm left) in its own folder, readable by everyone.
std::string closedProject(const test::TempDir& dir, const std::string& name) {
    const auto folder = dir.file(name);
    fs::create_directory(folder);
    const auto path = folder + "/study.taxo";
    {
        auto project = Project::create(path, "read-only study");
        REQUIRE(project.ok());
    }
    REQUIRE_FALSE(fs::exists(path + "-wal"));
    ::chmod(dir.path().c_str(), 0755);
    ::chmod(path.c_str(), 0666);
    return path;
}

} // namespace

TEST_CASE("A project in a read-only folder opens read-only; a write names the folder",
          "[project][files]") {
    test::TempDir dir;
    const auto path = closedProject(dir, "shelf");
    REQUIRE(::chmod(fs::path(path).parent_path().c_str(), 0555) == 0);

    const auto failure = asOrdinaryUser([&]() -> std::string {
        auto reader = Project::open(path, Project::Access::ReadOnly);
        if (!reader)
            return "read-only open failed: " + reader.message();
        auto info = reader->info();
        if (!info)
            return "reading failed: " + info.message();
        if (info->title != "read-only study")
            return "wrong title " + info->title;
        auto worker = reader->openWorkerConnection();
        if (!worker)
            return "a second reader failed: " + worker.message();
        auto writer = Project::open(path);
        if (writer)
            return "a write open succeeded in a read-only folder";
        if (auto problem = contains(writer.message(), "is read-only"); !problem.empty())
            return problem;
        if (auto problem =
                contains(writer.message(), "the folder " + fs::path(path).parent_path().string());
            !problem.empty())
            return problem;
        if (writer.message().find("not a Taxonomist project") != std::string::npos)
            return "misleading: " + writer.message();
        return "";
    });
    ::chmod(fs::path(path).parent_path().c_str(), 0755);
    INFO(failure);
    CHECK(failure.empty());
}

TEST_CASE("Another user's -shm beside a project: the write failure names it", "[project][files]") {
    test::TempDir dir;
    const auto path = closedProject(dir, "shared");
    ::chmod(fs::path(path).parent_path().c_str(), 0777);
    // Another user opened the project and left their -wal and -shm, which we cannot write.
    {
        auto other = Project::open(path);
        REQUIRE(other.ok());
        REQUIRE(other->db().exec("PRAGMA wal_autocheckpoint = 0; "
                                 "INSERT INTO meta(key, value) VALUES ('seen', 'yes')"));
        REQUIRE(fs::exists(path + "-shm"));
        // Keep the files as a crash would leave them: copy them before the close removes them.
        fs::copy_file(path + "-shm", path + "-shm.kept");
        fs::copy_file(path + "-wal", path + "-wal.kept");
    }
    fs::rename(path + "-shm.kept", path + "-shm");
    fs::rename(path + "-wal.kept", path + "-wal");
    ::chmod((path + "-shm").c_str(), 0644);
    ::chmod((path + "-wal").c_str(), 0644);
    if (::geteuid() == 0) {
        REQUIRE(::chown((path + "-shm").c_str(), 0, 0) == 0);
        REQUIRE(::chown((path + "-wal").c_str(), 0, 0) == 0);
    }

    const auto failure = asOrdinaryUser([&]() -> std::string {
        auto project = Project::open(path);
        if (project) {
            auto status = taxo::project::changeTitle(project->db(), "changed");
            if (status)
                return "a write through another user's -shm succeeded";
            if (auto problem = contains(status.message(), path + "-"); !problem.empty())
                return problem;
            return contains(status.message(), "belongs to another user");
        }
        if (auto problem = contains(project.message(), path + "-"); !problem.empty())
            return problem;
        return contains(project.message(), "belongs to another user");
    });
    INFO(failure);
    CHECK(failure.empty());
}

TEST_CASE("A full disk names the project and says nothing was saved", "[project][files]") {
    test::TempDir dir;
    const auto path = dir.file("full.taxo");
    auto project = Project::create(path, "full");
    REQUIRE(project.ok());
    auto& db = project->db();
    // A page limit just above the file's size stands in for the full disk.
    auto pages = db.queryInt("PRAGMA page_count");
    REQUIRE(pages.ok());
    REQUIRE(db.exec("PRAGMA max_page_count = " + std::to_string(*pages + 1)));
    std::string big(1 << 16, 'x');
    Status status;
    for (int i = 0; i < 8 && status.ok(); ++i)
        status = sql::runBound(db, "INSERT INTO meta(key, value) VALUES (?, ?)",
                               "filler" + std::to_string(i), big);
    REQUIRE_FALSE(status.ok());
    CHECK_THAT(status.message(), Catch::StartsWith(path + ": the disk is full"));
    CHECK_THAT(status.message(), Catch::Contains("nothing was saved"));
    CHECK_THAT(status.message(), Catch::Contains("database or disk is full"));
}
