// The REFI-QDA project exchange (.qdpx): schema-valid, deterministic export with offsets
// in code points; the demo's round trip keeps every coder's labels and each round's
// kappa; hostile files are refused with the place and leave no project behind.

#include "core/corpus/post_store.h"
#include "core/demo/demo_project.h"
#include "core/exchange/qdpx.h"
#include "core/store/statements.h"
#include "exchange_fixture.h"
#include "tests/support/study_builder.h"
#include "zip_fixture.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <regex>
#include <sstream>

using namespace taxo;
using namespace taxo::test;
using json = nlohmann::json;

namespace {

const std::string kNonAscii = "caf\xC3\xA9 \xE2\x80\x94 na\xC3\xAFve \xF0\x9F\x98\x80";

// The full study of the exchange tests, with non-ASCII text in a sampled post's title
// and a control character forced into another's body (the storing rule keeps them out
// of real projects; the export must cope anyway).
std::string exportedStudy(const TempDir& dir, const std::string& name) {
    Study study{Project::create(dir.file(name + ".taxo"), "study").value(), {}};
    seedFullStudy(study);
    REQUIRE(study.db()
                .exec("UPDATE posts SET title = '" + kNonAscii + " ' || title WHERE id = 1")
                .ok());
    REQUIRE(study.db()
                .exec("UPDATE posts SET body = '<p>bell' || char(7) || ' &amp; <b>x</b></p>' "
                      "WHERE id = 4")
                .ok());
    const auto out = dir.file(name + ".qdpx");
    REQUIRE(exchange::exportQdpxFile(study.project, out).ok());
    return out;
}

std::optional<std::filesystem::path> projectSchema() {
    const auto schema = std::filesystem::path(TAXONOMIST_SHARED_DATA).parent_path() / "refi-qda" /
                        "Project-mrt2019.xsd";
    std::error_code error;
    if (!std::filesystem::is_regular_file(schema, error))
        return std::nullopt;
    return schema;
}

// Validates project.qde's text with xmllint against the REFI-QDA schema; skipped, with a
// warning, where the schema (../shared) or xmllint is absent.
void checkAgainstSchema(const TempDir& dir, const std::string& xml) {
    const auto schema = projectSchema();
    if (!schema) {
        WARN("skipped the schema check: ../shared/refi-qda/Project-mrt2019.xsd is absent");
        return;
    }
    if (std::system("command -v xmllint >/dev/null 2>&1") != 0) {
        WARN("skipped the schema check: xmllint is not installed (Debian: libxml2-utils)");
        return;
    }
    const auto qde = dir.file("project.qde");
    writeFile(qde, xml);
    const auto command = "xmllint --noout --schema '" + schema->string() + "' '" + qde + "' 2>'" +
                         dir.file("xmllint.txt") + "'";
    const int status = std::system(command.c_str());
    INFO(readFile(dir.file("xmllint.txt")));
    CHECK(status == 0);
}

std::string withoutTimestamp(const std::string& xml) {
    return std::regex_replace(xml, std::regex("creationDateTime=\"[^\"]*\""), "");
}

// A small project.qde with one code, one user and one source of 5 characters; the
// parts in braces are replaced by each hostile case.
std::string smallQde(const std::string& path = "internal://a.txt", const std::string& end = "5",
                     const std::string& code = "11111111-1111-4111-8111-111111111111") {
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
           "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"p\">\n"
           "<Users><User guid=\"22222222-2222-4222-8222-222222222222\" name=\"Ann\"/></Users>\n"
           "<CodeBook><Codes><Code guid=\"11111111-1111-4111-8111-111111111111\" name=\"C\" "
           "isCodable=\"true\"/></Codes></CodeBook>\n"
           "<Sources><TextSource guid=\"33333333-3333-4333-8333-333333333333\" name=\"t\" "
           "plainTextPath=\"" +
           path +
           "\">\n"
           "<PlainTextSelection guid=\"44444444-4444-4444-8444-444444444444\" startPosition=\"0\" "
           "endPosition=\"" +
           end +
           "\" creatingUser=\"22222222-2222-4222-8222-222222222222\">\n"
           "<Coding guid=\"55555555-5555-4555-8555-555555555555\" "
           "creatingUser=\"22222222-2222-4222-8222-222222222222\"><CodeRef targetGUID=\"" +
           code + "\"/></Coding>\n</PlainTextSelection>\n</TextSource></Sources>\n</Project>\n";
}

json labelsOf(const std::string& project) {
    auto opened = Project::open(project, Project::Access::ReadOnly);
    REQUIRE(opened.ok());
    auto document = exchange::exportDocument(*opened);
    REQUIRE(document.ok());
    json labels = json::array();
    for (auto label : (*document)["labels"]) {
        label.erase("updated");
        label.erase("quotes"); // compared by quotesOf: their places are the imported post's
        labels.push_back(label);
    }
    // Exported by round id, and the import numbers rounds in name order.
    std::sort(labels.begin(), labels.end());
    return labels;
}

// The agreement report without the categories' row ids, which differ between files, and
// with the confusion pairs (listed by those ids) sorted.
json agreementOf(const std::string& project, const std::string& round) {
    const auto outcome = runCli({"agreement", project, "--round", round, "--json"});
    INFO(outcome.err);
    REQUIRE(outcome.code == 0);
    auto report = json::parse(outcome.out);
    std::function<void(json&)> strip = [&](json& value) {
        if (value.is_object()) {
            value.erase("category_id");
            for (auto& [key, child] : value.items()) {
                strip(child);
                if (key == "confusion" && child.is_array())
                    std::sort(child.begin(), child.end());
            }
        } else if (value.is_array()) {
            for (auto& child : value)
                strip(child);
        }
    };
    strip(report);
    return report;
}

// Every quote of labels and decisions as "round|coder|category path|text" (decisions:
// "decision|arbitrator|...|text|quoted_by"), sorted; and each quote's place must hold
// its text in the project (a quote read back from a .qdpx is never flagged).
std::vector<std::string> quotesOf(const std::string& project) {
    auto opened = Project::open(project, Project::Access::ReadOnly);
    REQUIRE(opened.ok());
    auto document = exchange::exportDocument(*opened);
    REQUIRE(document.ok());
    std::vector<std::string> rows;
    const auto path = [](const json& category) {
        std::string text;
        for (const auto& name : category)
            text += "/" + name.get<std::string>();
        return text;
    };
    for (const auto& label : (*document)["labels"])
        for (const auto& quote : label["quotes"])
            rows.push_back(label["round"].get<std::string>() + "|" + label["coder"].dump() + "|" +
                           path(quote["category"]) + "|" + quote["text"].get<std::string>());
    for (const auto& decision : (*document)["decisions"])
        for (const auto& quote : decision["quotes"])
            rows.push_back("decision|" + decision["arbitrator"].get<std::string>() + "|" +
                           path(quote["category"]) + "|" + quote["text"].get<std::string>() + "|" +
                           quote["quoted_by"].dump());
    std::sort(rows.begin(), rows.end());
    auto owners = sql::queryRows<std::pair<std::int64_t, std::int64_t>>(
        opened->db(), "SELECT id, post_id FROM labels",
        [](sql::Statement& row) { return std::make_pair(row.columnInt(0), row.columnInt(1)); });
    REQUIRE(owners.ok());
    for (const auto& [label, post] : *owners) {
        auto loaded = labels::loadQuotes(opened->db(), labels::kLabelQuotes, label);
        REQUIRE(loaded.ok());
        for (const auto& kept : *loaded) {
            auto state = labels::quoteState(opened->db(), post, kept.quote);
            REQUIRE(state.ok());
            INFO(kept.quote.text);
            CHECK(*state == labels::QuoteState::Intact);
        }
    }
    return rows;
}

// The demo with quotes on its labels (the first categorized labels, one part after
// another: title, body, a comment, an answer, as the posts have them) and a kept quote in
// each decision whose post has one a coder made.
void addDemoQuotes(const std::string& path) {
    auto project = Project::open(path);
    REQUIRE(project.ok());
    auto& db = project->db();
    auto owners = sql::queryRows<std::tuple<std::int64_t, std::int64_t, std::int64_t>>(
        db,
        "SELECT l.id, l.post_id, min(lc.category_id) FROM labels l JOIN label_categories lc ON "
        "lc.label_id = l.id GROUP BY l.id ORDER BY l.id % 5, l.id",
        [](sql::Statement& row) {
            return std::make_tuple(row.columnInt(0), row.columnInt(1), row.columnInt(2));
        });
    REQUIRE(owners.ok());
    std::size_t made = 0;
    for (const auto& [label, post, category] : *owners) {
        auto stored = corpus::loadPost(db, post);
        REQUIRE(stored.ok());
        const auto parts = corpus::postParts(*stored);
        const auto& part = parts[made % parts.size()];
        const auto length = corpus::codePointCount(part.text);
        if (length < 4)
            continue;
        const auto start = std::min<std::int64_t>(2, length - 2);
        const auto end = std::min<std::int64_t>(start + 24, length);
        // Made as the Coding page makes a quote of a selection.
        auto located = corpus::locatePassage(
            parts, corpus::codePointSlice(part.text, start, end).value(), 0.5);
        if (!located)
            continue;
        const auto quote = labels::quoteOfPassage(*located, category);
        if (!labels::checkQuoteForm(quote))
            continue; // a passage with a line break in it: the next label
        REQUIRE(labels::writeQuotes(db, labels::kLabelQuotes, label, {{quote, std::nullopt}}).ok());
        if (++made == 12)
            break;
    }
    REQUIRE(made >= 5);
    auto decisions = sql::queryRows<std::pair<std::int64_t, std::int64_t>>(
        db, "SELECT id, post_id FROM decisions ORDER BY id",
        [](sql::Statement& row) { return std::make_pair(row.columnInt(0), row.columnInt(1)); });
    REQUIRE(decisions.ok());
    for (const auto& [decision, post] : *decisions) {
        auto offered = arbitration::quotesOffered(db, post);
        REQUIRE(offered.ok());
        auto category = db.queryInt("SELECT min(category_id) FROM decision_categories WHERE "
                                    "decision_id = " +
                                    std::to_string(decision));
        if (offered->empty() || !category.ok() || *category == 0)
            continue;
        auto kept = offered->front();
        kept.quote.category = *category;
        REQUIRE(labels::writeQuotes(db, arbitration::kDecisionQuotes, decision, {kept}).ok());
    }
}

} // namespace

TEST_CASE("Qdpx: project.qde is valid against the REFI-QDA schema", "[qdpx]") {
    TempDir dir;
    const auto file = exportedStudy(dir, "study");
    auto content = exchange::unzipQdpx(file);
    REQUIRE(content.ok());
    // One source per sampled post: the posts of the rounds.
    auto project = Project::open(dir.file("study.taxo"), Project::Access::ReadOnly);
    REQUIRE(project.ok());
    auto sampled = project->db().queryInt("SELECT count(DISTINCT post_id) FROM round_items");
    REQUIRE(sampled.ok());
    CHECK(content->sources.size() == static_cast<std::size_t>(*sampled));
    const auto& xml = content->projectXml;
    CHECK(xml.find("<Code guid=") != std::string::npos);
    CHECK(xml.find("name=\"Special values\"") != std::string::npos);
    CHECK(xml.find("name=\"Consensus\"") != std::string::npos);
    CHECK(xml.find("<MemberSource") != std::string::npos);
    CHECK(xml.find("<NoteRef") != std::string::npos);
    CHECK(xml.find("&amp; x") == std::string::npos); // the body's HTML became text
    CHECK(xml.find('\x07') == std::string::npos);

    // Positions count code points: the selection of the non-ASCII post ends at the
    // number of code points of its text, fewer than its bytes.
    bool found = false;
    for (const auto& [name, text] : content->sources) {
        CHECK(text.find('\r') == std::string::npos);
        CHECK(text.rfind("\xEF\xBB\xBF", 0) != 0);
        if (text.find('\x07') != std::string::npos)
            FAIL("a control character reached " << name);
        if (text.rfind(kNonAscii, 0) != 0)
            continue;
        found = true;
        const auto guid = name.substr(0, name.size() - 4);
        const auto length = static_cast<std::size_t>(corpus::codePointCount(text));
        CHECK(length < text.size());
        const auto source = xml.find("<TextSource guid=\"" + guid);
        REQUIRE(source != std::string::npos);
        const auto selection = xml.find("endPosition=\"", source);
        CHECK(xml.substr(selection, 13 + std::to_string(length).size() + 1) ==
              "endPosition=\"" + std::to_string(length) + "\"");
    }
    CHECK(found);

    checkAgainstSchema(dir, xml);
}

TEST_CASE("Qdpx: two exports are the same but for the time stamp", "[qdpx]") {
    TempDir dir;
    auto first = exchange::unzipQdpx(exportedStudy(dir, "one"));
    auto second = exchange::unzipQdpx(exportedStudy(dir, "two"));
    REQUIRE(first.ok());
    REQUIRE(second.ok());
    // The two projects have different ids, so their GUIDs differ; one project twice:
    TempDir again;
    const auto path = exportedStudy(again, "study");
    auto project = Project::open(again.file("study.taxo"));
    REQUIRE(project.ok());
    REQUIRE(exchange::exportQdpxFile(*project, again.file("later.qdpx")).ok());
    auto a = exchange::unzipQdpx(path), b = exchange::unzipQdpx(again.file("later.qdpx"));
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(withoutTimestamp(a->projectXml) == withoutTimestamp(b->projectXml));
    CHECK(a->sources == b->sources);
    CHECK(first->sources.size() == second->sources.size());
}

TEST_CASE("Qdpx: text is made XML-safe and GUIDs are stable", "[qdpx]") {
    CHECK(exchange::qdpxText("a\x07"
                             "b\r\nc\rd\xFF"
                             "e") == "a b\nc\nd\xEF\xBF\xBD"
                                     "e");
    CHECK(exchange::qdpxText("\xEF\xBF\xBE") == "\xEF\xBF\xBD");
    CHECK(corpus::codePointCount(kNonAscii) == 14);
    const auto guid = exchange::stableGuid("project", "person:Ann");
    CHECK(guid == exchange::stableGuid("project", "person:Ann"));
    CHECK(guid != exchange::stableGuid("other", "person:Ann"));
    CHECK(
        std::regex_match(guid, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                                          "[0-9a-f]{12}")));
}

TEST_CASE("Qdpx: the demo comes back with the same labels and kappa", "[qdpx]") {
    TempDir dir;
    const auto demo = dir.file("demo.taxo");
    REQUIRE(demo::createDemoProject(demo).ok());
    addDemoQuotes(demo);
    const auto file = dir.file("demo.qdpx");
    auto exported = runCli({"export", demo, "--format", "qdpx", "--out", file});
    INFO(exported.err);
    REQUIRE(exported.code == 0);
    const auto copy = dir.file("copy.taxo");
    auto imported = runCli({"import", copy, file, "--json"});
    INFO(imported.err);
    REQUIRE(imported.code == 0);
    CHECK(json::parse(imported.out)["counts"]["labels"] == labelsOf(demo).size());

    CHECK(labelsOf(demo) == labelsOf(copy));
    // Every quote comes back on its label or decision, with its category and text, found
    // in the post as the copy holds it (title, or the body the other parts became).
    const auto quotes = quotesOf(demo);
    CHECK(quotes.size() >= 5);
    CHECK(quotesOf(copy) == quotes);
    auto original = Project::open(demo, Project::Access::ReadOnly);
    REQUIRE(original.ok());
    auto rounds =
        sql::queryRows<std::string>(original->db(), "SELECT name FROM rounds ORDER BY name",
                                    [](sql::Statement& row) { return row.columnText(0); });
    REQUIRE(rounds.ok());
    REQUIRE(rounds->size() >= 2);
    for (const auto& round : *rounds) {
        INFO(round);
        CHECK(agreementOf(demo, round) == agreementOf(copy, round));
    }
}

TEST_CASE("Qdpx: hostile files are refused with the place, and no project is left", "[qdpx]") {
    TempDir dir;
    const std::string text = "h\xC3\xA9llo"; // 5 code points, 6 bytes
    struct Case {
        std::string name;
        std::string bytes;
        std::string expected;
    };
    const std::vector<Case> cases = {
        {"broken", "PK\x03\x04 this is not a zip at all", "broken.qdpx"},
        {"no-project", zipOf({{"sources/a.txt", text}}), "no project.qde"},
        {"doctype",
         zipOf({{"project.qde", "<?xml version=\"1.0\"?>\n<!DOCTYPE Project [<!ENTITY x "
                                "\"y\">]>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" "
                                "name=\"&x;\"/>"},
                {"sources/a.txt", text}}),
         "project.qde line 2: a document type declaration"},
        {"escape", zipOf({{"project.qde", smallQde("internal://../x")}, {"sources/a.txt", text}}),
         "project.qde line 5: the path 'internal://../x' leaves"},
        {"outside", zipOf({{"project.qde", smallQde("absolute:///etc/passwd")}}),
         "outside the .qdpx"},
        {"past-end",
         zipOf({{"project.qde", smallQde("internal://a.txt", "6")}, {"sources/a.txt", text}}),
         "project.qde line 6: the selection 0-6"},
        {"unknown-code",
         zipOf({{"project.qde",
                 smallQde("internal://a.txt", "5", "99999999-9999-4999-8999-999999999999")},
                {"sources/a.txt", text}}),
         "project.qde line 7: a coding of the unknown code"},
        {"missing-text", zipOf({{"project.qde", smallQde()}}), "which the zip does not hold"},
        {"not-a-number",
         zipOf({{"project.qde", smallQde("internal://a.txt", "x")}, {"sources/a.txt", text}}),
         "project.qde line 6: the selection's endPosition 'x' is not a whole number"},
        {"huge", zipOf({{"project.qde", smallQde() + std::string(4096, ' ')}}),
         "project.qde unpacks to more than 4096 bytes"},
    };
    exchange::QdpxLimits limits;
    limits.qdeBytes = 4096;
    for (const auto& c : cases) {
        INFO(c.name);
        const auto file = dir.file(c.name + ".qdpx");
        writeFile(file, c.bytes);
        const auto project = dir.file(c.name + ".taxo");
        auto imported = exchange::importQdpxFile(project, file, limits);
        REQUIRE_FALSE(imported.ok());
        INFO(imported.message());
        CHECK(imported.message().find(file) != std::string::npos);
        CHECK(imported.message().find(c.expected) != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(project));
        CHECK_FALSE(std::filesystem::exists(project + "-wal"));
    }

    // Found by fuzz_qdpx: a selection nested in a selection (which the reader skips)
    // ended the outer one too, and the outer one's next Coding met no selection.
    auto nested = smallQde();
    nested.replace(nested.find("<Coding "), 0,
                   "<PlainTextSelection guid=\"66666666-6666-4666-8666-666666666666\" "
                   "startPosition=\"0\" endPosition=\"1\"/>\n");
    // And a source nested in the selection, with a selection of its own: skipped, the
    // outer selection keeps its coding (and no vector grows under an open pointer).
    nested.replace(nested.find("<Coding "), 0,
                   "<TextSource guid=\"77777777-7777-4777-8777-777777777777\" name=\"n\" "
                   "plainTextPath=\"internal://a.txt\"><PlainTextSelection "
                   "guid=\"88888888-8888-4888-8888-888888888888\" startPosition=\"0\" "
                   "endPosition=\"1\"/></TextSource>\n");
    const auto nestedFile = dir.file("nested.qdpx");
    writeFile(nestedFile, zipOf({{"project.qde", nested}, {"sources/a.txt", text}}));
    auto read = exchange::importQdpxFile(dir.file("nested.taxo"), nestedFile, limits);
    INFO((read.ok() ? std::string() : read.message()));
    REQUIRE(read.ok());
    CHECK(read->labels == 1);

    // The well-formed small file is read, as a pilot round of the coding's user.
    const auto good = dir.file("good.qdpx");
    writeFile(good, zipOf({{"project.qde", smallQde()}, {"sources/a.txt", text}}));
    auto imported = exchange::importQdpxFile(dir.file("good.taxo"), good, limits);
    INFO((imported.ok() ? std::string() : imported.message()));
    REQUIRE(imported.ok());
    CHECK(imported->items == 1);
    CHECK(imported->labels == 1);
    // A project that exists is never replaced.
    auto again = exchange::importQdpxFile(dir.file("good.taxo"), good, limits);
    REQUIRE_FALSE(again.ok());
    CHECK(again.message().find("already exists") != std::string::npos);
}

TEST_CASE("Qdpx: a hand-written project.qde is read back", "[qdpx]") {
    TempDir dir;
    const auto file = dir.file("small.qdpx");
    writeFile(file, zipOf({{"project.qde", readFile(fixture("qdpx/small.qde"))},
                           {"sources/a.txt", "hello"}}));
    const auto path = dir.file("small.taxo");
    auto imported = exchange::importQdpxFile(path, file);
    INFO((imported.ok() ? std::string() : imported.message()));
    REQUIRE(imported.ok());
    CHECK(imported->items == 1);
    CHECK(imported->rounds == 1);
    CHECK(imported->labels == 1);
    const auto labels = labelsOf(path);
    REQUIRE(labels.size() == 1);
    CHECK(labels[0]["item"] == "so:1");
    CHECK(labels[0]["round"] == "Pilot");
    CHECK(labels[0]["coder"] == "Ann");
    CHECK(labels[0]["note"] == "a note");
    CHECK(labels[0]["categories"] == json::array({json::array({"Root", "Leaf"})}));
}

TEST_CASE("Qdpx: each quote is a selection of its passage, coded by whoever quoted it",
          "[qdpx][quotes]") {
    TempDir dir;
    Study study{Project::create(dir.file("study.taxo"), "study").value(), {}};
    seedFullStudy(study);
    seedQuotes(study);
    // Non-ASCII before the quote in the title, so positions must count code points.
    REQUIRE(
        study.db().exec("UPDATE posts SET title = '" + kNonAscii + " post 4' WHERE id = 4").ok());
    REQUIRE(study.db()
                .exec("UPDATE label_quotes SET start_offset = 15, end_offset = 21 WHERE "
                      "quoted_text = 'post 4';"
                      "UPDATE decision_quotes SET start_offset = 15, end_offset = 21")
                .ok());
    const auto out = dir.file("study.qdpx");
    REQUIRE(exchange::exportQdpxFile(study.project, out).ok());
    auto content = exchange::unzipQdpx(out);
    REQUIRE(content.ok());
    const auto& xml = content->projectXml;
    // The source text of post 4 and the places of its three quotes in it.
    const auto source = exchange::stableGuid(study.project.id(), "item:so:1004");
    const auto& text = content->sources.at(source + ".txt");
    const auto at = [&](const std::string& passage, std::size_t from = 0) {
        const auto byte = text.find(passage, from);
        REQUIRE(byte != std::string::npos);
        return std::to_string(corpus::codePointCount(text.substr(0, byte)));
    };
    const auto selectionAt = [&](const std::string& start, const std::string& end) {
        return xml.find("startPosition=\"" + start + "\" endPosition=\"" + end + "\"");
    };
    CHECK(at("post 4") == "15");
    CHECK(selectionAt("15", "21") != std::string::npos); // Bo's title quote
    const auto body = at("body of 4");
    CHECK(selectionAt(body, std::to_string(std::stoi(body) + 4)) != std::string::npos);
    // Each quote holds a Coding of its category by the quoting user: Bo's quote, kept in
    // the decision, is Bo's in both selections.
    const auto bo = exchange::stableGuid(study.project.id(), "person:Bo");
    std::size_t quotes = 0;
    for (auto found = xml.find("name=\"Quote: "); found != std::string::npos;
         found = xml.find("name=\"Quote: ", found + 1)) {
        ++quotes;
        const auto line = xml.substr(found, xml.find('\n', found) - found);
        if (line.find("post 4") != std::string::npos)
            CHECK(line.find("creatingUser=\"" + bo + "\"") != std::string::npos);
    }
    CHECK(quotes == 4); // three labels' quotes and one kept quote

    // Read back: each quote on its label and the decision's kept one, at the same place
    // in the title, and the body's in the imported body.
    const auto copy = dir.file("copy.taxo");
    auto counts = exchange::importQdpxFile(copy, out);
    INFO((counts.ok() ? std::string() : counts.message()));
    REQUIRE(counts.ok());
    CHECK(counts->quotes == 4);
    CHECK(counts->notes.empty());
    CHECK(quotesOf(copy) == quotesOf(dir.file("study.taxo")));
    auto opened = Project::open(copy, Project::Access::ReadOnly);
    REQUIRE(opened.ok());
    CHECK(*opened->db().queryText("SELECT part || start_offset || '-' || end_offset FROM "
                                  "decision_quotes") == "title15-21");

    checkAgainstSchema(dir, xml);
}

TEST_CASE("Qdpx: another tool's passage becomes a quote; one across parts does not",
          "[qdpx][quotes]") {
    TempDir dir;
    // smallQde's source is "t" with the text "abcde" (a title line is not Taxonomist's).
    const auto within = smallQde("internal://a.txt", "3");
    auto file = dir.file("within.qdpx");
    writeFile(file,
              zipOf({{"project.qde", std::regex_replace(within, std::regex("startPosition=\"0\""),
                                                        "startPosition=\"1\"")},
                     {"sources/a.txt", "abcde"}}));
    auto counts = exchange::importQdpxFile(dir.file("a.taxo"), file);
    INFO((counts.ok() ? std::string() : counts.message()));
    REQUIRE(counts.ok());
    CHECK(counts->quotes == 1);
    auto project = Project::open(dir.file("a.taxo"), Project::Access::ReadOnly);
    REQUIRE(project.ok());
    CHECK(*project->db().queryText("SELECT part || ':' || start_offset || '-' || end_offset || "
                                   "':' || quoted_text FROM label_quotes") == "body:1-3:bc");

    // "t\n\nabcde": 0-5 runs from the title into the body; the post is coded all the same.
    file = dir.file("across.qdpx");
    writeFile(file, zipOf({{"project.qde", smallQde("internal://a.txt", "5")},
                           {"sources/a.txt", "t\n\nabcde"}}));
    counts = exchange::importQdpxFile(dir.file("b.taxo"), file);
    INFO((counts.ok() ? std::string() : counts.message()));
    REQUIRE(counts.ok());
    CHECK(counts->quotes == 0);
    REQUIRE(counts->notes.size() == 1);
    CHECK(
        counts->notes[0].find("line 6: the selection 0-5 of 't' codes the post without a quote") !=
        std::string::npos);
    CHECK(counts->labels == 1);
}
