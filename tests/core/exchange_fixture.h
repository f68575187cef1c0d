#pragma once
// Shared by the exchange and package tests: a study with every kind of record, and a
// dump of every table to show that a refusal left a project exactly as it was.

#include "core/packages/packages.h"
#include "study_fixture.h"

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

// seedStudy and seedCodebook, plus tags, answers, comments (one on an answer), a
// sample behind the reliability round, roles with an arbitrator's root, a category
// example, consensus, coder and special labels, and a decision.
inline void seedFullStudy(Study& study) {
    auto& db = study.db();
    seedStudy(db);
    seedCodebook(study);
    sqlOrFail(
        db,
        "INSERT INTO post_tags VALUES (1, 'tensorflow', 0), (1, 'serving', 1), (4, 'tflite', 0);"
        "INSERT INTO answers(id, post_id, source_id, body, created, score, accepted) VALUES"
        " (1, 1, '2001', '<p>answer</p>', '2019-01-01', 3, 1), (2, 1, '2002', 'b', NULL, NULL, 0);"
        "INSERT INTO comments(post_id, answer_id, source_id, text, created, author) VALUES"
        " (1, NULL, '3001', 'on the question', '2019-01-02', 'Zed'),"
        " (1, 1, '3002', 'on the answer', NULL, NULL);"
        "UPDATE posts SET body = '<p>body of ' || id || '</p>', created = '2019-02-17',"
        " score = id, accepted_answer_source_id = CASE id WHEN 1 THEN '2001' END;"
        "INSERT INTO samples(id, set_id, seed, size, method, pilot_fraction, created,"
        " population, confidence, margin, rounding) VALUES"
        " (1, 2, '42', 3, 'auto', 0.3, 't', 3, 0.95, 0.05, 'ceil');"
        "INSERT INTO sample_members VALUES (1, 0, 5), (1, 1, 4), (1, 2, 6);"
        "UPDATE rounds SET sample_id = 1 WHERE id = 2;"
        "INSERT INTO person_roles(person_id, role) VALUES (1, 'coder'), (2, 'coder'),"
        " (1, 'lead');"
        "INSERT INTO person_roles(person_id, role, root_category_id, root_name) VALUES"
        " (3, 'arbitrator', NULL, 'Server/Cloud'), (3, 'arbitrator', NULL, 'Mobile');");
    sqlOrFail(db, "INSERT INTO category_examples VALUES (" + std::to_string(study.id("Procedure")) +
                      ", 2)");
    rawLabel(db, 1, 1, std::nullopt, {study.id("Procedure"), study.id("Format")}, std::nullopt,
             "export then serve");
    rawLabel(db, 1, 2, std::nullopt, {}, std::string("false_positive"));
    rawLabel(db, 2, 4, 1, {study.id("Input"), study.id("Model quantization")});
    rawLabel(db, 2, 4, 2, {study.id("Input")});
    rawLabel(db, 2, 5, 1, {}, std::string("pending"));
    rawLabel(db, 2, 5, 2, {study.id("Input")});
    sqlOrFail(db, "UPDATE labels SET note = 'a note ' || id");
    rawDecision(db, 4, {study.id("Input")});
}

// Exports a person's package to `out` and returns that path; the test stops if refused.
inline std::string exportOrFail(Project& project, const std::string& person, const std::string& out,
                                std::optional<packages::Kind> kind = std::nullopt) {
    auto summary = packages::exportPackage(project, person, out, kind);
    INFO(person << ": " << (summary.ok() ? std::string("ok") : summary.message()));
    REQUIRE(summary.ok());
    return out;
}

} // namespace taxo::test
