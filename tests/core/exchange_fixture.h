#pragma once
// Shared by the exchange and package tests: a study with every kind of record, and a
// dump of every table to show that a refusal left a project exactly as it was.

#include "core/arbitration/decision_quotes.h"
#include "core/labels/quotes.h"
#include "core/packages/packages.h"
#include "study_fixture.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace taxo::test {

inline const std::vector<std::string>& everyTable() {
    static const std::vector<std::string> tables = {"meta",
                                                    "posts",
                                                    "post_tags",
                                                    "answers",
                                                    "comments",
                                                    "posts_fts",
                                                    "imports",
                                                    "sets",
                                                    "set_members",
                                                    "samples",
                                                    "sample_members",
                                                    "people",
                                                    "person_roles",
                                                    "categories",
                                                    "category_examples",
                                                    "rounds",
                                                    "round_coders",
                                                    "round_items",
                                                    "labels",
                                                    "label_categories",
                                                    "decisions",
                                                    "decision_categories",
                                                    "label_quotes",
                                                    "decision_quotes",
                                                    "change_log",
                                                    "package_issues",
                                                    "package_imports"};
    return tables;
}

inline std::map<std::string, std::vector<std::string>> dumpAll(sql::Database& db) {
    std::map<std::string, std::vector<std::string>> dump;
    for (const auto& table : everyTable())
        dump[table] = dumpTable(db, table);
    return dump;
}

// seedStudy and seedCodebook, plus bodies, dates and scores, tags, answers, comments
// (one on an answer), a sample behind the reliability round, roles with an
// arbitrator's root, a category example, consensus, coder and special labels, and a
// decision.
inline void seedFullStudy(Study& study) {
    StudyBuilder build(study.db());
    auto posts = studyPosts();
    for (std::size_t i = 0; i < posts.size(); ++i) {
        posts[i].body = "<p>body of " + std::to_string(i + 1) + "</p>";
        posts[i].created = "2019-02-17";
        posts[i].score = static_cast<std::int64_t>(i + 1);
    }
    posts[0].tags = {"tensorflow", "serving"};
    posts[3].tags = {"tflite"};
    posts[0].acceptedAnswerSourceId = "2001";
    posts[0].answers = {{.sourceId = "2001",
                         .body = "<p>answer</p>",
                         .created = "2019-01-01",
                         .score = 3,
                         .accepted = true},
                        {.sourceId = "2002", .body = "b"}};
    posts[0].comments = {
        {.sourceId = "3001", .text = "on the question", .created = "2019-01-02", .author = "Zed"},
        {.sourceId = "3002", .text = "on the answer", .answerSourceId = "2001"}};
    seedPostsAndSets(build, posts);

    sampling::NewSample sample;
    sample.setId = 2;
    sample.seed = "42";
    sample.method = sampling::SizeMethod::Auto;
    sample.pilotFraction = 0.3;
    sample.created = "t";
    sample.population = 3;
    sample.sizeInput = sampling::SampleSizeInput{3, 0.95, 0.05, 0.5, sampling::Rounding::Ceil};
    sample.posts = {5, 4, 6};
    REQUIRE(build.sample(sample) == 1);
    seedPeople(build);
    seedRounds(build, 1);
    // Before the codebook, so the arbitrator's roots are known by name only.
    build.role("Ann", people::Role::Coder)
        .role("Bo", people::Role::Coder)
        .role("Ann", people::Role::Lead)
        .role("Cy", people::Role::Arbitrator, "Server/Cloud")
        .role("Cy", people::Role::Arbitrator, "Mobile");
    seedCodebook(study);
    build.example(study.id("Procedure"), 2);

    using labels::Special;
    struct Seeded {
        labels::LabelKey key;
        labels::LabelContent content;
    };
    const std::vector<Seeded> seeded = {
        {{1, 1, std::nullopt},
         {{study.id("Procedure"), study.id("Format")}, {}, {}, {}, "export then serve"}},
        {{1, 2, std::nullopt}, {{}, Special::FalsePositive, {}, {}, {}}},
        {{2, 4, 1}, {{study.id("Input"), study.id("Model quantization")}, {}, {}, {}, {}}},
        {{2, 4, 2}, {{study.id("Input")}, {}, {}, {}, {}}},
        {{2, 5, 1}, {{}, Special::Pending, {}, {}, {}}},
        {{2, 5, 2}, {{study.id("Input")}, {}, {}, {}, {}}},
    };
    for (std::size_t i = 0; i < seeded.size(); ++i) {
        auto content = seeded[i].content;
        const auto id = static_cast<std::int64_t>(i + 1);
        content.note = "a note " + std::to_string(id);
        REQUIRE(build.label(seeded[i].key, content) == id);
    }
    build.decision(4, 3, {{study.id("Input")}, std::nullopt, "because"});
}

// Quotes on the full study's labels and decision, each a real passage of its post:
// Ann's label on post 4 (id 3) quotes the body ("body of 4") for Input, Bo's (id 4) the
// title ("post 4") for Input, Bo's on post 5 (id 6) the title ("post 5") for Input, and
// the decision on post 4 keeps Bo's title quote.
inline void seedQuotes(Study& study) {
    const auto input = study.id("Input");
    const auto quote = [&](corpus::PostPart part, std::int64_t start, std::int64_t end,
                           std::string text) {
        return labels::KeptQuote{{input, part, "", start, end, std::move(text)}, std::nullopt};
    };
    auto& db = study.db();
    REQUIRE(labels::writeQuotes(db, labels::kLabelQuotes, 3,
                                {quote(corpus::PostPart::Body, 0, 4, "body")})
                .ok());
    REQUIRE(labels::writeQuotes(db, labels::kLabelQuotes, 4,
                                {quote(corpus::PostPart::Title, 0, 6, "post 4")})
                .ok());
    REQUIRE(labels::writeQuotes(db, labels::kLabelQuotes, 6,
                                {quote(corpus::PostPart::Title, 0, 4, "post")})
                .ok());
    auto kept = quote(corpus::PostPart::Title, 0, 6, "post 4");
    kept.quotedBy = 2;
    REQUIRE(labels::writeQuotes(db, arbitration::kDecisionQuotes, 1, {kept}).ok());
}

// Exports a person's package to `out` and returns that path; the test stops if refused.
inline std::string exportOrFail(Project& project, const std::string& person, const std::string& out,
                                std::optional<packages::Kind> kind = std::nullopt) {
    auto summary = packages::exportPackage(project, person, out, kind);
    INFO(person << ": " << (summary.ok() ? std::string("ok") : summary.message()));
    REQUIRE(summary.ok());
    return out;
}

// Changes a package as a person with the sqlite3 shell would, below the app.
inline void tamperPackage(const std::string& path, const std::string& sql) {
    auto db = sql::Database::open(path, sql::Database::Mode::ReadWrite);
    REQUIRE(db.ok());
    sqlOrFail(*db, sql);
}

// The project's bytes on disk, its write-ahead log included.
inline std::string projectBytes(const std::string& path) {
    std::string bytes = readFile(path);
    if (std::filesystem::exists(path + "-wal"))
        bytes += readFile(path + "-wal");
    return bytes;
}

inline void requirePackageRefused(Project& project, const std::string& file,
                                  const std::vector<std::string>& reasons) {
    const auto before = dumpAll(project.db());
    const auto bytes = projectBytes(project.path());
    auto merged = packages::importPackage(project, file);
    REQUIRE_FALSE(merged.ok());
    INFO(merged.message());
    for (const auto& reason : reasons)
        CHECK(merged.message().find(reason) != std::string::npos);
    CHECK(dumpAll(project.db()) == before);
    CHECK(projectBytes(project.path()) == bytes);
}

} // namespace taxo::test
