#include "tests/support/study_builder.h"

#include "core/store/statements.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <sstream>

namespace taxo::test {
namespace {

template <typename T> T orFail(Result<T> result) {
    INFO((result.ok() ? std::string() : result.message()));
    REQUIRE(result.ok());
    return std::move(*result);
}

void orFail(const Status& status) {
    INFO((status.ok() ? std::string() : status.message()));
    REQUIRE(status.ok());
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

// Core writes posts only in an import of a file (corpus::importSources): it
// normalises source ids ("007" becomes "7"), fills answer and comment counts and
// records the import, and corpus::PostWriter needs that import's row, which only
// importSources creates. Fixtures pin raw ids and empty columns, so their posts are
// written as given.
StudyBuilder& StudyBuilder::posts(const std::vector<NewPost>& posts) {
    orFail(sql::inTransaction(db(), [&]() -> Status {
        for (const auto& post : posts)
            if (auto status = sql::runBound(db(),
                                            "INSERT OR IGNORE INTO posts(source, source_id, "
                                            "title, body) VALUES (?, ?, ?, ?)",
                                            post.source, post.sourceId, post.title, post.body);
                !status)
                return status;
        return {};
    }));
    return *this;
}

// Core builds a set only from selection rules matched against the corpus
// (select::selectSets); a fixture's hand-picked members have no rule that picks
// exactly them, so the set and its members are written here.
StudyBuilder& StudyBuilder::set(const std::string& name, const std::string& root,
                                const std::vector<std::int64_t>& postIds,
                                const std::string& created) {
    orFail(sql::inTransaction(db(), [&]() -> Status {
        if (auto status =
                sql::runBound(db(), "INSERT INTO sets(name, root_name, created) VALUES (?, ?, ?)",
                              name, root, created);
            !status)
            return status;
        const auto setId = db().lastInsertRowId();
        for (const auto postId : postIds)
            if (auto status = sql::runBound(
                    db(), "INSERT INTO set_members(set_id, post_id) VALUES (?, ?)", setId, postId);
                !status)
                return status;
        return {};
    }));
    return *this;
}

StudyBuilder& StudyBuilder::role(const std::string& person, people::Role role,
                                 const std::string& root) {
    orFail(people::addRole(db(), person, role, root));
    return *this;
}

std::int64_t StudyBuilder::round(const rounds::NewRound& round) {
    return orFail(sql::inTransaction(db(), [&] { return rounds::insertRound(db(), round); }));
}

codebook::CategoryId StudyBuilder::category(std::optional<codebook::CategoryId> parent,
                                            const std::string& name, const std::string& createdIn) {
    codebook::NewCategory spec;
    spec.parentId = parent;
    spec.name = name;
    spec.createdIn = createdIn;
    INFO(name);
    return orFail(codebook::addCategory(db(), spec)).category.id;
}

std::int64_t StudyBuilder::label(const labels::LabelKey& key, const labels::LabelContent& content) {
    orFail(labels::saveLabel(db(), key, content));
    const auto saved = orFail(labels::loadLabel(db(), key));
    REQUIRE(saved.has_value());
    return saved->id;
}

std::int64_t StudyBuilder::decision(std::int64_t postId, std::int64_t arbitratorId,
                                    const arbitration::DecisionContent& content) {
    return orFail(arbitration::decide(db(), postId, arbitratorId, content)).id;
}

void makeStudy(const std::string& path,
               const std::vector<std::pair<std::string, std::vector<std::string>>>& sets) {
    auto project = Project::create(path, "sampling test");
    REQUIRE(project.ok());
    StudyBuilder study(*project);
    std::vector<NewPost> posts;
    for (const auto& [name, items] : sets)
        for (const auto& item : items) {
            const auto colon = item.find(':');
            REQUIRE(colon != std::string::npos);
            posts.push_back({item.substr(0, colon), item.substr(colon + 1), "post " + item, ""});
        }
    study.posts(posts);
    for (const auto& [name, items] : sets) {
        std::vector<std::int64_t> ids;
        for (const auto& item : items) {
            const auto colon = item.find(':');
            ids.push_back(orFail(sql::queryIntBound(
                study.db(), "SELECT id FROM posts WHERE source = ? AND source_id = ?",
                item.substr(0, colon), item.substr(colon + 1))));
        }
        study.set(name, name, ids);
    }
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
    // Another writer while the app holds the project: the file itself, not Project::open,
    // which the app's lock refuses.
    auto file = sql::Database::open(path, sql::Database::Mode::ReadWrite);
    REQUIRE(file.ok());
    orFail(file->exec("PRAGMA foreign_keys = ON"));
    StudyBuilder study(*file);
    auto& db = study.db();
    const auto colon = item.find(':');
    labels::LabelKey key;
    key.roundId = orFail(sql::queryIntBound(db, "SELECT id FROM rounds WHERE name = ?", round));
    key.postId =
        orFail(sql::queryIntBound(db, "SELECT id FROM posts WHERE source = ? AND source_id = ?",
                                  item.substr(0, colon), item.substr(colon + 1)));
    if (!coder.empty())
        key.coder = orFail(people::findPerson(db, coder));
    labels::LabelContent content;
    content.special = labels::Special::Unclear;
    study.label(key, content);
}

void makeResultsStudy(const std::string& path, int unresolved) {
    makeStudy(path,
              {{"Server/Cloud", numberedItems(8)}, {"Mobile", {"so:7", "so:8", "so:9", "so:10"}}});
    auto project = Project::open(path);
    REQUIRE(project.ok());
    StudyBuilder study(*project);
    auto& db = study.db();
    const auto server = study.category(std::nullopt, "Server/Cloud");
    const auto modelExport = study.category(server, "Model Export");
    const auto procedure = study.category(modelExport, "Procedure");
    const auto quantization = study.category(modelExport, "Quantization");
    const auto format = study.category(study.category(server, "Request"), "Format");
    const auto conversion = study.category(study.category(std::nullopt, "Mobile"), "Conversion");
    const auto tflite = study.category(conversion, "TFLite");
    const auto coreMl = study.category(conversion, "Core ML", "arbitration");

    // One sample per set holding all its posts; so:7 and so:8 are in both. A draw
    // (sampling::drawAndStore) would shuffle them and make its own rounds per set,
    // where this study has one pilot over every post, so the samples are written here.
    orFail(sql::inTransaction(db, [&]() -> Status {
        for (const auto& [sample, set] : {std::pair{1, "Server/Cloud"}, std::pair{2, "Mobile"}}) {
            if (auto status = sql::runBound(
                    db,
                    "INSERT INTO samples(id, set_id, seed, size, method, pilot_fraction, "
                    "created) SELECT ?, id, '1', (SELECT count(*) FROM set_members m WHERE "
                    "m.set_id = sets.id), 'all', 1.0, '2020-01-01' FROM sets WHERE name = ?",
                    sample, set);
                !status)
                return status;
            if (auto status = sql::runBound(
                    db,
                    "INSERT INTO sample_members(sample_id, position, post_id) SELECT ?, "
                    "row_number() OVER (ORDER BY post_id) - 1, post_id FROM set_members WHERE "
                    "set_id = (SELECT id FROM sets WHERE name = ?)",
                    sample, set);
                !status)
                return status;
        }
        return {};
    }));
    rounds::NewRound pilot;
    pilot.name = "pilot";
    pilot.kind = rounds::RoundKind::Pilot;
    pilot.sampleId = 1;
    pilot.created = "2020-01-01";
    for (std::int64_t post = 1; post <= 10; ++post)
        pilot.items.push_back(post);
    REQUIRE(study.round(pilot) == 1);

    using Leaves = std::vector<codebook::CategoryId>;
    using labels::Special;
    const std::vector<std::pair<Leaves, std::optional<Special>>> labels = {
        {{procedure}, std::nullopt},
        {{procedure, quantization}, std::nullopt},
        {{quantization}, std::nullopt},
        {{format}, std::nullopt},
        {{}, Special::FalsePositive},
        {{}, Special::Unclear},
        {{procedure, tflite}, std::nullopt},
        {{format}, std::nullopt},
        {{tflite}, std::nullopt},
        {{coreMl}, std::nullopt},
    };
    const int labeled = static_cast<int>(labels.size()) - unresolved;
    for (int post = 1; post <= labeled; ++post) {
        const auto& [leaves, special] = labels[static_cast<std::size_t>(post - 1)];
        labels::LabelContent content;
        content.categories = leaves;
        content.special = special;
        study.label({1, post, std::nullopt}, content);
    }
}

} // namespace taxo::test
