// taxo_kill_worker: does real work through the same core calls the GUI uses and
// acknowledges every committed action on stdout, so that tests/kill/kill_harness.py can
// SIGKILL it at a random moment and check that nothing acknowledged was lost.
//
//   taxo_kill_worker setup-label <project> <posts>   a study: posts, one coder, a round
//   taxo_kill_worker label <project> <run>           saveLabel post after post, forever
//   taxo_kill_worker setup-import <project> <xml>    a project holding <xml>'s posts
//   taxo_kill_worker import <project> <xml>          importSources under source "big"
//   taxo_kill_worker setup-arbitrate <project> <posts>  three coders who differ on every post
//   taxo_kill_worker arbitrate <project> <run>       decide or undo post after post, forever
//   taxo_kill_worker setup-merge <project> <posts>   a lead's project and <project>.ann, Ann's
//                                                    package with a label on every post
//   taxo_kill_worker merge <project> <package>       importPackage
//   taxo_kill_worker check <project>                 open, integrity_check, dump state
//
// Protocol: "try label <post> <value>" is printed before a save and "label <post> <value>"
// after it committed, both flushed; the harness then knows which single save may have
// committed without its acknowledgement. Arbitration prints "try decision <post> <value>"
// and "decision <post> <value>" the same way, the value "none" for an undone decision.

#include "core/arbitration/arbitration.h"
#include "core/arbitration/decision_quotes.h"
#include "core/codebook/codebook.h"
#include "core/corpus/import.h"
#include "core/demo/demo_project.h"
#include "core/labels/labels.h"
#include "core/packages/packages.h"
#include "core/project/project.h"
#include "core/store/statements.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using namespace taxo;

int fail(const std::string& what) {
    std::fprintf(stderr, "taxo_kill_worker: %s\n", what.c_str());
    return 2;
}

constexpr int kLeaves = 4;
// Every post's title: quotes are passages of it, so a value names them in plain words.
constexpr const char* kTitle = "quotable-post-title";

// Two quotes of the title for a categorized value, placed by run and post so that a later
// run changes them: a save that half-wrote its quotes would show in the check's dump.
std::vector<labels::Quote> quotesFor(std::int64_t category, int run, int post, std::string& name) {
    const std::string title = kTitle;
    const auto start = static_cast<std::int64_t>((run + post) % 10);
    std::vector<labels::Quote> quotes;
    name += "q";
    for (const auto from : {start, start + 5}) {
        const auto text = title.substr(static_cast<std::size_t>(from), 4);
        quotes.push_back({category, corpus::PostPart::Title, "", from, from + 4, text});
        name += (from == start ? "" : ",") + std::to_string(from) + "-" + std::to_string(from + 4) +
                ":" + text;
    }
    return quotes;
}

// The check's value of a label or decision: its special value or first category, then
// its quotes in order ("c5q3-7:able,8-12:post"), as quotesFor names them.
std::string valueQuery(const char* table, const char* categories, const char* quotes,
                       const char* owner) {
    return std::string("SELECT x.post_id, coalesce(x.special, 'c' || (SELECT min(category_id) "
                       "FROM ") +
           categories + " WHERE " + owner +
           " = x.id)) || ifnull((SELECT 'q' || "
           "group_concat(start_offset || '-' || end_offset || ':' || quoted_text, ',') FROM "
           "(SELECT * FROM " +
           quotes + " WHERE " + owner + " = x.id ORDER BY position)), '') FROM " + table +
           " x ORDER BY x.post_id";
}

// Posts 1..count in one open reliability round coded by person 1, and a codebook with one
// root of kLeaves leaves. No post is in a set, so any leaf is accepted. With `team`, Bo
// (2) and Dee (4) code the round too (a round of three coders, so that kills meet the
// N-coder conflicts and merges), Cy (3) arbitrates the root "Root", every post is in a
// set of that root, and the leaves sit under an inner category, as arbitration needs.
int setupStudy(Project& project, int count, bool team) {
    auto& db = project.db();
    if (auto begun = db.exec("BEGIN"); !begun)
        return fail(begun.message());
    for (int i = 1; i <= count; ++i)
        if (auto status = sql::runBound(
                db, "INSERT INTO posts(id, source, source_id, title) VALUES (?, 'so', ?, ?)",
                std::int64_t{i}, std::to_string(i), kTitle);
            !status)
            return fail(status.message());
    std::string text = "INSERT INTO people(id, name, created) VALUES (1, 'Ann', 't');"
                       "INSERT INTO rounds(id, name, kind, created) VALUES (1, 'r', "
                       "'reliability', 't');"
                       "INSERT INTO round_coders VALUES (1, 1);";
    if (team)
        text += "INSERT INTO people(id, name, created) VALUES (2, 'Bo', 't'), (3, 'Cy', 't'),"
                " (4, 'Dee', 't');"
                "INSERT INTO round_coders VALUES (1, 2);"
                "INSERT INTO round_coders VALUES (1, 4);"
                "INSERT INTO person_roles(person_id, role, root_name) VALUES"
                " (3, 'arbitrator', 'Root');"
                "INSERT INTO sets(id, name, root_name, created) VALUES (1, 'S', 'Root', 't');";
    for (int i = 1; i <= count; ++i) {
        text += "INSERT INTO round_items VALUES (1, " + std::to_string(i) + ", " +
                std::to_string(i - 1) + ");";
        if (team)
            text += "INSERT INTO set_members VALUES (1, " + std::to_string(i) + ");";
    }
    if (auto status = db.exec(text + "COMMIT"); !status)
        return fail(status.message());
    codebook::NewCategory root;
    root.name = "Root";
    auto added = codebook::addCategory(db, root);
    if (!added)
        return fail(added.message());
    auto parent = added->category.id;
    if (team) {
        codebook::NewCategory inner;
        inner.parentId = parent;
        inner.name = "Inner";
        auto made = codebook::addCategory(db, inner);
        if (!made)
            return fail(made.message());
        parent = made->category.id;
    }
    for (int leaf = 0; leaf < kLeaves; ++leaf) {
        codebook::NewCategory spec;
        spec.parentId = parent;
        spec.name = "Leaf " + std::to_string(leaf);
        if (auto child = codebook::addCategory(db, spec); !child)
            return fail(child.message());
    }
    return 0;
}

labels::LabelContent valueFor(int run, int post, const std::vector<std::int64_t>& leaves,
                              std::string& name);

int setupLabel(const std::string& path, int count) {
    auto project = Project::create(path, "kill study");
    if (!project)
        return fail(project.message());
    return setupStudy(*project, count, false);
}

Result<std::vector<std::int64_t>> leavesOf(sql::Database& db) {
    return sql::queryIntsBound(db, "SELECT c.id FROM categories c WHERE NOT EXISTS (SELECT 1 "
                                   "FROM categories k WHERE k.parent_id = c.id) ORDER BY c.id");
}

// Ann, Bo and Dee label every post with different leaves: each post is a conflict for Cy,
// who sees the three labels side by side.
int setupArbitrate(const std::string& path, int count) {
    auto project = Project::create(path, "kill arbitration");
    if (!project)
        return fail(project.message());
    if (int code = setupStudy(*project, count, true); code != 0)
        return code;
    auto& db = project->db();
    auto leaves = leavesOf(db);
    if (!leaves || leaves->size() != kLeaves)
        return fail("no leaves");
    for (int post = 1; post <= count; ++post)
        for (std::int64_t coder : {1, 2, 4}) {
            labels::LabelContent content;
            content.categories = {(*leaves)[static_cast<std::size_t>(coder - 1)]};
            std::string name;
            content.quotes =
                quotesFor(content.categories.front(), static_cast<int>(coder), post, name);
            if (auto saved = labels::saveLabel(db, {1, post, coder}, content); !saved)
                return fail(saved.message());
        }
    return 0;
}

// Decides an undecided post, undoes a decided one: every step is one acknowledged
// transaction through the calls the Arbitration page makes.
int arbitrate(const std::string& path, int run) {
    auto project = Project::open(path);
    if (!project)
        return fail(project.message());
    auto& db = project->db();
    auto leaves = leavesOf(db);
    auto count = db.queryInt("SELECT count(*) FROM round_items WHERE round_id = 1");
    if (!leaves || !count || leaves->size() != kLeaves || *count == 0)
        return fail("not a kill arbitration study");
    for (std::int64_t step = 0;; ++step) {
        const int post = static_cast<int>((run * 13 + step) % *count) + 1;
        auto existing = arbitration::loadDecision(db, post);
        if (!existing)
            return fail(existing.message());
        if (*existing) {
            std::printf("try decision %d none\n", post);
            std::fflush(stdout);
            if (auto undone = arbitration::undoDecision(db, **existing); !undone)
                return fail(undone.message());
            std::printf("decision %d none\n", post);
            std::fflush(stdout);
            continue;
        }
        arbitration::DecisionContent content;
        const int pick = (run * 5 + post) % (kLeaves + 1);
        std::string name;
        if (pick < kLeaves) {
            content.categories = {(*leaves)[static_cast<std::size_t>(pick)]};
            name = "c" + std::to_string(content.categories.front());
            // The arbitrator keeps one coder's quotes (run by run another's) as the
            // evidence of the decision's category.
            auto offered = arbitration::quotesOffered(db, post);
            if (!offered)
                return fail(offered.message());
            if (!offered->empty()) {
                const auto first = static_cast<std::size_t>(run % 3) * 2 % offered->size();
                name += "q";
                for (std::size_t i = first; i < std::min(first + 2, offered->size()); ++i) {
                    auto kept = (*offered)[i];
                    kept.quote.category = content.categories.front();
                    content.quotes.push_back(kept);
                    name += (i == first ? "" : ",") + std::to_string(kept.quote.start) + "-" +
                            std::to_string(kept.quote.end) + ":" + kept.quote.text;
                }
            }
        } else {
            content.special = labels::Special::Unclear;
            name = "unclear";
        }
        content.rationale = "run " + std::to_string(run);
        std::printf("try decision %d %s\n", post, name.c_str());
        std::fflush(stdout);
        if (auto decided = arbitration::decide(db, post, 3, content); !decided)
            return fail(decided.message());
        std::printf("decision %d %s\n", post, name.c_str());
        std::fflush(stdout);
    }
}

// The lead's project (Ann, Bo and Dee code every post, nobody has labeled yet) and Ann's
// package beside it, in which Ann labeled every post through saveLabel.
int setupMerge(const std::string& path, int count) {
    {
        auto project = Project::create(path, "kill merge");
        if (!project)
            return fail(project.message());
        if (int code = setupStudy(*project, count, true); code != 0)
            return code;
        if (auto exported = packages::exportPackage(*project, "Ann", path + ".ann"); !exported)
            return fail(exported.message());
    }
    auto package = Project::open(path + ".ann");
    if (!package)
        return fail(package.message());
    auto& db = package->db();
    // Only the merge is under test: the set-up need not wait for the disk on every save.
    if (auto status = db.exec("PRAGMA synchronous = OFF"); !status)
        return fail(status.message());
    auto leaves = leavesOf(db);
    if (!leaves || leaves->size() != kLeaves)
        return fail("no leaves in the package");
    for (int post = 1; post <= count; ++post) {
        std::string name;
        if (auto saved = labels::saveLabel(db, {1, post, 1}, valueFor(1, post, *leaves, name));
            !saved)
            return fail(saved.message());
    }
    return 0;
}

int merge(const std::string& path, const std::string& package) {
    auto project = Project::open(path);
    if (!project)
        return fail(project.message());
    auto report = packages::importPackage(*project, package);
    if (!report)
        return fail(report.message());
    std::printf("merge %lld\n", static_cast<long long>(report->labelsAdded));
    std::fflush(stdout);
    return 0;
}

// The value written for a post in a run: one of the leaves or a special value, varied so
// that a later run overwrites an earlier one with something else.
labels::LabelContent valueFor(int run, int post, const std::vector<std::int64_t>& leaves,
                              std::string& name) {
    labels::LabelContent content;
    const int pick = (run * 7 + post) % (kLeaves + 2);
    if (pick < kLeaves) {
        content.categories = {leaves[static_cast<std::size_t>(pick)]};
        name = "c" + std::to_string(leaves[static_cast<std::size_t>(pick)]);
        content.quotes = quotesFor(content.categories.front(), run, post, name);
    } else if (pick == kLeaves) {
        content.special = labels::Special::FalsePositive;
        name = "false_positive";
    } else {
        content.special = labels::Special::Unclear;
        name = "unclear";
    }
    content.note = "run " + std::to_string(run);
    return content;
}

int label(const std::string& path, int run) {
    auto project = Project::open(path);
    if (!project)
        return fail(project.message());
    auto& db = project->db();
    auto leaves = sql::queryIntsBound(
        db, "SELECT id FROM categories WHERE parent_id IS NOT NULL ORDER BY id");
    auto count = db.queryInt("SELECT count(*) FROM round_items WHERE round_id = 1");
    if (!leaves || !count || leaves->size() != kLeaves || *count == 0)
        return fail("not a kill study");
    // Start where the run says, so that runs killed early still cover every post.
    for (std::int64_t step = 0;; ++step) {
        const int post = static_cast<int>((run * 13 + step) % *count) + 1;
        std::string name;
        const auto content = valueFor(run + static_cast<int>(step / *count), post, *leaves, name);
        std::printf("try label %d %s\n", post, name.c_str());
        std::fflush(stdout);
        auto saved = labels::saveLabel(db, labels::LabelKey{1, post, 1}, content);
        if (!saved)
            return fail(saved.message());
        std::printf("label %d %s\n", post, name.c_str());
        std::fflush(stdout);
    }
}

int setupImport(const std::string& path, const std::string& xml) {
    auto project = Project::create(path, "kill import");
    if (!project)
        return fail(project.message());
    auto report = corpus::importSources(*project, {xml}, corpus::ImportOptions{});
    if (!report)
        return fail(report.message());
    return 0;
}

int import(const std::string& path, const std::string& xml) {
    auto project = Project::open(path);
    if (!project)
        return fail(project.message());
    corpus::ImportOptions options;
    options.source = "big"; // other posts than the setup's: the import adds every one
    auto report = corpus::importSources(*project, {xml}, options);
    if (!report)
        return fail(report.message());
    std::printf("import %lld\n", static_cast<long long>(report->questions + report->answers));
    std::fflush(stdout);
    return 0;
}

int check(const std::string& path) {
    // Read-only, as `taxo info` opens it: an import killed inside its rollback journal is
    // rolled back by this open too (Project::open).
    auto project = Project::open(path, Project::Access::ReadOnly);
    if (!project)
        return fail("open: " + project.message());
    auto& db = project->db();
    auto stmt = db.prepare("PRAGMA integrity_check");
    if (!stmt)
        return fail(stmt.message());
    std::string verdict;
    while (true) {
        auto row = stmt->step();
        if (!row)
            return fail(row.message());
        if (!*row)
            break;
        verdict += stmt->columnText(0) + ";";
    }
    std::printf("integrity %s\n", verdict.c_str());
    auto posts = db.queryInt("SELECT count(*) FROM posts");
    if (!posts)
        return fail(posts.message());
    std::printf("posts %lld\n", static_cast<long long>(*posts));
    auto labelRows =
        db.prepare(valueQuery("labels", "label_categories", "label_quotes", "label_id"));
    if (!labelRows)
        return fail(labelRows.message());
    while (true) {
        auto row = labelRows->step();
        if (!row)
            return fail(row.message());
        if (!*row)
            break;
        std::printf("label %s %s\n", labelRows->columnText(0).c_str(),
                    labelRows->columnText(1).c_str());
    }
    auto decisions = db.prepare(
        valueQuery("decisions", "decision_categories", "decision_quotes", "decision_id"));
    if (!decisions)
        return fail(decisions.message());
    auto status = decisions->forEachRow([](const sql::Statement& row) {
        std::printf("decision %s %s\n", row.columnText(0).c_str(), row.columnText(1).c_str());
    });
    if (!status)
        return fail(status.message());
    return 0;
}

// Builds the demo project at the path, as `taxo demo` does, and says when it is done.
int buildDemo(const std::string& path) {
    auto summary = demo::createDemoProject(path);
    if (!summary)
        return fail("demo: " + summary.message());
    std::printf("demo %lld\n", static_cast<long long>(summary->decisions));
    std::fflush(stdout);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() == 3 && args[0] == "setup-label")
        return setupLabel(args[1], std::atoi(args[2].c_str()));
    if (args.size() == 3 && args[0] == "label")
        return label(args[1], std::atoi(args[2].c_str()));
    if (args.size() == 3 && args[0] == "setup-import")
        return setupImport(args[1], args[2]);
    if (args.size() == 3 && args[0] == "import")
        return import(args[1], args[2]);
    if (args.size() == 3 && args[0] == "setup-arbitrate")
        return setupArbitrate(args[1], std::atoi(args[2].c_str()));
    if (args.size() == 3 && args[0] == "arbitrate")
        return arbitrate(args[1], std::atoi(args[2].c_str()));
    if (args.size() == 3 && args[0] == "setup-merge")
        return setupMerge(args[1], std::atoi(args[2].c_str()));
    if (args.size() == 3 && args[0] == "merge")
        return merge(args[1], args[2]);
    if (args.size() == 2 && args[0] == "check")
        return check(args[1]);
    if (args.size() == 2 && args[0] == "demo")
        return buildDemo(args[1]);
    return fail("usage: setup-label|label|setup-import|import|setup-arbitrate|arbitrate|"
                "setup-merge|merge|check|demo <project> [arg]");
}
