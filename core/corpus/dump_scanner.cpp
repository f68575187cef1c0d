#include "core/corpus/dump_scanner.h"

#include "core/util/char_reference.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

namespace taxo::corpus {

namespace {

constexpr std::size_t kMaxDeclarationBytes = 256;
// A pending item is retried at the first line end, then only after it has doubled (at
// least this size), so one huge or many-line value is not rescanned quadratically.
constexpr std::size_t kMinRetryBytes = 64 * 1024;

unsigned char byteAt(const char* p) {
    return static_cast<unsigned char>(*p);
}

// ASCII XML name characters. Non-ASCII names are legal XML but never in a dump: the
// callers report them as an unsupported layout rather than validating them here.
constexpr std::array<unsigned char, 256> kNameClass = [] {
    std::array<unsigned char, 256> table{};
    for (int c = 0; c < 256; ++c) {
        const bool start = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
        const bool rest = start || (c >= '0' && c <= '9') || c == '-' || c == '.';
        table[static_cast<std::size_t>(c)] = start ? 2 : rest ? 1 : 0;
    }
    return table;
}();

bool isNameStart(char c) {
    return kNameClass[static_cast<unsigned char>(c)] == 2;
}
bool isNameChar(char c) {
    return kNameClass[static_cast<unsigned char>(c)] != 0;
}
bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// XML 1.0 Char production.
bool isXmlChar(std::uint32_t c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
           (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

std::string hexByte(unsigned char c) {
    const char* digits = "0123456789ABCDEF";
    return std::string("0x") + digits[c >> 4] + digits[c & 15];
}

std::string_view view(const char* begin, const char* end) {
    return std::string_view(begin, static_cast<std::size_t>(end - begin));
}

// Whitespace between markup, counting lines as expat does: LF, CR LF and a lone CR each
// end one line. Returns false when a CR is the last byte and the next one is not known.
bool skipSpace(const char*& p, const char* end, bool eof, std::uint64_t& line, bool* saw = nullptr,
               bool finalCrEndsLine = false) {
    while (p < end) {
        const char c = *p;
        if (c == ' ' || c == '\t') {
            ++p;
        } else if (c == '\n') {
            ++line;
            ++p;
        } else if (c == '\r') {
            if (p + 1 == end && !eof)
                return false;
            // A CR ending the file ends a line for expat in the prolog only; in content
            // it waits for a LF that never comes.
            if (p + 1 == end ? finalCrEndsLine : p[1] != '\n')
                ++line;
            ++p;
        } else {
            break;
        }
        if (saw)
            *saw = true;
    }
    return true;
}

// Reads an ASCII name at p. Returns false when the name may continue past `end`.
bool readName(const char*& p, const char* end) {
    while (p < end && isNameChar(*p))
        ++p;
    return p < end;
}

} // namespace

// ---- scanner --------------------------------------------------------------------------

DumpScanner::DumpScanner(DumpScannerOptions options, RowHandler handler)
    : options_(std::move(options)), handler_(std::move(handler)) {
    row_.attributes_.reserve(32);
}

DumpScanner::Step DumpScanner::fail(ScanFailure kind, std::uint64_t line, const std::string& what) {
    failure_ = kind;
    errorLine_ = line;
    std::string message = options_.fileName + " line " + std::to_string(line) + ": ";
    if (kind == ScanFailure::UnsupportedLayout)
        message += "unsupported layout (" + what + "); it needs a full XML parser";
    else
        message += what;
    error_ = makeError(std::move(message));
    return Step::Fail;
}

// An item is never taken in part: it is scanned again from its start once more bytes
// arrive. Messages name the line where it starts (line_ is committed only after an item),
// which is also where expat reports an unclosed token.
void DumpScanner::defer(std::uint64_t line, std::string what) {
    if (deferredLine_ == 0) {
        deferredLine_ = line;
        deferredWhat_ = std::move(what);
    }
}

DumpScanner::Step DumpScanner::needMore(const char* itemStart, const char* end, bool eof,
                                        const char* what) {
    // The length first: feed() retries a carried item only when it has doubled, so a
    // file cut inside an over-long row may reach the end before the limit was checked;
    // checked here, the verdict is the same however the bytes were split (found by
    // fuzz_dump_scanner).
    if (static_cast<std::size_t>(end - itemStart) > options_.maxRowBytes)
        return fail(ScanFailure::TooLong, line_,
                    std::string(what) + " longer than the limit of " +
                        std::to_string(options_.maxRowBytes) + " bytes");
    if (eof)
        return fail(ScanFailure::Malformed, line_,
                    std::string("truncated file: it ends inside ") + what);
    return Step::NeedMore;
}

Status DumpScanner::feed(std::string_view chunk) {
    if (state_ == State::Failed)
        return error_;
    bytes_ += chunk.size();
    while (!chunk.empty()) {
        std::size_t consumed = 0;
        if (pending_.empty()) {
            // The fast path: rows are read in place, only the incomplete tail is copied.
            Status status = scanBuffer(chunk.data(), chunk.data() + chunk.size(), false, consumed);
            if (!status)
                return status;
            pending_.assign(chunk.data() + consumed, chunk.size() - consumed);
            attemptedPending_ = false;
            nextAttempt_ = std::max(2 * pending_.size(), kMinRetryBytes);
            return {};
        }
        // Complete the carried item with the rest of its line, where rows end.
        const void* newline = std::memchr(chunk.data(), '\n', chunk.size());
        const std::size_t take =
            newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - chunk.data()) + 1
                    : chunk.size();
        pending_.append(chunk.data(), take);
        chunk.remove_prefix(take);
        if (!(newline && !attemptedPending_) && pending_.size() < nextAttempt_)
            continue;
        Status status =
            scanBuffer(pending_.data(), pending_.data() + pending_.size(), false, consumed);
        if (!status)
            return status;
        if (consumed == 0) {
            attemptedPending_ = true;
            nextAttempt_ = std::max(2 * pending_.size(), kMinRetryBytes);
        } else {
            pending_.erase(0, consumed);
            attemptedPending_ = false;
            nextAttempt_ = std::max(2 * pending_.size(), kMinRetryBytes);
        }
    }
    return {};
}

Status DumpScanner::finish() {
    if (state_ == State::Failed)
        return error_;
    std::size_t consumed = 0;
    Status status = scanBuffer(pending_.data(), pending_.data() + pending_.size(), true, consumed);
    if (!status)
        return status;
    pending_.clear();
    if (state_ != State::Epilog) {
        const std::string what =
            state_ == State::Content
                ? "truncated file: it ends before the closing </" + options_.rootElement + ">"
                : "no <" + options_.rootElement + "> root element";
        fail(ScanFailure::Malformed, line_, what);
        state_ = State::Failed;
        return error_;
    }
    return {};
}

Status DumpScanner::scanBuffer(const char* begin, const char* end, bool eof,
                               std::size_t& consumed) {
    const char* p = begin;
    Step step = Step::Done;
    while (step == Step::Done) {
        switch (state_) {
        case State::Start:
            step = scanStart(p, end, eof);
            break;
        case State::Prolog:
            step = scanProlog(p, end, eof);
            break;
        case State::Content:
            step = scanContent(p, end, eof);
            break;
        case State::Epilog:
            step = scanEpilog(p, end, eof);
            break;
        case State::Failed:
            step = Step::Fail;
            break;
        }
    }
    consumed = static_cast<std::size_t>(p - begin);
    if (step == Step::Fail) {
        state_ = State::Failed;
        if (failure_ == ScanFailure::Handler)
            return handlerStatus_;
        return error_;
    }
    return {};
}

DumpScanner::Step DumpScanner::scanStart(const char*& p, const char* end, bool eof) {
    // Decide only with the BOM and "<?xml " both in view, so a retry never sees half of them.
    if (end - p < 9 && !eof)
        return Step::NeedMore;
    const char* q = p;
    if (end - q >= 3 && std::memcmp(q, "\xEF\xBB\xBF", 3) == 0)
        q += 3;
    else if (end - q >= 2 && (byteAt(q) == 0xFE || byteAt(q) == 0xFF || q[0] == 0 || q[1] == 0))
        return fail(ScanFailure::UnsupportedLayout, line_, "UTF-16 or UTF-32 encoding");
    if (end - q >= 6 && std::memcmp(q, "<?xml", 5) == 0 && isSpace(q[5])) {
        const Step step = scanXmlDeclaration(q, end, eof);
        if (step != Step::Done)
            return step;
    }
    p = q;
    state_ = State::Prolog;
    return Step::Done;
}

// Accepts exactly: <?xml version="1.0" [encoding="UTF-8"] [standalone="yes|no"] ?>, with
// either quote and any whitespace XML allows. Anything else is left to expat to judge.
DumpScanner::Step DumpScanner::scanXmlDeclaration(const char*& p, const char* end, bool eof) {
    const std::string_view available = view(p, end);
    const std::size_t close = available.substr(0, kMaxDeclarationBytes).find("?>");
    if (close == std::string_view::npos) {
        // Unfinished or huge: expat judges it (and names the line of the real problem).
        if (available.size() >= kMaxDeclarationBytes || eof)
            return fail(ScanFailure::UnsupportedLayout, line_, "an unusual XML declaration");
        return Step::NeedMore;
    }
    const char* q = p + 5;
    const char* stop = p + close;
    std::uint64_t line = line_;
    auto unusual = [&] {
        return fail(ScanFailure::UnsupportedLayout, line, "an unusual XML declaration");
    };
    int field = 0; // 0 version, 1 encoding, 2 standalone: each at most once, in this order
    while (true) {
        bool sawSpace = false;
        skipSpace(q, stop, true, line, &sawSpace, true);
        if (q == stop)
            break;
        const char* nameStart = q;
        readName(q, stop);
        const std::string_view name = view(nameStart, q);
        if (!sawSpace || q == stop)
            return unusual();
        skipSpace(q, stop, true, line, nullptr, true);
        if (q == stop || *q != '=')
            return unusual();
        ++q;
        skipSpace(q, stop, true, line, nullptr, true);
        if (q == stop || (*q != '"' && *q != '\''))
            return unusual();
        const char quote = *q++;
        const char* valueStart = q;
        while (q < stop && *q != quote)
            ++q;
        if (q == stop)
            return unusual();
        std::string value(valueStart, q);
        ++q;
        std::transform(value.begin(), value.end(), value.begin(),
                       [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
        if (field == 0 && name == "version" && value == "1.0")
            field = 1;
        else if (field == 1 && name == "encoding" && value == "utf-8")
            field = 2;
        else if (field >= 1 && field <= 2 && name == "standalone" &&
                 std::string_view(valueStart, value.size()) == "yes")
            field = 3;
        else if (field >= 1 && field <= 2 && name == "standalone" &&
                 std::string_view(valueStart, value.size()) == "no")
            field = 3;
        else
            return unusual();
    }
    if (field == 0)
        return unusual();
    p = stop + 2;
    line_ = line;
    return Step::Done;
}

// Decides what a "<!" starts; every outcome ends the scan.
DumpScanner::Step DumpScanner::scanMarkupStart(const char* p, const char* end, bool eof,
                                               std::uint64_t line) {
    const std::string_view available = view(p, end);
    const std::string_view comment = "<!--", cdata = "<![CDATA[", doctype = "<!DOCTYPE";
    auto startsWith = [&](std::string_view what) {
        return available.starts_with(what);
    };
    auto maybe = [&](std::string_view what) {
        return available.size() < what.size() && what.starts_with(available);
    };
    if (startsWith(comment))
        return fail(ScanFailure::UnsupportedLayout, line, "a comment");
    if (startsWith(cdata))
        return fail(ScanFailure::UnsupportedLayout, line, "a CDATA section");
    if (startsWith(doctype))
        return fail(ScanFailure::Malformed, line,
                    "a document type declaration (<!DOCTYPE>); DTDs and entity declarations "
                    "are refused, never "
                    "expanded (a Stack Exchange dump has none)");
    if (maybe(comment) || maybe(cdata) || maybe(doctype))
        return needMore(p, end, eof, "markup");
    return fail(ScanFailure::Malformed, line, "invalid markup after '<!'");
}

DumpScanner::Step DumpScanner::scanProlog(const char*& p, const char* end, bool eof) {
    if (!skipSpace(p, end, eof, line_, nullptr, true))
        return Step::NeedMore;
    if (p == end)
        return eof ? fail(ScanFailure::Malformed, line_,
                          "no <" + options_.rootElement + "> root element")
                   : Step::NeedMore;
    if (*p != '<')
        return fail(ScanFailure::Malformed, line_, "text before the root element");
    if (p + 1 == end)
        return needMore(p, end, eof, "markup");
    if (p[1] == '!')
        return scanMarkupStart(p, end, eof, line_);
    if (p[1] == '?')
        return fail(ScanFailure::UnsupportedLayout, line_, "a processing instruction");
    return scanRootStart(p, end, eof);
}

DumpScanner::Step DumpScanner::scanRootStart(const char*& p, const char* end, bool eof) {
    const char* q = p + 1;
    if (!isNameStart(*q))
        return byteAt(q) >= 0x80
                   ? fail(ScanFailure::UnsupportedLayout, line_, "a non-ASCII element name")
                   : fail(ScanFailure::Malformed, line_, "invalid element name after '<'");
    if (!readName(q, end))
        return needMore(p, end, eof, "the root element's tag");
    if (byteAt(q) >= 0x80)
        return fail(ScanFailure::UnsupportedLayout, line_, "a non-ASCII element name");
    const std::string_view name = view(p + 1, q);
    std::uint64_t line = line_;
    bool sawSpace = false;
    if (!skipSpace(q, end, eof, line, &sawSpace) || q == end || (*q == '/' && q + 1 == end))
        return needMore(p, end, eof, "the root element's tag");
    // The name is judged after the tag, as expat reports a broken tag before its name.
    if ((*q == '>' || (q[0] == '/' && q[1] == '>')) && name != options_.rootElement)
        return fail(ScanFailure::Malformed, line_,
                    "the root element is <" + std::string(name) + ">, expected <" +
                        options_.rootElement + ">");
    if (*q == '>') {
        state_ = State::Content;
        p = q + 1;
    } else if (q[0] == '/' && q[1] == '>') {
        state_ = State::Epilog; // an empty dump: <posts/>
        p = q + 2;
    } else if (sawSpace && isNameStart(*q)) {
        return fail(ScanFailure::UnsupportedLayout, line, "attributes on the root element");
    } else {
        return fail(ScanFailure::Malformed, line, "invalid root element tag");
    }
    line_ = line;
    return Step::Done;
}

DumpScanner::Step DumpScanner::scanContent(const char*& p, const char* end, bool eof) {
    while (true) {
        if (!skipSpace(p, end, eof, line_))
            return Step::NeedMore;
        if (p == end)
            return eof ? fail(ScanFailure::Malformed, line_,
                              "truncated file: it ends before the closing </" +
                                  options_.rootElement + ">")
                       : Step::NeedMore;
        if (*p != '<')
            return fail(ScanFailure::UnsupportedLayout, line_, "text between the rows");
        if (p + 1 == end)
            return needMore(p, end, eof, "markup");
        Step step;
        if (p[1] == '/') {
            step = scanEndTag(p, end, eof);
            if (step == Step::Done)
                state_ = State::Epilog;
            return step;
        }
        if (p[1] == '!')
            return scanMarkupStart(p, end, eof, line_);
        if (p[1] == '?')
            return fail(ScanFailure::UnsupportedLayout, line_, "a processing instruction");
        step = scanRow(p, end, eof);
        if (step != Step::Done)
            return step;
    }
}

DumpScanner::Step DumpScanner::scanEndTag(const char*& p, const char* end, bool eof) {
    const char* q = p + 2;
    std::uint64_t line = line_;
    if (q == end)
        return needMore(p, end, eof, "the closing tag");
    if (!isNameStart(*q))
        return fail(ScanFailure::Malformed, line, "invalid closing tag");
    if (!readName(q, end))
        return needMore(p, end, eof, "the closing tag");
    const std::string_view name = view(p + 2, q);
    if (!skipSpace(q, end, eof, line) || q == end)
        return needMore(p, end, eof, "the closing tag");
    if (*q != '>')
        return fail(ScanFailure::Malformed, line, "invalid closing tag");
    if (name != options_.rootElement)
        return fail(ScanFailure::Malformed, line_,
                    "the closing tag </" + std::string(name) + "> does not match <" +
                        options_.rootElement + ">");
    p = q + 1;
    line_ = line;
    return Step::Done;
}

DumpScanner::Step DumpScanner::scanEpilog(const char*& p, const char* end, bool eof) {
    if (!skipSpace(p, end, eof, line_) || p == end)
        return Step::NeedMore; // finish() accepts the end of the input here
    if (*p == '<' && p + 1 == end)
        return needMore(p, end, eof, "markup");
    if (*p == '<' && p[1] == '?')
        return fail(ScanFailure::UnsupportedLayout, line_, "a processing instruction");
    if (*p == '<' && p[1] == '!' && (end - p < 4 || std::memcmp(p, "<!--", 4) == 0))
        return end - p < 4 ? needMore(p, end, eof, "markup")
                           : fail(ScanFailure::UnsupportedLayout, line_, "a comment");
    return fail(ScanFailure::Malformed, line_,
                "content after the closing </" + options_.rootElement + ">");
}

// p is at '&' inside an attribute value; on success p is past the ';'.
DumpScanner::Step DumpScanner::scanReference(const char*& p, const char* end, std::uint64_t line) {
    const char* q = p + 1;
    if (q == end)
        return Step::NeedMore;
    if (*q == '#') {
        ++q;
        if (q == end)
            return Step::NeedMore;
        const bool hex = *q == 'x';
        if (hex)
            ++q;
        std::uint32_t value = 0;
        int digits = 0;
        while (true) {
            if (q == end)
                return Step::NeedMore;
            const int digit = util::referenceDigit(*q, hex);
            if (digit < 0)
                break;
            value = util::appendReferenceDigit(value, digit, hex);
            ++digits;
            ++q;
        }
        if (digits == 0 || *q != ';')
            return fail(ScanFailure::Malformed, line,
                        "bad character reference " + std::string(view(p, q)));
        if (!isXmlChar(value))
            defer(line, "character reference " + std::string(view(p, q + 1)) +
                            " names a character not allowed in XML");
        p = q + 1;
        return Step::Done;
    }
    const char* nameStart = q;
    while (q < end && isNameChar(*q))
        ++q;
    if (q == end)
        return Step::NeedMore;
    const std::string_view name = view(nameStart, q);
    if (byteAt(q) >= 0x80)
        return fail(ScanFailure::UnsupportedLayout, line, "a non-ASCII entity name");
    if (name.empty() || *q != ';' || !isNameStart(name[0]))
        return fail(ScanFailure::Malformed, line, "'&' that does not start a reference");
    // expat names the line where the tag starts for an undefined entity (line_ is the
    // row's first line until the row is done).
    if (name != "lt" && name != "gt" && name != "amp" && name != "quot" && name != "apos")
        defer(line_, "undefined entity &" + std::string(name) +
                         "; (only the five XML entities and character references exist)");
    p = q + 1;
    return Step::Done;
}

// p is at a byte above 0x7F; validates one UTF-8 sequence as expat does.
DumpScanner::Step DumpScanner::scanUtf8(const char*& p, const char* end, std::uint64_t line) {
    const unsigned char b0 = byteAt(p);
    const std::size_t length = b0 >= 0xC2 && b0 <= 0xDF   ? 2
                               : b0 >= 0xE0 && b0 <= 0xEF ? 3
                               : b0 >= 0xF0 && b0 <= 0xF4 ? 4
                                                          : 0;
    auto invalid = [&] {
        return fail(ScanFailure::Malformed, line,
                    "bytes that are not valid UTF-8 (starting with " + hexByte(b0) + ")");
    };
    if (length == 0)
        return invalid();
    const std::size_t available = std::min(length, static_cast<std::size_t>(end - p));
    // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
    unsigned char low = 0x80, high = 0xBF;
    if (b0 == 0xE0)
        low = 0xA0;
    else if (b0 == 0xED)
        high = 0x9F;
    else if (b0 == 0xF0)
        low = 0x90;
    else if (b0 == 0xF4)
        high = 0x8F;
    for (std::size_t i = 1; i < available; ++i) {
        const unsigned char b = byteAt(p + i);
        if (i == 1 ? (b < low || b > high) : (b < 0x80 || b > 0xBF))
            return invalid();
    }
    if (available < length)
        return Step::NeedMore;
    if (b0 == 0xEF && byteAt(p + 1) == 0xBF && byteAt(p + 2) >= 0xBE)
        return fail(ScanFailure::Malformed, line,
                    "character U+FFFE or U+FFFF, which XML does not allow");
    p += length;
    return Step::Done;
}

// The hot path: one <row .../> tag, p at its '<'. On success p is past "/>" and the
// handler has seen the row.
DumpScanner::Step DumpScanner::scanRow(const char*& p, const char* end, bool eof) {
    // Nothing past the row limit is looked at: a row that runs past it is too long, whatever
    // error might follow. Otherwise the verdict would depend on the split: a row read in
    // one chunk reached a later error, the same row carried over chunks was refused as too
    // long first (found by fuzz_dump_scanner). needMore() sees the capped end as too long.
    if (static_cast<std::size_t>(end - p) > options_.maxRowBytes + 1)
        end = p + options_.maxRowBytes + 1;
    const std::uint64_t startLine = line_;
    std::uint64_t line = line_;
    const char* q = p + 1;
    if (end - q < 4)
        return needMore(p, end, eof, "a row");
    if (!(q[0] == 'r' && q[1] == 'o' && q[2] == 'w') || isNameChar(q[3]) || byteAt(q + 3) >= 0x80)
        return isNameStart(*q) || byteAt(q) >= 0x80
                   ? fail(ScanFailure::UnsupportedLayout, line, "an element other than <row>")
                   : fail(ScanFailure::Malformed, line, "invalid element name after '<'");
    q += 3;
    std::vector<RowAttribute>& attributes = row_.attributes_;
    attributes.clear();
    deferredLine_ = 0;
    std::uint64_t seen = 0; // a one-word filter over names, so duplicates cost little to find
    while (true) {
        bool sawSpace = false;
        if (!skipSpace(q, end, eof, line, &sawSpace) || q == end)
            return needMore(p, end, eof, "a row");
        char c = *q;
        if (c == '/') {
            if (q + 1 == end)
                return needMore(p, end, eof, "a row");
            if (q[1] != '>')
                return fail(ScanFailure::Malformed, line, "'/' not followed by '>' in a row");
            q += 2;
            break;
        }
        if (c == '>')
            return deferredLine_ ? fail(ScanFailure::Malformed, deferredLine_, deferredWhat_)
                                 : fail(ScanFailure::UnsupportedLayout, line,
                                        "a <row> element with content instead of <row .../>");
        if (c == '"' || c == '\'')
            return fail(ScanFailure::Malformed, line, "a stray quote in a row");
        if (!sawSpace)
            return fail(ScanFailure::Malformed, line, "no whitespace between attributes");
        if (!isNameStart(c)) {
            if (byteAt(q) >= 0x80)
                return fail(ScanFailure::UnsupportedLayout, line, "a non-ASCII attribute name");
            return fail(ScanFailure::Malformed, line,
                        "invalid character where an attribute name belongs");
        }
        const char* nameStart = q;
        const std::uint64_t nameLine = line;
        if (!readName(q, end))
            return needMore(p, end, eof, "a row");
        if (byteAt(q) >= 0x80)
            return fail(ScanFailure::UnsupportedLayout, line, "a non-ASCII attribute name");
        const std::string_view name = view(nameStart, q);
        const std::uint64_t bit = std::uint64_t{1}
                                  << ((name.size() * 7 + byteAt(nameStart) + name.back()) & 63);
        if (seen & bit) {
            for (const RowAttribute& other : attributes)
                if (other.name == name)
                    defer(nameLine, "attribute " + std::string(name) + " appears twice in a row");
        }
        seen |= bit;
        if (!skipSpace(q, end, eof, line) || q == end)
            return needMore(p, end, eof, "a row");
        if (*q != '=')
            return fail(ScanFailure::Malformed, line,
                        "attribute " + std::string(name) + " has no '='");
        ++q;
        if (!skipSpace(q, end, eof, line) || q == end)
            return needMore(p, end, eof, "a row");
        const char quote = *q;
        if (quote != '"' && quote != '\'')
            return fail(ScanFailure::Malformed, line,
                        "the value of attribute " + std::string(name) + " is not quoted");
        ++q;
        const char* valueStart = q;
        bool plain = true;
        while (true) {
            bool references = false;
            q = detail::skipPlainValue(q, end, quote, references);
            plain = plain && !references;
            if (static_cast<std::size_t>(q - valueStart) > options_.maxAttributeBytes)
                return fail(ScanFailure::TooLong, line,
                            "attribute " + std::string(name) + " is longer than the limit of " +
                                std::to_string(options_.maxAttributeBytes) + " bytes");
            if (q == end)
                return needMore(p, end, eof, "a row");
            c = *q;
            if (c == quote)
                break;
            Step step = Step::Done;
            if (c == '&') {
                // Any reference skipPlainValue does not pass: the general parser judges it.
                plain = false;
                step = scanReference(q, end, line);
            } else if (c == '<') {
                return fail(ScanFailure::Malformed, line,
                            "'<' inside the value of attribute " + std::string(name) +
                                " (a missing quote?)");
            } else if (c == '\n' || c == '\t') {
                plain = false;
                line += c == '\n';
                ++q;
            } else if (c == '\r') {
                plain = false;
                if (q + 1 == end)
                    return needMore(p, end, eof, "a row");
                line += q[1] != '\n';
                ++q;
            } else if (byteAt(q) < 0x20) {
                return fail(ScanFailure::Malformed, line,
                            "control character " + hexByte(byteAt(q)) +
                                ", which XML does not allow, in attribute " + std::string(name));
            } else {
                step = scanUtf8(q, end, line);
            }
            if (step == Step::NeedMore)
                return needMore(p, end, eof, "a row");
            if (step == Step::Fail)
                return step;
        }
        const std::string_view raw = view(valueStart, q);
        ++q;
        attributes.push_back(RowAttribute{name, raw, plain});
    }
    // Errors that expat finds only after reading the whole tag come only now, so the two
    // agree on which error a broken row reports.
    if (deferredLine_)
        return fail(ScanFailure::Malformed, deferredLine_, deferredWhat_);
    if (static_cast<std::size_t>(q - p) > options_.maxRowBytes)
        return fail(ScanFailure::TooLong, line_,
                    "a row longer than the limit of " + std::to_string(options_.maxRowBytes) +
                        " bytes");
    p = q;
    line_ = line;
    ++rows_;
    row_.line_ = startLine;
    handlerStatus_ = handler_(row_);
    if (!handlerStatus_) {
        failure_ = ScanFailure::Handler;
        error_ = handlerStatus_.error();
        return Step::Fail;
    }
    return Step::Done;
}

} // namespace taxo::corpus
