#pragma once
// The JSON that only the command line prints (`taxo agreement --json`, `taxo screening
// report --json`). Core computes the numbers; these functions only give them names.

#include "core/agreement/calibration.h"
#include "core/agreement/cohen_kappa.h"
#include "core/agreement/project_agreement.h"
#include "core/screening/screening.h"

#include <nlohmann/json.hpp>

namespace taxo::cli {

// The JSON of `taxo agreement --json`: kappa, observed, expected, n, se,
// ci_low, ci_high, percent_agreement (kappa and its interval null, with
// kappa_undefined_reason, when kappa is undefined), per_root, per_category,
// alpha_nominal, alpha_masi, confusion, plus round, items and coders; headline
// ("cohen_kappa", or "fleiss_kappa" when a round has more than two coders),
// fleiss_kappa (null or {kappa, se_null, z, p_value, ...}) and pairwise (Cohen's kappa
// of every two coders, a and b by name).
nlohmann::json kappaJson(const agreement::CohenKappa& kappa);
nlohmann::json toJson(const agreement::ProjectAgreement& agreement);
// One coder's calibration score: coder, pilot, items, the kappa fields of kappaJson,
// per_category [{path, both, coder_only, consensus_only, positive_agreement}],
// differences [{item, title, consensus, consensus_note, coder_label, coder_note}],
// not_yet_labeled and without_consensus (SOURCE:ID lists).
nlohmann::json toJson(const agreement::CalibrationScore& score);
// The JSON of `taxo screening report --json`.
nlohmann::json toJson(const screening::Report& report);

} // namespace taxo::cli
