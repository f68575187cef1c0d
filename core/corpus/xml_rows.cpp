#include "core/corpus/xml_rows.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <expat.h>
#include <memory>
#include <optional>
#include <vector>

namespace taxo::corpus {
namespace {

constexpr std::size_t kChunkBytes = std::size_t{1} << 20;

// Expat's memory functions take no user pointer, so the parse in progress on this
// thread is found through a thread_local. Each block carries a header with its size
// and its tracker, so frees and reallocs account to the right parse.
struct MemoryTracker {
    std::uint64_t limit = 0;
    std::uint64_t used = 0;
    bool exceeded = false;
};
thread_local MemoryTracker* activeTracker = nullptr;

struct alignas(std::max_align_t) BlockHeader {
    std::size_t size;
    MemoryTracker* tracker;
};

void* trackedMalloc(std::size_t size) {
    MemoryTracker* tracker = activeTracker;
    if (tracker && tracker->used + size > tracker->limit) {
        tracker->exceeded = true;
        return nullptr;
    }
    auto* header = static_cast<BlockHeader*>(std::malloc(sizeof(BlockHeader) + size));
    if (!header)
        return nullptr;
    header->size = size;
    header->tracker = tracker;
    if (tracker)
        tracker->used += size;
    return header + 1;
}

void trackedFree(void* pointer) {
    if (!pointer)
        return;
    auto* header = static_cast<BlockHeader*>(pointer) - 1;
    if (header->tracker)
        header->tracker->used -= header->size;
    std::free(header);
}

void* trackedRealloc(void* pointer, std::size_t size) {
    if (!pointer)
        return trackedMalloc(size);
    auto* header = static_cast<BlockHeader*>(pointer) - 1;
    void* fresh = trackedMalloc(size);
    if (!fresh)
        return nullptr;
    std::memcpy(fresh, pointer, header->size < size ? header->size : size);
    trackedFree(pointer);
    return fresh;
}

const XML_Memory_Handling_Suite kTrackedMemory = {trackedMalloc, trackedRealloc, trackedFree};

class ScopedTracker {
public:
    explicit ScopedTracker(MemoryTracker* tracker) : previous_(activeTracker) {
        activeTracker = tracker;
    }
    ~ScopedTracker() { activeTracker = previous_; }
    ScopedTracker(const ScopedTracker&) = delete;
    ScopedTracker& operator=(const ScopedTracker&) = delete;

private:
    MemoryTracker* previous_;
};

struct ParserDeleter {
    void operator()(XML_ParserStruct* parser) const { XML_ParserFree(parser); }
};

struct ParseState {
    XML_Parser parser = nullptr;
    const std::string* rootName = nullptr;
    const RowHandler* onRow = nullptr;
    const std::string* fileName = nullptr;
    int depth = 0;
    bool sawRoot = false;
    std::uint64_t rows = 0;
    // End of the last complete event, to measure how long the pending row is.
    std::uint64_t lastEventEnd = 0;
    std::string error;

    std::string where() const {
        return *fileName + " line " + std::to_string(XML_GetCurrentLineNumber(parser));
    }
    void stop(std::string message) {
        if (error.empty())
            error = std::move(message);
        XML_StopParser(parser, XML_FALSE);
    }
    void noteEventEnd() {
        const auto index = XML_GetCurrentByteIndex(parser);
        const auto count = XML_GetCurrentByteCount(parser);
        if (index >= 0) {
            const auto end = static_cast<std::uint64_t>(index) + static_cast<std::uint64_t>(count);
            if (end > lastEventEnd)
                lastEventEnd = end;
        }
    }
};

void XMLCALL onStart(void* data, const XML_Char* name, const XML_Char** attributes) {
    auto& state = *static_cast<ParseState*>(data);
    state.noteEventEnd();
    ++state.depth;
    if (state.depth == 1) {
        state.sawRoot = true;
        if (*state.rootName != name)
            state.stop(state.where() + ": the root element is <" + name + ">, expected <" +
                       *state.rootName + "> (is this the right dump file?)");
        return;
    }
    if (state.depth > 2 || std::strcmp(name, "row") != 0) {
        state.stop(state.where() + ": unexpected element <" + name + ">, expected only <row> in <" +
                   *state.rootName + ">");
        return;
    }
    ++state.rows;
    if (auto status = (*state.onRow)(attributes); !status)
        state.stop(state.where() + ": " + status.message());
}

void XMLCALL onEnd(void* data, const XML_Char*) {
    auto& state = *static_cast<ParseState*>(data);
    state.noteEventEnd();
    --state.depth;
}

void XMLCALL onDoctype(void* data, const XML_Char* name, const XML_Char*, const XML_Char*, int) {
    auto& state = *static_cast<ParseState*>(data);
    state.stop(state.where() + ": a document type declaration (<!DOCTYPE " + name +
               ">) is not accepted; dump files have none, and entities are never expanded");
}

void XMLCALL onEntityDecl(void* data, const XML_Char* name, int, const XML_Char*, int,
                          const XML_Char*, const XML_Char*, const XML_Char*, const XML_Char*) {
    auto& state = *static_cast<ParseState*>(data);
    state.stop(state.where() + ": entity declaration '" + name + "' refused");
}

std::string expatMessage(XML_Parser parser, bool final) {
    const XML_Error code = XML_GetErrorCode(parser);
    std::string message = XML_ErrorString(code);
    if (code == XML_ERROR_INVALID_TOKEN)
        message += " (a stray character or bytes that are not valid UTF-8)";
    if (final && (code == XML_ERROR_NO_ELEMENTS || code == XML_ERROR_UNCLOSED_TOKEN ||
                  code == XML_ERROR_PARTIAL_CHAR || code == XML_ERROR_ASYNC_ENTITY))
        message += "; the file ends too early (is it truncated?)";
    return message;
}

} // namespace

const char* findAttribute(const char** attributes, const char* name) {
    for (const char** a = attributes; *a; a += 2)
        if (std::strcmp(a[0], name) == 0)
            return a[1];
    return nullptr;
}

Result<XmlRowsResult> readRows(ByteSource& source, const std::string& rootName,
                               const XmlLimits& limits, const RowHandler& onRow,
                               const ChunkHandler& onChunk, const QuickRowHandler& quick) {
    MemoryTracker tracker;
    tracker.limit = limits.maxParserMemory;
    ScopedTracker scope(&tracker);

    std::unique_ptr<XML_ParserStruct, ParserDeleter> parser(
        XML_ParserCreate_MM(nullptr, &kTrackedMemory, nullptr));
    if (!parser)
        return makeError(source.name() + ": cannot create an XML parser");
    const std::string& fileName = source.name();
    ParseState state;
    state.parser = parser.get();
    state.rootName = &rootName;
    state.onRow = &onRow;
    state.fileName = &fileName;
    XML_SetUserData(parser.get(), &state);
    XML_SetElementHandler(parser.get(), onStart, onEnd);
    XML_SetStartDoctypeDeclHandler(parser.get(), onDoctype);
    XML_SetEntityDeclHandler(parser.get(), onEntityDecl);
    XML_SetParamEntityParsing(parser.get(), XML_PARAM_ENTITY_PARSING_NEVER);
#ifdef XML_DTD
    // Belt and braces: the DOCTYPE handler already stops any DTD.
    XML_SetBillionLaughsAttackProtectionMaximumAmplification(parser.get(), 10.0F);
    XML_SetBillionLaughsAttackProtectionActivationThreshold(parser.get(), 1U << 20);
#endif

    auto parse = [&](const char* data, std::size_t size, bool final) -> Status {
        if (XML_Parse(parser.get(), data, static_cast<int>(size), final ? 1 : 0) == XML_STATUS_OK)
            return {};
        if (!state.error.empty())
            return makeError(state.error);
        if (tracker.exceeded)
            return makeError(state.where() + ": the XML parser needs more than " +
                             std::to_string(limits.maxParserMemory >> 20) +
                             " MiB for one row; refusing it");
        return makeError(state.where() + ", column " +
                         std::to_string(XML_GetCurrentColumnNumber(parser.get())) + ": " +
                         expatMessage(parser.get(), final));
    };
    auto tooLong = [&] {
        return makeError(state.where() + ": a row longer than " +
                         std::to_string(limits.maxRowBytes >> 20) +
                         " MiB starts here; refusing it (the limit keeps memory bounded)");
    };

    std::vector<char> buffer(kChunkBytes);
    std::uint64_t bytesRead = 0;
    std::uint64_t expatFed = 0;
    // Quick mode: bytes not yet given to expat (at most one incomplete row), what goes
    // to expat this round, and whether the first row has been reached.
    bool quickMode = static_cast<bool>(quick);
    bool inRows = false;
    std::string pending;
    std::string out;
    RawRow raw;
    while (true) {
        auto got = source.read(buffer.data(), buffer.size());
        if (!got)
            return makeError(got.message() + " (after line " +
                             std::to_string(XML_GetCurrentLineNumber(parser.get())) + ")");
        const bool final = *got == 0;
        bytesRead += *got;
        if (expatFed - state.lastEventEnd > limits.maxRowBytes)
            return tooLong();
        if (!quickMode) {
            expatFed += *got;
            if (auto status = parse(buffer.data(), *got, final); !status)
                return status.error();
        } else {
            pending.append(buffer.data(), *got);
            out.clear();
            std::size_t pos = 0;
            std::optional<std::size_t> rawFrom; // where unscanned bytes start in `out`
            if (!inRows) {
                const auto at = pending.find("<row");
                if (at == std::string::npos) {
                    // Hold back what could be the start of a "<row" cut by the chunk end.
                    const std::size_t keep = final ? 0 : std::min<std::size_t>(3, pending.size());
                    pos = pending.size() - keep;
                } else {
                    pos = at;
                    inRows = true;
                }
                out.append(pending, 0, pos);
                rawFrom = 0;
            }
            while (inRows && quickMode && pos < pending.size()) {
                std::size_t next = pos;
                while (next < pending.size() && (pending[next] == ' ' || pending[next] == '\r' ||
                                                 pending[next] == '\n' || pending[next] == '\t'))
                    ++next;
                out.append(pending, pos, next - pos);
                pos = next;
                if (pos >= pending.size())
                    break;
                std::size_t length = 0;
                const auto scanned = scanRow(std::string_view(pending).substr(pos), length, raw);
                if (scanned == ScanResult::NeedMore && !final)
                    break;
                if (scanned == ScanResult::Row) {
                    if (quick(raw)) {
                        // Dropped, but its line breaks stay so expat's line numbers hold.
                        out.append(raw.newlines, '\n');
                    } else {
                        out.append(pending, pos, length);
                    }
                    pos += length;
                    continue;
                }
                // Not a plain row: from here on expat reads the file as it is.
                quickMode = false;
                if (!rawFrom)
                    rawFrom = out.size();
                out.append(pending, pos, std::string::npos);
                pos = pending.size();
            }
            pending.erase(0, pos);
            const std::uint64_t before = expatFed;
            expatFed += out.size();
            if (auto status = parse(out.data(), out.size(), final); !status)
                return status.error();
            // Only whole rows and white space went to expat up to rawFrom, so nothing
            // before it can be part of a long pending token.
            const std::uint64_t settled = rawFrom ? before + *rawFrom : expatFed;
            state.lastEventEnd = std::max(state.lastEventEnd, settled);
            if (pending.size() > limits.maxRowBytes)
                return tooLong();
        }
        if (final)
            break;
        if (onChunk) {
            if (auto chunkStatus = onChunk(bytesRead, state.rows); !chunkStatus)
                return chunkStatus.error();
        }
    }
    if (!state.sawRoot)
        return makeError(fileName + ": no <" + rootName + "> element");
    return XmlRowsResult{state.rows, bytesRead};
}

} // namespace taxo::corpus
