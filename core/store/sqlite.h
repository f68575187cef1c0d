#pragma once
// Thin RAII wrappers over the SQLite C API. Values are always bound, never
// spliced into SQL text; every failure becomes a Result carrying SQLite's message.

#include "core/util/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace taxo::sql {

class Statement;

// SQLite's message for a failed call on the connection, with the file and what to do
// added where SQLite names neither: a full disk, an I/O error, a write refused because
// the folder, another user's -wal/-shm or the file itself is read-only.
std::string describeFailure(sqlite3* handle, int code, const std::string& message);

// The folder a file is in ("." for a bare name), and whether it refuses writes.
std::string folderOf(const std::string& file);
bool folderIsReadOnly(const std::string& file);
// Why a write to the file is refused, in words that say what to do: SQLite's own
// "attempt to write a readonly database" names neither the file nor the cause.
std::string readOnlyReason(const std::string& file);

class Database {
public:
    // ReadOnlyImmutable reads a file that nobody can change while it is open (its folder
    // is read-only, so no writer can make a -wal): SQLite then takes no locks and needs
    // no -shm beside it.
    enum class Mode { ReadWrite, ReadOnly, ReadOnlyImmutable, Create };

    Database() = default;
    ~Database();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    static Result<Database> open(const std::string& path, Mode mode);

    bool isOpen() const { return handle_ != nullptr; }
    sqlite3* handle() const { return handle_; }
    const std::string& path() const { return path_; }

    // Runs one or more statements that take no parameters (DDL, pragmas).
    Status exec(std::string_view sql);
    Result<Statement> prepare(std::string_view sql);

    // Convenience for a single integer/text answer (e.g. a pragma).
    Result<std::int64_t> queryInt(std::string_view sql);
    Result<std::string> queryText(std::string_view sql);

    std::int64_t lastInsertRowId() const;
    int changes() const;
    std::string lastError() const;
    // Why the last call failed, as SQLite's extended result code (SQLITE_BUSY,
    // SQLITE_READONLY_ROLLBACK, ...), for callers that answer some failures differently.
    int lastErrorCode() const;
    void close();

private:
    explicit Database(sqlite3* handle, std::string path)
        : handle_(handle), path_(std::move(path)) {}
    sqlite3* handle_ = nullptr;
    std::string path_;
};

class Statement {
public:
    Statement() = default;
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Parameters are 1-based, as in SQLite.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const std::string& value) {
        return bind(index, std::string_view(value));
    }
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bindNull(int index);
    template <typename T> Statement& bind(int index, const std::optional<T>& value) {
        if (value)
            return bind(index, *value);
        return bindNull(index);
    }

    // true: a row is available; false: done.
    Result<bool> step();
    // Runs a statement that returns no rows.
    Status run();
    // Steps through every row, calling onRow(*this) for each; stops at the first error.
    template <typename OnRow> Status forEachRow(OnRow&& onRow) {
        while (true) {
            auto row = step();
            if (!row)
                return row.error();
            if (!*row)
                return {};
            onRow(*this);
        }
    }
    void reset();

    std::int64_t columnInt(int column) const;
    double columnDouble(int column) const;
    std::string columnText(int column) const;
    bool columnIsNull(int column) const;
    std::optional<std::int64_t> columnOptionalInt(int column) const;
    std::optional<std::string> columnOptionalText(int column) const;
    int columnCount() const;

private:
    friend class Database;
    Statement(sqlite3_stmt* handle, sqlite3* db) : handle_(handle), db_(db) {}
    void checkBind(int rc);
    sqlite3_stmt* handle_ = nullptr;
    sqlite3* db_ = nullptr;
    std::string bindError_;
};

// BEGIN IMMEDIATE on construction; rolls back unless commit() succeeded.
class Transaction {
public:
    enum class Lock {
        Immediate, // the write lock now; readers go on until the commit (WAL: throughout)
        Exclusive, // every lock now: with a rollback journal, no reader can then make a
                   // later spill or the commit wait, or fail
    };
    explicit Transaction(Database& db, Lock lock = Lock::Immediate);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    const Status& begun() const { return begun_; }
    Status commit();
    void rollback();

private:
    Database& db_;
    Status begun_;
    bool active_ = false;
};

} // namespace taxo::sql
