#pragma once
// Builds small studies for the tests through core's own functions, so that a
// fixture holds only what the app itself could have written.

#include "cli/command.h"
#include "core/arbitration/arbitration.h"
#include "core/codebook/codebook.h"
#include "core/corpus/post_entry.h"
#include "core/labels/labels.h"
#include "core/people/people.h"
#include "core/project/project.h"
#include "core/rounds/rounds.h"
#include "core/sampling/sampling.h"
#include "core/select/listed_set.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace taxo::test {

// Each step goes through the owner of the tables it writes and stops the test
// with the owner's message when refused.
class StudyBuilder {
public:
    explicit StudyBuilder(sql::Database& db) : db_(db) {}
    explicit StudyBuilder(Project& project) : db_(project.db()) {}

    sql::Database& db() { return db_; }

    // New posts take the next ids in the order given; a post already present is left
    // as it is. Returns the posts' ids in order.
    std::vector<std::int64_t> posts(const std::vector<corpus::PostEntry>& posts);
    // A set of hand-picked posts; returns its id.
    std::int64_t set(const std::string& name, const std::string& root,
                     const std::vector<std::int64_t>& postIds,
                     const std::string& created = "2020-01-01", const std::string& rule = "{}");
    // A sample with fixed contents and no rounds of its own; returns its id.
    std::int64_t sample(const sampling::NewSample& sample);
    // A person with no role yet; returns their id.
    std::int64_t person(const std::string& name);
    StudyBuilder& role(const std::string& person, people::Role role, const std::string& root = {});
    // A round with its items in order and its coders (person ids); returns its id.
    std::int64_t round(const rounds::NewRound& round);
    codebook::CategoryId category(std::optional<codebook::CategoryId> parent,
                                  const std::string& name,
                                  const std::string& createdIn = "codebook");
    StudyBuilder& example(codebook::CategoryId category, std::int64_t postId);
    // Saves the label with saveLabel's checks; returns the label's id.
    std::int64_t label(const labels::LabelKey& key, const labels::LabelContent& content);
    std::int64_t decision(std::int64_t postId, std::int64_t arbitratorId,
                          const arbitration::DecisionContent& content);

private:
    sql::Database& db_;
};

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
