#pragma once
// The score of a calibration round (docs/agreement.md, "Calibration"): each coder's
// labels against the consensus labels of the pilot the round was drawn from, as
// nominal values (labels::agreementValue semantics, label_value.h). Cohen's kappa with
// its SE and CI as for a round, percent agreement, per-category agreement, and the
// posts where coder and consensus differ. A calibration round never counts in the
// study's results: this is the only place its labels are read.

#include "core/agreement/cohen_kappa.h"
#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace taxo::agreement {

// One leaf category either side used on a scored post.
struct CalibrationCategory {
    std::int64_t categoryId = 0;
    std::string path;              // "Root/Child/Leaf"
    std::size_t both = 0;          // posts where the coder's and the consensus label hold it
    std::size_t coderOnly = 0;     // only the coder's
    std::size_t consensusOnly = 0; // only the consensus
    // Specific positive agreement 2a / (2a + b + c), with a = both, b = coderOnly and
    // c = consensusOnly; defined for every category listed, since each was used.
    double positiveAgreement = 0;
};

// A post where the coder's value is not the consensus value.
struct CalibrationDifference {
    std::int64_t postId = 0;
    std::string item;  // SOURCE:ID
    std::string title; // the post's title, as stored
    std::string consensus;
    std::string consensusNote;
    std::string coderLabel;
    std::string coderNote;
};

struct CalibrationScore {
    std::string round;
    std::string pilot;
    std::string coder;
    std::int64_t items = 0;
    // Items of the round the coder has not labeled yet (SOURCE:ID, round order): not
    // counted in any figure.
    std::vector<std::string> notYetLabeled;
    // Items whose pilot consensus is gone or Pending since the round was made: nothing to
    // score against, so not counted either.
    std::vector<std::string> withoutConsensus;
    // A is the coder, B the pilot's consensus, over the items both have.
    CohenKappa kappa;
    std::vector<CalibrationCategory> perCategory;   // by path
    std::vector<CalibrationDifference> differences; // in round order
};

// The score of every coder of the calibration round (by name), or of the one named.
// Refused: a round that does not exist or is not a calibration round, one that names
// no pilot, and a coder who is not one of its coders.
Result<std::vector<CalibrationScore>> calibrationScores(sql::Database& db,
                                                        const std::string& roundName,
                                                        const std::string& coderName = {});

} // namespace taxo::agreement
