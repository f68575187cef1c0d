// taxo export (the exchange format) and the exchange branch of taxo import.
// Other export formats plug into exportFormats() below, one entry each.

#include "cli/command.h"
#include "exchange/exchange.h"
#include "project/project.h"

#include <nlohmann/json.hpp>
#include <ostream>

namespace taxo::cli {
namespace {

struct ExportFormat {
    std::string name;
    std::function<Status(Project&, const std::string& out)> write;
};

// One line per format; a format written elsewhere adds its entry here.
const std::vector<ExportFormat>& exportFormats() {
    static const std::vector<ExportFormat> formats = {
        {"exchange",
         [](Project& project, const std::string& out) {
             return exchange::exportFile(project, out);
         }},
    };
    return formats;
}

std::string formatNames() {
    std::string names;
    for (const auto& format : exportFormats())
        names += (names.empty() ? "" : ", ") + format.name;
    return names;
}

} // namespace

Command exportCommand() {
    Command command;
    command.name = "export";
    command.summary = "write the project in another format (exchange: one JSON document)";
    command.usage = "taxo export PROJECT --format FORMAT --out FILE";
    command.help = "  --format FORMAT  one of: " + formatNames() +
                   "\n"
                   "  --out FILE       where to write; written whole or not at all\n"
                   "The project is opened read-only. See docs/exchange-format.md.\n";
    command.options = {{"format", true}, {"out", true}};
    command.run = [usage = command.usage](const Args& args, Io& io) {
        if (args.positionals().size() != 1)
            return usageError(io, usage, "export takes exactly one PROJECT path");
        const auto format = args.value("format");
        const auto out = args.value("out");
        if (!format || !out)
            return usageError(io, usage, "export needs --format and --out");
        const ExportFormat* chosen = nullptr;
        for (const auto& candidate : exportFormats())
            if (candidate.name == *format)
                chosen = &candidate;
        if (!chosen)
            return usageError(io, usage,
                              "unknown format '" + *format + "'; known: " + formatNames());
        auto project = Project::open(args.positionals()[0], Project::Access::ReadOnly);
        if (!project)
            return fail(io, project.message());
        if (auto status = chosen->write(*project, *out); !status)
            return fail(io, status.message());
        io.out << "Wrote " << *out << " (" << *format << ")\n";
        return static_cast<int>(kSuccess);
    };
    return command;
}

int importExchange(const std::string& projectPath, const std::string& document, bool json, Io& io) {
    auto project = Project::open(projectPath);
    if (!project)
        return fail(io, project.message());
    auto counts = exchange::importFile(*project, document);
    if (!counts)
        return fail(io, counts.message());
    if (json) {
        io.out
            << nlohmann::json{{"format", "exchange"}, {"counts", exchange::toJson(*counts)}}.dump(2)
            << '\n';
    } else {
        io.out << "Imported " << counts->items << " items, " << counts->categories
               << " categories, " << counts->people << " people, " << counts->rounds << " rounds, "
               << counts->labels << " labels and " << counts->decisions << " decisions from "
               << document << ".\n";
    }
    return static_cast<int>(kSuccess);
}

} // namespace taxo::cli
