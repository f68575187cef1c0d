// Core's change records for the undo history: each change returns a record, and its
// undo and redo functions put the project back exactly as it was before and after,
// read through the tables the change writes.

#include "core/labels/labels.h"
#include "core/people/people.h"
#include "core/project/project.h"
#include "core/rounds/rounds.h"
#include "core/screening/screening.h"
#include "core/store/sqlite.h"
#include "tests/support/study_builder.h"
#include "tests/support/test_support.h"

#include <catch2/catch.hpp>

using taxo::Project;
using taxo::test::makeStudy;
using taxo::test::numberedItems;
using taxo::test::runCli;
namespace people = taxo::people;
namespace rounds = taxo::rounds;
namespace screening = taxo::screening;

namespace {

// The rows of one query as text, in the query's order.
std::string rows(Project& project, const std::string& query) {
    auto stmt = project.db().prepare(query);
    REQUIRE(stmt.ok());
    std::string text;
    REQUIRE(stmt->forEachRow([&](taxo::sql::Statement& row) {
                    for (int i = 0; i < row.columnCount(); ++i)
                        text += (i ? "|" : "") + row.columnText(i);
                    text += "\n";
                })
                .ok());
    return text;
}

std::string coders(Project& project) {
    return rows(project, "SELECT r.name, p.name FROM round_coders c JOIN rounds r ON r.id = "
                         "c.round_id JOIN people p ON p.id = c.person_id ORDER BY 1, 2");
}

std::int64_t id(Project& project, const std::string& query) {
    auto value = project.db().queryInt(query);
    REQUIRE(value.ok());
    return *value;
}

// A set of six posts sampled whole, with coders Ann, Bo and Cy and the lead Lee.
struct Study {
    taxo::test::TempDir dir;
    std::string path = dir.file("study.taxo");
    Study() {
        makeStudy(path, {{"Set", numberedItems(6)}});
        REQUIRE(runCli({"sample", path, "--set", "Set", "--size", "6", "--seed", "3"}).code == 0);
        for (const char* name : {"Ann", "Bo", "Cy"})
            REQUIRE(runCli({"people", "add", path, name, "--role", "coder"}).code == 0);
        REQUIRE(runCli({"people", "add", path, "Lee", "--role", "lead"}).code == 0);
    }
};

} // namespace

TEST_CASE("an assignment's undo puts back the coders core found before it", "[undo][rounds]") {
    Study study;
    auto project = Project::open(study.path);
    REQUIRE(project.ok());
    auto& db = project->db();
    const auto fresh = coders(*project);
    // The first assignment replaces nobody: its undo leaves the round without coders.
    auto first = rounds::changeCoders(db, "Set reliability", {"Ann", "Bo"});
    REQUIRE(first.ok());
    CHECK(first->before.empty());
    const auto afterFirst = coders(*project);
    CHECK(afterFirst != fresh);
    // The second replaces Ann and Bo; core read them in the same transaction.
    auto second = rounds::changeCoders(db, "Set reliability", {"Bo", "Cy"});
    REQUIRE(second.ok());
    CHECK(second->before == std::vector<std::string>{"Ann", "Bo"});
    const auto afterSecond = coders(*project);
    REQUIRE(rounds::undoAssign(db, *second).ok());
    CHECK(coders(*project) == afterFirst);
    REQUIRE(rounds::redoAssign(db, *second).ok());
    CHECK(coders(*project) == afterSecond);
    REQUIRE(rounds::undoAssign(db, *second).ok());
    REQUIRE(rounds::undoAssign(db, *first).ok());
    CHECK(coders(*project) == fresh);
    // A refused assignment gives no record and changes nothing.
    auto refused = rounds::changeCoders(db, "Set reliability", {"Ann"});
    CHECK_FALSE(refused.ok());
    CHECK(coders(*project) == fresh);
}

TEST_CASE("a role change and its inverse come from core", "[undo][people]") {
    Study study;
    auto project = Project::open(study.path);
    REQUIRE(project.ok());
    auto& db = project->db();
    const std::string query = "SELECT p.name, r.role, r.root_name FROM person_roles r JOIN people "
                              "p ON p.id = r.person_id "
                              "ORDER BY 1, 2, 3";
    const auto before = rows(*project, query);
    auto given = people::changeRole(db, {"Dee", people::Role::Arbitrator, "Mobile", true});
    REQUIRE(given.ok());
    const auto after = rows(*project, query);
    CHECK(after != before);
    REQUIRE(people::undoRoleChange(db, *given).ok());
    CHECK(rows(*project, query) == before);
    REQUIRE(people::applyRoleChange(db, *given).ok());
    CHECK(rows(*project, query) == after);

    auto taken = people::changeRole(db, {"Cy", people::Role::Coder, "", false});
    REQUIRE(taken.ok());
    REQUIRE(people::undoRoleChange(db, *taken).ok());
    CHECK(rows(*project, query) == after);
    // A refusal gives no record.
    CHECK_FALSE(people::changeRole(db, {"Dee", people::Role::Coder, "Mobile", true}).ok());
    CHECK(rows(*project, query) == after);
}

TEST_CASE("a saved label's undo puts back the label before, its redo the same content",
          "[undo][labels]") {
    Study study;
    auto project = Project::open(study.path);
    REQUIRE(project.ok());
    auto& db = project->db();
    REQUIRE(rounds::changeCoders(db, "Set reliability", {"Ann", "Bo"}).ok());
    taxo::labels::LabelKey key;
    key.roundId = id(*project, "SELECT id FROM rounds WHERE name = 'Set reliability'");
    key.postId = id(*project, "SELECT min(post_id) FROM round_items WHERE round_id = (SELECT id "
                              "FROM rounds WHERE name = 'Set reliability')");
    key.coder = id(*project, "SELECT id FROM people WHERE name = 'Ann'");
    const std::string query = "SELECT id, special, note FROM labels ORDER BY id";
    const auto none = rows(*project, query);
    taxo::labels::LabelContent unclear;
    unclear.special = taxo::labels::Special::Unclear;
    auto first = taxo::labels::changeLabel(db, key, unclear);
    REQUIRE(first.ok());
    CHECK_FALSE(first->previous.has_value());
    const auto afterFirst = rows(*project, query);
    taxo::labels::LabelContent pending;
    pending.special = taxo::labels::Special::Pending;
    pending.note = "ask the lead";
    auto second = taxo::labels::changeLabel(db, key, pending);
    REQUIRE(second.ok());
    REQUIRE(second->previous.has_value());
    const auto afterSecond = rows(*project, query);
    REQUIRE(taxo::labels::undoSave(db, *second).ok());
    CHECK(rows(*project, query) == afterFirst);
    REQUIRE(taxo::labels::redoSave(db, *second).ok());
    CHECK(rows(*project, query) == afterSecond);
    REQUIRE(taxo::labels::undoSave(db, *second).ok());
    REQUIRE(taxo::labels::undoSave(db, *first).ok());
    CHECK(rows(*project, query) == none);
}

TEST_CASE("screening marks and decisions undo to exactly what was there", "[undo][screening]") {
    taxo::test::TempDir dir;
    const auto path = dir.file("study.taxo");
    makeStudy(path, {{"Browser", numberedItems(4)}});
    auto project = Project::open(path);
    REQUIRE(project.ok());
    auto& db = project->db();
    for (const char* name : {"Ann", "Bo"})
        REQUIRE(people::addRole(*project, name, people::Role::Coder));
    REQUIRE(people::addRole(*project, "Lee", people::Role::Lead));
    auto round = screening::createRound(*project, {"Browser", {"Ann", "Bo"}, ""});
    REQUIRE(round.ok());
    const auto ann = id(*project, "SELECT id FROM people WHERE name = 'Ann'");
    const auto bo = id(*project, "SELECT id FROM people WHERE name = 'Bo'");
    const auto lee = id(*project, "SELECT id FROM people WHERE name = 'Lee'");
    const auto post = id(*project, "SELECT min(post_id) FROM round_items");
    const std::string marks =
        "SELECT post_id, coder_id, relevant FROM screening_marks ORDER BY 1, 2";
    const std::string members = "SELECT post_id FROM set_members ORDER BY 1";

    // One change that marks the same post twice: the undo gives back the mark from
    // before both (none), not the one between them.
    const auto none = rows(*project, marks);
    auto twice = screening::changeMarks(db, round->roundId, ann, {{post, true}, {post, false}});
    REQUIRE(twice.ok());
    const auto afterTwice = rows(*project, marks);
    REQUIRE(screening::undoMarks(db, *twice).ok());
    CHECK(rows(*project, marks) == none);
    REQUIRE(screening::redoMarks(db, *twice).ok());
    CHECK(rows(*project, marks) == afterTwice);

    // Bo disagrees; the lead rules the post out of the set, and the undo brings it back.
    REQUIRE(screening::changeMarks(db, round->roundId, bo, {{post, true}}).ok());
    const auto inSet = rows(*project, members);
    auto decided = screening::changeDecision(db, round->roundId, post,
                                             screening::DecisionInput{lee, false, "off topic"});
    REQUIRE(decided.ok());
    CHECK_FALSE(decided->before.has_value());
    const auto outOfSet = rows(*project, members);
    CHECK(outOfSet != inSet);
    REQUIRE(screening::undoDecisionChange(db, *decided).ok());
    CHECK(rows(*project, members) == inSet);
    CHECK(id(*project, "SELECT count(*) FROM screening_decisions") == 0);
    REQUIRE(screening::redoDecisionChange(db, *decided).ok());
    CHECK(rows(*project, members) == outOfSet);
}
