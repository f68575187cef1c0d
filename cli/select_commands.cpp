// taxo select and taxo stats: the study's selection (step 2) and corpus statistics
// (steps 3 and 4).

#include "cli/command.h"
#include "cli/progress_printer.h"
#include "core/project/project.h"
#include "core/select/selection.h"
#include "core/stats/corpus_stats.h"
#include "core/util/percent.h"
#include "core/util/text_rules.h"

#include <cmath>
#include <cstdio>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <ostream>

namespace taxo::cli {
namespace {

using nlohmann::json;

ProgressCallback progressOn(Io& io) {
    return printProgress(io.err, io.showProgress, io.progressIsTerminal, [](const Progress& p) {
        std::string line = printable(p.stage) + ": " + std::to_string(p.done);
        if (p.total > 0)
            line += " of " + std::to_string(p.total);
        return line + ' ' + printable(p.unit) + ", " + std::to_string(static_cast<int>(p.seconds)) +
               " s";
    });
}

json selectionToJson(const select::SelectionReport& report) {
    json sets = json::array();
    for (const auto& set : report.sets) {
        json clauses = json::array();
        for (const auto& clause : set.clauses)
            clauses.push_back({{"matched", clause.matched}, {"cumulative", clause.cumulative}});
        sets.push_back({{"name", set.name},
                        {"root", set.root},
                        {"clauses", clauses},
                        {"members", set.members},
                        {"previous_members",
                         set.previousMembers < 0 ? json(nullptr) : json(set.previousMembers)},
                        {"samples", set.samples}});
    }
    json overlaps = json::array();
    for (const auto& overlap : report.overlaps)
        overlaps.push_back(
            {{"first", overlap.first}, {"second", overlap.second}, {"both", overlap.both}});
    return {{"posts_scanned", report.postsScanned},
            {"sets", sets},
            {"union", report.unionMembers},
            {"overlaps", overlaps},
            {"dropped", report.dropped},
            {"seconds", report.seconds}};
}

json optionalNumber(const std::optional<double>& value) {
    return value ? json(*value) : json(nullptr);
}

json figuresToJson(const stats::YearFigures& f) {
    json row = {{"questions", f.questions},
                {"askers", f.askers},
                {"no_owner", f.noOwner},
                {"no_accepted", f.noAccepted},
                {"with_accepted", f.withAccepted},
                {"share_no_accepted", optionalNumber(f.shareNoAccepted())},
                {"median_minutes_to_accept", optionalNumber(f.medianMinutesToAccept)}};
    if (f.year != 0)
        row["year"] = f.year;
    return row;
}

const char* kindName(stats::GroupKind kind) {
    switch (kind) {
    case stats::GroupKind::Set:
        return "set";
    case stats::GroupKind::Union:
        return "union";
    case stats::GroupKind::Baseline:
        return "baseline";
    }
    return "set";
}

json statsToJson(const stats::CorpusStats& result) {
    json groups = json::array();
    for (const auto& group : result.groups) {
        json years = json::array();
        for (const auto& year : group.years) {
            auto row = figuresToJson(year);
            row["share_of_site"] = optionalNumber(result.shareOfSite(year.year, year.questions));
            years.push_back(std::move(row));
        }
        json box = nullptr;
        if (group.minutesToAccept) {
            const auto& b = *group.minutesToAccept;
            box = {{"n", b.n},
                   {"lower_whisker", b.stats[0]},
                   {"lower_hinge", b.stats[1]},
                   {"median", b.stats[2]},
                   {"upper_hinge", b.stats[3]},
                   {"upper_whisker", b.stats[4]},
                   {"outliers", b.outliers.size()},
                   {"mean", b.mean}};
        }
        groups.push_back({{"name", group.name},
                          {"kind", kindName(group.kind)},
                          {"years", years},
                          {"total", figuresToJson(group.total)},
                          {"share_no_accepted", optionalNumber(group.shareNoAccepted)},
                          {"minutes_to_accept", box},
                          {"accepted_without_date", group.acceptedWithoutDate}});
    }
    json test = nullptr;
    if (result.difficultyTest) {
        const auto& t = *result.difficultyTest;
        test = {{"x", {t.x1, t.x2}},
                {"n", {t.n1, t.n2}},
                {"estimates", {t.estimate1, t.estimate2}},
                {"statistic", t.statistic},
                {"df", t.df},
                {"p_value", t.pValue},
                {"conf_level", 0.95},
                {"ci_low", t.ciLow},
                {"ci_high", t.ciHigh},
                {"correct", t.corrected},
                {"approximation_warning", t.approximationWarning}};
    }
    const auto& o = result.options;
    json site = json::array();
    for (const auto& y : result.site)
        site.push_back({{"year", y.year},
                        {"questions", y.questions},
                        {"askers", y.askers},
                        {"with_accepted", y.withAccepted},
                        {"answers", y.answers}});
    return {{"from", o.fromYear ? json(*o.fromYear) : json(nullptr)},
            {"comparison",
             o.comparison == stats::Comparison::WholeSite ? "whole_site" : "outside_sets"},
            {"site", site},
            {"to", o.toYear ? json(*o.toYear) : json(nullptr)},
            {"groups", groups},
            {"difficulty_test", test},
            {"difficulty_test_note", result.difficultyTestNote},
            {"questions_without_date", result.questionsWithoutDate},
            {"population", o.population.empty() ? json(nullptr) : json(o.population)},
            {"outside_population", result.outsidePopulation}};
}

std::string fixed(double value, int digits) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", digits, value);
    return text;
}

std::string pad(const std::string& text, std::size_t width) {
    return text.size() >= width ? text : std::string(width - text.size(), ' ') + text;
}

void printFigures(std::ostream& out, const std::string& label, const stats::YearFigures& f) {
    out << "  " << pad(label, 5) << pad(std::to_string(f.questions), 11)
        << pad(std::to_string(f.askers), 8) << pad(std::to_string(f.noOwner), 10)
        << pad(std::to_string(f.noAccepted), 13)
        << pad(f.questions ? f.shareNoAcceptedPercent() + " %" : "-", 9)
        << pad(f.medianMinutesToAccept ? fixed(*f.medianMinutesToAccept, 1) : "-", 16) << '\n';
}

std::optional<int> parseYear(const std::string& text) {
    if (text.size() != 4 || text.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    return std::stoi(text);
}

} // namespace

Command selectCommand() {
    Command command;
    command.name = "select";
    command.summary = "build the named sets of posts from selection rules";
    command.usage = "taxo select PROJECT --rules RULES.json [--force] [--json]";
    command.help =
        "  --rules FILE   the selection rules (docs/rules.md; docs/examples/study-rules.json)\n"
        "  --force        replace sets that samples use even though their members change\n"
        "  --json         print the counts as one JSON object\n"
        "The project's sets are replaced by the rules' sets in one transaction. The count\n"
        "after every clause is the union of that clause and the ones before it.\n";
    command.options = {{"rules", true}, {"force", false}, {"json", false}};
    command.run = [usage = command.usage](const Args& args, Io& io) {
        if (args.positionals().size() != 1)
            return usageError(io, usage, "select takes exactly one PROJECT path");
        const auto rulesPath = args.value("rules");
        if (!rulesPath)
            return usageError(io, usage, "--rules RULES.json is required");
        // The rules are checked before the project is opened: bad rules change nothing.
        auto rules = select::loadRules(*rulesPath);
        if (!rules)
            return fail(io, rules.message());
        auto project = Project::open(args.positionals()[0]);
        if (!project)
            return fail(io, project.message());
        select::SelectOptions options;
        options.force = args.has("force");
        auto report = select::selectSets(*project, *rules, options, progressOn(io));
        if (!report)
            return fail(io, report.message());
        if (args.has("json")) {
            io.out << selectionToJson(*report).dump(2) << '\n';
            return static_cast<int>(kSuccess);
        }
        io.out << "Scanned " << report->postsScanned << " posts.\n";
        for (const auto& set : report->sets) {
            io.out << printable(set.name) << " (root " << printable(set.root)
                   << "): " << set.members << " posts";
            if (set.previousMembers >= 0)
                io.out << " (was " << set.previousMembers << ")";
            io.out << '\n';
            for (std::size_t k = 0; k < set.clauses.size(); ++k)
                io.out << "  after clause " << k + 1 << ": " << set.clauses[k].cumulative
                       << "  (clause alone: " << set.clauses[k].matched << ")\n";
        }
        io.out << "In any set: " << report->unionMembers << " posts\n";
        for (const auto& overlap : report->overlaps)
            io.out << "  in both " << printable(overlap.first) << " and "
                   << printable(overlap.second) << ": " << overlap.both << '\n';
        for (const auto& name : report->dropped)
            io.out << "Dropped set " << printable(name) << " (no longer in the rules)\n";
        return static_cast<int>(kSuccess);
    };
    return command;
}

Command statsCommand() {
    Command command;
    command.name = "stats";
    command.summary = "questions and askers per set and year; difficulty and its test";
    command.usage = "taxo stats PROJECT [--from YEAR] [--to YEAR] [--population SET] "
                    "[--compare outside|site] [--no-correction] [--json]";
    command.help =
        "  --from YEAR       leave out questions asked before YEAR\n"
        "  --to YEAR         leave out questions asked after YEAR\n"
        "  --population SET  the set that defines the population (the paper's set B): the\n"
        "                    baseline is its questions in no other set\n"
        "  --compare WHAT    the difficulty test's comparison: 'outside' (default) the\n"
        "                    questions in no set, the study's choice; 'site' every question\n"
        "                    of the site the imports read (set A, from taxo census)\n"
        "  --no-correction   prop.test without Yates' continuity correction (correct = FALSE)\n"
        "  --json            print everything as one JSON object\n"
        "Groups: each set, all sets together, and the baseline (questions in no set).\n"
        "Definitions: docs/statistics.md. The project is opened read-only.\n";
    command.options = {{"from", true},           {"to", true},
                       {"population", true},     {"compare", true},
                       {"no-correction", false}, {"json", false}};
    command.run = [usage = command.usage](const Args& args, Io& io) {
        if (args.positionals().size() != 1)
            return usageError(io, usage, "stats takes exactly one PROJECT path");
        stats::StatsOptions options;
        for (const char* name : {"from", "to"}) {
            if (const auto text = args.value(name)) {
                const auto year = parseYear(*text);
                if (!year)
                    return usageError(io, usage,
                                      std::string("--") + name + " needs a year like 2019, not '" +
                                          *text + "'");
                (std::string(name) == "from" ? options.fromYear : options.toYear) = year;
            }
        }
        options.yates = !args.has("no-correction");
        if (const auto compare = args.value("compare")) {
            if (*compare == "site")
                options.comparison = stats::Comparison::WholeSite;
            else if (*compare != "outside")
                return usageError(io, usage,
                                  "--compare takes 'outside' or 'site', not '" + *compare + "'");
        }
        const bool wholeSite = options.comparison == stats::Comparison::WholeSite;
        options.population = args.value("population").value_or("");
        auto project = Project::open(args.positionals()[0], Project::Access::ReadOnly);
        if (!project)
            return fail(io, project.message());
        auto result = stats::computeStats(*project, options, progressOn(io));
        if (!result)
            return fail(io, result.message());
        if (args.has("json")) {
            io.out << statsToJson(*result).dump(2) << '\n';
            return static_cast<int>(kSuccess);
        }
        auto& out = io.out;
        for (const auto& group : result->groups) {
            out << printable(group.name)
                << (group.kind == stats::GroupKind::Baseline ? " (questions in no set)"
                    : group.kind == stats::GroupKind::Union  ? " (in any set)"
                                                             : "")
                << '\n';
            out << "   year  questions  askers  no owner  no accepted  no acc.  median min acc.\n";
            for (const auto& year : group.years)
                printFigures(out, std::to_string(year.year), year);
            printFigures(out, "all", group.total);
            if (group.minutesToAccept) {
                const auto& b = *group.minutesToAccept;
                out << "  minutes to accepted answer (n " << b.n << "): whiskers "
                    << fixed(b.stats[0], 1) << " .. " << fixed(b.stats[4], 1) << ", hinges "
                    << fixed(b.stats[1], 1) << " .. " << fixed(b.stats[3], 1) << ", median "
                    << fixed(b.stats[2], 1) << ", " << b.outliers.size() << " outliers\n";
            }
            out << '\n';
        }
        if (result->difficultyTest) {
            const auto& t = *result->difficultyTest;
            out << "No accepted answer, " << stats::kUnionGroupName << " vs "
                << (wholeSite ? stats::kSiteGroupName : stats::kBaselineGroupName) << ": "
                << util::formatShare(t.x1, t.n1) << " % (" << t.x1 << " of " << t.n1 << ") vs "
                << util::formatShare(t.x2, t.n2) << " % (" << t.x2 << " of " << t.n2 << ")\n"
                << "  2-sample test for equality of proportions "
                << (t.corrected ? "with" : "without") << " continuity correction:\n"
                << "  " << stats::propTestLine(t) << '\n'
                << "  95 percent confidence interval of the difference: "
                << stats::propTestInterval(t) << '\n';
            if (t.approximationWarning)
                out << "  warning: an expected count is below 5; the chi-squared approximation "
                       "may be incorrect\n";
        } else {
            out << "No proportion test: " << result->difficultyTestNote << '\n';
        }
        if (!result->site.empty()) {
            out << "Whole site (census of every row imported), and all sets as a share of it:\n"
                << "   year  questions   askers  with accepted  all sets %\n";
            const auto& unionGroup = result->groups[result->groups.size() - 2];
            for (const auto& y : result->site) {
                std::int64_t inSets = 0;
                for (const auto& f : unionGroup.years)
                    if (f.year == y.year)
                        inSets = f.questions;
                out << std::setw(7) << y.year << std::setw(11) << y.questions << std::setw(9)
                    << y.askers << std::setw(15) << y.withAccepted << std::setw(12)
                    << util::formatShare(inSets, y.questions) << '\n';
            }
        }
        if (result->outsidePopulation > 0)
            out << result->outsidePopulation << " questions are outside the population '"
                << options.population << "' and in no set: in no figure.\n";
        if (result->questionsWithoutDate > 0)
            out << result->questionsWithoutDate
                << " questions have no usable creation date and are in no figure.\n";
        return static_cast<int>(kSuccess);
    };
    return command;
}

} // namespace taxo::cli
