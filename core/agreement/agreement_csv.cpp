#include "core/agreement/agreement_csv.h"

#include "core/util/csv.h"

#include <cstdio>
#include <initializer_list>

namespace taxo::agreement {
namespace {

std::string number(double value) {
    char text[40];
    std::snprintf(text, sizeof text, "%.17g", value);
    return text;
}

std::string number(const std::optional<double>& value) {
    return value ? number(*value) : std::string();
}

// Cells arrive encoded: text(...) for names from data, which csv::textField
// neutralises, and numbers and fixed words as they are (a kappa of -0.12 stays a number).
std::string text(const std::string& value) {
    return csv::textField(value);
}

std::string row(std::initializer_list<std::string> cells) {
    std::string line;
    bool first = true;
    for (const auto& cell : cells) {
        if (!first)
            line += ',';
        line += cell;
        first = false;
    }
    return line + "\r\n";
}

std::string kappaRow(const char* scope, const std::string& name, const CohenKappa& kappa) {
    const std::string band = kappa.kappa ? kappaBandName(landisKochBand(*kappa.kappa)) : "";
    return row({"cohen_kappa", scope, text(name), "", "", number(kappa.kappa), number(kappa.ciLow),
                number(kappa.ciHigh), number(kappa.standardError), band, number(kappa.observed),
                number(kappa.expected), std::to_string(kappa.n), number(kappa.percentAgreement),
                text(kappa.kappa ? "" : kappa.undefinedReason), number(kappa.zNull),
                number(kappa.pValueNull)});
}

std::string alphaRow(const char* measure, const std::string& name, const KrippendorffAlpha& alpha) {
    return row({measure, "overall", text(name), "", "", number(alpha.alpha), "", "", "", "",
                number(alpha.observedDisagreement), number(alpha.expectedDisagreement),
                std::to_string(alpha.values), "", text(alpha.alpha ? "" : alpha.undefinedReason),
                "", ""});
}

// se is the standard error under H0 (the only one Fleiss' kappa has), z and p its test.
std::string fleissRow(const char* scope, const std::string& name, const FleissKappa& fleiss) {
    const std::string band = fleiss.kappa ? kappaBandName(landisKochBand(*fleiss.kappa)) : "";
    return row({"fleiss_kappa", scope, text(name), "", "", number(fleiss.kappa), "", "",
                number(fleiss.standardErrorNull), band, number(fleiss.observed),
                number(fleiss.expected), std::to_string(fleiss.n), "",
                text(fleiss.kappa ? "" : fleiss.undefinedReason), number(fleiss.zNull),
                number(fleiss.pValueNull)});
}

} // namespace

std::string agreementCsv(const ProjectAgreement& agreement) {
    std::string out = "measure,scope,name,coder_a,coder_b,value,ci_low,ci_high,se,band,observed,"
                      "expected,n,percent_agreement,undefined_reason,z,p_value\r\n";
    if (agreement.fleiss)
        out += fleissRow("overall", agreement.round, *agreement.fleiss);
    out += kappaRow("overall", agreement.round, agreement.overall);
    if (agreement.scope == AgreementScope::Study)
        for (const auto& round : agreement.rounds) {
            if (round.fleiss)
                out += fleissRow("round", round.round, *round.fleiss);
            out += kappaRow("round", round.round, round.kappa);
        }
    for (const auto& root : agreement.perRoot) {
        if (root.fleiss)
            out += fleissRow("root", root.root, *root.fleiss);
        out += kappaRow("root", root.root, root.kappa);
    }
    // The matrix of pairwise kappas, when a round has more than two coders to compare.
    if (agreement.fleiss)
        for (const auto& pair : agreement.pairwise.pairs)
            out +=
                row({"pairwise_kappa", "pair", "", text(agreement.pairwiseCoders.at(pair.coderA)),
                     text(agreement.pairwiseCoders.at(pair.coderB)), number(pair.kappa.kappa),
                     number(pair.kappa.ciLow), number(pair.kappa.ciHigh),
                     number(pair.kappa.standardError),
                     pair.kappa.kappa ? kappaBandName(landisKochBand(*pair.kappa.kappa)) : "",
                     number(pair.kappa.observed), number(pair.kappa.expected),
                     std::to_string(pair.kappa.n), number(pair.kappa.percentAgreement),
                     text(pair.kappa.kappa ? "" : pair.kappa.undefinedReason),
                     number(pair.kappa.zNull), number(pair.kappa.pValueNull)});
    for (const auto& category : agreement.perCategory)
        out += kappaRow("category", category.path, category.kappa);
    out += alphaRow("alpha_nominal", agreement.round, agreement.alphaNominal);
    out += alphaRow("alpha_masi", agreement.round, agreement.alphaMasi);
    const auto& ac1 = agreement.ac1;
    out +=
        row({"gwet_ac1", "overall", text(agreement.round), "", "", number(ac1.ac1), "", "",
             number(ac1.standardError), "", number(ac1.observed), number(ac1.expected),
             std::to_string(ac1.postsRated), "", text(ac1.ac1 ? "" : ac1.undefinedReason), "", ""});
    for (const auto& cell : agreement.confusion)
        out += row({"confusion", "cell", "", text(cell.a), text(cell.b), "", "", "", "", "", "", "",
                    std::to_string(cell.count), "", "", "", ""});
    for (const auto& coder : agreement.coders)
        out +=
            row({"coder_progress", "coder", text(coder.name), "", "", std::to_string(coder.labeled),
                 "", "", "", "", "", "", std::to_string(agreement.items), "", "", "", ""});
    for (const auto& batch : agreement.drift)
        out += kappaRow("batch",
                        "posts " + std::to_string(batch.first) + "-" + std::to_string(batch.last),
                        batch.kappa);
    return out;
}

std::string calibrationCsv(const CalibrationScore& score) {
    std::string out = "measure,name,item,value,ci_low,ci_high,se,n,percent_agreement,both,"
                      "coder_only,consensus_only,consensus,consensus_note,coder_label,"
                      "coder_note,undefined_reason\r\n";
    const auto& kappa = score.kappa;
    out += row({"cohen_kappa", text(score.coder), "", number(kappa.kappa), number(kappa.ciLow),
                number(kappa.ciHigh), number(kappa.standardError), std::to_string(kappa.n),
                number(kappa.percentAgreement), "", "", "", "", "", "", "",
                text(kappa.kappa ? "" : kappa.undefinedReason)});
    for (const auto& category : score.perCategory)
        out += row({"category", text(category.path), "", number(category.positiveAgreement), "", "",
                    "", std::to_string(category.both + category.coderOnly + category.consensusOnly),
                    "", std::to_string(category.both), std::to_string(category.coderOnly),
                    std::to_string(category.consensusOnly), "", "", "", "", ""});
    for (const auto& difference : score.differences)
        out += row({"difference", text(difference.title), text(difference.item), "", "", "", "", "",
                    "", "", "", "", text(difference.consensus), text(difference.consensusNote),
                    text(difference.coderLabel), text(difference.coderNote), ""});
    for (const auto& item : score.notYetLabeled)
        out += row({"not_yet_labeled", "", text(item), "", "", "", "", "", "", "", "", "", "", "",
                    "", "", ""});
    for (const auto& item : score.withoutConsensus)
        out += row({"without_consensus", "", text(item), "", "", "", "", "", "", "", "", "", "", "",
                    "", "", ""});
    return out;
}

} // namespace taxo::agreement
