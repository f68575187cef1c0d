// taxo export: the study's results (step 5): the taxonomy with counts and
// percentages as JSON, CSV, Markdown, LaTeX, the figure as SVG (core) or PNG/PDF
// (through the renderer app/taxo registers), the REFI-QDA codebook and the
// methods paragraph.

#include "cli/command.h"
#include "core/exchange/exchange.h"
#include "core/exchange/qdpx.h"
#include "core/project/project.h"
#include "core/results/qdc.h"
#include "core/results/results_files.h"
#include "core/util/files.h"
#include "core/util/text_rules.h"

#include <ostream>
#include <stdexcept>

namespace taxo::cli {
namespace {

const char* const kFormats =
    "exchange|qdpx|taxonomy-json|csv|md|latex|svg|png|pdf|qdc|methods-md|methods-latex|"
    "cooccurrence-csv|cooccurrence-svg|cooccurrence-png|post-matrix-csv|quotes-md|quotes-latex|"
    "quotes-csv";

} // namespace

Command exportCommand() {
    Command command;
    command.name = "export";
    command.summary = "write the taxonomy's results, figure, codebook or methods text";
    command.usage = std::string("taxo export PROJECT --format ") + kFormats +
                    " --out FILE [--force] [--allow-unresolved] [--dpi N]";
    command.help =
        "  --format F           exchange: the whole project as one JSON document\n"
        "                       (docs/exchange-format.md); qdpx: the REFI-QDA project\n"
        "                       (posts, codebook, every coder's labels; docs/qdpx.md);\n"
        "                       taxonomy-json, csv, md, latex:\n"
        "                       the taxonomy with counts and\n"
        "                       percentages; svg, png, pdf: the figure; qdc: the REFI-QDA\n"
        "                       codebook; methods-md, methods-latex: the methods paragraph;\n"
        "                       cooccurrence-csv: per root, posts whose final label holds\n"
        "                       both categories (long format for R); cooccurrence-svg,\n"
        "                       cooccurrence-png: the same as heat maps; post-matrix-csv:\n"
        "                       a 0/1 row per label and final label (docs/results.md);\n"
        "                       quotes-md, quotes-latex, quotes-csv: the quote bank, each\n"
        "                       category's quotes with post, link and coder\n"
        "  --out FILE           written atomically (never half a file); never the project,\n"
        "                       another project or package, or an existing file\n"
        "  --force              replace an existing FILE (still never a project or package)\n"
        "  --allow-unresolved   export although some sampled posts have no final label\n"
        "                       (the summary counts them); refused otherwise\n"
        "  --dpi N              resolution of png, pdf and cooccurrence-png (default 300)\n"
        "The project is opened read-only.\n";
    command.options = {{"format", true},
                       {"out", true},
                       {"force", false},
                       {"allow-unresolved", false},
                       {"dpi", true}};
    command.run = [usage = command.usage](const Args& args, Io& io) {
        if (args.positionals().size() != 1)
            return usageError(io, usage, "export takes exactly one PROJECT path");
        const auto format = args.value("format");
        const auto out = args.value("out");
        if (!format || !out)
            return usageError(io, usage, "export needs --format and --out");
        if (*format != "exchange" && *format != "qdpx" && !results::isResultFormat(*format))
            return usageError(io, usage, "unknown format '" + *format + "'");
        int dpi = 300;
        if (auto text = args.value("dpi")) {
            try {
                std::size_t used = 0;
                dpi = std::stoi(*text, &used);
                if (used != text->size() || dpi < 30 || dpi > 2400)
                    throw std::out_of_range("dpi");
            } catch (const std::exception&) {
                return usageError(io, usage, "--dpi takes a whole number from 30 to 2400");
            }
        }
        const bool force = args.has("force");
        if (auto status = files::checkOutputTarget(*out, args.positionals()[0], force); !status)
            return fail(io, status.message());
        const auto replace = force ? files::Replace::Allowed : files::Replace::Never;
        auto project = Project::open(args.positionals()[0], Project::Access::ReadOnly);
        if (!project)
            return fail(io, project.message());
        auto& db = project->db();

        if (*format == "exchange" || *format == "qdpx") {
            const auto status = *format == "exchange"
                                    ? exchange::exportFile(*project, *out, replace)
                                    : exchange::exportQdpxFile(*project, *out, replace);
            if (!status)
                return fail(io, status.message());
            io.out << "Wrote " << printable(*out) << " (" << *format << ")\n";
            return static_cast<int>(kSuccess);
        }
        results::ResultsOptions options;
        options.allowUnresolved = args.has("allow-unresolved");
        if (auto status =
                results::writeResultFile(db, *format, *out, options, dpi, io.renderFigure, replace);
            !status)
            return fail(io, status.message());
        io.out << "Wrote " << printable(*out) << " (" << *format << ")\n";
        return static_cast<int>(kSuccess);
    };
    return command;
}

Command codebookImportCommand() {
    Command command;
    command.name = "codebook import";
    command.summary = "add the codes of a REFI-QDA codebook (.qdc) to the project's codebook";
    command.usage = "taxo codebook import PROJECT FILE.qdc";
    command.help = "Codes whose guid is a category's uid, or whose name a sibling already has,\n"
                   "are that category; the others are added (created in 'import'). One\n"
                   "transaction: a refused file changes nothing. DTDs and entities are refused.\n";
    command.run = [usage = command.usage](const Args& args, Io& io) {
        if (args.positionals().size() != 2)
            return usageError(io, usage, "codebook import takes PROJECT and FILE.qdc");
        const auto& file = args.positionals()[1];
        auto text = files::readAll(file);
        if (!text)
            return fail(io, text.message());
        auto codes = results::parseQdc(*text, file);
        if (!codes)
            return fail(io, codes.message());
        auto project = Project::open(args.positionals()[0]);
        if (!project)
            return fail(io, project.message());
        auto report = results::importQdc(project->db(), *codes);
        if (!report)
            return fail(io, file + ": " + report.message());
        io.out << "Added " << report->added << " categories; " << report->alreadyPresent
               << " were already in the codebook\n";
        return static_cast<int>(kSuccess);
    };
    return command;
}

} // namespace taxo::cli
