#include "core/results/final_labels.h"

#include "core/store/statements.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace taxo::results {
namespace {

struct RawLabel {
    std::int64_t postId = 0;
    std::int64_t roundId = 0;
    labels::LabelContent content;
};

// Reads rows of (id, post, round, special) and the categories of each from the
// table that links them, so labels and decisions share one loader.
Result<std::map<std::int64_t, RawLabel>> loadRows(sql::Database& db, const std::string& rowsQuery,
                                                  const std::string& categoriesQuery) {
    std::map<std::int64_t, RawLabel> rows;
    auto stmt = db.prepare(rowsQuery);
    if (!stmt)
        return stmt.error();
    std::optional<std::string> unknown; // the first special value this version does not know
    if (auto status = stmt->forEachRow([&](sql::Statement& row) {
            if (unknown)
                return;
            RawLabel raw;
            raw.postId = row.columnInt(1);
            raw.roundId = row.columnInt(2);
            if (auto special = row.columnOptionalText(3)) {
                raw.content.special = labels::parseSpecial(*special);
                if (!raw.content.special) {
                    unknown = *special;
                    return;
                }
            }
            rows.emplace(row.columnInt(0), std::move(raw));
        });
        !status)
        return status.error();
    if (unknown)
        return makeError("unknown special label value '" + *unknown + "'");

    auto cats = db.prepare(categoriesQuery);
    if (!cats)
        return cats.error();
    if (auto status = cats->forEachRow([&](sql::Statement& row) {
            if (auto found = rows.find(row.columnInt(0)); found != rows.end())
                found->second.content.categories.push_back(row.columnInt(1));
        });
        !status)
        return status.error();
    for (auto& [id, raw] : rows) {
        auto& list = raw.content.categories;
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
    }
    return rows;
}

// A label that can be final: categories or False positive / Unclear. Pending
// and an initial code alone cannot.
bool decisive(const labels::LabelContent& content) {
    if (content.special)
        return *content.special != labels::Special::Pending;
    return !content.categories.empty();
}

FinalLabel makeFinal(std::int64_t post, FinalSource source, const labels::LabelContent& content) {
    FinalLabel label;
    label.postId = post;
    label.source = source;
    label.special = content.special;
    if (!content.special)
        label.categories = content.categories;
    return label;
}

} // namespace

std::string_view finalSourceName(FinalSource source) {
    switch (source) {
    case FinalSource::Pilot:
        return "pilot";
    case FinalSource::Agreement:
        return "agreement";
    case FinalSource::Decision:
        return "decision";
    case FinalSource::Unresolved:
        return "unresolved";
    }
    return "unresolved";
}

Result<std::vector<std::int64_t>> sampledPosts(sql::Database& db) {
    return sql::queryIntsBound(db, "SELECT post_id FROM sample_members UNION "
                                   "SELECT ri.post_id FROM round_items ri JOIN rounds r ON "
                                   "r.id = ri.round_id WHERE r.kind IN ('pilot', 'reliability') "
                                   "ORDER BY 1");
}

Result<std::vector<FinalLabel>> finalLabels(sql::Database& db) {
    auto posts = sampledPosts(db);
    if (!posts)
        return posts.error();
    auto pilot = loadRows(db,
                          "SELECT l.id, l.post_id, l.round_id, l.special FROM labels l JOIN rounds "
                          "r ON r.id = l.round_id WHERE r.kind = 'pilot' AND l.coder_id IS NULL",
                          "SELECT label_id, category_id FROM label_categories");
    if (!pilot)
        return pilot.error();
    auto coded = loadRows(db,
                          "SELECT l.id, l.post_id, l.round_id, l.special FROM labels l JOIN rounds "
                          "r ON r.id = l.round_id WHERE r.kind = 'reliability' AND "
                          "l.coder_id IS NOT NULL",
                          "SELECT label_id, category_id FROM label_categories");
    if (!coded)
        return coded.error();
    auto decided = loadRows(db, "SELECT id, post_id, 0, special FROM decisions",
                            "SELECT decision_id, category_id FROM decision_categories");
    if (!decided)
        return decided.error();

    // What each round settled for each post, and whether a round left it in conflict
    // (docs/architecture.md, "Label semantics"; docs/results.md, "A post in several rounds").
    struct PostOutcomes {
        // What the rounds that settled it settled, by agreement value: one entry when
        // they all agree.
        std::map<std::string, const labels::LabelContent*> settled;
        bool fromPilot = false; // a pilot round settled it
        bool conflict = false;  // a round left it to arbitration
    };
    std::map<std::int64_t, PostOutcomes> outcomes;
    for (const auto& [id, raw] : *pilot) {
        auto& post = outcomes[raw.postId];
        if (decisive(raw.content)) {
            post.settled.emplace(labels::agreementValue(raw.content), &raw.content);
            post.fromPilot = true;
        } else if (raw.content.special == labels::Special::Pending) {
            post.conflict = true;
        }
    }

    // How many coders each round has: a post is settled only when every one of them
    // labeled it, as arbitration's outcome of a round requires.
    std::map<std::int64_t, std::size_t> roundCoders;
    if (auto status =
            sql::forEachRow(db, "SELECT round_id, count(*) FROM round_coders GROUP BY round_id",
                            [&](sql::Statement& row) {
                                roundCoders[row.columnInt(0)] =
                                    static_cast<std::size_t>(row.columnInt(1));
                            });
        !status)
        return status.error();

    // Agreement per (round, post): at least two coders, all the round's coders, every
    // value equal and decisive. A Pending from any coder, or two values that differ, is
    // a conflict of that round.
    std::map<std::pair<std::int64_t, std::int64_t>, std::vector<const labels::LabelContent*>>
        groups;
    for (const auto& [id, raw] : *coded)
        groups[{raw.roundId, raw.postId}].push_back(&raw.content);
    for (const auto& [key, contents] : groups) {
        auto& post = outcomes[key.second];
        std::set<std::string> values;
        std::size_t valued = 0; // labels with a value (not an initial code alone)
        bool pending = false;
        for (const auto* content : contents) {
            pending = pending || content->special == labels::Special::Pending;
            if (auto value = labels::agreementValue(*content); !value.empty()) {
                values.insert(std::move(value));
                ++valued;
            }
        }
        if (pending || values.size() > 1)
            post.conflict = true;
        else if (contents.size() >= std::max<std::size_t>(2, roundCoders[key.first]) &&
                 valued == contents.size())
            post.settled.emplace(*values.begin(), contents.front());
    }
    std::map<std::int64_t, const labels::LabelContent*> byDecision;
    for (const auto& [id, raw] : *decided)
        if (decisive(raw.content))
            byDecision.emplace(raw.postId, &raw.content);

    // The arbitrator's decision is the last word on a post, in every round that holds
    // it. Without one, the post is final only when no round left it in conflict and
    // every round that settled it settled it the same way; rounds that differ are a
    // conflict for arbitration (arbitration::conflictPosts, reason "rounds"). Nothing
    // here depends on the order in which rounds were made or listed.
    std::vector<FinalLabel> result;
    result.reserve(posts->size());
    for (const auto post : *posts) {
        if (auto d = byDecision.find(post); d != byDecision.end()) {
            result.push_back(makeFinal(post, FinalSource::Decision, *d->second));
            continue;
        }
        const auto found = outcomes.find(post);
        // Unresolved while a round is in conflict, no round has settled it, or the rounds
        // that settled it differ (a conflict between rounds).
        if (found == outcomes.end() || found->second.conflict ||
            found->second.settled.size() != 1) {
            result.push_back(FinalLabel{post, FinalSource::Unresolved, {}, std::nullopt});
            continue;
        }
        result.push_back(
            makeFinal(post, found->second.fromPilot ? FinalSource::Pilot : FinalSource::Agreement,
                      *found->second.settled.begin()->second));
    }
    return result;
}

} // namespace taxo::results
