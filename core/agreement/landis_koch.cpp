#include "agreement/cohen_kappa.h"

namespace taxo::agreement {

KappaBand landisKochBand(double kappa) {
    // Landis & Koch (1977), Biometrics 33:159-174, p. 165.
    if (kappa < 0.0)
        return KappaBand::Poor;
    if (kappa <= 0.20)
        return KappaBand::Slight;
    if (kappa <= 0.40)
        return KappaBand::Fair;
    if (kappa <= 0.60)
        return KappaBand::Moderate;
    if (kappa <= 0.80)
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
