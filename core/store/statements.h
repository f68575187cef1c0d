#pragma once
// Small conveniences over sql::Statement for the common one-shot shapes
// (run with parameters, read one integer, read a column of integers), so that
// the rules in codebook/ and labels/ read as rules rather than as plumbing.
// Values are still always bound, never spliced into the SQL text.

#include "core/store/sqlite.h"

#include <cstdint>
#include <optional>
#include <string_view>
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

// The first column of every row.
template <typename... Args>
Result<std::vector<std::int64_t>> queryIntsBound(Database& db, std::string_view query,
                                                 const Args&... args) {
    auto stmt = prepareBound(db, query, args...);
    if (!stmt)
        return stmt.error();
    std::vector<std::int64_t> values;
    while (true) {
        auto row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        values.push_back(stmt->columnInt(0));
    }
    return values;
}

} // namespace taxo::sql
