#include "cli/json_output.h"

#include <optional>

namespace taxo::cli {
namespace {

nlohmann::json optionalNumber(const std::optional<double>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json alphaJson(const agreement::KrippendorffAlpha& alpha) {
    nlohmann::json json{{"alpha", optionalNumber(alpha.alpha)},
                        {"observed_disagreement", alpha.observedDisagreement},
                        {"expected_disagreement", alpha.expectedDisagreement},
                        {"units", alpha.unitsPairable},
                        {"values", alpha.values}};
    if (!alpha.alpha)
        json["alpha_undefined_reason"] = alpha.undefinedReason;
    return json;
}

nlohmann::json ac1Json(const agreement::GwetAc1& ac1) {
    nlohmann::json json{{"ac1", optionalNumber(ac1.ac1)}, {"se", optionalNumber(ac1.standardError)},
                        {"observed", ac1.observed},       {"expected", ac1.expected},
                        {"posts_rated", ac1.postsRated},  {"posts_pairable", ac1.postsPairable}};
    if (!ac1.ac1)
        json["ac1_undefined_reason"] = ac1.undefinedReason;
    else if (!ac1.standardError)
        json["se_undefined_reason"] = ac1.standardErrorUndefinedReason;
    return json;
}

nlohmann::json fleissJson(const std::optional<agreement::FleissKappa>& fleiss) {
    if (!fleiss)
        return nullptr;
    nlohmann::json json{{"kappa", optionalNumber(fleiss->kappa)},
                        {"observed", fleiss->observed},
                        {"expected", fleiss->expected},
                        {"n", fleiss->n},
                        {"coders", fleiss->coders},
                        {"posts_excluded", fleiss->postsExcluded},
                        {"se_null", optionalNumber(fleiss->standardErrorNull)},
                        {"z", optionalNumber(fleiss->zNull)},
                        {"p_value", optionalNumber(fleiss->pValueNull)}};
    if (!fleiss->kappa)
        json["kappa_undefined_reason"] = fleiss->undefinedReason;
    return json;
}

nlohmann::json codersJson(const std::vector<agreement::CoderProgress>& coders) {
    auto json = nlohmann::json::array();
    for (const auto& coder : coders)
        json.push_back({{"name", coder.name}, {"labeled", coder.labeled}});
    return json;
}

nlohmann::json markJson(const std::optional<bool>& mark) {
    if (!mark)
        return nullptr;
    return *mark ? "relevant" : "irrelevant";
}

} // namespace

nlohmann::json kappaJson(const agreement::CohenKappa& kappa) {
    nlohmann::json json{{"kappa", optionalNumber(kappa.kappa)},
                        {"observed", kappa.observed},
                        {"expected", kappa.expected},
                        {"n", kappa.n},
                        {"se", optionalNumber(kappa.standardError)},
                        {"ci_low", optionalNumber(kappa.ciLow)},
                        {"ci_high", optionalNumber(kappa.ciHigh)},
                        {"percent_agreement", kappa.percentAgreement},
                        {"se_null", optionalNumber(kappa.standardErrorNull)},
                        {"z", optionalNumber(kappa.zNull)},
                        {"p_value", optionalNumber(kappa.pValueNull)}};
    if (!kappa.kappa)
        json["kappa_undefined_reason"] = kappa.undefinedReason;
    return json;
}

nlohmann::json toJson(const agreement::CalibrationScore& score) {
    auto json = kappaJson(score.kappa);
    json["coder"] = score.coder;
    json["pilot"] = score.pilot;
    json["items"] = score.items;
    json["not_yet_labeled"] = score.notYetLabeled;
    json["without_consensus"] = score.withoutConsensus;
    auto categories = nlohmann::json::array();
    for (const auto& category : score.perCategory)
        categories.push_back({{"path", category.path},
                              {"both", category.both},
                              {"coder_only", category.coderOnly},
                              {"consensus_only", category.consensusOnly},
                              {"positive_agreement", category.positiveAgreement}});
    json["per_category"] = std::move(categories);
    auto differences = nlohmann::json::array();
    for (const auto& difference : score.differences)
        differences.push_back({{"item", difference.item},
                               {"title", difference.title},
                               {"consensus", difference.consensus},
                               {"consensus_note", difference.consensusNote},
                               {"coder_label", difference.coderLabel},
                               {"coder_note", difference.coderNote}});
    json["differences"] = std::move(differences);
    return json;
}

nlohmann::json toJson(const agreement::ProjectAgreement& agreement) {
    auto json = kappaJson(agreement.overall);
    json["scope"] = agreement::scopeName(agreement.scope);
    json["round"] = agreement.round;
    json["items"] = agreement.items;
    json["coders"] = codersJson(agreement.coders);
    json["headline"] = agreement::fleissHeadline(agreement) ? "fleiss_kappa" : "cohen_kappa";
    json["fleiss_kappa"] = fleissJson(agreement.fleiss);
    json["pairwise"] = nlohmann::json::array();
    for (const auto& pair : agreement.pairwise.pairs) {
        auto entry = kappaJson(pair.kappa);
        entry["a"] = agreement.pairwiseCoders.at(pair.coderA);
        entry["b"] = agreement.pairwiseCoders.at(pair.coderB);
        json["pairwise"].push_back(std::move(entry));
    }
    json["per_root"] = nlohmann::json::array();
    for (const auto& root : agreement.perRoot) {
        auto entry = kappaJson(root.kappa);
        entry["root"] = root.root;
        entry["fleiss_kappa"] = fleissJson(root.fleiss);
        json["per_root"].push_back(std::move(entry));
    }
    json["per_category"] = nlohmann::json::array();
    for (const auto& category : agreement.perCategory) {
        auto entry = kappaJson(category.kappa);
        entry["category_id"] = category.categoryId;
        entry["path"] = category.path;
        json["per_category"].push_back(std::move(entry));
    }
    json["alpha_nominal"] = alphaJson(agreement.alphaNominal);
    json["alpha_masi"] = alphaJson(agreement.alphaMasi);
    json["gwet_ac1"] = ac1Json(agreement.ac1);
    json["confusion"] = nlohmann::json::array();
    for (const auto& cell : agreement.confusion)
        json["confusion"].push_back({{"a", cell.a}, {"b", cell.b}, {"count", cell.count}});
    json["rounds"] = nlohmann::json::array();
    for (const auto& round : agreement.rounds) {
        auto entry = kappaJson(round.kappa);
        entry["round"] = round.round;
        entry["items"] = round.items;
        entry["coders"] = codersJson(round.coders);
        entry["fleiss_kappa"] = fleissJson(round.fleiss);
        json["rounds"].push_back(std::move(entry));
    }
    json["drift"] = nlohmann::json::array();
    for (const auto& batch : agreement.drift) {
        auto entry = kappaJson(batch.kappa);
        entry["first"] = batch.first;
        entry["last"] = batch.last;
        entry["labeled_from"] = batch.labeledFrom;
        entry["labeled_to"] = batch.labeledTo;
        json["drift"].push_back(std::move(entry));
    }
    return json;
}

nlohmann::json toJson(const screening::Report& report) {
    auto json = kappaJson(report.kappa);
    json["n"] = report.n; // the round's posts; kappa's own n is in kappa_n
    json["kappa_n"] = report.kappa.n;
    json["round"] = report.round.name;
    json["set"] = report.round.setName;
    json["coders"] = nlohmann::json::array(
        {{{"name", report.a.name}, {"marked", report.a.marked}, {"relevant", report.a.relevant}},
         {{"name", report.b.name}, {"marked", report.b.marked}, {"relevant", report.b.relevant}}});
    json["both_relevant"] = report.bothRelevant;
    json["both_irrelevant"] = report.bothIrrelevant;
    json["disagreements"] = report.disagreements;
    json["decided"] = report.decided;
    json["undecided"] = report.disagreements - report.decided;
    json["incomplete"] = report.incomplete;
    json["relevant"] = report.relevant;
    json["irrelevant"] = report.irrelevant;
    json["excluded"] = report.excluded;
    json["set_posts"] = report.setPosts;
    json["complete"] = report.complete();
    json["both_irrelevant_posts"] = nlohmann::json::array();
    json["disagreement_posts"] = nlohmann::json::array();
    for (const auto& item : report.items) {
        if (item.a && item.b && !*item.a && !*item.b)
            json["both_irrelevant_posts"].push_back(item.item);
        if (!item.a || !item.b || *item.a == *item.b)
            continue;
        nlohmann::json entry = {{"post", item.postId},   {"item", item.item},
                                {"title", item.title},   {"a", markJson(item.a)},
                                {"b", markJson(item.b)}, {"decision", nullptr}};
        if (item.decision)
            entry["decision"] = {{"relevant", item.decision->relevant},
                                 {"lead", item.decision->lead},
                                 {"rationale", item.decision->rationale},
                                 {"decided", item.decision->decided}};
        json["disagreement_posts"].push_back(std::move(entry));
    }
    return json;
}

} // namespace taxo::cli
