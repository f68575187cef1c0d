#pragma once
// The labels of a round as posts by coders, for the statistics of more than two coders.
// Alpha, Fleiss' kappa and AC1 only need the values each post was given (a Unit); the
// pairwise Cohen's kappas also need to know which coder gave which, so the rows keep it.

#include "core/agreement/cohen_kappa.h"
#include "core/agreement/krippendorff_alpha.h"
#include "core/agreement/label_value.h"

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace taxo::agreement {

// One post as labelled by coders 0..N-1, in the same order of coders for every post;
// nullopt where that coder has no label. A coder past the end of a shorter row has no
// label on that post either.
using CoderValues = std::vector<std::optional<LabelValue>>;

// The coders' values of each post, without who gave them (the missing ones left out).
std::vector<Unit> unitsOf(std::span<const CoderValues> posts);

// Coder a's and coder b's value on each post, for cohensKappa: one item per post, the
// value missing where that coder has none.
std::vector<RatedItem> itemsOf(std::span<const CoderValues> posts, std::size_t a, std::size_t b);

} // namespace taxo::agreement
