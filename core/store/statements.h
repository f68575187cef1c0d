#pragma once
// The one way core reads rows into values and runs a transaction: small
// conveniences over sql::Statement and sql::Transaction for the common shapes
// (run with parameters, read one integer, read rows through a mapper, run a body
// inside BEGIN ... COMMIT), so that the rules in the other folders read as rules
// rather than as plumbing. Values are still always bound, never spliced into the
// SQL text.

#include "core/store/sqlite.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace taxo::sql {
namespace detail {
inline void bindAll(Statement&, int) {}
template <typename T, typename... Rest>
void bindAll(Statement& stmt, int index, const T& value, const Rest&... rest) {
    stmt.bind(index, value);
    bindAll(stmt, index + 1, rest...);
}
} // namespace detail

template <typename... Args>
Result<Statement> prepareBound(Database& db, std::string_view query, const Args&... args) {
    auto stmt = db.prepare(query);
    if (!stmt)
        return stmt.error();
    detail::bindAll(*stmt, 1, args...);
    return stmt;
}

template <typename... Args>
Status runBound(Database& db, std::string_view query, const Args&... args) {
    auto stmt = prepareBound(db, query, args...);
    if (!stmt)
        return stmt.error();
    return stmt->run();
}

// The first column of the first row, or nullopt when there is no row or it is NULL.
template <typename... Args>
Result<std::optional<std::int64_t>> queryOptionalIntBound(Database& db, std::string_view query,
                                                          const Args&... args) {
    auto stmt = prepareBound(db, query, args...);
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<std::int64_t>();
    return stmt->columnOptionalInt(0);
}

// A count or other aggregate that always yields one row.
template <typename... Args>
Result<std::int64_t> queryIntBound(Database& db, std::string_view query, const Args&... args) {
    auto value = queryOptionalIntBound(db, query, args...);
    if (!value)
        return value.error();
    return value->value_or(0);
}

// Every row, each made into a value by mapper (T(Statement&)), in the query's order.
template <typename T, typename Mapper, typename... Args>
Result<std::vector<T>> queryRows(Database& db, std::string_view query, Mapper&& mapper,
                                 const Args&... args) {
    auto stmt = prepareBound(db, query, args...);
    if (!stmt)
        return stmt.error();
    std::vector<T> values;
    if (auto status = stmt->forEachRow([&](Statement& row) { values.push_back(mapper(row)); });
        !status)
        return status.error();
    return values;
}

// The first row made into a value, or nullopt when there is none.
template <typename T, typename Mapper, typename... Args>
Result<std::optional<T>> queryOptionalRow(Database& db, std::string_view query, Mapper&& mapper,
                                          const Args&... args) {
    auto stmt = prepareBound(db, query, args...);
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<T>();
    return std::optional<T>(mapper(*stmt));
}

// Calls onRow(Statement&) for every row, for reads that fold rows into something
// other than a list (a map, a running total, a stream written as it is read).
template <typename OnRow, typename... Args>
Status forEachRow(Database& db, std::string_view query, OnRow&& onRow, const Args&... args) {
    auto stmt = prepareBound(db, query, args...);
    if (!stmt)
        return stmt.error();
    return stmt->forEachRow(onRow);
}

// The first column of every row.
template <typename... Args>
Result<std::vector<std::int64_t>> queryIntsBound(Database& db, std::string_view query,
                                                 const Args&... args) {
    return queryRows<std::int64_t>(
        db, query, [](Statement& row) { return row.columnInt(0); }, args...);
}

// How a failed BEGIN or COMMIT is told: its message after a prefix that names the
// file and what could not be done ("FILE: cannot save: "). Empty: SQLite's message alone.
struct TransactionWording {
    std::string begin;
    std::string commit;
};

// Runs body (returning Status or Result<T>) inside one transaction: committed when
// body succeeds, rolled back when it fails, so a refused operation leaves the
// project unchanged. Body's own error is returned as it is.
template <typename Body>
auto inTransaction(Database& db, const TransactionWording& wording, Body&& body,
                   Transaction::Lock lock = Transaction::Lock::Immediate) -> decltype(body()) {
    Transaction transaction(db, lock);
    if (!transaction.begun())
        return makeError(wording.begin + transaction.begun().message());
    auto result = body();
    if (!result)
        return result;
    if (auto status = transaction.commit(); !status)
        return makeError(wording.commit + status.message());
    return result;
}

template <typename Body> auto inTransaction(Database& db, Body&& body) -> decltype(body()) {
    return inTransaction(db, TransactionWording{}, std::forward<Body>(body));
}

} // namespace taxo::sql
