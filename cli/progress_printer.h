#pragma once
// Progress of long work on standard error. On a terminal one line is rewritten in place
// (carriage return, then erase to the end of the line); into a file or a pipe, where
// every line stays, a line is written at most every few seconds, and always when a
// stage begins or ends, so a log of one import is a handful of lines, not hundreds.

#include "core/util/progress.h"

#include <functional>
#include <ostream>
#include <string>

namespace taxo::cli {

class ProgressPrinter {
public:
    static constexpr double kLogEverySeconds = 5.0;
    static constexpr double kTerminalEverySeconds = 0.1;

    ProgressPrinter(std::ostream& err, bool terminal);
    ~ProgressPrinter(); // ends an open in-place line
    ProgressPrinter(const ProgressPrinter&) = delete;
    ProgressPrinter& operator=(const ProgressPrinter&) = delete;

    // `line` is the report in words, already made printable by the caller.
    void report(const Progress& progress, const std::string& line);

private:
    std::ostream& err_;
    bool terminal_;
    std::string stage_;
    double lastSeconds_ = -1;
    bool lineOpen_ = false;
};

// A callback for core's long work that prints through a ProgressPrinter; the printer
// lives as long as the callback. Empty when progress is not shown.
ProgressCallback printProgress(std::ostream& err, bool show, bool terminal,
                               std::function<std::string(const Progress&)> describe);

} // namespace taxo::cli
