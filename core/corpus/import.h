#pragma once
// Importing posts into a project: Stack Exchange dumps (Posts.xml, .7z archives,
// dump folders), CSV and JSON Lines. One import is one transaction: a failure, a
// cancel or a kill leaves the project exactly as it was.

#include "project/project.h"
#include "util/progress.h"
#include "util/result.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace taxo::corpus {

struct ImportOptions {
    // Keep questions carrying any of these tags; empty keeps every question.
    std::vector<std::string> tags;
};

struct ImportReport {
    std::vector<std::string> sources;
    std::int64_t questions = 0;      // questions added
    std::int64_t answers = 0;        // answers added
    std::int64_t comments = 0;       // comments added
    std::int64_t alreadyPresent = 0; // questions already in the project, left as they were
    std::int64_t rowsRead = 0;
    std::uint64_t bytes = 0;
    double seconds = 0;
    // Why rows were not kept, with counts: "not a question or answer", "no matching tag",
    // "watermark post (fabricated by Stack Exchange)", "answer to a question not kept", ...
    std::map<std::string, std::int64_t> skipped;
};

Result<ImportReport> importSources(Project& project, const std::vector<std::string>& sources,
                                   const ImportOptions& options,
                                   const ProgressCallback& progress = {},
                                   const CancelFlag* cancel = nullptr);

} // namespace taxo::corpus
