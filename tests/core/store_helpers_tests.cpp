#include "core/rounds/rounds.h"
#include "core/store/statements.h"
#include "tests/support/test_support.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>

using taxo::Result;
using taxo::Status;
using taxo::sql::Database;
using taxo::sql::Statement;

namespace {

Database tableOfThree(taxo::test::TempDir& dir) {
    auto db = Database::open(dir.file("a.db"), Database::Mode::Create);
    REQUIRE(db.ok());
    REQUIRE(db->exec("CREATE TABLE t (a INTEGER, b TEXT);"
                     "INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, 'three');")
                .ok());
    return std::move(*db);
}

std::pair<std::int64_t, std::string> pairOf(Statement& row) {
    return {row.columnInt(0), row.columnText(1)};
}

} // namespace

TEST_CASE("queryRows maps every row, with bound arguments", "[sqlite]") {
    taxo::test::TempDir dir;
    auto db = tableOfThree(dir);
    auto rows = taxo::sql::queryRows<std::pair<std::int64_t, std::string>>(
        db, "SELECT a, b FROM t WHERE a >= ? AND b <> ? ORDER BY a", pairOf, 2, "three");
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 1);
    CHECK((*rows)[0].first == 2);
    CHECK((*rows)[0].second == "two");

    auto all = taxo::sql::queryRows<std::string>(db, "SELECT b FROM t ORDER BY a DESC",
                                                 [](Statement& row) { return row.columnText(0); });
    REQUIRE(all.ok());
    CHECK(*all == std::vector<std::string>{"three", "two", "one"});
}

TEST_CASE("queryRows of no rows is an empty list, not an error", "[sqlite]") {
    taxo::test::TempDir dir;
    auto db = tableOfThree(dir);
    auto rows = taxo::sql::queryRows<std::int64_t>(
        db, "SELECT a FROM t WHERE a > ?", [](Statement& row) { return row.columnInt(0); }, 99);
    REQUIRE(rows.ok());
    CHECK(rows->empty());

    auto none = taxo::sql::queryOptionalRow<std::string>(
        db, "SELECT b FROM t WHERE a = ?", [](Statement& row) { return row.columnText(0); }, 99);
    REQUIRE(none.ok());
    CHECK_FALSE(none->has_value());
    auto one = taxo::sql::queryOptionalRow<std::string>(
        db, "SELECT b FROM t WHERE a = ?", [](Statement& row) { return row.columnText(0); }, 3);
    REQUIRE(one.ok());
    CHECK(one->value_or("") == "three");
}

TEST_CASE("queryRows and forEachRow report a failing statement", "[sqlite]") {
    taxo::test::TempDir dir;
    auto db = tableOfThree(dir);
    auto missing = taxo::sql::queryRows<std::int64_t>(
        db, "SELECT a FROM nowhere", [](Statement& row) { return row.columnInt(0); });
    REQUIRE_FALSE(missing.ok());
    CHECK_THAT(missing.message(), Catch::Contains("no such table"));

    // Fails while stepping, not while preparing: the error of the step comes back.
    int seen = 0;
    auto overflow = taxo::sql::forEachRow(
        db, "SELECT abs(?)", [&](Statement&) { ++seen; }, std::numeric_limits<std::int64_t>::min());
    REQUIRE_FALSE(overflow.ok());
    CHECK_THAT(overflow.message(), Catch::Contains("integer overflow"));
    CHECK(seen == 0);
}

TEST_CASE("inTransaction commits a body that succeeds", "[sqlite]") {
    taxo::test::TempDir dir;
    auto db = tableOfThree(dir);
    auto added = taxo::sql::inTransaction(db, [&]() -> Result<std::int64_t> {
        if (auto status = taxo::sql::runBound(db, "INSERT INTO t VALUES (?, ?)", 4, "four");
            !status)
            return status.error();
        return db.lastInsertRowId();
    });
    REQUIRE(added.ok());
    CHECK(*added == 4);
    CHECK(*db.queryInt("SELECT count(*) FROM t") == 4);
}

TEST_CASE("inTransaction rolls back a body that fails and keeps its message", "[sqlite]") {
    taxo::test::TempDir dir;
    auto db = tableOfThree(dir);
    auto status = taxo::sql::inTransaction(db, [&]() -> Status {
        if (auto deleted = db.exec("DELETE FROM t"); !deleted)
            return deleted;
        return taxo::makeError("refused on purpose");
    });
    REQUIRE_FALSE(status.ok());
    CHECK(status.message() == "refused on purpose");
    CHECK(*db.queryInt("SELECT count(*) FROM t") == 3);
}

TEST_CASE("inTransaction words a failed BEGIN as it is told", "[sqlite]") {
    taxo::test::TempDir dir;
    auto db = tableOfThree(dir);
    REQUIRE(db.exec("BEGIN").ok()); // a transaction cannot begin inside another
    bool ran = false;
    auto status = taxo::sql::inTransaction(db, {"a.db: cannot write: ", "a.db: cannot save: "},
                                           [&]() -> Status {
                                               ran = true;
                                               return {};
                                           });
    REQUIRE_FALSE(status.ok());
    CHECK_FALSE(ran);
    CHECK_THAT(status.message(), Catch::StartsWith("a.db: cannot write: "));
    CHECK_THAT(status.message(), Catch::Contains("within a transaction"));
    REQUIRE(db.exec("ROLLBACK").ok());
}

TEST_CASE("a round kind reads back from its text and refuses any other", "[rounds]") {
    using taxo::rounds::RoundKind;
    for (const auto kind : {RoundKind::Pilot, RoundKind::Reliability, RoundKind::Screening}) {
        auto parsed = taxo::rounds::parseKind(taxo::rounds::kindName(kind));
        REQUIRE(parsed.ok());
        CHECK(*parsed == kind);
    }
    CHECK(taxo::rounds::kindName(RoundKind::Pilot) == "pilot");
    CHECK(taxo::rounds::kindName(RoundKind::Reliability) == "reliability");
    CHECK(taxo::rounds::kindName(RoundKind::Screening) == "screening");
    for (const char* text : {"", "Pilot", "reliability ", "consensus"}) {
        auto parsed = taxo::rounds::parseKind(text);
        REQUIRE_FALSE(parsed.ok());
        CHECK_THAT(parsed.message(),
                   Catch::Contains("unknown round kind '" + std::string(text) + "'"));
    }
}
