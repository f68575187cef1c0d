#include "core/util/files.h"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace taxo::files {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kSqliteHeader{"SQLite format 3\0", 16};

std::string systemError() {
    return std::strerror(errno);
}

// Closes the descriptor and removes the temporary file unless it was published.
class TemporaryFile {
public:
    TemporaryFile() = default;
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    ~TemporaryFile() {
        closeFd();
        if (!path_.empty())
            ::unlink(path_.c_str());
    }

    // Creates "<folder>/.<name>.tmp-XXXXXXXXXXXX" exclusively. O_EXCL together with
    // O_NOFOLLOW refuses any existing name, a symbolic link included, so nothing
    // planted in the folder is ever opened; the random part makes the name unguessable.
    Status create(const std::string& target) {
        const fs::path targetPath(target);
        const fs::path folder = targetPath.parent_path();
        const std::string stem = "." + targetPath.filename().string() + ".tmp-";
        static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
        std::random_device device;
        std::mt19937_64 random((static_cast<std::uint64_t>(device()) << 32) ^ device() ^
                               static_cast<std::uint64_t>(::getpid()));
        for (int attempt = 0; attempt < 100; ++attempt) {
            std::string name = stem;
            for (int i = 0; i < 12; ++i)
                name += kAlphabet[random() % (sizeof kAlphabet - 1)];
            const std::string candidate = (folder / name).string();
            const int fd = ::open(candidate.c_str(),
                                  O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
            if (fd >= 0) {
                fd_ = fd;
                path_ = candidate;
                return {};
            }
            if (errno != EEXIST)
                return makeError(target +
                                 ": cannot create a temporary file beside it: " + systemError());
        }
        return makeError(target + ": cannot create a temporary file beside it: every name "
                                  "tried already exists");
    }

    int fd() const { return fd_; }
    const std::string& path() const { return path_; }

    // Flushes to disk, gives the file the mode a plain new file would get (or the
    // mode of the file it replaces) and closes it.
    Status finish(const std::string& target) {
        struct stat existing {};
        mode_t mode = 0666 & ~processUmask();
        if (::stat(target.c_str(), &existing) == 0 && S_ISREG(existing.st_mode))
            mode = existing.st_mode & 07777;
        if (::fchmod(fd_, mode) != 0)
            return makeError(target + ": cannot set the file's permissions: " + systemError());
        if (::fsync(fd_) != 0)
            return makeError(target + ": cannot flush to disk: " + systemError());
        if (closeFd() != 0)
            return makeError(target + ": cannot write: " + systemError());
        return {};
    }

    // The file now has its final name: nothing to remove any more.
    void published() { path_.clear(); }

private:
    int closeFd() {
        int result = 0;
        if (fd_ >= 0)
            result = ::close(fd_);
        fd_ = -1;
        return result;
    }

    // The umask cannot be read without setting it (which would race other threads),
    // so it is read from /proc; 022 where /proc is missing.
    static mode_t processUmask() {
        std::ifstream status("/proc/self/status");
        std::string line;
        while (std::getline(status, line))
            if (line.rfind("Umask:", 0) == 0)
                return static_cast<mode_t>(std::strtoul(line.c_str() + 6, nullptr, 8));
        return 022;
    }

    int fd_ = -1;
    std::string path_;
};

Status writeAll(int fd, std::string_view content, const std::string& path) {
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return makeError(path + ": cannot write: " + systemError());
        }
        written += static_cast<std::size_t>(n);
    }
    return {};
}

std::string sqliteRefusal(const std::string& path) {
    return path + ": is a SQLite database (a project or a package); Taxonomist never writes "
                  "over one. Choose another file name";
}

// Moves the finished temporary file to the target. Replace::Never uses a hard link,
// which fails when the name exists, so a file created meanwhile is never replaced.
Status publish(TemporaryFile& temporary, const std::string& path, Replace replace) {
    if (isSqliteDatabase(path))
        return makeError(sqliteRefusal(path));
    if (replace == Replace::Never) {
        auto status = moveWithoutReplacing(temporary.path(), path,
                                           path + ": already exists; add --force to replace it");
        if (status)
            temporary.published();
        return status;
    }
    if (std::rename(temporary.path().c_str(), path.c_str()) != 0)
        return makeError(path + ": cannot replace: " + systemError());
    temporary.published();
    return {};
}

} // namespace

Status moveWithoutReplacing(const std::string& from, const std::string& to,
                            const std::string& whenTaken) {
    if (::link(from.c_str(), to.c_str()) == 0) {
        ::unlink(from.c_str());
        return {};
    }
    if (errno == EEXIST)
        return makeError(whenTaken);
    // A file system without hard links (FAT on a USB stick): a rename that never
    // replaces, and where the kernel or file system lacks that too, a check just before.
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) != 0) {
        if (errno == EEXIST)
            return makeError(whenTaken);
        if (errno != EINVAL && errno != ENOSYS)
            return makeError(to + ": cannot create: " + systemError());
        struct stat existing {};
        if (::lstat(to.c_str(), &existing) == 0)
            return makeError(whenTaken);
        if (std::rename(from.c_str(), to.c_str()) != 0)
            return makeError(to + ": cannot create: " + systemError());
    }
    return {};
}

bool isSqliteDatabase(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return false;
    struct stat info {};
    std::array<char, 16> header{};
    bool database = false;
    if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode)) {
        const ssize_t n = ::read(fd, header.data(), header.size());
        database = n == static_cast<ssize_t>(header.size()) &&
                   std::string_view(header.data(), header.size()) == kSqliteHeader;
    }
    ::close(fd);
    return database;
}

Status checkOutputTarget(const std::string& out, const std::string& project, bool force) {
    if (out.empty())
        return makeError("the output file name is empty");
    if (!project.empty()) {
        // The project's journal files do not start with the SQLite header, but writing
        // over them loses the newest labels; they are refused by name.
        std::error_code error;
        const auto outPath = fs::weakly_canonical(out, error);
        const auto projectPath = fs::weakly_canonical(project, error);
        if (!error) {
            for (const char* suffix : {"-wal", "-shm", "-journal"})
                if (outPath.string() == projectPath.string() + suffix)
                    return makeError(out + ": is a journal file of the project " + project +
                                     "; choose another file name");
        }
    }
    struct stat target {};
    if (::stat(out.c_str(), &target) != 0) {
        if (errno == ENOENT)
            return {};
        return makeError(out + ": cannot check the output file: " + systemError());
    }
    if (!project.empty()) {
        struct stat projectInfo {};
        if (::stat(project.c_str(), &projectInfo) == 0 && projectInfo.st_dev == target.st_dev &&
            projectInfo.st_ino == target.st_ino)
            return makeError(out + ": is the project itself; writing there would destroy it. "
                                   "Choose another file name");
    }
    if (S_ISDIR(target.st_mode))
        return makeError(out + ": is a folder; give a file name");
    if (isSqliteDatabase(out))
        return makeError(sqliteRefusal(out));
    if (!force)
        return makeError(out + ": already exists; add --force to replace it");
    if (!S_ISREG(target.st_mode))
        return makeError(out + ": is not a regular file; choose another file name");
    return {};
}

Status writeAtomically(const std::string& path, std::string_view content, Replace replace) {
    TemporaryFile temporary;
    if (auto status = temporary.create(path); !status)
        return status;
    if (auto status = writeAll(temporary.fd(), content, path); !status)
        return status;
    if (auto status = temporary.finish(path); !status)
        return status;
    return publish(temporary, path, replace);
}

Result<std::string> readAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return makeError(path + ": cannot read: " + systemError());
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

Status copyFile(const std::string& from, const std::string& to) {
    // Streams through a buffer rather than memory: a project can hold gigabytes.
    const int source = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
    if (source < 0)
        return makeError(to + ": cannot copy from " + from + ": " + systemError());
    TemporaryFile temporary;
    Status status = temporary.create(to);
    std::array<char, 1 << 16> buffer{};
    while (status) {
        const ssize_t n = ::read(source, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            status = makeError(to + ": cannot copy from " + from + ": " + systemError());
            break;
        }
        if (n == 0)
            break;
        status = writeAll(temporary.fd(),
                          std::string_view(buffer.data(), static_cast<std::size_t>(n)), to);
    }
    ::close(source);
    if (status)
        status = temporary.finish(to);
    if (status && std::rename(temporary.path().c_str(), to.c_str()) != 0)
        status = makeError(to + ": cannot copy from " + from + ": " + systemError());
    if (status)
        temporary.published();
    return status;
}

} // namespace taxo::files
