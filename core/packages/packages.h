#pragma once
// Team work without a server (docs/packages.md): a package is a project file made for one
// person. A coder's package holds the posts assigned to that coder in the open
// rounds, the codebook and that coder's own labels, nothing of anyone else's (blind by
// construction). An arbitrator's package holds the posts of the arbitrator's roots
// that wait for a decision, with every coder's labels. The lead merges the package
// back: labels, decisions, and categories an arbitrator added.

#include "core/labels/coding.h"
#include "core/project/project.h"
#include "core/util/progress.h"
#include "core/util/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace taxo::packages {

enum class Kind { Coder, Arbitrator };

struct ExportSummary {
    Kind kind = Kind::Coder;
    std::string person;
    std::int64_t posts = 0;
    std::int64_t labels = 0;
};

// Writes the package to a temporary file beside `out` and renames it, so `out` is
// whole or absent. A person who is both coder and arbitrator gets a coder's package
// unless `kind` says otherwise.
Result<ExportSummary> exportPackage(Project& project, const std::string& person,
                                    const std::string& out,
                                    std::optional<Kind> kind = std::nullopt);

struct MergeOptions {
    // Replace a label or decision even when the project's copy is newer.
    bool overwriteNewer = false;
};

struct MergeReport {
    Kind kind = Kind::Coder;
    std::string person;
    std::int64_t labelsAdded = 0, labelsUpdated = 0, labelsUnchanged = 0;
    std::int64_t decisionsAdded = 0, decisionsUpdated = 0, decisionsUnchanged = 0;
    std::int64_t categoriesAdded = 0;
    // Posts where the project holds a newer label or decision than the package.
    std::vector<std::string> newerInProject;
    // Per reliability round of the package, each coder's labeled posts in the project
    // after the merge: "Ann: 40 of 40".
    struct RoundProgress {
        std::string round, coder;
        std::int64_t labeled = 0, total = 0;
    };
    std::vector<RoundProgress> progress;
    // What the lead should look at: an incomplete round, a package older than one
    // imported before, conflicts still waiting for a decision.
    std::vector<std::string> warnings;
};

// All or nothing, in one transaction of `project`. Long work: run it off the UI thread;
// a cancel stops it with kCancelledMessage and the project as it was.
Result<MergeReport> importPackage(Project& project, const std::string& file,
                                  const MergeOptions& options = {},
                                  const ProgressCallback& progress = {},
                                  const CancelFlag* cancel = nullptr);

// What the merge checks before it reads a single row of a package: the file is a
// Taxonomist project of this build's schema version, and its schema is exactly the one
// Taxonomist writes (no view, trigger, index or table more, none missing or altered).
Status checkPackageFile(const std::string& file);

// What a project file says about itself when it is a package (meta keys).
struct PackageMeta {
    Kind kind = Kind::Coder;
    std::string person;
    std::string created;
    // The proof of origin the export wrote (empty in a package of an older version):
    // the merge compares it with the secrets the lead's project issued.
    std::string secret;
};
Result<std::optional<PackageMeta>> readPackageMeta(sql::Database& db);

// The (round, coder) pairs the Coding page offers in a package: a coder's own rounds
// but the pilot (coded jointly in the lead's project), never anyone else's; none in an
// arbitrator's package.
Result<std::vector<labels::CodingAssignment>> packageAssignments(sql::Database& db,
                                                                 const PackageMeta& meta);

// Everyone a package can be made for: a coder of an open round (detail: the rounds)
// and an arbitrator of a root (detail: the roots), by name; a person who is both
// appears twice.
struct PackagePerson {
    std::string name;
    Kind kind = Kind::Coder;
    std::string detail;
};
Result<std::vector<PackagePerson>> packagePeople(sql::Database& db);

// "Coder package for Ann, round reliability", "Arbitrator package for Cy, roots
// Mobile, Server/Cloud": what a window shows when a package is open.
Result<std::string> packageHeading(sql::Database& db, const PackageMeta& meta);

// A file name (no folder) for the package of this person: whatever the name holds,
// the result has no separator, no dot but the extension's and no control
// character.
std::string suggestedFileName(const std::string& person, Kind kind);

std::string kindName(Kind kind);
// The report as lines a person reads: the counts, each round's progress, the warnings.
std::vector<std::string> describe(const MergeReport& report);

} // namespace taxo::packages
