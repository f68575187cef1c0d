#include "core/results/matrices.h"

#include "core/store/statements.h"
#include "core/util/csv.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

namespace taxo::results {
namespace {

std::string joinPath(const std::vector<std::string>& path) {
    std::string text;
    for (std::size_t i = 0; i < path.size(); ++i)
        text += (i ? " > " : "") + path[i];
    return text;
}

// Posts sort by source, then by the id their source gave them: ids made only of
// digits by value (so 9 comes before 10), before any other id, which sorts as text.
struct PostKey {
    std::string source;
    std::string sourceId;
    bool operator<(const PostKey& other) const {
        const auto numeric = [](const std::string& id) {
            return !id.empty() &&
                   std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
        };
        const auto key = [&](const PostKey& p) {
            const bool isNumber = numeric(p.sourceId);
            const auto digits = p.sourceId.find_first_not_of('0');
            const auto trimmed = isNumber && digits != std::string::npos
                                     ? p.sourceId.substr(digits)
                                     : (isNumber ? std::string() : p.sourceId);
            return std::make_tuple(p.source, !isNumber, isNumber ? trimmed.size() : 0, trimmed,
                                   p.sourceId);
        };
        return key(*this) < key(other);
    }
};

struct MatrixRow {
    std::int64_t postId = 0;
    int kind = 0; // 0 a coder's label, 1 the consensus, 2 the final label
    std::string round, coder;
    std::vector<codebook::CategoryId> categories;
    std::optional<labels::Special> special;
};

} // namespace

Result<Cooccurrence> computeCooccurrence(sql::Database& db, const std::vector<FinalLabel>& finals,
                                         const ResultsOptions& options) {
    auto results = computeResults(db, finals, options);
    if (!results)
        return results.error();
    Cooccurrence matrix;
    matrix.results = std::move(*results);
    const auto& categories = matrix.results.categories;

    std::map<codebook::CategoryId, std::size_t> indexOf;
    for (std::size_t i = 0; i < categories.size(); ++i)
        indexOf.emplace(categories[i].category.id, i);
    // Where each category sits in its root's block.
    std::vector<std::size_t> blockOf(categories.size()), slotOf(categories.size());
    for (std::size_t i = 0; i < categories.size(); ++i) {
        if (!categories[i].parentIndex) {
            matrix.roots.push_back({});
            matrix.roots.back().root = i;
        }
        auto& block = matrix.roots.back(); // pre-order: a root opens its block
        blockOf[i] = matrix.roots.size() - 1;
        slotOf[i] = block.categories.size();
        block.categories.push_back(i);
    }
    for (auto& block : matrix.roots)
        block.counts.assign(block.categories.size(),
                            std::vector<std::int64_t>(block.categories.size(), 0));

    for (const auto& label : finals) {
        if (!label.resolved())
            continue;
        // Every category the label holds, each once (two leaves share their parent).
        std::set<std::size_t> held;
        for (const auto category : label.categories) {
            const auto found = indexOf.find(category);
            if (found == indexOf.end())
                continue; // computeResults has refused such a label already
            for (std::optional<std::size_t> at = found->second; at;
                 at = categories[*at].parentIndex)
                held.insert(*at);
        }
        for (const auto a : held)
            for (const auto b : held)
                if (blockOf[a] == blockOf[b])
                    ++matrix.roots[blockOf[a]].counts[slotOf[a]][slotOf[b]];
    }
    return matrix;
}

Result<Cooccurrence> computeCooccurrence(sql::Database& db, const ResultsOptions& options) {
    auto finals = finalLabels(db);
    if (!finals)
        return finals.error();
    return computeCooccurrence(db, *finals, options);
}

std::string cooccurrenceCsv(const Cooccurrence& matrix) {
    std::string out = "root,category_a,level_a,category_b,level_b,posts\r\n";
    const auto& categories = matrix.results.categories;
    for (const auto& block : matrix.roots) {
        const auto root = csv::textField(categories[block.root].category.name);
        for (std::size_t a = 0; a < block.categories.size(); ++a) {
            const auto& first = categories[block.categories[a]];
            const auto firstCells =
                csv::textField(joinPath(first.path)) + "," + std::to_string(first.depth) + ",";
            for (std::size_t b = 0; b < block.categories.size(); ++b) {
                const auto& second = categories[block.categories[b]];
                out += root + "," + firstCells + csv::textField(joinPath(second.path)) + "," +
                       std::to_string(second.depth) + "," + std::to_string(block.counts[a][b]) +
                       "\r\n";
            }
        }
    }
    return out;
}

Result<std::string> postMatrixCsv(sql::Database& db) {
    auto finals = finalLabels(db);
    if (!finals)
        return finals.error();
    // The tree without counts: every category, its path and whether it has children.
    auto tree = computeResults(db, *finals, ResultsOptions{true});
    if (!tree)
        return tree.error();

    std::vector<MatrixRow> rows;
    std::map<std::int64_t, std::size_t> rowOfLabel;
    auto labelRows = sql::queryRows<std::pair<std::int64_t, MatrixRow>>(
        db,
        "SELECT l.id, l.post_id, r.name, l.coder_id IS NULL, ifnull(pe.name, ''), l.special "
        "FROM labels l JOIN rounds r ON r.id = l.round_id "
        "LEFT JOIN people pe ON pe.id = l.coder_id WHERE r.kind != 'calibration'",
        [](sql::Statement& row) {
            MatrixRow value;
            value.postId = row.columnInt(1);
            value.round = row.columnText(2);
            value.kind = row.columnInt(3) ? 1 : 0;
            value.coder = row.columnText(4);
            if (auto special = row.columnOptionalText(5))
                value.special = labels::parseSpecial(*special);
            return std::make_pair(row.columnInt(0), std::move(value));
        });
    if (!labelRows)
        return labelRows.error();
    for (auto& [id, row] : *labelRows) {
        rowOfLabel.emplace(id, rows.size());
        rows.push_back(std::move(row));
    }
    auto labelCategories = sql::queryRows<std::pair<std::int64_t, std::int64_t>>(
        db, "SELECT label_id, category_id FROM label_categories",
        [](sql::Statement& row) { return std::make_pair(row.columnInt(0), row.columnInt(1)); });
    if (!labelCategories)
        return labelCategories.error();
    for (const auto& [label, category] : *labelCategories)
        if (auto found = rowOfLabel.find(label); found != rowOfLabel.end())
            rows[found->second].categories.push_back(category);
    // A label with neither categories nor a special value holds only an initial code.
    std::erase_if(rows,
                  [](const MatrixRow& row) { return row.categories.empty() && !row.special; });
    for (const auto& label : *finals) {
        if (!label.resolved())
            continue;
        MatrixRow row;
        row.postId = label.postId;
        row.kind = 2;
        row.categories = label.categories;
        row.special = label.special;
        rows.push_back(std::move(row));
    }

    // The columns: the leaves, and any category a row carries that has children now.
    std::set<codebook::CategoryId> used;
    for (const auto& row : rows)
        used.insert(row.categories.begin(), row.categories.end());
    std::map<codebook::CategoryId, std::size_t> columnOf;
    std::string header = "post_source,post_id,row,round,coder";
    std::size_t columns = 0;
    for (const auto& c : tree->categories) {
        if (!c.isLeaf && !used.contains(c.category.id))
            continue;
        columnOf.emplace(c.category.id, columns++);
        header += "," + csv::textField(joinPath(c.path));
    }
    for (const auto category : used)
        if (!columnOf.contains(category))
            return makeError("a label names a category (id " + std::to_string(category) +
                             ") that is not in the codebook");
    header += ",false_positive,unclear,pending\r\n";

    std::map<std::int64_t, PostKey> posts;
    auto postRows = sql::queryRows<std::pair<std::int64_t, PostKey>>(
        db,
        "SELECT id, source, source_id FROM posts WHERE id IN (SELECT post_id FROM labels "
        "UNION SELECT post_id FROM decisions UNION SELECT post_id FROM round_items)",
        [](sql::Statement& row) {
            return std::make_pair(row.columnInt(0), PostKey{row.columnText(1), row.columnText(2)});
        });
    if (!postRows)
        return postRows.error();
    posts.insert(postRows->begin(), postRows->end());
    for (const auto& row : rows)
        if (!posts.contains(row.postId))
            return makeError("a label names a post (id " + std::to_string(row.postId) +
                             ") that is not in the project");
    std::sort(rows.begin(), rows.end(), [&](const MatrixRow& a, const MatrixRow& b) {
        const auto& pa = posts.at(a.postId);
        const auto& pb = posts.at(b.postId);
        if (pa < pb || pb < pa)
            return pa < pb;
        return std::tie(a.postId, a.kind, a.round, a.coder) <
               std::tie(b.postId, b.kind, b.round, b.coder);
    });

    std::string out = header;
    static const char* const kinds[] = {"coder", "consensus", "final"};
    for (const auto& row : rows) {
        const auto& post = posts.at(row.postId);
        std::vector<char> cells(columns, '0');
        for (const auto category : row.categories)
            cells[columnOf.at(category)] = '1';
        out += csv::textField(post.source) + "," + csv::textField(post.sourceId) + "," +
               kinds[row.kind] + "," + csv::textField(row.round) + "," + csv::textField(row.coder);
        for (const auto cell : cells)
            out += std::string(",") + cell;
        const auto flag = [&](labels::Special special) {
            return row.special == special ? ",1" : ",0";
        };
        out += flag(labels::Special::FalsePositive);
        out += flag(labels::Special::Unclear);
        out += flag(labels::Special::Pending);
        out += "\r\n";
    }
    return out;
}

} // namespace taxo::results
