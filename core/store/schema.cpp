#include "core/store/schema.h"

#include "core/store/statements.h"

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace taxo::schema {
namespace {

// Version 1: the records of docs/project-file.md. Later issues add columns and tables
// through further migrations rather than by editing this text.
constexpr const char* kVersion1 = R"SQL(
CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    source_id TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    created TEXT,
    owner_user_id TEXT,
    owner_display_name TEXT,
    score INTEGER,
    view_count INTEGER,
    answer_count INTEGER,
    comment_count INTEGER,
    closed_date TEXT,
    accepted_answer_source_id TEXT,
    accepted_answer_created TEXT,
    import_id INTEGER REFERENCES imports(id),
    UNIQUE (source, source_id)
);
CREATE TABLE post_tags (
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (post_id, tag)
) WITHOUT ROWID;
CREATE INDEX post_tags_by_tag ON post_tags(tag, post_id);
CREATE TABLE answers (
    id INTEGER PRIMARY KEY,
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    source_id TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    created TEXT,
    score INTEGER,
    owner_user_id TEXT,
    owner_display_name TEXT,
    accepted INTEGER NOT NULL DEFAULT 0 CHECK (accepted IN (0, 1)),
    UNIQUE (post_id, source_id)
);
CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    answer_id INTEGER REFERENCES answers(id) ON DELETE CASCADE,
    source_id TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    created TEXT,
    score INTEGER,
    author TEXT,
    author_user_id TEXT,
    UNIQUE (post_id, source_id)
);
CREATE VIRTUAL TABLE posts_fts USING fts5(title, body_text, tags, tokenize = 'unicode61');
CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    started TEXT NOT NULL,
    report TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE sets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    root_name TEXT NOT NULL,
    rules TEXT NOT NULL DEFAULT '{}',
    created TEXT NOT NULL
);
CREATE TABLE set_members (
    set_id INTEGER NOT NULL REFERENCES sets(id) ON DELETE CASCADE,
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    PRIMARY KEY (set_id, post_id)
) WITHOUT ROWID;

CREATE TABLE samples (
    id INTEGER PRIMARY KEY,
    set_id INTEGER NOT NULL REFERENCES sets(id),
    seed TEXT NOT NULL,
    size INTEGER NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('size', 'auto', 'all')),
    pilot_fraction REAL NOT NULL,
    created TEXT NOT NULL,
    -- How the size came about, so a report can say "95 % / 5 % of 1,325, rounded down".
    population INTEGER,
    confidence REAL,
    margin REAL,
    proportion REAL,
    rounding TEXT CHECK (rounding IN ('ceil', 'nearest', 'floor'))
);
CREATE TABLE sample_members (
    sample_id INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    post_id INTEGER NOT NULL REFERENCES posts(id),
    PRIMARY KEY (sample_id, position),
    UNIQUE (sample_id, post_id)
) WITHOUT ROWID;

CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL
);
CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    parent_id INTEGER REFERENCES categories(id),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL,
    created_by INTEGER REFERENCES people(id),
    created_in TEXT NOT NULL DEFAULT 'codebook' CHECK (created_in IN ('codebook', 'pilot', 'arbitration', 'import'))
);
CREATE UNIQUE INDEX categories_unique_sibling_name ON categories(ifnull(parent_id, 0), name);
CREATE TABLE category_examples (
    category_id INTEGER NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
    post_id INTEGER NOT NULL REFERENCES posts(id),
    PRIMARY KEY (category_id, post_id)
) WITHOUT ROWID;
CREATE TABLE person_roles (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('lead', 'coder', 'arbitrator')),
    root_category_id INTEGER REFERENCES categories(id),
    -- An arbitrator's root by name: roots are often created by the codebook only
    -- after the people are set up. root_category_id is filled when the root exists.
    root_name TEXT
);
CREATE UNIQUE INDEX person_roles_unique ON person_roles(person_id, role, ifnull(root_name, ''));

CREATE TABLE rounds (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('pilot', 'reliability', 'screening')),
    sample_id INTEGER REFERENCES samples(id),
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
    created TEXT NOT NULL
);
CREATE TABLE round_coders (
    round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id),
    PRIMARY KEY (round_id, person_id)
) WITHOUT ROWID;
CREATE TABLE round_items (
    round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    post_id INTEGER NOT NULL REFERENCES posts(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (round_id, post_id)
) WITHOUT ROWID;

-- A coder's label in a round; coder_id NULL is the pilot pair's consensus label.
CREATE TABLE labels (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES rounds(id),
    post_id INTEGER NOT NULL REFERENCES posts(id),
    coder_id INTEGER REFERENCES people(id),
    special TEXT CHECK (special IN ('false_positive', 'unclear', 'pending')),
    suggestion TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    code TEXT NOT NULL DEFAULT '',
    updated TEXT NOT NULL
);
CREATE UNIQUE INDEX labels_one_per_coder ON labels(round_id, post_id, ifnull(coder_id, 0));
CREATE INDEX labels_by_post ON labels(post_id);
CREATE TABLE label_categories (
    label_id INTEGER NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES categories(id),
    PRIMARY KEY (label_id, category_id)
) WITHOUT ROWID;
CREATE INDEX label_categories_by_category ON label_categories(category_id);

CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    post_id INTEGER NOT NULL UNIQUE REFERENCES posts(id),
    arbitrator_id INTEGER NOT NULL REFERENCES people(id),
    special TEXT CHECK (special IN ('false_positive', 'unclear', 'pending')),
    rationale TEXT NOT NULL,
    decided TEXT NOT NULL
);
CREATE TABLE decision_categories (
    decision_id INTEGER NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES categories(id),
    PRIMARY KEY (decision_id, category_id)
) WITHOUT ROWID;

-- Append-only provenance of every change; the triggers keep it append-only.
CREATE TABLE change_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '{}'
);
CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
)SQL";

// Version 2: the count after each clause of a set's rule, as the selection reported it
// when it built the set, so that the methods text can print "279, then 1,325 posts"
// without matching the corpus again. Sets built before version 2 have no rows here.
constexpr const char* kVersion2 = R"SQL(
CREATE TABLE set_clause_counts (
    set_id INTEGER NOT NULL REFERENCES sets(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    matched INTEGER NOT NULL,
    cumulative INTEGER NOT NULL,
    PRIMARY KEY (set_id, position)
) WITHOUT ROWID;
)SQL";

// Version 3: screening (the study's manual check of the browser candidates). A
// screening round screens one set; two coders mark each post relevant or not, the
// lead decides where they differ, and a post ruled irrelevant leaves the set. The
// exclusion is a row of its own, so it can be reversed and the set rebuilt by the
// rules keeps it; posts and labels are never deleted.
constexpr const char* kVersion3 = R"SQL(
ALTER TABLE rounds ADD COLUMN set_id INTEGER REFERENCES sets(id);
CREATE TABLE screening_marks (
    round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    post_id INTEGER NOT NULL REFERENCES posts(id),
    coder_id INTEGER NOT NULL REFERENCES people(id),
    relevant INTEGER NOT NULL CHECK (relevant IN (0, 1)),
    updated TEXT NOT NULL,
    PRIMARY KEY (round_id, post_id, coder_id)
) WITHOUT ROWID;
CREATE TABLE screening_decisions (
    round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    post_id INTEGER NOT NULL REFERENCES posts(id),
    lead_id INTEGER NOT NULL REFERENCES people(id),
    relevant INTEGER NOT NULL CHECK (relevant IN (0, 1)),
    rationale TEXT NOT NULL DEFAULT '',
    decided TEXT NOT NULL,
    PRIMARY KEY (round_id, post_id)
) WITHOUT ROWID;
CREATE TABLE set_exclusions (
    set_id INTEGER NOT NULL REFERENCES sets(id) ON DELETE CASCADE,
    post_id INTEGER NOT NULL REFERENCES posts(id),
    round_id INTEGER NOT NULL REFERENCES rounds(id),
    reason TEXT NOT NULL CHECK (reason IN ('both_irrelevant', 'lead')),
    excluded TEXT NOT NULL,
    PRIMARY KEY (set_id, post_id)
) WITHOUT ROWID;
)SQL";

// Version 4: how many posts of the set a draw left out because they were already in
// another set's rounds (sampling::SampleRequest::leaveOutPostsInOtherRounds).
constexpr const char* kVersion4 = R"SQL(
ALTER TABLE samples ADD COLUMN left_out INTEGER NOT NULL DEFAULT 0;
)SQL";

// Version 5: packages prove which export they came from (docs/packages.md). Each
// export draws a random secret, records it here in the lead's project and writes it
// into that package alone; the merge accepts a package only with a secret issued for
// the person it claims. Every merge that changed the project is recorded, so that an
// older copy of a package imported later is told apart. Packages hold both tables
// empty: the export never copies them.
constexpr const char* kVersion5 = R"SQL(
CREATE TABLE package_issues (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('coder', 'arbitrator')),
    scope TEXT NOT NULL DEFAULT '',
    file TEXT NOT NULL DEFAULT '',
    issued TEXT NOT NULL,
    secret TEXT NOT NULL UNIQUE
);
CREATE TABLE package_imports (
    id INTEGER PRIMARY KEY,
    issue_id INTEGER NOT NULL REFERENCES package_issues(id) ON DELETE CASCADE,
    imported TEXT NOT NULL,
    latest_change TEXT NOT NULL,
    file TEXT NOT NULL
);
)SQL";

// Version 6: the census of every question and answer row an import read, kept or not
// (core/corpus/census.h): per source, the figures per year and the questions per tag
// and year. Files of earlier versions have no census until a source is imported again.
constexpr const char* kVersion6 = R"SQL(
CREATE TABLE census_sources (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    import_id INTEGER NOT NULL REFERENCES imports(id),
    questions INTEGER NOT NULL,
    answers INTEGER NOT NULL
);
CREATE TABLE census_years (
    source_id INTEGER NOT NULL REFERENCES census_sources(id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    questions INTEGER NOT NULL,
    askers INTEGER NOT NULL,
    with_accepted INTEGER NOT NULL,
    answers INTEGER NOT NULL,
    PRIMARY KEY (source_id, year)
) WITHOUT ROWID;
CREATE TABLE census_tags (
    source_id INTEGER NOT NULL REFERENCES census_sources(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    year INTEGER NOT NULL,
    questions INTEGER NOT NULL,
    PRIMARY KEY (source_id, tag, year)
) WITHOUT ROWID;
CREATE INDEX census_tags_by_tag ON census_tags(tag);
)SQL";

// Version 7: quotes, and calibration rounds.
// A quote is a passage of a post that a coder attaches to one category of their label
// as its evidence; an arbitrator keeps coders' quotes in a decision, with the coder each
// came from. The part and the code-point offsets in its plain text say where the passage
// was; the text is kept as quoted even when a later import changes the part.
// A calibration round scores a coder against a pilot round's consensus labels
// (docs/agreement.md, "Calibration"), so the round names its pilot. SQLite changes a
// CHECK only by rebuilding the table: the rows are copied aside, the table is made anew
// and the rows copied back, with foreign keys off (see migrate) so that the rebuild
// never fires the ON DELETE CASCADE of the tables that point at rounds. Column order and
// ids stay as they were.
constexpr const char* kVersion7 = R"SQL(
CREATE TABLE rounds_before_calibration AS SELECT * FROM rounds;
DROP TABLE rounds;
CREATE TABLE rounds (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('pilot', 'reliability', 'screening', 'calibration')),
    sample_id INTEGER REFERENCES samples(id),
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
    created TEXT NOT NULL,
    set_id INTEGER REFERENCES sets(id),
    -- A calibration round's pilot, whose consensus labels its coders are scored
    -- against; NULL for every other kind, and in a coder's package, which holds no pilot.
    pilot_round_id INTEGER REFERENCES rounds(id)
);
INSERT INTO rounds(id, name, kind, sample_id, state, created, set_id)
  SELECT id, name, kind, sample_id, state, created, set_id FROM rounds_before_calibration;
DROP TABLE rounds_before_calibration;
CREATE TABLE label_quotes (
    id INTEGER PRIMARY KEY,
    label_id INTEGER NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    category_id INTEGER NOT NULL REFERENCES categories(id),
    part TEXT NOT NULL CHECK (part IN ('title', 'body', 'answer', 'comment')),
    part_source_id TEXT NOT NULL DEFAULT '',
    start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
    end_offset INTEGER NOT NULL CHECK (end_offset > start_offset),
    quoted_text TEXT NOT NULL,
    UNIQUE (label_id, position)
);
CREATE INDEX label_quotes_by_category ON label_quotes(category_id);
CREATE TABLE decision_quotes (
    id INTEGER PRIMARY KEY,
    decision_id INTEGER NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    category_id INTEGER NOT NULL REFERENCES categories(id),
    part TEXT NOT NULL CHECK (part IN ('title', 'body', 'answer', 'comment')),
    part_source_id TEXT NOT NULL DEFAULT '',
    start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
    end_offset INTEGER NOT NULL CHECK (end_offset > start_offset),
    quoted_text TEXT NOT NULL,
    quoted_by INTEGER REFERENCES people(id),
    UNIQUE (decision_id, position)
);
CREATE INDEX decision_quotes_by_category ON decision_quotes(category_id);
)SQL";

struct Migration {
    int to;
    std::function<Status(sql::Database&)> apply;
};

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> list = {
        {1,
         [](sql::Database& db) {
             return db.exec(kVersion1);
         }},
        {2,
         [](sql::Database& db) {
             return db.exec(kVersion2);
         }},
        {3,
         [](sql::Database& db) {
             return db.exec(kVersion3);
         }},
        {4,
         [](sql::Database& db) {
             return db.exec(kVersion4);
         }},
        {5,
         [](sql::Database& db) {
             return db.exec(kVersion5);
         }},
        {6,
         [](sql::Database& db) {
             return db.exec(kVersion6);
         }},
        {7,
         [](sql::Database& db) {
             return db.exec(kVersion7);
         }},
    };
    return list;
}

// (type, name) -> (table, SQL text) of every object in sqlite_schema.
using SchemaObjects =
    std::map<std::pair<std::string, std::string>, std::pair<std::string, std::string>>;

Result<SchemaObjects> schemaObjects(sql::Database& db) {
    auto stmt = db.prepare("SELECT type, name, tbl_name, sql FROM main.sqlite_schema");
    if (!stmt)
        return stmt.error();
    SchemaObjects objects;
    if (auto status = stmt->forEachRow([&](const sql::Statement& row) {
            objects[{row.columnText(0), row.columnText(1)}] = {row.columnText(2),
                                                               row.columnText(3)};
        });
        !status)
        return status.error();
    return objects;
}

Result<SchemaObjects> referenceSchema(int version) {
    auto db = sql::Database::open(":memory:", sql::Database::Mode::Create);
    if (!db)
        return db.error();
    if (auto status = createVersionZero(*db); !status)
        return status.error();
    if (auto status = migrate(*db, 0, version); !status)
        return status.error();
    return schemaObjects(*db);
}

} // namespace

Status checkSchemaIsOurs(sql::Database& db, int version) {
    static const Result<SchemaObjects> current = referenceSchema(kCurrentVersion);
    // Older versions are asked for rarely (a package from before an upgrade): built each time.
    const Result<SchemaObjects> older = version == kCurrentVersion
                                            ? Result<SchemaObjects>(SchemaObjects{})
                                            : referenceSchema(version);
    const Result<SchemaObjects>& reference = version == kCurrentVersion ? current : older;
    if (!reference)
        return makeError("cannot build the reference schema: " + reference.message());
    auto actual = schemaObjects(db);
    if (!actual)
        return makeError("its schema cannot be read: " + actual.message());
    // Objects that are not ours first: they are what a hostile file is made of, and
    // naming them says more than the altered table they were put in place of.
    for (const auto& [key, value] : *actual) {
        const auto& [type, name] = key;
        if (reference->count(key))
            continue;
        for (const auto& [otherKey, otherValue] : *reference)
            if (otherKey.second == name)
                return makeError(name + " is a " + type + ", where Taxonomist writes a " +
                                 otherKey.first);
    }
    for (const auto& [key, value] : *actual)
        if (!reference->count(key))
            return makeError("it holds a " + key.first + " " + key.second +
                             ", which Taxonomist does not write");
    for (const auto& [key, value] : *actual)
        if (reference->at(key) != value)
            return makeError("its " + key.first + " " + key.second +
                             " differs from the one Taxonomist writes");
    for (const auto& [key, value] : *reference)
        if (!actual->count(key))
            return makeError("its " + key.first + " " + key.second + " is missing");
    return {};
}

Status createVersionZero(sql::Database& db) {
    return db.exec("PRAGMA application_id = " + std::to_string(kApplicationId) +
                   ";"
                   "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);");
}

Status migrate(sql::Database& db, int fromVersion, int toVersion) {
    // A migration that rebuilds a table drops the old one; with foreign keys on, that
    // would delete the rows pointing at it. They are off for the migration (the pragma
    // has no effect inside a transaction, so it is set before) and every reference is
    // checked before the transaction commits.
    auto enforced = db.queryInt("PRAGMA foreign_keys");
    if (!enforced)
        return enforced.error();
    if (auto status = db.exec("PRAGMA foreign_keys = OFF"); !status)
        return status;
    auto migrated = sql::inTransaction(db, [&]() -> Status {
        for (const auto& migration : migrations()) {
            if (migration.to <= fromVersion || migration.to > toVersion)
                continue;
            if (auto status = migration.apply(db); !status)
                return makeError("migration to schema version " + std::to_string(migration.to) +
                                 " failed: " + status.message());
        }
        auto broken = db.queryInt("SELECT count(*) FROM pragma_foreign_key_check");
        if (!broken)
            return broken.error();
        if (*broken > 0)
            return makeError("migration to schema version " + std::to_string(toVersion) +
                             " failed: " + std::to_string(*broken) +
                             " rows point at rows that do not exist");
        return db.exec("PRAGMA user_version = " + std::to_string(toVersion));
    });
    if (*enforced != 0)
        if (auto status = db.exec("PRAGMA foreign_keys = ON"); !status && migrated)
            return status;
    return migrated;
}

} // namespace taxo::schema
