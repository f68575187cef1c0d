// libFuzzer target: the CSV or JSON Lines reader (picked by the first byte) writing into a
// real project, inside a transaction rolled back after each input, as importSources does.
// The rows go through a TabularGroup as in an import, so the Stack Exchange shapes (Data
// Explorer, BigQuery; seeds from tests/data/import/shapes) reach DumpReader, the join of
// answers to their questions and the linking of accepted answers.
#include "core/corpus/tabular.h"
#include "core/corpus/tabular_group.h"
#include "core/project/project.h"
#include "fuzz_memory_source.h"

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <unistd.h>

namespace {

taxo::Project& project() {
    static std::optional<taxo::Project> instance = [] {
        const std::string path = "/tmp/taxo-fuzz-tabular-" + std::to_string(getpid()) + ".taxo";
        std::remove(path.c_str());
        auto created = taxo::Project::create(path, "fuzz");
        if (!created)
            std::abort();
        return std::optional<taxo::Project>(std::move(*created));
    }();
    return *instance;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0)
        return 0;
    auto& db = project().db();
    if (!db.exec("BEGIN; INSERT INTO imports(source, fingerprint, started) VALUES ('f', 'f', 't')"))
        std::abort();
    {
        const std::int64_t importId = db.lastInsertRowId();
        taxo::corpus::TagFilter filter({});
        auto group = taxo::corpus::TabularGroup::open(db, filter, "");
        if (!group)
            std::abort();
        (*group)->startFile(importId);
        const bool csv = data[0] & 1;
        taxo::corpus::TabularContext context{(*group)->writer(), filter, csv ? "csv" : "jsonl",
                                             (*group)->rows(),   4096,   {},
                                             group->get()};
        taxo::fuzz::MemorySource source(
            std::string(reinterpret_cast<const char*>(data) + 1, size - 1), 1 + data[0] / 2);
        const auto status = csv ? taxo::corpus::readCsv(source, context)
                                : taxo::corpus::readJsonLines(source, context);
        if (status)
            (void)(*group)->close();
    }
    if (!db.exec("ROLLBACK"))
        std::abort();
    return 0;
}
