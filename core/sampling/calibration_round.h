#pragma once
// Calibration rounds (docs/agreement.md, "Calibration"): before a new coder starts
// reliability coding, the lead picks posts of a pilot round, the coder labels them
// blind in their package, and the Agreement page scores the coder against the
// pilot's consensus. Only posts with a settled consensus label can be picked: a
// post without one, or whose consensus is Pending, has nothing to be scored against.
// The round never counts in the study's results (core/agreement/calibration.h).

#include "core/project/project.h"
#include "core/util/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace taxo::sampling {

struct CalibrationRequest {
    std::string name;                // the new round's name, unused so far
    std::string pilotRound;          // a pilot round of the project
    std::vector<std::string> coders; // one or more people with the coder role
    // The posts by id or SOURCE:ID (so:54734446), in the order the coder sees them.
    // Empty: `count` posts drawn from the pilot's consensus posts with `seed`.
    std::vector<std::string> posts;
    std::int64_t count = 0;
    std::string seed; // decimal uint64, as for a sample
};

struct CreatedCalibration {
    std::int64_t roundId = 0;
    std::string name;
    std::string pilotRound;
    std::vector<std::string> items; // SOURCE:ID, in round order
    std::int64_t eligible = 0;      // the pilot's posts with a settled consensus label
};

// The pilot's posts that a calibration round may take: those with a consensus label
// (no coder) that is not Pending, in the canonical order of the draw.
Result<std::vector<std::int64_t>> calibrationCandidates(sql::Database& db,
                                                        const std::string& pilotRound);

// Creates the calibration round with its items and coders in one transaction, and
// records it in the change log. Refused with the project unchanged: an empty or used
// name, a round that is not a pilot, a post that is not one of the pilot's consensus
// posts (named), a post given twice, a count outside 1..the candidates, a seed that
// is not a number, and coders that assignCoders would refuse.
Result<CreatedCalibration> createCalibrationRound(Project& project,
                                                  const CalibrationRequest& request);

} // namespace taxo::sampling
