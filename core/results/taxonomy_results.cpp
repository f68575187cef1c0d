#include "core/results/taxonomy_results.h"

#include "core/util/percent.h"

#include <map>
#include <set>

namespace taxo::results {

std::string formatPercent(const CategoryResult& category) {
    return util::formatShare(category.count, category.rootCovered);
}

Result<TaxonomyResults> computeResults(sql::Database& db, const std::vector<FinalLabel>& finals,
                                       const ResultsOptions& options) {
    TaxonomyResults results;
    auto& summary = results.summary;
    summary.sampled = static_cast<std::int64_t>(finals.size());
    auto draws = db.queryInt("SELECT count(*) FROM sample_members");
    if (!draws)
        return draws.error();
    summary.sampleDraws = *draws;
    std::vector<std::int64_t> unresolved;
    for (const auto& label : finals) {
        switch (label.source) {
        case FinalSource::Pilot:
            ++summary.fromPilot;
            break;
        case FinalSource::Agreement:
            ++summary.fromAgreement;
            break;
        case FinalSource::Decision:
            ++summary.fromDecision;
            break;
        case FinalSource::Unresolved:
            unresolved.push_back(label.postId);
            break;
        }
    }
    summary.unresolved = static_cast<std::int64_t>(unresolved.size());
    if (!unresolved.empty() && !options.allowUnresolved) {
        std::string examples;
        for (std::size_t i = 0; i < unresolved.size() && i < 5; ++i)
            examples += (i ? ", " : "") + labels::describePost(db, unresolved[i]);
        return makeError(std::to_string(unresolved.size()) +
                         " sampled posts have no final label yet (" + examples +
                         (unresolved.size() > 5 ? ", ..." : "") +
                         "): finish the agreement or arbitration, or allow unresolved posts "
                         "(--allow-unresolved) to export anyway");
    }

    auto tree = codebook::listTree(db);
    if (!tree)
        return tree.error();
    // Index of each category and its chain of ancestors (itself included).
    std::map<codebook::CategoryId, std::size_t> indexOf;
    for (std::size_t i = 0; i < tree->size(); ++i)
        indexOf.emplace((*tree)[i].category.id, i);
    std::vector<std::optional<std::size_t>> parentOf(tree->size());
    std::vector<std::size_t> rootOf(tree->size());
    for (std::size_t i = 0; i < tree->size(); ++i) {
        const auto& parent = (*tree)[i].category.parentId;
        if (parent) {
            auto found = indexOf.find(*parent);
            if (found == indexOf.end())
                return makeError("category " + std::to_string((*tree)[i].category.id) +
                                 " has a parent that is not in the codebook");
            parentOf[i] = found->second;
            // Pre-order: the parent comes first, so its root is known.
            rootOf[i] = rootOf[found->second];
        } else {
            rootOf[i] = i;
        }
    }

    // Distinct posts per category, and per root (the covered posts).
    std::vector<std::set<std::int64_t>> postsOf(tree->size());
    std::set<std::int64_t> covered;
    for (const auto& label : finals) {
        if (!label.resolved())
            continue;
        if (label.special == labels::Special::FalsePositive)
            ++summary.falsePositive;
        else if (label.special == labels::Special::Unclear)
            ++summary.unclear;
        std::set<std::size_t> roots;
        for (const auto category : label.categories) {
            auto found = indexOf.find(category);
            if (found == indexOf.end())
                return makeError("the final label of " + labels::describePost(db, label.postId) +
                                 " names a category (id " + std::to_string(category) +
                                 ") that is not in the codebook");
            for (std::optional<std::size_t> at = found->second; at; at = parentOf[*at])
                postsOf[*at].insert(label.postId);
            roots.insert(rootOf[found->second]);
        }
        if (!roots.empty())
            covered.insert(label.postId);
        if (roots.size() > 1)
            ++summary.multiRootPosts;
    }
    summary.coveredPosts = static_cast<std::int64_t>(covered.size());

    for (std::size_t i = 0; i < tree->size(); ++i) {
        const auto& entry = (*tree)[i];
        CategoryResult result;
        result.category = entry.category;
        result.depth = entry.depth;
        result.parentIndex = parentOf[i];
        result.isLeaf = !entry.hasChildren;
        result.addedInArbitration = entry.category.createdIn == "arbitration";
        result.count = static_cast<std::int64_t>(postsOf[i].size());
        const auto denominator = postsOf[rootOf[i]].size();
        result.rootCovered = static_cast<std::int64_t>(denominator);
        if (denominator > 0)
            result.percent =
                100.0 * static_cast<double>(result.count) / static_cast<double>(denominator);
        result.path =
            parentOf[i] ? results.categories[*parentOf[i]].path : std::vector<std::string>{};
        result.path.push_back(entry.category.name);
        if (!parentOf[i]) {
            summary.coveredPerRoot.push_back({entry.category.name, result.count});
            summary.coveredSum += result.count;
        }
        results.categories.push_back(std::move(result));
    }
    return results;
}

Result<TaxonomyResults> computeResults(sql::Database& db, const ResultsOptions& options) {
    auto finals = finalLabels(db);
    if (!finals)
        return finals.error();
    return computeResults(db, *finals, options);
}

} // namespace taxo::results
