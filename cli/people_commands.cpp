// taxo people add|list and taxo round assign|list.

#include "cli/command.h"
#include "core/people/people.h"
#include "core/project/project.h"
#include "core/rounds/rounds.h"
#include "core/util/text_rules.h"

#include <nlohmann/json.hpp>
#include <ostream>

namespace taxo::cli {

Command peopleAddCommand() {
    Command command;
    command.name = "people add";
    command.summary = "add a person with a role (coder, arbitrator of a root, lead)";
    command.usage =
        "taxo people add PROJECT NAME --role coder|arbitrator|lead [--root NAME] [--json]";
    command.help = "  --role R     coder, arbitrator or lead; a person may hold several roles\n"
                   "  --root NAME  the root category an arbitrator settles (required for an\n"
                   "               arbitrator, refused for the other roles); the root may be\n"
                   "               created later in the codebook. One arbitrator per root.\n";
    command.options = {{"role", true}, {"root", true}, {"json", false}};
    command.run = [usage = command.usage](const Args& args, Io& io) {
        if (args.positionals().size() != 2)
            return usageError(io, usage, "people add takes a PROJECT path and a NAME");
        const auto roleText = args.value("role");
        if (!roleText)
            return usageError(io, usage, "--role is required");
        auto role = people::parseRole(*roleText);
        if (!role)
            return usageError(io, usage, role.message());
        auto project = Project::open(args.positionals()[0]);
        if (!project)
            return fail(io, project.message());
        const auto& name = args.positionals()[1];
        const auto root = args.value("root").value_or("");
        if (auto status = people::addRole(*project, name, *role, root); !status)
            return fail(io, status.message());
        if (args.has("json"))
            io.out << nlohmann::json{{"name", name},
                                     {"role", people::roleName(*role)},
                                     {"root", root.empty() ? nlohmann::json(nullptr)
                                                           : nlohmann::json(root)}}
                          .dump(2)
                   << '\n';
        else
            io.out << "Added " << printable(name) << " as "
                   << (*role == people::Role::Arbitrator ? "arbitrator of " + printable(root)
                                                         : std::string(people::roleName(*role)))
                   << '\n';
        return static_cast<int>(kSuccess);
    };
    return command;
}

Command peopleListCommand() {
    Command command;
    command.name = "people list";
    command.summary = "list the people and their roles";
    command.usage = "taxo people list PROJECT [--json]";
    command.help = "  --json   {\"people\": [{\"name\", \"roles\": [{\"role\", \"root\"}]}]}\n";
    command.options = {{"json", false}};
    command.run = [usage = command.usage](const Args& args, Io& io) {
        if (args.positionals().size() != 1)
            return usageError(io, usage, "people list takes exactly one PROJECT path");
        auto project = Project::open(args.positionals()[0], Project::Access::ReadOnly);
        if (!project)
            return fail(io, project.message());
        auto list = people::listPeople(*project);
        if (!list)
            return fail(io, list.message());
        if (args.has("json")) {
            nlohmann::json array = nlohmann::json::array();
            for (const auto& person : *list) {
                nlohmann::json roles = nlohmann::json::array();
                for (const auto& role : person.roles)
                    roles.push_back({{"role", people::roleName(role.role)},
                                     {"root", role.root.empty() ? nlohmann::json(nullptr)
                                                                : nlohmann::json(role.root)}});
                array.push_back({{"name", person.name}, {"roles", roles}});
            }
            io.out << nlohmann::json{{"people", array}}.dump(2) << '\n';
        } else {
            if (list->empty())
                io.out << "Nobody yet; add people with taxo people add.\n";
            for (const auto& person : *list) {
                io.out << printable(person.name) << ':';
                for (std::size_t i = 0; i < person.roles.size(); ++i) {
                    const auto& role = person.roles[i];
                    io.out << (i ? ", " : " ") << people::roleName(role.role);
                    if (!role.root.empty())
                        io.out << " (" << printable(role.root) << ')';
                }
                io.out << '\n';
            }
        }
        return static_cast<int>(kSuccess);
    };
    return command;
}

Command roundAssignCommand() {
    Command command;
    command.name = "round assign";
    command.summary = "set the coders of a round";
    command.usage = "taxo round assign PROJECT ROUND --coders A,B [--json]";
    command.help = "  --coders A,B  people with the coder role, separated by commas; a\n"
                   "                reliability round needs two or more (A,B,C: three coders),\n"
                   "                a screening round exactly two, a pilot at least one.\n"
                   "                Replaces the earlier coders, but never takes off a coder\n"
                   "                who has labels in the round.\n";
    command.options = {{"coders", true}, {"json", false}};
    command.run = [usage = command.usage](const Args& args, Io& io) {
        if (args.positionals().size() != 2)
            return usageError(io, usage, "round assign takes a PROJECT path and a ROUND name");
        const auto coders = args.value("coders");
        if (!coders)
            return usageError(io, usage, "--coders is required");
        const auto names = rounds::splitNames(*coders);
        auto project = Project::open(args.positionals()[0]);
        if (!project)
            return fail(io, project.message());
        const auto& round = args.positionals()[1];
        if (auto status = rounds::assignCoders(*project, round, names); !status)
            return fail(io, status.message());
        if (args.has("json")) {
            io.out << nlohmann::json{{"round", round}, {"coders", names}}.dump(2) << '\n';
        } else {
            io.out << "Round '" << printable(round) << "' is coded by ";
            for (std::size_t i = 0; i < names.size(); ++i)
                io.out << (i ? (i + 1 == names.size() ? " and " : ", ") : "")
                       << printable(names[i]);
            io.out << '\n';
        }
        return static_cast<int>(kSuccess);
    };
    return command;
}

Command roundListCommand() {
    Command command;
    command.name = "round list";
    command.summary = "list the rounds with their posts, coders and progress";
    command.usage = "taxo round list PROJECT [--json]";
    command.help = "  --json   {\"rounds\": [{\"name\", \"kind\", \"state\", \"set\", \"items\",\n"
                   "           \"coders\": [{\"name\", \"labels\"}], \"consensus_labels\"}]}\n";
    command.options = {{"json", false}};
    command.run = [usage = command.usage](const Args& args, Io& io) {
        if (args.positionals().size() != 1)
            return usageError(io, usage, "round list takes exactly one PROJECT path");
        auto project = Project::open(args.positionals()[0], Project::Access::ReadOnly);
        if (!project)
            return fail(io, project.message());
        auto list = rounds::listRounds(*project);
        if (!list)
            return fail(io, list.message());
        if (args.has("json")) {
            nlohmann::json array = nlohmann::json::array();
            for (const auto& round : *list) {
                nlohmann::json coders = nlohmann::json::array();
                for (const auto& coder : round.coders)
                    coders.push_back({{"name", coder.name}, {"labels", coder.labels}});
                array.push_back({{"name", round.name},
                                 {"kind", rounds::kindName(round.kind)},
                                 {"state", round.state},
                                 {"set", round.setName.empty() ? nlohmann::json(nullptr)
                                                               : nlohmann::json(round.setName)},
                                 {"items", round.items},
                                 {"coders", coders},
                                 {"consensus_labels", round.consensusLabels}});
                if (!round.pilotRound.empty())
                    array.back()["pilot"] = round.pilotRound;
            }
            io.out << nlohmann::json{{"rounds", array}}.dump(2) << '\n';
        } else {
            if (list->empty())
                io.out << "No rounds yet; taxo sample creates them.\n";
            for (const auto& round : *list) {
                io.out << printable(round.name) << " (" << rounds::kindName(round.kind) << ", "
                       << round.state << "): " << round.items << " posts";
                if (round.kind == rounds::RoundKind::Pilot)
                    io.out << ", " << round.consensusLabels << " joint labels";
                if (!round.pilotRound.empty())
                    io.out << " of pilot round '" << printable(round.pilotRound) << "'";
                io.out << '\n';
                if (round.coders.empty())
                    io.out << "  no coders yet (taxo round assign)\n";
                for (const auto& coder : round.coders)
                    io.out << "  " << printable(coder.name) << ": " << coder.labels << " of "
                           << round.items
                           << (round.kind == rounds::RoundKind::Screening ? " marked\n"
                                                                          : " labelled\n");
            }
        }
        return static_cast<int>(kSuccess);
    };
    return command;
}

} // namespace taxo::cli
