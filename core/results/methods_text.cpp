#include "core/results/methods_text.h"

#include "core/agreement/project_agreement.h"
#include "core/arbitration/arbitration.h"
#include "core/results/taxonomy_export.h"
#include "core/select/rules.h"
#include "core/select/selection.h"
#include "core/store/statements.h"
#include "core/util/percent.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>

namespace taxo::results {
namespace {

std::string fixed(double value, int decimals) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

std::string joinWords(const std::vector<std::string>& items, const std::string& last = "and") {
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0)
            text += i + 1 == items.size() ? (items.size() > 2 ? ", " : " ") + last + " " : ", ";
        text += items[i];
    }
    return text;
}

std::string describeClause(const select::Clause& clause) {
    std::vector<std::string> parts;
    auto quoted = [](const std::vector<std::string>& words) {
        std::vector<std::string> out;
        for (const auto& w : words)
            out.push_back("\"" + w + "\"");
        return out;
    };
    if (!clause.tagsAny.empty())
        parts.push_back("tagged " + joinWords(quoted(clause.tagsAny), "or"));
    if (!clause.keywordsAny.empty())
        parts.push_back("mentioning " + joinWords(quoted(clause.keywordsAny), "or"));
    if (!clause.wordsAll.empty())
        parts.push_back("containing " + joinWords(quoted(clause.wordsAll), "and"));
    return parts.empty() ? "any post" : joinWords(parts, "and");
}

// The counts are used only when they match the stored rule clause for clause: a rule
// edited by hand after the selection would otherwise get another rule's numbers.
Status collectSets(sql::Database& db, MethodsFacts& facts) {
    auto stored = select::storedSets(db);
    if (!stored)
        return stored.error();
    for (const auto& kept : *stored) {
        SetFacts set{kept.name, kept.root, kept.members, {}};
        // The stored rule is one set of the rules document; an unreadable or empty
        // rule (sets made by hand) leaves the clauses out rather than failing.
        auto wrapped = nlohmann::json::parse(kept.rule, nullptr, false);
        if (!wrapped.is_discarded() && wrapped.is_object() && wrapped.contains("clauses")) {
            if (!wrapped.contains("name"))
                wrapped["name"] = set.name;
            auto parsed =
                select::parseRules(nlohmann::json{{"sets", {wrapped}}}.dump(), "set " + set.name);
            if (parsed && !parsed->sets.empty())
                for (const auto& clause : parsed->sets.front().clauses)
                    set.clauses.push_back({describeClause(clause), {}, {}});
        }
        if (kept.clauses.size() == set.clauses.size())
            for (std::size_t k = 0; k < set.clauses.size(); ++k) {
                set.clauses[k].matched = kept.clauses[k].matched;
                set.clauses[k].cumulative = kept.clauses[k].cumulative;
            }
        facts.sets.push_back(std::move(set));
    }
    return {};
}

Status collectSamples(sql::Database& db, MethodsFacts& facts) {
    auto stmt = db.prepare(
        "SELECT s.name, p.size, p.population, p.method, p.confidence, "
        "p.margin, p.rounding, p.pilot_fraction, p.left_out FROM samples p JOIN sets s ON "
        "s.id = p.set_id ORDER BY p.id");
    if (!stmt)
        return stmt.error();
    if (auto status = stmt->forEachRow([&](sql::Statement& row) {
            SampleFacts sample;
            sample.set = row.columnText(0);
            sample.size = row.columnInt(1);
            sample.population = row.columnOptionalInt(2).value_or(0);
            sample.method = row.columnText(3);
            if (!row.columnIsNull(4))
                sample.confidence = row.columnDouble(4);
            if (!row.columnIsNull(5))
                sample.margin = row.columnDouble(5);
            sample.rounding = row.columnOptionalText(6).value_or("");
            sample.pilotFraction = row.columnDouble(7);
            sample.leftOut = row.columnInt(8);
            facts.samples.push_back(std::move(sample));
        });
        !status)
        return status.error();
    return {};
}

ReliabilityFacts reliabilityFacts(const std::string& name, std::int64_t items,
                                  const agreement::CohenKappa& kappa) {
    ReliabilityFacts facts;
    facts.round = name;
    facts.items = items;
    facts.rated = static_cast<std::int64_t>(kappa.n);
    facts.agreements = static_cast<std::int64_t>(kappa.agreements);
    facts.kappa = kappa.kappa;
    facts.ciLow = kappa.ciLow;
    facts.ciHigh = kappa.ciHigh;
    if (kappa.kappa)
        facts.band = agreement::kappaBandName(agreement::landisKochBand(*kappa.kappa));
    const auto pending = agreement::LabelValue::special(agreement::SpecialValue::Pending);
    for (const auto& cell : kappa.confusion) {
        if (!(cell.a == cell.b))
            facts.conflicts += static_cast<std::int64_t>(cell.count);
        else if (cell.a == pending)
            facts.agreedPending += static_cast<std::int64_t>(cell.count);
    }
    return facts;
}

// A round (or the study) of more than two coders: Fleiss' kappa, and the conflicts as
// arbitration counts them in that round.
ReliabilityFacts fleissFacts(const std::string& name, std::int64_t items,
                             const agreement::FleissKappa& fleiss, std::int64_t conflicts) {
    ReliabilityFacts facts;
    facts.round = name;
    facts.items = items;
    facts.coders = static_cast<std::int64_t>(fleiss.coders);
    facts.rated = static_cast<std::int64_t>(fleiss.n);
    facts.fleiss = fleiss.kappa;
    if (fleiss.kappa)
        facts.band = agreement::kappaBandName(agreement::landisKochBand(*fleiss.kappa));
    facts.conflicts = conflicts;
    return facts;
}

// Each reliability round, and the study's agreement over all of them, from
// agreement::projectAgreement, so the paragraph and the Agreement page say the same. A
// round with fewer than two coders has no kappa, and then neither has the study.
Status collectReliability(sql::Database& db, MethodsFacts& facts) {
    auto conflicts = arbitration::conflictPosts(db, true);
    if (!conflicts)
        return conflicts.error();
    const auto conflictsIn = [&](const std::string& round) {
        return static_cast<std::int64_t>(std::count_if(
            conflicts->begin(), conflicts->end(), [&](const auto& c) { return c.round == round; }));
    };
    struct RoundRow {
        std::string name;
        std::int64_t items = 0;
        std::int64_t coders = 0;
    };
    auto rounds = sql::queryRows<RoundRow>(
        db,
        "SELECT name, (SELECT count(*) FROM round_items i WHERE i.round_id = r.id), "
        "(SELECT count(*) FROM round_coders c WHERE c.round_id = r.id) "
        "FROM rounds r WHERE kind = 'reliability' ORDER BY id",
        [](sql::Statement& row) {
            return RoundRow{row.columnText(0), row.columnInt(1), row.columnInt(2)};
        });
    if (!rounds)
        return rounds.error();
    const bool everyRoundMeasured = std::all_of(
        rounds->begin(), rounds->end(), [](const RoundRow& round) { return round.coders >= 2; });
    if (!rounds->empty() && everyRoundMeasured) {
        // One reading of the labels: the study's agreement carries each round's own kappa.
        auto study = agreement::projectAgreement(db);
        if (!study)
            return study.error();
        std::int64_t studyConflicts = 0;
        for (const auto& round : study->rounds) {
            studyConflicts += conflictsIn(round.round);
            facts.reliability.push_back(
                round.fleiss
                    ? fleissFacts(round.round, round.items, *round.fleiss, conflictsIn(round.round))
                    : reliabilityFacts(round.round, round.items, round.kappa));
        }
        // Rounds of different numbers of coders have no pooled Fleiss' kappa; the paper's
        // sentence then gives Cohen's kappa of the two-coder rounds, and says so.
        const bool pairedOnly = study->fleiss && !study->fleiss->kappa && study->overall.kappa;
        facts.study = study->fleiss && !pairedOnly
                          ? fleissFacts(study->round, study->items, *study->fleiss, studyConflicts)
                          : reliabilityFacts(study->round, study->items, study->overall);
        if (study->fleiss && !pairedOnly)
            facts.study->alpha = study->alphaNominal.alpha;
        if (pairedOnly)
            facts.study->pairedRounds = std::count_if(
                study->rounds.begin(), study->rounds.end(),
                [](const agreement::RoundAgreement& round) { return round.coders.size() == 2; });
        return {};
    }
    for (const auto& round : *rounds) {
        if (round.coders < 2) {
            ReliabilityFacts unpaired;
            unpaired.round = round.name;
            unpaired.items = round.items;
            facts.reliability.push_back(std::move(unpaired));
            continue;
        }
        auto measured = agreement::projectAgreement(db, round.name);
        if (!measured)
            return measured.error();
        facts.reliability.push_back(
            measured->fleiss ? fleissFacts(round.name, measured->items, *measured->fleiss,
                                           conflictsIn(round.name))
                             : reliabilityFacts(round.name, measured->items, measured->overall));
    }
    return {};
}

// The paragraph once, with the escaping of the target format.
std::string writeMethods(const MethodsFacts& f, const std::function<std::string(std::string)>& e,
                         const std::string& pct, const std::string& kappaSymbol) {
    std::string text;
    if (!f.sets.empty()) {
        std::vector<std::string> sets;
        for (const auto& set : f.sets) {
            std::string part = e(set.name) + " (" + std::to_string(set.members) + " posts";
            std::vector<std::string> clauses;
            for (std::size_t k = 0; k < set.clauses.size(); ++k) {
                const auto& clause = set.clauses[k];
                std::string words = clause.words;
                if (clause.matched && clause.cumulative)
                    words += " (" + std::to_string(*clause.matched) +
                             (k == 0 ? " posts)"
                                     : " posts; " + std::to_string(*clause.cumulative) +
                                           " with the clauses before)");
                clauses.push_back(std::move(words));
            }
            if (!clauses.empty())
                part += ": " + e(joinWords(clauses, "or"));
            sets.push_back(part + ")");
        }
        text += "We selected " + std::to_string(f.sets.size()) +
                (f.sets.size() == 1 ? " set" : " sets") + " of posts: " + joinWords(sets) + ". ";
    }
    if (!f.samples.empty()) {
        std::vector<std::string> samples;
        for (const auto& s : f.samples) {
            std::string part = std::to_string(s.size) + " of " + std::to_string(s.population) +
                               " posts of " + e(s.set);
            if (s.method == "auto" && s.confidence && s.margin)
                part += " (confidence " + fixed(*s.confidence * 100, 0) + " " + pct +
                        ", margin of error " + fixed(*s.margin * 100, 0) + " " + pct +
                        (s.rounding.empty() ? "" : ", rounded " + s.rounding) + ")";
            else if (s.method == "all")
                part += " (all of them)";
            if (s.leftOut > 0)
                part += ", leaving out " + std::to_string(s.leftOut) +
                        (s.leftOut == 1 ? " post" : " posts") + " already drawn for another set";
            samples.push_back(part);
        }
        text += "We drew random samples of " + joinWords(samples) + ". ";
    }
    if (f.summary.sampled > 0)
        text += "Two authors first labeled " + std::to_string(f.pilotPosts) + " posts (" +
                util::formatShare(f.pilotPosts, f.summary.sampled) + " " + pct + " of the " +
                std::to_string(f.summary.sampled) +
                " sampled posts) together in a pilot, building the taxonomy by open coding. ";
    // The study's agreement first, in the words a paper uses for its one kappa.
    if (f.study && f.study->kappa) {
        const auto& s = *f.study;
        text +=
            "The inter-rater agreement during the independent labeling is " + fixed(*s.kappa, 3) +
            " measured by Cohen's " + kappaSymbol + " (95 " + pct + " CI " + fixed(*s.ciLow, 3) +
            " to " + fixed(*s.ciHigh, 3) + ", " + s.band + " agreement, " +
            std::to_string(s.agreements) + " of " + std::to_string(s.rated) + " posts agreed" +
            (s.pairedRounds > 0
                 ? (s.pairedRounds == 1 ? std::string(" over the reliability round with two coders")
                                        : " over the " + std::to_string(s.pairedRounds) +
                                              " reliability rounds with two coders")
             : f.reliability.size() > 1
                 ? " over " + std::to_string(f.reliability.size()) + " reliability rounds"
                 : std::string()) +
            "). ";
    } else if (f.study && f.study->fleiss) {
        const auto& s = *f.study;
        text += "The inter-rater agreement during the independent labeling is " +
                fixed(*s.fleiss, 3) + " measured by Fleiss' " + kappaSymbol + " (" +
                std::to_string(s.coders) + " coders, " + std::to_string(s.rated) +
                " posts labeled by all of them, " + s.band + " agreement" +
                (s.alpha ? "; Krippendorff's alpha " + fixed(*s.alpha, 3) : std::string()) +
                (f.reliability.size() > 1
                     ? "; over " + std::to_string(f.reliability.size()) + " reliability rounds"
                     : std::string()) +
                "). ";
    } else if (f.study) {
        text += "The inter-rater agreement during the independent labeling could not be "
                "computed. ";
    }
    for (const auto& r : f.reliability) {
        text += "They then labeled the " + std::to_string(r.items) + " posts of " + e(r.round) +
                " independently; ";
        if (r.coders > 2) {
            text += std::to_string(r.coders) + " coders each; ";
            if (r.fleiss)
                text += "Fleiss' " + kappaSymbol + " was " + fixed(*r.fleiss, 3) + " (" +
                        std::to_string(r.rated) + " posts labeled by all of them, " + r.band +
                        " agreement). ";
            else
                text += "the agreement could not be computed. ";
            text += std::to_string(r.conflicts) +
                    " posts where the coders differed or one said Pending went to arbitration. ";
            continue;
        }
        if (r.kappa)
            text += "Cohen's " + kappaSymbol + " was " + fixed(*r.kappa, 3) + " (95 " + pct +
                    " CI " + fixed(*r.ciLow, 3) + " to " + fixed(*r.ciHigh, 3) + ", " + r.band +
                    " agreement, " + std::to_string(r.agreements) + " of " +
                    std::to_string(r.rated) + " posts agreed). ";
        else
            text += "the agreement could not be computed. ";
        text += std::to_string(r.conflicts) + " conflicts and " + std::to_string(r.agreedPending) +
                " posts both coders marked Pending went to arbitration. ";
    }
    if (f.roundConflicts > 0)
        text += std::to_string(f.roundConflicts) +
                (f.roundConflicts == 1 ? " post was" : " posts were") +
                " settled differently in two rounds and went to arbitration. ";
    text += "Arbitrators decided " + std::to_string(f.decisions) + " posts";
    if (f.arbitrationCategories.empty())
        text += " and added no category. ";
    else
        text += " and added " + std::to_string(f.arbitrationCategories.size()) +
                (f.arbitrationCategories.size() == 1 ? " category" : " categories") + " (" +
                e(joinWords(f.arbitrationCategories)) + "). ";
    const auto& s = f.summary;
    std::vector<std::string> roots;
    for (const auto& root : s.coveredPerRoot)
        roots.push_back(std::to_string(root.covered) + " " + e(root.root));
    text += "Of the " + std::to_string(s.sampled) + " sampled posts, " +
            std::to_string(s.falsePositive) + " were false positives and " +
            std::to_string(s.unclear) + " unclear; the taxonomy covers " +
            std::to_string(s.coveredSum) + " posts (" + joinWords(roots) + "; " +
            std::to_string(s.coveredPosts) + " distinct posts, " +
            std::to_string(s.multiRootPosts) + " of them in two roots)";
    if (s.unresolved > 0)
        text += ", and " + std::to_string(s.unresolved) + " posts are still unresolved";
    return text + ".\n";
}

} // namespace

Result<MethodsFacts> collectMethodsFacts(sql::Database& db, const TaxonomyResults& results) {
    MethodsFacts facts;
    facts.summary = results.summary;
    if (auto status = collectSets(db, facts); !status)
        return status.error();
    if (auto status = collectSamples(db, facts); !status)
        return status.error();
    if (auto status = collectReliability(db, facts); !status)
        return status.error();
    auto pilot = db.queryInt("SELECT count(DISTINCT l.post_id) FROM labels l JOIN rounds r ON "
                             "r.id = l.round_id WHERE r.kind = 'pilot' AND l.coder_id IS NULL "
                             "AND (l.special IS NOT NULL OR EXISTS (SELECT 1 FROM "
                             "label_categories c WHERE c.label_id = l.id))");
    if (!pilot)
        return pilot.error();
    facts.pilotPosts = *pilot;
    auto decisions = db.queryInt("SELECT count(*) FROM decisions");
    if (!decisions)
        return decisions.error();
    facts.decisions = *decisions;
    auto conflicts = arbitration::conflictPosts(db, true);
    if (!conflicts)
        return conflicts.error();
    facts.roundConflicts = std::count_if(conflicts->begin(), conflicts->end(),
                                         [](const auto& c) { return c.reason == "rounds"; });
    for (const auto& c : results.categories) {
        if (!c.addedInArbitration)
            continue;
        std::string path;
        for (std::size_t i = 0; i < c.path.size(); ++i)
            path += (i ? " > " : "") + c.path[i];
        facts.arbitrationCategories.push_back(path);
    }
    return facts;
}

std::string methodsMarkdown(const MethodsFacts& facts) {
    return writeMethods(
        facts, [](std::string text) { return markdownEscape(text); }, "%", "kappa");
}

std::string methodsLatex(const MethodsFacts& facts) {
    return writeMethods(
        facts, [](std::string text) { return latexEscape(text); }, "\\%", "$\\kappa$");
}

} // namespace taxo::results
