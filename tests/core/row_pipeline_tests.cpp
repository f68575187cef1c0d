#include "core/corpus/dump_scanner.h"
#include "core/corpus/row_pipeline.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

using taxo::Status;
using taxo::corpus::DumpRow;
using taxo::corpus::DumpScanner;
using taxo::corpus::DumpScannerOptions;
using taxo::corpus::RowPipeline;
using taxo::corpus::RowView;

namespace {

// `rows` rows of about `bodyBytes` each, with a reference in every body and a line break
// inside every tenth row, so lines and decoding both show.
std::string document(int rows, std::size_t bodyBytes) {
    std::string text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<posts>\n";
    for (int id = 1; id <= rows; ++id) {
        text += "  <row Id=\"" + std::to_string(id) + "\" Body=\"&lt;p&gt;" +
                std::string(bodyBytes, 'a' + static_cast<char>(id % 26)) + "\"" +
                (id % 10 == 0 ? "\n     " : " ") + "Title=\"t" + std::to_string(id) + "\" />\n";
    }
    return text + "</posts>\n";
}

struct Seen {
    std::string id, body, title;
};

// Scans `text` and pushes every row through a pipeline; returns what the scan or the
// pipeline reported.
Status scanThrough(const std::string& text, RowPipeline& pipeline) {
    DumpScannerOptions options;
    options.fileName = "Posts.xml";
    options.rootElement = "posts";
    DumpScanner scanner(options, [&](const RowView& row) { return pipeline.push(row); });
    // Uneven chunks, as the file reader would give them.
    for (std::size_t at = 0; at < text.size(); at += 7777)
        if (auto status = scanner.feed(std::string_view(text).substr(at, 7777)); !status)
            return status;
    if (auto status = scanner.finish(); !status)
        return status;
    return pipeline.finish();
}

} // namespace

TEST_CASE("the pipeline hands every row over, in order, decoded on request", "[import][pipeline]") {
    // Past the batch size and the queue limit, so batches are recycled and the scan waits.
    const int rows = 60000;
    const std::string text = document(rows, 400);
    std::vector<Seen> seen;
    std::thread::id handlerThread;
    RowPipeline pipeline("Posts.xml", [&](const DumpRow& row) -> Status {
        handlerThread = std::this_thread::get_id();
        seen.push_back({row.get("Id"), row.get("Body"), row.get("Title")});
        CHECK(row.get("Score") == nullptr);
        return {};
    });
    const Status status = scanThrough(text, pipeline);
    INFO((status ? "" : status.message()));
    REQUIRE(status);
    CHECK(handlerThread != std::this_thread::get_id());
    REQUIRE(seen.size() == static_cast<std::size_t>(rows));
    for (int id = 1; id <= rows; id += 997) {
        const Seen& row = seen[static_cast<std::size_t>(id - 1)];
        CHECK(row.id == std::to_string(id));
        CHECK(row.body == "<p>" + std::string(400, 'a' + static_cast<char>(id % 26)));
        CHECK(row.title == "t" + std::to_string(id));
    }
}

TEST_CASE("a handler error names its row's line and stops the handling", "[import][pipeline]") {
    const std::string text = document(20000, 100);
    std::atomic<int> handled = 0;
    RowPipeline pipeline("Posts.xml", [&](const DumpRow& row) -> Status {
        ++handled;
        if (std::string(row.get("Id")) == "30")
            return taxo::makeError("attribute Id=\"30\" is refused");
        return {};
    });
    const Status status = scanThrough(text, pipeline);
    REQUIRE_FALSE(status);
    // Row 30 starts on line 2 + 30 + 2 (rows 10 and 20 take two lines each).
    CHECK(status.message() == "Posts.xml line 34: attribute Id=\"30\" is refused");
    CHECK(handled == 30);
    // Asked again, the same error.
    CHECK(pipeline.finish().message() == status.message());
}

TEST_CASE("a pipeline dropped half way stops without handling the rest", "[import][pipeline]") {
    const std::string text = document(50000, 300);
    std::atomic<int> handled = 0;
    std::atomic<bool> entered = false, released = false;
    std::thread releaser;
    {
        RowPipeline pipeline("Posts.xml", [&](const DumpRow&) -> Status {
            // The first row waits until the scan has queued many batches behind it and the
            // pipeline is being dropped.
            entered = true;
            while (!released)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            ++handled;
            return {};
        });
        DumpScannerOptions options;
        options.fileName = "Posts.xml";
        options.rootElement = "posts";
        DumpScanner scanner(options, [&](const RowView& row) { return pipeline.push(row); });
        // A cancel after a third of the file (about twenty batches): the pipeline goes out
        // of scope unfinished, while its thread is on the first batch. The thread is let go
        // only well after the drop has begun.
        REQUIRE(scanner.feed(std::string_view(text).substr(0, text.size() / 3)));
        while (!entered)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        releaser = std::thread([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            released = true;
        });
    }
    releaser.join();
    // The batch in hand is finished (under 1,024 rows); the queued ones are dropped.
    CHECK(handled > 0);
    CHECK(handled <= 1024);
}
