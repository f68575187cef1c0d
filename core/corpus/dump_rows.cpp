#include "core/corpus/dump_rows.h"

#include "core/corpus/dump_row_filter.h"
#include "core/corpus/dump_scanner.h"
#include "core/corpus/row_pipeline.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace taxo::corpus {
namespace {

// Small enough that the block the kernel copies out of the page cache stays in the core's
// cache for the scan that follows: reading 1 GiB in 128 KiB blocks took a quarter of the
// CPU time of reading it in 1 MiB blocks on the benchmark machine.
constexpr std::size_t kChunkBytes = std::size_t{128} << 10;

class ExpatRow : public DumpRow {
public:
    explicit ExpatRow(const char** attributes) : attributes_(attributes) {}
    const char* get(const char* name) const override { return findAttribute(attributes_, name); }

private:
    const char** attributes_;
};

std::string mebibytes(std::uint64_t bytes) {
    return std::to_string(bytes >> 20) + " MiB";
}

// A TooLong failure in the same words as the expat reader, whichever limit it was.
Error tooLong(const ByteSource& source, const XmlLimits& limits, std::uint64_t line) {
    const std::string where = source.name() + " line " + std::to_string(line);
    if (limits.maxParserMemory < limits.maxRowBytes)
        return makeError(where + ": the XML parser needs more than " +
                         mebibytes(limits.maxParserMemory) + " for one row; refusing it");
    return makeError(where + ": a row longer than " + mebibytes(limits.maxRowBytes) +
                     " starts here; refusing it (the limit keeps memory bounded)");
}

Result<XmlRowsResult> scanRows(ByteSource& source, const std::string& rootName,
                               const XmlLimits& limits, const DumpRowSkip& skip,
                               const DumpRowHandler& onRow, const ChunkHandler& onChunk,
                               bool& unsupportedLayout) {
    // The scanner's own buffer is all the memory a row takes, so both limits bound it.
    const auto limit =
        static_cast<std::size_t>(std::min(limits.maxRowBytes, limits.maxParserMemory));
    DumpScannerOptions options;
    options.fileName = source.name();
    options.rootElement = rootName;
    options.maxAttributeBytes = limit;
    options.maxRowBytes = limit;
    RowPipeline pipeline(source.name(), onRow);
    DumpScanner scanner(options, [&](const RowView& view) -> Status {
        if (skip && skip(RowKeys::of(view.attributes())))
            return {};
        return pipeline.push(view);
    });
    std::vector<char> buffer(kChunkBytes);
    std::uint64_t fed = 0;
    while (true) {
        auto got = source.read(buffer.data(), buffer.size());
        if (!got) {
            // A damaged archive block after a row the handler refused: the row comes first.
            if (auto handled = pipeline.finish(); !handled)
                return handled.error();
            return got.error();
        }
        const Status status =
            *got == 0 ? scanner.finish() : scanner.feed(std::string_view(buffer.data(), *got));
        fed += *got;
        if (!status) {
            // The rows before the failure come first: a handler error on one of them is
            // what a reading in turn would have met first.
            if (auto handled = pipeline.finish(); !handled)
                return handled.error();
            unsupportedLayout = scanner.unsupportedLayout();
            if (scanner.failure() == ScanFailure::TooLong)
                return tooLong(source, limits, scanner.errorLine());
            return status.error();
        }
        if (*got == 0)
            break;
        // A cancel returns at once; the rows still queued are dropped with the transaction.
        if (onChunk)
            if (auto chunkStatus = onChunk(fed, scanner.rows()); !chunkStatus)
                return chunkStatus.error();
    }
    if (auto handled = pipeline.finish(); !handled)
        return handled.error();
    return XmlRowsResult{scanner.rows(), fed};
}

} // namespace

Result<XmlRowsResult> readDumpRows(ByteSource& source, const std::string& rootName,
                                   const XmlLimits& limits, DumpRowReader reader,
                                   const DumpRowSkip& skip, const DumpRowHandler& onRow,
                                   const ChunkHandler& onChunk, bool& unsupportedLayout) {
    unsupportedLayout = false;
    if (reader == DumpRowReader::Scanner)
        return scanRows(source, rootName, limits, skip, onRow, onChunk, unsupportedLayout);
    QuickRowHandler quick;
    if (skip)
        quick = [&](const RawRow& row) {
            return skip(RowKeys::of(row));
        };
    return readRows(
        source, rootName, limits,
        [&](const char** attributes) { return onRow(ExpatRow(attributes)); }, onChunk, quick);
}

} // namespace taxo::corpus
