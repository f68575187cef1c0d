// Reading project.qde with expat: namespace-aware, no DTD, no entities, bounded depth.
// The reader keeps what Taxonomist maps back (docs/qdpx.md) and skips the rest.

#include "core/exchange/qdpx.h"
#include "core/exchange/qdpx_model.h"
#include "core/util/text_rules.h"

#include <charconv>
#include <climits>
#include <expat.h>
#include <memory>

namespace taxo::exchange::qde {
namespace {

struct State {
    XML_Parser parser = nullptr;
    std::size_t maxDepth = 64;
    std::string error;
    Project project;
    bool sawRoot = false;
    std::vector<std::string> stack; // local names; "" for foreign elements
    std::size_t skipped = 0;        // depth inside a source kind that is skipped
    std::vector<Code*> codes;       // open Code elements
    Source* source = nullptr;
    Selection* selection = nullptr;
    // The depth of the open source and selection: only their own end tags close them.
    std::size_t sourceDepth = 0, selectionDepth = 0;
    Coding* coding = nullptr;
    Set* set = nullptr;
    std::string note;            // GUID of the open Note
    std::string variable;        // VariableRef of the open VariableValue
    std::string* text = nullptr; // the element whose text is being read
    std::string variableText;

    long line() const { return static_cast<long>(XML_GetCurrentLineNumber(parser)); }
    void stop(const std::string& message) {
        if (error.empty())
            error = "line " + std::to_string(line()) + ": " + message;
        XML_StopParser(parser, XML_FALSE);
    }
    const std::string& parent() const {
        static const std::string none;
        return stack.size() >= 2 ? stack[stack.size() - 2] : none;
    }
};

std::pair<std::string, std::string> splitName(const char* name) {
    const std::string full = name;
    const auto bar = full.find('|');
    if (bar == std::string::npos)
        return {"", full};
    return {full.substr(0, bar), full.substr(bar + 1)};
}

std::map<std::string, std::string> attributesOf(const char** attributes) {
    std::map<std::string, std::string> out;
    for (int i = 0; attributes[i]; i += 2)
        out[attributes[i]] = attributes[i + 1];
    return out;
}

std::string get(const std::map<std::string, std::string>& attributes, const char* key) {
    const auto found = attributes.find(key);
    return found == attributes.end() ? std::string() : found->second;
}

bool position(State& state, const std::map<std::string, std::string>& attributes, const char* key,
              std::int64_t& out) {
    const auto text = get(attributes, key);
    const auto* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, out);
    if (text.empty() || error != std::errc() || stop != end) {
        state.stop(std::string("the selection's ") + key + " '" + text + "' is not a whole number");
        return false;
    }
    return true;
}

void startCode(State& state, const std::map<std::string, std::string>& attributes) {
    Code code;
    code.guid = get(attributes, "guid");
    code.name = get(attributes, "name");
    code.line = state.line();
    if (code.guid.empty() || code.name.empty())
        return state.stop("a Code without guid or name");
    auto& siblings = state.codes.empty() ? state.project.codes : state.codes.back()->children;
    siblings.push_back(std::move(code));
    state.codes.push_back(&siblings.back());
}

void startSource(State& state, const std::string& local,
                 const std::map<std::string, std::string>& attributes) {
    const auto& parent = state.parent();
    // The open source, selection and set are pointers into vectors: nothing may be added
    // to those vectors while one is open (a TextSource or selection nested in another).
    if (local == "PlainTextSelection" && parent == "TextSource" && !state.selection) {
        Selection selection;
        selection.guid = get(attributes, "guid");
        selection.name = get(attributes, "name");
        selection.user = get(attributes, "creatingUser");
        selection.line = state.line();
        if (!position(state, attributes, "startPosition", selection.start) ||
            !position(state, attributes, "endPosition", selection.end))
            return;
        state.source->selections.push_back(std::move(selection));
        state.selection = &state.source->selections.back();
        state.selectionDepth = state.stack.size();
    } else if (parent == "PlainTextSelection" && !state.selection) {
        return; // inside a selection in a place the reader skips (not a TextSource's child)
    } else if (local == "Coding" && (parent == "PlainTextSelection" || parent == "TextSource")) {
        auto& list = parent == "TextSource" ? state.source->codings : state.selection->codings;
        list.push_back({"", get(attributes, "creatingUser"), state.line()});
        state.coding = &list.back();
    } else if (local == "CodeRef" && parent == "Coding" && state.coding) {
        state.coding->code = get(attributes, "targetGUID");
    } else if (local == "NoteRef" && parent == "PlainTextSelection") {
        state.selection->notes.push_back(get(attributes, "targetGUID"));
    } else if (local == "Description" && parent == "PlainTextSelection") {
        state.text = &state.selection->description;
    } else if (local == "PlainTextContent" && parent == "TextSource") {
        state.source->hasContent = true;
        state.text = &state.source->content;
    } else if (local == "VariableValue" && parent == "TextSource") {
        state.variable.clear();
        state.variableText.clear();
    } else if (local == "VariableRef" && parent == "VariableValue") {
        state.variable = get(attributes, "targetGUID");
    } else if (local == "TextValue" && parent == "VariableValue") {
        state.text = &state.variableText;
    }
}

void XMLCALL onStart(void* data, const char* name, const char** raw) {
    auto* state = static_cast<State*>(data);
    // Expat may still deliver the events it has in hand after a handler stopped it: a
    // selection refused for its position must not let its Coding child reach a null
    // selection.
    if (!state->error.empty())
        return;
    const auto [ns, local] = splitName(name);
    const bool ours = ns == kQdpxNamespace;
    state->stack.push_back(ours ? local : std::string());
    if (state->stack.size() > state->maxDepth)
        return state->stop("elements are nested deeper than " + std::to_string(state->maxDepth) +
                           " levels");
    if (state->stack.size() == 1) {
        if (local != "Project" || !ours)
            return state->stop("the root element is " +
                               (ns.empty() ? local : "{" + ns + "}" + local) +
                               ", not a REFI-QDA Project (" + kQdpxNamespace + ")");
        state->sawRoot = true;
        state->project.name = get(attributesOf(raw), "name");
        return;
    }
    if (state->skipped > 0 || !ours) {
        ++state->skipped;
        return;
    }
    const auto attributes = attributesOf(raw);
    const auto& parent = state->parent();
    if (local == "User" && parent == "Users") {
        state->project.users[get(attributes, "guid")] = get(attributes, "name");
    } else if (local == "Code" && (parent == "Codes" || parent == "Code")) {
        startCode(*state, attributes);
    } else if (local == "Description" && parent == "Code" && !state->codes.empty()) {
        state->text = &state->codes.back()->description;
    } else if (local == "Variable" && parent == "Variables") {
        state->project.variables[get(attributes, "guid")] = get(attributes, "name");
    } else if (local == "TextSource" && parent == "Sources" && !state->source) {
        Source source;
        source.guid = get(attributes, "guid");
        source.name = get(attributes, "name");
        source.path = get(attributes, "plainTextPath");
        source.line = state->line();
        state->project.sources.push_back(std::move(source));
        state->source = &state->project.sources.back();
        state->sourceDepth = state->stack.size();
    } else if (parent == "Sources") {
        ++state->skipped; // PictureSource, PDFSource, AudioSource, VideoSource
    } else if (state->source) {
        startSource(*state, local, attributes);
    } else if (local == "Note" && parent == "Notes") {
        state->note = get(attributes, "guid");
        state->project.notes[state->note].clear();
    } else if (local == "PlainTextContent" && parent == "Note") {
        state->text = &state->project.notes[state->note];
    } else if (local == "Set" && parent == "Sets" && !state->set) {
        state->project.sets.push_back(
            {get(attributes, "guid"), get(attributes, "name"), "", state->line(), {}});
        state->set = &state->project.sets.back();
    } else if (local == "Description" && parent == "Set" && state->set) {
        state->text = &state->set->description;
    } else if (local == "MemberSource" && parent == "Set" && state->set) {
        state->set->members.push_back(get(attributes, "targetGUID"));
    }
}

void XMLCALL onEnd(void* data, const char*) {
    auto* state = static_cast<State*>(data);
    const std::string local = state->stack.empty() ? std::string() : state->stack.back();
    if (state->skipped > 0) {
        --state->skipped;
    } else if (local == "Code" && !state->codes.empty()) {
        state->codes.pop_back();
    } else if (local == "TextSource" && state->source &&
               state->stack.size() == state->sourceDepth) {
        state->source = nullptr;
    } else if (local == "PlainTextSelection" && state->selection &&
               state->stack.size() == state->selectionDepth) {
        // Only the selection that was read ends it: one nested in it is skipped.
        state->selection = nullptr;
    } else if (local == "Coding") {
        state->coding = nullptr;
    } else if (local == "Set") {
        state->set = nullptr;
    } else if (local == "VariableValue" && state->source) {
        state->source->variables[state->variable] = state->variableText;
    }
    state->text = nullptr;
    if (!state->stack.empty())
        state->stack.pop_back();
}

void XMLCALL onText(void* data, const char* text, int length) {
    auto* state = static_cast<State*>(data);
    if (state->text)
        state->text->append(text, static_cast<std::size_t>(length));
}

void XMLCALL onDoctype(void* data, const char*, const char*, const char*, int) {
    static_cast<State*>(data)->stop("a document type declaration (DTD) is not allowed");
}

void XMLCALL onEntity(void* data, const char*, int, const char*, int, const char*, const char*,
                      const char*, const char*) {
    static_cast<State*>(data)->stop("an entity declaration is not allowed");
}

} // namespace

Result<Project> parse(std::string_view xml, const std::string& origin, std::size_t maxDepth) {
    std::unique_ptr<std::remove_pointer_t<XML_Parser>, decltype(&XML_ParserFree)> parser(
        XML_ParserCreateNS(nullptr, '|'), &XML_ParserFree);
    if (!parser)
        return makeError(origin + ": out of memory for the XML parser");
    if (xml.size() > static_cast<std::size_t>(INT_MAX))
        return makeError(origin + ": the file is too large");
    auto state = std::make_unique<State>();
    state->parser = parser.get();
    state->maxDepth = maxDepth;
    XML_SetUserData(parser.get(), state.get());
    XML_SetElementHandler(parser.get(), onStart, onEnd);
    XML_SetCharacterDataHandler(parser.get(), onText);
    XML_SetStartDoctypeDeclHandler(parser.get(), onDoctype);
    XML_SetEntityDeclHandler(parser.get(), onEntity);
    XML_SetParamEntityParsing(parser.get(), XML_PARAM_ENTITY_PARSING_NEVER);
    const auto status = XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), XML_TRUE);
    if (!state->error.empty())
        return makeError(origin + " " + state->error);
    if (status != XML_STATUS_OK)
        return makeError(
            origin + " line " + std::to_string(XML_GetCurrentLineNumber(parser.get())) +
            ": not well-formed XML: " + XML_ErrorString(XML_GetErrorCode(parser.get())));
    if (!state->sawRoot)
        return makeError(origin + ": no Project element");
    return std::move(state->project);
}

Result<std::string> sourceText(const Source& source,
                               const std::map<std::string, std::string>& files) {
    std::string text;
    if (source.path.empty()) {
        if (!source.hasContent)
            return makeError("the text source '" + source.name +
                             "' has neither plainTextPath nor PlainTextContent");
        text = source.content;
    } else {
        const std::string scheme = "internal://";
        if (source.path.rfind(scheme, 0) != 0)
            return makeError("the text source '" + source.name + "' points at '" + source.path +
                             "', outside the .qdpx; only internal:// paths are read");
        const auto name = source.path.substr(scheme.size());
        if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos ||
            name.find('\\') != std::string::npos || name.find('\0') != std::string::npos)
            return makeError("the path '" + source.path + "' leaves the archive's sources folder");
        const auto found = files.find(name);
        if (found == files.end())
            return makeError("the text source '" + source.name + "' names sources/" + name +
                             ", which the zip does not hold");
        text = found->second;
    }
    if (text.rfind("\xEF\xBB\xBF", 0) == 0)
        text.erase(0, 3); // a byte order mark is not part of the text
    for (std::size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        const auto length = byte < 0x80 ? 1 : utf8SequenceLength(text, i);
        if (length == 0)
            return makeError("the text of '" + source.name + "' is not UTF-8 (byte " +
                             std::to_string(i) + ")");
        i += length;
    }
    return text;
}

} // namespace taxo::exchange::qde
