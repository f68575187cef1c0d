// taxo init and taxo info.

#include "cli/command.h"
#include "core/project/project.h"
#include "core/util/text_rules.h"

#include <nlohmann/json.hpp>
#include <ostream>

namespace taxo::cli {
namespace {

nlohmann::json countsToJson(const ProjectCounts& counts) {
    return {{"posts", counts.posts},           {"answers", counts.answers},
            {"comments", counts.comments},     {"sets", counts.sets},
            {"samples", counts.samples},       {"rounds", counts.rounds},
            {"categories", counts.categories}, {"labels", counts.labels},
            {"decisions", counts.decisions},   {"people", counts.people}};
}

} // namespace

Command initCommand() {
    Command command;
    command.name = "init";
    command.summary = "create a new, empty project file";
    command.usage = "taxo init PROJECT [--title TEXT] [--json]";
    command.help = "  --title TEXT   the study's title (default: the file name)\n"
                   "  --json         print the new project's id and title as JSON\n";
    command.options = {{"title", true}, {"json", false}};
    command.run = [usage = command.usage](const Args& args, Io& io) {
        if (args.positionals().size() != 1)
            return usageError(io, usage, "init takes exactly one PROJECT path");
        const std::string& path = args.positionals()[0];
        std::string title = args.value("title").value_or("");
        if (title.empty()) {
            const auto slash = path.find_last_of('/');
            title = slash == std::string::npos ? path : path.substr(slash + 1);
            if (const auto dot = title.rfind(".taxo"); dot != std::string::npos && dot > 0)
                title = title.substr(0, dot);
        }
        auto project = Project::create(path, title);
        if (!project)
            return fail(io, project.message());
        if (args.has("json")) {
            io.out << nlohmann::json{{"path", path}, {"id", project->id()}, {"title", title}}.dump(
                          2)
                   << '\n';
        } else {
            io.out << "Created " << printable(path) << " (" << printable(title) << ")\n";
        }
        return static_cast<int>(kSuccess);
    };
    return command;
}

Command infoCommand() {
    Command command;
    command.name = "info";
    command.summary = "show a project's id, title, schema version and counts";
    command.usage = "taxo info PROJECT [--json]";
    command.help = "  --json   print one JSON object\n"
                   "The project is opened read-only and never changed.\n";
    command.options = {{"json", false}};
    command.run = [usage = command.usage](const Args& args, Io& io) {
        if (args.positionals().size() != 1)
            return usageError(io, usage, "info takes exactly one PROJECT path");
        auto project = Project::open(args.positionals()[0], Project::Access::ReadOnly);
        if (!project)
            return fail(io, project.message());
        auto info = project->info();
        if (!info)
            return fail(io, info.message());
        if (args.has("json")) {
            nlohmann::json json = {{"path", project->path()},
                                   {"id", info->id},
                                   {"title", info->title},
                                   {"created", info->created},
                                   {"schema_version", info->schemaVersion},
                                   {"counts", countsToJson(info->counts)}};
            io.out << json.dump(2) << '\n';
        } else {
            const auto& c = info->counts;
            io.out << "Project:    " << printable(info->title) << "\n"
                   << "Id:         " << info->id << "\n"
                   << "Created:    " << info->created << "\n"
                   << "Schema:     version " << info->schemaVersion << "\n"
                   << "Posts:      " << c.posts << " (" << c.answers << " answers, " << c.comments
                   << " comments)\n"
                   << "Sets:       " << c.sets << "\n"
                   << "Samples:    " << c.samples << " in " << c.rounds << " rounds\n"
                   << "Categories: " << c.categories << "\n"
                   << "People:     " << c.people << "\n"
                   << "Labels:     " << c.labels << " (" << c.decisions << " decisions)\n";
        }
        return static_cast<int>(kSuccess);
    };
    return command;
}

} // namespace taxo::cli
