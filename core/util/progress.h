#pragma once
// The convention for long work in core: a plain function that takes a progress
// callback and a cancel flag. The GUI runs it off the UI thread; the CLI prints
// progress on stderr. Callbacks are called from the working thread.

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

namespace taxo {

struct Progress {
    std::string stage;       // "Reading Posts.xml", "Indexing", ...
    std::uint64_t done = 0;  // in `unit`
    std::uint64_t total = 0; // 0 when unknown
    std::string unit;        // "bytes", "rows", "posts"
    std::uint64_t items = 0; // rows read so far, for a rate display
    double seconds = 0;      // since the work started
};

using ProgressCallback = std::function<void(const Progress&)>;

// Set from any thread; the working function checks it often and stops with
// an error whose message is kCancelledMessage, leaving the project as it was.
using CancelFlag = std::atomic<bool>;
inline constexpr const char* kCancelledMessage = "cancelled";

inline bool cancelled(const CancelFlag* flag) {
    return flag && flag->load(std::memory_order_relaxed);
}

} // namespace taxo
