#pragma once
// Importing posts into a project: Stack Exchange dumps (Posts.xml, .7z archives,
// dump folders), CSV and JSON Lines. One import is one transaction: a failure, a
// cancel or a kill leaves the project exactly as it was.

#include "core/corpus/dump_rows.h"
#include "core/project/project.h"
#include "core/util/progress.h"
#include "core/util/result.h"

#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace taxo::corpus {

struct ImportOptions {
    // Keep questions carrying any of these tags; empty keeps every question.
    std::vector<std::string> tags;
    // The posts' source name; empty derives it: "stackoverflow" for stackoverflow.com,
    // the site's host name for other Stack Exchange sites when the folder or archive
    // name shows it (e.g. "cardano.stackexchange.com"), else "stackexchange"; "csv"
    // and "jsonl" for those files unless a row names its source.
    std::string source;
    // For a .7z holding several Posts.xml: the one to read, by its path inside the archive
    // ("stackoverflow.com/Posts.xml"); Comments.xml and Users.xml then come from its
    // folder. Without it such an archive is refused, naming its Posts.xml entries.
    std::string archiveEntry;
    // A dump row (one XML start tag) or a CSV/JSON Lines record longer than this is
    // refused, before more of it is buffered.
    std::uint64_t maxRowBytes = std::uint64_t{16} << 20;
    // Backstop on everything the XML parser allocates for one file.
    std::uint64_t maxParserMemory = std::uint64_t{128} << 20;
    // How dump XML is read: the fast scanner, falling back to expat for layouts it does not
    // read, or expat alone (both give the same posts; see corpus/dump_rows.h).
    DumpRowReader xmlReader = DumpRowReader::Scanner;
    // Skip dump rows on their raw ids and tags where they are read, before they are decoded
    // or handed to the storing thread (see corpus/dump_row_filter.h). Off only to compare
    // both ways in tests.
    bool quickRowFilter = true;
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
    // Some source has the fingerprint (size, modification time, hash of the first MiB)
    // of a source imported before.
    bool importedBefore = false;
    // The census (corpus/census.h): every question and answer row read, kept or not, and
    // the sources whose earlier census this import replaced.
    std::int64_t censusQuestions = 0;
    std::int64_t censusAnswers = 0;
    std::int64_t censusTagsLeftOut = 0; // tag uses past the census's bounds (census.h)
    std::vector<std::string> censusReplaced;
};

// The report as the JSON object `taxo import --json` prints and the imports table keeps.
nlohmann::json toJson(const ImportReport& report);

// True when the file holds posts one JSON object per line in a Stack Exchange shape
// (post_shapes.h): BigQuery's newline-delimited JSON export is often named .json, which
// otherwise names an exchange document (a whole project). Reads the first line only.
bool isShapedJsonLines(const std::string& path);

Result<ImportReport> importSources(Project& project, const std::vector<std::string>& sources,
                                   const ImportOptions& options,
                                   const ProgressCallback& progress = {},
                                   const CancelFlag* cancel = nullptr);

} // namespace taxo::corpus
