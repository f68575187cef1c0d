#include "core/agreement/cohen_kappa.h"

namespace taxo::agreement {

namespace {

// A kappa computed from counts carries a rounding error of a few ulps: the table
// (4, 1, 1, 4) gives 0.6000000000000001 for exactly 3/5. Two different kappas of
// tables with n posts differ by at least about 1/n^2, far more than this for any
// n a study has, so a value this close to a boundary is the boundary itself.
constexpr double kBoundaryTolerance = 1e-9;

bool atMost(double kappa, double bound) {
    return kappa <= bound + kBoundaryTolerance;
}

} // namespace

KappaBand landisKochBand(double kappa) {
    // Landis & Koch (1977), Biometrics 33:159-174, p. 165.
    if (kappa < -kBoundaryTolerance)
        return KappaBand::Poor;
    if (atMost(kappa, 0.20))
        return KappaBand::Slight;
    if (atMost(kappa, 0.40))
        return KappaBand::Fair;
    if (atMost(kappa, 0.60))
        return KappaBand::Moderate;
    if (atMost(kappa, 0.80))
        return KappaBand::Substantial;
    return KappaBand::AlmostPerfect;
}

const char* kappaBandName(KappaBand band) {
    switch (band) {
    case KappaBand::Poor:
        return "poor";
    case KappaBand::Slight:
        return "slight";
    case KappaBand::Fair:
        return "fair";
    case KappaBand::Moderate:
        return "moderate";
    case KappaBand::Substantial:
        return "substantial";
    case KappaBand::AlmostPerfect:
        return "almost perfect";
    }
    return "unknown";
}

} // namespace taxo::agreement
