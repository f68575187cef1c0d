#include "cli/command.h"
#include "core/exchange/exchange.h"
#include "core/util/safe_json.h"
#include "exchange_fixture.h"

#include <sstream>

using namespace taxo;
using namespace taxo::test;
using json = nlohmann::json;

namespace {

json smallExample() {
    return json::parse(
        readFile(std::string(TAXONOMIST_SOURCE_DIR) + "/docs/examples/exchange-small.json"));
}

Project emptyProject(const TempDir& dir, const std::string& name) {
    auto project = Project::create(dir.file(name), "empty");
    REQUIRE(project.ok());
    return std::move(*project);
}

// Imports a bad document into an empty project and checks that the refusal names the
// pointer and leaves every table as it was.
void requireRefused(const json& document, const std::string& pointer, const std::string& reason) {
    TempDir dir;
    auto project = emptyProject(dir, "p.taxo");
    const auto before = dumpAll(project.db());
    auto imported = exchange::importDocument(project, document, "doc.json");
    REQUIRE_FALSE(imported.ok());
    INFO(imported.message());
    CHECK(imported.message().find("at " + pointer + ":") != std::string::npos);
    CHECK(imported.message().find(reason) != std::string::npos);
    CHECK(dumpAll(project.db()) == before);
}

struct Outcome {
    int code;
    std::string out;
    std::string err;
};

Outcome runTaxo(const std::vector<std::string>& words) {
    std::ostringstream out, err;
    cli::Io io{out, err, false};
    const int code = cli::run(words, io);
    return {code, out.str(), err.str()};
}

} // namespace

TEST_CASE("Exchange: export, import, export gives the same document", "[exchange]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedFullStudy(study);
    auto first = exchange::exportDocument(study.project);
    REQUIRE(first.ok());
    // The fixture really has every kind of record in the document.
    for (const char* list :
         {"items", "taxonomy", "sets", "samples", "people", "rounds", "labels", "decisions"})
        CHECK_FALSE((*first)[list].empty());
    CHECK((*first)["items"][0]["answers"].size() == 2);
    CHECK((*first)["items"][0]["comments"][1]["answer"] == "2001");
    CHECK((*first)["labels"][0]["categories"] ==
          json::array({json::array({"Server/Cloud", "Model Export", "Procedure"}),
                       json::array({"Server/Cloud", "Request", "Format"})}));

    auto copy = emptyProject(dir, "copy.taxo");
    auto counts = exchange::importDocument(copy, *first, "first.json");
    REQUIRE(counts.ok());
    CHECK(counts->items == 7);
    CHECK(counts->labels == 6);
    CHECK(counts->decisions == 1);
    auto second = exchange::exportDocument(copy);
    REQUIRE(second.ok());
    INFO(json::diff(*first, *second).dump());
    CHECK(*first == *second);
    // The copy carries the document's id and title, not its own.
    CHECK((*second)["project"]["id"] == study.project.id());
    CHECK((*second)["project"]["title"] == "study");
}

TEST_CASE("Exchange: the documented example loads", "[exchange]") {
    TempDir dir;
    auto project = emptyProject(dir, "p.taxo");
    auto counts = exchange::importDocument(project, smallExample(), "exchange-small.json");
    INFO((counts.ok() ? std::string() : counts.message()));
    REQUIRE(counts.ok());
    CHECK(counts->items == 2);
    CHECK(counts->categories == 7);
    CHECK(counts->labels == 3);
    CHECK(counts->decisions == 1);
    auto& db = project.db();
    // A "/" inside a name is part of the name, not a path separator.
    CHECK(*db.queryInt("SELECT count(*) FROM categories WHERE name = 'Server/Cloud' AND "
                       "parent_id IS NULL") == 1);
    CHECK(*db.queryText("SELECT c.name FROM label_categories lc JOIN categories c ON "
                        "c.id = lc.category_id JOIN labels l ON l.id = lc.label_id "
                        "WHERE l.coder_id IS NULL") == "Format");
    // By id string: "c7" is Mobile > Performance.
    CHECK(*db.queryText("SELECT c.uid FROM label_categories lc JOIN categories c ON "
                        "c.id = lc.category_id JOIN labels l ON l.id = lc.label_id "
                        "JOIN people p ON p.id = l.coder_id WHERE p.name = 'Ann'") == "c7");
    CHECK(*db.queryText("SELECT value FROM meta WHERE key = 'project_id'") ==
          "6f1c0c9e-5d1e-4c1a-9f7e-000000000001");
    CHECK(*db.queryInt("SELECT count(*) FROM comments WHERE answer_id IS NOT NULL") == 1);
    CHECK(*db.queryInt("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'jpeg'") == 1);
    CHECK(*db.queryInt("SELECT count(*) FROM person_roles WHERE role = 'arbitrator' AND "
                       "root_category_id IS NOT NULL") == 2);
}

TEST_CASE("Exchange: a reliability round of three coders goes in and out whole",
          "[exchange][ncoders]") {
    auto doc = smallExample();
    doc["people"].push_back({{"name", "Dee"}, {"roles", json::array({"coder"})}});
    doc["rounds"][1]["coders"].push_back("Dee");
    auto third = doc["labels"][1];
    third["coder"] = "Dee";
    third["note"] = "third coder";
    doc["labels"].push_back(third);
    TempDir dir;
    auto project = emptyProject(dir, "p.taxo");
    auto counts = exchange::importDocument(project, doc, "three.json");
    INFO((counts.ok() ? std::string() : counts.message()));
    REQUIRE(counts.ok());
    CHECK(counts->labels == 4);
    CHECK(*project.db().queryInt("SELECT count(*) FROM round_coders c JOIN rounds r ON r.id = "
                                 "c.round_id WHERE r.name = 'reliability'") == 3);
    auto out = exchange::exportDocument(project);
    REQUIRE(out.ok());
    json coders;
    for (const auto& round : (*out)["rounds"])
        if (round["name"] == "reliability")
            coders = round["coders"];
    CHECK(coders == json::array({"Ann", "Bo", "Dee"}));
}

TEST_CASE("Exchange: bad documents are refused with the pointer of the fault", "[exchange]") {
    SECTION("wrong format") {
        auto doc = smallExample();
        doc["format"] = "other";
        requireRefused(doc, "/format", "taxonomist");
    }
    SECTION("wrong version") {
        auto doc = smallExample();
        doc["version"] = 3;
        requireRefused(doc, "/version", "versions 1 and 2");
    }
    SECTION("unknown category path") {
        auto doc = smallExample();
        doc["labels"][1]["categories"] = json::array({json::array({"Mobile", "Battery"})});
        requireRefused(doc, "/labels/1/categories/0", "unknown category path Mobile > Battery");
    }
    SECTION("unknown category id") {
        auto doc = smallExample();
        doc["decisions"][0]["categories"] = json::array({"c99"});
        requireRefused(doc, "/decisions/0/categories/0", "unknown category id");
    }
    SECTION("a label both special and categorized") {
        auto doc = smallExample();
        doc["labels"][1]["special"] = "unclear";
        requireRefused(doc, "/labels/1/categories", "not both");
    }
    SECTION("a duplicate item") {
        auto doc = smallExample();
        doc["items"][1]["id"] = "so:54734446";
        requireRefused(doc, "/items/1/id", "duplicate item");
    }
    SECTION("an unknown item in a round") {
        auto doc = smallExample();
        doc["rounds"][0]["items"].push_back("so:1");
        requireRefused(doc, "/rounds/0/items/1", "unknown item");
    }
    SECTION("a label by someone who is not a coder of the round") {
        auto doc = smallExample();
        doc["labels"][1]["coder"] = "Cy";
        requireRefused(doc, "/labels/1/coder", "not a coder");
    }
    SECTION("a reliability round with one coder") {
        // Agreement and arbitration compare two or more coders; a lone coder's labels
        // would count in the results and never in the conflicts.
        auto doc = smallExample();
        doc["rounds"][1]["coders"] = json::array({"Ann"});
        requireRefused(doc, "/rounds/1/coders", "two or more coders, not one");
    }
    SECTION("a wrong type deep inside") {
        auto doc = smallExample();
        doc["items"][0]["answers"][0]["score"] = "two";
        requireRefused(doc, "/items/0/answers/0/score", "whole number");
    }
    SECTION("a fault late in the document, after many inserts") {
        auto doc = smallExample();
        doc["decisions"][0]["arbitrator"] = "Dee";
        requireRefused(doc, "/decisions/0/arbitrator", "unknown person");
    }
}

TEST_CASE("Exchange: a project that is not empty is refused", "[exchange]") {
    TempDir dir;
    auto project = emptyProject(dir, "p.taxo");
    REQUIRE(exchange::importDocument(project, smallExample(), "a.json").ok());
    const auto before = dumpAll(project.db());
    auto again = exchange::importDocument(project, smallExample(), "a.json");
    REQUIRE_FALSE(again.ok());
    CHECK(again.message().find("not empty") != std::string::npos);
    CHECK(dumpAll(project.db()) == before);
}

TEST_CASE("Exchange: hostile nesting and huge strings are refused before a DOM", "[exchange]") {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    auto nested = exchange::parseBounded(deep, "deep.json");
    REQUIRE_FALSE(nested.ok());
    CHECK(nested.message().find("nested deeper than 64") != std::string::npos);
    CHECK(nested.message().find("at /0/0/0") != std::string::npos);

    // 100 MB of text in one string, under a key: refused and named.
    std::string huge = R"({"items": [{"body": ")";
    huge.append(100u << 20, 'x');
    huge += R"("}]})";
    auto big = exchange::parseBounded(huge, "big.json");
    REQUIRE_FALSE(big.ok());
    CHECK(big.message().find("at /items/0/body") != std::string::npos);
    CHECK(big.message().find("more than the limit") != std::string::npos);

    auto truncated = exchange::parseBounded(R"({"format": "taxonomist", "items": [)", "t.json");
    REQUIRE_FALSE(truncated.ok());
    CHECK(truncated.message().find("not valid JSON") != std::string::npos);

    // Within the limits, a document parses as usual.
    auto fine = exchange::parseBounded(R"({"a/b": [1, {"c": "d"}]})", "ok.json");
    REQUIRE(fine.ok());
    CHECK((*fine)["a/b"][1]["c"] == "d");
}

TEST_CASE("taxo export --format exchange and taxo import of the .json", "[exchange][cli]") {
    TempDir dir;
    const auto example = std::string(TAXONOMIST_SOURCE_DIR) + "/docs/examples/exchange-small.json";
    REQUIRE(runTaxo({"init", dir.file("a.taxo")}).code == 0);
    auto imported = runTaxo({"import", dir.file("a.taxo"), example, "--json"});
    INFO(imported.err);
    REQUIRE(imported.code == 0);
    CHECK(json::parse(imported.out)["counts"]["labels"] == 3);

    auto exported = runTaxo(
        {"export", dir.file("a.taxo"), "--format", "exchange", "--out", dir.file("a.json")});
    INFO(exported.err);
    REQUIRE(exported.code == 0);
    const auto document = json::parse(readFile(dir.file("a.json")));
    CHECK(document["project"]["id"] == "6f1c0c9e-5d1e-4c1a-9f7e-000000000001");
    CHECK(document["labels"].size() == 3);

    // Into a project that already holds posts: exit 1 with the reason.
    auto again = runTaxo({"import", dir.file("a.taxo"), dir.file("a.json")});
    CHECK(again.code == 1);
    CHECK(again.err.rfind("taxo: error:", 0) == 0);
    CHECK(again.err.find("not empty") != std::string::npos);

    CHECK(
        runTaxo({"export", dir.file("a.taxo"), "--format", "nope", "--out", dir.file("b")}).code ==
        2);
    CHECK(runTaxo({"import", dir.file("a.taxo"), dir.file("a.json"), "--tags", "x"}).code == 2);
}

TEST_CASE("Exchange: a set's clause counts go out and come back", "[exchange][methods]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedFullStudy(study);
    REQUIRE(study.project.db()
                .exec("INSERT INTO set_clause_counts(set_id, position, matched, cumulative) "
                      "SELECT id, 0, 3, 3 FROM sets ORDER BY id LIMIT 1;"
                      "INSERT INTO set_clause_counts(set_id, position, matched, cumulative) "
                      "SELECT id, 1, 2, 4 FROM sets ORDER BY id LIMIT 1")
                .ok());
    auto first = exchange::exportDocument(study.project);
    REQUIRE(first.ok());
    CHECK((*first)["sets"][0]["clause_counts"] ==
          json::parse(R"([{"matched": 3, "cumulative": 3}, {"matched": 2, "cumulative": 4}])"));
    // A set without counts has no key, not an empty list.
    REQUIRE((*first)["sets"].size() > 1);
    CHECK_FALSE((*first)["sets"][1].contains("clause_counts"));

    auto copy = emptyProject(dir, "copy.taxo");
    REQUIRE(exchange::importDocument(copy, *first, "first.json").ok());
    auto second = exchange::exportDocument(copy);
    REQUIRE(second.ok());
    CHECK(*first == *second);

    auto bad = *first;
    bad["sets"][0]["clause_counts"][1]["matched"] = "two";
    requireRefused(bad, "/sets/0/clause_counts/1/matched", "whole number");
    bad["sets"][0]["clause_counts"][1] = json::parse(R"({"matched": -1, "cumulative": 4})");
    requireRefused(bad, "/sets/0/clause_counts/1", "whole numbers");
}

TEST_CASE("Exchange: quotes of labels and decisions go out and come back exactly",
          "[exchange][quotes]") {
    TempDir dir;
    Study study{makeProject(dir), {}};
    seedFullStudy(study);
    seedQuotes(study);
    auto first = exchange::exportDocument(study.project);
    REQUIRE(first.ok());
    CHECK((*first)["version"] == 2);
    // Labels in the order round, item, coder: Ann's on post 4 is the third.
    CHECK((*first)["labels"][2]["quotes"] ==
          json::parse(R"([{"category": ["Mobile", "Data", "Input"], "part": "body",
                           "part_id": "", "start": 0, "end": 4, "text": "body"}])"));
    CHECK((*first)["labels"][0]["quotes"] == json::array());
    CHECK((*first)["decisions"][0]["quotes"] ==
          json::parse(R"([{"category": ["Mobile", "Data", "Input"], "part": "title",
                           "part_id": "", "start": 0, "end": 6, "text": "post 4",
                           "quoted_by": "Bo"}])"));

    auto copy = emptyProject(dir, "copy.taxo");
    auto counts = exchange::importDocument(copy, *first, "first.json");
    INFO((counts.ok() ? std::string() : counts.message()));
    REQUIRE(counts.ok());
    auto second = exchange::exportDocument(copy);
    REQUIRE(second.ok());
    INFO(json::diff(*first, *second).dump());
    CHECK(*first == *second);
    CHECK(dumpTable(copy.db(), "label_quotes") == dumpTable(study.db(), "label_quotes"));
    CHECK(dumpTable(copy.db(), "decision_quotes") == dumpTable(study.db(), "decision_quotes"));
}

TEST_CASE("Exchange: the documented example's quotes load, and a version 1 document still does",
          "[exchange][quotes]") {
    TempDir dir;
    SECTION("version 2 with quotes") {
        auto project = emptyProject(dir, "p.taxo");
        auto counts = exchange::importDocument(project, smallExample(), "exchange-small.json");
        INFO((counts.ok() ? std::string() : counts.message()));
        REQUIRE(counts.ok());
        CHECK(dumpTable(project.db(), "label_quotes").size() == 2);
        CHECK(*project.db().queryText(
                  "SELECT q.quoted_text || '|' || p.name FROM decision_quotes q JOIN people p "
                  "ON p.id = q.quoted_by") == "slower on Android|Ann");
        CHECK(*project.db().queryText("SELECT quoted_text FROM label_quotes WHERE part = "
                                      "'body'") == "raw JPEG bytes");
    }
    SECTION("version 1, kept as written before quotes") {
        const auto v1 = json::parse(
            readFile(std::string(TAXONOMIST_SOURCE_DIR) + "/tests/data/exchange/exchange-v1.json"));
        REQUIRE(v1["version"] == 1);
        auto project = emptyProject(dir, "p.taxo");
        auto counts = exchange::importDocument(project, v1, "exchange-v1.json");
        INFO((counts.ok() ? std::string() : counts.message()));
        REQUIRE(counts.ok());
        CHECK(counts->labels == 3);
        CHECK(counts->decisions == 1);
        CHECK(dumpTable(project.db(), "label_quotes").empty());
        CHECK(dumpTable(project.db(), "decision_quotes").empty());
    }
}

TEST_CASE("Exchange: a bad quote is refused with the pointer of the fault",
          "[exchange][quotes][hostile]") {
    auto doc = smallExample();
    auto& quote = doc["labels"][1]["quotes"][0];
    SECTION("quotes in a version 1 document") {
        doc["version"] = 1;
        requireRefused(doc, "/labels/0/quotes", "version 2");
    }
    SECTION("a category that is not the label's") {
        quote["category"] = "c3";
        requireRefused(doc, "/labels/1/quotes/0/category", "not one of the categories");
    }
    SECTION("an unknown category") {
        quote["category"] = json::array({"Mobile", "Battery"});
        requireRefused(doc, "/labels/1/quotes/0/category", "unknown category path");
    }
    SECTION("a part the item does not have") {
        quote["part"] = "answer";
        quote["part_id"] = "1";
        requireRefused(doc, "/labels/1/quotes/0/part", "no such part");
    }
    SECTION("an unknown part") {
        quote["part"] = "footer";
        requireRefused(doc, "/labels/1/quotes/0/part", "expected title, body");
    }
    SECTION("text that is not as long as its offsets") {
        quote["end"] = 30;
        requireRefused(doc, "/labels/1/quotes/0", "");
    }
    SECTION("offsets that are not whole numbers") {
        quote["start"] = "19";
        requireRefused(doc, "/labels/1/quotes/0/start", "whole number");
    }
    SECTION("quotes that are not a list") {
        doc["labels"][1]["quotes"] = "slower";
        requireRefused(doc, "/labels/1/quotes", "expected an array");
    }
    SECTION("a kept quote no coder made") {
        auto& kept = doc["decisions"][0]["quotes"][0];
        kept["start"] = 20;
        kept["text"] = "lower on Android";
        requireRefused(doc, "/decisions/0/quotes", "");
    }
    SECTION("a kept quote of an unknown person") {
        doc["decisions"][0]["quotes"][0]["quoted_by"] = "Dee";
        requireRefused(doc, "/decisions/0/quotes/0/quoted_by", "unknown person");
    }
}
