// Building a package: a fresh project file filled from the lead's project by
// INSERT ... SELECT over an ATTACHed copy of it, with the person and the chosen posts
// bound as values. What the package may hold is decided by the selections below, so
// another coder's labels can never slip in.

#include "core/arbitration/arbitration.h"
#include "core/packages/package_internal.h"
#include "core/packages/packages.h"
#include "core/store/change_log.h"
#include "core/store/statements.h"
#include "core/util/files.h"
#include "core/util/ids.h"

#include <filesystem>

namespace taxo::packages {
namespace {

namespace fs = std::filesystem;

// Fills temp.pkg_posts and temp.pkg_rounds for a coder: every post of every open
// round the person codes in.
constexpr const char* kCoderSelection = R"SQL(
INSERT INTO temp.pkg_rounds SELECT r.id FROM src.rounds r
    JOIN src.round_coders rc ON rc.round_id = r.id
    WHERE rc.person_id = ?1 AND r.state = 'open';
)SQL";

// The corpus, codebook and sets of the chosen posts. People come first so that
// categories keep their creator only when that person is in the package.
constexpr const char* kCopyCommon = R"SQL(
INSERT INTO posts(id, source, source_id, title, body, created, owner_user_id,
    owner_display_name, score, view_count, answer_count, comment_count, closed_date,
    accepted_answer_source_id, accepted_answer_created)
  SELECT id, source, source_id, title, body, created, owner_user_id, owner_display_name, score,
    view_count, answer_count, comment_count, closed_date, accepted_answer_source_id,
    accepted_answer_created FROM src.posts WHERE id IN (SELECT id FROM temp.pkg_posts);
INSERT INTO post_tags SELECT * FROM src.post_tags WHERE post_id IN (SELECT id FROM temp.pkg_posts);
INSERT INTO answers SELECT * FROM src.answers WHERE post_id IN (SELECT id FROM temp.pkg_posts);
INSERT INTO comments SELECT * FROM src.comments WHERE post_id IN (SELECT id FROM temp.pkg_posts);
INSERT INTO posts_fts(rowid, title, body_text, tags)
  SELECT rowid, title, body_text, tags FROM src.posts_fts
  WHERE rowid IN (SELECT id FROM temp.pkg_posts);
INSERT INTO categories(id, uid, parent_id, name, description, position, created, created_by,
    created_in)
  SELECT id, uid, parent_id, name, description, position, created,
    CASE WHEN created_by IN (SELECT id FROM main.people) THEN created_by END, created_in
  FROM src.categories;
INSERT INTO sets(id, name, root_name, rules, created)
  SELECT id, name, root_name, rules, created FROM src.sets;
INSERT INTO set_members SELECT * FROM src.set_members
  WHERE post_id IN (SELECT id FROM temp.pkg_posts);
INSERT INTO rounds(id, name, kind, state, created)
  SELECT id, name, kind, state, created FROM src.rounds
  WHERE id IN (SELECT id FROM temp.pkg_rounds);
INSERT INTO round_coders SELECT * FROM src.round_coders
  WHERE round_id IN (SELECT id FROM temp.pkg_rounds) AND person_id IN (SELECT id FROM main.people);
INSERT INTO round_items SELECT * FROM src.round_items
  WHERE round_id IN (SELECT id FROM temp.pkg_rounds)
    AND post_id IN (SELECT id FROM temp.pkg_posts);
)SQL";

// Only labels whose coder is in the package's people: for a coder that is the coder
// alone; for an arbitrator, the coders of the conflicting posts.
constexpr const char* kCopyLabels = R"SQL(
INSERT INTO labels SELECT * FROM src.labels
  WHERE coder_id IN (SELECT id FROM main.people)
    AND round_id IN (SELECT id FROM temp.pkg_rounds)
    AND post_id IN (SELECT id FROM temp.pkg_posts);
)SQL";

// An arbitrator also sees a pilot's consensus label, the pair's joint work: a Pending
// there is a conflict of its own.
constexpr const char* kCopyConsensus = R"SQL(
INSERT INTO labels SELECT * FROM src.labels
  WHERE coder_id IS NULL
    AND round_id IN (SELECT id FROM temp.pkg_rounds)
    AND post_id IN (SELECT id FROM temp.pkg_posts);
)SQL";

// A label's quotes travel with it, and only with it: the labels copied above decide
// whose quotes the package holds (blind, as the labels are).
constexpr const char* kCopyLabelCategories = R"SQL(
INSERT INTO label_categories SELECT * FROM src.label_categories
  WHERE label_id IN (SELECT id FROM main.labels);
INSERT INTO label_quotes SELECT * FROM src.label_quotes
  WHERE label_id IN (SELECT id FROM main.labels);
)SQL";

// The posts and rounds of an arbitrator's package: exactly the conflicts the
// Arbitration page lists for that arbitrator in the lead's project.
struct Selection {
    std::vector<std::int64_t> posts;
    std::vector<std::int64_t> rounds;
};

Result<Selection> arbitratorSelection(sql::Database& db, std::int64_t person) {
    auto conflicts = arbitration::listConflicts(db, {std::nullopt, person});
    if (!conflicts)
        return conflicts.error();
    Selection selection;
    for (const auto& conflict : *conflicts) {
        selection.posts.push_back(conflict.postId);
        // Every coding round that holds the post, not only the one the conflict is
        // described by: a conflict between rounds ("rounds") needs both, and the package
        // must find the same conflict that the lead's project has.
        auto rounds = sql::queryIntsBound(db,
                                          "SELECT i.round_id FROM round_items i JOIN rounds r ON "
                                          "r.id = i.round_id WHERE i.post_id = ? AND r.kind IN "
                                          "('pilot', 'reliability') ORDER BY i.round_id",
                                          conflict.postId);
        if (!rounds)
            return rounds.error();
        selection.rounds.insert(selection.rounds.end(), rounds->begin(), rounds->end());
    }
    return selection;
}

Status fill(sql::Database& db, const std::string& source, std::int64_t person, Kind kind,
            const std::string& personName, const std::string& projectId, const Selection& selection,
            const std::string& secret, const std::string& issued) {
    if (auto status = sql::runBound(db, "ATTACH DATABASE ? AS src", source); !status)
        return status;
    auto copied = sql::inTransaction(db, [&]() -> Status {
        if (auto status = db.exec("PRAGMA defer_foreign_keys = ON;"
                                  "CREATE TEMP TABLE pkg_posts(id INTEGER PRIMARY KEY);"
                                  "CREATE TEMP TABLE pkg_rounds(id INTEGER PRIMARY KEY);");
            !status)
            return status;
        if (kind == Kind::Coder) {
            if (auto status = sql::runBound(db, kCoderSelection, person); !status)
                return status;
            if (auto status = db.exec("INSERT OR IGNORE INTO temp.pkg_posts SELECT post_id FROM "
                                      "src.round_items WHERE round_id IN "
                                      "(SELECT id FROM temp.pkg_rounds)");
                !status)
                return status;
            if (auto status = sql::runBound(
                    db, "INSERT INTO people SELECT * FROM src.people WHERE id = ?", person);
                !status)
                return status;
        } else {
            for (const auto post : selection.posts)
                if (auto status =
                        sql::runBound(db, "INSERT OR IGNORE INTO temp.pkg_posts VALUES (?)", post);
                    !status)
                    return status;
            for (const auto round : selection.rounds)
                if (auto status = sql::runBound(
                        db, "INSERT OR IGNORE INTO temp.pkg_rounds VALUES (?)", round);
                    !status)
                    return status;
            // Every coder of every round (two or more), even one who has not labeled the
            // post yet: the conflict is read from all the round's coders, as in the lead's
            // project.
            if (auto status = sql::runBound(
                    db,
                    "INSERT INTO people SELECT * FROM src.people WHERE id = ?1 OR id IN "
                    "(SELECT person_id FROM src.round_coders WHERE round_id IN "
                    "(SELECT id FROM temp.pkg_rounds))",
                    person);
                !status)
                return status;
        }
        if (auto status = sql::runBound(db,
                                        "INSERT INTO person_roles SELECT * FROM src.person_roles "
                                        "WHERE person_id = ?",
                                        person);
            !status)
            return status;
        if (auto status = db.exec(kCopyCommon); !status)
            return status;
        if (auto status = db.exec(kCopyLabels); !status)
            return status;
        if (kind == Kind::Arbitrator)
            if (auto status = db.exec(kCopyConsensus); !status)
                return status;
        if (auto status = db.exec(kCopyLabelCategories); !status)
            return status;
        if (auto status =
                sql::runBound(db, "UPDATE meta SET value = ? WHERE key = 'project_id'", projectId);
            !status)
            return status;
        if (auto status = sql::runBound(
                db,
                "INSERT INTO meta(key, value) VALUES ('package_person', ?1), ('package_kind', ?2),"
                " ('package_created', ?3), ('package_secret', ?4)",
                personName, kindName(kind), issued, secret);
            !status)
            return status;
        return Status();
    });
    if (!copied)
        return copied;
    return db.exec("DROP TABLE temp.pkg_posts; DROP TABLE temp.pkg_rounds; DETACH DATABASE src");
}

void removeQuietly(const std::string& path) {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        fs::remove(path + suffix, ignored);
}

} // namespace

std::string kindName(Kind kind) {
    return kind == Kind::Coder ? "coder" : "arbitrator";
}

Result<ExportSummary> exportPackage(Project& project, const std::string& person,
                                    const std::string& out, std::optional<Kind> kind) {
    auto& db = project.db();
    auto own = readPackageMeta(db);
    if (!own)
        return own.error();
    if (*own)
        return makeError(project.path() + " is itself the package of " + (*own)->person +
                         "; packages are made from the lead's project");
    // The export records the package's proof of origin in the project.
    if (project.readOnly())
        return makeError(project.path() +
                         " is open read-only; a package is recorded in the lead's project, so "
                         "open it for writing to export one");
    auto personId = sql::queryOptionalIntBound(db, "SELECT id FROM people WHERE name = ?", person);
    if (!personId)
        return personId.error();
    if (!*personId)
        return makeError("no person named " + person + " in " + project.path());
    const auto id = **personId;
    auto roles = sql::queryIntBound(
        db,
        "SELECT (SELECT count(*) FROM round_coders rc JOIN rounds r ON r.id = rc.round_id "
        "        WHERE rc.person_id = ?1 AND r.state = 'open') * 2 + "
        "       (SELECT count(*) > 0 FROM person_roles WHERE person_id = ?1 AND "
        "        role = 'arbitrator' AND root_name IS NOT NULL)",
        id);
    if (!roles)
        return roles.error();
    const bool codes = *roles >= 2;
    const bool arbitrates = (*roles % 2) == 1;
    if (!kind)
        kind = codes ? Kind::Coder : Kind::Arbitrator;
    if (*kind == Kind::Coder && !codes)
        return makeError(person + " codes in no open round, so there is no coder's package "
                                  "to make");
    if (*kind == Kind::Arbitrator && !arbitrates)
        return makeError(person + " is no arbitrator of a root");
    if (fs::exists(out))
        return makeError(out + " exists already; choose another file name");

    Selection selection;
    if (*kind == Kind::Arbitrator) {
        auto chosen = arbitratorSelection(db, id);
        if (!chosen)
            return chosen.error();
        selection = std::move(*chosen);
    }

    auto secret = detail::newPackageSecret();
    if (!secret)
        return secret.error();
    const std::string issued = utcNowIso();
    const std::string temporary = out + ".partial-" + newUuid();
    ExportSummary summary{*kind, person, 0, 0};
    std::string scope;
    {
        auto package = Project::create(temporary, project.title());
        if (!package)
            return package.error();
        auto& target = package->db();
        if (auto status = fill(target, project.path(), id, *kind, person, project.id(), selection,
                               *secret, issued);
            !status) {
            removeQuietly(temporary);
            return makeError("cannot write the package " + out + ": " + status.message());
        }
        const auto posts = target.queryInt("SELECT count(*) FROM posts");
        const auto labels = target.queryInt("SELECT count(*) FROM labels");
        summary.posts = posts ? *posts : 0;
        summary.labels = labels ? *labels : 0;
        auto heading = packageHeading(target, PackageMeta{*kind, person, issued, {}});
        scope = heading ? *heading : std::string();
        // A package travels as one file: a rollback journal keeps every saved label in
        // the file itself, where WAL would keep the newest in a -wal file beside it.
        if (auto mode = target.queryText("PRAGMA journal_mode = DELETE");
            !mode || *mode != "delete") {
            removeQuietly(temporary);
            return makeError("cannot write the package " + out +
                             ": cannot leave WAL mode: " + (mode ? *mode : mode.message()));
        }
    }
    // The secret is recorded before the package appears under its name: a package that
    // exists always has its proof in the project.
    {
        // Not sql::inTransaction: every failure, BEGIN's included, also removes the temporary file.
        sql::Transaction transaction(db);
        if (!transaction.begun()) {
            removeQuietly(temporary);
            return makeError(project.path() +
                             ": cannot record the package: " + transaction.begun().message());
        }
        auto recorded = sql::runBound(db,
                                      "INSERT INTO package_issues(person_id, kind, scope, file, "
                                      "issued, secret) VALUES (?, ?, ?, ?, ?, ?)",
                                      id, kindName(*kind), scope, out, issued, *secret);
        if (recorded)
            recorded = changelog::append(db, "package.export",
                                         {{"person", person},
                                          {"kind", kindName(*kind)},
                                          {"scope", scope},
                                          {"file", out},
                                          {"issued", issued}});
        if (recorded)
            recorded = transaction.commit();
        if (!recorded) {
            removeQuietly(temporary);
            return makeError(project.path() + ": cannot record the package: " + recorded.message());
        }
    }
    // Never over a file that took the name while the package was being made.
    if (auto moved = files::moveWithoutReplacing(temporary, out, out + ": already exists");
        !moved) {
        removeQuietly(temporary);
        return makeError("cannot write " + out + ": " + moved.message() +
                         " (the project records a package that was not written; export again)");
    }
    return summary;
}

} // namespace taxo::packages
