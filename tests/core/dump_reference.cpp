#include "dump_reference.h"

#include <expat.h>
#include <stdexcept>

namespace taxo::test {

namespace {

struct ExpatState {
    XML_Parser parser = nullptr;
    std::string root;
    int depth = 0;
    ReadResult* result = nullptr;
    std::string refusal;
    std::uint64_t refusalLine = 0; // where the refused tag starts, as the handler sees it
};

void XMLCALL onStart(void* data, const XML_Char* name, const XML_Char** attributes) {
    auto* state = static_cast<ExpatState*>(data);
    if (state->depth == 0 && state->root != name) {
        state->refusal = std::string("root element <") + name + ">";
        state->refusalLine = XML_GetCurrentLineNumber(state->parser);
        XML_StopParser(state->parser, XML_FALSE);
    } else if (state->depth == 1 && std::string_view(name) == "row") {
        ReadRow row;
        row.line = XML_GetCurrentLineNumber(state->parser);
        for (const XML_Char** a = attributes; *a; a += 2)
            row.attributes.emplace_back(a[0], a[1]);
        state->result->rows.push_back(std::move(row));
    }
    ++state->depth;
}

void XMLCALL onEnd(void* data, const XML_Char*) {
    --static_cast<ExpatState*>(data)->depth;
}

void XMLCALL onDoctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    auto* state = static_cast<ExpatState*>(data);
    state->refusal = "DOCTYPE";
    state->refusalLine = XML_GetCurrentLineNumber(state->parser);
    XML_StopParser(state->parser, XML_FALSE);
}

} // namespace

ReadResult expatRead(const std::string& data, const std::string& root) {
    ReadResult result;
    ExpatState state;
    state.root = root;
    state.result = &result;
    state.parser = XML_ParserCreate(nullptr);
    if (!state.parser)
        throw std::runtime_error("XML_ParserCreate failed");
    XML_SetUserData(state.parser, &state);
    XML_SetElementHandler(state.parser, onStart, onEnd);
    XML_SetStartDoctypeDeclHandler(state.parser, onDoctype);
    const XML_Status status =
        XML_Parse(state.parser, data.data(), static_cast<int>(data.size()), XML_TRUE);
    result.ok = status == XML_STATUS_OK && state.refusal.empty();
    if (!result.ok) {
        result.error =
            state.refusal.empty() ? XML_ErrorString(XML_GetErrorCode(state.parser)) : state.refusal;
        result.errorLine =
            state.refusal.empty() ? XML_GetCurrentLineNumber(state.parser) : state.refusalLine;
    }
    XML_ParserFree(state.parser);
    return result;
}

ReadResult scannerRead(const std::string& data, const std::string& root, std::mt19937& rng,
                       std::size_t maxChunk, const std::string& fileName,
                       corpus::DumpScannerOptions options) {
    ReadResult result;
    options.fileName = fileName;
    options.rootElement = root;
    std::string scratch;
    std::string mismatch;
    corpus::DumpScanner scanner(options, [&](const corpus::RowView& view) -> Status {
        ReadRow row;
        row.line = view.line();
        for (const corpus::RowAttribute& attribute : view) {
            const std::string_view value = corpus::RowView::decoded(attribute, scratch);
            std::string full;
            corpus::decodeAttributeValue(attribute.raw, full);
            if (full != value || (attribute.plain && value != attribute.raw))
                mismatch = "plain flag or decoding differs for " + std::string(attribute.name);
            row.attributes.emplace_back(std::string(attribute.name), std::string(value));
        }
        result.rows.push_back(std::move(row));
        return {};
    });
    std::uniform_int_distribution<int> logSize(0, 20);
    std::size_t offset = 0;
    Status status;
    while (status && offset < data.size()) {
        std::size_t size = std::size_t{1} << logSize(rng);
        size = std::min({size + rng() % size, maxChunk, data.size() - offset});
        status = scanner.feed(std::string_view(data).substr(offset, size));
        offset += size;
    }
    if (status)
        status = scanner.finish();
    result.ok = status.ok();
    result.failure = scanner.failure();
    if (!status.ok())
        result.error = status.message();
    if (!mismatch.empty()) {
        result.ok = false;
        result.error = mismatch;
    }
    return result;
}

} // namespace taxo::test
