// Import of a .qdpx into a new project: project.qde and its source texts become an
// exchange document (docs/qdpx.md has the mapping back), which importDocument checks
// and writes in one transaction.

#include "core/corpus/post_parts.h"
#include "core/exchange/qdpx.h"
#include "core/exchange/qdpx_model.h"
#include "core/exchange/qdpx_names.h"
#include "core/text/html_text.h"
#include "core/util/ids.h"
#include "core/util/safe_json.h"
#include "core/util/text_rules.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <tuple>

namespace taxo::exchange {
namespace {

using json = nlohmann::json;

// A refusal that names the place in project.qde.
struct Refusal {
    std::string message;
};

[[noreturn]] void refuse(long line, const std::string& message) {
    throw Refusal{"project.qde line " + std::to_string(line) + ": " + message};
}

// Taxonomist's own descriptions are small JSON objects with a "taxonomist" kind; any
// other description (another tool's memo) is not ours and reads as null.
json ours(const std::string& description, const char* kind) {
    if (description.size() > (1u << 20) || description.find("\"taxonomist\"") == std::string::npos)
        return nullptr;
    JsonLimits limits;
    limits.maxDepth = 16;
    auto parsed = parseBounded(description, "description", limits);
    if (!parsed || !parsed->is_object() || parsed->value("taxonomist", json()) != kind)
        return nullptr;
    return std::move(*parsed);
}

std::string str(const json& object, const char* key) {
    const auto found = object.find(key);
    return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// The plain text as paragraphs of HTML, so the project shows it as the post's body.
std::string bodyHtml(const std::string& text) {
    std::string html;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find("\n\n", start);
        if (end == std::string::npos)
            end = text.size();
        auto paragraph = text.substr(start, end - start);
        if (paragraph.find_first_not_of(" \t\n") != std::string::npos) {
            std::string escaped;
            for (const char c : text::escapeXml(paragraph))
                escaped += c == '\n' ? std::string("<br>") : std::string(1, c);
            html += "<p>" + escaped + "</p>\n";
        }
        start = end + 2;
    }
    return html;
}

class Converter {
public:
    Converter(const qde::Project& project, const QdpxContent& content)
        : project_(project), content_(content) {}

    json run() {
        json document = {{"format", kFormat},
                         {"version", kVersion},
                         {"project",
                          {{"id", newUuid()},
                           {"title", project_.name.empty() ? "Imported study" : project_.name}}},
                         {"samples", json::array()}};
        document["taxonomy"] = taxonomy();
        document["items"] = items();
        sets(document);
        labels(document);
        document["people"] = people();
        return document;
    }

private:
    json code(const qde::Code& code, std::size_t depth) {
        if (depth > 64)
            refuse(code.line, "codes are nested deeper than 64 levels");
        if (!codes_.insert({code.guid, {}}).second)
            refuse(code.line, "a second code with the guid " + code.guid);
        json children = json::array();
        for (const auto& child : code.children)
            children.push_back(this->code(child, depth + 1));
        return {{"id", code.guid},
                {"name", code.name},
                {"description", code.description},
                {"children", std::move(children)}};
    }

    bool isSpecialGroup(const qde::Code& code) const {
        if (code.name != kQdpxSpecialGroup || code.children.empty())
            return false;
        return std::all_of(code.children.begin(), code.children.end(), [](const qde::Code& c) {
            return c.children.empty() &&
                   std::any_of(std::begin(kQdpxSpecials), std::end(kQdpxSpecials),
                               [&](const QdpxSpecial& s) { return c.name == s.name; });
        });
    }

    json taxonomy() {
        json list = json::array();
        for (const auto& root : project_.codes) {
            if (isSpecialGroup(root)) {
                for (const auto& child : root.children)
                    for (const auto& special : kQdpxSpecials)
                        if (child.name == special.name)
                            specials_[child.guid] = special.value;
                continue;
            }
            list.push_back(code(root, 0));
        }
        return list;
    }

    // The source's text: inline, or a file of the archive's sources/ folder.
    std::string textOf(const qde::Source& source) const {
        auto text = qde::sourceText(source, content_.sources);
        if (!text)
            refuse(source.line, text.message());
        return std::move(*text);
    }

    json items() {
        json list = json::array();
        std::set<std::string> ids;
        for (const auto& source : project_.sources) {
            if (source.guid.empty())
                refuse(source.line, "a TextSource without guid");
            const auto text = textOf(source);
            const auto length = corpus::codePointCount(text);
            std::map<std::string, std::string> values;
            for (const auto& [variable, value] : source.variables) {
                const auto found = project_.variables.find(variable);
                if (found != project_.variables.end())
                    values[found->second] = value;
            }
            std::string origin = values[kQdpxSourceVariable], id = values[kQdpxSourceIdVariable];
            if (origin.empty() || id.empty()) {
                origin = "qdpx";
                id = source.guid;
            }
            const auto item = itemId(origin, id);
            if (!ids.insert(item).second)
                refuse(source.line, "a second text source for the post " + item);
            if (!items_.insert({source.guid, item}).second)
                refuse(source.line, "a second text source with the guid " + source.guid);
            // The export starts the text with the title and a blank line.
            std::string body = qdpxText(text);
            const auto title = qdpxText(source.name);
            if (body.rfind(title + "\n\n", 0) == 0)
                body.erase(0, title.size() + 2);
            json tags = json::array();
            std::string tagText = values[kQdpxTagsVariable];
            for (std::size_t start = 0; start < tagText.size();) {
                const auto space = std::min(tagText.find(' ', start), tagText.size());
                if (space > start)
                    tags.push_back(tagText.substr(start, space - start));
                start = space + 1;
            }
            const auto html = bodyHtml(body);
            // The post's parts as the project will hold them, for quotes to be found in.
            texts_[source.guid] = {qdpxText(text),
                                   {{corpus::PostPart::Title, "",
                                     corpus::partPlainText(corpus::PostPart::Title, title)},
                                    {corpus::PostPart::Body, "",
                                     corpus::partPlainText(corpus::PostPart::Body, html)}}};
            list.push_back({{"id", item},
                            {"source", origin},
                            {"source_id", id},
                            {"title", title},
                            {"body", html},
                            {"tags", std::move(tags)}});
            for (const auto& selection : source.selections) {
                if (selection.start < 0 || selection.end < selection.start ||
                    selection.end > length)
                    refuse(selection.line, "the selection " + std::to_string(selection.start) +
                                               "-" + std::to_string(selection.end) + " of '" +
                                               source.name + "' lies outside its text (" +
                                               std::to_string(length) + " characters)");
                checkCodings(selection.codings);
            }
            checkCodings(source.codings);
        }
        return list;
    }

    void checkCodings(const std::vector<qde::Coding>& codings) const {
        for (const auto& coding : codings)
            if (!codes_.count(coding.code) && !specials_.count(coding.code))
                refuse(coding.line, "a coding of the unknown code '" + coding.code + "'");
    }

    std::string member(const qde::Set& set, const std::string& guid) const {
        const auto found = items_.find(guid);
        if (found == items_.end())
            refuse(set.line, "the set '" + set.name + "' lists the unknown source " + guid);
        return found->second;
    }

    void sets(json& document) {
        document["sets"] = json::array();
        document["rounds"] = json::array();
        for (const auto& set : project_.sets) {
            json entry = ours(set.description, "set");
            const bool isRound = entry.is_null();
            if (isRound)
                entry = ours(set.description, "round");
            if (entry.is_null())
                continue; // another tool's set: nothing in Taxonomist to make of it
            entry.erase("taxonomist");
            entry["items"] = json::array();
            for (const auto& guid : set.members)
                entry["items"].push_back(member(set, guid));
            if (isRound) {
                entry["sample"] = nullptr;
                rounds_.insert(str(entry, "name"));
                for (const auto& coder : entry.value("coders", json::array()))
                    if (coder.is_string())
                        coders_.insert(coder.get<std::string>());
            }
            document[isRound ? "rounds" : "sets"].push_back(std::move(entry));
        }
    }

    std::string userName(const std::string& guid, long line) const {
        const auto found = project_.users.find(guid);
        if (found == project_.users.end())
            refuse(line, "the coding's creatingUser " + guid + " is not one of the Users");
        return found->second;
    }

    struct Label {
        json fields = json::object();
        std::set<std::string> categories;
        std::string special, note;
        json quotes = json::array();
    };

    // A selection that is not the whole text, as a quote of `code` in the post's parts
    // (exchange document form); nullopt, and a note, when the passage lies across parts.
    std::optional<json> quoteOf(const qde::Source& source, const qde::Selection& selection,
                                const std::string& code) {
        const auto& [text, parts] = texts_.at(source.guid);
        const auto length = static_cast<double>(corpus::codePointCount(text));
        const auto passage = corpus::codePointSlice(text, selection.start, selection.end);
        auto located = passage
                           ? corpus::locatePassage(
                                 parts, *passage,
                                 length > 0 ? static_cast<double>(selection.start) / length : 0.0)
                           : Result<corpus::PassageLocation>(makeError("outside the text"));
        if (!located) {
            notes_.push_back("project.qde line " + std::to_string(selection.line) +
                             ": the selection " + std::to_string(selection.start) + "-" +
                             std::to_string(selection.end) + " of '" + source.name +
                             "' codes the post without a quote (" + located.message() + ")");
            return std::nullopt;
        }
        return json{{"category", code},
                    {"part", std::string(corpus::partName(located->part))},
                    {"part_id", located->partSourceId},
                    {"start", located->start},
                    {"end", located->end},
                    {"text", located->text}};
    }

    static bool wholeText(const qde::Selection& selection, std::int64_t length) {
        return selection.start == 0 && selection.end == length;
    }

    void add(std::map<std::tuple<std::string, std::string, std::string>, Label>& labels,
             const std::tuple<std::string, std::string, std::string>& key, const json& fields,
             const std::vector<qde::Coding>& codings, const std::vector<std::string>& notes) {
        auto& label = labels[key];
        label.fields.update(fields);
        for (const auto& coding : codings) {
            if (const auto special = specials_.find(coding.code); special != specials_.end())
                label.special = special->second;
            else
                label.categories.insert(coding.code);
        }
        for (const auto& note : notes)
            if (const auto found = project_.notes.find(note); found != project_.notes.end())
                label.note += (label.note.empty() ? "" : "\n\n") + found->second;
    }

    // Selections that name their round and coder are labels of that round; a decision's
    // selection is the final label. Anything else (another tool's coding) is a label of
    // one pilot round, "Imported", by the coding's user.
    using Key = std::tuple<std::string, std::string, std::string>; // kind, item, coder

    void labels(json& document) {
        std::map<Key, Label> labels;
        std::map<std::string, std::set<std::string>> imported; // item -> coders
        for (const auto& source : project_.sources) {
            const auto& item = items_.at(source.guid);
            const auto length = corpus::codePointCount(texts_.at(source.guid).first);
            // A passage (not the whole text) also becomes a quote of each category coded.
            const auto foreign = [&](const std::vector<qde::Coding>& codings,
                                     const std::string& user, const std::vector<std::string>& notes,
                                     long line, const qde::Selection* passage) {
                std::map<std::string, std::vector<qde::Coding>> byUser;
                for (const auto& coding : codings)
                    byUser[coding.user.empty() ? user : coding.user].push_back(coding);
                for (const auto& [guid, list] : byUser) {
                    const auto coder = guid.empty() ? std::string() : userName(guid, line);
                    imported[item].insert(coder);
                    const Key key{"label\t" + kImportedRound, item, coder};
                    add(labels, key,
                        {{"round", kImportedRound},
                         {"coder", coder.empty() ? json() : json(coder)}},
                        list, notes);
                    if (passage)
                        for (const auto& coding : list)
                            if (!specials_.count(coding.code))
                                if (auto quote = quoteOf(source, *passage, coding.code))
                                    labels[key].quotes.push_back(std::move(*quote));
                }
            };
            for (const auto& selection : source.selections) {
                if (const auto quote = ours(selection.description, "quote"); !quote.is_null()) {
                    // Taxonomist's own quote: attached to the label or decision it names.
                    const auto& coder = quote.value("coder", json());
                    const bool kept = quote.contains("decision");
                    const Key key =
                        kept ? Key{"decision", item, str(quote, "decision")}
                             : Key{"label\t" + str(quote, "round"), item,
                                   coder.is_string() ? "\t" + coder.get<std::string>() : ""};
                    for (const auto& coding : selection.codings)
                        if (auto found = quoteOf(source, selection, coding.code)) {
                            if (kept)
                                (*found)["quoted_by"] = quote.value("quoted_by", json());
                            labels[key].quotes.push_back(std::move(*found));
                        }
                } else if (const auto label = ours(selection.description, "label");
                           !label.is_null()) {
                    json fields = label;
                    fields.erase("taxonomist");
                    const auto& coder = label.value("coder", json());
                    if (coder.is_string())
                        coders_.insert(coder.get<std::string>());
                    add(labels,
                        {"label\t" + str(label, "round"), item,
                         coder.is_string() ? "\t" + coder.get<std::string>() : ""},
                        fields, selection.codings, selection.notes);
                } else if (const auto decision = ours(selection.description, "decision");
                           !decision.is_null()) {
                    arbitrators_.insert(str(decision, "arbitrator"));
                    add(labels, {"decision", item, str(decision, "arbitrator")},
                        {{"arbitrator", str(decision, "arbitrator")},
                         {"decided", decision.value("decided", json())}},
                        selection.codings, selection.notes);
                } else {
                    foreign(selection.codings, selection.user, selection.notes, selection.line,
                            wholeText(selection, length) ? nullptr : &selection);
                }
            }
            foreign(source.codings, "", {}, source.line, nullptr);
        }
        document["labels"] = json::array();
        document["decisions"] = json::array();
        for (auto& [key, label] : labels) {
            json entry = label.fields;
            entry["item"] = std::get<1>(key);
            entry["categories"] = json(label.categories);
            entry["special"] = label.special.empty() ? json() : json(label.special);
            entry["quotes"] = label.quotes;
            if (std::get<0>(key) == "decision") {
                entry["rationale"] = label.note;
                document["decisions"].push_back(std::move(entry));
            } else {
                entry["note"] = label.note;
                document["labels"].push_back(std::move(entry));
            }
        }
        if (!imported.empty()) {
            std::set<std::string> coders;
            json items = json::array();
            for (const auto& [item, names] : imported) {
                items.push_back(item);
                for (const auto& name : names)
                    if (!name.empty())
                        coders.insert(name);
            }
            coders_.insert(coders.begin(), coders.end());
            if (rounds_.count(kImportedRound))
                refuse(1, "a round is named '" + kImportedRound +
                              "', the name Taxonomist gives to codings of other tools");
            document["rounds"].push_back({{"name", kImportedRound},
                                          {"kind", "pilot"},
                                          {"state", "open"},
                                          {"sample", nullptr},
                                          {"coders", json(coders)},
                                          {"items", std::move(items)}});
        }
    }

    // Every user becomes a person (but the consensus user when the pilot's joint labels
    // name it); coders get the coder role, arbitrators the arbitrator role.
    json people() const {
        std::map<std::string, std::set<std::string>> roles;
        for (const auto& [guid, name] : project_.users)
            if (!name.empty())
                roles[name];
        roles.erase(kQdpxConsensusName);
        for (const auto& name : coders_)
            roles[name].insert("coder");
        for (const auto& name : arbitrators_)
            roles[name].insert("arbitrator");
        json list = json::array();
        for (const auto& [name, set] : roles)
            list.push_back({{"name", name}, {"roles", json(set)}});
        return list;
    }

    const std::string kImportedRound = "Imported";
    const qde::Project& project_;
    const QdpxContent& content_;
    std::map<std::string, std::string> codes_, specials_, items_; // GUID -> ...
    std::set<std::string> rounds_, coders_, arbitrators_;
    // Per source GUID: its text as written and the parts the post will have.
    std::map<std::string, std::pair<std::string, std::vector<corpus::PartText>>> texts_;

public:
    std::vector<std::string> notes_; // what the import report says beside the counts
};

void removeProjectFiles(const std::string& path) {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(path + suffix, ignored);
}

} // namespace

Result<nlohmann::json> qdpxToDocument(const QdpxContent& content, const std::string& origin,
                                      const QdpxLimits& limits, std::vector<std::string>* notes) {
    auto project = qde::parse(content.projectXml, origin + ": project.qde", limits.depth);
    if (!project)
        return project.error();
    try {
        Converter converter(*project, content);
        auto document = converter.run();
        if (notes)
            for (const auto& note : converter.notes_)
                notes->push_back(origin + ": " + note);
        return document;
    } catch (const Refusal& refusal) {
        return makeError(origin + ": " + refusal.message);
    } catch (const nlohmann::json::exception& ex) {
        return makeError(origin + ": project.qde: " + ex.what());
    }
}

Result<ImportCounts> importQdpxFile(const std::string& projectPath, const std::string& qdpxPath,
                                    const QdpxLimits& limits) {
    std::error_code error;
    if (std::filesystem::symlink_status(projectPath, error).type() !=
        std::filesystem::file_type::not_found)
        return makeError(projectPath +
                         " already exists; a .qdpx is imported into a new project file");
    auto content = unzipQdpx(qdpxPath, limits);
    if (!content)
        return content.error();
    std::vector<std::string> notes;
    auto document = qdpxToDocument(*content, qdpxPath, limits, &notes);
    if (!document)
        return document.error();
    const auto title = (*document)["project"]["title"].get<std::string>();
    bool created = false;
    auto counts = [&]() -> Result<ImportCounts> {
        auto project = Project::create(projectPath, title);
        if (!project)
            return project.error();
        created = true;
        return importDocument(*project, *document, qdpxPath + " (as read from project.qde)");
    }();
    if (!counts && created)
        removeProjectFiles(projectPath);
    if (counts)
        counts->notes = std::move(notes);
    return counts;
}

} // namespace taxo::exchange
