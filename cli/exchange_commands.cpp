// The exchange branch of taxo import: one exchange document into an empty project.
// The .qdpx branch: a REFI-QDA project into a new project file.
// (Writing the document is the `exchange` format of taxo export, export_command.cpp.)

#include "cli/command.h"
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
    }
    return static_cast<int>(kSuccess);
}

} // namespace taxo::cli
