// taxo census: every question and answer row the imports read, kept or not, per year and
// per tag; the tag explorer's searches by name and by co-occurrence.

#include "cli/command.h"
#include "core/corpus/census.h"
#include "core/project/project.h"
#include "core/util/text_rules.h"

#include <charconv>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <ostream>

namespace taxo::cli {
namespace {

nlohmann::json yearKey(int year) {
    return year == 0 ? nlohmann::json() : nlohmann::json(year);
}

nlohmann::json tagToJson(const corpus::CensusTag& tag) {
    nlohmann::json years = nlohmann::json::object();
    for (const auto& [year, count] : tag.years)
        years[year == 0 ? std::string("unknown") : std::to_string(year)] = count;
    return {{"tag", tag.tag}, {"questions", tag.questions}, {"years", years}};
}

nlohmann::json tagsToJson(const std::vector<corpus::CensusTag>& tags) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& tag : tags)
        out.push_back(tagToJson(tag));
    return out;
}

void printTags(std::ostream& out, const std::vector<corpus::CensusTag>& tags, std::size_t top) {
    out << "  questions  tag\n";
    for (std::size_t i = 0; i < tags.size() && i < top; ++i)
        out << std::setw(11) << tags[i].questions << "  " << printable(tags[i].tag) << '\n';
    if (tags.size() > top)
        out << "  (" << tags.size() - top << " more tags; --top N or --json shows them)\n";
}

std::optional<std::size_t> parseCount(const std::string& text) {
    std::size_t value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size() || value == 0)
        return std::nullopt;
    return value;
}

} // namespace

Command censusCommand() {
    Command command;
    command.name = "census";
    command.summary = "every question and answer row the imports read, per year and tag";
    command.usage = "taxo census PROJECT [--tags-like PATTERN | --cooccurring TAG] [--top N] "
                    "[--json]";
    command.help =
        "  --tags-like PATTERN  only the tags whose name holds PATTERN (any case; '*' stands\n"
        "                       for any text, as in 'tensorflow*')\n"
        "  --cooccurring TAG    the tags most often on the same kept posts as TAG\n"
        "  --top N              how many tags to print (default 20; --json prints all)\n"
        "  --json               print everything as one JSON object\n"
        "The census counts every row an import read, kept or not (imports with --tags\n"
        "included): per year the questions, distinct askers, questions with an accepted\n"
        "answer and answers; per tag the questions per year. Definitions:\n"
        "docs/statistics.md. The project is opened read-only.\n";
    command.options = {{"tags-like", true}, {"cooccurring", true}, {"top", true}, {"json", false}};
    command.run = [usage = command.usage](const Args& args, Io& io) {
        if (args.positionals().size() != 1)
            return usageError(io, usage, "census takes exactly one PROJECT path");
        if (args.has("tags-like") && args.has("cooccurring"))
            return usageError(io, usage,
                              "--tags-like and --cooccurring are two searches; give one");
        std::optional<std::size_t> top;
        if (const auto text = args.value("top")) {
            top = parseCount(*text);
            if (!top)
                return usageError(io, usage, "--top needs a count like 20, not '" + *text + "'");
        }
        const bool json = args.has("json");
        const std::size_t shown = top.value_or(json ? SIZE_MAX : 20);
        auto project = Project::open(args.positionals()[0], Project::Access::ReadOnly);
        if (!project)
            return fail(io, project.message());
        auto& db = project->db();
        const auto where = project->path() + ": reading the census: ";

        if (const auto tag = args.value("cooccurring")) {
            auto together = corpus::cooccurringTags(db, *tag, shown);
            if (!together)
                return fail(io, where + together.message());
            if (json) {
                nlohmann::json list = nlohmann::json::array();
                for (const auto& entry : *together)
                    list.push_back({{"tag", entry.tag}, {"posts", entry.posts}});
                io.out << nlohmann::json{{"tag", *tag}, {"cooccurring", list}}.dump(2) << '\n';
                return static_cast<int>(kSuccess);
            }
            if (together->empty()) {
                io.out << "No kept post carries '" << printable(*tag) << "' with another tag.\n";
                return static_cast<int>(kSuccess);
            }
            io.out << "Tags on the same kept posts as '" << printable(*tag) << "':\n"
                   << "      posts  tag\n";
            for (const auto& entry : *together)
                io.out << std::setw(11) << entry.posts << "  " << printable(entry.tag) << '\n';
            return static_cast<int>(kSuccess);
        }

        if (const auto pattern = args.value("tags-like")) {
            auto tags = corpus::censusTagsLike(db, *pattern, SIZE_MAX);
            if (!tags)
                return fail(io, where + tags.message());
            if (tags->size() > shown)
                tags->resize(shown);
            if (json) {
                io.out << nlohmann::json{{"tags", tagsToJson(*tags)}}.dump(2) << '\n';
                return static_cast<int>(kSuccess);
            }
            if (tags->empty()) {
                io.out << "No tag of the census matches '" << printable(*pattern) << "'.\n";
                return static_cast<int>(kSuccess);
            }
            printTags(io.out, *tags, shown);
            return static_cast<int>(kSuccess);
        }

        auto census = corpus::readCensus(db);
        if (!census)
            return fail(io, where + census.message());
        if (json) {
            nlohmann::json years = nlohmann::json::array();
            for (const auto& y : census->years)
                years.push_back({{"year", yearKey(y.year)},
                                 {"questions", y.questions},
                                 {"askers", y.askers},
                                 {"with_accepted", y.withAccepted},
                                 {"answers", y.answers}});
            auto tags = census->tags;
            if (tags.size() > shown)
                tags.resize(shown);
            nlohmann::json sources = nlohmann::json::array();
            for (const auto& source : census->sources)
                sources.push_back({{"source", source.key},
                                   {"imported", source.imported},
                                   {"questions", source.questions},
                                   {"answers", source.answers}});
            io.out << nlohmann::json{{"years", years},
                                     {"tags", tagsToJson(tags)},
                                     {"sources", sources}}
                          .dump(2)
                   << '\n';
            return static_cast<int>(kSuccess);
        }
        auto& out = io.out;
        if (census->empty()) {
            out << "No census yet: the imports of this project were made before Taxonomist "
                   "counted them. Import the sources again to count every row.\n";
            return static_cast<int>(kSuccess);
        }
        out << "Sources counted:\n";
        for (const auto& source : census->sources)
            out << "  " << printable(source.key) << ": " << source.questions << " questions, "
                << source.answers << " answers (imported " << source.imported << ")\n";
        out << "\n   year  questions   askers  with accepted    answers\n";
        for (const auto& y : census->years)
            out << std::setw(7) << (y.year == 0 ? std::string("no date") : std::to_string(y.year))
                << std::setw(11) << y.questions << std::setw(9) << y.askers << std::setw(15)
                << y.withAccepted << std::setw(11) << y.answers << '\n';
        out << "\nTags by questions (" << census->tags.size() << " tags):\n";
        printTags(out, census->tags, shown);
        return static_cast<int>(kSuccess);
    };
    return command;
}

} // namespace taxo::cli
