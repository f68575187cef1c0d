#pragma once
// Counts and percentages of the taxonomy (docs/architecture.md, "Label semantics"), from
// the final labels only. A category's count is the number of distinct covered
// posts whose final label carries it or a leaf below it (a post counts once in
// an inner category even with two of its leaves); its percentage is that count
// over the covered posts of its root, times 100, unrounded. The covered posts
// of a root are the posts with a final leaf under it, so False positive,
// Unclear and unresolved posts never enter a denominator.

#include "core/codebook/codebook.h"
#include "core/results/final_labels.h"
#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace taxo::results {

struct CategoryResult {
    codebook::Category category;
    std::vector<std::string> path;          // names from the root
    int depth = 0;                          // 0 for a root
    std::optional<std::size_t> parentIndex; // into TaxonomyResults::categories
    std::int64_t count = 0;                 // distinct covered posts carrying it
    std::int64_t rootCovered = 0;           // the covered posts of its root: the denominator
    // count / covered posts of the root × 100; nullopt when the root covers nothing.
    std::optional<double> percent;
    bool addedInArbitration = false; // created_in = 'arbitration'
    bool isLeaf = false;
};

struct RootCoverage {
    std::string root;
    std::int64_t covered = 0;
};

struct Summary {
    // Distinct sampled posts: a post drawn for two sets counts once here...
    std::int64_t sampled = 0;
    // ...and once per sample here (the sum of the sample sizes, the home page's number).
    std::int64_t sampleDraws = 0;
    std::int64_t falsePositive = 0;
    std::int64_t unclear = 0;
    std::int64_t coveredPosts = 0; // distinct posts with at least one final leaf
    std::vector<RootCoverage> coveredPerRoot;
    std::int64_t coveredSum = 0;     // the sum over roots (the paper's "583")
    std::int64_t multiRootPosts = 0; // posts with leaves of two or more roots
    std::int64_t unresolved = 0;
    std::int64_t fromPilot = 0;
    std::int64_t fromAgreement = 0;
    std::int64_t fromDecision = 0;
};

struct TaxonomyResults {
    Summary summary;
    std::vector<CategoryResult> categories; // the tree in pre-order
};

struct ResultsOptions {
    // Exports refuse while any sampled post has no final label, unless told
    // to go on; the summary then reports how many are unresolved.
    bool allowUnresolved = false;
};

// From already computed final labels (the tests and the GUI reuse them).
Result<TaxonomyResults> computeResults(sql::Database& db, const std::vector<FinalLabel>& finals,
                                       const ResultsOptions& options = {});
Result<TaxonomyResults> computeResults(sql::Database& db, const ResultsOptions& options = {});

// "15.0": one decimal, as the paper prints them, rounded half up from the counts
// (util/percent.h); "n/a" without a denominator.
std::string formatPercent(const CategoryResult& category);

} // namespace taxo::results
