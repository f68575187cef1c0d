#pragma once
// Matrices of the study for R (docs/results.md, "Matrices for R"): the co-occurrence of
// categories in the final labels, per root, and the post-by-category matrix of every
// coder's label and of the final label. Rows and columns come in the codebook's order
// (roots, inner categories, leaves in pre-order, as the taxonomy export), never in the
// order things were created in.

#include "core/results/taxonomy_results.h"
#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace taxo::results {

// One root's square: categories[i] indexes TaxonomyResults::categories (the root
// itself first, then its subtree in pre-order); counts[i][j] is the number of posts
// whose final label holds both categories i and j, a label holding a category when
// it carries it or a leaf below it. The diagonal is the category's count.
struct CooccurrenceBlock {
    std::size_t root = 0;
    std::vector<std::size_t> categories;
    std::vector<std::vector<std::int64_t>> counts;
};

struct Cooccurrence {
    TaxonomyResults results;
    std::vector<CooccurrenceBlock> roots; // in the codebook's order
};

Result<Cooccurrence> computeCooccurrence(sql::Database& db, const std::vector<FinalLabel>& finals,
                                         const ResultsOptions& options = {});
Result<Cooccurrence> computeCooccurrence(sql::Database& db, const ResultsOptions& options = {});

// Long format, one row per ordered pair of a root's categories (zeros included):
// root,category_a,level_a,category_b,level_b,posts. Categories named by their path
// ("Root > Inner > Leaf"), neutral for spreadsheets (util/csv.h).
std::string cooccurrenceCsv(const Cooccurrence& matrix);

// One row per label (post, round, coder), per pilot consensus label and per resolved
// final label: post_source,post_id,row,round,coder, then a 0/1 column per leaf (and
// per category a label carries although it has since got children), then
// false_positive, unclear, pending. Labels holding only an initial code have no value
// yet and get no row; unresolved posts get no final row. Rows by post (source, then
// id: numeric ids by value), then round and coder by name, the consensus, the final.
Result<std::string> postMatrixCsv(sql::Database& db);

} // namespace taxo::results
