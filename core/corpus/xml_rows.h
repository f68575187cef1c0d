#pragma once
// Streams the <row .../> elements of one Stack Exchange dump file through expat,
// in 1 MiB chunks, so that a 100 GB Posts.xml never sits in memory. Hostile input
// is refused with the file name and line: a document type declaration (so no
// entity is ever declared or expanded), a wrong root element, elements other than
// rows, a row longer than the limit, and anything expat finds not well-formed
// (including invalid UTF-8 and a truncated file).

#include "core/corpus/byte_source.h"
#include "core/corpus/row_scanner.h"
#include "core/util/result.h"

#include <cstdint>
#include <functional>
#include <string>

namespace taxo::corpus {

struct XmlLimits {
    // A row (one start tag with all its attributes) longer than this is refused
    // before expat buffers more of it. Stack Overflow bodies stay under 64 KiB.
    std::uint64_t maxRowBytes = std::uint64_t{16} << 20;
    // Backstop for everything expat allocates for one file.
    std::uint64_t maxParserMemory = std::uint64_t{128} << 20;
};

// Attributes as expat gives them: name, value, name, value, ..., nullptr; values
// already unescaped. An error message returned here gets the file and line prefixed.
using RowHandler = std::function<Status(const char** attributes)>;
// Called after each chunk with the bytes consumed and the rows read from this file so far;
// an error stops the parse and is returned as is (used for cancel, whose message must
// stay exact).
using ChunkHandler = std::function<Status(std::uint64_t bytesDone, std::uint64_t rowsDone)>;

// Given a plain row before expat sees it (see row_scanner.h): true when the row has
// been dealt with (counted and skipped) and expat need not read it.
using QuickRowHandler = std::function<bool(const RawRow& row)>;

struct XmlRowsResult {
    std::uint64_t rows = 0;
    std::uint64_t bytes = 0;
};

Result<XmlRowsResult> readRows(ByteSource& source, const std::string& rootName,
                               const XmlLimits& limits, const RowHandler& onRow,
                               const ChunkHandler& onChunk, const QuickRowHandler& quick = {});

// Looks up an attribute by name in expat's list; nullptr when absent.
const char* findAttribute(const char** attributes, const char* name);

} // namespace taxo::corpus
