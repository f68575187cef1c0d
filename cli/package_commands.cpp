// taxo package export and taxo package import: team work without a server.

#include "cli/command.h"
#include "core/packages/package_json.h"
#include "core/packages/packages.h"
#include "core/project/project.h"
#include "core/util/files.h"
#include "core/util/text_rules.h"

#include <nlohmann/json.hpp>
#include <ostream>

namespace taxo::cli {

Command packageExportCommand() {
    Command command;
    command.name = "package export";
    command.summary = "write a coder's or an arbitrator's package (a project file)";
    command.usage = "taxo package export PROJECT --person NAME --out FILE [--arbitrator] [--json]";
    command.help =
        "  --person NAME   the coder or arbitrator the package is for\n"
        "  --out FILE      the package file to write (must not exist)\n"
        "  --arbitrator    the arbitrator's package of a person who also codes\n"
        "  --json          print a summary as JSON\n"
        "A coder's package holds the posts of that coder's open rounds, the codebook and\n"
        "only that coder's own labels. An arbitrator's package holds the posts of the\n"
        "arbitrator's roots waiting for a decision, with both coders' labels.\n"
        "The project records a random secret for the package, written into that package\n"
        "alone: the merge accepts the package only as this person's.\n";
    command.options = {{"person", true}, {"out", true}, {"arbitrator", false}, {"json", false}};
    command.run = [usage = command.usage](const Args& args, Io& io) {
        if (args.positionals().size() != 1)
            return usageError(io, usage, "package export takes exactly one PROJECT path");
        const auto person = args.value("person");
        const auto out = args.value("out");
        if (!person || !out)
            return usageError(io, usage, "package export needs --person and --out");
        if (auto status = files::checkOutputTarget(*out, args.positionals()[0], false); !status)
            return fail(io, status.message());
        // Read-write: the export records the package's proof of origin in the project.
        auto project = Project::open(args.positionals()[0]);
        if (!project)
            return fail(io, project.message());
        std::optional<packages::Kind> kind;
        if (args.has("arbitrator"))
            kind = packages::Kind::Arbitrator;
        auto summary = packages::exportPackage(*project, *person, *out, kind);
        if (!summary)
            return fail(io, summary.message());
        if (args.has("json")) {
            io.out << nlohmann::json{{"path", *out},
                                     {"kind", packages::kindName(summary->kind)},
                                     {"person", summary->person},
                                     {"posts", summary->posts},
                                     {"labels", summary->labels}}
                          .dump(2)
                   << '\n';
        } else {
            io.out << "Wrote " << packages::kindName(summary->kind) << "'s package for "
                   << printable(summary->person) << " to " << printable(*out) << ": "
                   << summary->posts << " posts, " << summary->labels << " labels.\n";
        }
        return static_cast<int>(kSuccess);
    };
    return command;
}

Command packageImportCommand() {
    Command command;
    command.name = "package import";
    command.summary = "merge a package's labels, decisions and new categories back";
    command.usage = "taxo package import PROJECT FILE [--overwrite-newer] [--json]";
    command.help =
        "  --overwrite-newer  replace work the project holds in a newer version\n"
        "  --json             print the merge report as JSON\n"
        "All or nothing: a package of another project, for an unknown person, without the\n"
        "secret its export recorded, holding anything Taxonomist does not write, with a\n"
        "post outside the assignment, an unknown category or a label or decision the app\n"
        "would refuse is refused with the reason. The report gives each coder's progress\n"
        "per round and warns of incomplete rounds and of packages older than one imported\n"
        "before. Importing the same package again changes nothing.\n";
    command.options = {{"overwrite-newer", false}, {"json", false}};
    command.run = [usage = command.usage](const Args& args, Io& io) {
        if (args.positionals().size() != 2)
            return usageError(io, usage, "package import takes a PROJECT and a package FILE");
        auto project = Project::open(args.positionals()[0]);
        if (!project)
            return fail(io, project.message());
        packages::MergeOptions options;
        options.overwriteNewer = args.has("overwrite-newer");
        auto report = packages::importPackage(*project, args.positionals()[1], options);
        if (!report)
            return fail(io, report.message());
        if (args.has("json")) {
            io.out << packages::toJson(*report).dump(2) << '\n';
        } else {
            for (const auto& line : packages::describe(*report))
                io.out << printable(line) << '\n';
        }
        return static_cast<int>(kSuccess);
    };
    return command;
}

} // namespace taxo::cli
