#pragma once
// The methods paragraph of a paper, filled with the project's own numbers:
// the sets and how they were selected, the sample sizes and their rule, the
// pilot's share, the study's Cohen's kappa and each reliability round's with its 95 % CI, the
// conflicts and Pending labels that went to arbitration, the categories added
// there, and the final counts. Collected once (MethodsFacts) and then written
// as Markdown or LaTeX, so both say the same.

#include "core/results/taxonomy_results.h"
#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace taxo::results {

struct ClauseFacts {
    std::string words; // the clause in words, from the stored rule
    // As the selection counted them when it built the set (set_clause_counts); absent
    // for sets built before the counts were stored, or made by hand.
    std::optional<std::int64_t> matched;    // posts this clause alone selects
    std::optional<std::int64_t> cumulative; // posts of this and the earlier clauses
};

struct SetFacts {
    std::string name;
    std::string root;
    std::int64_t members = 0;
    std::vector<ClauseFacts> clauses;
};

struct SampleFacts {
    std::string set;
    std::int64_t size = 0;
    std::int64_t population = 0;
    std::string method; // size | auto | all
    std::optional<double> confidence;
    std::optional<double> margin;
    std::string rounding;
    double pilotFraction = 0;
    std::int64_t leftOut = 0; // posts already in other sets' rounds, left out of the draw
};

struct ReliabilityFacts {
    std::string round;
    std::int64_t items = 0;
    std::int64_t rated = 0; // labelled by both coders
    std::int64_t agreements = 0;
    std::optional<double> kappa, ciLow, ciHigh;
    std::string band;               // Landis & Koch
    std::int64_t conflicts = 0;     // both labelled, values differ
    std::int64_t agreedPending = 0; // both said Pending: arbitration too
    // A round of more than two coders is measured by Fleiss' kappa instead (kappa above
    // stays absent): rated are then the posts every coder labeled, and conflicts the
    // posts where any two differ or one said Pending (arbitration's definition).
    std::int64_t coders = 2;
    std::optional<double> fleiss;
    std::optional<double> alpha; // Krippendorff's nominal alpha, for the study's sentence
    // The study's Cohen's kappa when it covers only the rounds with two coders (other
    // rounds have more, and Fleiss' kappa cannot pool different numbers): how many.
    std::int64_t pairedRounds = 0;
};

struct MethodsFacts {
    std::vector<SetFacts> sets;
    std::vector<SampleFacts> samples;
    std::int64_t pilotPosts = 0; // posts with a consensus label in a pilot round
    std::vector<ReliabilityFacts> reliability;
    // The study's agreement: every reliability round together (round holds their names);
    // absent without reliability rounds or when one of them has fewer than two coders.
    std::optional<ReliabilityFacts> study;
    std::int64_t decisions = 0;
    // Posts that two rounds settled differently (arbitration's reason "rounds").
    std::int64_t roundConflicts = 0;
    std::vector<std::string> arbitrationCategories; // paths, "Root > Inner > Leaf"
    Summary summary;
};

Result<MethodsFacts> collectMethodsFacts(sql::Database& db, const TaxonomyResults& results);
std::string methodsMarkdown(const MethodsFacts& facts);
std::string methodsLatex(const MethodsFacts& facts);

} // namespace taxo::results
