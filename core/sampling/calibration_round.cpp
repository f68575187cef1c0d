#include "core/sampling/calibration_round.h"

#include "core/labels/labels.h"
#include "core/rounds/rounds.h"
#include "core/sampling/draw.h"
#include "core/screening/screening.h"
#include "core/store/change_log.h"
#include "core/store/statements.h"
#include "core/util/ids.h"

#include <algorithm>
#include <map>
#include <set>

namespace taxo::sampling {
namespace {

struct PilotRef {
    std::int64_t id = 0;
    std::string kind;
};

Result<PilotRef> findPilot(sql::Database& db, const std::string& name) {
    auto found = sql::queryOptionalRow<PilotRef>(
        db, "SELECT id, kind FROM rounds WHERE name = ?",
        [](sql::Statement& row) {
            return PilotRef{row.columnInt(0), row.columnText(1)};
        },
        name);
    if (!found)
        return found.error();
    if (!*found)
        return makeError("no round named '" + name + "'; see the rounds with taxo round list");
    if ((*found)->kind != rounds::kindName(rounds::RoundKind::Pilot))
        return makeError("round '" + name + "' is a " + (*found)->kind +
                         " round; a calibration round takes its posts from a pilot round, "
                         "whose consensus labels the coder is scored against");
    return **found;
}

Result<std::vector<PostRef>> candidateRefs(sql::Database& db, std::int64_t pilotId) {
    auto stmt = sql::prepareBound(
        db,
        "SELECT p.id, p.source, p.source_id FROM round_items i JOIN posts p ON p.id = i.post_id "
        "JOIN labels l ON l.round_id = i.round_id AND l.post_id = i.post_id AND l.coder_id IS NULL "
        "WHERE i.round_id = ? AND l.special IS NOT 'pending'",
        pilotId);
    if (!stmt)
        return stmt.error();
    auto refs = corpus::readPostRefs(*stmt);
    if (!refs)
        return refs.error();
    sortCanonically(*refs);
    return refs;
}

// The posts the lead named, each checked against the candidates.
Result<std::vector<PostRef>> namedPosts(sql::Database& db, const CalibrationRequest& request,
                                        const std::vector<PostRef>& candidates) {
    std::map<std::int64_t, PostRef> byId;
    for (const auto& post : candidates)
        byId[post.postId] = post;
    std::vector<PostRef> chosen;
    std::set<std::int64_t> seen;
    for (const auto& text : request.posts) {
        auto id = screening::resolvePost(db, text);
        if (!id)
            return id.error();
        const auto found = byId.find(*id);
        if (found == byId.end())
            return makeError(labels::describePost(db, *id) + " (" + text +
                             ") has no consensus label in pilot round '" + request.pilotRound +
                             "' (or its consensus is Pending), so there is nothing to score a "
                             "coder against; pick posts the pilot has agreed on");
        if (!seen.insert(*id).second)
            return makeError("post " + text + " is named twice; name each post once");
        chosen.push_back(found->second);
    }
    return chosen;
}

Result<std::vector<PostRef>> drawnPosts(const CalibrationRequest& request,
                                        std::vector<PostRef> candidates) {
    const auto available = static_cast<std::int64_t>(candidates.size());
    if (request.count < 1 || request.count > available)
        return makeError(
            "pilot round '" + request.pilotRound + "' has " + std::to_string(available) +
            " posts with a consensus label; a calibration round takes from 1 to " +
            std::to_string(available) + " of them, not " + std::to_string(request.count));
    auto seed = parseSeed(request.seed);
    if (!seed)
        return seed.error();
    std::mt19937_64 engine(*seed);
    shuffleInPlace(candidates, engine);
    candidates.resize(static_cast<std::size_t>(request.count));
    return candidates;
}

} // namespace

Result<std::vector<std::int64_t>> calibrationCandidates(sql::Database& db,
                                                        const std::string& pilotRound) {
    auto pilot = findPilot(db, pilotRound);
    if (!pilot)
        return pilot.error();
    auto refs = candidateRefs(db, pilot->id);
    if (!refs)
        return refs.error();
    std::vector<std::int64_t> ids;
    for (const auto& post : *refs)
        ids.push_back(post.postId);
    return ids;
}

Result<CreatedCalibration> createCalibrationRound(Project& project,
                                                  const CalibrationRequest& request) {
    auto& db = project.db();
    if (request.name.empty())
        return makeError("a calibration round needs a name");
    const sql::TransactionWording wording{project.path() + ": cannot write: ",
                                          project.path() + ": cannot save: "};
    return sql::inTransaction(db, wording, [&]() -> Result<CreatedCalibration> {
        auto clash =
            sql::queryIntBound(db, "SELECT count(*) FROM rounds WHERE name = ?", request.name);
        if (!clash)
            return clash.error();
        if (*clash > 0)
            return makeError("a round named '" + request.name +
                             "' already exists; choose another name");
        auto pilot = findPilot(db, request.pilotRound);
        if (!pilot)
            return pilot.error();
        auto candidates = candidateRefs(db, pilot->id);
        if (!candidates)
            return candidates.error();
        if (candidates->empty())
            return makeError("pilot round '" + request.pilotRound +
                             "' has no consensus label yet; a calibration round scores a coder "
                             "against the pilot's consensus, so label the pilot first");
        auto posts = request.posts.empty() ? drawnPosts(request, *candidates)
                                           : namedPosts(db, request, *candidates);
        if (!posts)
            return posts.error();
        if (posts->empty())
            return makeError("name at least one post of the pilot, or a number to draw");
        CreatedCalibration created;
        created.name = request.name;
        created.pilotRound = request.pilotRound;
        created.eligible = static_cast<std::int64_t>(candidates->size());
        rounds::NewRound round{request.name,
                               rounds::RoundKind::Calibration,
                               std::nullopt,
                               std::nullopt,
                               utcNowIso(),
                               {},
                               {}};
        for (const auto& post : *posts) {
            round.items.push_back(post.postId);
            created.items.push_back(itemName(post));
        }
        auto roundId = rounds::insertCalibrationRound(db, round, pilot->id);
        if (!roundId)
            return roundId.error();
        created.roundId = *roundId;
        if (auto status = rounds::writeCoders(db, created.roundId, created.name,
                                              rounds::RoundKind::Calibration, request.coders);
            !status)
            return status.error();
        nlohmann::json details{{"round", created.name},
                               {"pilot", created.pilotRound},
                               {"coders", request.coders},
                               {"items", created.items}};
        if (request.posts.empty())
            details["seed"] = request.seed;
        if (auto status = changelog::append(db, "round.calibration", details); !status)
            return status.error();
        return created;
    });
}

} // namespace taxo::sampling
