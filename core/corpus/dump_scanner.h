#pragma once
// A fast, strict push scanner for Stack Exchange dump files (Posts.xml, Comments.xml, ...).
//
// Why not expat: expat alone reads ~84 MB/s on this machine, and the import must reach
// ten times the Python lxml peer. The dump layout is simple and fixed (BOM, XML
// declaration, one root element, one self-closing <row .../> per line), so this scanner
// reads exactly that layout at memchr speed and hands out attribute values still escaped;
// the import decodes only the few values of the rows it keeps.
//
// Strictness: everything the scanner accepts is well-formed XML and yields the same
// attribute values as expat (the differential tests hold it to that). Input that is not
// well-formed is refused with a message "<file> line <n>: <what>". Well-formed XML that the
// dump never uses and the scanner does not read (comments, processing instructions, CDATA,
// text or child elements, non-ASCII names, other encodings, attributes on the root, ...)
// stops the scan with failure() == ScanFailure::UnsupportedLayout, so the caller can read
// the file again from the start with expat. Deliberate exceptions, where the scanner is
// stricter than XML: a DOCTYPE (DTDs are refused, never expanded), a root element other
// than the expected one, and values or rows over the configured size limits.
//
// Usage: construct with the options and a row handler, call feed() with chunks split
// anywhere, then finish(). The first failure is sticky: later calls return it again.

#include "core/util/result.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace taxo::corpus {

struct RowAttribute {
    std::string_view name;
    std::string_view raw; // as written between the quotes, references not decoded
    bool plain = true;    // true when the decoded value equals `raw` (no reference, TAB, CR, LF)
};

// One <row .../> element. Valid only during the handler call: the views point into the
// scanner's buffers or the caller's chunk.
class RowView {
public:
    std::size_t size() const { return attributes_.size(); }
    const RowAttribute& operator[](std::size_t i) const { return attributes_[i]; }
    auto begin() const { return attributes_.begin(); }
    auto end() const { return attributes_.end(); }
    std::span<const RowAttribute> attributes() const { return attributes_; }

    // Linear scan over the names: rows have 10 to 20 attributes.
    const RowAttribute* find(std::string_view name) const {
        for (const RowAttribute& attribute : attributes_)
            if (attribute.name == name)
                return &attribute;
        return nullptr;
    }
    bool has(std::string_view name) const { return find(name) != nullptr; }
    // The raw value, or "" when the attribute is absent.
    std::string_view raw(std::string_view name) const {
        const RowAttribute* attribute = find(name);
        return attribute ? attribute->raw : std::string_view();
    }

    // The value as an XML parser reports it: references decoded, literal TAB, CR, LF and
    // CR LF each normalised to one space. Returns `raw` itself when nothing needs decoding,
    // otherwise decodes into `scratch` and returns a view of it.
    static std::string_view decoded(const RowAttribute& attribute, std::string& scratch);
    // The decoded value of `name`, or "" when absent.
    std::string decoded(std::string_view name) const;

    // The line on which the row starts (1-based, lines as expat counts them).
    std::uint64_t line() const { return line_; }

private:
    friend class DumpScanner;
    std::vector<RowAttribute> attributes_;
    std::uint64_t line_ = 0;
};

// Decodes a raw attribute value that the scanner has validated. Exposed for the tests and
// for callers that keep raw values beyond the handler call.
void decodeAttributeValue(std::string_view raw, std::string& out);

enum class ScanFailure {
    None,
    Malformed,         // not well-formed XML, a DOCTYPE or another root element: refuse
    UnsupportedLayout, // well-formed perhaps, but not the dump layout: read it with expat
    TooLong,           // a value or row over the configured limits: refuse
    Handler,           // the row handler returned an error (its message is passed through)
};

struct DumpScannerOptions {
    std::string fileName;    // named in every message
    std::string rootElement; // the expected root: "posts", "comments", "users", ...
    // A longer attribute value is refused as soon as that many bytes have arrived, so a
    // damaged file cannot make the scanner buffer gigabytes.
    std::size_t maxAttributeBytes = std::size_t{16} << 20;
    // The same for one whole <row .../> tag (whitespace and all attributes).
    std::size_t maxRowBytes = std::size_t{64} << 20;
};

class DumpScanner {
public:
    using RowHandler = std::function<Status(const RowView&)>;

    DumpScanner(DumpScannerOptions options, RowHandler handler);

    // Scans `chunk`; complete rows are handed to the handler before feed returns, an
    // incomplete tail is kept until the next call.
    Status feed(std::string_view chunk);
    // Declares the end of the input; refuses a file that stops early.
    Status finish();

    ScanFailure failure() const { return failure_; }
    bool unsupportedLayout() const { return failure_ == ScanFailure::UnsupportedLayout; }
    // The line the failure names (0 for handler failures and before any failure).
    std::uint64_t errorLine() const { return errorLine_; }
    std::uint64_t rows() const { return rows_; }
    std::uint64_t bytes() const { return bytes_; }
    // The line (1-based) where the scan stands: past the last complete item.
    std::uint64_t line() const { return line_; }

    enum class State { Start, Prolog, Content, Epilog, Failed };

private:
    enum class Step { Done, NeedMore, Fail };

    Status scanBuffer(const char* begin, const char* end, bool eof, std::size_t& consumed);
    Step scanStart(const char*& p, const char* end, bool eof);
    Step scanXmlDeclaration(const char*& p, const char* end, bool eof);
    Step scanProlog(const char*& p, const char* end, bool eof);
    Step scanRootStart(const char*& p, const char* end, bool eof);
    Step scanContent(const char*& p, const char* end, bool eof);
    Step scanRow(const char*& p, const char* end, bool eof);
    Step scanEndTag(const char*& p, const char* end, bool eof);
    Step scanEpilog(const char*& p, const char* end, bool eof);
    Step scanReference(const char*& p, const char* end, std::uint64_t line);
    Step scanUtf8(const char*& p, const char* end, std::uint64_t line);
    Step scanMarkupStart(const char* p, const char* end, bool eof, std::uint64_t line);

    Step fail(ScanFailure kind, std::uint64_t line, const std::string& what);
    // Records the first error that expat reports only after the whole tag (a reference to
    // a character XML forbids, an undefined entity, a duplicate attribute).
    void defer(std::uint64_t line, std::string what);
    Step needMore(const char* itemStart, const char* end, bool eof, const char* what);

    DumpScannerOptions options_;
    RowHandler handler_;
    RowView row_;
    State state_ = State::Start;
    ScanFailure failure_ = ScanFailure::None;
    Error error_;
    Status handlerStatus_;
    std::uint64_t deferredLine_ = 0; // 0: none in the current row
    std::string deferredWhat_;
    std::string pending_; // the incomplete item carried from one chunk to the next
    std::size_t nextAttempt_ = 0;
    bool attemptedPending_ = false;
    std::uint64_t line_ = 1;
    std::uint64_t errorLine_ = 0;
    std::uint64_t rows_ = 0;
    std::uint64_t bytes_ = 0;
};

namespace detail {
// The first byte in [p, end) that is `quote`, '&', '<', below 0x20 or above 0x7F, or end.
// Exposed so the tests can compare the faster searches with a byte loop.
const char* findSpecialBytewise(const char* p, const char* end, char quote);
const char* findSpecialWords(const char* p, const char* end, char quote); // 8 bytes a step
// Past plain bytes and the common references of a value ("&lt;", "&gt;", "&amp;",
// "&quot;", "&#xA;"): the first byte findSpecialBytewise finds that does not start one of
// them, or any '&' less than six bytes before `end`, or end. `references` is set when one
// was passed. SSE2 where it exists, with a byte loop to compare it with.
const char* skipPlainValue(const char* p, const char* end, char quote, bool& references);
const char* skipPlainValueBytewise(const char* p, const char* end, char quote, bool& references);
} // namespace detail

} // namespace taxo::corpus
