#pragma once
// A small study for the codebook and label tests: six posts, two sets with
// their roots, three people, a pilot and a reliability round, and a three-level
// codebook, built with the tests' StudyBuilder.

#include "core/codebook/codebook.h"
#include "core/project/project.h"
#include "core/store/statements.h"
#include "tests/support/study_builder.h"
#include "tests/support/test_support.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace taxo::test {

inline void sqlOrFail(sql::Database& db, const std::string& text) {
    auto status = db.exec(text);
    INFO(text << " -> " << (status.ok() ? std::string("ok") : status.message()));
    REQUIRE(status.ok());
}

// The study's seven posts: stackoverflow:1001 ... 1007, titled "post 1" ... "post 7".
inline std::vector<corpus::PostEntry> studyPosts() {
    std::vector<corpus::PostEntry> posts;
    for (int i = 1; i <= 7; ++i)
        posts.push_back(
            {"stackoverflow", std::to_string(1000 + i), "post " + std::to_string(i), ""});
    return posts;
}

// The steps of seedStudy, for fixtures that add to the study between them.
// `posts` begin with the study's seven; `moreServer` and `moreMobile` are more posts
// of those sets. Returns the posts' ids.
inline std::vector<std::int64_t>
seedPostsAndSets(StudyBuilder& study, const std::vector<corpus::PostEntry>& posts = studyPosts(),
                 const std::vector<std::int64_t>& moreServer = {},
                 const std::vector<std::int64_t>& moreMobile = {}) {
    const auto ids = study.posts(posts);
    REQUIRE(std::vector<std::int64_t>(ids.begin(), ids.begin() + 7) ==
            std::vector<std::int64_t>{1, 2, 3, 4, 5, 6, 7});
    std::vector<std::int64_t> server = {1, 2, 3, 4};
    server.insert(server.end(), moreServer.begin(), moreServer.end());
    REQUIRE(study.set("Server", "Server/Cloud", server, "t") == 1);
    std::vector<std::int64_t> mobile = {4, 5, 6};
    mobile.insert(mobile.end(), moreMobile.begin(), moreMobile.end());
    REQUIRE(study.set("Mobile", "Mobile", mobile, "t") == 2);
    return ids;
}

// Without roles: the tests give these three their roles themselves.
inline void seedPeople(StudyBuilder& study) {
    REQUIRE(study.person("Ann") == 1);
    REQUIRE(study.person("Bo") == 2);
    REQUIRE(study.person("Cy") == 3);
}

// `moreReliability` are more items of the reliability round, after posts 4-6.
inline void seedRounds(StudyBuilder& study,
                       std::optional<std::int64_t> reliabilitySample = std::nullopt,
                       const std::vector<std::int64_t>& moreReliability = {}) {
    std::vector<std::int64_t> reliability = {4, 5, 6};
    reliability.insert(reliability.end(), moreReliability.begin(), moreReliability.end());
    REQUIRE(study.round({"pilot", rounds::RoundKind::Pilot, {}, {}, "t", {1, 2, 3, 7}, {1, 2}}) ==
            1);
    REQUIRE(study.round({"reliability",
                         rounds::RoundKind::Reliability,
                         reliabilitySample,
                         {},
                         "t",
                         reliability,
                         {1, 2}}) == 2);
}

// Post ids 1..7. Posts 1-4 are in "Server" (root Server/Cloud), posts 4-6 in
// "Mobile" (root Mobile); post 4 is in both. Post 7 is in no set.
// People: Ann = 1, Bo = 2 (coders), Cy = 3 (arbitrator), with no roles yet.
// Rounds: pilot = 1 (items 1-3, 7), reliability = 2 (items 4-6), coders Ann and Bo.
// `posts` may give the seven posts other titles, bodies and tags.
inline void seedStudy(sql::Database& db,
                      const std::vector<corpus::PostEntry>& posts = studyPosts()) {
    StudyBuilder study(db);
    seedPostsAndSets(study, posts);
    seedPeople(study);
    seedRounds(study);
}

struct Study {
    Project project;
    std::map<std::string, codebook::CategoryId> ids; // by leaf or inner name

    sql::Database& db() { return project.db(); }
    codebook::CategoryId id(const std::string& name) const { return ids.at(name); }
};

inline codebook::CategoryId addOrFail(sql::Database& db, std::optional<codebook::CategoryId> parent,
                                      const std::string& name) {
    codebook::NewCategory spec;
    spec.parentId = parent;
    spec.name = name;
    auto added = codebook::addCategory(db, spec);
    INFO(name << ": " << (added.ok() ? std::string("ok") : added.message()));
    REQUIRE(added.ok());
    return added->category.id;
}

// Server/Cloud > Model Export > {Procedure, Model quantization}
//              > Request > {Format}
// Mobile > Data > {Input}
inline Project makeProject(const TempDir& dir) {
    auto project = Project::create(dir.file("study.taxo"), "study");
    REQUIRE(project.ok());
    return std::move(*project);
}

// The study's codebook excerpt: two roots, their inner categories and leaves.
inline void seedCodebook(sql::Database& db, std::map<std::string, codebook::CategoryId>& ids) {
    ids["Server/Cloud"] = addOrFail(db, std::nullopt, "Server/Cloud");
    ids["Model Export"] = addOrFail(db, ids["Server/Cloud"], "Model Export");
    ids["Procedure"] = addOrFail(db, ids["Model Export"], "Procedure");
    ids["Model quantization"] = addOrFail(db, ids["Model Export"], "Model quantization");
    ids["Request"] = addOrFail(db, ids["Server/Cloud"], "Request");
    ids["Format"] = addOrFail(db, ids["Request"], "Format");
    ids["Mobile"] = addOrFail(db, std::nullopt, "Mobile");
    ids["Data"] = addOrFail(db, ids["Mobile"], "Data");
    ids["Input"] = addOrFail(db, ids["Data"], "Input");
}

inline void seedCodebook(Study& study) {
    seedCodebook(study.db(), study.ids);
}

// Saves a label with labels::saveLabel's checks and returns its id; special is
// "false_positive", "unclear" or "pending".
inline std::int64_t seedLabel(sql::Database& db, std::int64_t round, std::int64_t post,
                              std::optional<std::int64_t> coder,
                              const std::vector<codebook::CategoryId>& categories,
                              std::optional<std::string> special = std::nullopt,
                              const std::string& code = "") {
    labels::LabelContent content;
    content.categories = categories;
    if (special) {
        content.special = labels::parseSpecial(*special);
        REQUIRE(content.special.has_value());
    }
    content.code = code;
    return StudyBuilder(db).label({round, post, coder}, content);
}

// Cy (3) decides the post with arbitration::decide's checks, so the post must be in
// conflict and Cy the arbitrator of its roots; returns the decision's id.
inline std::int64_t seedDecision(sql::Database& db, std::int64_t post,
                                 const std::vector<codebook::CategoryId>& categories) {
    return StudyBuilder(db).decision(post, 3, {categories, std::nullopt, "because"});
}

// Raw rows, for the tests that need what core would refuse or stamp itself: labels on
// posts outside their roots (the statistics take any data), label times set by the test,
// and the use tables that the codebook's recoding rewrites row by row.
inline std::int64_t rawLabel(sql::Database& db, std::int64_t round, std::int64_t post,
                             std::optional<std::int64_t> coder,
                             const std::vector<codebook::CategoryId>& categories,
                             std::optional<std::string> special = std::nullopt,
                             const std::string& code = "") {
    auto status = sql::runBound(db,
                                "INSERT INTO labels(round_id, post_id, coder_id, special, code, "
                                "updated) VALUES (?, ?, ?, ?, ?, 't')",
                                round, post, coder, special, code);
    REQUIRE(status.ok());
    const auto id = db.lastInsertRowId();
    for (const auto category : categories)
        REQUIRE(sql::runBound(db, "INSERT INTO label_categories VALUES (?, ?)", id, category).ok());
    return id;
}

inline std::int64_t rawDecision(sql::Database& db, std::int64_t post,
                                const std::vector<codebook::CategoryId>& categories) {
    REQUIRE(sql::runBound(db,
                          "INSERT INTO decisions(post_id, arbitrator_id, rationale, decided) "
                          "VALUES (?, 3, 'because', 't')",
                          post)
                .ok());
    const auto id = db.lastInsertRowId();
    for (const auto category : categories)
        REQUIRE(
            sql::runBound(db, "INSERT INTO decision_categories VALUES (?, ?)", id, category).ok());
    return id;
}

// Every row of the table, each as "a|b|NULL|...", sorted: a before/after
// comparison of the exact table content.
inline std::vector<std::string> dumpTable(sql::Database& db, const std::string& table) {
    auto stmt = db.prepare("SELECT * FROM " + table);
    REQUIRE(stmt.ok());
    std::vector<std::string> rows;
    while (true) {
        auto row = stmt->step();
        REQUIRE(row.ok());
        if (!*row)
            break;
        std::string line;
        for (int c = 0; c < stmt->columnCount(); ++c)
            line += (c ? "|" : "") +
                    (stmt->columnIsNull(c) ? std::string("NULL") : stmt->columnText(c));
        rows.push_back(line);
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

// The codebook and everything that points into it.
inline std::map<std::string, std::vector<std::string>> dumpCodebook(sql::Database& db) {
    std::map<std::string, std::vector<std::string>> dump;
    for (const char* table : {"categories", "label_categories", "decision_categories",
                              "category_examples", "labels", "decisions"})
        dump[table] = dumpTable(db, table);
    return dump;
}

inline std::int64_t changeLogRows(sql::Database& db) {
    auto count = db.queryInt("SELECT count(*) FROM change_log");
    REQUIRE(count.ok());
    return *count;
}

inline std::vector<codebook::CategoryId> labelCategories(sql::Database& db, std::int64_t label) {
    auto ids = sql::queryIntsBound(
        db, "SELECT category_id FROM label_categories WHERE label_id = ? ORDER BY category_id",
        label);
    REQUIRE(ids.ok());
    return *ids;
}

} // namespace taxo::test

// A study with its codebook: TAXO_STUDY(study);
#define TAXO_STUDY(var)                                                                            \
    ::taxo::test::TempDir var##Dir;                                                                \
    ::taxo::test::Study var{::taxo::test::makeProject(var##Dir), {}};                              \
    ::taxo::test::seedStudy(var.db());                                                             \
    ::taxo::test::seedCodebook(var)
