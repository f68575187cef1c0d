#pragma once
// Hands the rows of a dump file from the thread that scans them to a second thread that
// stores them. Scanning a dump and storing the rows it keeps (decoding, the HTML-to-text
// of the search index, SQLite) cost about the same, so on two cores they overlap instead
// of taking turns.
//
// The rows are copied (names and raw values) into batches; at most a fixed number of
// bytes wait at any time, so memory stays bounded whatever the file. The handler sees the
// rows in the order they were pushed, one at a time, always on the pipeline's thread, and
// the caller's thread must not touch what the handler uses (the project's connection)
// until finish() has returned. The first handler error stops the handling: push() then
// returns it, and finish() returns it once the rows before it have all been handled, so
// the outcome is the one of handling the rows in turn on one thread.

#include "core/corpus/dump_rows.h"
#include "core/corpus/dump_scanner.h"
#include "core/util/result.h"

#include <memory>
#include <string>

namespace taxo::corpus {

class RowPipeline {
public:
    // Handler errors are returned as "<fileName> line <n>: <message>", with the row's line.
    RowPipeline(std::string fileName, DumpRowHandler handler);
    // Stops the thread; rows not handled yet are dropped (after a cancel or an error).
    ~RowPipeline();
    RowPipeline(const RowPipeline&) = delete;
    RowPipeline& operator=(const RowPipeline&) = delete;

    // Copies the row for the handler. An error means the handler failed on an earlier row.
    Status push(const RowView& row);
    // Waits until every pushed row has been handled; the first handler error, if any.
    Status finish();

private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace taxo::corpus
