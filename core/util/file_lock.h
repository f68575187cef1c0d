#pragma once
// An exclusive advisory lock on a file, held for the lifetime of the object, so that
// two writers (two windows, or a window and `taxo import`) never work on one project
// at once. flock() locks are independent of SQLite's own POSIX locks on Linux.

#include "core/util/result.h"

#include <string>

namespace taxo {

class FileLock {
public:
    FileLock() = default;
    ~FileLock();
    FileLock(FileLock&& other) noexcept;
    FileLock& operator=(FileLock&& other) noexcept;
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

    // Fails at once (never waits) when another holder has the lock.
    static Result<FileLock> acquire(const std::string& path);
    void release();

private:
    explicit FileLock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

} // namespace taxo
