// Where `taxo export` and `taxo package export` may write: never over the project (by
// any path or hard link), another SQLite database or an existing file unless --force,
// and never through a symbolic link planted where the temporary file goes.

#include "core/util/files.h"
#include "tests/support/study_builder.h"
#include "tests/support/test_support.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

using namespace taxo;
using namespace taxo::test;
namespace fs = std::filesystem;

namespace {

std::string makeProjectAt(const TempDir& dir, const std::string& name) {
    const auto path = dir.file(name);
    REQUIRE(runCli({"init", path}).code == 0);
    return path;
}

CliOutcome exportQdc(const std::string& project, const std::string& out, bool force = false) {
    std::vector<std::string> words = {"export", project, "--format", "qdc", "--out", out};
    if (force)
        words.push_back("--force");
    return runCli(words);
}

} // namespace

TEST_CASE("taxo export refuses to write over the project itself, by any path", "[cli][output]") {
    TempDir dir;
    const auto project = makeProjectAt(dir, "study.taxo");
    const auto before = readFile(project);
    fs::create_directory(dir.file("sub"));
    REQUIRE(::link(project.c_str(), dir.file("alias.taxo").c_str()) == 0);
    fs::create_symlink(project, dir.file("link.csv"));
    for (const auto& out :
         {project, dir.file("sub/../study.taxo"), dir.file("alias.taxo"), dir.file("link.csv")}) {
        INFO(out);
        for (const bool force : {false, true}) {
            const auto outcome = exportQdc(project, out, force);
            CHECK(outcome.code == 1);
            CHECK_THAT(outcome.err, Catch::Contains(out + ": is the project itself"));
        }
    }
    CHECK(readFile(project) == before);
    const auto wal = exportQdc(project, project + "-wal");
    CHECK(wal.code == 1);
    CHECK_THAT(wal.err, Catch::Contains("is a journal file of the project"));
    CHECK_FALSE(fs::exists(project + "-wal"));
}

TEST_CASE("taxo export never writes over another project or SQLite database", "[cli][output]") {
    TempDir dir;
    const auto project = makeProjectAt(dir, "study.taxo");
    const auto other = makeProjectAt(dir, "other.taxo");
    const auto before = readFile(other);
    for (const bool force : {false, true}) {
        const auto outcome = exportQdc(project, other, force);
        CHECK(outcome.code == 1);
        CHECK_THAT(outcome.err, Catch::Contains(other + ": is a SQLite database"));
    }
    CHECK(readFile(other) == before);
    // The same refusal guards every atomic write, the GUI's exports included.
    const auto direct = files::writeAtomically(other, "text");
    REQUIRE_FALSE(direct.ok());
    CHECK_THAT(direct.message(), Catch::Contains("is a SQLite database"));
    CHECK(readFile(other) == before);
}

TEST_CASE("taxo export replaces an existing file only with --force", "[cli][output]") {
    TempDir dir;
    const auto project = makeProjectAt(dir, "study.taxo");
    const auto out = dir.file("codebook.qdc");
    writeFile(out, "keep me");
    const auto refused = exportQdc(project, out);
    CHECK(refused.code == 1);
    CHECK_THAT(refused.err, Catch::Contains(out + ": already exists; add --force to replace it"));
    CHECK(readFile(out) == "keep me");
    const auto forced = exportQdc(project, out, true);
    CHECK(forced.code == 0);
    CHECK_THAT(readFile(out), Catch::Contains("<CodeBook"));
    const auto folder = exportQdc(project, dir.path().string(), true);
    CHECK(folder.code == 1);
    CHECK_THAT(folder.err, Catch::Contains("is a folder"));
    // A file that appears after the check is not replaced either: the write itself
    // refuses an existing name unless replacing was allowed.
    const auto late = files::writeAtomically(out, "late", files::Replace::Never);
    REQUIRE_FALSE(late.ok());
    CHECK_THAT(late.message(), Catch::Contains("already exists"));
}

TEST_CASE("taxo package export refuses the project itself as its output", "[cli][output]") {
    TempDir dir;
    const auto project = makeProjectAt(dir, "study.taxo");
    const auto before = readFile(project);
    fs::create_directory(dir.file("sub"));
    const auto outcome = runCli(
        {"package", "export", project, "--person", "Ann", "--out", dir.file("sub/../study.taxo")});
    CHECK(outcome.code == 1);
    CHECK_THAT(outcome.err, Catch::Contains("is the project itself"));
    CHECK(readFile(project) == before);
}

TEST_CASE("the temporary file of an export never follows a planted symbolic link",
          "[cli][output]") {
    TempDir dir;
    const auto project = makeProjectAt(dir, "study.taxo");
    const auto victim = dir.file("victim.txt");
    writeFile(victim, "precious");
    const auto out = dir.file("codebook.qdc");
    // The names a predictable scheme would use: the pid-suffixed one the export once
    // used, and a few pids around it.
    for (int delta = -2; delta <= 2; ++delta)
        fs::create_symlink(victim, out + ".tmp-" + std::to_string(::getpid() + delta));
    const auto outcome = exportQdc(project, out);
    CHECK(outcome.code == 0);
    CHECK(readFile(victim) == "precious");
    CHECK(fs::is_regular_file(fs::symlink_status(out)));
    CHECK_THAT(readFile(out), Catch::Contains("<CodeBook"));
    // No temporary file is left: only the project (and its journal files), the victim,
    // the planted links and the output.
    std::size_t planted = 0;
    for (const auto& entry : fs::directory_iterator(dir.path())) {
        const auto name = entry.path().filename().string();
        INFO(name);
        if (fs::is_symlink(entry.symlink_status()))
            ++planted;
        else
            CHECK((name.rfind("study.taxo", 0) == 0 || name == "victim.txt" ||
                   name == "codebook.qdc"));
    }
    CHECK(planted == 5);
    struct stat info {};
    REQUIRE(::stat(out.c_str(), &info) == 0);
    const mode_t mask = ::umask(0);
    ::umask(mask);
    CHECK((info.st_mode & 0777) == (0666 & ~mask)); // a new file's usual mode once complete
}
