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

std::vector<std::int64_t> StudyBuilder::posts(const std::vector<corpus::PostEntry>& posts) {
    return orFail(corpus::addPosts(db(), posts));
}

std::int64_t StudyBuilder::set(const std::string& name, const std::string& root,
                               const std::vector<std::int64_t>& postIds, const std::string& created,
                               const std::string& rule) {
    INFO(name);
    return orFail(sql::inTransaction(db(), [&] {
        return select::insertListedSet(db(), {name, root, postIds, rule, created});
    }));
}

std::int64_t StudyBuilder::sample(const sampling::NewSample& sample) {
    return orFail(sql::inTransaction(db(), [&] { return sampling::insertSample(db(), sample); }));
}

std::int64_t StudyBuilder::person(const std::string& name) {
    INFO(name);
    return orFail(people::addPerson(db(), name));
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

StudyBuilder& StudyBuilder::example(codebook::CategoryId category, std::int64_t postId) {
    orFail(codebook::addExample(db(), category, postId));
    return *this;
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
    for (const auto& [name, items] : sets) {
        std::vector<corpus::PostEntry> posts;
        for (const auto& item : items) {
            const auto colon = item.find(':');
            REQUIRE(colon != std::string::npos);
            posts.push_back({item.substr(0, colon), item.substr(colon + 1), "post " + item, ""});
        }
        study.set(name, name, study.posts(posts));
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
    // where this study has one pilot over every post.
    for (const auto& [set, posts] :
         {std::pair{1, std::vector<std::int64_t>{1, 2, 3, 4, 5, 6, 7, 8}},
          std::pair{2, std::vector<std::int64_t>{7, 8, 9, 10}}}) {
        sampling::NewSample sample;
        sample.setId = set;
        sample.seed = "1";
        sample.method = sampling::SizeMethod::All;
        sample.pilotFraction = 1.0;
        sample.created = "2020-01-01";
        sample.posts = posts;
        REQUIRE(study.sample(sample) == set);
    }
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
