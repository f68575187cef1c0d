// libFuzzer target: a REFI-QDA codebook (.qdc) parsed and merged into a project's
// codebook, as the Codebook page and `taxo codebook import` do. .qdc files come from other
// tools (QualCoder, ATLAS.ti, MAXQDA) and other people.
#include "core/project/project.h"
#include "core/results/qdc.h"

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <unistd.h>

namespace {

// A fresh project each time a codebook was merged into it, so every input meets the same
// (empty) codebook and the file does not grow without end.
std::optional<taxo::Project>& project() {
    static std::optional<taxo::Project> instance;
    if (!instance) {
        const std::string path = "/tmp/taxo-fuzz-qdc-" + std::to_string(getpid()) + ".taxo";
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
    auto codes = taxo::results::parseQdc(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.qdc");
    if (!codes)
        return 0;
    auto& target = project();
    auto merged = taxo::results::importQdc(target->db(), *codes);
    if (merged && merged->added > 0) {
        // What was merged must export again.
        if (!taxo::results::exportQdc(target->db()))
            std::abort();
        target.reset();
    }
    return 0;
}
