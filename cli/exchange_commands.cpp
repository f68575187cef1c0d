// The exchange branch of taxo import: one exchange document into an empty project.
// The .qdpx branch: a REFI-QDA project into a new project file, or one coder's codings
// into a round of an existing project.
// (Writing the document is the `exchange` format of taxo export, export_command.cpp.)

#include "cli/command.h"
#include "cli/qdpx_coder_command.h"
#include "core/exchange/exchange.h"
#include "core/exchange/qdpx.h"
#include "core/project/project.h"
#include "core/util/text_rules.h"

#include <nlohmann/json.hpp>
#include <ostream>

namespace taxo::cli {

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
               << printable(document) << ".\n";
    }
    return static_cast<int>(kSuccess);
}

int importQdpx(const std::string& projectPath, const std::string& qdpx, bool json, Io& io) {
    auto counts = exchange::importQdpxFile(projectPath, qdpx);
    if (!counts)
        return fail(io, counts.message());
    if (json) {
        io.out << nlohmann::json{{"format", "qdpx"}, {"counts", exchange::toJson(*counts)}}.dump(2)
               << '\n';
    } else {
        io.out << "Created " << printable(projectPath) << " with " << counts->items << " posts, "
               << counts->categories << " categories, " << counts->people << " people, "
               << counts->rounds << " rounds, " << counts->labels << " labels and "
               << counts->decisions << " decisions from " << printable(qdpx) << ".\n";
        for (const auto& note : counts->notes)
            io.out << printable(note) << '\n';
    }
    return static_cast<int>(kSuccess);
}

int importQdpxCoder(const std::string& projectPath, const std::string& qdpx,
                    const std::string& coder, const std::string& round, const std::string& user,
                    bool json, Io& io) {
    auto project = Project::open(projectPath);
    if (!project)
        return fail(io, project.message());
    auto report = exchange::importQdpxCoder(*project, qdpx, {coder, round, user});
    if (!report)
        return fail(io, report.message());
    if (json) {
        io.out << nlohmann::json{{"format", "qdpx"},
                                 {"coder", coder},
                                 {"round", round},
                                 {"user", report->user},
                                 {"labels", report->labels},
                                 {"codings", report->codings},
                                 {"round_items", report->roundItems},
                                 {"other_users", report->otherUsers},
                                 {"uncoded_sources", report->uncodedSources},
                                 {"quotes", report->quotes},
                                 {"notes", report->notes}}
                      .dump(2)
               << '\n';
        return static_cast<int>(kSuccess);
    }
    io.out << "Imported " << report->labels << " labels of " << printable(coder) << " into round "
           << printable(round) << " from " << report->codings << " codings"
           << (report->user.empty() ? std::string(" without a user")
                                    : " by " + printable(report->user))
           << " in " << printable(qdpx) << "; " << report->roundItems - report->labels
           << " of the round's " << report->roundItems << " posts have no label of "
           << printable(coder) << " yet.\n";
    for (const auto& other : report->otherUsers)
        io.out << "  left in the file: the codings of " << printable(other) << '\n';
    if (report->uncodedSources > 0)
        io.out << "  " << report->uncodedSources
               << " sources of the file hold no coding taken, and were left aside\n";
    if (report->quotes > 0)
        io.out << "  " << report->quotes << " coded passages became quotes\n";
    for (const auto& note : report->notes)
        io.out << "  " << printable(note) << '\n';
    return static_cast<int>(kSuccess);
}

} // namespace taxo::cli
