#include "cli/progress_printer.h"

#include <memory>

namespace taxo::cli {

ProgressPrinter::ProgressPrinter(std::ostream& err, bool terminal)
    : err_(err), terminal_(terminal) {}

ProgressPrinter::~ProgressPrinter() {
    if (lineOpen_)
        err_ << '\n' << std::flush;
}

void ProgressPrinter::report(const Progress& progress, const std::string& line) {
    const bool newStage = progress.stage != stage_;
    const bool finished = progress.total > 0 && progress.done >= progress.total;
    const double every = terminal_ ? kTerminalEverySeconds : kLogEverySeconds;
    if (!newStage && !finished && lastSeconds_ >= 0 && progress.seconds - lastSeconds_ < every)
        return;
    if (!newStage && finished && lastSeconds_ == progress.seconds)
        return; // the same final report twice
    lastSeconds_ = progress.seconds;
    if (terminal_) {
        if (newStage && lineOpen_)
            err_ << '\n';
        // Our own control sequence: back to the line's start, the text, erase the rest.
        err_ << '\r' << line << "\x1b[K" << std::flush;
        lineOpen_ = true;
    } else {
        err_ << line << '\n';
    }
    stage_ = progress.stage;
}

ProgressCallback printProgress(std::ostream& err, bool show, bool terminal,
                               std::function<std::string(const Progress&)> describe) {
    if (!show)
        return {};
    auto printer = std::make_shared<ProgressPrinter>(err, terminal);
    return [printer, describe = std::move(describe)](const Progress& progress) {
        printer->report(progress, describe(progress));
    };
}

} // namespace taxo::cli
