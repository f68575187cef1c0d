#pragma once
// A project labeled to the counts of the study (sections 6.1-6.6 of the paper):
// 769 sampled posts, 58 false positives, 130 unclear, 227 + 231 + 125 covered
// posts with two posts in both Server/Cloud and Browser (581 distinct). The
// final labels come from all three sources (pilot consensus, agreement,
// arbitration), so the whole chain from labels to percentages is exercised.
//
// The paper prints only some of its categories; each root's posts that none of
// the printed inner categories hold go to an inner category "Other", and each
// inner category's posts that none of the printed leaves hold to a leaf
// "General". Three Mobile posts carry both Build configuration and Import/load,
// so DL Integration (49) must count them once.

#include "study_fixture.h"

#include <map>
#include <string>
#include <vector>

namespace taxo::test {

struct LeafSpec {
    LeafSpec(std::string leafName, int leafCount, std::string from = {}, int taken = 0)
        : name(std::move(leafName)), count(leafCount), reuseFrom(std::move(from)), reused(taken) {}
    std::string name;
    int count = 0;
    // The first `reused` posts are taken from an earlier leaf ("Root|Inner|Leaf")
    // instead of new posts: a post with two leaves.
    std::string reuseFrom;
    int reused = 0;
};
struct InnerSpec {
    std::string name;
    int total = 0; // distinct posts; leaves that do not add up are topped up by "General"
    std::vector<LeafSpec> leaves;
};
struct RootSpec {
    std::string name;
    int covered = 0; // topped up by an inner "Other"
    std::vector<InnerSpec> inners;
};

inline std::vector<RootSpec> studyCountSpec() {
    return {
        {"Server/Cloud",
         227,
         {{"Model Export", 34, {}},
          {"Data Processing", 45, {}},
          {"Environment", 44, {}},
          {"Request", 31, {}},
          {"Serving", 30, {{"Multiple model versions", 8}, {"Configuration of batching", 6}}},
          {"Entire procedure", 22, {}},
          {"Conceptual", 10, {}},
          {"Model Update", 6, {}}}},
        {"Mobile",
         231,
         {{"Model Conversion", 61, {}},
          {"Entire procedure", 31, {}},
          {"DL Integration",
           49,
           {{"Thread management", 5},
            {"Build configuration", 9},
            {"Import/load", 10, "Mobile|DL Integration|Build configuration", 3},
            {"Set tensor info", 19}}},
          {"Data Processing", 39, {}},
          {"DL Library Compilation", 18, {}},
          {"Inference speed", 9, {}},
          {"Model Update", 7, {}},
          {"Data Extraction", 4, {}},
          {"Conceptual", 11, {}}}},
        {"Browser",
         125,
         {{"Model Loading", 30, {{"Loading from local storage", 10}, {"asynchronous loading", 7}}},
          {"Entire procedure", 4, {}},
          {"Model Conversion", 23, {}},
          {"Data Processing", 23, {}},
          {"Environment", 24, {{"General", 24, "Server/Cloud|Environment|General", 2}}},
          {"Inference Speed", 9, {}},
          {"Data Extraction", 4, {}},
          {"Model Update", 2, {}}}},
    };
}

struct StudyCounts {
    std::map<std::string, codebook::CategoryId> ids; // "Root|Inner" and "Root|Inner|Leaf"
    int posts = 0;
};

// Fills an empty project: posts, sets, samples, rounds, people, codebook, labels
// and decisions. Coders are people 1 and 2, the arbitrator 3.
inline StudyCounts buildStudyCounts(sql::Database& db) {
    StudyCounts built;
    std::map<int, std::vector<codebook::CategoryId>> leavesOf; // post -> final leaves
    std::map<int, std::string> rootsOf;                        // post -> set names
    std::map<std::string, std::vector<int>> postsOfLeaf;
    int next = 0;
    for (const auto& root : studyCountSpec()) {
        const auto rootId = addOrFail(db, std::nullopt, root.name);
        built.ids[root.name] = rootId;
        auto inners = root.inners;
        int innerSum = 0;
        for (const auto& inner : inners)
            innerSum += inner.total;
        if (innerSum < root.covered)
            inners.push_back({"Other", root.covered - innerSum, {}});
        for (const auto& inner : inners) {
            const std::string innerKey = root.name + "|" + inner.name;
            const auto innerId = addOrFail(db, rootId, inner.name);
            built.ids[innerKey] = innerId;
            auto leaves = inner.leaves;
            int distinct = 0;
            for (const auto& leaf : leaves)
                distinct +=
                    leaf.count - (leaf.reuseFrom.rfind(root.name + "|", 0) == 0 ? leaf.reused : 0);
            if (distinct < inner.total)
                leaves.push_back({"General", inner.total - distinct});
            for (const auto& leaf : leaves) {
                const std::string leafKey = innerKey + "|" + leaf.name;
                const auto leafId = addOrFail(db, innerId, leaf.name);
                built.ids[leafKey] = leafId;
                std::vector<int> posts;
                for (int k = 0; k < leaf.reused; ++k)
                    posts.push_back(postsOfLeaf.at(leaf.reuseFrom).at(static_cast<std::size_t>(k)));
                while (static_cast<int>(posts.size()) < leaf.count)
                    posts.push_back(++next);
                for (const int post : posts) {
                    leavesOf[post].push_back(leafId);
                    rootsOf[post] += (rootsOf[post].empty() ? "" : "|") + root.name;
                }
                postsOfLeaf[leafKey] = posts;
            }
        }
    }
    const int covered = next;
    const int falsePositives = 58, unclear = 130;
    built.posts = covered + falsePositives + unclear;

    sqlOrFail(db, "BEGIN");
    for (int post = 1; post <= built.posts; ++post)
        REQUIRE(sql::runBound(db,
                              "INSERT INTO posts(id, source, source_id, title) VALUES (?, "
                              "'stackoverflow', ?, ?)",
                              post, std::to_string(5000 + post), "post " + std::to_string(post))
                    .ok());
    sqlOrFail(db, "INSERT INTO sets(id, name, root_name, rules, created) VALUES "
                  "(1, 'server', 'Server/Cloud', '{\"clauses\": [{\"tags_any\": "
                  "[\"tensorflow-serving\"]}]}', 't'),"
                  "(2, 'mobile', 'Mobile', '{}', 't'), (3, 'browser', 'Browser', '{}', 't');"
                  "INSERT INTO samples(id, set_id, seed, size, method, pilot_fraction, created, "
                  "population, confidence, margin, rounding) VALUES "
                  "(1, 1, '1', 0, 'auto', 0.1, 't', 1325, 0.95, 0.05, 'ceil'),"
                  "(2, 2, '2', 0, 'all', 0.1, 't', 0, NULL, NULL, NULL),"
                  "(3, 3, '3', 0, 'all', 0.1, 't', 0, NULL, NULL, NULL);"
                  "INSERT INTO people(id, name, created) VALUES (1, 'Ann', 't'), (2, 'Bo', 't'), "
                  "(3, 'Cy', 't');"
                  "INSERT INTO rounds(id, name, kind, created) VALUES (1, 'pilot', 'pilot', 't'),"
                  " (2, 'reliability', 'reliability', 't');"
                  "INSERT INTO round_coders VALUES (1, 1), (1, 2), (2, 1), (2, 2);");
    const std::map<std::string, int> setOf = {{"Server/Cloud", 1}, {"Mobile", 2}, {"Browser", 3}};
    std::map<int, int> positions;
    for (int post = 1; post <= built.posts; ++post) {
        std::vector<int> sets;
        if (post <= covered) {
            std::string roots = rootsOf.at(post);
            for (const auto& [name, set] : setOf)
                if (roots.find(name) != std::string::npos)
                    sets.push_back(set);
        } else {
            sets.push_back(1 + post % 3); // false positives and unclear spread over the sets
        }
        for (const int set : sets) {
            REQUIRE(sql::runBound(db, "INSERT INTO set_members VALUES (?, ?)", set, post).ok());
            REQUIRE(sql::runBound(db, "INSERT INTO sample_members VALUES (?, ?, ?)", set,
                                  positions[set]++, post)
                        .ok());
        }
        // Every tenth post was labeled in the pilot; of the others, one in ten
        // was a conflict and one in ten an agreed Pending, both arbitrated.
        std::vector<codebook::CategoryId> leaves;
        std::optional<std::string> special;
        if (post <= covered)
            leaves = leavesOf.at(post);
        else
            special = post <= covered + falsePositives ? "false_positive" : "unclear";
        const int kind = post % 10;
        const int round = kind == 0 ? 1 : 2;
        REQUIRE(
            sql::runBound(db, "INSERT INTO round_items VALUES (?, ?, ?)", round, post, post).ok());
        if (kind == 0) {
            rawLabel(db, 1, post, std::nullopt, leaves, special);
        } else if (kind == 1) {
            rawLabel(db, 2, post, 1, leaves, special);
            rawLabel(db, 2, post, 2, {},
                     std::string(special == std::string("unclear") ? "false_positive" : "unclear"));
            const auto decision = rawDecision(db, post, leaves);
            if (special)
                REQUIRE(sql::runBound(db, "UPDATE decisions SET special = ? WHERE id = ?", *special,
                                      decision)
                            .ok());
        } else if (kind == 2) {
            rawLabel(db, 2, post, 1, {}, std::string("pending"));
            rawLabel(db, 2, post, 2, {}, std::string("pending"));
            const auto decision = rawDecision(db, post, leaves);
            if (special)
                REQUIRE(sql::runBound(db, "UPDATE decisions SET special = ? WHERE id = ?", *special,
                                      decision)
                            .ok());
        } else {
            rawLabel(db, 2, post, 1, leaves, special);
            rawLabel(db, 2, post, 2, leaves, special);
        }
    }
    // The samples hold what was drawn: every member of the set (server's from 1,325).
    sqlOrFail(db, "UPDATE samples SET size = (SELECT count(*) FROM sample_members m WHERE "
                  "m.sample_id = samples.id), population = ifnull(nullif(population, 0), "
                  "(SELECT count(*) FROM set_members s WHERE s.set_id = samples.set_id))");
    // One category came up only in arbitration.
    REQUIRE(sql::runBound(db, "UPDATE categories SET created_in = 'arbitration' WHERE id = ?",
                          built.ids.at("Mobile|Model Update"))
                .ok());
    sqlOrFail(db, "COMMIT");
    return built;
}

} // namespace taxo::test
