// taxo sample-size and taxo sample.

#include "cli/command.h"
#include "core/project/project.h"
#include "core/sampling/sampling.h"
#include "core/util/text_rules.h"

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>
#include <ostream>

namespace taxo::cli {
namespace {

// Option values that are not numbers at all are wrong usage (exit 2); numbers
// out of their range are refused by core with an explanation (exit 1).
std::optional<double> parseDouble(const std::string& text) {
    double value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value))
        return std::nullopt;
    return value;
}

// Reads --confidence, --margin, --proportion and --rounding into input; an
// empty string means success, anything else is the usage message.
std::string readSizeOptions(const Args& args, sampling::SampleSizeInput& input) {
    const std::pair<const char*, double sampling::SampleSizeInput::*> numbers[] = {
        {"confidence", &sampling::SampleSizeInput::confidence},
        {"margin", &sampling::SampleSizeInput::margin},
        {"proportion", &sampling::SampleSizeInput::proportion}};
    for (const auto& [name, field] : numbers) {
        if (auto text = args.value(name)) {
            auto value = parseDouble(*text);
            if (!value)
                return std::string("--") + name + " needs a number such as 0.95, got '" + *text +
                       "'";
            input.*field = *value;
        }
    }
    if (auto text = args.value("rounding")) {
        auto rounding = sampling::parseRounding(*text);
        if (!rounding)
            return rounding.message();
        input.rounding = *rounding;
    }
    return {};
}

nlohmann::json sizeToJson(const sampling::SampleSize& size) {
    return {{"population", size.input.population},
            {"confidence", size.input.confidence},
            {"margin", size.input.margin},
            {"proportion", size.input.proportion},
            {"z", size.z},
            {"n0", size.n0},
            {"n_exact", size.nExact},
            {"n", size.n},
            {"rounding", sampling::roundingName(size.input.rounding)}};
}

nlohmann::json itemsToJson(const std::vector<sampling::PostRef>& posts) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& post : posts)
        list.push_back(sampling::itemName(post));
    return list;
}

nlohmann::json roundName(const std::string& name) {
    return name.empty() ? nlohmann::json(nullptr) : nlohmann::json(name);
}

} // namespace

Command sampleSizeCommand() {
    Command command;
    command.name = "sample-size";
    command.summary = "compute a sample size (Cochran, finite-population corrected)";
    command.usage = "taxo sample-size --population N [--confidence 0.95] [--margin 0.05] "
                    "[--proportion 0.5] [--rounding ceil|nearest|floor] [--json]";
    command.help =
        "  --population N   posts in the set (at least 1)\n"
        "  --confidence C   confidence level, strictly between 0 and 1 (default 0.95)\n"
        "  --margin E       margin of error, strictly between 0 and 1 (default 0.05)\n"
        "  --proportion P   expected proportion, strictly between 0 and 1 (default 0.5)\n"
        "  --rounding R     ceil keeps the margin (default); floor reproduces the study's\n"
        "                   297 of 1,325 and 307 of 1,533; nearest rounds halves up\n"
        "  --json           print population, confidence, margin, proportion, z, n0,\n"
        "                   n_exact, n and rounding as one JSON object\n"
        "n0 = z^2 p (1 - p) / e^2 and n = n0 / (1 + (n0 - 1) / N), with z the normal\n"
        "quantile at (1 + C) / 2; n is at least 1 and never more than N.\n";
    command.options = {{"population", true}, {"confidence", true}, {"margin", true},
                       {"proportion", true}, {"rounding", true},   {"json", false}};
    command.run = [usage = command.usage](const Args& args, Io& io) {
        if (!args.positionals().empty())
            return usageError(io, usage, "sample-size takes no PROJECT, only options");
        const auto populationText = args.value("population");
        if (!populationText)
            return usageError(io, usage, "--population is required");
        sampling::SampleSizeInput input;
        const auto population = parseInteger(*populationText);
        if (!population)
            return usageError(io, usage,
                              "--population needs a whole number, got '" + *populationText + "'");
        input.population = *population;
        if (auto problem = readSizeOptions(args, input); !problem.empty())
            return usageError(io, usage, problem);
        auto size = sampling::computeSampleSize(input);
        if (!size)
            return fail(io, size.message());
        if (args.has("json")) {
            io.out << sizeToJson(*size).dump(2) << '\n';
        } else {
            io.out << "Sample size: " << size->n << " of " << input.population << " posts\n"
                   << "  z = " << size->z << ", n0 = " << size->n0 << ", exact n = " << size->nExact
                   << ", rounded " << roundingName(input.rounding) << '\n';
        }
        return static_cast<int>(kSuccess);
    };
    return command;
}

Command sampleCommand() {
    Command command;
    command.name = "sample";
    command.summary = "draw a set's sample from a seed and split it into pilot and reliability";
    command.usage = "taxo sample PROJECT --set NAME (--size N | --auto | --all) --seed S "
                    "[--pilot-fraction 0.3] [--confidence 0.95] [--margin 0.05] "
                    "[--proportion 0.5] [--rounding ceil|nearest|floor] [--replace] "
                    "[--keep-posts-in-other-rounds] [--json]";
    command.help =
        "  --set NAME           the set to sample from\n"
        "  --size N             draw N posts (1 to the set's size)\n"
        "  --auto               draw the size that sample-size computes for the set; takes\n"
        "                       --confidence, --margin, --proportion and --rounding\n"
        "  --all                take every post of the set (the study took all 165 browser\n"
        "                       posts), still in a seeded random order\n"
        "  --seed S             a whole number from 0 to 2^64 - 1; the same seed and set\n"
        "                       give the same sample on every machine (docs/sampling.md)\n"
        "  --pilot-fraction F   the first round(F x size) posts form the pilot round, the\n"
        "                       rest the reliability round (default 0.3)\n"
        "  --replace            draw again for a set that has a sample; refused while its\n"
        "                       rounds hold labels\n"
        "  --keep-posts-in-other-rounds\n"
        "                       also draw posts of the set that already sit in a round of\n"
        "                       another set (a post in two sets); by default they are left\n"
        "                       out, and the output says how many\n"
        "  --json               print the drawn items in order, split into pilot and\n"
        "                       reliability, as \"source:source_id\"\n"
        "The rounds are named \"<set> pilot\" and \"<set> reliability\"; an empty part gets\n"
        "no round. Everything is written in one transaction.\n";
    command.options = {{"set", true},
                       {"size", true},
                       {"auto", false},
                       {"all", false},
                       {"seed", true},
                       {"pilot-fraction", true},
                       {"confidence", true},
                       {"margin", true},
                       {"proportion", true},
                       {"rounding", true},
                       {"replace", false},
                       {"json", false},
                       {"keep-posts-in-other-rounds", false}};
    command.run = [usage = command.usage](const Args& args, Io& io) {
        if (args.positionals().size() != 1)
            return usageError(io, usage, "sample takes exactly one PROJECT path");
        sampling::SampleRequest request;
        const auto set = args.value("set");
        if (!set)
            return usageError(io, usage, "--set is required");
        request.setName = *set;
        const int methods = static_cast<int>(args.has("size")) +
                            static_cast<int>(args.has("auto")) + static_cast<int>(args.has("all"));
        if (methods != 1)
            return usageError(io, usage, "give exactly one of --size N, --auto or --all");
        const auto seed = args.value("seed");
        if (!seed)
            return usageError(io, usage,
                              "--seed is required, so that the draw can be repeated; any whole "
                              "number from 0 to 18446744073709551615");
        request.seed = *seed;
        if (args.has("size")) {
            request.method = sampling::SizeMethod::Size;
            const auto size = parseInteger(*args.value("size"));
            if (!size)
                return usageError(io, usage,
                                  "--size needs a whole number, got '" + *args.value("size") + "'");
            request.size = *size;
        } else {
            request.method =
                args.has("all") ? sampling::SizeMethod::All : sampling::SizeMethod::Auto;
        }
        const bool sizeOptions = args.has("confidence") || args.has("margin") ||
                                 args.has("proportion") || args.has("rounding");
        if (sizeOptions && request.method != sampling::SizeMethod::Auto)
            return usageError(io, usage,
                              "--confidence, --margin, --proportion and --rounding go with --auto");
        if (auto problem = readSizeOptions(args, request.sizeInput); !problem.empty())
            return usageError(io, usage, problem);
        if (auto text = args.value("pilot-fraction")) {
            const auto fraction = parseDouble(*text);
            if (!fraction)
                return usageError(
                    io, usage, "--pilot-fraction needs a number such as 0.3, got '" + *text + "'");
            request.pilotFraction = *fraction;
        }
        request.replace = args.has("replace");
        request.leaveOutPostsInOtherRounds = !args.has("keep-posts-in-other-rounds");

        auto project = Project::open(args.positionals()[0]);
        if (!project)
            return fail(io, project.message());
        auto stored = sampling::drawAndStore(*project, request);
        if (!stored)
            return fail(io, stored.message());
        if (args.has("json")) {
            nlohmann::json json = {{"set", stored->setName},
                                   {"sample_id", stored->id},
                                   {"seed", stored->seed},
                                   {"method", stored->method},
                                   {"population", stored->population},
                                   {"left_out", stored->leftOut},
                                   {"size", stored->size},
                                   {"pilot_fraction", stored->pilotFraction},
                                   {"rounds",
                                    {{"pilot", roundName(stored->pilotRound)},
                                     {"reliability", roundName(stored->reliabilityRound)}}},
                                   {"pilot", itemsToJson(stored->pilot)},
                                   {"reliability", itemsToJson(stored->reliability)},
                                   {"sample_size", stored->computed ? sizeToJson(*stored->computed)
                                                                    : nlohmann::json(nullptr)}};
            io.out << json.dump(2) << '\n';
        } else {
            io.out << "Drew " << stored->size << " of " << stored->population << " posts from set '"
                   << printable(stored->setName) << "' with seed " << stored->seed << " ("
                   << stored->method << ")\n";
            if (stored->leftOut > 0)
                io.out << "  left out " << stored->leftOut
                       << " posts of the set already in the rounds of other sets "
                          "(--keep-posts-in-other-rounds draws them too)\n";
            if (!stored->pilotRound.empty())
                io.out << "  round '" << printable(stored->pilotRound)
                       << "': " << stored->pilot.size() << " posts\n";
            if (!stored->reliabilityRound.empty())
                io.out << "  round '" << printable(stored->reliabilityRound)
                       << "': " << stored->reliability.size() << " posts\n";
        }
        return static_cast<int>(kSuccess);
    };
    return command;
}

} // namespace taxo::cli
