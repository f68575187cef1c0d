// taxo screening create|mark|report|decide.

#include "cli/command.h"
#include "cli/json_output.h"
#include "core/people/people.h"
#include "core/project/project.h"
#include "core/rounds/rounds.h"
#include "core/screening/screening.h"
#include "core/util/text_rules.h"

#include <iomanip>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

namespace taxo::cli {
namespace {

// --relevant, --irrelevant and (where allowed) a third flag: exactly one.
std::optional<std::string> oneOf(const Args& args, const std::vector<std::string>& flags) {
    std::optional<std::string> chosen;
    for (const auto& flag : flags) {
        if (!args.has(flag))
            continue;
        if (chosen)
            return std::string();
        chosen = flag;
    }
    return chosen;
}

std::string describeKappa(const agreement::CohenKappa& kappa) {
    std::ostringstream text;
    text << std::fixed << std::setprecision(3);
    if (!kappa.kappa)
        text << "undefined (" << kappa.undefinedReason << ")";
    else
        text << *kappa.kappa << " (SE " << *kappa.standardError << ", 95 % CI " << *kappa.ciLow
             << " to " << *kappa.ciHigh << "), "
             << agreement::kappaBandName(agreement::landisKochBand(*kappa.kappa));
    text << ", n = " << kappa.n;
    return text.str();
}

} // namespace

Command screeningCreateCommand() {
    Command command;
    command.name = "screening create";
    command.summary = "create the screening round of a set, with its two coders";
    command.usage = "taxo screening create PROJECT --set NAME --coders A,B [--round NAME] [--json]";
    command.help =
        "  --set NAME    the set whose posts are screened (all of them, before any sample)\n"
        "  --coders A,B  two people with the coder role, who mark independently\n"
        "  --round NAME  the round's name; '<set> screening' by default\n"
        "  --json        {round, set, items, coders}\n";
    command.options = {{"set", true}, {"coders", true}, {"round", true}, {"json", false}};
    command.run = [usage = command.usage](const Args& args, Io& io) {
        if (args.positionals().size() != 1)
            return usageError(io, usage, "screening create takes exactly one PROJECT path");
        if (!args.value("set") || !args.value("coders"))
            return usageError(io, usage, "--set and --coders are required");
        auto project = Project::open(args.positionals()[0]);
        if (!project)
            return fail(io, project.message());
        screening::CreateRequest request{*args.value("set"),
                                         rounds::splitNames(*args.value("coders")),
                                         args.value("round").value_or("")};
        auto created = screening::createRound(*project, request);
        if (!created)
            return fail(io, created.message());
        if (args.has("json"))
            io.out << nlohmann::json{{"round", created->name},
                                     {"set", created->setName},
                                     {"items", created->items},
                                     {"coders", request.coders}}
                          .dump(2)
                   << '\n';
        else
            io.out << "Created screening round '" << printable(created->name)
                   << "': " << created->items << " posts of set '" << printable(created->setName)
                   << "' for " << printable(request.coders[0]) << " and "
                   << printable(request.coders[1]) << '\n';
        return static_cast<int>(kSuccess);
    };
    return command;
}

Command screeningMarkCommand() {
    Command command;
    command.name = "screening mark";
    command.summary = "mark posts relevant or irrelevant as one coder of a screening round";
    command.usage = "taxo screening mark PROJECT --coder NAME --posts ID[,ID...] "
                    "(--relevant | --irrelevant | --clear) [--round NAME] [--json]";
    command.help =
        "  --coder NAME    one of the round's two coders\n"
        "  --posts LIST    posts by id or as SOURCE:ID (so:54734446), separated by commas;\n"
        "                  all are marked in one transaction, or none\n"
        "  --relevant, --irrelevant, --clear\n"
        "                  the mark; --clear removes the coder's mark\n"
        "  --round NAME    the screening round; needed only when there are several\n"
        "  --json          {round, coder, marked, previous: [{item, mark}]}\n";
    command.options = {{"coder", true},       {"posts", true},  {"relevant", false},
                       {"irrelevant", false}, {"clear", false}, {"round", true},
                       {"json", false}};
    command.run = [usage = command.usage](const Args& args, Io& io) {
        if (args.positionals().size() != 1)
            return usageError(io, usage, "screening mark takes exactly one PROJECT path");
        if (!args.value("coder") || !args.value("posts"))
            return usageError(io, usage, "--coder and --posts are required");
        const auto mark = oneOf(args, {"relevant", "irrelevant", "clear"});
        if (!mark || mark->empty())
            return usageError(io, usage, "give exactly one of --relevant, --irrelevant, --clear");
        auto project = Project::open(args.positionals()[0]);
        if (!project)
            return fail(io, project.message());
        auto& db = project->db();
        auto round = screening::findRound(db, args.value("round").value_or(""));
        if (!round)
            return fail(io, round.message());
        auto coder = people::findPerson(db, *args.value("coder"));
        if (!coder)
            return fail(io, coder.message());
        std::vector<screening::MarkChange> changes;
        std::vector<std::string> names;
        for (const auto& text : rounds::splitNames(*args.value("posts"))) {
            auto post = screening::resolvePost(db, text);
            if (!post)
                return fail(io, post.message());
            changes.push_back({*post, *mark == "clear" ? std::optional<bool>()
                                                       : std::optional<bool>(*mark == "relevant")});
            names.push_back(text);
        }
        if (changes.empty())
            return usageError(io, usage, "--posts names no post");
        auto previous = screening::setMarks(db, round->id, *coder, changes);
        if (!previous)
            return fail(io, previous.message());
        if (args.has("json")) {
            nlohmann::json before = nlohmann::json::array();
            for (std::size_t i = 0; i < names.size(); ++i)
                before.push_back({{"item", names[i]},
                                  {"mark", !(*previous)[i]   ? nlohmann::json(nullptr)
                                           : *(*previous)[i] ? nlohmann::json("relevant")
                                                             : nlohmann::json("irrelevant")}});
            io.out << nlohmann::json{{"round", round->name},
                                     {"coder", *args.value("coder")},
                                     {"marked", changes.size()},
                                     {"mark", *mark == "clear" ? nlohmann::json(nullptr)
                                                               : nlohmann::json(*mark)},
                                     {"previous", before}}
                          .dump(2)
                   << '\n';
        } else {
            io.out << (*mark == "clear" ? "Cleared " : "Marked ") << changes.size()
                   << (changes.size() == 1 ? " post" : " posts")
                   << (*mark == "clear" ? "" : " " + *mark) << " for "
                   << printable(*args.value("coder")) << " in '" << printable(round->name) << "'\n";
        }
        return static_cast<int>(kSuccess);
    };
    return command;
}

Command screeningReportCommand() {
    Command command;
    command.name = "screening report";
    command.summary = "kappa of a screening round, its disagreements and what the set keeps";
    command.usage = "taxo screening report PROJECT [--round NAME] [--json]";
    command.help =
        "  --round NAME  the screening round; needed only when there are several\n"
        "  --json        {round, set, n, coders, kappa, se, ci_low, ci_high, observed,\n"
        "                expected, percent_agreement, kappa_n, both_relevant,\n"
        "                both_irrelevant, disagreements, decided, undecided, incomplete,\n"
        "                relevant, irrelevant, excluded, set_posts, complete,\n"
        "                both_irrelevant_posts, disagreement_posts}\n";
    command.options = {{"round", true}, {"json", false}};
    command.run = [usage = command.usage](const Args& args, Io& io) {
        if (args.positionals().size() != 1)
            return usageError(io, usage, "screening report takes exactly one PROJECT path");
        auto project = Project::open(args.positionals()[0], Project::Access::ReadOnly);
        if (!project)
            return fail(io, project.message());
        auto round = screening::findRound(project->db(), args.value("round").value_or(""));
        if (!round)
            return fail(io, round.message());
        auto result = screening::report(project->db(), round->id);
        if (!result)
            return fail(io, result.message());
        if (args.has("json")) {
            io.out << toJson(*result).dump(2) << '\n';
            return static_cast<int>(kSuccess);
        }
        const auto& r = *result;
        io.out << "Screening round '" << printable(r.round.name) << "' of set '"
               << printable(r.round.setName) << "': " << r.n << " posts\n"
               << "  " << printable(r.a.name) << " marked " << r.a.marked << " (" << r.a.relevant
               << " relevant), " << printable(r.b.name) << " marked " << r.b.marked << " ("
               << r.b.relevant << " relevant)\n"
               << "  Cohen's kappa " << describeKappa(r.kappa) << '\n'
               << "  both relevant " << r.bothRelevant << ", both irrelevant " << r.bothIrrelevant
               << ", disagreements " << r.disagreements << " (" << r.decided
               << " decided by the lead), not yet marked by both " << r.incomplete << '\n'
               << "  the set keeps " << r.setPosts << " posts; " << r.excluded
               << " left it as irrelevant\n"
               << (r.complete() ? "  The screening is complete: the set can be sampled.\n"
                                : "  The screening is not complete yet.\n");
        for (const auto& item : r.items)
            if (item.outcome == screening::Outcome::Disagreement)
                io.out << "  to decide: post " << item.postId << " (" << printable(item.item)
                       << ") " << printable(item.title) << '\n';
        return static_cast<int>(kSuccess);
    };
    return command;
}

Command screeningDecideCommand() {
    Command command;
    command.name = "screening decide";
    command.summary = "the lead's decision on a post the screening coders disagree on";
    command.usage = "taxo screening decide PROJECT --post ID --lead NAME "
                    "(--relevant | --irrelevant | --withdraw) [--rationale TEXT] "
                    "[--round NAME] [--json]";
    command.help = "  --post ID         the post, by id or as SOURCE:ID\n"
                   "  --lead NAME       a person with the lead role\n"
                   "  --relevant, --irrelevant\n"
                   "                    the decision; irrelevant takes the post out of the set\n"
                   "  --withdraw        remove the decision (the post is undecided again)\n"
                   "  --rationale TEXT  why (optional; the study settled these by discussion)\n"
                   "  --round NAME      the screening round; needed only when there are several\n"
                   "  --json            {round, item, relevant, lead, withdrawn}\n";
    command.options = {{"post", true},        {"lead", true},      {"relevant", false},
                       {"irrelevant", false}, {"withdraw", false}, {"rationale", true},
                       {"round", true},       {"json", false}};
    command.run = [usage = command.usage](const Args& args, Io& io) {
        if (args.positionals().size() != 1)
            return usageError(io, usage, "screening decide takes exactly one PROJECT path");
        if (!args.value("post") || !args.value("lead"))
            return usageError(io, usage, "--post and --lead are required");
        const auto choice = oneOf(args, {"relevant", "irrelevant", "withdraw"});
        if (!choice || choice->empty())
            return usageError(io, usage,
                              "give exactly one of --relevant, --irrelevant, --withdraw");
        auto project = Project::open(args.positionals()[0]);
        if (!project)
            return fail(io, project.message());
        auto& db = project->db();
        auto round = screening::findRound(db, args.value("round").value_or(""));
        if (!round)
            return fail(io, round.message());
        auto post = screening::resolvePost(db, *args.value("post"));
        if (!post)
            return fail(io, post.message());
        auto lead = people::findPerson(db, *args.value("lead"));
        if (!lead)
            return fail(io, lead.message());
        if (auto status = screening::checkLead(db, *lead); !status)
            return fail(io, status.message());
        std::optional<screening::DecisionInput> input;
        if (*choice != "withdraw")
            input = screening::DecisionInput{*lead, *choice == "relevant",
                                             args.value("rationale").value_or("")};
        auto previous = screening::setDecision(db, round->id, *post, input);
        if (!previous)
            return fail(io, previous.message());
        if (args.has("json"))
            io.out << nlohmann::json{{"round", round->name},
                                     {"item", *args.value("post")},
                                     {"relevant", input ? nlohmann::json(input->relevant)
                                                        : nlohmann::json(nullptr)},
                                     {"lead", *args.value("lead")},
                                     {"withdrawn", !input}}
                          .dump(2)
                   << '\n';
        else if (input)
            io.out << "Decided post " << printable(*args.value("post")) << ": " << *choice << " ("
                   << printable(*args.value("lead")) << ")\n";
        else
            io.out << "Withdrew the decision on post " << printable(*args.value("post")) << '\n';
        return static_cast<int>(kSuccess);
    };
    return command;
}

} // namespace taxo::cli
