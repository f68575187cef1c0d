#pragma once
// Agreement read from the project, for the whole study or for one round: the two
// coders' labels become label values (labels::agreementValue semantics) and go
// through the pure statistics of cohen_kappa.h and krippendorff_alpha.h. Everything
// a page, the methods text or the `taxo agreement` command shows is computed here.

#include "core/agreement/cohen_kappa.h"
#include "core/agreement/gwet_ac1.h"
#include "core/agreement/krippendorff_alpha.h"
#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace taxo::agreement {

struct RootAgreement {
    std::string root; // a set's root_name
    CohenKappa kappa; // over the round's items that belong to a set of this root
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
    CoderProgress coderA; // the round's coders by person id: the earlier added is A
    CoderProgress coderB;
    CohenKappa kappa;
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
    // The coders: the round's two (by person id, the earlier added is A). For the
    // study, A is every round's coder A (their names joined by ", " when rounds have
    // different coders), labeled summed over the rounds.
    CoderProgress coderA;
    CoderProgress coderB;
    std::vector<RoundAgreement> rounds; // the rounds measured, by id
    CohenKappa overall;
    std::vector<RootAgreement> perRoot;         // by root name
    std::vector<CategoryAgreement> perCategory; // leaves either coder used, by path
    KrippendorffAlpha alphaNominal;
    KrippendorffAlpha alphaMasi;
    GwetAc1 ac1; // Gwet's AC1 on the same pairs as overall, for the kappa paradox
    std::vector<NamedConfusion> confusion; // non-zero cells, in the order of overall.confusion
    std::vector<DriftBatch> drift;         // batches of kDriftBatchSize; the last may be shorter
};

inline constexpr std::size_t kDriftBatchSize = 50;

const char* scopeName(AgreementScope scope); // "study" or "round"

// The round named roundName, or (empty name) the study: every reliability round
// together. Each round measured needs exactly two coders. A post that one coder has
// not labeled is missing for that coder.
Result<ProjectAgreement> projectAgreement(sql::Database& db, const std::string& roundName = {});

// "false_positive" -> "False positive", the paper's words for the interface.
std::string readableSpecial(const std::string& name);

} // namespace taxo::agreement
