#include "core/store/sqlite.h"
#include "tests/support/test_support.h"

#include <catch2/catch.hpp>

using taxo::sql::Database;
using taxo::sql::Transaction;

TEST_CASE("statements bind values instead of splicing them into SQL", "[sqlite]") {
    taxo::test::TempDir dir;
    auto db = Database::open(dir.file("a.db"), Database::Mode::Create);
    REQUIRE(db.ok());
    REQUIRE(db->exec("CREATE TABLE t (a INTEGER, b TEXT, c REAL)").ok());
    auto insert = db->prepare("INSERT INTO t VALUES (?, ?, ?)");
    REQUIRE(insert.ok());
    const std::string hostile = "x'); DROP TABLE t; --";
    REQUIRE(insert->bind(1, 42).bind(2, hostile).bind(3, 2.5).run().ok());
    REQUIRE(insert->bind(1, std::optional<std::int64_t>()).bind(2, "").bind(3, 0.0).run().ok());

    auto select = db->prepare("SELECT a, b, c FROM t ORDER BY rowid");
    REQUIRE(select.ok());
    auto row = select->step();
    REQUIRE(row.ok());
    REQUIRE(*row);
    CHECK(select->columnInt(0) == 42);
    CHECK(select->columnText(1) == hostile);
    CHECK(select->columnDouble(2) == 2.5);
    row = select->step();
    REQUIRE(*row);
    CHECK(select->columnIsNull(0));
    CHECK_FALSE(select->columnOptionalInt(0).has_value());
    CHECK(*select->step() == false);
}

TEST_CASE("a transaction that is not committed rolls back", "[sqlite]") {
    taxo::test::TempDir dir;
    auto db = Database::open(dir.file("a.db"), Database::Mode::Create);
    REQUIRE(db.ok());
    REQUIRE(db->exec("CREATE TABLE t (a INTEGER)").ok());
    {
        Transaction transaction(*db);
        REQUIRE(transaction.begun().ok());
        REQUIRE(db->exec("INSERT INTO t VALUES (1)").ok());
    }
    CHECK(*db->queryInt("SELECT count(*) FROM t") == 0);
    {
        Transaction transaction(*db);
        REQUIRE(db->exec("INSERT INTO t VALUES (1)").ok());
        REQUIRE(transaction.commit().ok());
    }
    CHECK(*db->queryInt("SELECT count(*) FROM t") == 1);
}

TEST_CASE("SQL errors come back as messages", "[sqlite]") {
    taxo::test::TempDir dir;
    auto db = Database::open(dir.file("a.db"), Database::Mode::Create);
    REQUIRE(db.ok());
    auto bad = db->prepare("SELEC nonsense");
    REQUIRE_FALSE(bad.ok());
    CHECK_THAT(bad.message(), Catch::Contains("syntax error"));
    auto missing = Database::open(dir.file("missing/nowhere.db"), Database::Mode::ReadWrite);
    REQUIRE_FALSE(missing.ok());
    CHECK_THAT(missing.message(), Catch::Contains("nowhere.db"));
}
