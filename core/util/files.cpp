#include "util/files.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace taxo::files {
namespace {

std::string systemError() {
    return std::strerror(errno);
}

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

} // namespace

Status writeAtomically(const std::string& path, std::string_view content) {
    const std::string temporary = path + ".tmp-" + std::to_string(::getpid());
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return makeError(path + ": cannot create: " + systemError());
    auto status = writeAll(fd, content, path);
    if (status && ::fsync(fd) != 0)
        status = makeError(path + ": cannot flush to disk: " + systemError());
    ::close(fd);
    if (status && std::rename(temporary.c_str(), path.c_str()) != 0)
        status = makeError(path + ": cannot replace: " + systemError());
    if (!status)
        std::remove(temporary.c_str());
    return status;
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
    // Streams through the file system rather than memory: a project can hold gigabytes.
    const std::string temporary = to + ".tmp-" + std::to_string(::getpid());
    std::error_code error;
    std::filesystem::copy_file(from, temporary, std::filesystem::copy_options::overwrite_existing,
                               error);
    if (!error)
        std::filesystem::rename(temporary, to, error);
    if (error) {
        std::filesystem::remove(temporary);
        return makeError(to + ": cannot copy from " + from + ": " + error.message());
    }
    return {};
}

} // namespace taxo::files
