#include "results/qdc.h"

#include "codebook/codebook.h"
#include "results/figure_svg.h"
#include "store/change_log.h"
#include "store/statements.h"
#include "text/html_text.h"
#include "util/ids.h"

#include <expat.h>
#include <map>
#include <memory>

namespace taxo::results {
namespace {

void writeCode(const std::vector<codebook::TreeEntry>& tree, std::size_t index, std::string& out) {
    const auto& entry = tree[index];
    const std::string indent(static_cast<std::size_t>(entry.depth + 2) * 2, ' ');
    out += indent + "<Code guid=\"" + text::escapeXml(entry.category.uid) + "\" name=\"" +
           text::escapeXml(entry.category.name) + "\" isCodable=\"" +
           (entry.hasChildren || entry.depth == 0 ? "false" : "true") + "\">\n";
    if (!entry.category.description.empty())
        out += indent + "  <Description>" + text::escapeXml(entry.category.description) +
               "</Description>\n";
    for (std::size_t i = index + 1; i < tree.size() && tree[i].depth > entry.depth; ++i)
        if (tree[i].depth == entry.depth + 1)
            writeCode(tree, i, out);
    out += indent + "</Code>\n";
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

Status importLevel(sql::Database& db, std::optional<codebook::CategoryId> parent,
                   const std::vector<QdcCode>& codes, QdcImportReport& report,
                   const std::string& now) {
    for (const auto& code : codes) {
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
        } else {
            auto position = sql::queryIntBound(
                db,
                "SELECT ifnull(max(position) + 1, 0) FROM categories WHERE ifnull(parent_id, 0) "
                "= ?",
                parent.value_or(0));
            if (!position)
                return position.error();
            if (auto status = sql::runBound(
                    db,
                    "INSERT INTO categories(uid, parent_id, name, description, position, created, "
                    "created_in) VALUES (?, ?, ?, ?, ?, ?, 'import')",
                    code.guid, parent, code.name, trimmed(code.description), *position, now);
                !status)
                return makeError("code '" + code.name + "': " + status.message());
            id = db.lastInsertRowId();
            ++report.added;
        }
        if (auto status = importLevel(db, *id, code.children, report, now); !status)
            return status;
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
    for (std::size_t i = 0; i < tree->size(); ++i)
        if ((*tree)[i].depth == 0)
            writeCode(*tree, i, out);
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
    sql::Transaction transaction(db);
    if (!transaction.begun())
        return transaction.begun().error();
    QdcImportReport report;
    if (auto status = importLevel(db, std::nullopt, codes, report, utcNowIso()); !status)
        return status.error();
    if (auto status = changelog::append(
            db, "codebook.import_qdc",
            {{"added", report.added}, {"already_present", report.alreadyPresent}});
        !status)
        return status.error();
    if (auto status = transaction.commit(); !status)
        return status.error();
    return report;
}

} // namespace taxo::results
