#include "tests/support/study_builder.h"

#include "core/codebook/codebook.h"
#include "core/store/statements.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <sstream>

namespace taxo::test {
namespace {

void exec(sqlite3* db, const std::string& sql, const std::vector<std::string>& values) {
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
    for (std::size_t i = 0; i < values.size(); ++i)
        sqlite3_bind_text(stmt, static_cast<int>(i + 1), values[i].c_str(), -1, SQLITE_TRANSIENT);
    const int rc = sqlite3_step(stmt);
    INFO(sqlite3_errmsg(db));
    sqlite3_finalize(stmt);
    REQUIRE((rc == SQLITE_DONE || rc == SQLITE_ROW));
}

long long count(sqlite3* db, const char* table) {
    sqlite3_stmt* stmt = nullptr;
    const std::string sql = std::string("SELECT count(*) FROM ") + table;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    const auto value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return value;
}

} // namespace

CliOutcome runCli(const std::vector<std::string>& words) {
    return runCli(words, nullptr);
}

CliOutcome runCli(const std::vector<std::string>& words, results::FigureRenderer renderer) {
    std::ostringstream out, err;
    cli::Io io{out, err, false};
    io.renderFigure = renderer;
    const int code = cli::run(words, io);
    return {code, out.str(), err.str()};
}

void makeStudy(const std::string& path,
               const std::vector<std::pair<std::string, std::vector<std::string>>>& sets) {
    {
        auto project = Project::create(path, "sampling test");
        REQUIRE(project.ok());
    }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    exec(db, "BEGIN", {});
    for (const auto& [name, items] : sets) {
        exec(db, "INSERT INTO sets(name, root_name, created) VALUES (?, ?, '2020-01-01')",
             {name, name});
        for (const auto& item : items) {
            const auto colon = item.find(':');
            REQUIRE(colon != std::string::npos);
            const auto source = item.substr(0, colon);
            const auto id = item.substr(colon + 1);
            exec(db, "INSERT OR IGNORE INTO posts(source, source_id, title) VALUES (?, ?, ?)",
                 {source, id, "post " + item});
            exec(db,
                 "INSERT INTO set_members(set_id, post_id) SELECT s.id, p.id FROM sets s, posts p "
                 "WHERE s.name = ? AND p.source = ? AND p.source_id = ?",
                 {name, source, id});
        }
    }
    exec(db, "COMMIT", {});
    sqlite3_close(db);
}

std::vector<std::string> numberedItems(int count, const std::string& source) {
    std::vector<std::string> items;
    for (int i = 1; i <= count; ++i)
        items.push_back(source + ":" + std::to_string(i));
    return items;
}

Snapshot snapshot(const std::string& path) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    Snapshot s{count(db, "samples"),      count(db, "sample_members"), count(db, "rounds"),
               count(db, "round_items"),  count(db, "round_coders"),   count(db, "people"),
               count(db, "person_roles"), count(db, "labels"),         count(db, "change_log")};
    sqlite3_close(db);
    return s;
}

void addLabel(const std::string& path, const std::string& round, const std::string& item,
              const std::string& coder) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    const auto colon = item.find(':');
    exec(db,
         "INSERT INTO labels(round_id, post_id, coder_id, special, updated) "
         "SELECT r.id, p.id, (SELECT id FROM people WHERE name = ?), 'unclear', '2020-01-01' "
         "FROM rounds r, posts p WHERE r.name = ? AND p.source = ? AND p.source_id = ?",
         {coder, round, item.substr(0, colon), item.substr(colon + 1)});
    REQUIRE(sqlite3_changes(db) == 1);
    sqlite3_close(db);
}

void makeResultsStudy(const std::string& path, int unresolved) {
    makeStudy(path,
              {{"Server/Cloud", numberedItems(8)}, {"Mobile", {"so:7", "so:8", "so:9", "so:10"}}});
    auto project = Project::open(path);
    REQUIRE(project.ok());
    auto& db = project->db();
    auto run = [&db](const auto&... args) {
        auto status = sql::runBound(db, args...);
        INFO((status.ok() ? std::string() : status.message()));
        REQUIRE(status.ok());
    };
    auto add = [&db](std::optional<codebook::CategoryId> parent, const char* name,
                     const char* createdIn = "codebook") {
        codebook::NewCategory spec;
        spec.parentId = parent;
        spec.name = name;
        spec.createdIn = createdIn;
        auto added = codebook::addCategory(db, spec);
        INFO((added.ok() ? std::string() : added.message()));
        REQUIRE(added.ok());
        return added->category.id;
    };
    const auto server = add(std::nullopt, "Server/Cloud");
    const auto modelExport = add(server, "Model Export");
    const auto procedure = add(modelExport, "Procedure");
    const auto quantization = add(modelExport, "Quantization");
    const auto format = add(add(server, "Request"), "Format");
    const auto conversion = add(add(std::nullopt, "Mobile"), "Conversion");
    const auto tflite = add(conversion, "TFLite");
    const auto coreMl = add(conversion, "Core ML", "arbitration");

    run("BEGIN");
    // One sample per set; so:7 and so:8 are drawn for both.
    for (const auto& [sample, set] : {std::pair{1, "Server/Cloud"}, std::pair{2, "Mobile"}}) {
        run("INSERT INTO samples(id, set_id, seed, size, method, pilot_fraction, created) "
            "SELECT ?, id, '1', (SELECT count(*) FROM set_members m WHERE m.set_id = sets.id), "
            "'all', 1.0, '2020-01-01' FROM sets WHERE name = ?",
            sample, set);
        run("INSERT INTO sample_members(sample_id, position, post_id) SELECT ?, "
            "row_number() OVER (ORDER BY post_id) - 1, post_id FROM set_members WHERE set_id = "
            "(SELECT id FROM sets WHERE name = ?)",
            sample, set);
    }
    run("INSERT INTO rounds(id, name, kind, sample_id, created) VALUES (1, 'pilot', 'pilot', 1, "
        "'2020-01-01')");
    run("INSERT INTO round_items(round_id, post_id, position) SELECT 1, id, id - 1 FROM posts");
    using Leaves = std::vector<codebook::CategoryId>;
    const std::vector<std::pair<Leaves, const char*>> labels = {
        {{procedure}, nullptr},
        {{procedure, quantization}, nullptr},
        {{quantization}, nullptr},
        {{format}, nullptr},
        {{}, "false_positive"},
        {{}, "unclear"},
        {{procedure, tflite}, nullptr},
        {{format}, nullptr},
        {{tflite}, nullptr},
        {{coreMl}, nullptr},
    };
    const int labeled = static_cast<int>(labels.size()) - unresolved;
    for (int post = 1; post <= labeled; ++post) {
        const auto& [leaves, special] = labels[static_cast<std::size_t>(post - 1)];
        run("INSERT INTO labels(round_id, post_id, coder_id, special, updated) VALUES (1, ?, "
            "NULL, ?, '2020-01-01')",
            post, special ? std::optional<std::string>(special) : std::nullopt);
        const auto label = db.lastInsertRowId();
        for (const auto leaf : leaves)
            run("INSERT INTO label_categories(label_id, category_id) VALUES (?, ?)", label, leaf);
    }
    run("COMMIT");
}

} // namespace taxo::test
