// libFuzzer target: a coder's package merged into the lead's project, as
// `taxo package import` does. Packages come back by mail from other people's machines.
//
// A file made of arbitrary bytes is refused at SQLite's header, so the target mostly
// fuzzes what passes it: the first byte picks the mode. Even: the rest of the input is a
// list of 5-byte patches (a little-endian 32-bit offset, taken modulo the file's size, and
// a byte) applied to the package Ann's export wrote, whose proof of origin the project
// holds, so the merge reads schema, rows and labels that are almost right. Odd: the rest
// is the whole file. A merge that succeeds changes the project, which is then copied
// afresh from the pristine one, so every input meets the same project.
#include "core/demo/demo_project.h"
#include "core/packages/packages.h"
#include "core/project/project.h"
#include "core/util/files.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

struct Setup {
    std::string folder;
    std::string pristine; // the demo as built, with Ann's export recorded
    std::string lead;     // the copy the merges go into
    std::string package;  // Ann's package as exported
    std::string input;    // where each input is written
    std::string bytes;    // the package's bytes
};

void removeProject(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::remove((path + suffix).c_str());
}

const Setup& setup() {
    static const Setup instance = [] {
        Setup s;
        s.folder = "/tmp/taxo-fuzz-package-" + std::to_string(getpid());
        fs::remove_all(s.folder);
        fs::create_directories(s.folder);
        s.pristine = s.folder + "/pristine.taxo";
        s.lead = s.folder + "/lead.taxo";
        s.package = s.folder + "/ann.taxo";
        s.input = s.folder + "/input.taxo";
        if (!taxo::demo::createDemoProject(s.pristine))
            std::abort();
        {
            auto project = taxo::Project::open(s.pristine);
            if (!project || !taxo::packages::exportPackage(*project, "Ann", s.package))
                std::abort();
        }
        auto bytes = taxo::files::readAll(s.package);
        if (!bytes)
            std::abort();
        s.bytes = std::move(*bytes);
        return s;
    }();
    return instance;
}

std::optional<taxo::Project>& lead() {
    static std::optional<taxo::Project> project;
    if (!project) {
        const auto& s = setup();
        removeProject(s.lead);
        std::error_code error;
        fs::copy_file(s.pristine, s.lead, error);
        if (error)
            std::abort();
        auto opened = taxo::Project::open(s.lead);
        if (!opened)
            std::abort();
        project.emplace(std::move(*opened));
    }
    return project;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0)
        return 0;
    const auto& s = setup();
    std::string file;
    if (data[0] % 2 == 0) {
        file = s.bytes;
        for (std::size_t i = 1; i + 5 <= size; i += 5) {
            const std::uint32_t offset = static_cast<std::uint32_t>(data[i]) |
                                         (static_cast<std::uint32_t>(data[i + 1]) << 8) |
                                         (static_cast<std::uint32_t>(data[i + 2]) << 16) |
                                         (static_cast<std::uint32_t>(data[i + 3]) << 24);
            file[offset % file.size()] = static_cast<char>(data[i + 4]);
        }
    } else {
        file.assign(reinterpret_cast<const char*>(data + 1), size - 1);
    }
    removeProject(s.input);
    {
        std::ofstream out(s.input, std::ios::binary | std::ios::trunc);
        out.write(file.data(), static_cast<std::streamsize>(file.size()));
        if (!out)
            std::abort();
    }
    auto& project = lead();
    auto merged = taxo::packages::importPackage(*project, s.input);
    if (merged)
        project.reset(); // the next input meets the pristine project again
    return 0;
}
