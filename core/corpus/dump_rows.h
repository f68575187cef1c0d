#pragma once
// One small interface over the two readers of dump rows: the fast scanner
// (dump_scanner.h) and expat (xml_rows.h). The import reads every file with the scanner;
// when the scanner meets well-formed XML outside the dump layout it says so, and the
// import reads everything again with expat.

#include "core/corpus/byte_source.h"
#include "core/corpus/xml_rows.h"
#include "core/util/result.h"

#include <functional>

namespace taxo::corpus {

enum class DumpRowReader {
    Scanner, // dump_scanner.h: ~1.3 GB/s, decodes only the attributes asked for
    Expat,   // xml_rows.h: any well-formed XML, ~80 MB/s
};

// One <row .../> as either reader presents it.
class DumpRow {
public:
    virtual ~DumpRow() = default;
    // The decoded value of attribute `name` (NUL-terminated), or nullptr when the row has
    // no such attribute. Valid until the row handler returns.
    virtual const char* get(const char* name) const = 0;
};

// An error returned here gets the file and the row's line prefixed.
using DumpRowHandler = std::function<Status(const DumpRow&)>;

struct RowKeys;
// Judges a row on its raw ids and tags before anything is decoded or copied (see
// dump_row_filter.h): true when the row is skipped and the handler need not see it.
using DumpRowSkip = std::function<bool(const RowKeys&)>;

// Reads the rows of one dump file. The messages name the file and line, whichever reader
// is used. `skip` (may be empty) runs on the calling thread, on every row. With the
// scanner, the rows it does not skip reach `onRow` on a second thread (row_pipeline.h),
// in order, and all of them have been handled when this returns; with expat, `onRow`
// runs on the calling thread. With the scanner, `unsupportedLayout` is set when the file
// needs expat; the rows before that point have already reached the handler.
Result<XmlRowsResult> readDumpRows(ByteSource& source, const std::string& rootName,
                                   const XmlLimits& limits, DumpRowReader reader,
                                   const DumpRowSkip& skip, const DumpRowHandler& onRow,
                                   const ChunkHandler& onChunk, bool& unsupportedLayout);

} // namespace taxo::corpus
