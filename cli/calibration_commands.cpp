// taxo round calibration, and taxo agreement --calibration (the score of a
// calibration round against its pilot's consensus).

#include "cli/command.h"
#include "cli/json_output.h"
#include "core/agreement/calibration.h"
#include "core/project/project.h"
#include "core/rounds/rounds.h"
#include "core/sampling/calibration_round.h"
#include "core/util/text_rules.h"

#include <iomanip>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

namespace taxo::cli {
namespace {

std::string percent(double value) {
    std::ostringstream text;
    text << std::fixed << std::setprecision(1) << value << " %";
    return text.str();
}

void printScore(const agreement::CalibrationScore& score, Io& io) {
    const auto& kappa = score.kappa;
    io.out << printable(score.coder) << " against the consensus of pilot round '"
           << printable(score.pilot) << "': " << kappa.n << " of " << score.items
           << " posts scored";
    if (!score.notYetLabeled.empty())
        io.out << ", " << score.notYetLabeled.size() << " not yet labeled";
    if (!score.withoutConsensus.empty())
        io.out << ", " << score.withoutConsensus.size() << " without a consensus now";
    io.out << '\n';
    std::ostringstream line;
    line << std::fixed << std::setprecision(3);
    if (kappa.kappa)
        line << "Cohen's kappa " << *kappa.kappa << " (SE " << *kappa.standardError << ", 95 % CI "
             << *kappa.ciLow << " to " << *kappa.ciHigh << ")";
    else
        line << "Cohen's kappa undefined (" << kappa.undefinedReason << ")";
    io.out << line.str() << ", agreement " << percent(kappa.percentAgreement) << '\n';
    if (!score.perCategory.empty()) {
        io.out << "Per category (both, coder only, consensus only, positive agreement):\n";
        for (const auto& category : score.perCategory)
            io.out << "  " << printable(category.path) << ": " << category.both << ", "
                   << category.coderOnly << ", " << category.consensusOnly << ", "
                   << percent(100.0 * category.positiveAgreement) << '\n';
    }
    if (!score.differences.empty()) {
        io.out << "Where they differ:\n";
        for (const auto& difference : score.differences) {
            io.out << "  " << printable(difference.item) << " " << printable(difference.title)
                   << "\n    consensus: " << printable(difference.consensus);
            if (!difference.consensusNote.empty())
                io.out << " (note: " << printable(difference.consensusNote) << ")";
            io.out << "\n    " << printable(score.coder) << ": "
                   << printable(difference.coderLabel);
            if (!difference.coderNote.empty())
                io.out << " (note: " << printable(difference.coderNote) << ")";
            io.out << '\n';
        }
    }
    if (!score.notYetLabeled.empty()) {
        io.out << "Not yet labeled:";
        for (const auto& item : score.notYetLabeled)
            io.out << ' ' << printable(item);
        io.out << '\n';
    }
}

} // namespace

int printCalibration(const Args& args, Io& io) {
    auto project = Project::open(args.positionals()[0], Project::Access::ReadOnly);
    if (!project)
        return fail(io, project.message());
    auto scores = agreement::calibrationScores(project->db(), *args.value("calibration"),
                                               args.value("coder").value_or(""));
    if (!scores)
        return fail(io, scores.message());
    if (args.has("json")) {
        nlohmann::json coders = nlohmann::json::array();
        for (const auto& score : *scores)
            coders.push_back(toJson(score));
        io.out << nlohmann::json{{"scope", "calibration"},
                                 {"round", *args.value("calibration")},
                                 {"coders", coders}}
                      .dump(2)
               << '\n';
        return static_cast<int>(kSuccess);
    }
    io.out << "Calibration round " << printable(*args.value("calibration")) << '\n';
    if (scores->empty())
        io.out << "No coders yet (taxo round assign)\n";
    for (const auto& score : *scores)
        printScore(score, io);
    return static_cast<int>(kSuccess);
}

Command roundCalibrationCommand() {
    Command command;
    command.name = "round calibration";
    command.summary = "make a calibration round: a coder labels pilot posts, scored against "
                      "the pilot's consensus";
    command.usage = "taxo round calibration PROJECT --name NAME --pilot ROUND --coders A[,B] "
                    "(--posts ID[,ID...] | --count N --seed S) [--json]";
    command.help =
        "  --name NAME     the new round's name\n"
        "  --pilot ROUND   the pilot round whose posts and consensus labels are used\n"
        "  --coders LIST   one or more people with the coder role, each scored alone\n"
        "  --posts LIST    pilot posts by id or SOURCE:ID (so:54734446); each needs a\n"
        "                  consensus label that is not Pending\n"
        "  --count N --seed S\n"
        "                  or draw N of those posts with the seed S (as taxo sample does)\n"
        "  --json          {round, pilot, coders, items, candidates}\n"
        "  The round never counts in the results; score it with\n"
        "  taxo agreement PROJECT --calibration NAME\n";
    command.options = {{"name", true},  {"pilot", true}, {"coders", true}, {"posts", true},
                       {"count", true}, {"seed", true},  {"json", false}};
    command.run = [usage = command.usage](const Args& args, Io& io) {
        if (args.positionals().size() != 1)
            return usageError(io, usage, "round calibration takes exactly one PROJECT path");
        if (!args.value("name") || !args.value("pilot") || !args.value("coders"))
            return usageError(io, usage, "--name, --pilot and --coders are required");
        const bool named = args.has("posts");
        const bool drawn = args.has("count") || args.has("seed");
        if (named == drawn || (drawn && (!args.has("count") || !args.has("seed"))))
            return usageError(io, usage, "give either --posts, or --count and --seed");
        sampling::CalibrationRequest request;
        request.name = *args.value("name");
        request.pilotRound = *args.value("pilot");
        request.coders = rounds::splitNames(*args.value("coders"));
        if (named) {
            request.posts = rounds::splitNames(*args.value("posts"));
        } else {
            const auto count = parseInteger(*args.value("count"));
            if (!count)
                return usageError(io, usage, "--count takes a whole number");
            request.count = *count;
            request.seed = *args.value("seed");
        }
        auto project = Project::open(args.positionals()[0]);
        if (!project)
            return fail(io, project.message());
        auto created = sampling::createCalibrationRound(*project, request);
        if (!created)
            return fail(io, created.message());
        if (args.has("json")) {
            io.out << nlohmann::json{{"round", created->name},
                                     {"pilot", created->pilotRound},
                                     {"coders", request.coders},
                                     {"items", created->items},
                                     {"candidates", created->eligible}}
                          .dump(2)
                   << '\n';
        } else {
            io.out << "Created calibration round '" << printable(created->name)
                   << "': " << created->items.size() << " of the " << created->eligible
                   << " consensus posts of pilot round '" << printable(created->pilotRound)
                   << "' for";
            for (std::size_t i = 0; i < request.coders.size(); ++i)
                io.out << (i == 0 ? " " : ", ") << printable(request.coders[i]);
            io.out << '\n';
        }
        return static_cast<int>(kSuccess);
    };
    return command;
}

} // namespace taxo::cli
