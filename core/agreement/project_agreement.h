#pragma once
// Agreement read from the project, for the whole study or for one round: the
// coders' labels become label values (labels::agreementValue semantics) and go
// through the pure statistics of cohen_kappa.h, fleiss_kappa.h, krippendorff_alpha.h,
// gwet_ac1.h and pairwise_kappa.h. Everything a page, the methods text or the
// `taxo agreement` command shows is computed here.
//
// A reliability round has two or more coders. Cohen's kappa and what is built on its
// pairs (per root, per category, the confusion table, the drift series) compare two
// coders, so they are read from the rounds with exactly two; a round with more has
// Fleiss' kappa instead. Krippendorff's alpha, Gwet's AC1 and the pairwise Cohen's
// kappas take any number of coders and cover every round measured.

#include "core/agreement/cohen_kappa.h"
#include "core/agreement/fleiss_kappa.h"
#include "core/agreement/gwet_ac1.h"
#include "core/agreement/krippendorff_alpha.h"
#include "core/agreement/pairwise_kappa.h"
#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace taxo::agreement {

struct RootAgreement {
    std::string root; // a set's root_name
    CohenKappa kappa; // over the two-coder rounds' items that belong to a set of this root
    std::optional<FleissKappa> fleiss; // as ProjectAgreement::fleiss, on this root's items
};

struct CategoryAgreement {
    std::int64_t categoryId = 0;
    std::string path; // "Server/Cloud > Model Export > Procedure"
    CohenKappa kappa; // presence of this leaf in A's label against B's
};

struct NamedConfusion {
    std::string a; // readable: category paths joined by "; ", or the special value's name
    std::string b;
    std::size_t count = 0;
    std::string aLeaves; // short: the leaves' own names joined by "; ", for narrow axes
    std::string bLeaves;
};

struct CoderProgress {
    std::string name;
    std::int64_t labeled = 0; // items with a value (an initial code alone is none)
};

// One round of the measured scope, with its own kappa.
struct RoundAgreement {
    std::string round;
    std::int64_t items = 0;
    // The round's coders by person id: the earlier added is A, then B, C, ...
    std::vector<CoderProgress> coders;
    // Cohen's kappa of a two-coder round; with more coders undefined, its reason
    // pointing to fleiss.
    CohenKappa kappa;
    std::optional<FleissKappa> fleiss; // present when the round has more than two coders
};

// Kappa over one batch of consecutive posts, in the order the later of the two
// coders labeled them, to show drift while coding goes on.
struct DriftBatch {
    std::size_t first = 0; // 1-based positions in that order
    std::size_t last = 0;
    std::string labeledFrom; // the later coder's time of the batch's first and last post
    std::string labeledTo;
    CohenKappa kappa;
};

// The study's agreement pools every reliability round: each round's pairs of labels
// once, coder A of each round against its coder B, as a paper's single kappa over
// the independent labeling does. A round's agreement is that round alone.
enum class AgreementScope { Study, Round };

struct ProjectAgreement {
    AgreementScope scope = AgreementScope::Round;
    // The round's name; for the study, the reliability rounds' names joined by ", ".
    std::string round;
    std::int64_t items = 0; // items of the round, or of every reliability round
    // The coders: the round's (by person id, the earlier added is A, then B, C, ...).
    // For the study, A is every round's coder A (their names joined by ", " when rounds
    // have different coders), labeled summed over the rounds; and so on for B, C, ...
    std::vector<CoderProgress> coders;
    std::vector<RoundAgreement> rounds; // the rounds measured, by id
    // Cohen's kappa over the rounds with two coders; undefined, with a reason naming
    // the rounds, when every round measured has more.
    CohenKappa overall;
    // Fleiss' kappa, present when a round measured has more than two coders: then it is
    // the headline. It needs the same number of coders on every post, so over rounds
    // with different numbers it is undefined, its reason naming them.
    std::optional<FleissKappa> fleiss;
    // Cohen's kappa of every two coders, by person, over the posts both labeled in the
    // rounds measured; pairwiseCoders names the people in the matrix's order (by id).
    std::vector<std::string> pairwiseCoders;
    PairwiseKappa pairwise;
    std::vector<RootAgreement> perRoot;         // by root name
    std::vector<CategoryAgreement> perCategory; // leaves either coder used, by path
    KrippendorffAlpha alphaNominal;
    KrippendorffAlpha alphaMasi;
    GwetAc1 ac1; // Gwet's AC1 over every round's labels (N coders), for the kappa paradox
    std::vector<NamedConfusion> confusion; // non-zero cells, in the order of overall.confusion
    std::vector<DriftBatch> drift;         // batches of kDriftBatchSize; the last may be shorter
};

inline constexpr std::size_t kDriftBatchSize = 50;

const char* scopeName(AgreementScope scope); // "study" or "round"

// The round named roundName, or (empty name) the study: every reliability round
// together. Each round measured needs at least two coders; a round with fewer is
// refused, named. A post that one coder has not labeled is missing for that coder.
Result<ProjectAgreement> projectAgreement(sql::Database& db, const std::string& roundName = {});

// Fleiss' kappa is the headline: some round measured has more than two coders.
inline bool fleissHeadline(const ProjectAgreement& agreement) {
    return agreement.fleiss.has_value();
}

// "false_positive" -> "False positive", the paper's words for the interface.
std::string readableSpecial(const std::string& name);

} // namespace taxo::agreement
