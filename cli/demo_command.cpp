// taxo demo: a project mid-study, for first runs, screenshots and tests.

#include "cli/command.h"
#include "core/demo/demo_project.h"
#include "core/sampling/draw.h"
#include "core/util/text_rules.h"

#include <nlohmann/json.hpp>
#include <ostream>

namespace taxo::cli {

Command demoCommand() {
    Command command;
    command.name = "demo";
    command.summary = "create a demo project that has been through every phase of the study";
    command.usage = "taxo demo PROJECT [--seed S] [--json]";
    command.help =
        "  --seed S   a whole number; the same seed gives the same posts, samples and labels\n"
        "             (default " +
        std::to_string(demo::kDefaultSeed) +
        ")\n"
        "  --json     print what the demo holds as JSON\n"
        "The posts are synthetic, written by Taxonomist. PROJECT must not exist yet.\n";
    command.options = {{"seed", true}, {"json", false}};
    command.run = [usage = command.usage](const Args& args, Io& io) {
        if (args.positionals().size() != 1)
            return usageError(io, usage, "demo takes exactly one PROJECT path");
        std::uint64_t seed = demo::kDefaultSeed;
        if (const auto text = args.value("seed")) {
            auto parsed = sampling::parseSeed(*text);
            if (!parsed)
                return usageError(io, usage, parsed.message());
            seed = *parsed;
        }
        const std::string& path = args.positionals()[0];
        auto summary = demo::createDemoProject(path, seed);
        if (!summary)
            return fail(io, summary.message());
        const auto& s = *summary;
        if (args.has("json")) {
            // "sampled" counts draws; "sampled_posts" the distinct posts among them.
            io.out << nlohmann::json{{"path", path},
                                     {"seed", seed},
                                     {"posts", s.posts},
                                     {"sets", s.sets},
                                     {"sampled", s.sampled},
                                     {"sampled_posts", s.sampledPosts},
                                     {"categories", s.categories},
                                     {"labels", s.labels},
                                     {"decisions", s.decisions}}
                          .dump(2)
                   << '\n';
        } else {
            io.out << "Created the demo " << printable(path) << ": " << s.posts << " posts, "
                   << s.sets << " sets, " << s.sampled << " sample draws (" << s.sampledPosts
                   << " distinct posts), " << s.categories << " categories, " << s.labels
                   << " labels, " << s.decisions << " decisions\n";
        }
        return static_cast<int>(kSuccess);
    };
    return command;
}

} // namespace taxo::cli
