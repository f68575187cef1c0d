#pragma once
// Agreement of a round read from the project: the two coders' labels become
// label values (labels::agreementValue semantics) and go through the pure
// statistics of cohen_kappa.h and krippendorff_alpha.h. Everything a page or
// the `taxo agreement` command shows is computed here.

#include "core/agreement/cohen_kappa.h"
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

struct ProjectAgreement {
    std::string round;
    std::int64_t items = 0; // items of the round
    CoderProgress coderA;   // the round's coders by person id: the earlier added is A
    CoderProgress coderB;
    CohenKappa overall;
    std::vector<RootAgreement> perRoot;         // by root name
    std::vector<CategoryAgreement> perCategory; // leaves either coder used, by path
    KrippendorffAlpha alphaNominal;
    KrippendorffAlpha alphaMasi;
    std::vector<NamedConfusion> confusion; // non-zero cells, in the order of overall.confusion
};

// The round named roundName, or (empty name) the reliability round; with more
// than one reliability round the name is required. The round needs exactly two
// coders. A post that one coder has not labeled is missing for that coder.
Result<ProjectAgreement> projectAgreement(sql::Database& db, const std::string& roundName = {});

// "false_positive" -> "False positive", the paper's words for the interface.
std::string readableSpecial(const std::string& name);

} // namespace taxo::agreement
