#include "core/store/sqlite.h"

#include <filesystem>
#include <sqlite3.h>
#include <unistd.h>
#include <utility>

namespace taxo::sql {
namespace {

// "file:" URI of a path, with the characters a URI gives a meaning to escaped.
std::string fileUri(const std::string& path) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string uri = "file:";
    for (const unsigned char c : path) {
        if (c == '%' || c == '?' || c == '#' || c < 0x20 || c >= 0x7F) {
            uri += '%';
            uri += kHex[c >> 4];
            uri += kHex[c & 0xF];
        } else {
            uri += static_cast<char>(c);
        }
    }
    return uri;
}

bool writable(const std::string& path) {
    return ::access(path.c_str(), W_OK) == 0;
}

bool exists(const std::string& path) {
    std::error_code error;
    return std::filesystem::exists(path, error);
}

} // namespace

std::string folderOf(const std::string& file) {
    const auto folder = std::filesystem::path(file).parent_path().string();
    return folder.empty() ? "." : folder;
}

bool folderIsReadOnly(const std::string& file) {
    return !writable(folderOf(file));
}

std::string readOnlyReason(const std::string& file) {
    const auto folder = folderOf(file);
    if (!writable(folder))
        return "the folder " + folder +
               " is read-only; copy the project to a folder you can write to, or open it "
               "read-only";
    for (const char* suffix : {"-wal", "-shm", "-journal"})
        if (exists(file + suffix) && !writable(file + suffix))
            return file + suffix +
                   " belongs to another user who has the project open (or had it open); ask "
                   "them to close Taxonomist, then try again";
    if (!writable(file))
        return "the file is read-only; make it writable, or open it read-only";
    return "the file cannot be written";
}

std::string describeFailure(sqlite3* handle, int code, const std::string& message) {
    const char* name = handle ? sqlite3_db_filename(handle, "main") : nullptr;
    const std::string file = name && *name ? name : "";
    if (file.empty())
        return message;
    switch (code & 0xFF) {
    case SQLITE_FULL:
        return file + ": the disk is full, so nothing was saved (" + message +
               "); free some space and try again";
    case SQLITE_IOERR:
        return file + ": the disk could not be read or written (" + message +
               "); check the disk and its free space, then try again";
    case SQLITE_READONLY:
        if (code == SQLITE_READONLY_ROLLBACK)
            return message;
        return file + ": cannot write: " + readOnlyReason(file) + " (" + message + ")";
    default:
        return message;
    }
}

Database::~Database() {
    close();
}

Database::Database(Database&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)), path_(std::move(other.path_)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        close();
        handle_ = std::exchange(other.handle_, nullptr);
        path_ = std::move(other.path_);
    }
    return *this;
}

void Database::close() {
    if (handle_) {
        sqlite3_close_v2(handle_);
        handle_ = nullptr;
    }
}

Result<Database> Database::open(const std::string& path, Mode mode) {
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    switch (mode) {
    case Mode::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        break;
    case Mode::ReadOnlyImmutable:
        flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
        break;
    case Mode::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case Mode::Create:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    }
    sqlite3* handle = nullptr;
    const std::string name =
        mode == Mode::ReadOnlyImmutable ? fileUri(path) + "?immutable=1" : path;
    const int rc = sqlite3_open_v2(name.c_str(), &handle, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = handle ? sqlite3_errmsg(handle) : sqlite3_errstr(rc);
        if (handle)
            sqlite3_close_v2(handle);
        return makeError(path + ": cannot open: " + message);
    }
    sqlite3_extended_result_codes(handle, 1);
    // Every file may come from someone else (a package, a project sent by mail): the
    // defensive mode stops SQL from corrupting the file on purpose (writable_schema and
    // the like), and an untrusted schema may not call functions with side effects from
    // its views, triggers or defaults.
    int defensive = 0;
    int trusted = 1;
    if (sqlite3_db_config(handle, SQLITE_DBCONFIG_DEFENSIVE, 1, &defensive) != SQLITE_OK ||
        sqlite3_db_config(handle, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &trusted) != SQLITE_OK ||
        defensive != 1 || trusted != 0) {
        sqlite3_close_v2(handle);
        return makeError(path + ": cannot open: SQLite refused its defensive settings");
    }
    // Another process (a second instance) may hold the write lock briefly.
    sqlite3_busy_timeout(handle, 5000);
    return Database(handle, path);
}

Status Database::exec(std::string_view sql) {
    const std::string text(sql);
    char* raw = nullptr;
    const int rc = sqlite3_exec(handle_, text.c_str(), nullptr, nullptr, &raw);
    if (rc != SQLITE_OK) {
        std::string message = raw ? raw : sqlite3_errstr(rc);
        sqlite3_free(raw);
        return makeError(describeFailure(handle_, sqlite3_extended_errcode(handle_), message));
    }
    return {};
}

Result<Statement> Database::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    const int rc =
        sqlite3_prepare_v2(handle_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK)
        return makeError(lastError());
    return Statement(stmt, handle_);
}

Result<std::int64_t> Database::queryInt(std::string_view sql) {
    auto stmt = prepare(sql);
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError("query returned no row");
    return stmt->columnInt(0);
}

Result<std::string> Database::queryText(std::string_view sql) {
    auto stmt = prepare(sql);
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError("query returned no row");
    return stmt->columnText(0);
}

std::int64_t Database::lastInsertRowId() const {
    return sqlite3_last_insert_rowid(handle_);
}
int Database::changes() const {
    return sqlite3_changes(handle_);
}
std::string Database::lastError() const {
    return handle_ ? describeFailure(handle_, sqlite3_extended_errcode(handle_),
                                     sqlite3_errmsg(handle_))
                   : "database is not open";
}
int Database::lastErrorCode() const {
    return handle_ ? sqlite3_extended_errcode(handle_) : SQLITE_MISUSE;
}

Statement::~Statement() {
    if (handle_)
        sqlite3_finalize(handle_);
}

Statement::Statement(Statement&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)), db_(other.db_),
      bindError_(std::move(other.bindError_)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        if (handle_)
            sqlite3_finalize(handle_);
        handle_ = std::exchange(other.handle_, nullptr);
        db_ = other.db_;
        bindError_ = std::move(other.bindError_);
    }
    return *this;
}

void Statement::checkBind(int rc) {
    if (rc != SQLITE_OK && bindError_.empty())
        bindError_ = sqlite3_errmsg(db_);
}

Statement& Statement::bind(int index, std::int64_t value) {
    checkBind(sqlite3_bind_int64(handle_, index, value));
    return *this;
}

Statement& Statement::bind(int index, double value) {
    checkBind(sqlite3_bind_double(handle_, index, value));
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    checkBind(sqlite3_bind_text64(handle_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                                  SQLITE_UTF8));
    return *this;
}

Statement& Statement::bindNull(int index) {
    checkBind(sqlite3_bind_null(handle_, index));
    return *this;
}

Result<bool> Statement::step() {
    if (!bindError_.empty())
        return makeError("cannot bind value: " + bindError_);
    const int rc = sqlite3_step(handle_);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    return makeError(describeFailure(db_, sqlite3_extended_errcode(db_), sqlite3_errmsg(db_)));
}

Status Statement::run() {
    auto result = step();
    if (!result)
        return result.error();
    reset();
    return {};
}

void Statement::reset() {
    sqlite3_reset(handle_);
    sqlite3_clear_bindings(handle_);
    bindError_.clear();
}

std::int64_t Statement::columnInt(int column) const {
    return sqlite3_column_int64(handle_, column);
}
double Statement::columnDouble(int column) const {
    return sqlite3_column_double(handle_, column);
}

std::string Statement::columnText(int column) const {
    const auto* text = sqlite3_column_text(handle_, column);
    if (!text)
        return {};
    const int size = sqlite3_column_bytes(handle_, column);
    return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

bool Statement::columnIsNull(int column) const {
    return sqlite3_column_type(handle_, column) == SQLITE_NULL;
}

std::optional<std::int64_t> Statement::columnOptionalInt(int column) const {
    if (columnIsNull(column))
        return std::nullopt;
    return columnInt(column);
}

std::optional<std::string> Statement::columnOptionalText(int column) const {
    if (columnIsNull(column))
        return std::nullopt;
    return columnText(column);
}

int Statement::columnCount() const {
    return sqlite3_column_count(handle_);
}

Transaction::Transaction(Database& db, Lock lock) : db_(db) {
    begun_ = db_.exec(lock == Lock::Exclusive ? "BEGIN EXCLUSIVE" : "BEGIN IMMEDIATE");
    active_ = begun_.ok();
}

Transaction::~Transaction() {
    rollback();
}

Status Transaction::commit() {
    if (!active_)
        return begun_.ok() ? Status(makeError("transaction is not active")) : begun_;
    auto status = db_.exec("COMMIT");
    if (!status) {
        rollback();
        return status;
    }
    active_ = false;
    return {};
}

void Transaction::rollback() {
    if (active_) {
        (void)db_.exec("ROLLBACK");
        active_ = false;
    }
}

} // namespace taxo::sql
