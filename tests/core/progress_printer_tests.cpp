// Progress on standard error: a line every few seconds into a log, one line rewritten
// in place on a terminal.
#include "cli/progress_printer.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>
#include <string>

namespace {

using taxo::Progress;
using taxo::cli::printProgress;

// 100 reports, one every 0.125 s (exact in binary), the last one complete, as a scan
// sends them.
void sendScan(const taxo::ProgressCallback& callback, const std::string& stage) {
    for (int i = 1; i <= 100; ++i) {
        Progress p;
        p.stage = stage;
        p.done = static_cast<std::uint64_t>(i);
        p.total = 100;
        p.unit = "posts";
        p.seconds = 0.125 * (i - 1);
        callback(p);
    }
}

std::string describe(const Progress& p) {
    return p.stage + ": " + std::to_string(p.done) + " of " + std::to_string(p.total);
}

} // namespace

TEST_CASE("progress into a log: a line every few seconds, and each stage's first and last",
          "[cli][progress]") {
    std::ostringstream err;
    {
        auto callback = printProgress(err, true, false, describe);
        sendScan(callback, "Scanning");
        sendScan(callback, "Writing");
    }
    const auto text = err.str();
    // Per stage: at 0 s, 5 s (the 41st report), 10 s (the 81st) and the last; no
    // carriage return.
    CHECK(text == "Scanning: 1 of 100\nScanning: 41 of 100\nScanning: 81 of 100\n"
                  "Scanning: 100 of 100\n"
                  "Writing: 1 of 100\nWriting: 41 of 100\nWriting: 81 of 100\n"
                  "Writing: 100 of 100\n");
    CHECK(text.find('\r') == std::string::npos);
}

TEST_CASE("progress on a terminal: one line rewritten in place, ended once", "[cli][progress]") {
    std::ostringstream err;
    {
        auto callback = printProgress(err, true, true, describe);
        sendScan(callback, "Scanning");
        CHECK(err.str().find('\n') == std::string::npos); // still one line
        sendScan(callback, "Writing");
    }
    const auto text = err.str();
    // At most every 0.1 s: all 100 reports of each stage, each starting with a carriage return
    // and erasing the rest of the line; one newline between the stages and one at the end.
    CHECK(std::count(text.begin(), text.end(), '\r') == 200);
    CHECK(std::count(text.begin(), text.end(), '\n') == 2);
    CHECK(text.find("\rScanning: 100 of 100\x1b[K\n\rWriting: 1 of 100\x1b[K") !=
          std::string::npos);
    CHECK(text.substr(text.size() - 24) == "\rWriting: 100 of 100\x1b[K\n");
}

TEST_CASE("progress that is not shown costs nothing", "[cli][progress]") {
    std::ostringstream err;
    CHECK_FALSE(static_cast<bool>(printProgress(err, false, true, describe)));
}
