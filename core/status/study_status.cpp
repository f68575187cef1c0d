#include "core/status/study_status.h"

#include "core/agreement/cohen_kappa.h"
#include "core/arbitration/arbitration.h"
#include "core/codebook/codebook.h"
#include "core/labels/labels.h"
#include "core/results/final_labels.h"
#include "core/rounds/rounds.h"
#include "core/sampling/sampling.h"
#include "core/store/statements.h"
#include "core/util/percent.h"

#include <cstdio>
#include <map>
#include <tuple>

namespace taxo::status {
namespace {

std::string count(std::int64_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string fixed(double value, int digits) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
    return buffer;
}

PhaseState progressState(std::int64_t done, std::int64_t total) {
    if (done <= 0)
        return PhaseState::NotStarted;
    return done >= total ? PhaseState::Done : PhaseState::InProgress;
}

// Every coder label of the reliability rounds, keyed by (round, post, coder).
Result<std::map<std::tuple<std::int64_t, std::int64_t, std::int64_t>, std::string>>
readReliabilityLabels(sql::Database& db) {
    std::map<std::int64_t, std::vector<std::int64_t>> categories;
    {
        auto stmt = db.prepare(
            "SELECT lc.label_id, lc.category_id FROM label_categories lc JOIN labels l ON "
            "l.id = lc.label_id JOIN rounds r ON r.id = l.round_id WHERE r.kind = 'reliability' "
            "ORDER BY lc.label_id, lc.category_id");
        if (!stmt)
            return stmt.error();
        if (auto status = stmt->forEachRow([&](sql::Statement& row) {
                categories[row.columnInt(0)].push_back(row.columnInt(1));
            });
            !status)
            return status.error();
    }
    std::map<std::tuple<std::int64_t, std::int64_t, std::int64_t>, std::string> result;
    auto stmt = db.prepare("SELECT l.id, l.round_id, l.post_id, l.coder_id, l.special FROM labels "
                           "l JOIN rounds r ON r.id = l.round_id WHERE r.kind = 'reliability' AND "
                           "l.coder_id IS NOT NULL");
    if (!stmt)
        return stmt.error();
    if (auto status = stmt->forEachRow([&](sql::Statement& row) {
            labels::LabelContent content;
            if (auto special = row.columnOptionalText(4))
                content.special = labels::parseSpecial(*special);
            if (auto found = categories.find(row.columnInt(0)); found != categories.end())
                content.categories = found->second;
            auto value = labels::agreementValue(content);
            if (!value.empty())
                result[{row.columnInt(1), row.columnInt(2), row.columnInt(3)}] = std::move(value);
        });
        !status)
        return status.error();
    return result;
}

// Kappa over every reliability item both coders labeled, and the conflicts as
// arbitration defines them; a conflict is open while the post has no decision.
Status measureReliability(sql::Database& db, StudyStatus& status) {
    auto labelsRead = readReliabilityLabels(db);
    if (!labelsRead)
        return labelsRead.error();
    auto conflicts = arbitration::conflictPosts(db, true);
    if (!conflicts)
        return conflicts.error();
    status.conflicts = static_cast<std::int64_t>(conflicts->size());
    for (const auto& conflict : *conflicts)
        if (!conflict.decided)
            ++status.openConflicts;
    // Coder A and B of each reliability round: its two coders by name. Cohen's kappa
    // compares two, so a round of more coders counts its items but no pairs (the
    // Agreement page measures it by Fleiss' kappa).
    auto stmt = db.prepare(
        "SELECT r.id, ri.post_id, (SELECT p.id FROM round_coders rc JOIN people p ON p.id = "
        "rc.person_id WHERE rc.round_id = r.id ORDER BY p.name LIMIT 1), (SELECT p.id FROM "
        "round_coders rc JOIN people p ON p.id = rc.person_id WHERE rc.round_id = r.id ORDER BY "
        "p.name LIMIT 1 OFFSET 1), (SELECT count(*) FROM round_coders rc WHERE rc.round_id = "
        "r.id) FROM rounds r JOIN round_items ri ON ri.round_id = r.id WHERE "
        "r.kind = 'reliability' ORDER BY r.id, ri.position");
    if (!stmt)
        return stmt.error();
    std::vector<agreement::RatedItem> items;
    if (auto read = stmt->forEachRow([&](sql::Statement& row) {
            ++status.agreement.items;
            if (row.columnIsNull(2) || row.columnIsNull(3) || row.columnInt(4) != 2)
                return;
            const auto roundId = row.columnInt(0), postId = row.columnInt(1);
            const auto a = labelsRead->find({roundId, postId, row.columnInt(2)});
            const auto b = labelsRead->find({roundId, postId, row.columnInt(3)});
            agreement::RatedItem item;
            if (a != labelsRead->end())
                item.a = agreement::LabelValue::nominal(a->second);
            if (b != labelsRead->end())
                item.b = agreement::LabelValue::nominal(b->second);
            items.push_back(item);
        });
        !read)
        return read.error();

    const auto kappa = agreement::cohensKappa(items);
    status.agreement.bothLabeled = static_cast<std::int64_t>(kappa.n);
    status.agreement.agreements = static_cast<std::int64_t>(kappa.agreements);
    status.agreement.kappa = kappa.kappa;
    status.agreement.ciLow = kappa.ciLow;
    status.agreement.ciHigh = kappa.ciHigh;
    return {};
}

Status readCounts(Project& project, StudyStatus& status) {
    auto& db = project.db();
    auto info = project.info();
    if (!info)
        return info.error();
    status.posts = info->counts.posts;
    status.answers = info->counts.answers;
    status.comments = info->counts.comments;
    status.decisions = info->counts.decisions;
    auto sets = sampling::listSets(project);
    if (!sets)
        return sets.error();
    for (const auto& set : *sets) {
        status.sets.push_back({set.name, set.population, set.sampleSize});
        status.sampleDraws += set.sampleSize.value_or(0);
    }
    auto sampled = results::sampledPosts(db);
    if (!sampled)
        return sampled.error();
    status.sampledPosts = static_cast<std::int64_t>(sampled->size());
    auto rounds = rounds::listRounds(project);
    if (!rounds)
        return rounds.error();
    for (const auto& round : *rounds) {
        RoundStatus entry{round.name, round.kind, round.items, round.consensusLabels, {}};
        for (const auto& coder : round.coders)
            entry.coders.push_back({coder.name, coder.labels});
        status.rounds.push_back(std::move(entry));
        if (round.kind == rounds::RoundKind::Pilot)
            status.pilotItems += round.items;
    }
    // A pilot post is coded once its joint label has categories or a special value; an
    // initial code alone is open coding still under way.
    auto pilotLabeled = sql::queryIntBound(
        db, "SELECT count(*) FROM labels l JOIN rounds r ON r.id = l.round_id WHERE r.kind = "
            "'pilot' AND l.coder_id IS NULL AND (l.special IS NOT NULL OR EXISTS (SELECT 1 FROM "
            "label_categories lc WHERE lc.label_id = l.id))");
    if (!pilotLabeled)
        return pilotLabeled.error();
    status.pilotLabeled = *pilotLabeled;
    auto tree = codebook::listTree(db);
    if (!tree)
        return tree.error();
    for (const auto& entry : *tree) {
        if (entry.depth == 0)
            ++status.roots;
        else if (entry.hasChildren)
            ++status.innerCategories;
        else
            ++status.leaves;
    }
    auto issues = codebook::checkLevels(db);
    if (!issues)
        return issues.error();
    status.levelIssues = static_cast<std::int64_t>(issues->size());
    auto coders = sql::queryIntBound(
        db, "SELECT count(DISTINCT person_id) FROM person_roles WHERE role = 'coder'");
    auto arbitrators = sql::queryIntBound(
        db, "SELECT count(DISTINCT person_id) FROM person_roles WHERE role = 'arbitrator'");
    if (!coders || !arbitrators)
        return makeError(!coders ? coders.message() : arbitrators.message());
    status.coders = *coders;
    status.arbitrators = *arbitrators;
    return measureReliability(db, status);
}

void describePhases(StudyStatus& s) {
    auto add = [&s](Phase phase, const char* name, const char* page, PhaseState state,
                    std::string summary) {
        s.phases.push_back({phase, name, page, state, std::move(summary)});
    };
    add(Phase::Import, "Corpus import", "Corpus",
        s.posts > 0 ? PhaseState::Done : PhaseState::NotStarted,
        count(s.posts, "post", "posts") + ", " + count(s.answers, "answer", "answers") + ", " +
            count(s.comments, "comment", "comments"));

    std::string sets;
    std::int64_t sampledSets = 0;
    for (const auto& set : s.sets) {
        sets += (sets.empty() ? "" : ", ") + set.name + " " + std::to_string(set.posts);
        if (set.sampleSize)
            ++sampledSets;
    }
    add(Phase::Selection, "Selection", "Selection",
        s.sets.empty() ? PhaseState::NotStarted : PhaseState::Done,
        s.sets.empty()
            ? "no sets yet"
            : count(static_cast<std::int64_t>(s.sets.size()), "set", "sets") + ": " + sets);

    const auto setCount = static_cast<std::int64_t>(s.sets.size());
    add(Phase::Sampling, "Sampling", "Sampling", progressState(sampledSets, setCount),
        std::to_string(sampledSets) + " of " + count(setCount, "set", "sets") +
            " sampled: " + count(s.sampleDraws, "draw", "draws") + ", " +
            count(s.sampledPosts, "distinct post", "distinct posts") + "; " +
            count(s.coders, "coder", "coders"));

    add(Phase::Pilot, "Pilot coding", "Coding", progressState(s.pilotLabeled, s.pilotItems),
        std::to_string(s.pilotLabeled) + " of " + count(s.pilotItems, "pilot post", "pilot posts") +
            " coded jointly");

    const bool hasTree = s.leaves > 0;
    add(Phase::Codebook, "Codebook", "Codebook",
        s.roots + s.innerCategories + s.leaves == 0 ? PhaseState::NotStarted
        : hasTree && s.levelIssues == 0             ? PhaseState::Done
                                                    : PhaseState::InProgress,
        std::to_string(s.roots) + " roots, " + std::to_string(s.innerCategories) + " inner, " +
            std::to_string(s.leaves) + " leaf categories" +
            (s.levelIssues > 0 ? "; " + count(s.levelIssues, "level issue", "level issues") : ""));

    std::string perCoder;
    std::map<std::string, std::int64_t> byCoder;
    std::int64_t reliabilityLabels = 0;
    for (const auto& round : s.rounds)
        if (round.kind == rounds::RoundKind::Reliability)

            for (const auto& coder : round.coders) {
                byCoder[coder.name] += coder.labels;
                reliabilityLabels += coder.labels;
            }
    for (const auto& [name, labels] : byCoder)
        perCoder += (perCoder.empty() ? "" : ", ") + name + " " + std::to_string(labels);
    const auto& a = s.agreement;
    add(Phase::Reliability, "Reliability coding", "Coding",
        reliabilityLabels == 0 ? PhaseState::NotStarted : progressState(a.bothLabeled, a.items),
        std::to_string(a.bothLabeled) + " of " + count(a.items, "post", "posts") +
            " labeled by both" + (perCoder.empty() ? "" : " (" + perCoder + ")"));

    std::string kappa = a.kappa ? "kappa " + fixed(*a.kappa, 3) : "kappa not yet defined";
    if (a.kappa && a.ciLow && a.ciHigh)
        kappa += " (95 % CI " + fixed(*a.ciLow, 2) + " to " + fixed(*a.ciHigh, 2) + ")";
    if (a.bothLabeled > 0)
        kappa += ", " + util::formatShare(a.agreements, a.bothLabeled) + " % agreement";
    add(Phase::Agreement, "Agreement", "Agreement",
        !a.kappa                   ? PhaseState::NotStarted
        : a.bothLabeled >= a.items ? PhaseState::Done
                                   : PhaseState::InProgress,
        kappa);

    const bool reliabilityDone = a.items > 0 && a.bothLabeled >= a.items;
    add(Phase::Arbitration, "Arbitration", "Arbitration",
        s.conflicts == 0 && s.decisions == 0      ? PhaseState::NotStarted
        : s.openConflicts == 0 && reliabilityDone ? PhaseState::Done
                                                  : PhaseState::InProgress,
        count(s.openConflicts, "open conflict", "open conflicts") + ", " +
            count(s.decisions, "decision", "decisions"));

    add(Phase::Results, "Results", "Taxonomy", PhaseState::NotStarted,
        reliabilityDone && s.openConflicts == 0 ? "every post resolved; ready to export"
                                                : "waits for coding and arbitration");
}

NextStep nextStep(const StudyStatus& s) {
    if (s.posts == 0)
        return {"Import the posts of the study (a data dump, CSV or JSON Lines)", "Corpus"};
    if (s.sets.empty())
        return {"Define the sets with selection rules", "Selection"};
    for (const auto& set : s.sets)
        if (!set.sampleSize)
            return {"Draw the sample of " + set.name, "Sampling"};
    for (const auto& round : s.rounds)
        if (round.coders.empty())
            return {"Assign coders to " + round.name, "Sampling"};
    if (s.pilotLabeled < s.pilotItems)
        return {"Code the pilot: " + std::to_string(s.pilotItems - s.pilotLabeled) + " of " +
                    std::to_string(s.pilotItems) + " posts left",
                "Coding"};
    if (s.leaves == 0 || s.levelIssues > 0)
        return {s.leaves == 0 ? "Build the codebook from the pilot's initial codes"
                              : "Fix " + count(s.levelIssues, "level issue", "level issues") +
                                    " in the codebook",
                "Codebook"};
    if (s.agreement.bothLabeled < s.agreement.items)
        return {"Label the reliability rounds: " +
                    std::to_string(s.agreement.items - s.agreement.bothLabeled) + " of " +
                    std::to_string(s.agreement.items) + " posts still lack a coder's label",
                "Coding"};
    if (s.openConflicts > 0)
        return {"Settle " + count(s.openConflicts, "open conflict", "open conflicts"),
                "Arbitration"};
    return {"Review the taxonomy and export the results", "Taxonomy"};
}

} // namespace

const char* phaseStateName(PhaseState state) {
    switch (state) {
    case PhaseState::NotStarted:
        return "not started";
    case PhaseState::InProgress:
        return "in progress";
    case PhaseState::Done:
        return "done";
    }
    return "";
}

Result<StudyStatus> studyStatus(Project& project) {
    StudyStatus status;
    if (auto s = readCounts(project, status); !s)
        return s.error();
    describePhases(status);
    status.next = nextStep(status);
    return status;
}

} // namespace taxo::status
