#include "cli/command.h"
#include "core/util/text_rules.h"
#include "core/version.h"

#include <algorithm>
#include <ostream>

namespace taxo::cli {
namespace {

void printOverview(std::ostream& out) {
    out << "Usage: taxo COMMAND [ARGS...]\n\n"
           "Taxonomist's command line: build a taxonomy from a corpus of posts by qualitative "
           "coding.\n\nCommands:\n";
    std::size_t width = 0;
    for (const auto& command : commands())
        width = std::max(width, command.name.size());
    for (const auto& command : commands())
        out << "  " << command.name << std::string(width - command.name.size() + 2, ' ')
            << command.summary << '\n';
    out << "\nRun 'taxo COMMAND --help' for the options of one command.\n"
           "Exit status: 0 success, 1 error, 2 wrong usage.\n";
}

void printCommandHelp(std::ostream& out, const Command& command) {
    out << "Usage: " << command.usage << "\n\n" << command.summary << '\n';
    if (!command.help.empty())
        out << '\n' << command.help;
    if (!command.help.empty() && command.help.back() != '\n')
        out << '\n';
}

} // namespace

int fail(Io& io, const std::string& message) {
    // Messages quote names and file names from data: shown without control characters.
    io.err << "taxo: error: " << printableLines(message) << '\n';
    return kFailure;
}

int usageError(Io& io, const std::string& usage, const std::string& message) {
    io.err << "taxo: error: " << printableLines(message) << "\nUsage: " << usage << '\n';
    return kUsage;
}

const std::vector<Command>& commands() {
    // Kept as typed, so that adding commands does not reflow the whole list.
    // clang-format off
    static const std::vector<Command> list = {
        initCommand(),          infoCommand(),          importCommand(),        censusCommand(),
        selectCommand(),
        statsCommand(),         sampleSizeCommand(),    sampleCommand(),        peopleAddCommand(),
        peopleListCommand(),    roundAssignCommand(),   roundListCommand(),     roundCalibrationCommand(), agreementCommand(),
        conflictsCommand(),     decideCommand(),        demoCommand(),          exportCommand(),
        packageExportCommand(), packageImportCommand(), codebookImportCommand(),
        screeningCreateCommand(), screeningMarkCommand(), screeningReportCommand(),
        screeningDecideCommand()};
    // clang-format on
    return list;
}

int run(const std::vector<std::string>& words, Io& io) {
    if (words.empty()) {
        printOverview(io.err);
        return kUsage;
    }
    const std::string& first = words.front();
    if (first == "--help" || first == "-h" || first == "help") {
        if (words.size() > 1) {
            const std::string twoWords = words.size() > 2 ? words[1] + " " + words[2] : "";
            for (const auto& command : commands())
                if (command.name == words[1] || command.name == twoWords) {
                    printCommandHelp(io.out, command);
                    return kSuccess;
                }
            return usageError(io, "taxo help [COMMAND]", "unknown command '" + words[1] + "'");
        }
        printOverview(io.out);
        return kSuccess;
    }
    if (first == "--version" || first == "-V") {
        io.out << "taxo " << kVersion << '\n';
        return kSuccess;
    }
    // Commands with two words ("package export") are registered under both words.
    const Command* found = nullptr;
    std::size_t consumed = 1;
    for (const auto& command : commands()) {
        if (command.name == first) {
            found = &command;
            break;
        }
        if (words.size() > 1 && command.name == first + " " + words[1]) {
            found = &command;
            consumed = 2;
            break;
        }
    }
    if (!found) {
        // "taxo people" alone: name the second words that would make a command.
        std::string seconds;
        for (const auto& command : commands())
            if (command.name.rfind(first + " ", 0) == 0)
                seconds += (seconds.empty() ? "" : ", ") + command.name.substr(first.size() + 1);
        if (!seconds.empty()) {
            io.err << "taxo: error: '" << printable(first) << "' needs one of: " << seconds << '\n';
            return kUsage;
        }
        io.err << "taxo: error: unknown command '" << printable(first) << "'\n";
        printOverview(io.err);
        return kUsage;
    }
    std::vector<std::string> rest(words.begin() + static_cast<std::ptrdiff_t>(consumed),
                                  words.end());
    if (std::find(rest.begin(), rest.end(), "--help") != rest.end() ||
        std::find(rest.begin(), rest.end(), "-h") != rest.end()) {
        printCommandHelp(io.out, *found);
        return kSuccess;
    }
    auto args = Args::parse(rest, found->options);
    if (!args)
        return usageError(io, found->usage, args.message());
    return found->run(*args, io);
}

} // namespace taxo::cli
