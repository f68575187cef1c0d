// Merging a package back into the lead's project. Everything is read from the package
// first and checked against the project; only then is anything written, in one
// transaction: a refusal names its reason and leaves the project as it was.

#include "core/arbitration/arbitration.h"
#include "core/arbitration/decision_quotes.h"
#include "core/codebook/codebook.h"
#include "core/labels/labels.h"
#include "core/packages/package_internal.h"
#include "core/packages/package_json.h"
#include "core/packages/packages.h"
#include "core/store/change_log.h"
#include "core/store/schema.h"
#include "core/store/statements.h"

#include <algorithm>
#include <map>
#include <set>

namespace taxo::packages {
namespace {

struct Verdict {
    std::optional<std::string> special;
    std::vector<std::string> categories; // uids, sorted
};

struct PackageLabel {
    std::string round, source, sourceId, title, coder;
    Verdict verdict;
    std::string suggestion, note, code, updated;
    std::vector<detail::PackageQuote> quotes;
};

struct PackageDecision {
    std::string source, sourceId, title, arbitrator, rationale, decided;
    Verdict verdict;
    std::vector<detail::PackageQuote> quotes;
};

struct PackageCategory {
    std::string uid, parentUid, name, description, created;
    std::int64_t position = 0;
};

Result<std::vector<std::string>> uidsOf(sql::Database& db, const char* query, std::int64_t id) {
    auto stmt = sql::prepareBound(db, query, id);
    if (!stmt)
        return stmt.error();
    std::vector<std::string> uids;
    if (auto status =
            stmt->forEachRow([&](sql::Statement& row) { uids.push_back(row.columnText(0)); });
        !status)
        return status.error();
    std::sort(uids.begin(), uids.end());
    return uids;
}

struct Contents {
    std::vector<PackageLabel> labels;
    std::vector<PackageDecision> decisions;
    std::vector<PackageCategory> categories;
    std::map<std::string, std::string> paths; // uid -> "Root/Inner/Leaf", as in the package
    std::vector<std::string> rounds;          // the package's reliability rounds, by name
    std::string latestChange;                 // the newest label or decision time
};

// Each category's path by its parents in the package. A loop of parents (only a hand
// could make one) ends the walk after a bounded number of steps.
std::map<std::string, std::string> categoryPaths(const std::vector<PackageCategory>& categories) {
    std::map<std::string, const PackageCategory*> byUid;
    for (const auto& category : categories)
        byUid[category.uid] = &category;
    std::map<std::string, std::string> paths;
    for (const auto& category : categories) {
        std::string path = category.name;
        const PackageCategory* step = &category;
        for (int depth = 0; depth < 64 && !step->parentUid.empty(); ++depth) {
            const auto parent = byUid.find(step->parentUid);
            if (parent == byUid.end())
                break;
            step = parent->second;
            path = step->name + "/" + path;
        }
        paths[category.uid] = path;
    }
    return paths;
}

Result<Contents> readContents(sql::Database& db) {
    Contents contents;
    auto labels = db.prepare(
        "SELECT l.id, r.name, p.source, p.source_id, ifnull(pe.name, ''), l.special, "
        "l.suggestion, l.note, l.code, l.updated, p.title FROM labels l "
        "JOIN rounds r ON r.id = l.round_id "
        "JOIN posts p ON p.id = l.post_id LEFT JOIN people pe ON pe.id = l.coder_id ORDER BY l.id");
    if (!labels)
        return labels.error();
    std::vector<std::int64_t> labelIds;
    if (auto status = labels->forEachRow([&](sql::Statement& row) {
            labelIds.push_back(row.columnInt(0));
            // Field by field: GCC 12 at -O2 warns falsely on an
            // optional inside a braced aggregate.
            PackageLabel label;
            label.round = row.columnText(1);
            label.source = row.columnText(2);
            label.sourceId = row.columnText(3);
            label.coder = row.columnText(4);
            label.verdict.special = row.columnOptionalText(5);
            label.suggestion = row.columnText(6);
            label.note = row.columnText(7);
            label.code = row.columnText(8);
            label.updated = row.columnText(9);
            label.title = row.columnText(10);
            contents.labels.push_back(std::move(label));
        });
        !status)
        return status.error();
    for (std::size_t i = 0; i < labelIds.size(); ++i) {
        auto uids = uidsOf(db,
                           "SELECT c.uid FROM label_categories lc JOIN categories c ON "
                           "c.id = lc.category_id WHERE lc.label_id = ?",
                           labelIds[i]);
        if (!uids)
            return uids.error();
        contents.labels[i].verdict.categories = std::move(*uids);
        auto quotes = detail::readQuotes(db, "label_quotes", "label_id", labelIds[i]);
        if (!quotes)
            return quotes.error();
        contents.labels[i].quotes = std::move(*quotes);
    }
    auto decisions = db.prepare(
        "SELECT d.id, p.source, p.source_id, pe.name, d.special, d.rationale, d.decided, "
        "p.title FROM decisions d JOIN posts p ON p.id = d.post_id JOIN people pe ON "
        "pe.id = d.arbitrator_id ORDER BY d.id");
    if (!decisions)
        return decisions.error();
    std::vector<std::int64_t> decisionIds;
    if (auto status = decisions->forEachRow([&](sql::Statement& row) {
            decisionIds.push_back(row.columnInt(0));
            PackageDecision decision;
            decision.source = row.columnText(1);
            decision.sourceId = row.columnText(2);
            decision.arbitrator = row.columnText(3);
            decision.verdict.special = row.columnOptionalText(4);
            decision.rationale = row.columnText(5);
            decision.decided = row.columnText(6);
            decision.title = row.columnText(7);
            contents.decisions.push_back(std::move(decision));
        });
        !status)
        return status.error();
    for (std::size_t i = 0; i < decisionIds.size(); ++i) {
        auto uids = uidsOf(db,
                           "SELECT c.uid FROM decision_categories dc JOIN categories c ON "
                           "c.id = dc.category_id WHERE dc.decision_id = ?",
                           decisionIds[i]);
        if (!uids)
            return uids.error();
        contents.decisions[i].verdict.categories = std::move(*uids);
        auto quotes = detail::readQuotes(db, "decision_quotes", "decision_id", decisionIds[i]);
        if (!quotes)
            return quotes.error();
        contents.decisions[i].quotes = std::move(*quotes);
    }
    // A quote travels with its label or decision; one of none was put there by hand.
    auto orphans = db.queryInt(
        "SELECT (SELECT count(*) FROM label_quotes WHERE label_id NOT IN (SELECT id FROM labels)) "
        "+ (SELECT count(*) FROM decision_quotes WHERE decision_id NOT IN "
        "(SELECT id FROM decisions))");
    if (!orphans)
        return orphans.error();
    if (*orphans > 0)
        return makeError("it holds " + std::to_string(*orphans) +
                         " quotes of no label or decision in it: it was changed by hand");
    // Parents before children: ids grow as categories are added.
    auto categories =
        db.prepare("SELECT c.uid, ifnull(p.uid, ''), c.name, c.description, c.created, c.position "
                   "FROM categories c LEFT JOIN categories p ON p.id = c.parent_id ORDER BY c.id");
    if (!categories)
        return categories.error();
    if (auto status = categories->forEachRow([&](sql::Statement& row) {
            contents.categories.push_back({row.columnText(0), row.columnText(1), row.columnText(2),
                                           row.columnText(3), row.columnText(4), row.columnInt(5)});
        });
        !status)
        return status.error();
    contents.paths = categoryPaths(contents.categories);
    auto rounds = db.prepare(
        "SELECT name FROM rounds WHERE kind IN ('reliability', 'calibration') ORDER BY id");
    if (!rounds)
        return rounds.error();
    if (auto status = rounds->forEachRow(
            [&](sql::Statement& row) { contents.rounds.push_back(row.columnText(0)); });
        !status)
        return status.error();
    for (const auto& label : contents.labels)
        contents.latestChange = std::max(contents.latestChange, label.updated);
    for (const auto& decision : contents.decisions)
        contents.latestChange = std::max(contents.latestChange, decision.decided);
    return contents;
}

class Merger {
public:
    Merger(sql::Database& db, const PackageMeta& meta, std::int64_t person,
           const MergeOptions& options)
        : db_(db), meta_(meta), person_(person), options_(options),
          latest_(detail::latestAcceptedTime()) {
        report_.kind = meta.kind;
        report_.person = meta.person;
    }

    Result<MergeReport> run(const Contents& contents, const ProgressCallback& progress,
                            const CancelFlag* cancel) {
        if (auto status = loadCategories(); !status)
            return status.error();
        paths_ = contents.paths;
        const bool arbitrator = meta_.kind == Kind::Arbitrator;
        const std::uint64_t total = arbitrator ? contents.decisions.size() : contents.labels.size();
        std::uint64_t done = 0;
        // Between two items: the cancel flag is honoured, and progress is told now and then.
        auto step = [&]() -> Status {
            if (cancelled(cancel))
                return makeError(kCancelledMessage);
            if (progress && done % 64 == 0)
                progress({"Merging", done, total, arbitrator ? "decisions" : "labels", done, 0});
            ++done;
            return {};
        };
        if (arbitrator) {
            for (const auto& category : contents.categories)
                if (auto status = addCategory(category); !status)
                    return status.error();
            for (const auto& decision : contents.decisions) {
                if (auto status = step(); !status)
                    return status.error();
                if (auto status = mergeDecision(decision); !status)
                    return status.error();
            }
        } else {
            if (!contents.decisions.empty())
                return makeError("a coder's package holds decisions: it was changed by hand");
            for (const auto& label : contents.labels) {
                if (auto status = step(); !status)
                    return status.error();
                if (auto status = mergeLabel(label); !status)
                    return status.error();
            }
        }
        if (cancelled(cancel))
            return makeError(kCancelledMessage);
        // The bar reaches its end: step() tells the place before each item, never after
        // the last.
        if (progress)
            progress({"Merging", total, total, arbitrator ? "decisions" : "labels", total, 0});
        if (!report_.newerInProject.empty() && !options_.overwriteNewer) {
            std::string posts;
            for (const auto& post : newerDescriptions_)
                posts += (posts.empty() ? "" : ", ") + post;
            return makeError("the project holds newer work of " + meta_.person + " on " + posts +
                             "; nothing was merged (merge anyway with --overwrite-newer)");
        }
        return report_;
    }

private:
    Status loadCategories() {
        auto stmt = db_.prepare("SELECT uid, id FROM categories");
        if (!stmt)
            return stmt.error();
        return stmt->forEachRow(
            [&](sql::Statement& row) { uids_[row.columnText(0)] = row.columnInt(1); });
    }

    Status addCategory(const PackageCategory& category) {
        if (uids_.count(category.uid))
            return {};
        // An arbitrator adds leaves under their own roots only (addLeafInArbitration);
        // anything else in the package was put there by hand.
        if (category.parentUid.empty())
            return makeError("the package adds the root category " + category.name + ", but " +
                             meta_.person + " may only add leaves: it was changed by hand");
        const auto found = uids_.find(category.parentUid);
        if (found == uids_.end())
            return makeError("the package adds the category " + paths_[category.uid] +
                             ", whose parent is not in the project");
        const std::optional<std::int64_t> parent = found->second;
        auto path = codebook::pathOf(db_, found->second);
        if (!path)
            return path.error();
        auto inCharge = sql::queryIntBound(db_,
                                           "SELECT count(*) FROM person_roles WHERE person_id = ? "
                                           "AND role = 'arbitrator' AND root_name = ?",
                                           person_, path->front());
        if (!inCharge)
            return inCharge.error();
        if (*inCharge == 0)
            return makeError("the package adds category " + category.name + " under " +
                             path->front() + ", which " + meta_.person +
                             " does not arbitrate: it was changed by hand");
        if (auto status = sql::runBound(
                db_,
                "INSERT INTO categories(uid, parent_id, name, description, position, created, "
                "created_by, created_in) VALUES (?, ?, ?, ?, ?, ?, ?, 'arbitration')",
                category.uid, parent, category.name, category.description, category.position,
                category.created, person_);
            !status)
            return makeError("cannot add category " + category.name + ": " + status.message());
        uids_[category.uid] = db_.lastInsertRowId();
        ++report_.categoriesAdded;
        changed_ = true;
        return {};
    }

    Result<std::int64_t> post(const std::string& source, const std::string& sourceId,
                              const std::string& title) {
        auto id = sql::queryOptionalIntBound(
            db_, "SELECT id FROM posts WHERE source = ? AND source_id = ?", source, sourceId);
        if (!id)
            return id.error();
        if (!*id)
            return makeError("post \u201c" + title + "\u201d (" + source + ":" + sourceId +
                             ") is not in the project");
        return **id;
    }

    // The package's categories by uid become the project's ids; a category the project
    // lacks is named by its path in the package.
    Result<std::vector<std::int64_t>> categoryIds(const Verdict& verdict,
                                                  const std::string& where) {
        std::vector<std::int64_t> ids;
        for (const auto& uid : verdict.categories) {
            const auto found = uids_.find(uid);
            if (found == uids_.end()) {
                const auto path = paths_.find(uid);
                return makeError(where + " uses the category " +
                                 (path != paths_.end() ? path->second : std::string("(unnamed)")) +
                                 ", which is unknown in the project (a coder proposes a new "
                                 "category with Pending and a suggested name)");
            }
            ids.push_back(found->second);
        }
        if (verdict.special && !ids.empty())
            return makeError(where + " is both special and categorized");
        return ids;
    }

    Result<std::optional<labels::Special>> specialOf(const Verdict& verdict,
                                                     const std::string& where) {
        if (!verdict.special)
            return std::optional<labels::Special>();
        auto special = labels::parseSpecial(*verdict.special);
        if (!special)
            return makeError(where + " has the unknown value " + *verdict.special);
        return special;
    }

    // A time ahead of the clock would win every "newer wins" comparison for ever.
    Status checkTime(const std::string& time, const std::string& where) {
        if (time > latest_)
            return makeError(where + " is dated " + time +
                             ", ahead of this computer's clock by more than " +
                             std::to_string(detail::kClockSkew.count()) +
                             " minutes: its time was changed by hand, or the clock of the "
                             "computer it was saved on is wrong");
        return {};
    }

    Result<Verdict> verdictOf(const char* table, const char* link, std::int64_t id,
                              std::optional<std::string> special) {
        auto uids = uidsOf(db_,
                           (std::string("SELECT c.uid FROM ") + table +
                            " x JOIN categories c ON "
                            "c.id = x.category_id WHERE x." +
                            link + " = ?")
                               .c_str(),
                           id);
        if (!uids)
            return uids.error();
        return Verdict{std::move(special), std::move(*uids)};
    }

    Status mergeLabel(const PackageLabel& label) {
        if (label.coder != meta_.person)
            return makeError("the package holds a label of " +
                             (label.coder.empty() ? std::string("the pilot pair") : label.coder) +
                             ", not of " + meta_.person + ": it was changed by hand");
        auto round = sql::queryOptionalIntBound(
            db_,
            "SELECT r.id FROM rounds r JOIN round_coders rc ON rc.round_id = r.id "
            "WHERE r.name = ? AND rc.person_id = ?",
            label.round, person_);
        if (!round)
            return round.error();
        if (!*round)
            return makeError(meta_.person + " is not a coder of round " + label.round +
                             " in the project");
        auto postId = post(label.source, label.sourceId, label.title);
        if (!postId)
            return postId.error();
        const std::string where = "the label of " + meta_.person + " on " +
                                  labels::describePost(db_, *postId) + " in round " + label.round;
        if (auto status = checkTime(label.updated, where); !status)
            return status;
        auto assigned = sql::queryIntBound(
            db_, "SELECT count(*) FROM round_items WHERE round_id = ? AND post_id = ?", **round,
            *postId);
        if (!assigned)
            return assigned.error();
        if (*assigned == 0)
            return makeError(where + ": the post is outside " + meta_.person +
                             "'s assignment in round " + label.round);
        auto ids = categoryIds(label.verdict, where);
        if (!ids)
            return ids.error();
        auto special = specialOf(label.verdict, where);
        if (!special)
            return special.error();
        if (std::any_of(
                label.quotes.begin(), label.quotes.end(),
                [](const detail::PackageQuote& quote) { return quote.quotedBy.has_value(); }))
            return makeError(where + " has a quote that names who quoted it, as only an "
                                     "arbitrator's kept quote does: it was changed by hand");
        auto quotes = detail::projectQuotes(db_, label.quotes, *postId, where, uids_, paths_);
        if (!quotes)
            return quotes.error();
        auto existing = db_.prepare("SELECT id, special, suggestion, note, code, updated FROM "
                                    "labels WHERE round_id = ? AND post_id = ? AND coder_id = ?");
        if (!existing)
            return existing.error();
        existing->bind(1, **round).bind(2, *postId).bind(3, person_);
        auto row = existing->step();
        if (!row)
            return row.error();
        std::optional<std::int64_t> replaced;
        if (*row) {
            const auto id = existing->columnInt(0);
            auto current =
                verdictOf("label_categories", "label_id", id, existing->columnOptionalText(1));
            if (!current)
                return current.error();
            auto currentQuotes = labels::loadQuotes(db_, labels::kLabelQuotes, id);
            if (!currentQuotes)
                return currentQuotes.error();
            const bool same =
                current->special == label.verdict.special && *currentQuotes == *quotes &&
                current->categories == label.verdict.categories &&
                existing->columnText(2) == label.suggestion &&
                existing->columnText(3) == label.note && existing->columnText(4) == label.code;
            if (same) {
                ++report_.labelsUnchanged;
                return {};
            }
            replaced = id;
        }
        // What would be written passes the rules that saving it in the app passes.
        labels::LabelContent content;
        content.categories = *ids;
        content.special = *special;
        content.suggestion = label.suggestion;
        content.note = label.note;
        content.code = label.code;
        content.quotes = detail::plainQuotes(*quotes);
        if (auto status = labels::validateLabel(db_, {**round, *postId, person_}, content); !status)
            return makeError(where + ": " + status.message());
        if (replaced) {
            if (existing->columnText(5) > label.updated) {
                report_.newerInProject.push_back(label.source + ":" + label.sourceId);
                newerDescriptions_.push_back(labels::describePost(db_, *postId));
                if (!options_.overwriteNewer)
                    return {};
            }
            if (auto status = sql::runBound(db_, "DELETE FROM labels WHERE id = ?", *replaced);
                !status)
                return status;
            ++report_.labelsUpdated;
        } else {
            ++report_.labelsAdded;
        }
        changed_ = true;
        if (auto status = sql::runBound(db_,
                                        "INSERT INTO labels(round_id, post_id, coder_id, special, "
                                        "suggestion, note, code, updated) "
                                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                        **round, *postId, person_, label.verdict.special,
                                        label.suggestion, label.note, label.code, label.updated);
            !status)
            return status;
        const auto labelId = db_.lastInsertRowId();
        for (const auto category : *ids)
            if (auto status = sql::runBound(db_, "INSERT INTO label_categories VALUES (?, ?)",
                                            labelId, category);
                !status)
                return status;
        return labels::writeQuotes(db_, labels::kLabelQuotes, labelId, *quotes);
    }

    Status mergeDecision(const PackageDecision& decision) {
        auto postId = post(decision.source, decision.sourceId, decision.title);
        if (!postId)
            return postId.error();
        const std::string where = "the decision on " + labels::describePost(db_, *postId);
        if (decision.arbitrator != meta_.person)
            return makeError(where + " is by " + decision.arbitrator + ", not by " + meta_.person +
                             ": the package was changed by hand");
        if (auto status = checkTime(decision.decided, where); !status)
            return status;
        auto ids = categoryIds(decision.verdict, where);
        if (!ids)
            return ids.error();
        auto special = specialOf(decision.verdict, where);
        if (!special)
            return special.error();
        auto quotes = detail::projectQuotes(db_, decision.quotes, *postId, where, uids_, paths_);
        if (!quotes)
            return quotes.error();
        auto existing = db_.prepare("SELECT id, special, rationale, decided, arbitrator_id FROM "
                                    "decisions WHERE post_id = ?");
        if (!existing)
            return existing.error();
        existing->bind(1, *postId);
        auto row = existing->step();
        if (!row)
            return row.error();
        std::optional<std::int64_t> replaced;
        if (*row) {
            const auto id = existing->columnInt(0);
            // Newer wins only between two versions of the same person's work.
            if (existing->columnInt(4) != person_) {
                auto by = sql::prepareBound(db_, "SELECT name FROM people WHERE id = ?",
                                            existing->columnInt(4));
                std::string other = "another arbitrator";
                if (by) {
                    if (auto found = by->step(); found && *found)
                        other = by->columnText(0);
                }
                return makeError(labels::describePost(db_, *postId) + " is decided by " + other +
                                 " in the project; a package of " + meta_.person +
                                 " cannot replace another person's decision (undo it in the "
                                 "project first if " +
                                 meta_.person + " is to decide it)");
            }
            auto current = verdictOf("decision_categories", "decision_id", id,
                                     existing->columnOptionalText(1));
            if (!current)
                return current.error();
            auto currentQuotes = labels::loadQuotes(db_, arbitration::kDecisionQuotes, id);
            if (!currentQuotes)
                return currentQuotes.error();
            if (current->special == decision.verdict.special && *currentQuotes == *quotes &&
                current->categories == decision.verdict.categories &&
                existing->columnText(2) == decision.rationale) {
                ++report_.decisionsUnchanged;
                return {};
            }
            replaced = id;
        }
        arbitration::DecisionContent content;
        content.categories = *ids;
        content.special = *special;
        content.rationale = decision.rationale;
        content.quotes = *quotes;
        if (auto status = arbitration::validateDecision(db_, *postId, person_, content); !status)
            return makeError(where + ": " + status.message());
        if (replaced) {
            if (existing->columnText(3) > decision.decided) {
                report_.newerInProject.push_back(decision.source + ":" + decision.sourceId);
                newerDescriptions_.push_back(labels::describePost(db_, *postId));
                if (!options_.overwriteNewer)
                    return {};
            }
            if (auto status = sql::runBound(db_, "DELETE FROM decisions WHERE id = ?", *replaced);
                !status)
                return status;
            ++report_.decisionsUpdated;
        } else {
            ++report_.decisionsAdded;
        }
        changed_ = true;
        if (auto status = sql::runBound(db_,
                                        "INSERT INTO decisions(post_id, arbitrator_id, special, "
                                        "rationale, decided) VALUES (?, ?, ?, ?, ?)",
                                        *postId, person_, decision.verdict.special,
                                        decision.rationale, decision.decided);
            !status)
            return status;
        const auto decisionId = db_.lastInsertRowId();
        for (const auto category : *ids)
            if (auto status = sql::runBound(db_, "INSERT INTO decision_categories VALUES (?, ?)",
                                            decisionId, category);
                !status)
                return status;
        return labels::writeQuotes(db_, arbitration::kDecisionQuotes, decisionId, *quotes);
    }

public:
    bool changed() const { return changed_; }

private:
    sql::Database& db_;
    PackageMeta meta_;
    std::int64_t person_;
    MergeOptions options_;
    MergeReport report_;
    std::map<std::string, std::int64_t> uids_;
    std::map<std::string, std::string> paths_;
    std::vector<std::string> newerDescriptions_;
    std::string latest_;
    bool changed_ = false;
};

} // namespace

Result<std::optional<PackageMeta>> readPackageMeta(sql::Database& db) {
    auto stmt = db.prepare("SELECT key, value FROM meta WHERE key LIKE 'package_%'");
    if (!stmt)
        return stmt.error();
    std::map<std::string, std::string> values;
    if (auto status = stmt->forEachRow(
            [&](sql::Statement& row) { values[row.columnText(0)] = row.columnText(1); });
        !status)
        return status.error();
    if (values.empty())
        return std::optional<PackageMeta>();
    PackageMeta meta;
    const auto kind = values["package_kind"];
    if (kind != "coder" && kind != "arbitrator")
        return makeError("the package's kind '" + kind + "' is neither coder nor arbitrator");
    meta.kind = kind == "coder" ? Kind::Coder : Kind::Arbitrator;
    meta.person = values["package_person"];
    meta.created = values["package_created"];
    meta.secret = values["package_secret"];
    if (meta.person.empty())
        return makeError("the package names no person");
    return std::optional<PackageMeta>(meta);
}

Result<MergeReport> importPackage(Project& project, const std::string& file,
                                  const MergeOptions& options, const ProgressCallback& progress,
                                  const CancelFlag* cancel) {
    if (project.readOnly())
        return makeError(project.path() + " is open read-only");
    auto own = readPackageMeta(project.db());
    if (!own)
        return own.error();
    if (*own)
        return makeError(project.path() + " is itself the package of " + (*own)->person +
                         "; merge packages into the lead's project");
    if (progress)
        progress({"Checking the package", 0, 0, "labels", 0, 0});
    // Before any row is read: a view or trigger planted in the file would run on the
    // first SELECT, so only the file's header and its sqlite_schema are looked at.
    auto version = detail::checkPackageSchema(file);
    if (!version)
        return version.error();
    if (cancelled(cancel))
        return makeError(kCancelledMessage);
    // A package of an older version is read from a migrated copy: the coder's file is
    // never written to, and the copy goes when the merge has read it.
    std::string readFrom = file;
    if (*version < schema::kCurrentVersion) {
        auto copy = detail::migratedCopy(file, *version);
        if (!copy)
            return copy.error();
        readFrom = *copy;
    }
    struct RemoveCopy {
        const std::string& copy;
        bool owned;
        ~RemoveCopy() {
            if (owned)
                detail::removePackageCopy(copy);
        }
    } removeCopy{readFrom, readFrom != file};
    Contents contents;
    PackageMeta meta;
    {
        auto package = Project::open(readFrom, Project::Access::ReadOnly);
        if (!package)
            return makeError(file + " is not a package: " + package.message());
        // Bytes changed on the way break the file's structure long before they read as
        // a plausible label: SQLite's own check finds them before anything is read.
        auto check = package->db().queryText("PRAGMA quick_check");
        if (!check || *check != "ok")
            return makeError(file + " is damaged (changed or truncated on the way?): " +
                             (check ? *check : check.message()));
        auto read = readPackageMeta(package->db());
        if (!read)
            return makeError(file + " is not a package: " + read.message());
        if (!*read)
            return makeError(file + " is a project, not a package (it has no package meta)");
        meta = **read;
        if (package->id() != project.id())
            return makeError(file + " is a package of another project (\u201c" + package->title() +
                             "\u201d), not of " + project.path());
        auto read2 = readContents(package->db());
        if (!read2)
            return makeError(file +
                             " is not a package that can be read (truncated or "
                             "damaged?): " +
                             read2.message());
        contents = std::move(*read2);
    }
    auto& db = project.db();
    auto person =
        sql::queryOptionalIntBound(db, "SELECT id FROM people WHERE name = ?", meta.person);
    if (!person)
        return person.error();
    if (!*person)
        return makeError(file + " was made for " + meta.person +
                         ", who is not a person of this project");
    auto issue = detail::matchIssue(db, **person, meta, file);
    if (!issue)
        return issue.error();
    auto older = detail::olderThanImported(db, **person, meta, *issue, contents.latestChange);
    if (!older)
        return older.error();
    // Not sql::inTransaction: a re-import that changes nothing returns its report
    // uncommitted.
    sql::Transaction transaction(db);
    if (!transaction.begun())
        return transaction.begun().error();
    Merger merger(db, meta, **person, options);
    auto report = merger.run(contents, progress, cancel);
    if (!report) {
        if (report.message() == kCancelledMessage)
            return report.error();
        return makeError(file + ": " + report.message() + (*older ? "; " + **older : ""));
    }
    if (*older)
        report->warnings.push_back(**older);
    if (auto status = detail::addProgress(db, contents.rounds, **person, *report); !status)
        return status.error();
    if (!merger.changed())
        return report; // the transaction rolls back nothing: a re-import changes nothing
    if (auto status = detail::recordImport(db, *issue, contents.latestChange, file); !status)
        return status.error();
    if (auto status = changelog::append(db, "package.import",
                                        {{"file", file}, {"report", toJson(*report)}}, meta.person);
        !status)
        return status.error();
    if (auto status = transaction.commit(); !status)
        return makeError(project.path() + ": cannot save: " + status.message());
    return report;
}

} // namespace taxo::packages
