#pragma once
// Builds small studies for the tests: posts and sets written straight
// into a new project (the import and selection commands live elsewhere).

#include "cli/command.h"
#include "core/project/project.h"

#include <map>
#include <string>
#include <vector>

namespace taxo::test {

struct CliOutcome {
    int code;
    std::string out;
    std::string err;
};
CliOutcome runCli(const std::vector<std::string>& words);
// The same, with a figure renderer for `taxo export --format png|pdf`.
CliOutcome runCli(const std::vector<std::string>& words, results::FigureRenderer renderer);

// Creates a project at path with one set per entry; items are "source:source_id".
// A post named in two sets is stored once.
void makeStudy(const std::string& path,
               const std::vector<std::pair<std::string, std::vector<std::string>>>& sets);

// "so:1" ... "so:count".
std::vector<std::string> numberedItems(int count, const std::string& source = "so");

// Row counts that must not move when a command is refused.
struct Snapshot {
    long long samples, members, rounds, items, coders, people, roles, labels, log;
    bool operator==(const Snapshot&) const = default;
};
Snapshot snapshot(const std::string& path);

// Adds a label row (coder "" = the pilot's joint label) in a round for an item.
void addLabel(const std::string& path, const std::string& round, const std::string& item,
              const std::string& coder);

// A small finished study for the results: sets "Server/Cloud" (so:1-8) and "Mobile"
// (so:7-10) with one sample each (12 draws, 10 distinct posts), a pilot round with
// every post, and the pair's consensus labels as final labels:
//   Server/Cloud > Model Export > {Procedure, Quantization}, > Request > {Format}
//   Mobile > Conversion > {TFLite, Core ML (added in arbitration)}
// so:2 has two leaves of Model Export, so:7 leaves of both roots, so:5 is a False
// positive and so:6 Unclear. The last `unresolved` posts are left without a label.
void makeResultsStudy(const std::string& path, int unresolved = 0);

} // namespace taxo::test
