// Export of the REFI-QDA project exchange (.qdpx): the exchange document written as
// project.qde with one plain-text file per sampled post (docs/qdpx.md has the mapping).

#include "core/corpus/post_parts.h"
#include "core/exchange/qdpx.h"
#include "core/exchange/qdpx_names.h"
#include "core/text/html_text.h"
#include "core/util/ids.h"
#include "core/util/text_rules.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <tuple>

namespace taxo::exchange {
namespace {

using json = nlohmann::json;

std::uint64_t fnv1a(std::string_view text, std::uint64_t basis) {
    std::uint64_t hash = basis;
    for (const unsigned char c : text) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    return hash;
}

bool isGuid(const std::string& text) {
    if (text.size() != 36)
        return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (dash ? c != '-' : !hex)
            return false;
    }
    return true;
}

// A list member by reference (value() would copy it), empty when missing.
const json& listOf(const json& object, const char* key) {
    static const json empty = json::array();
    const auto found = object.find(key);
    return found != object.end() && found->is_array() ? *found : empty;
}

std::string str(const json& value) {
    return value.is_string() ? value.get<std::string>() : std::string();
}

// Attribute and element text: made XML-safe, then escaped.
std::string esc(std::string_view text) {
    return text::escapeXml(qdpxText(text));
}

std::string attr(const char* name, std::string_view value) {
    return std::string(" ") + name + "=\"" + esc(value) + "\"";
}

std::string indent(std::size_t depth) {
    return std::string(std::min<std::size_t>(depth, 70) * 2, ' ');
}

// The post as one plain text: title, body, the question's comments, then each answer
// with its comments, in the order the Coding page shows them. Paragraphs are separated by
// a blank line. Each part is its plain text as quotes count it (corpus::partPlainText),
// so a quote's offsets in its part give its place in the file.
struct SourceText {
    std::string text;
    // (part, answer or comment id) -> where the part starts in `text` (code points), and
    // the part's plain text.
    std::map<std::pair<std::string, std::string>, std::pair<std::int64_t, std::string>> parts;

    // A quote's place in the file; nullopt when the post has no such part or the part is
    // shorter than the quote's offsets.
    std::optional<std::pair<std::int64_t, std::int64_t>> place(const json& quote) const {
        const auto found =
            parts.find({str(quote.value("part", json())), str(quote.value("part_id", json()))});
        if (found == parts.end() || !quote.value("start", json()).is_number_integer() ||
            !quote.value("end", json()).is_number_integer())
            return std::nullopt;
        const auto& [offset, plain] = found->second;
        const auto before = corpus::codePointSlice(plain, 0, quote["start"].get<std::int64_t>());
        const auto through = corpus::codePointSlice(plain, 0, quote["end"].get<std::int64_t>());
        if (!before || !through)
            return std::nullopt;
        // Counted in the text as written: qdpxText may turn CR LF into one LF.
        return std::make_pair(offset + corpus::codePointCount(qdpxText(*before)),
                              offset + corpus::codePointCount(qdpxText(*through)));
    }
};

SourceText plainText(const json& item) {
    SourceText out;
    const auto add = [&](const std::string& heading, corpus::PostPart part, const std::string& id,
                         const std::string& plain) {
        if (!out.text.empty() || part != corpus::PostPart::Title)
            out.text += "\n\n" + qdpxText(heading);
        out.parts[{std::string(corpus::partName(part)), id}] = {corpus::codePointCount(out.text),
                                                                plain};
        out.text += qdpxText(plain);
    };
    add("", corpus::PostPart::Title, "",
        corpus::partPlainText(corpus::PostPart::Title, str(item.value("title", json()))));
    if (const auto body =
            corpus::partPlainText(corpus::PostPart::Body, str(item.value("body", json())));
        !body.empty())
        add("", corpus::PostPart::Body, "", body);
    const auto comments = [&](const json& answer) {
        for (const auto& comment : listOf(item, "comments"))
            if (comment.value("answer", json()) == answer)
                add("Comment: ", corpus::PostPart::Comment, str(comment.value("id", json())),
                    corpus::partPlainText(corpus::PostPart::Comment,
                                          str(comment.value("text", json()))));
    };
    comments(json());
    for (const auto& answer : listOf(item, "answers")) {
        const bool accepted = answer.value("accepted", false);
        add(accepted ? "Accepted answer:\n" : "Answer:\n", corpus::PostPart::Answer,
            str(answer.value("id", json())),
            corpus::partPlainText(corpus::PostPart::Answer, str(answer.value("body", json()))));
        comments(answer.value("id", json()));
    }
    out.text += "\n";
    return out;
}

class Writer {
public:
    Writer(const json& document, std::string now) : doc_(document), now_(std::move(now)) {
        projectId_ = str(doc_["project"].value("id", json()));
    }

    Result<QdpxContent> run() {
        collectItems();
        collectPeople();
        QdpxContent content;
        out_ = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project xmlns=\"" +
               std::string(kQdpxNamespace) +
               "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
               "xsi:schemaLocation=\"urn:QDA-XML:project:1.0 Project-mrt2019.xsd\"" +
               attr("name", str(doc_["project"].value("title", json()))) +
               attr("origin", kQdpxOrigin) + attr("creationDateTime", now_) + ">\n";
        users();
        codebook();
        variables();
        sources(content);
        notes();
        sets();
        out_ += "  <Description>" + esc(kQdpxProjectDescription) + "</Description>\n";
        out_ += "</Project>\n";
        content.projectXml = std::move(out_);
        return content;
    }

private:
    std::string guid(const std::string& key) const { return stableGuid(projectId_, key); }

    void collectItems() {
        for (const auto& item : listOf(doc_, "items"))
            items_[str(item["id"])] = &item;
        const auto add = [&](const json& id) {
            if (items_.count(str(id)))
                sampled_.insert(str(id));
        };
        for (const auto& round : listOf(doc_, "rounds"))
            for (const auto& id : listOf(round, "items"))
                add(id);
        for (const auto& label : listOf(doc_, "labels"))
            add(label["item"]);
        for (const auto& decision : listOf(doc_, "decisions"))
            add(decision["item"]);
    }

    void collectPeople() {
        for (const auto& person : listOf(doc_, "people"))
            users_[str(person["name"])] = guid("person:" + str(person["name"]));
        for (const auto& label : listOf(doc_, "labels"))
            if (label.value("coder", json()).is_null())
                consensus_ = guid(kQdpxConsensusKey);
    }

    void users() {
        if (users_.empty() && consensus_.empty())
            return;
        out_ += "  <Users>\n";
        for (const auto& [name, id] : users_)
            out_ += "    <User" + attr("guid", id) + attr("name", name) + "/>\n";
        if (!consensus_.empty())
            out_ +=
                "    <User" + attr("guid", consensus_) + attr("name", kQdpxConsensusName) + "/>\n";
        out_ += "  </Users>\n";
    }

    void code(const json& category, std::vector<std::string>& path, std::size_t depth) {
        const auto uid = str(category["id"]);
        const auto id = isGuid(uid) ? uid : guid("category:" + uid);
        path.push_back(str(category["name"]));
        codes_[path] = id;
        const auto& children = listOf(category, "children");
        const bool codable = depth > 0 && children.empty();
        out_ += indent(depth + 3) + "<Code" + attr("guid", id) + attr("name", path.back()) +
                attr("isCodable", codable ? "true" : "false");
        const auto description = str(category.value("description", json()));
        if (description.empty() && children.empty()) {
            out_ += "/>\n";
        } else {
            out_ += ">\n";
            if (!description.empty())
                out_ += indent(depth + 4) + "<Description>" + esc(description) + "</Description>\n";
            for (const auto& child : children)
                code(child, path, depth + 1);
            out_ += indent(depth + 3) + "</Code>\n";
        }
        path.pop_back();
    }

    void codebook() {
        out_ += "  <CodeBook>\n    <Codes>\n";
        std::vector<std::string> path;
        for (const auto& root : listOf(doc_, "taxonomy"))
            code(root, path, 0);
        out_ += "      <Code" + attr("guid", guid(kQdpxSpecialGroupKey)) +
                attr("name", kQdpxSpecialGroup) + " isCodable=\"false\">\n";
        for (const auto& special : kQdpxSpecials) {
            specials_[special.value] = guid(std::string("special:") + special.value);
            out_ += "        <Code" + attr("guid", specials_[special.value]) +
                    attr("name", special.name) + " isCodable=\"true\"/>\n";
        }
        out_ += "      </Code>\n    </Codes>\n  </CodeBook>\n";
    }

    void variables() {
        out_ += "  <Variables>\n";
        for (const char* name : {kQdpxSourceVariable, kQdpxSourceIdVariable, kQdpxTagsVariable})
            out_ += "    <Variable" + attr("guid", guid(std::string("variable:") + name)) +
                    attr("name", name) + " typeOfVariable=\"Text\"/>\n";
        out_ += "  </Variables>\n";
    }

    struct Selection {
        std::string key, name, user, description, note;
        std::vector<std::string> codes;
        const json* quote = nullptr; // a quote's selection: its passage, not the whole text
    };

    // Each quote of a label or decision as a selection of its own holding a Coding of the
    // quote's category by the person who quoted it. `owner` is the label's selection.
    void addQuotes(std::vector<Selection>& list, const json& entry, const Selection& owner,
                   const json& description, bool decision) {
        const auto& quotes = listOf(entry, "quotes");
        for (std::size_t i = 0; i < quotes.size(); ++i) {
            const auto& quote = quotes[i];
            Selection selection;
            char index[24];
            std::snprintf(index, sizeof index, "%06zu", i);
            selection.key = "quote:" + owner.key + "\t" + index;
            json about = description;
            about["taxonomist"] = "quote";
            selection.user = owner.user;
            std::string by = owner.name;
            if (decision) {
                const auto& quotedBy = quote.value("quoted_by", json());
                about["quoted_by"] = quotedBy;
                selection.user = quotedBy.is_string() ? users_[str(quotedBy)] : consensus_;
                by = quotedBy.is_string() ? str(quotedBy) : std::string(kQdpxConsensusName);
            }
            selection.name = "Quote: " + by + " \u2014 " + str(quote.value("text", json()));
            selection.description = about.dump();
            json category = {{"categories", json::array({quote.value("category", json())})}};
            selection.codes = codesOf(category);
            selection.quote = &quote;
            list.push_back(std::move(selection));
        }
    }

    // The codes of a label or a decision: its categories by path, or its special value.
    std::vector<std::string> codesOf(const json& entry) {
        std::vector<std::string> codes;
        const auto special = str(entry.value("special", json()));
        if (!special.empty() && specials_.count(special))
            codes.push_back(specials_.at(special));
        for (const auto& path : listOf(entry, "categories")) {
            const auto found = codes_.find(path.get<std::vector<std::string>>());
            if (found != codes_.end())
                codes.push_back(found->second);
        }
        std::sort(codes.begin(), codes.end());
        return codes;
    }

    std::map<std::string, std::vector<Selection>> collectSelections() {
        std::map<std::string, std::vector<Selection>> byItem;
        for (const auto& label : listOf(doc_, "labels")) {
            const auto item = str(label["item"]);
            const auto round = str(label["round"]);
            const auto& coder = label.value("coder", json());
            json description = {{"taxonomist", "label"}, {"round", round}, {"coder", coder}};
            for (const char* field : {"suggestion", "code", "updated"})
                if (!str(label.value(field, json())).empty())
                    description[field] = label[field];
            Selection selection;
            // A tab sorts before any printable name: each round's consensus comes first.
            selection.key = "label:" + round + "\t" + (coder.is_null() ? "" : "\t" + str(coder));
            selection.name = round + ": " + (coder.is_null() ? kQdpxConsensusName : str(coder));
            selection.user = coder.is_null() ? consensus_ : users_[str(coder)];
            selection.description = description.dump();
            selection.note = str(label.value("note", json()));
            selection.codes = codesOf(label);
            auto& list = byItem[item];
            addQuotes(list, label, selection,
                      {{"taxonomist", "quote"}, {"round", round}, {"coder", coder}}, false);
            list.push_back(std::move(selection));
        }
        for (const auto& decision : listOf(doc_, "decisions")) {
            const auto arbitrator = str(decision["arbitrator"]);
            json description = {{"taxonomist", "decision"}, {"arbitrator", arbitrator}};
            if (!str(decision.value("decided", json())).empty())
                description["decided"] = decision["decided"];
            Selection selection;
            selection.key = "decision:";
            selection.name = std::string(kQdpxFinalLabelName) + " (" + arbitrator + ")";
            selection.user = users_[arbitrator];
            selection.description = description.dump();
            selection.note = str(decision.value("rationale", json()));
            selection.codes = codesOf(decision);
            auto& list = byItem[str(decision["item"])];
            addQuotes(list, decision, selection,
                      {{"taxonomist", "quote"}, {"decision", arbitrator}}, true);
            list.push_back(std::move(selection));
        }
        for (auto& [item, list] : byItem)
            std::sort(list.begin(), list.end(),
                      [](const Selection& a, const Selection& b) { return a.key < b.key; });
        return byItem;
    }

    void selection(const std::string& item, const Selection& s, const SourceText& text) {
        const auto key = "item:" + item + "\n" + s.key;
        std::int64_t start = 0, end = corpus::codePointCount(text.text);
        if (s.quote) {
            // A quote whose part the post no longer has is not written (it is flagged in
            // the project; the file has no place for it).
            const auto place = text.place(*s.quote);
            if (!place)
                return;
            std::tie(start, end) = *place;
        }
        out_ += "      <PlainTextSelection" + attr("guid", guid(key)) + attr("name", s.name) +
                " startPosition=\"" + std::to_string(start) + "\" endPosition=\"" +
                std::to_string(end) + "\"" +
                (s.user.empty() ? std::string() : attr("creatingUser", s.user)) + ">\n";
        out_ += "        <Description>" + esc(s.description) + "</Description>\n";
        for (const auto& code : s.codes)
            out_ += "        <Coding" + attr("guid", guid(key + "\ncode:" + code)) +
                    (s.user.empty() ? std::string() : attr("creatingUser", s.user)) +
                    ">\n          <CodeRef" + attr("targetGUID", code) + "/>\n        </Coding>\n";
        if (!s.note.empty()) {
            const auto note = guid(key + "\nnote");
            out_ += "        <NoteRef" + attr("targetGUID", note) + "/>\n";
            notes_.push_back({note, "Note: " + str((*items_.at(item))["title"]) + " — " + s.name,
                              s.user, s.note});
        }
        out_ += "      </PlainTextSelection>\n";
    }

    void variableValue(const char* variable, const std::string& value) {
        out_ += "      <VariableValue>\n        <VariableRef" +
                attr("targetGUID", guid(std::string("variable:") + variable)) +
                "/>\n        <TextValue>" + esc(value) + "</TextValue>\n      </VariableValue>\n";
    }

    void sources(QdpxContent& content) {
        if (sampled_.empty())
            return;
        const auto selections = collectSelections();
        out_ += "  <Sources>\n";
        for (const auto& id : sampled_) {
            const json& item = *items_.at(id);
            const auto source = guid("item:" + id);
            sources_[id] = source;
            const auto text = plainText(item);
            content.sources[source + ".txt"] = text.text;
            const auto title = str(item.value("title", json()));
            out_ += "    <TextSource" + attr("guid", source) +
                    attr("name", title.empty() ? id : title) +
                    attr("plainTextPath", "internal://" + source + ".txt") + ">\n";
            if (const auto found = selections.find(id); found != selections.end())
                for (const auto& s : found->second)
                    selection(id, s, text);
            std::string tags;
            for (const auto& tag : listOf(item, "tags"))
                tags += (tags.empty() ? "" : " ") + str(tag);
            variableValue(kQdpxSourceVariable, str(item["source"]));
            variableValue(kQdpxSourceIdVariable, str(item["source_id"]));
            variableValue(kQdpxTagsVariable, tags);
            out_ += "    </TextSource>\n";
        }
        out_ += "  </Sources>\n";
    }

    void notes() {
        if (notes_.empty())
            return;
        std::sort(notes_.begin(), notes_.end());
        out_ += "  <Notes>\n";
        for (const auto& [id, name, user, text] : notes_)
            out_ += "    <Note" + attr("guid", id) + attr("name", name) +
                    (user.empty() ? std::string() : attr("creatingUser", user)) +
                    ">\n      <PlainTextContent>" + esc(text) +
                    "</PlainTextContent>\n    </Note>\n";
        out_ += "  </Notes>\n";
    }

    void set(const std::string& key, const std::string& name, const json& description,
             const json& members) {
        out_ += "    <Set" + attr("guid", guid(key)) + attr("name", name) +
                ">\n      <Description>" + esc(description.dump()) + "</Description>\n";
        for (const auto& member : members)
            if (const auto found = sources_.find(str(member)); found != sources_.end())
                out_ += "      <MemberSource" + attr("targetGUID", found->second) + "/>\n";
        out_ += "    </Set>\n";
    }

    // Selection sets by name (members sorted by item id), then rounds by name (members
    // in the order coders see them). Only sampled posts are sources, so a set lists those.
    void sets() {
        std::map<std::string, const json*> selectionSets, rounds;
        for (const auto& entry : listOf(doc_, "sets"))
            selectionSets[str(entry["name"])] = &entry;
        for (const auto& entry : listOf(doc_, "rounds"))
            rounds[str(entry["name"])] = &entry;
        if (selectionSets.empty() && rounds.empty())
            return;
        out_ += "  <Sets>\n";
        for (const auto& [name, entry] : selectionSets) {
            json description = {{"taxonomist", "set"}, {"name", name}};
            for (const char* field : {"root", "rules", "created"})
                if (entry->contains(field))
                    description[field] = (*entry)[field];
            auto members = listOf(*entry, "items");
            std::sort(members.begin(), members.end());
            set("set:" + name, std::string(kQdpxSetPrefix) + name, description, members);
        }
        for (const auto& [name, entry] : rounds) {
            json description = {{"taxonomist", "round"}, {"name", name}};
            for (const char* field : {"kind", "state", "created", "coders", "pilot"})
                if (entry->contains(field))
                    description[field] = (*entry)[field];
            set("round:" + name, std::string(kQdpxRoundPrefix) + name, description,
                listOf(*entry, "items"));
        }
        out_ += "  </Sets>\n";
    }

    const json& doc_;
    std::string now_, projectId_, out_, consensus_;
    std::map<std::string, const json*> items_;
    std::set<std::string> sampled_;
    std::map<std::string, std::string> users_, specials_, sources_;
    std::map<std::vector<std::string>, std::string> codes_;
    std::vector<std::tuple<std::string, std::string, std::string, std::string>> notes_;
};

} // namespace

std::string stableGuid(const std::string& projectId, const std::string& key) {
    const std::string input = projectId + "\n" + key;
    std::uint64_t high = fnv1a(input, 14695981039346656037ULL);
    std::uint64_t low = fnv1a(input, high ^ 0x9e3779b97f4a7c15ULL);
    high = (high & ~std::uint64_t{0xF000}) | 0x8000;                    // version 8
    low = (low & ~(std::uint64_t{3} << 62)) | (std::uint64_t{2} << 62); // RFC variant
    char text[40];
    std::snprintf(text, sizeof text, "%08llx-%04llx-%04llx-%04llx-%012llx",
                  static_cast<unsigned long long>(high >> 32),
                  static_cast<unsigned long long>((high >> 16) & 0xFFFF),
                  static_cast<unsigned long long>(high & 0xFFFF),
                  static_cast<unsigned long long>(low >> 48),
                  static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFULL));
    return text;
}

std::string qdpxText(std::string_view text) {
    static const char* const kReplacement = "\xEF\xBF\xBD";
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte == '\r') {
            out += '\n';
            i += (i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
        } else if (byte < 0x20 && byte != '\t' && byte != '\n') {
            out += ' ';
            ++i;
        } else if (byte < 0x80) {
            out += static_cast<char>(byte);
            ++i;
        } else if (const auto length = utf8SequenceLength(text, i); length == 0) {
            out += kReplacement;
            ++i;
        } else {
            const auto sequence = text.substr(i, length);
            const bool nonCharacter = sequence == "\xEF\xBF\xBE" || sequence == "\xEF\xBF\xBF";
            out += nonCharacter ? std::string_view(kReplacement) : sequence;
            i += length;
        }
    }
    return out;
}

Result<QdpxContent> buildQdpx(const nlohmann::json& document, const std::string& now) {
    try {
        return Writer(document, now).run();
    } catch (const nlohmann::json::exception& ex) {
        return makeError(std::string("cannot write the .qdpx: ") + ex.what());
    }
}

Status exportQdpxFile(Project& project, const std::string& path, files::Replace replace) {
    auto document = exportDocument(project);
    if (!document)
        return document.error();
    auto content = buildQdpx(*document, utcNowIso());
    if (!content)
        return content.error();
    auto zip = zipQdpx(*content);
    if (!zip)
        return makeError(path + ": " + zip.message());
    return files::writeAtomically(path, *zip, replace);
}

} // namespace taxo::exchange
