// taxo import: Stack Exchange dumps, CSV and JSON Lines into a project.

#include "cli/command.h"
#include "cli/progress_printer.h"
#include "cli/qdpx_coder_command.h"
#include "core/corpus/import.h"
#include "core/project/project.h"
#include "core/util/text_rules.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <ostream>

namespace taxo::cli {
namespace {

std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto comma = text.find(',', start);
        auto item =
            text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!item.empty())
            items.push_back(item);
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return items;
}

std::string megabytes(std::uint64_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / 1e6);
    return text;
}

} // namespace

Command importCommand() {
    Command command;
    command.name = "import";
    command.summary = "import posts from a Stack Exchange dump, CSV or JSON Lines";
    command.usage = "taxo import PROJECT SOURCE... [--tags t1,t2,...] [--source NAME] "
                    "[--archive-entry PATH] [--json]\n"
                    "       taxo import PROJECT FILE.qdpx --as-coder NAME --round ROUND "
                    "[--user NAME] [--json]";
    command.help =
        "  SOURCE         a Posts.xml, a dump folder (Posts.xml, Comments.xml, Users.xml),\n"
        "                 a .7z archive, a .csv or a .jsonl file (see docs/formats-import.md:\n"
        "                 a Data Explorer result or a BigQuery posts_questions or\n"
        "                 posts_answers export is told by its header, and its answers\n"
        "                 meet their questions across the files of one import),\n"
        "                 or alone an exchange document .json into an empty project\n"
        "                 (see docs/exchange-format.md), or alone a REFI-QDA project .qdpx\n"
        "                 into a NEW project file (PROJECT must not exist; docs/qdpx.md)\n"
        "  --tags LIST    keep only questions carrying any of these tags (comma-separated)\n"
        "  --source NAME  the posts' source name instead of the derived one\n"
        "  --archive-entry PATH\n"
        "                 for a .7z holding several Posts.xml: the one to import, by its path\n"
        "                 inside the archive (refused without it)\n"
        "  --as-coder NAME --round ROUND\n"
        "                 with a .qdpx and an existing PROJECT: one coder's codings made in\n"
        "                 another tool become NAME's labels in ROUND (NAME has none there\n"
        "                 yet); sources are matched to the round's posts, codes to leaves by\n"
        "                 their path; any mismatch is listed and nothing is stored\n"
        "  --user NAME    the file's user whose codings are taken (needed when the\n"
        "                 file holds the codings of several users)\n"
        "  --json         print the import report as one JSON object\n"
        "All sources are imported in one transaction: on any error nothing is kept.\n"
        "Questions already in the project are left as they were and counted.\n";
    command.options = {{"tags", true},  {"source", true},   {"archive-entry", true},
                       {"json", false}, {"as-coder", true}, {"round", true},
                       {"user", true}};
    command.run = [usage = command.usage](const Args& args, Io& io) {
        if (args.positionals().size() < 2)
            return usageError(io, usage, "import takes a PROJECT and at least one SOURCE");
        corpus::ImportOptions options;
        if (auto tags = args.value("tags")) {
            options.tags = splitList(*tags);
            if (options.tags.empty())
                return usageError(io, usage, "--tags needs at least one tag");
        }
        options.source = args.value("source").value_or("");
        options.archiveEntry = args.value("archive-entry").value_or("");
        const auto isQdpx = [](const std::string& path) {
            return path.size() > 5 && path.compare(path.size() - 5, 5, ".qdpx") == 0;
        };
        if (std::any_of(args.positionals().begin() + 1, args.positionals().end(), isQdpx)) {
            if (args.positionals().size() != 2 || args.has("tags") || args.has("source") ||
                args.has("archive-entry"))
                return usageError(io, usage,
                                  "a .qdpx is imported alone, without --tags, --source or "
                                  "--archive-entry, into a new project file");
            if (args.has("as-coder") || args.has("round") || args.has("user")) {
                if (!args.has("as-coder") || !args.has("round"))
                    return usageError(io, usage,
                                      "a coder's .qdpx needs both --as-coder NAME and --round "
                                      "ROUND");
                return importQdpxCoder(args.positionals()[0], args.positionals()[1],
                                       *args.value("as-coder"), *args.value("round"),
                                       args.value("user").value_or(""), args.has("json"), io);
            }
            return importQdpx(args.positionals()[0], args.positionals()[1], args.has("json"), io);
        }
        if (args.has("as-coder") || args.has("round") || args.has("user"))
            return usageError(io, usage, "--as-coder, --round and --user go with a .qdpx");
        // An exchange document is a whole project, not a list of posts: it goes alone.
        // (A BigQuery export of posts, one object per line, may be named .json too.)
        const auto isJson = [](const std::string& path) {
            return path.size() > 5 && path.compare(path.size() - 5, 5, ".json") == 0 &&
                   !corpus::isShapedJsonLines(path);
        };
        if (std::any_of(args.positionals().begin() + 1, args.positionals().end(), isJson)) {
            if (args.positionals().size() != 2 || args.has("tags") || args.has("source"))
                return usageError(io, usage,
                                  "an exchange document (.json) is imported alone, without "
                                  "--tags or --source, into an empty project");
            return importExchange(args.positionals()[0], args.positionals()[1], args.has("json"),
                                  io);
        }
        auto project = Project::open(args.positionals()[0]);
        if (!project)
            return fail(io, project.message());
        const std::vector<std::string> sources(args.positionals().begin() + 1,
                                               args.positionals().end());
        // A 100 GB dump reports 100,000 chunks; the printer keeps a log to a line every
        // few seconds and each file's first and last.
        auto progress =
            printProgress(io.err, io.showProgress, io.progressIsTerminal, [](const Progress& p) {
                std::string line = printable(p.stage) + ": " + megabytes(p.done);
                if (p.total > 0)
                    line += " of " + megabytes(p.total);
                return line + ", " + std::to_string(p.items) + " rows, " +
                       std::to_string(static_cast<int>(p.seconds)) + " s";
            });
        auto report = corpus::importSources(*project, sources, options, progress);
        if (!report)
            return fail(io, report.message());
        if (args.has("json")) {
            io.out << corpus::toJson(*report).dump(2) << '\n';
        } else {
            io.out << "Imported " << report->questions << " questions, " << report->answers
                   << " answers and " << report->comments << " comments from " << report->rowsRead
                   << " rows (" << megabytes(report->bytes) << ") in "
                   << static_cast<int>(report->seconds * 10) / 10.0 << " s.\n";
            if (report->alreadyPresent > 0)
                io.out << report->alreadyPresent
                       << " questions were already in the project and were left as they were.\n";
            for (const auto& [reason, count] : report->skipped)
                io.out << "  skipped " << count << ": " << printable(reason) << '\n';
            io.out << "Census: " << report->censusQuestions << " questions and "
                   << report->censusAnswers
                   << " answers counted, kept or not (taxo census shows them).\n";
            if (report->censusTagsLeftOut > 0)
                io.out << "  " << report->censusTagsLeftOut
                       << " tag uses were not counted per tag: past 200,000 distinct tags or "
                          "longer than 64 bytes (their questions count in the years)\n";
            for (const auto& replaced : report->censusReplaced)
                io.out << "  the census of " << printable(replaced)
                       << " was replaced by this import's counts\n";
        }
        return static_cast<int>(kSuccess);
    };
    return command;
}

} // namespace taxo::cli
