// Quotes: where a passage selected on screen lies in a post, quotes saved with a label
// and undone with it, flagged when the post's text changes, following their category
// through the codebook's edits, kept by an arbitrator and carried by the final labels.

#include "core/arbitration/decision_quotes.h"
#include "core/corpus/post_parts.h"
#include "core/corpus/post_store.h"
#include "core/labels/labels.h"
#include "core/people/people.h"
#include "core/recoding/recoding.h"
#include "core/results/final_quotes.h"
#include "core/store/schema.h"
#include "study_fixture.h"

#include <catch2/catch.hpp>

namespace cp = taxo::corpus;
namespace lb = taxo::labels;
using taxo::test::dumpTable;

namespace {

constexpr std::int64_t kReliability = 2;
constexpr std::int64_t kAnn = 1;
constexpr std::int64_t kBo = 2;
constexpr std::int64_t kQuoted = 4; // in both sets and in the reliability round

// The study's posts, post 4 with a body, an answer and comments, in more than ASCII.
std::vector<cp::PostEntry> postsWithText() {
    auto posts = taxo::test::studyPosts();
    auto& post = posts[kQuoted - 1];
    post.title = "Déployer un modèle — on Android?";
    post.body = "<p>How can I use that model in <b>android</b> for image classification?</p>"
                "<pre>x = 1\ny = 2</pre><p>The model is “quantized” with café tools.</p>";
    post.answers = {{.sourceId = "9001", .body = "<p>Use the model converter.</p>"}};
    post.comments = {{.sourceId = "77", .text = "Which model? The model matters."},
                     {.sourceId = "78", .text = "Same model here.", .answerSourceId = "9001"}};
    return posts;
}

struct QuoteStudy {
    taxo::test::TempDir dir;
    taxo::test::Study study{taxo::test::makeProject(dir), {}};
    QuoteStudy() {
        taxo::test::seedStudy(study.db(), postsWithText());
        taxo::test::seedCodebook(study);
    }
    taxo::sql::Database& db() { return study.db(); }
    std::vector<cp::PartText> parts() {
        auto post = cp::loadPost(db(), kQuoted);
        REQUIRE(post.ok());
        return cp::postParts(*post);
    }
    lb::Quote quote(std::string_view selection, taxo::codebook::CategoryId category,
                    double position = 0.0) {
        auto located = cp::locatePassage(parts(), selection, position);
        INFO((located.ok() ? std::string("ok") : located.message()));
        REQUIRE(located.ok());
        return lb::quoteOfPassage(*located, category);
    }
};

lb::LabelContent categoriesWithQuotes(std::vector<taxo::codebook::CategoryId> categories,
                                      std::vector<lb::Quote> quotes) {
    lb::LabelContent content;
    content.categories = std::move(categories);
    content.quotes = std::move(quotes);
    return content;
}

void saveOrFail(taxo::sql::Database& db, const lb::LabelKey& key, const lb::LabelContent& content) {
    auto saved = lb::saveLabel(db, key, content);
    INFO((saved.ok() ? std::string("ok") : saved.message()));
    REQUIRE(saved.ok());
}

} // namespace

TEST_CASE("a passage selected on screen is found in its part, offsets in code points", "[quotes]") {
    QuoteStudy f;
    const auto parts = f.parts();
    REQUIRE(parts.size() == 5); // title, body, comment 77, answer 9001, comment 78
    CHECK(parts[2].partSourceId == "77");
    CHECK(parts[3].part == cp::PostPart::Answer);
    CHECK(parts[4].partSourceId == "78");

    // The viewer's selection: a paragraph separator where the plain text has a space.
    auto located = cp::locatePassage(parts, "y = 2\u2029The model is \u201cquantized\u201d", 0.5);
    REQUIRE(located.ok());
    CHECK(located->part == cp::PostPart::Body);
    CHECK(located->text == "y = 2 The model is \u201cquantized\u201d");
    const std::string body = parts[1].text;
    const auto byte = body.find("y = 2");
    CHECK(located->start == cp::codePointCount(body.substr(0, byte)));
    CHECK(located->end - located->start == 30); // 34 bytes: each curly quote is one character
    CHECK(cp::codePointSlice(body, located->start, located->end) == located->text);

    // Non-ASCII before the passage: offsets count characters, not bytes.
    auto title = cp::locatePassage(parts, "on Android", 0.0);
    REQUIRE(title.ok());
    CHECK(title->part == cp::PostPart::Title);
    CHECK(title->start == 21); // "Déployer un modèle — " is 21 characters in 25 bytes
    CHECK(title->text == "on Android");
}

TEST_CASE("a passage found more than once is the one nearest the selection", "[quotes]") {
    QuoteStudy f;
    const auto parts = f.parts();
    auto early = cp::locatePassage(parts, "model", 0.0);
    auto late = cp::locatePassage(parts, "model", 1.0);
    REQUIRE(early.ok());
    REQUIRE(late.ok());
    CHECK(early->part == cp::PostPart::Body); // the title has "modèle", not "model"
    CHECK(late->part == cp::PostPart::Comment);
    CHECK(late->partSourceId == "78");
}

TEST_CASE("a selection across parts, outside them or blank is refused", "[quotes]") {
    QuoteStudy f;
    const auto parts = f.parts();
    auto across = cp::locatePassage(parts, "with café tools. Which model?", 0.5);
    REQUIRE_FALSE(across.ok());
    CHECK(across.message().find("not inside one part") != std::string::npos);
    CHECK_FALSE(cp::locatePassage(parts, "Asked 2019-01-01", 0.1).ok());
    auto blank = cp::locatePassage(parts, " \u2029 ", 0.1);
    REQUIRE_FALSE(blank.ok());
    CHECK(blank.message().find("select a passage") != std::string::npos);
}

TEST_CASE("a label's quotes are saved, loaded in order and undone with it", "[quotes]") {
    QuoteStudy f;
    auto& db = f.db();
    const lb::LabelKey key{kReliability, kQuoted, kAnn};
    const auto format = f.study.id("Format");
    const auto input = f.study.id("Input");
    const auto first = f.quote("image classification", input);
    const auto second = f.quote("Use the model converter", format, 0.8);
    CHECK(second.part == cp::PostPart::Answer);
    CHECK(second.partSourceId == "9001");

    auto saved = lb::changeLabel(db, key, categoriesWithQuotes({format, input}, {first, second}));
    REQUIRE(saved.ok());
    auto loaded = lb::loadLabel(db, key);
    REQUIRE(loaded.ok());
    REQUIRE(*loaded);
    CHECK((*loaded)->content.quotes == std::vector<lb::Quote>{first, second});

    // Removing one quote is a label change like any other, undone exactly.
    auto removed = lb::changeLabel(db, key, categoriesWithQuotes({format, input}, {second}));
    REQUIRE(removed.ok());
    CHECK(lb::loadLabel(db, key)->value().content.quotes == std::vector<lb::Quote>{second});
    REQUIRE(lb::undoSave(db, *removed).ok());
    CHECK(lb::loadLabel(db, key)->value().content.quotes == std::vector<lb::Quote>{first, second});
    REQUIRE(lb::undoSave(db, *saved).ok());
    CHECK_FALSE(lb::loadLabel(db, key)->has_value());
    CHECK(dumpTable(db, "label_quotes").empty());
    REQUIRE(lb::redoSave(db, *saved).ok());
    CHECK(lb::loadLabel(db, key)->value().content.quotes == std::vector<lb::Quote>{first, second});
}

TEST_CASE("a quote on a category the label lacks, or malformed, is refused", "[quotes]") {
    QuoteStudy f;
    auto& db = f.db();
    const lb::LabelKey key{kReliability, kQuoted, kAnn};
    const auto format = f.study.id("Format");
    const auto input = f.study.id("Input");
    const auto before = dumpTable(db, "labels");

    auto stray =
        lb::saveLabel(db, key, categoriesWithQuotes({format}, {f.quote("android", input)}));
    REQUIRE_FALSE(stray.ok());
    CHECK(stray.message().find("not one of the label's categories") != std::string::npos);

    auto special = lb::LabelContent{};
    special.special = lb::Special::Unclear;
    special.quotes = {f.quote("android", input)};
    CHECK_FALSE(lb::saveLabel(db, key, special).ok());

    auto forged = f.quote("android", format);
    forged.end += 3; // the text is no longer end - start characters long
    auto wrongLength = lb::saveLabel(db, key, categoriesWithQuotes({format}, {forged}));
    REQUIRE_FALSE(wrongLength.ok());
    CHECK(wrongLength.message().find("characters long") != std::string::npos);

    auto noId = f.quote("converter", format, 0.8);
    noId.partSourceId.clear();
    CHECK_FALSE(lb::saveLabel(db, key, categoriesWithQuotes({format}, {noId})).ok());

    auto control = f.quote("android", format);
    control.text = "andr\x1bid";
    auto escape = lb::saveLabel(db, key, categoriesWithQuotes({format}, {control}));
    REQUIRE_FALSE(escape.ok());
    CHECK(escape.message().find("ESC") != std::string::npos);

    CHECK(dumpTable(db, "labels") == before);
    CHECK(dumpTable(db, "label_quotes").empty());
}

TEST_CASE("a quote keeps its text and is flagged when the post's text changes", "[quotes]") {
    QuoteStudy f;
    auto& db = f.db();
    const auto format = f.study.id("Format");
    const auto body = f.quote("image classification", format);
    const auto answer = f.quote("model converter", format, 0.8);
    saveOrFail(db, {kReliability, kQuoted, kAnn}, categoriesWithQuotes({format}, {body, answer}));
    CHECK(*lb::quoteState(db, kQuoted, body) == lb::QuoteState::Intact);
    CHECK(*lb::quoteState(db, kQuoted, answer) == lb::QuoteState::Intact);

    // A later import edits the body and no longer has the answer.
    REQUIRE(taxo::sql::runBound(db, "UPDATE posts SET body = ? WHERE id = ?",
                                "<p>How can I use this model for image recognition?</p>", kQuoted)
                .ok());
    REQUIRE(taxo::sql::runBound(db, "DELETE FROM answers WHERE post_id = ?", kQuoted).ok());
    CHECK(*lb::quoteState(db, kQuoted, body) == lb::QuoteState::TextChanged);
    CHECK(*lb::quoteState(db, kQuoted, answer) == lb::QuoteState::PartMissing);
    CHECK(lb::describeQuoteState(lb::QuoteState::TextChanged, body) ==
          "the text of the body changed since it was quoted");
    // Nothing moved: the label still holds the quotes as they were made.
    CHECK(lb::loadLabel(db, {kReliability, kQuoted, kAnn})->value().content.quotes ==
          std::vector<lb::Quote>{body, answer});
}

TEST_CASE("quotes follow their category through a merge, and back on undo", "[quotes]") {
    QuoteStudy f;
    auto& db = f.db();
    const auto procedure = f.study.id("Procedure");
    const auto quantization = f.study.id("Model quantization");
    const auto quote = f.quote("quantized", quantization);
    saveOrFail(db, {kReliability, kQuoted, kAnn}, categoriesWithQuotes({quantization}, {quote}));
    const auto before = dumpTable(db, "label_quotes");

    auto merged = taxo::recoding::mergeCategory(db, quantization, procedure);
    REQUIRE(merged.ok());
    auto label = lb::loadLabel(db, {kReliability, kQuoted, kAnn});
    REQUIRE(label->has_value());
    REQUIRE((*label)->content.quotes.size() == 1);
    CHECK((*label)->content.quotes[0].category == procedure);
    CHECK(lb::validateLabel(db, {kReliability, kQuoted, kAnn}, (*label)->content).ok());

    REQUIRE(taxo::recoding::unmergeCategory(db, *merged).ok());
    CHECK(dumpTable(db, "label_quotes") == before);
}

TEST_CASE("an arbitrator keeps coders' quotes; the final labels carry them", "[quotes]") {
    QuoteStudy f;
    auto& db = f.db();
    taxo::test::StudyBuilder(db).role("Cy", taxo::people::Role::Arbitrator, "Server/Cloud");
    taxo::test::StudyBuilder(db).role("Cy", taxo::people::Role::Arbitrator, "Mobile");
    const auto format = f.study.id("Format");
    const auto input = f.study.id("Input");
    const auto ann = f.quote("image classification", format);
    const auto bo = f.quote("android", input);
    saveOrFail(db, {kReliability, kQuoted, kAnn}, categoriesWithQuotes({format}, {ann}));
    saveOrFail(db, {kReliability, kQuoted, kBo}, categoriesWithQuotes({input}, {bo}));

    auto offered = taxo::arbitration::quotesOffered(db, kQuoted);
    REQUIRE(offered.ok());
    CHECK(*offered == std::vector<lb::KeptQuote>{{ann, kAnn}, {bo, kBo}});

    // A passage nobody quoted, or Bo's passage credited to Ann, is refused.
    taxo::arbitration::DecisionContent forged{{format, input}, std::nullopt, "both"};
    forged.quotes = {{f.quote("café tools", format), kAnn}};
    auto refused = taxo::arbitration::decide(db, kQuoted, 3, forged);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.message().find("not a passage its coder quoted") != std::string::npos);
    forged.quotes = {{bo, kAnn}};
    CHECK_FALSE(taxo::arbitration::decide(db, kQuoted, 3, forged).ok());
    CHECK(dumpTable(db, "decisions").empty());

    // Keeping Bo's quote for another category of the decision is the arbitrator's call.
    auto moved = bo;
    moved.category = format;
    taxo::arbitration::DecisionContent content{{format, input}, std::nullopt, "both"};
    content.quotes = {{ann, kAnn}, {moved, kBo}};
    auto decided = taxo::arbitration::decide(db, kQuoted, 3, content);
    INFO((decided.ok() ? std::string("ok") : decided.message()));
    REQUIRE(decided.ok());
    CHECK(taxo::arbitration::loadDecision(db, kQuoted)->value().content.quotes == content.quotes);

    auto finals = taxo::results::finalLabels(db);
    REQUIRE(finals.ok());
    auto quotes = taxo::results::finalQuotes(db, *finals);
    REQUIRE(quotes.ok());
    REQUIRE(quotes->size() == 2);
    CHECK((*quotes)[0].quote == moved); // "android" comes before "image classification"
    CHECK((*quotes)[0].quotedBy == std::vector<std::string>{"Bo"});
    CHECK((*quotes)[1].quote == ann);
    CHECK((*quotes)[1].quotedBy == std::vector<std::string>{"Ann"});

    REQUIRE(taxo::arbitration::undoDecision(db, *decided).ok());
    CHECK(dumpTable(db, "decision_quotes").empty());
}

TEST_CASE("coders who agree and quote the same passage give one final quote naming both",
          "[quotes]") {
    QuoteStudy f;
    auto& db = f.db();
    const auto format = f.study.id("Format");
    const auto shared = f.quote("image classification", format);
    const auto annOnly = f.quote("How can I use", format);
    saveOrFail(db, {kReliability, kQuoted, kBo}, categoriesWithQuotes({format}, {shared}));
    saveOrFail(db, {kReliability, kQuoted, kAnn},
               categoriesWithQuotes({format}, {shared, annOnly}));
    auto finals = taxo::results::finalLabels(db);
    REQUIRE(finals.ok());
    auto quotes = taxo::results::finalQuotes(db, *finals);
    REQUIRE(quotes.ok());
    REQUIRE(quotes->size() == 2);
    CHECK((*quotes)[0].quote == annOnly);
    CHECK((*quotes)[0].quotedBy == std::vector<std::string>{"Ann"});
    CHECK((*quotes)[1].quote == shared);
    CHECK((*quotes)[1].quotedBy == std::vector<std::string>{"Ann", "Bo"});
    CHECK((*quotes)[1].state == lb::QuoteState::Intact);
}

TEST_CASE("a version-6 project is migrated with its rounds, labels and no quotes",
          "[quotes][schema]") {
    taxo::test::TempDir dir;
    const auto path = dir.file("v6.taxo");
    {
        auto db = taxo::sql::Database::open(path, taxo::sql::Database::Mode::Create);
        REQUIRE(db.ok());
        REQUIRE(taxo::schema::createVersionZero(*db));
        REQUIRE(db->exec("INSERT INTO meta VALUES ('project_id', "
                         "'6f1c0c9e-0000-4000-8000-000000000006'), ('title', 'Old'), "
                         "('created', '2020-01-01')"));
        REQUIRE(taxo::schema::migrate(*db, 0, 6));
        REQUIRE(db->exec("INSERT INTO posts(source, source_id) VALUES ('so', '1');"
                         "INSERT INTO people(name, created) VALUES ('Ann', 't');"
                         "INSERT INTO rounds(name, kind, state, created) "
                         "VALUES ('r', 'reliability', 'open', 't');"
                         "INSERT INTO round_coders VALUES (1, 1);"
                         "INSERT INTO round_items VALUES (1, 1, 0);"
                         "INSERT INTO labels(round_id, post_id, coder_id, special, updated) "
                         "VALUES (1, 1, 1, 'unclear', 't')"));
        CHECK_FALSE(db->exec("INSERT INTO rounds(name, kind, state, created) "
                             "VALUES ('c', 'calibration', 'open', 't')"));
        CHECK(*db->queryInt("SELECT count(*) FROM sqlite_master WHERE name LIKE '%quotes%'") == 0);
    }
    auto project = taxo::Project::open(path);
    INFO((project.ok() ? "" : project.message()));
    REQUIRE(project.ok());
    CHECK(*project->db().queryInt("PRAGMA user_version") == taxo::schema::kCurrentVersion);
    CHECK(project->migrationBackup() == path + ".schema-v6.bak");
    CHECK(*project->db().queryInt("SELECT count(*) FROM labels") == 1);
    CHECK(*project->db().queryInt("SELECT count(*) FROM label_quotes") == 0);
    CHECK(*project->db().queryInt("SELECT count(*) FROM decision_quotes") == 0);
    // The rounds table was rebuilt to take calibration rounds; nothing that points at a
    // round was lost with the old table, and foreign keys are enforced again.
    auto& db = project->db();
    CHECK(*db.queryInt("SELECT count(*) FROM round_items") == 1);
    CHECK(*db.queryInt("SELECT count(*) FROM round_coders") == 1);
    CHECK(*db.queryInt("PRAGMA foreign_keys") == 1);
    CHECK(db.exec("INSERT INTO rounds(name, kind, state, created) "
                  "VALUES ('c', 'calibration', 'open', 't')"));
    CHECK_FALSE(db.exec("INSERT INTO round_items VALUES (99, 1, 0)"));
    CHECK(taxo::schema::checkSchemaIsOurs(db));
}
