// libFuzzer target: an exchange document (docs/exchange-format.md) read with the limits of
// safe_json.h and imported into an empty project, as `taxo import NEW.taxo F.json` does.
// Exchange documents come from other people's replication packages.
#include "core/exchange/exchange.h"
#include "core/project/project.h"
#include "core/util/safe_json.h"

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <unistd.h>

namespace {

std::string projectPath() {
    return "/tmp/taxo-fuzz-exchange-" + std::to_string(getpid()) + ".taxo";
}

// An empty project; a document that imports fills it, so it is made afresh after that.
std::optional<taxo::Project>& project() {
    static std::optional<taxo::Project> instance;
    if (!instance) {
        const std::string path = projectPath();
        for (const char* suffix : {"", "-wal", "-shm"})
            std::remove((path + suffix).c_str());
        auto created = taxo::Project::create(path, "fuzz");
        if (!created)
            std::abort();
        instance.emplace(std::move(*created));
    }
    return instance;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto document = taxo::exchange::parseBounded(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.json");
    if (!document)
        return 0;
    auto& target = project();
    auto imported = taxo::exchange::importDocument(*target, *document, "fuzz.json");
    if (imported) {
        // Export what was imported: the round trip must not fail on what import accepted.
        if (!taxo::exchange::exportDocument(*target))
            std::abort();
        target.reset();
    }
    return 0;
}
