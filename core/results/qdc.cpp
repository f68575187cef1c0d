#include "core/results/qdc.h"

#include "core/codebook/codebook.h"
#include "core/results/figure_svg.h"
#include "core/store/change_log.h"
#include "core/store/statements.h"
#include "core/text/html_text.h"
#include "core/util/ids.h"

#include <algorithm>
#include <expat.h>
#include <map>
#include <memory>

namespace taxo::results {
namespace {

// Indentation stops growing past the import's depth limit: a deeper codebook (from an
// older version) would otherwise make the file grow with the square of its depth.
std::string indentOf(const codebook::TreeEntry& entry) {
    const auto depth = std::min<std::size_t>(static_cast<std::size_t>(entry.depth), kMaxQdcDepth);
    return std::string((depth + 2) * 2, ' ');
}

void openCode(const codebook::TreeEntry& entry, std::string& out) {
    const std::string indent = indentOf(entry);
    out += indent + "<Code guid=\"" + text::escapeXml(entry.category.uid) + "\" name=\"" +
           text::escapeXml(entry.category.name) + "\" isCodable=\"" +
           (entry.hasChildren || entry.depth == 0 ? "false" : "true") + "\">\n";
    if (!entry.category.description.empty())
        out += indent + "  <Description>" + text::escapeXml(entry.category.description) +
               "</Description>\n";
}

void closeCode(const codebook::TreeEntry& entry, std::string& out) {
    out += indentOf(entry) + "</Code>\n";
}

// The tree comes in pre-order with depths: one pass with a stack of the open codes,
// linear in the codebook's size and with no recursion on its depth.
void writeCodes(const std::vector<codebook::TreeEntry>& tree, std::string& out) {
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < tree.size(); ++i) {
        while (!open.empty() && tree[open.back()].depth >= tree[i].depth) {
            closeCode(tree[open.back()], out);
            open.pop_back();
        }
        openCode(tree[i], out);
        open.push_back(i);
    }
    while (!open.empty()) {
        closeCode(tree[open.back()], out);
        open.pop_back();
    }
}

// Expat with namespace processing: element names arrive as "uri|local".
struct ParseState {
    XML_Parser parser = nullptr;
    std::string error;
    int depth = 0;
    bool sawRoot = false;
    bool inCodes = false;
    std::vector<QdcCode*> open;  // the Code elements being read
    std::vector<QdcCode> codes;  // the result
    std::string* text = nullptr; // the Description being read
    std::string pendingDescription;

    void stop(const std::string& message) {
        if (error.empty())
            error = message + " (line " + std::to_string(XML_GetCurrentLineNumber(parser)) + ")";
        XML_StopParser(parser, XML_FALSE);
    }
};

std::pair<std::string, std::string> splitName(const char* name) {
    const std::string full = name;
    const auto bar = full.find('|');
    if (bar == std::string::npos)
        return {"", full};
    return {full.substr(0, bar), full.substr(bar + 1)};
}

bool knownNamespace(const std::string& ns) {
    return ns == kQdcNamespace || ns == kQdcOldNamespace;
}

void XMLCALL onStart(void* data, const char* name, const char** attributes) {
    auto* state = static_cast<ParseState*>(data);
    const auto [ns, local] = splitName(name);
    ++state->depth;
    if (state->depth == 1) {
        if (local != "CodeBook" || !knownNamespace(ns))
            return state->stop("the root element is " +
                               (ns.empty() ? local : "{" + ns + "}" + local) +
                               ", not a REFI-QDA CodeBook (" + kQdcNamespace + ")");
        state->sawRoot = true;
        return;
    }
    if (!knownNamespace(ns))
        return; // other vendors' extensions: skipped
    if (local == "Codes" && state->depth == 2) {
        state->inCodes = true;
    } else if (local == "Code" && state->inCodes) {
        QdcCode code;
        bool haveGuid = false, haveName = false;
        for (int i = 0; attributes[i]; i += 2) {
            const std::string key = attributes[i], value = attributes[i + 1];
            if (key == "guid") {
                code.guid = value;
                haveGuid = true;
            } else if (key == "name") {
                code.name = value;
                haveName = true;
            } else if (key == "isCodable") {
                code.codable = value == "true" || value == "1";
            }
        }
        if (!haveGuid || !haveName || code.name.empty())
            return state->stop("a Code without guid or name");
        if (state->open.size() >= kMaxQdcDepth)
            return state->stop("codes are nested deeper than " + std::to_string(kMaxQdcDepth) +
                               " levels; Taxonomist reads codebooks up to that depth");
        auto& siblings = state->open.empty() ? state->codes : state->open.back()->children;
        siblings.push_back(std::move(code));
        state->open.push_back(&siblings.back());
    } else if (local == "Description" && !state->open.empty()) {
        state->text = &state->open.back()->description;
    }
}

void XMLCALL onEnd(void* data, const char* name) {
    auto* state = static_cast<ParseState*>(data);
    const auto [ns, local] = splitName(name);
    --state->depth;
    if (!knownNamespace(ns))
        return;
    if (local == "Code" && state->inCodes && !state->open.empty())
        state->open.pop_back();
    else if (local == "Codes" && state->depth == 1)
        state->inCodes = false;
    else if (local == "Description")
        state->text = nullptr;
}

void XMLCALL onText(void* data, const char* text, int length) {
    auto* state = static_cast<ParseState*>(data);
    if (state->text)
        state->text->append(text, static_cast<std::size_t>(length));
}

void XMLCALL onDoctype(void* data, const char*, const char*, const char*, int) {
    static_cast<ParseState*>(data)->stop(
        "a document type declaration (DTD) is not allowed in a codebook");
}

void XMLCALL onEntity(void* data, const char*, int, const char*, int, const char*, const char*,
                      const char*, const char*) {
    static_cast<ParseState*>(data)->stop("an entity declaration is not allowed in a codebook");
}

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return "";
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// One code: the category it is (by guid, then by name under the same parent), or a
// new category added under `parent`.
Result<codebook::CategoryId> importCode(sql::Database& db,
                                        std::optional<codebook::CategoryId> parent,
                                        const QdcCode& code, QdcImportReport& report,
                                        const std::string& now) {
    auto byUid =
        sql::queryOptionalIntBound(db, "SELECT id FROM categories WHERE uid = ?", code.guid);
    if (!byUid)
        return byUid.error();
    std::optional<std::int64_t> id = *byUid;
    if (!id) {
        auto byName = sql::queryOptionalIntBound(
            db, "SELECT id FROM categories WHERE ifnull(parent_id, 0) = ? AND name = ?",
            parent.value_or(0), code.name);
        if (!byName)
            return byName.error();
        id = *byName;
    }
    if (id) {
        ++report.alreadyPresent;
        return *id;
    }
    auto added = codebook::addImportedCategory(
        db, {code.guid, parent, code.name, trimmed(code.description), now});
    if (!added)
        return makeError("code '" + code.name + "': " + added.message());
    ++report.added;
    return *added;
}

// Depth-first in document order with an explicit stack: the parser caps the depth,
// but no recursion here depends on it either.
Status importCodes(sql::Database& db, const std::vector<QdcCode>& codes, QdcImportReport& report,
                   const std::string& now) {
    struct Level {
        const std::vector<QdcCode>* codes;
        std::size_t next;
        std::optional<codebook::CategoryId> parent;
    };
    std::vector<Level> stack{{&codes, 0, std::nullopt}};
    while (!stack.empty()) {
        auto& level = stack.back();
        if (level.next == level.codes->size()) {
            stack.pop_back();
            continue;
        }
        const auto& code = (*level.codes)[level.next++];
        auto id = importCode(db, level.parent, code, report, now);
        if (!id)
            return id.error();
        if (!code.children.empty())
            stack.push_back({&code.children, 0, *id});
    }
    return {};
}

} // namespace

Result<std::string> exportQdc(sql::Database& db) {
    auto tree = codebook::listTree(db);
    if (!tree)
        return tree.error();
    std::string out =
        std::string("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CodeBook xmlns=\"") +
        kQdcNamespace +
        "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        "xsi:schemaLocation=\"urn:QDA-XML:codebook:1.0 Codebook.xsd\" "
        "origin=\"Taxonomist\">\n  <Codes>\n";
    writeCodes(*tree, out);
    out += "  </Codes>\n</CodeBook>\n";
    return out;
}

Result<std::vector<QdcCode>> parseQdc(std::string_view xml, const std::string& origin) {
    std::unique_ptr<std::remove_pointer_t<XML_Parser>, decltype(&XML_ParserFree)> parser(
        XML_ParserCreateNS(nullptr, '|'), &XML_ParserFree);
    if (!parser)
        return makeError(origin + ": out of memory for the XML parser");
    ParseState state;
    state.parser = parser.get();
    XML_SetUserData(parser.get(), &state);
    XML_SetElementHandler(parser.get(), onStart, onEnd);
    XML_SetCharacterDataHandler(parser.get(), onText);
    XML_SetStartDoctypeDeclHandler(parser.get(), onDoctype);
    XML_SetEntityDeclHandler(parser.get(), onEntity);
    XML_SetParamEntityParsing(parser.get(), XML_PARAM_ENTITY_PARSING_NEVER);
    if (xml.size() > static_cast<std::size_t>(INT32_MAX))
        return makeError(origin + ": the file is too large for a codebook");
    const auto status = XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), XML_TRUE);
    if (!state.error.empty())
        return makeError(origin + ": " + state.error);
    if (status != XML_STATUS_OK)
        return makeError(
            origin + ": not well-formed XML: " + XML_ErrorString(XML_GetErrorCode(parser.get())) +
            " (line " + std::to_string(XML_GetCurrentLineNumber(parser.get())) + ")");
    if (!state.sawRoot)
        return makeError(origin + ": no CodeBook element");
    return std::move(state.codes);
}

Result<QdcImportReport> importQdc(sql::Database& db, const std::vector<QdcCode>& codes) {
    return sql::inTransaction(db, [&]() -> Result<QdcImportReport> {
        QdcImportReport report;
        if (auto status = importCodes(db, codes, report, utcNowIso()); !status)
            return status.error();
        if (auto status = changelog::append(
                db, "codebook.import_qdc",
                {{"added", report.added}, {"already_present", report.alreadyPresent}});
            !status)
            return status.error();
        return report;
    });
}

} // namespace taxo::results
