#include "core/sampling/sampling.h"

#include "core/rounds/rounds.h"
#include "core/screening/screening.h"
#include "core/select/set_posts.h"
#include "core/store/change_log.h"
#include "core/store/statements.h"
#include "core/util/ids.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace taxo::sampling {
namespace {

// Posts of the set in a pilot or reliability round other than those of the set's own
// samples (which a new draw replaces).
Result<std::vector<PostRef>> inOtherRounds(sql::Database& db, std::int64_t setId) {
    auto stmt = db.prepare(
        "SELECT DISTINCT p.id, p.source, p.source_id FROM set_members m "
        "JOIN posts p ON p.id = m.post_id JOIN round_items i ON i.post_id = m.post_id "
        "JOIN rounds r ON r.id = i.round_id WHERE m.set_id = ? "
        "AND r.kind IN ('pilot', 'reliability') AND (r.sample_id IS NULL OR r.sample_id NOT IN "
        "(SELECT id FROM samples WHERE set_id = ?))");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, setId).bind(2, setId);
    auto posts = corpus::readPostRefs(*stmt);
    if (posts)
        sortCanonically(*posts);
    return posts;
}

Status insertRound(sql::Database& db, const std::string& name, rounds::RoundKind kind,
                   std::int64_t sampleId, const std::vector<PostRef>& items,
                   const std::vector<std::int64_t>& coders, const std::string& now) {
    auto clash = db.prepare("SELECT count(*) FROM rounds WHERE name = ?");
    if (!clash)
        return clash.error();
    clash->bind(1, name);
    if (auto row = clash->step(); !row)
        return row.error();
    if (clash->columnInt(0) > 0)
        return makeError("a round named '" + name +
                         "' already exists and belongs to no sample of this set; rename or remove "
                         "that round first");
    std::vector<std::int64_t> postIds;
    postIds.reserve(items.size());
    for (const auto& post : items)
        postIds.push_back(post.postId);
    auto roundId =
        rounds::insertRound(db, {name, kind, sampleId, std::nullopt, now, postIds, coders});
    if (!roundId)
        return roundId.error();
    return {};
}

// Removes the set's current sample and its rounds, after checking that no label
// would go with them. Returns the coders of the old rounds by round kind.
Result<std::map<rounds::RoundKind, std::vector<std::int64_t>>>
removeOldSample(sql::Database& db, std::int64_t sampleId, const std::string& setName) {
    std::string held;
    if (auto status = sql::forEachRow(
            db,
            "SELECT r.name, count(l.id) FROM rounds r "
            "JOIN labels l ON l.round_id = r.id WHERE r.sample_id = ? "
            "GROUP BY r.id ORDER BY r.name",
            [&](sql::Statement& row) {
                held += (held.empty() ? "" : ", ") + std::string("'") + row.columnText(0) + "' (" +
                        std::to_string(row.columnInt(1)) + " labels)";
            },
            sampleId);
        !status)
        return status.error();
    if (!held.empty())
        return makeError("set '" + setName +
                         "' already has a sample whose rounds hold labels: " + held +
                         ". A new draw would discard them, so it is refused even with replace. "
                         "Keep this sample, or build a new set (taxo select) and draw for it.");
    // A calibration round scores its coders against this sample's pilot: taking the
    // pilot away would leave it with nothing to score against.
    std::string calibrations;
    if (auto status = sql::forEachRow(
            db,
            "SELECT c.name FROM rounds c JOIN rounds p ON p.id = c.pilot_round_id "
            "WHERE p.sample_id = ? ORDER BY c.name",
            [&](sql::Statement& row) {
                calibrations += (calibrations.empty() ? "'" : ", '") + row.columnText(0) + "'";
            },
            sampleId);
        !status)
        return status.error();
    if (!calibrations.empty())
        return makeError("set '" + setName +
                         "' already has a sample whose pilot round the "
                         "calibration rounds " +
                         calibrations +
                         " are scored against, so a new draw is refused even with replace");
    auto coders = rounds::sampleRoundCoders(db, sampleId);
    if (!coders)
        return coders.error();
    if (auto status = rounds::removeSampleRounds(db, sampleId); !status)
        return status.error();
    auto sample = db.prepare("DELETE FROM samples WHERE id = ?");
    if (!sample)
        return sample.error();
    if (auto status = sample->bind(1, sampleId).run(); !status)
        return status.error();
    return std::move(*coders);
}

std::vector<std::string> names(const std::vector<PostRef>& posts) {
    std::vector<std::string> result;
    result.reserve(posts.size());
    for (const auto& post : posts)
        result.push_back(itemName(post));
    return result;
}

} // namespace

std::string_view sizeMethodName(SizeMethod method) {
    switch (method) {
    case SizeMethod::Size:
        return "size";
    case SizeMethod::Auto:
        return "auto";
    case SizeMethod::All:
        return "all";
    }
    return "size";
}

std::string pilotRoundName(const std::string& setName) {
    return setName + " pilot";
}
std::string reliabilityRoundName(const std::string& setName) {
    return setName + " reliability";
}

Result<std::vector<SetOverview>> listSets(Project& project) {
    auto stmt = project.db().prepare(
        "SELECT s.id, s.name, s.root_name, "
        "(SELECT count(*) FROM set_members m WHERE m.set_id = s.id), "
        "(SELECT size FROM samples x WHERE x.set_id = s.id ORDER BY x.id DESC LIMIT 1), "
        "(SELECT seed FROM samples x WHERE x.set_id = s.id ORDER BY x.id DESC LIMIT 1) "
        "FROM sets s ORDER BY s.name");
    if (!stmt)
        return stmt.error();
    std::vector<SetOverview> sets;
    if (auto status = stmt->forEachRow([&](sql::Statement& row) {
            SetOverview set;
            set.id = row.columnInt(0);
            set.name = row.columnText(1);
            set.rootName = row.columnText(2);
            set.population = row.columnInt(3);
            set.sampleSize = row.columnOptionalInt(4);
            set.sampleSeed = row.columnText(5);
            sets.push_back(std::move(set));
        });
        !status)
        return status.error();
    return sets;
}

Result<StoredSample> drawAndStore(Project& project, const SampleRequest& request) {
    auto seed = parseSeed(request.seed);
    if (!seed)
        return seed.error();
    auto& db = project.db();
    const sql::TransactionWording wording{project.path() + ": cannot write: ",
                                          project.path() + ": cannot save the sample: "};
    return sql::inTransaction(db, wording, [&]() -> Result<StoredSample> {
        auto setId = select::findSetId(db, request.setName);
        if (!setId)
            return setId.error();
        // Screening decides which posts belong to the set; a draw before it ends would
        // sample posts that may still leave.
        auto unfinished = screening::unfinishedScreening(db, *setId);
        if (!unfinished)
            return unfinished.error();
        if (!unfinished->empty())
            return makeError("set '" + request.setName + "' cannot be sampled yet: " + *unfinished);
        auto population = select::setPosts(db, *setId);
        if (!population)
            return population.error();
        if (population->empty())
            return makeError(
                "set '" + request.setName +
                "' has no posts, so there is nothing to sample; import posts and build "
                "the set first");
        std::vector<PostRef> leftOut;
        if (request.leaveOutPostsInOtherRounds) {
            auto taken = inOtherRounds(db, *setId);
            if (!taken)
                return taken.error();
            leftOut = std::move(*taken);
            std::set<std::int64_t> takenIds;
            for (const auto& post : leftOut)
                takenIds.insert(post.postId);
            std::erase_if(*population,
                          [&](const PostRef& post) { return takenIds.contains(post.postId); });
            if (population->empty())
                return makeError("set '" + request.setName + "': all its " +
                                 std::to_string(leftOut.size()) +
                                 " posts are already in the rounds of other sets; draw with "
                                 "those posts kept in (taxo sample --keep-posts-in-other-rounds)");
        }
        const auto populationSize = static_cast<std::int64_t>(population->size());

        StoredSample stored;
        stored.setName = request.setName;
        stored.seed = std::to_string(*seed);
        stored.method = std::string(sizeMethodName(request.method));
        stored.population = populationSize;
        stored.leftOut = static_cast<std::int64_t>(leftOut.size());
        stored.pilotFraction = request.pilotFraction;
        switch (request.method) {
        case SizeMethod::Size:
            stored.size = request.size;
            break;
        case SizeMethod::All:
            stored.size = populationSize;
            break;
        case SizeMethod::Auto: {
            auto input = request.sizeInput;
            input.population = populationSize;
            auto computed = computeSampleSize(input);
            if (!computed)
                return computed.error();
            stored.size = computed->n;
            stored.computed = *computed;
            break;
        }
        }
        auto draw = drawSample(std::move(*population), *seed, stored.size, request.pilotFraction);
        if (!draw)
            return makeError("set '" + request.setName + "': " + draw.message());

        // The old sample, read in its own scope so its cursor is closed before deleting.
        std::optional<std::int64_t> oldId;
        std::string oldDescription;
        {
            auto existing = db.prepare("SELECT id, seed, size FROM samples WHERE set_id = ?");
            if (!existing)
                return existing.error();
            existing->bind(1, *setId);
            auto row = existing->step();
            if (!row)
                return row.error();
            if (*row) {
                oldId = existing->columnInt(0);
                oldDescription = std::to_string(existing->columnInt(2)) + " posts, seed " +
                                 existing->columnText(1);
            }
        }
        std::map<rounds::RoundKind, std::vector<std::int64_t>> keptCoders;
        if (oldId) {
            if (!request.replace)
                return makeError("set '" + request.setName + "' already has a sample (" +
                                 oldDescription +
                                 "); to draw again and replace it, ask for a replacement "
                                 "(taxo sample --replace, or Replace on the Sampling page)");
            auto coders = removeOldSample(db, *oldId, request.setName);
            if (!coders)
                return coders.error();
            keptCoders = std::move(*coders);
        }

        stored.created = utcNowIso();
        NewSample sample;
        sample.setId = *setId;
        sample.seed = stored.seed;
        sample.method = request.method;
        sample.pilotFraction = stored.pilotFraction;
        sample.created = stored.created;
        sample.population = populationSize;
        sample.leftOut = stored.leftOut;
        if (stored.computed)
            sample.sizeInput = stored.computed->input;
        for (const auto& post : draw->sample)
            sample.posts.push_back(post.postId);
        auto sampleId = insertSample(db, sample);
        if (!sampleId)
            return sampleId.error();
        stored.id = *sampleId;

        const auto split = draw->sample.begin() + static_cast<std::ptrdiff_t>(draw->pilotSize);
        stored.pilot.assign(draw->sample.begin(), split);
        stored.reliability.assign(split, draw->sample.end());
        // An empty part gets no round: a round without posts has nothing to code.
        if (!stored.pilot.empty()) {
            stored.pilotRound = pilotRoundName(request.setName);
            if (auto status =
                    insertRound(db, stored.pilotRound, rounds::RoundKind::Pilot, stored.id,
                                stored.pilot, keptCoders[rounds::RoundKind::Pilot], stored.created);
                !status)
                return status.error();
        }
        if (!stored.reliability.empty()) {
            stored.reliabilityRound = reliabilityRoundName(request.setName);
            if (auto status = insertRound(
                    db, stored.reliabilityRound, rounds::RoundKind::Reliability, stored.id,
                    stored.reliability, keptCoders[rounds::RoundKind::Reliability], stored.created);
                !status)
                return status.error();
        }
        nlohmann::json details = {
            {"set", request.setName},       {"seed", stored.seed},
            {"method", stored.method},      {"population", populationSize},
            {"size", stored.size},          {"pilot_fraction", stored.pilotFraction},
            {"pilot", names(stored.pilot)}, {"reliability", names(stored.reliability)},
            {"left_out", names(leftOut)}};
        if (auto status = changelog::appendAt(db, stored.created, "sample.draw", details); !status)
            return status.error();
        return stored;
    });
}

Result<std::vector<PostRef>> postsInOtherRounds(Project& project, const std::string& setName) {
    auto setId = select::findSetId(project.db(), setName);
    if (!setId)
        return setId.error();
    return inOtherRounds(project.db(), *setId);
}

Result<std::optional<StoredSample>> loadSample(Project& project, const std::string& setName) {
    auto& db = project.db();
    auto setId = select::findSetId(db, setName);
    if (!setId)
        return setId.error();
    auto stmt = db.prepare("SELECT id, seed, method, population, size, pilot_fraction, created, "
                           "confidence, margin, proportion, rounding, left_out FROM samples "
                           "WHERE set_id = ? ORDER BY id DESC LIMIT 1");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, *setId);
    auto row = stmt->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<StoredSample>();
    StoredSample stored;
    stored.id = stmt->columnInt(0);
    stored.setName = setName;
    stored.seed = stmt->columnText(1);
    stored.method = stmt->columnText(2);
    stored.population = stmt->columnOptionalInt(3).value_or(0);
    stored.size = stmt->columnInt(4);
    stored.pilotFraction = stmt->columnDouble(5);
    stored.created = stmt->columnText(6);
    stored.leftOut = stmt->columnInt(11);
    if (stored.method == "auto" && !stmt->columnIsNull(7)) {
        SampleSizeInput input;
        input.population = stored.population;
        input.confidence = stmt->columnDouble(7);
        input.margin = stmt->columnDouble(8);
        input.proportion = stmt->columnDouble(9);
        if (auto rounding = parseRounding(stmt->columnText(10)))
            input.rounding = *rounding;
        if (auto computed = computeSampleSize(input))
            stored.computed = *computed;
    }
    auto members = db.prepare("SELECT p.id, p.source, p.source_id FROM sample_members m "
                              "JOIN posts p ON p.id = m.post_id WHERE m.sample_id = ? "
                              "ORDER BY m.position");
    if (!members)
        return members.error();
    members->bind(1, stored.id);
    auto posts = corpus::readPostRefs(*members);
    if (!posts)
        return posts.error();
    const auto pilotSize =
        pilotCount(static_cast<std::int64_t>(posts->size()), stored.pilotFraction);
    const auto split = posts->begin() + static_cast<std::ptrdiff_t>(pilotSize);
    stored.pilot.assign(posts->begin(), split);
    stored.reliability.assign(split, posts->end());
    auto drawn = db.prepare("SELECT name, kind FROM rounds WHERE sample_id = ?");
    if (!drawn)
        return drawn.error();
    drawn->bind(1, stored.id);
    if (auto status = drawn->forEachRow([&](sql::Statement& roundRow) {
            const auto kind = rounds::parseKind(roundRow.columnText(1));
            (kind && *kind == rounds::RoundKind::Pilot ? stored.pilotRound
                                                       : stored.reliabilityRound) =
                roundRow.columnText(0);
        });
        !status)

        return status.error();
    return std::optional<StoredSample>(std::move(stored));
}

Result<std::int64_t> insertSample(sql::Database& db, const NewSample& sample) {
    if (auto seed = parseSeed(sample.seed); !seed)
        return seed.error();
    if (!(sample.pilotFraction >= 0.0 && sample.pilotFraction <= 1.0))
        return makeError("the pilot fraction must lie in [0, 1]");
    auto set = sql::queryOptionalRow<std::string>(
        db, "SELECT name FROM sets WHERE id = ?",
        [](sql::Statement& row) { return row.columnText(0); }, sample.setId);
    if (!set)
        return set.error();
    if (!*set)
        return makeError("no set with id " + std::to_string(sample.setId));
    const auto& setName = **set;
    if (sample.posts.empty())
        return makeError("set '" + setName + "': a sample needs at least one post");
    const auto size = static_cast<std::int64_t>(sample.posts.size());
    if (sample.population && *sample.population < size)
        return makeError("set '" + setName + "': a sample of " + std::to_string(size) +
                         " posts cannot come from " + std::to_string(*sample.population));
    std::set<std::int64_t> seen;
    for (const auto postId : sample.posts) {
        if (!seen.insert(postId).second)
            return makeError("set '" + setName + "': the sample lists post " +
                             std::to_string(postId) + " twice");
        auto member = sql::queryIntBound(
            db, "SELECT count(*) FROM set_members WHERE set_id = ? AND post_id = ?", sample.setId,
            postId);
        if (!member)
            return member.error();
        if (*member == 0)
            return makeError("set '" + setName + "': post " + std::to_string(postId) +
                             " of the sample is not in the set");
    }
    auto insert = db.prepare(
        "INSERT INTO samples(set_id, seed, size, method, pilot_fraction, created, population, "
        "confidence, margin, proportion, rounding, left_out) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert)
        return insert.error();
    insert->bind(1, sample.setId)
        .bind(2, sample.seed)
        .bind(3, size)
        .bind(4, sizeMethodName(sample.method))
        .bind(5, sample.pilotFraction)
        .bind(6, sample.created)
        .bind(7, sample.population)
        .bind(12, sample.leftOut);
    if (const auto& in = sample.sizeInput) {
        insert->bind(8, in->confidence)
            .bind(9, in->margin)
            .bind(10, in->proportion)
            .bind(11, roundingName(in->rounding));
    } else {
        insert->bindNull(8).bindNull(9).bindNull(10).bindNull(11);
    }
    if (auto status = insert->run(); !status)
        return status.error();
    const std::int64_t sampleId = db.lastInsertRowId();
    auto member =
        db.prepare("INSERT INTO sample_members(sample_id, position, post_id) VALUES (?, ?, ?)");
    if (!member)
        return member.error();
    for (std::size_t i = 0; i < sample.posts.size(); ++i)
        if (auto status = member->bind(1, sampleId)
                              .bind(2, static_cast<std::int64_t>(i))
                              .bind(3, sample.posts[i])
                              .run();
            !status)
            return status.error();
    return sampleId;
}

} // namespace taxo::sampling
