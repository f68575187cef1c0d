#include "core/results/taxonomy_export.h"

#include "core/util/csv.h"

#include <nlohmann/json.hpp>

namespace taxo::results {
namespace {

using nlohmann::json;

json summaryJson(const Summary& s) {
    json perRoot = json::object();
    for (const auto& root : s.coveredPerRoot)
        perRoot[root.root] = root.covered;
    return {
        {"sampled", s.sampled},
        {"sample_draws", s.sampleDraws},
        {"false_positive", s.falsePositive},
        {"unclear", s.unclear},
        {"covered_posts", s.coveredPosts},
        {"covered_per_root", perRoot},
        {"covered_sum", s.coveredSum},
        {"multi_root_posts", s.multiRootPosts},
        {"unresolved", s.unresolved},
        {"final_from",
         {{"pilot", s.fromPilot}, {"agreement", s.fromAgreement}, {"decision", s.fromDecision}}}};
}

json categoryJson(const CategoryResult& c, json children) {
    return {{"name", c.category.name},
            {"uid", c.category.uid},
            {"count", c.count},
            {"percent", c.percent ? json(*c.percent) : json(nullptr)},
            {"added_in_arbitration", c.addedInArbitration},
            {"children", std::move(children)}};
}

// The categories come in pre-order and a child always follows its parent, so the
// tree is built from the last category to the first: linear in the number of
// categories and with no recursion on the codebook's depth.
json rootsJson(const TaxonomyResults& results) {
    const auto& categories = results.categories;
    std::vector<std::vector<std::size_t>> childrenOf(categories.size());
    std::vector<std::size_t> roots;
    for (std::size_t i = 0; i < categories.size(); ++i) {
        const auto parent = categories[i].parentIndex;
        if (parent && *parent < i)
            childrenOf[*parent].push_back(i);
        else if (!parent)
            roots.push_back(i);
    }
    std::vector<json> built(categories.size());
    for (std::size_t i = categories.size(); i-- > 0;) {
        json children = json::array();
        for (const auto child : childrenOf[i])
            children.push_back(std::move(built[child]));
        built[i] = categoryJson(categories[i], std::move(children));
    }
    json out = json::array();
    for (const auto root : roots)
        out.push_back(std::move(built[root]));
    return out;
}

std::string joinPath(const std::vector<std::string>& path) {
    std::string text;
    for (std::size_t i = 0; i < path.size(); ++i)
        text += (i ? " > " : "") + path[i];
    return text;
}

bool isControl(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
}

std::string arbitrationMark(const CategoryResult& c) {
    return c.addedInArbitration ? "*" : "";
}

} // namespace

std::string toJson(const TaxonomyResults& results) {
    return json{{"summary", summaryJson(results.summary)}, {"roots", rootsJson(results)}}.dump(2) +
           "\n";
}

std::string toCsv(const TaxonomyResults& results) {
    std::string out = "path,level,count,percent,added_in_arbitration\r\n";
    for (const auto& c : results.categories)
        out += csv::textField(joinPath(c.path)) + "," + std::to_string(c.depth) + "," +
               std::to_string(c.count) + "," + (c.percent ? formatPercent(c) : "") + "," +
               (c.addedInArbitration ? "true" : "false") + "\r\n";
    return out;
}

std::string toMarkdown(const TaxonomyResults& results) {
    const auto& s = results.summary;
    std::string out = "| Category | Posts | % |\n|---|---:|---:|\n";
    for (const auto& c : results.categories) {
        std::string name = markdownEscape(c.category.name) + arbitrationMark(c);
        if (c.depth == 0)
            name = "**" + name + "**";
        else
            name = std::string(static_cast<std::size_t>(c.depth) * 2, ' ') + "&nbsp;&nbsp;" +
                   std::string(c.depth > 1 ? "&nbsp;&nbsp;" : "") + name;
        out += "| " + name + " | " + std::to_string(c.count) + " | " + formatPercent(c) + " |\n";
    }
    out += "\nSampled posts: " + std::to_string(s.sampled) + " distinct (" +
           std::to_string(s.sampleDraws) + " draws over the samples)" +
           "; false positives: " + std::to_string(s.falsePositive) +
           "; unclear: " + std::to_string(s.unclear) +
           "; covered: " + std::to_string(s.coveredSum) + " over the roots (" +
           std::to_string(s.coveredPosts) + " distinct posts, " + std::to_string(s.multiRootPosts) +
           " in two or more roots)";
    if (s.unresolved > 0)
        out += "; unresolved: " + std::to_string(s.unresolved);
    out += ".\nPercentages are of the covered posts of each root.";
    bool anyArbitration = false;
    for (const auto& c : results.categories)
        anyArbitration = anyArbitration || c.addedInArbitration;
    if (anyArbitration)
        out += " * added during arbitration.";
    return out + "\n";
}

std::string markdownEscape(const std::string& text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '&':
            out += "&amp;";
            break;
        case '\\':
        case '`':
        case '*':
        case '_':
        case '[':
        case ']':
        case '|':
            out += '\\';
            out += c;
            break;
        default:
            out += isControl(c) ? ' ' : c;
        }
    }
    return out;
}

std::string latexEscape(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (isControl(c)) {
            out += ' ';
            continue;
        }
        switch (c) {
        case '\\':
            out += "\\textbackslash{}";
            break;
        case '&':
        case '%':
        case '$':
        case '#':
        case '_':
        case '{':
        case '}':
            out += '\\';
            out += c;
            break;
        case '~':
            out += "\\textasciitilde{}";
            break;
        case '^':
            out += "\\textasciicircum{}";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string toLatex(const TaxonomyResults& results) {
    const auto& s = results.summary;
    std::string out = "% Requires \\usepackage{booktabs}\n"
                      "\\begin{tabular}{lrr}\n\\toprule\nCategory & Posts & \\% \\\\\n";
    for (const auto& c : results.categories) {
        if (c.depth == 0)
            out += "\\midrule\n\\textbf{" + latexEscape(c.category.name) + "}";
        else
            out += "\\hspace{" + std::to_string(c.depth) + "em}" + latexEscape(c.category.name);
        if (c.addedInArbitration)
            out += "$^{*}$";
        out += " & " + std::to_string(c.count) + " & " + formatPercent(c) + " \\\\\n";
    }
    out += "\\bottomrule\n\\end{tabular}\n% Sampled " + std::to_string(s.sampled) +
           " distinct posts (" + std::to_string(s.sampleDraws) + " draws)" + ", false positives " +
           std::to_string(s.falsePositive) + ", unclear " + std::to_string(s.unclear) +
           ", covered " + std::to_string(s.coveredSum) + " (" + std::to_string(s.coveredPosts) +
           " distinct), unresolved " + std::to_string(s.unresolved) + ".\n";
    return out;
}

} // namespace taxo::results
