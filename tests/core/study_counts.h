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
// and decisions. Coders are people 1 and 2, the arbitrator of every root 3.
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
            // One category came up only in arbitration.
            const auto innerId = StudyBuilder(db).category(
                rootId, inner.name, innerKey == "Mobile|Model Update" ? "arbitration" : "codebook");
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

    StudyBuilder study(db);
    // Hundreds of transactions, none of which needs to survive a power cut.
    sqlOrFail(db, "PRAGMA synchronous = OFF");
    std::vector<corpus::PostEntry> posts;
    for (int post = 1; post <= built.posts; ++post)
        posts.push_back(
            {"stackoverflow", std::to_string(5000 + post), "post " + std::to_string(post)});
    const auto ids = study.posts(posts);
    REQUIRE(ids.front() == 1);
    REQUIRE(ids.back() == built.posts);

    const std::map<std::string, int> setOf = {{"Server/Cloud", 1}, {"Mobile", 2}, {"Browser", 3}};
    std::map<int, std::vector<std::int64_t>> members; // by set, in post order
    std::vector<std::int64_t> pilotItems, reliabilityItems;
    for (int post = 1; post <= built.posts; ++post) {
        if (post <= covered) {
            std::string roots = rootsOf.at(post);
            for (const auto& [name, set] : setOf)
                if (roots.find(name) != std::string::npos)
                    members[set].push_back(post);
        } else {
            members[1 + post % 3].push_back(
                post); // false positives and unclear spread over the sets
        }
        // Every tenth post was labeled in the pilot.
        (post % 10 == 0 ? pilotItems : reliabilityItems).push_back(post);
    }
    REQUIRE(study.set("server", "Server/Cloud", members[1], "t",
                      R"({"clauses": [{"tags_any": ["tensorflow-serving"]}]})") == 1);
    REQUIRE(study.set("mobile", "Mobile", members[2], "t") == 2);
    REQUIRE(study.set("browser", "Browser", members[3], "t") == 3);
    // The samples hold what was drawn: every member of the set, the server's from 1,325.
    for (int set = 1; set <= 3; ++set) {
        sampling::NewSample sample;
        sample.setId = set;
        sample.seed = std::to_string(set);
        sample.method = set == 1 ? sampling::SizeMethod::Auto : sampling::SizeMethod::All;
        sample.pilotFraction = 0.1;
        sample.created = "t";
        sample.population =
            set == 1 ? std::int64_t{1325} : static_cast<std::int64_t>(members[set].size());
        if (set == 1)
            sample.sizeInput =
                sampling::SampleSizeInput{1325, 0.95, 0.05, 0.5, sampling::Rounding::Ceil};
        sample.posts = members[set];
        REQUIRE(study.sample(sample) == set);
    }
    REQUIRE(study.person("Ann") == 1);
    REQUIRE(study.person("Bo") == 2);
    for (const auto& [root, set] : setOf)
        study.role("Cy", people::Role::Arbitrator, root);
    REQUIRE(study.round({"pilot", rounds::RoundKind::Pilot, {}, {}, "t", pilotItems, {1, 2}}) == 1);
    REQUIRE(study.round({"reliability",
                         rounds::RoundKind::Reliability,
                         {},
                         {},
                         "t",
                         reliabilityItems,
                         {1, 2}}) == 2);

    const auto label = [&](std::int64_t round, int post, labels::CoderId coder,
                           const std::vector<codebook::CategoryId>& leaves,
                           std::optional<labels::Special> special) {
        study.label({round, post, coder}, {leaves, special, {}, {}, {}});
    };
    using labels::Special;
    for (int post = 1; post <= built.posts; ++post) {
        // Of the posts not in the pilot, one in ten was a conflict and one in ten an
        // agreed Pending, both arbitrated.
        std::vector<codebook::CategoryId> leaves;
        std::optional<Special> special;
        if (post <= covered)
            leaves = leavesOf.at(post);
        else
            special = post <= covered + falsePositives ? Special::FalsePositive : Special::Unclear;
        const int kind = post % 10;
        if (kind == 0) {
            label(1, post, std::nullopt, leaves, special);
        } else if (kind == 1) {
            label(2, post, 1, leaves, special);
            label(2, post, 2, {},
                  special == Special::Unclear ? Special::FalsePositive : Special::Unclear);
            study.decision(post, 3, {leaves, special, "because"});
        } else if (kind == 2) {
            label(2, post, 1, {}, Special::Pending);
            label(2, post, 2, {}, Special::Pending);
            study.decision(post, 3, {leaves, special, "because"});
        } else {
            label(2, post, 1, leaves, special);
            label(2, post, 2, leaves, special);
        }
    }
    sqlOrFail(db, "PRAGMA synchronous = FULL");
    return built;
}

} // namespace taxo::test
