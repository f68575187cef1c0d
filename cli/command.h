#pragma once
// The command-line contract of docs/cli.md: exit 0 on success, 1 on an error
// (stderr starts with "taxo: error:"), 2 on wrong usage.

#include "cli/args.h"
#include "core/results/figure_renderer.h"

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace taxo::cli {

enum ExitCode : int { kSuccess = 0, kFailure = 1, kUsage = 2 };

struct Io {
    std::ostream& out;
    std::ostream& err;
    // Progress lines for long work; the real CLI writes them to stderr.
    bool showProgress = false;
    // Standard error is a terminal: progress rewrites one line in place.
    bool progressIsTerminal = false;
    // Renders the figure to PNG and PDF; those formats are refused without one (a
    // build without Qt).
    results::FigureRenderer renderFigure = nullptr;
};

struct Command {
    std::string name;
    std::string summary;
    std::string usage; // "taxo init PROJECT [--title TEXT]"
    std::string help;  // a few lines on the options
    std::vector<OptionSpec> options;
    std::function<int(const Args&, Io&)> run;
};

// Reports a failure in the contract's form and returns kFailure.
int fail(Io& io, const std::string& message);
// Reports wrong usage with the command's usage line and returns kUsage.
int usageError(Io& io, const std::string& usage, const std::string& message);

// Every command, in the order `taxo --help` lists them.
const std::vector<Command>& commands();

// Entry point shared by the taxo executable and the tests. argv[0] excluded.
int run(const std::vector<std::string>& words, Io& io);

// Registration of each command family, one file each.
Command initCommand();
Command infoCommand();
Command sampleSizeCommand();
Command sampleCommand();
Command peopleAddCommand();
Command peopleListCommand();
Command roundAssignCommand();
Command roundListCommand();
Command roundCalibrationCommand();
Command screeningCreateCommand();
Command screeningMarkCommand();
Command screeningReportCommand();
Command screeningDecideCommand();
Command importCommand();
Command selectCommand();
Command statsCommand();
Command censusCommand();
Command agreementCommand();
Command conflictsCommand();
Command decideCommand();
Command demoCommand();
Command exportCommand();
Command packageExportCommand();
Command packageImportCommand();

// taxo import of one exchange document (.json) into an empty project.
int importExchange(const std::string& projectPath, const std::string& document, bool json, Io& io);
// A REFI-QDA project (.qdpx) into a new project file (exchange_commands.cpp).
int importQdpx(const std::string& projectPath, const std::string& qdpx, bool json, Io& io);
Command codebookImportCommand();
// taxo agreement PROJECT --calibration ROUND [--coder NAME] [--json]
// (calibration_commands.cpp).
int printCalibration(const Args& args, Io& io);

} // namespace taxo::cli
