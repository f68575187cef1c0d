#include "core/select/selection.h"

#include "core/rounds/rounds.h"
#include "core/select/set_posts.h"
#include "core/store/change_log.h"
#include "core/store/statements.h"
#include "core/text/html_text.h"
#include "core/util/ids.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>

namespace taxo::select {
namespace {

// Characters that make up words: ASCII letters and digits, '_', and non-ASCII characters
// other than punctuation and spaces (so "café" is one word, and "“deploy”" holds the
// whole word "deploy"). Treated as punctuation: U+00A0-U+00BF, U+00D7, U+00F7 and the
// General Punctuation block U+2000-U+206F.
bool isWordCodePoint(std::uint32_t cp) {
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
               cp == '_';
    if ((cp >= 0xA0 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7)
        return false;
    return !(cp >= 0x2000 && cp <= 0x206F);
}

// The code point whose UTF-8 sequence starts at text[at]; malformed bytes count as
// themselves, which makes them word characters (never a false whole-word match).
std::uint32_t codePointAt(std::string_view text, std::size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    int length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (lead < 0x80 || at + static_cast<std::size_t>(length) > text.size())
        return lead;
    std::uint32_t cp = lead & (length == 2 ? 0x1Fu : length == 3 ? 0x0Fu : 0x07u);
    for (int i = 1; i < length; ++i)
        cp = (cp << 6) |
             (static_cast<unsigned char>(text[at + static_cast<std::size_t>(i)]) & 0x3Fu);
    return cp;
}

// The code point that ends just before text[at] (at > 0).
std::uint32_t codePointBefore(std::string_view text, std::size_t at) {
    std::size_t start = at - 1;
    // Step back over at most three continuation bytes (10xxxxxx) to the lead byte.
    while (start > 0 && at - start < 4 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
        --start;
    return codePointAt(text, start);
}

bool needsText(const Clause& clause) {
    return !clause.keywordsAny.empty() || !clause.wordsAll.empty();
}

// The clause's tag condition alone (true when it has none).
bool tagsMatch(const Clause& clause, const std::vector<std::string>& tags) {
    if (clause.tagsAny.empty())
        return true;
    return std::any_of(clause.tagsAny.begin(), clause.tagsAny.end(), [&](const std::string& tag) {
        return std::find(tags.begin(), tags.end(), tag) != tags.end();
    });
}

struct ExistingSet {
    std::int64_t id = 0;
    std::string name;
    std::string root;
    std::vector<std::int64_t> samples;
};

Error withPlace(const std::string& what, const Error& error) {
    return makeError(what + ": " + error.message);
}

// The members of an existing set, sorted, for the "unchanged" comparison.
Result<std::vector<std::int64_t>> loadMembers(sql::Database& db, std::int64_t setId) {
    auto query = db.prepare("SELECT post_id FROM set_members WHERE set_id = ? ORDER BY post_id");
    if (!query)
        return query.error();
    query->bind(1, setId);
    std::vector<std::int64_t> members;
    if (auto status =
            query->forEachRow([&](sql::Statement& row) { members.push_back(row.columnInt(0)); });
        !status)
        return status.error();
    return members;
}

Result<std::vector<ExistingSet>> loadExistingSets(sql::Database& db) {
    auto query = db.prepare("SELECT s.id, s.name, s.root_name, "
                            "(SELECT group_concat(id) FROM samples WHERE set_id = s.id) "
                            "FROM sets s ORDER BY s.id");
    if (!query)
        return query.error();
    std::vector<ExistingSet> sets;
    if (auto status = query->forEachRow([&](sql::Statement& row) {
            ExistingSet set{row.columnInt(0), row.columnText(1), row.columnText(2), {}};
            const std::string samples = row.columnText(3);
            std::size_t start = 0;
            while (start < samples.size()) {
                const std::size_t comma = std::min(samples.find(',', start), samples.size());
                set.samples.push_back(std::stoll(samples.substr(start, comma - start)));
                start = comma + 1;
            }
            sets.push_back(std::move(set));
        });
        !status)
        return status.error();
    return sets;
}

std::string joinIds(const std::vector<std::int64_t>& ids) {
    std::string out;
    for (auto id : ids)
        out += (out.empty() ? "" : ", ") + std::to_string(id);
    return out;
}

} // namespace

std::string matchableText(std::string_view title, std::string_view bodyHtml) {
    // Titles are stored decoded by the importers, but a title read from another source may
    // still carry entities; decoding twice is harmless for text without '&'.
    std::string text = text::foldCase(text::decodeEntities(title));
    text += '\n';
    text += text::foldCase(text::htmlToText(bodyHtml));
    return text;
}

bool containsWord(std::string_view text, std::string_view word, bool wholeWords) {
    if (word.empty())
        return false;
    if (!wholeWords)
        return text.find(word) != std::string_view::npos;
    // Only an edge of the word that is itself a word character needs a boundary: "c++"
    // must end anywhere, "deploy" must not continue into "deployment".
    const bool checkStart = isWordCodePoint(codePointAt(word, 0));
    const bool checkEnd = isWordCodePoint(codePointBefore(word, word.size()));
    for (std::size_t at = text.find(word); at != std::string_view::npos;
         at = text.find(word, at + 1)) {
        const std::size_t end = at + word.size();
        const bool startOk = !checkStart || at == 0 || !isWordCodePoint(codePointBefore(text, at));
        const bool endOk =
            !checkEnd || end == text.size() || !isWordCodePoint(codePointAt(text, end));
        if (startOk && endOk)
            return true;
    }
    return false;
}

bool clauseMatches(const Clause& clause, const MatchablePost& post) {
    if (!tagsMatch(clause, post.tags))
        return false;
    if (!clause.keywordsAny.empty()) {
        const bool anyWord = std::any_of(
            clause.keywordsAny.begin(), clause.keywordsAny.end(), [&](const std::string& word) {
                return containsWord(post.text, word, clause.wholeWords);
            });
        if (!anyWord)
            return false;
    }
    return std::all_of(
        clause.wordsAll.begin(), clause.wordsAll.end(),
        [&](const std::string& word) { return containsWord(post.text, word, clause.wholeWords); });
}

namespace {

double secondsSince(std::chrono::steady_clock::time_point started) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

// Scans the posts, checks which sets may be replaced or dropped, and writes them; the
// caller runs it inside one transaction.
Result<SelectionReport> matchAndWrite(Project& project, const Rules& rules,
                                      const SelectOptions& options,
                                      const ProgressCallback& progress, const CancelFlag* cancel,
                                      std::chrono::steady_clock::time_point started) {
    auto& db = project.db();
    auto total = db.queryInt("SELECT count(*) FROM posts");
    if (!total)
        return withPlace(project.path(), total.error());

    SelectionReport report;
    const std::size_t setCount = rules.sets.size();
    std::vector<std::vector<std::int64_t>> members(setCount);
    // firstClause[s][k]: posts whose first matching clause of set s is k, for the
    // cumulative counts (a post counts in the union from its first matching clause on).
    std::vector<std::vector<std::int64_t>> firstClause(setCount);
    for (std::size_t s = 0; s < setCount; ++s) {
        report.sets.push_back({rules.sets[s].name,
                               rules.sets[s].root,
                               std::vector<ClauseCount>(rules.sets[s].clauses.size()),
                               0,
                               -1,
                               {},
                               0,
                               rules.sets[s].json});
        firstClause[s].assign(rules.sets[s].clauses.size(), 0);
    }
    std::map<std::pair<std::size_t, std::size_t>, std::int64_t> pairCounts;

    {
        // Tags arrive joined by the unit separator, which no tag contains.
        auto scan = db.prepare("SELECT p.id, p.title, p.body, "
                               "(SELECT group_concat(t.tag, char(31)) FROM post_tags t "
                               "WHERE t.post_id = p.id) FROM posts p ORDER BY p.id");
        if (!scan)
            return withPlace(project.path(), scan.error());
        MatchablePost post;
        std::vector<std::size_t> inSets;
        // Stepped by hand, not with forEachRow: the stream of every post reports progress
        // and stops at a cancel.
        while (true) {
            auto row = scan->step();
            if (!row)
                return withPlace(project.path() + ": reading posts", row.error());
            if (!*row)
                break;
            const std::int64_t postId = scan->columnInt(0);
            post.tags.clear();
            const std::string tags = scan->columnText(3);
            for (std::size_t start = 0; start < tags.size();) {
                const std::size_t end = std::min(tags.find('\x1f', start), tags.size());
                post.tags.push_back(text::foldCase(tags.substr(start, end - start)));
                start = end + 1;
            }
            // The text is computed at most once per post, and only when a clause whose
            // tag condition holds needs it: most posts of a large corpus never need it.
            bool haveText = false;
            inSets.clear();
            for (std::size_t s = 0; s < setCount; ++s) {
                const auto& clauses = rules.sets[s].clauses;
                std::optional<std::size_t> first;
                for (std::size_t k = 0; k < clauses.size(); ++k) {
                    const Clause& clause = clauses[k];
                    if (needsText(clause) && !haveText) {
                        if (!tagsMatch(clause, post.tags))
                            continue;
                        post.text = matchableText(scan->columnText(1), scan->columnText(2));
                        haveText = true;
                    }
                    if (clauseMatches(clause, post)) {
                        ++report.sets[s].clauses[k].matched;
                        if (!first)
                            first = k;
                    }
                }
                if (first) {
                    ++firstClause[s][*first];
                    members[s].push_back(postId);
                    inSets.push_back(s);
                }
            }
            if (!inSets.empty())
                ++report.unionMembers;
            for (std::size_t a = 0; a < inSets.size(); ++a)
                for (std::size_t b = a + 1; b < inSets.size(); ++b)
                    ++pairCounts[{inSets[a], inSets[b]}];
            ++report.postsScanned;
            if (report.postsScanned % 1024 == 0) {
                if (cancelled(cancel))
                    return makeError(kCancelledMessage);
                if (progress)
                    progress({"Matching posts", static_cast<std::uint64_t>(report.postsScanned),
                              static_cast<std::uint64_t>(*total), "posts",
                              static_cast<std::uint64_t>(report.postsScanned),
                              secondsSince(started)});
            }
        }
    }
    for (std::size_t s = 0; s < setCount; ++s) {
        std::int64_t running = 0;
        for (std::size_t k = 0; k < firstClause[s].size(); ++k) {
            running += firstClause[s][k];
            report.sets[s].clauses[k].cumulative = running;
        }
        report.sets[s].members = static_cast<std::int64_t>(members[s].size());
        for (std::size_t t = s + 1; t < setCount; ++t) {
            const auto found = pairCounts.find({s, t});
            report.overlaps.push_back({rules.sets[s].name, rules.sets[t].name,
                                       found == pairCounts.end() ? 0 : found->second});
        }
    }
    if (cancelled(cancel))
        return makeError(kCancelledMessage);

    // Which existing sets are replaced, kept or dropped, and may they be?
    auto existing = loadExistingSets(db);
    if (!existing)
        return withPlace(project.path(), existing.error());
    std::unordered_map<std::string, const ExistingSet*> byName;
    for (const auto& set : *existing)
        byName[set.name] = &set;
    std::vector<std::string> refusals;
    for (std::size_t s = 0; s < setCount; ++s) {
        const auto found = byName.find(rules.sets[s].name);
        if (found == byName.end())
            continue;
        const ExistingSet& old = *found->second;
        auto oldMembers = loadMembers(db, old.id);
        if (!oldMembers)
            return withPlace(project.path(), oldMembers.error());
        report.sets[s].previousMembers = static_cast<std::int64_t>(oldMembers->size());
        report.sets[s].samples = old.samples;
        // Posts that screening ruled out of the set stay out when the rules rebuild it.
        auto excluded = excludedPosts(db, old.id);
        if (!excluded)
            return withPlace(project.path(), excluded.error());
        std::erase_if(members[s], [&](std::int64_t postId) {
            return std::binary_search(excluded->begin(), excluded->end(), postId);
        });
        report.sets[s].screenedOut =
            report.sets[s].members - static_cast<std::int64_t>(members[s].size());
        report.sets[s].members = static_cast<std::int64_t>(members[s].size());
        const bool unchanged = *oldMembers == members[s] && old.root == rules.sets[s].root;
        if (!old.samples.empty() && !unchanged && !options.force)
            refusals.push_back("set '" + old.name + "' is used by sample " + joinIds(old.samples) +
                               " and would change from " + std::to_string(oldMembers->size()) +
                               " to " + std::to_string(members[s].size()) + " posts" +
                               (old.root != rules.sets[s].root ? " (and change its root)" : ""));
    }
    for (const auto& old : *existing) {
        const bool kept = std::any_of(rules.sets.begin(), rules.sets.end(),
                                      [&](const SetRule& rule) { return rule.name == old.name; });
        if (kept)
            continue;
        // A sample cannot outlive its set (samples.set_id), and deleting samples with their
        // rounds and labels is never a side effect of selection: even --force keeps them.
        if (!old.samples.empty())
            refusals.push_back("set '" + old.name + "' is used by sample " + joinIds(old.samples) +
                               " and the rules no longer define it; keep it in the rules "
                               "(a set that a sample uses is never dropped, even with --force)");
        auto screened = rounds::screeningRoundOfSet(db, old.id);
        if (!screened)
            return withPlace(project.path(), screened.error());
        if (!screened->empty())
            refusals.push_back("set '" + old.name + "' is screened by round '" + *screened +
                               "' and the rules no longer define it; keep it in the rules (a "
                               "screened set is never dropped, even with --force)");
        report.dropped.push_back(old.name);
    }
    if (!refusals.empty()) {
        std::string message = "the sets were not changed: ";
        for (std::size_t i = 0; i < refusals.size(); ++i)
            message += (i ? "; " : "") + refusals[i];
        if (!options.force)
            message += ". Use --force to replace sets that samples use.";
        return makeError(message);
    }

    // Write: sets keep their id (samples refer to it); members are replaced wholesale.
    const std::string now = utcNowIso();
    auto update = db.prepare("UPDATE sets SET root_name = ?, rules = ?, created = ? WHERE id = ?");
    auto insert =
        db.prepare("INSERT INTO sets(name, root_name, rules, created) VALUES (?, ?, ?, ?)");
    auto clear = db.prepare("DELETE FROM set_members WHERE set_id = ?");
    auto addMember = db.prepare("INSERT INTO set_members(set_id, post_id) VALUES (?, ?)");
    auto drop = db.prepare("DELETE FROM sets WHERE id = ?");
    // The counts after each clause are kept with the set for the methods text.
    auto clearCounts = db.prepare("DELETE FROM set_clause_counts WHERE set_id = ?");
    auto addCount = db.prepare("INSERT INTO set_clause_counts(set_id, position, matched, "
                               "cumulative) VALUES (?, ?, ?, ?)");
    for (auto* statement : {&update, &insert, &clear, &addMember, &drop, &clearCounts, &addCount})
        if (!*statement)
            return withPlace(project.path(), statement->error());
    for (std::size_t s = 0; s < setCount; ++s) {
        const SetRule& rule = rules.sets[s];
        std::int64_t setId = 0;
        if (const auto found = byName.find(rule.name); found != byName.end()) {
            setId = found->second->id;
            if (auto status =
                    update->bind(1, rule.root).bind(2, rule.json).bind(3, now).bind(4, setId).run();
                !status)
                return withPlace(project.path() + ": set '" + rule.name + "'", status.error());
            if (auto status = clear->bind(1, setId).run(); !status)
                return withPlace(project.path() + ": set '" + rule.name + "'", status.error());
        } else {
            if (auto status = insert->bind(1, rule.name)
                                  .bind(2, rule.root)
                                  .bind(3, rule.json)
                                  .bind(4, now)
                                  .run();
                !status)
                return withPlace(project.path() + ": set '" + rule.name + "'", status.error());
            setId = db.lastInsertRowId();
        }
        for (const auto postId : members[s]) {
            if (auto status = addMember->bind(1, setId).bind(2, postId).run(); !status)
                return withPlace(project.path() + ": set '" + rule.name + "'", status.error());
        }
        if (auto status = clearCounts->bind(1, setId).run(); !status)
            return withPlace(project.path() + ": set '" + rule.name + "'", status.error());
        const auto& counts = report.sets[s].clauses;
        for (std::size_t k = 0; k < counts.size(); ++k) {
            if (auto status = addCount->bind(1, setId)
                                  .bind(2, static_cast<std::int64_t>(k))
                                  .bind(3, counts[k].matched)
                                  .bind(4, counts[k].cumulative)
                                  .run();
                !status)
                return withPlace(project.path() + ": set '" + rule.name + "'", status.error());
        }
        if (cancelled(cancel))
            return makeError(kCancelledMessage);
    }
    for (const auto& name : report.dropped) {
        if (auto status = drop->bind(1, byName.at(name)->id).run(); !status)
            return withPlace(project.path() + ": dropping set '" + name + "'", status.error());
    }

    nlohmann::json details = {
        {"sets", nlohmann::json::array()}, {"dropped", report.dropped}, {"force", options.force}};
    for (const auto& set : report.sets)
        details["sets"].push_back({{"name", set.name}, {"members", set.members}});
    if (auto status = changelog::appendAt(db, now, "select", details); !status)
        return withPlace(project.path(), status.error());
    return report;
}

} // namespace

Result<SelectionReport> selectSets(Project& project, const Rules& rules,
                                   const SelectOptions& options, const ProgressCallback& progress,
                                   const CancelFlag* cancel) {
    const auto started = std::chrono::steady_clock::now();
    if (project.readOnly())
        return makeError(project.path() + ": opened read-only; cannot build sets");
    if (rules.sets.empty())
        return makeError("the rules define no set");

    // One transaction from the scan to the last write: the sets reflect exactly the posts
    // that were read, and a failure or cancel anywhere leaves the project as it was.
    const sql::TransactionWording wording{project.path() + ": ", project.path() + ": "};
    auto report = sql::inTransaction(project.db(), wording, [&] {
        return matchAndWrite(project, rules, options, progress, cancel, started);
    });
    if (report)
        report->seconds = secondsSince(started);
    return report;
}

Result<std::vector<SetSelection>> storedSets(sql::Database& db) {
    auto stmt = db.prepare("SELECT s.id, s.name, s.root_name, s.rules, (SELECT count(*) FROM "
                           "set_members m WHERE m.set_id = s.id) FROM sets s ORDER BY s.id");
    if (!stmt)
        return stmt.error();
    std::vector<std::pair<std::int64_t, SetSelection>> sets;
    auto listed = stmt->forEachRow([&](const sql::Statement& row) {
        SetSelection set;
        set.name = row.columnText(1);
        set.root = row.columnText(2);
        set.rule = row.columnText(3);
        set.members = row.columnInt(4);
        sets.emplace_back(row.columnInt(0), std::move(set));
    });
    if (!listed)
        return listed.error();
    auto counts = db.prepare("SELECT position, matched, cumulative FROM set_clause_counts WHERE "
                             "set_id = ? ORDER BY position");
    if (!counts)
        return counts.error();
    std::vector<SetSelection> out;
    // Not a structured binding: clang before 16 cannot capture one in the lambda below.
    for (auto& entry : sets) {
        const auto id = entry.first;
        auto& set = entry.second;
        counts->reset();
        counts->bind(1, id);
        bool inOrder = true;
        auto read = counts->forEachRow([&](const sql::Statement& row) {
            inOrder = inOrder && row.columnInt(0) == static_cast<std::int64_t>(set.clauses.size());
            set.clauses.push_back({row.columnInt(1), row.columnInt(2)});
        });
        if (!read)
            return read.error();
        // Counts with gaps cannot be matched to the rule's clauses: none rather than wrong.
        if (!inOrder)
            set.clauses.clear();
        out.push_back(std::move(set));
    }
    return out;
}

} // namespace taxo::select
