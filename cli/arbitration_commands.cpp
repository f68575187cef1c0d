// taxo agreement, taxo conflicts and taxo decide.

#include "cli/command.h"
#include "cli/json_output.h"
#include "core/agreement/project_agreement.h"
#include "core/arbitration/arbitration.h"
#include "core/arbitration/conflict_json.h"
#include "core/people/people.h"
#include "core/project/project.h"
#include "core/util/r_format.h"
#include "core/util/text_rules.h"

#include <algorithm>
#include <charconv>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

namespace taxo::cli {
namespace {

std::string formatKappa(const agreement::CohenKappa& kappa) {
    std::ostringstream text;
    text << std::fixed << std::setprecision(3);
    if (!kappa.kappa) {
        text << "undefined (" << kappa.undefinedReason << "), n = " << kappa.n;
        return text.str();
    }
    text << *kappa.kappa << " (SE " << *kappa.standardError << ", 95 % CI " << *kappa.ciLow
         << " to " << *kappa.ciHigh << "), n = " << kappa.n << ", "
         << agreement::kappaBandName(agreement::landisKochBand(*kappa.kappa));
    // The test of kappa = 0: z to three digits as irr::kappa2 prints it, p as
    // print.htest does (irr prints a p below 2.2e-16 as 0).
    if (kappa.zNull && kappa.pValueNull)
        text << "; z = " << util::formatSignificant(*kappa.zNull, 3) << ", "
             << util::pValuePhrase(*kappa.pValueNull);
    return text.str();
}

std::string formatAc1(const agreement::GwetAc1& ac1) {
    std::ostringstream text;
    text << std::fixed << std::setprecision(3);
    if (!ac1.ac1) {
        text << "undefined (" << ac1.undefinedReason << ")";
        return text.str();
    }
    text << *ac1.ac1;
    if (ac1.standardError)
        text << " (SE " << *ac1.standardError << ")";
    return text.str();
}

// Fleiss' kappa has a standard error only under H0, so no interval: the test instead,
// z to three digits as irr's kappam.fleiss prints it.
std::string formatFleiss(const agreement::FleissKappa& fleiss) {
    std::ostringstream text;
    text << std::fixed << std::setprecision(3);
    if (!fleiss.kappa) {
        text << "undefined (" << fleiss.undefinedReason << "), n = " << fleiss.n;
        return text.str();
    }
    text << *fleiss.kappa << ", n = " << fleiss.n << " posts labeled by all " << fleiss.coders
         << " coders, " << agreement::kappaBandName(agreement::landisKochBand(*fleiss.kappa));
    if (fleiss.zNull && fleiss.pValueNull)
        text << "; z = " << util::formatSignificant(*fleiss.zNull, 3) << ", "
             << util::pValuePhrase(*fleiss.pValueNull);
    return text.str();
}

std::string formatAlpha(const agreement::KrippendorffAlpha& alpha) {
    std::ostringstream text;
    text << std::fixed << std::setprecision(3);
    if (!alpha.alpha)
        text << "undefined (" << alpha.undefinedReason << ")";
    else
        text << *alpha.alpha;
    return text.str();
}

std::string coderList(const std::vector<agreement::CoderProgress>& coders) {
    std::string names;
    for (const auto& coder : coders)
        names += (names.empty() ? "" : ", ") + coder.name;
    return names;
}

std::vector<std::string> splitOn(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream stream(text);
    while (std::getline(stream, part, separator))
        if (part.find_first_not_of(" \t") != std::string::npos)
            parts.push_back(part);
    return parts;
}

std::string describeLabel(sql::Database& db, const arbitration::CoderLabel& side) {
    if (!side.label)
        return "(no label)";
    const auto& content = side.label->content;
    if (content.special)
        return agreement::readableSpecial(std::string(labels::specialName(*content.special))) +
               (content.suggestion.empty() ? "" : " (suggests \"" + content.suggestion + "\")");
    std::string text;
    for (const auto id : content.categories) {
        auto path = codebook::pathOf(db, id);
        std::string joined;
        for (const auto& step : path ? *path : std::vector<std::string>{})
            joined += (joined.empty() ? "" : "/") + step;
        text += (text.empty() ? "" : "; ") + joined;
    }
    return text;
}

} // namespace

Command agreementCommand() {
    Command command;
    command.name = "agreement";
    command.summary = "Cohen's (two coders) or Fleiss' kappa (more) of the study or a round";
    command.usage = "taxo agreement PROJECT [--round NAME | --calibration NAME [--coder NAME]] "
                    "[--json]";
    command.help = "  --round NAME  the round to measure; by default the study: every\n"
                   "                reliability round together, each round's pairs once\n"
                   "  --calibration NAME\n"
                   "                a calibration round: each coder (or --coder NAME) against\n"
                   "                the pilot's consensus; JSON {scope: calibration, round,\n"
                   "                coders: [{coder, pilot, kappa, ..., per_category,\n"
                   "                differences, not_yet_labeled}]}\n"
                   "  --json        {scope (study|round), round, kappa, observed, expected, n,\n"
                   "                se, ci_low, ci_high, se_null, z, p_value, percent_agreement,\n"
                   "                per_root, per_category, rounds, drift, alpha_nominal,\n"
                   "                alpha_masi, gwet_ac1, confusion, headline, fleiss_kappa,\n"
                   "                pairwise}; an undefined kappa is null with\n"
                   "                kappa_undefined_reason. With more than two coders in a\n"
                   "                round the headline is Fleiss' kappa (fleiss_kappa) and\n"
                   "                pairwise holds Cohen's kappa of every two coders\n";
    command.options = {{"round", true}, {"calibration", true}, {"coder", true}, {"json", false}};
    command.run = [usage = command.usage](const Args& args, Io& io) {
        if (args.positionals().size() != 1)
            return usageError(io, usage, "agreement takes exactly one PROJECT path");
        if (args.has("calibration") && args.has("round"))
            return usageError(io, usage, "--round and --calibration exclude each other");
        if (args.has("coder") && !args.has("calibration"))
            return usageError(io, usage, "--coder goes with --calibration");
        if (args.has("calibration"))
            return printCalibration(args, io);
        auto project = Project::open(args.positionals()[0], Project::Access::ReadOnly);
        if (!project)
            return fail(io, project.message());
        auto result = agreement::projectAgreement(project->db(), args.value("round").value_or(""));
        if (!result)
            return fail(io, result.message());
        if (args.has("json")) {
            io.out << toJson(*result).dump(2) << '\n';
            return static_cast<int>(kSuccess);
        }
        const bool study = result->scope == agreement::AgreementScope::Study;
        io.out << (study ? "Study (reliability rounds " : "Round ") << printable(result->round)
               << (study ? ")" : "") << ": ";
        // In the study, a third coder has only the posts of the rounds with three: then
        // each coder's own number of posts is given.
        std::vector<std::int64_t> assigned(result->coders.size(), 0);
        for (const auto& round : result->rounds)
            for (std::size_t c = 0; c < round.coders.size() && c < assigned.size(); ++c)
                assigned[c] += round.items;
        const bool uneven = std::any_of(assigned.begin(), assigned.end(),
                                        [&](std::int64_t posts) { return posts != result->items; });
        for (std::size_t c = 0; c < result->coders.size(); ++c) {
            io.out << (c == 0 ? "" : ", ") << printable(result->coders[c].name) << " labeled "
                   << result->coders[c].labeled;
            if (uneven)
                io.out << " of " << assigned[c];
        }
        if (uneven)
            io.out << " posts\n";
        else
            io.out << " of " << result->items << " posts\n";
        // With more than two coders Fleiss' kappa leads, then the measures that take any
        // number of coders and the matrix of pairs; two coders read as they always have.
        const bool fleiss = agreement::fleissHeadline(*result);
        // Per root once: Fleiss' kappa when it is defined, else Cohen's kappa of the
        // rounds with two coders.
        const bool fleissPerRoot = fleiss && result->fleiss->kappa;
        if (fleiss)
            io.out << "Fleiss' kappa " << formatFleiss(*result->fleiss) << '\n';
        if (fleissPerRoot)
            for (const auto& root : result->perRoot)
                if (root.fleiss)
                    io.out << "  " << printable(root.root) << ": " << formatFleiss(*root.fleiss)
                           << '\n';
        io.out << "Cohen's kappa " << (fleiss ? "(rounds with two coders) " : "")
               << formatKappa(result->overall) << '\n';
        if (!fleissPerRoot)
            for (const auto& root : result->perRoot)
                io.out << "  " << printable(root.root) << ": " << formatKappa(root.kappa) << '\n';
        if (fleiss)
            io.out << "Krippendorff's alpha " << formatAlpha(result->alphaNominal) << " (nominal), "
                   << formatAlpha(result->alphaMasi) << " (MASI)\n";
        io.out << "Gwet's AC1 " << formatAc1(result->ac1) << '\n';
        if (fleiss) {
            io.out << "Pairwise Cohen's kappa:\n";
            for (const auto& pair : result->pairwise.pairs)
                io.out << "  " << printable(result->pairwiseCoders.at(pair.coderA)) << " - "
                       << printable(result->pairwiseCoders.at(pair.coderB)) << ": "
                       << formatKappa(pair.kappa) << '\n';
        }
        if (study) {
            io.out << "Per round:\n";
            for (const auto& round : result->rounds)
                io.out << "  " << printable(round.round) << " ("
                       << printable(coderList(round.coders)) << "): "
                       << (round.fleiss ? "Fleiss' kappa " + formatFleiss(*round.fleiss)
                                        : formatKappa(round.kappa))
                       << '\n';
        }
        return static_cast<int>(kSuccess);
    };
    return command;
}

Command conflictsCommand() {
    Command command;
    command.name = "conflicts";
    command.summary = "the posts an arbitrator still has to decide";
    command.usage = "taxo conflicts PROJECT [--root NAME] [--json]";
    command.help = "  --root NAME  only the conflicts of this root\n"
                   "  --json       {\"count\", \"conflicts\": [{post, source_id, title, round,\n"
                   "               reason, roots, a, b, more, arbitrators}]}; more holds\n"
                   "               coders C, D, ... of a round of more than two\n";
    command.options = {{"root", true}, {"json", false}};
    command.run = [usage = command.usage](const Args& args, Io& io) {
        if (args.positionals().size() != 1)
            return usageError(io, usage, "conflicts takes exactly one PROJECT path");
        auto project = Project::open(args.positionals()[0], Project::Access::ReadOnly);
        if (!project)
            return fail(io, project.message());
        arbitration::ConflictFilter filter;
        filter.root = args.value("root");
        auto list = arbitration::listConflicts(project->db(), filter);
        if (!list)
            return fail(io, list.message());
        if (args.has("json")) {
            nlohmann::json array = nlohmann::json::array();
            for (const auto& conflict : *list)
                array.push_back(arbitration::toJson(project->db(), conflict));
            io.out << nlohmann::json{{"count", list->size()}, {"conflicts", array}}.dump(2) << '\n';
            return static_cast<int>(kSuccess);
        }
        io.out << list->size() << (list->size() == 1 ? " conflict" : " conflicts") << " open\n";
        for (const auto& conflict : *list) {
            std::string arbitrators;
            for (const auto& arbitrator : conflict.arbitrators)
                arbitrators += (arbitrators.empty() ? "" : ", ") + arbitrator.name;
            io.out << "post " << conflict.postId << " (" << printable(conflict.round) << ", "
                   << printable(conflict.reason) << ", arbitrator "
                   << (arbitrators.empty() ? std::string("none") : printable(arbitrators)) << "): "
                   << (conflict.a.coder.empty() ? std::string("consensus")
                                                : printable(conflict.a.coder))
                   << ": " << printable(describeLabel(project->db(), conflict.a));
            if (!conflict.b.coder.empty())
                io.out << " | " << printable(conflict.b.coder) << ": "
                       << printable(describeLabel(project->db(), conflict.b));
            for (const auto& side : conflict.more)
                io.out << " | " << printable(side.coder) << ": "
                       << printable(describeLabel(project->db(), side));
            io.out << '\n';
        }
        return static_cast<int>(kSuccess);
    };
    return command;
}

Command decideCommand() {
    Command command;
    command.name = "decide";
    command.summary = "record an arbitrator's decision on a conflicting post";
    command.usage = "taxo decide PROJECT --post ID --arbitrator NAME (--categories PATHS | "
                    "--special false_positive|unclear) --rationale TEXT [--json]";
    command.help = "  --post ID          the post's id as taxo conflicts prints it\n"
                   "  --arbitrator NAME  the arbitrator of the post's root\n"
                   "  --categories PATHS leaves as Root/Inner/Leaf, separated by ';'\n"
                   "  --special S        false_positive or unclear instead of categories\n"
                   "  --rationale TEXT   why; required\n";
    command.options = {{"post", true},    {"arbitrator", true}, {"categories", true},
                       {"special", true}, {"rationale", true},  {"json", false}};
    command.run = [usage = command.usage](const Args& args, Io& io) {
        if (args.positionals().size() != 1)
            return usageError(io, usage, "decide takes exactly one PROJECT path");
        const auto postText = args.value("post");
        const auto arbitratorName = args.value("arbitrator");
        if (!postText || !arbitratorName)
            return usageError(io, usage, "--post and --arbitrator are required");
        std::int64_t postId = 0;
        const auto* end = postText->data() + postText->size();
        if (auto [ptr, ec] = std::from_chars(postText->data(), end, postId);
            ec != std::errc() || ptr != end || postId <= 0)
            return usageError(io, usage, "--post takes a post id (a positive whole number)");
        if (args.has("categories") == args.has("special"))
            return usageError(io, usage, "give either --categories or --special");
        if (!args.value("rationale"))
            return usageError(io, usage, "--rationale is required: say why");
        arbitration::DecisionContent content;
        content.rationale = *args.value("rationale");
        if (auto special = args.value("special")) {
            content.special = labels::parseSpecial(*special);
            if (!content.special || *content.special == labels::Special::Pending)
                return usageError(io, usage, "--special takes false_positive or unclear");
        }
        auto project = Project::open(args.positionals()[0]);
        if (!project)
            return fail(io, project.message());
        auto& db = project->db();
        if (auto paths = args.value("categories")) {
            for (const auto& path : splitOn(*paths, ';')) {
                auto id = arbitration::resolvePath(db, path);
                if (!id)
                    return fail(io, id.message());
                content.categories.push_back(*id);
            }
            if (content.categories.empty())
                return usageError(io, usage, "--categories names no category");
        }
        auto arbitrator = people::findPerson(db, *arbitratorName);
        if (!arbitrator)
            return fail(io, arbitrator.message());
        auto decision = arbitration::decide(db, postId, *arbitrator, content);
        if (!decision)
            return fail(io, decision.message());
        if (args.has("json"))
            io.out << nlohmann::json{{"post", decision->postId},
                                     {"decision", decision->id},
                                     {"arbitrator", *arbitratorName},
                                     {"decided", decision->decided}}
                          .dump(2)
                   << '\n';
        else
            io.out << "Decided post " << decision->postId << " (" << printable(*arbitratorName)
                   << ")\n";
        return static_cast<int>(kSuccess);
    };
    return command;
}

} // namespace taxo::cli
