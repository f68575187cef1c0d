#include "corpus/dump_rows.h"

#include "corpus/dump_scanner.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace taxo::corpus {
namespace {

constexpr std::size_t kChunkBytes = std::size_t{1} << 20;

class ExpatRow : public DumpRow {
public:
    explicit ExpatRow(const char** attributes) : attributes_(attributes) {}
    const char* get(const char* name) const override { return findAttribute(attributes_, name); }

private:
    const char** attributes_;
};

// Decodes an attribute only when asked, into a buffer per attribute position that keeps
// its capacity from row to row: rows the import skips cost no decoding and no allocation.
class ScannedRow : public DumpRow {
public:
    void reset(const RowView& view) {
        view_ = &view;
        ++serial_;
        if (values_.size() < view.size()) {
            values_.resize(view.size());
            filled_.resize(view.size(), 0);
        }
    }

    const char* get(const char* name) const override {
        const std::string_view wanted(name);
        for (std::size_t i = 0; i < view_->size(); ++i) {
            const RowAttribute& attribute = (*view_)[i];
            if (attribute.name != wanted)
                continue;
            if (filled_[i] != serial_) {
                if (attribute.plain)
                    values_[i].assign(attribute.raw);
                else
                    decodeAttributeValue(attribute.raw, values_[i]);
                filled_[i] = serial_;
            }
            return values_[i].c_str();
        }
        return nullptr;
    }

private:
    const RowView* view_ = nullptr;
    std::uint64_t serial_ = 0;
    mutable std::vector<std::string> values_;
    mutable std::vector<std::uint64_t> filled_;
};

std::string mebibytes(std::uint64_t bytes) {
    return std::to_string(bytes >> 20) + " MiB";
}

Result<XmlRowsResult> scanRows(ByteSource& source, const std::string& rootName,
                               const XmlLimits& limits, const DumpRowHandler& onRow,
                               const ChunkHandler& onChunk, bool& unsupportedLayout) {
    // The scanner's own buffer is all the memory a row takes, so both limits bound it.
    const auto limit =
        static_cast<std::size_t>(std::min(limits.maxRowBytes, limits.maxParserMemory));
    DumpScannerOptions options;
    options.fileName = source.name();
    options.rootElement = rootName;
    options.maxAttributeBytes = limit;
    options.maxRowBytes = limit;
    ScannedRow row;
    DumpScanner scanner(options, [&](const RowView& view) -> Status {
        row.reset(view);
        if (auto status = onRow(row); !status)
            return makeError(source.name() + " line " + std::to_string(view.line()) + ": " +
                             status.message());
        return {};
    });
    std::vector<char> buffer(kChunkBytes);
    std::uint64_t fed = 0;
    while (true) {
        auto got = source.read(buffer.data(), buffer.size());
        if (!got)
            return got.error();
        const Status status =
            *got == 0 ? scanner.finish() : scanner.feed(std::string_view(buffer.data(), *got));
        fed += *got;
        if (!status) {
            unsupportedLayout = scanner.unsupportedLayout();
            if (scanner.failure() != ScanFailure::TooLong)
                return status.error();
            // The same words as the expat reader, whichever limit it was.
            const std::string where =
                source.name() + " line " + std::to_string(scanner.errorLine());
            if (limits.maxParserMemory < limits.maxRowBytes)
                return makeError(where + ": the XML parser needs more than " +
                                 mebibytes(limits.maxParserMemory) + " for one row; refusing it");
            return makeError(where + ": a row longer than " + mebibytes(limits.maxRowBytes) +
                             " starts here; refusing it (the limit keeps memory bounded)");
        }
        if (*got == 0)
            break;
        if (onChunk)
            if (auto chunkStatus = onChunk(fed); !chunkStatus)
                return chunkStatus.error();
    }
    return XmlRowsResult{scanner.rows(), fed};
}

} // namespace

Result<XmlRowsResult> readDumpRows(ByteSource& source, const std::string& rootName,
                                   const XmlLimits& limits, DumpRowReader reader,
                                   const DumpRowHandler& onRow, const QuickRowHandler& quick,
                                   const ChunkHandler& onChunk, bool& unsupportedLayout) {
    unsupportedLayout = false;
    if (reader == DumpRowReader::Scanner)
        return scanRows(source, rootName, limits, onRow, onChunk, unsupportedLayout);
    return readRows(
        source, rootName, limits,
        [&](const char** attributes) { return onRow(ExpatRow(attributes)); }, onChunk, quick);
}

} // namespace taxo::corpus
