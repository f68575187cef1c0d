// Export of the exchange document: every table of the study, with posts, people,
// rounds and categories referenced by name, item id or path instead of row ids, so
// the document reads on its own and imports into any empty project.

#include "core/arbitration/decision_quotes.h"
#include "core/exchange/exchange.h"
#include "core/labels/quotes.h"
#include "core/store/statements.h"
#include "core/util/files.h"

#include <algorithm>
#include <functional>
#include <map>

namespace taxo::exchange {
namespace {

using json = nlohmann::json;

json text(sql::Statement& stmt, int column) {
    if (stmt.columnIsNull(column))
        return nullptr;
    return stmt.columnText(column);
}

json integer(sql::Statement& stmt, int column) {
    if (stmt.columnIsNull(column))
        return nullptr;
    return stmt.columnInt(column);
}

json real(sql::Statement& stmt, int column) {
    if (stmt.columnIsNull(column))
        return nullptr;
    return stmt.columnDouble(column);
}

// What the export refers to by row id, and how the document names it.
struct Names {
    std::map<std::int64_t, std::string> items, people, rounds;
    std::map<std::int64_t, json> paths; // category id -> ["Root", "Inner", "Leaf"]
};

Status collectNames(sql::Database& db, Names& names) {
    if (auto status = sql::forEachRow(db, "SELECT id, source, source_id FROM posts",
                                      [&](sql::Statement& row) {
                                          names.items[row.columnInt(0)] =
                                              itemId(row.columnText(1), row.columnText(2));
                                      });
        !status)
        return status;
    if (auto status = sql::forEachRow(
            db, "SELECT id, name FROM people",
            [&](sql::Statement& row) { names.people[row.columnInt(0)] = row.columnText(1); });
        !status)
        return status;
    if (auto status = sql::forEachRow(
            db, "SELECT id, name FROM rounds",
            [&](sql::Statement& row) { names.rounds[row.columnInt(0)] = row.columnText(1); });
        !status)
        return status;
    // Parents have smaller ids only by habit, so resolve paths by walking up.
    std::map<std::int64_t, std::pair<std::optional<std::int64_t>, std::string>> parents;
    if (auto status = sql::forEachRow(
            db, "SELECT id, parent_id, name FROM categories",
            [&](sql::Statement& row) {
                parents[row.columnInt(0)] = {row.columnOptionalInt(1), row.columnText(2)};
            });
        !status)
        return status;
    for (const auto& [id, entry] : parents) {
        std::vector<std::string> path;
        std::optional<std::int64_t> at = id;
        while (at && path.size() <= parents.size()) {
            const auto& node = parents.at(*at);
            path.insert(path.begin(), node.second);
            at = node.first;
        }
        names.paths[id] = path;
    }
    return {};
}

std::string nameOr(const std::map<std::int64_t, std::string>& names,
                   std::optional<std::int64_t> id) {
    if (!id)
        return {};
    const auto found = names.find(*id);
    return found == names.end() ? std::string() : found->second;
}

json personOrNull(const Names& names, sql::Statement& row, int column) {
    if (row.columnIsNull(column))
        return nullptr;
    return nameOr(names.people, row.columnInt(column));
}

Result<json> exportItems(sql::Database& db, const Names& names) {
    std::map<std::int64_t, json> items;
    auto status = sql::forEachRow(
        db,
        "SELECT id, source, source_id, title, body, created, owner_user_id, owner_display_name, "
        "score, view_count, answer_count, comment_count, closed_date, accepted_answer_source_id, "
        "accepted_answer_created FROM posts ORDER BY id",
        [&](sql::Statement& row) {
            items[row.columnInt(0)] = {{"id", names.items.at(row.columnInt(0))},
                                       {"source", row.columnText(1)},
                                       {"source_id", row.columnText(2)},
                                       {"title", row.columnText(3)},
                                       {"body", row.columnText(4)},
                                       {"tags", json::array()},
                                       {"created", text(row, 5)},
                                       {"author", text(row, 6)},
                                       {"author_name", text(row, 7)},
                                       {"score", integer(row, 8)},
                                       {"view_count", integer(row, 9)},
                                       {"answer_count", integer(row, 10)},
                                       {"comment_count", integer(row, 11)},
                                       {"closed", text(row, 12)},
                                       {"accepted_answer_id", text(row, 13)},
                                       {"accepted_answer_created", text(row, 14)},
                                       {"answers", json::array()},
                                       {"comments", json::array()}};
        });
    if (!status)
        return status.error();
    status = sql::forEachRow(db, "SELECT post_id, tag FROM post_tags ORDER BY post_id, position",
                             [&](sql::Statement& row) {
                                 items.at(row.columnInt(0))["tags"].push_back(row.columnText(1));
                             });
    if (!status)
        return status.error();
    std::map<std::int64_t, std::string> answerIds;
    status = sql::forEachRow(db,
                             "SELECT id, post_id, source_id, body, created, score, owner_user_id, "
                             "owner_display_name, accepted FROM answers ORDER BY post_id, id",
                             [&](sql::Statement& row) {
                                 answerIds[row.columnInt(0)] = row.columnText(2);
                                 items.at(row.columnInt(1))["answers"].push_back(
                                     {{"id", row.columnText(2)},
                                      {"body", row.columnText(3)},
                                      {"created", text(row, 4)},
                                      {"score", integer(row, 5)},
                                      {"author", text(row, 6)},
                                      {"author_name", text(row, 7)},
                                      {"accepted", row.columnInt(8) != 0}});
                             });
    if (!status)
        return status.error();
    status = sql::forEachRow(db,
                             "SELECT post_id, answer_id, source_id, text, created, score, author, "
                             "author_user_id FROM comments ORDER BY post_id, id",
                             [&](sql::Statement& row) {
                                 json answer = nullptr;
                                 if (!row.columnIsNull(1))
                                     answer = answerIds.at(row.columnInt(1));
                                 items.at(row.columnInt(0))["comments"].push_back(
                                     {{"id", row.columnText(2)},
                                      {"answer", answer},
                                      {"text", row.columnText(3)},
                                      {"created", text(row, 4)},
                                      {"score", integer(row, 5)},
                                      {"author_name", text(row, 6)},
                                      {"author", text(row, 7)}});
                             });
    if (!status)
        return status.error();
    json list = json::array();
    for (auto& [id, item] : items)
        list.push_back(std::move(item));
    return list;
}

Result<json> exportTaxonomy(sql::Database& db, const Names& names) {
    struct Node {
        std::optional<std::int64_t> parent;
        json value;
    };
    std::map<std::int64_t, Node> nodes;
    std::vector<std::int64_t> order; // siblings by position, then id
    auto status = sql::forEachRow(
        db,
        "SELECT id, parent_id, uid, name, description, created, created_by, created_in "
        "FROM categories ORDER BY position, id",
        [&](sql::Statement& row) {
            const auto id = row.columnInt(0);
            order.push_back(id);
            nodes[id] = {row.columnOptionalInt(1),
                         {{"id", row.columnText(2)},
                          {"name", row.columnText(3)},
                          {"description", row.columnText(4)},
                          {"created", row.columnText(5)},
                          {"created_by", personOrNull(names, row, 6)},
                          {"created_in", row.columnText(7)},
                          {"examples", json::array()},
                          {"children", json::array()}}};
        });
    if (!status)
        return status.error();
    status =
        sql::forEachRow(db, "SELECT category_id, post_id FROM category_examples ORDER BY post_id",
                        [&](sql::Statement& row) {
                            nodes.at(row.columnInt(0))
                                .value["examples"]
                                .push_back(names.items.at(row.columnInt(1)));
                        });
    if (!status)
        return status.error();
    // Build from the leaves up: a child is complete before it moves into its parent.
    std::map<std::int64_t, std::vector<std::int64_t>> children;
    std::vector<std::int64_t> roots;
    for (const auto id : order) {
        if (const auto parent = nodes.at(id).parent)
            children[*parent].push_back(id);
        else
            roots.push_back(id);
    }
    std::function<json(std::int64_t)> build = [&](std::int64_t id) {
        json value = nodes.at(id).value;
        for (const auto child : children[id])
            value["children"].push_back(build(child));
        return value;
    };
    json list = json::array();
    for (const auto id : roots)
        list.push_back(build(id));
    return list;
}

json categoryList(const Names& names, const std::vector<std::int64_t>& ids) {
    // Sorted by path, not by row id: ids differ after an import, paths do not.
    std::vector<json> paths;
    for (const auto id : ids)
        paths.push_back(names.paths.at(id));
    std::sort(paths.begin(), paths.end());
    return json(paths);
}

// A label's or a decision's quotes in their order; a decision's name the coder each came
// from (null: the pilot pair's consensus label).
Result<json> quoteList(sql::Database& db, const Names& names, const labels::QuoteTable& table,
                       std::int64_t owner) {
    auto quotes = labels::loadQuotes(db, table, owner);
    if (!quotes)
        return quotes.error();
    json list = json::array();
    for (const auto& kept : *quotes) {
        const auto& quote = kept.quote;
        json entry = {{"category", names.paths.at(quote.category)},
                      {"part", std::string(corpus::partName(quote.part))},
                      {"part_id", quote.partSourceId},
                      {"start", quote.start},
                      {"end", quote.end},
                      {"text", quote.text}};
        if (table.hasQuotedBy)
            entry["quoted_by"] =
                kept.quotedBy ? json(nameOr(names.people, *kept.quotedBy)) : json(nullptr);
        list.push_back(std::move(entry));
    }
    return list;
}

} // namespace

std::string itemId(const std::string& source, const std::string& sourceId) {
    return (source == "stackoverflow" ? std::string("so") : source) + ":" + sourceId;
}

Result<json> exportDocument(Project& project) {
    auto& db = project.db();
    Names names;
    if (auto status = collectNames(db, names); !status)
        return status.error();
    // From the file, not from Project: an import in this session may have replaced them.
    auto projectId = db.queryText("SELECT value FROM meta WHERE key = 'project_id'");
    auto projectTitle = db.queryText("SELECT value FROM meta WHERE key = 'title'");
    if (!projectId)
        return projectId.error();
    if (!projectTitle)
        return projectTitle.error();
    json document = {{"format", kFormat},
                     {"version", kVersion},
                     {"project", {{"id", *projectId}, {"title", *projectTitle}}}};
    auto items = exportItems(db, names);
    if (!items)
        return items.error();
    document["items"] = std::move(*items);
    auto taxonomy = exportTaxonomy(db, names);
    if (!taxonomy)
        return taxonomy.error();
    document["taxonomy"] = std::move(*taxonomy);

    std::map<std::int64_t, json> sets;
    std::map<std::int64_t, std::string> setNames;
    auto status = sql::forEachRow(
        db, "SELECT id, name, root_name, rules, created FROM sets ORDER BY id",
        [&](sql::Statement& row) {
            setNames[row.columnInt(0)] = row.columnText(1);
            sets[row.columnInt(0)] = {{"name", row.columnText(1)},
                                      {"root", json::array({row.columnText(2)})},
                                      {"rules", json::parse(row.columnText(3), nullptr, false)},
                                      {"created", row.columnText(4)},
                                      {"items", json::array()}};
        });
    if (!status)
        return status.error();
    status = sql::forEachRow(db, "SELECT set_id, post_id FROM set_members ORDER BY set_id, post_id",
                             [&](sql::Statement& row) {
                                 sets.at(row.columnInt(0))["items"].push_back(
                                     names.items.at(row.columnInt(1)));
                             });
    if (!status)
        return status.error();
    // Only sets that have them (schema version 2 on) carry clause counts.
    status = sql::forEachRow(
        db,
        "SELECT set_id, matched, cumulative FROM set_clause_counts ORDER BY set_id, "
        "position",
        [&](sql::Statement& row) {
            sets.at(row.columnInt(0))["clause_counts"].push_back(
                {{"matched", row.columnInt(1)}, {"cumulative", row.columnInt(2)}});
        });
    if (!status)
        return status.error();
    document["sets"] = json::array();
    for (auto& [id, set] : sets)
        document["sets"].push_back(std::move(set));

    // Samples have no name; rounds refer to them by their place in this list.
    std::map<std::int64_t, std::size_t> sampleIndex;
    std::map<std::int64_t, json> samples;
    status = sql::forEachRow(
        db,
        "SELECT id, set_id, seed, size, method, pilot_fraction, created, population, "
        "confidence, margin, proportion, rounding, left_out FROM samples ORDER BY id",
        [&](sql::Statement& row) {
            sampleIndex[row.columnInt(0)] = sampleIndex.size();
            samples[row.columnInt(0)] = {{"set", setNames.at(row.columnInt(1))},
                                         {"seed", row.columnText(2)},
                                         {"size", row.columnInt(3)},
                                         {"method", row.columnText(4)},
                                         {"pilot_fraction", row.columnDouble(5)},
                                         {"created", row.columnText(6)},
                                         {"population", integer(row, 7)},
                                         {"confidence", real(row, 8)},
                                         {"margin", real(row, 9)},
                                         {"proportion", real(row, 10)},
                                         {"rounding", text(row, 11)},
                                         {"items", json::array()}};
            // Written only when a draw left posts out, so documents of
            // projects that never did stay as they were.
            if (row.columnInt(12) > 0)
                samples[row.columnInt(0)]["left_out"] = row.columnInt(12);
        });
    if (!status)
        return status.error();
    status = sql::forEachRow(
        db, "SELECT sample_id, post_id FROM sample_members ORDER BY sample_id, position",
        [&](sql::Statement& row) {
            samples.at(row.columnInt(0))["items"].push_back(names.items.at(row.columnInt(1)));
        });
    if (!status)
        return status.error();
    document["samples"] = json::array();
    for (auto& [id, sample] : samples)
        document["samples"].push_back(std::move(sample));

    std::map<std::int64_t, json> people;
    status = sql::forEachRow(db, "SELECT id, name, created FROM people ORDER BY id",
                             [&](sql::Statement& row) {
                                 people[row.columnInt(0)] = {{"name", row.columnText(1)},
                                                             {"created", row.columnText(2)},
                                                             {"roles", json::array()},
                                                             {"roots", json::array()}};
                             });
    if (!status)
        return status.error();
    status = sql::forEachRow(db,
                             "SELECT person_id, role, root_name FROM person_roles "
                             "ORDER BY person_id, role, root_name",
                             [&](sql::Statement& row) {
                                 auto& person = people.at(row.columnInt(0));
                                 const auto role = row.columnText(1);
                                 if (std::find(person["roles"].begin(), person["roles"].end(),
                                               role) == person["roles"].end())
                                     person["roles"].push_back(role);
                                 if (!row.columnIsNull(2))
                                     person["roots"].push_back(json::array({row.columnText(2)}));
                             });
    if (!status)
        return status.error();
    document["people"] = json::array();
    for (auto& [id, person] : people)
        document["people"].push_back(std::move(person));

    std::map<std::int64_t, json> rounds;
    status = sql::forEachRow(
        db,
        "SELECT r.id, r.name, r.kind, r.sample_id, r.state, r.created, p.name FROM rounds r "
        "LEFT JOIN rounds p ON p.id = r.pilot_round_id ORDER BY r.id",
        [&](sql::Statement& row) {
            json sample = nullptr;
            if (!row.columnIsNull(3))
                sample = sampleIndex.at(row.columnInt(3));
            auto& round = rounds[row.columnInt(0)];
            round = {{"name", row.columnText(1)},
                     {"kind", row.columnText(2)},
                     {"sample", sample},
                     {"state", row.columnText(4)},
                     {"created", row.columnText(5)},
                     {"coders", json::array()},
                     {"items", json::array()}};
            // Only a calibration round has a pilot, so other rounds read as before.
            if (!row.columnIsNull(6))
                round["pilot"] = row.columnText(6);
        });
    if (!status)
        return status.error();
    status = sql::forEachRow(
        db, "SELECT round_id, person_id FROM round_coders ORDER BY round_id, person_id",
        [&](sql::Statement& row) {
            rounds.at(row.columnInt(0))["coders"].push_back(names.people.at(row.columnInt(1)));
        });
    if (!status)
        return status.error();
    status = sql::forEachRow(
        db, "SELECT round_id, post_id FROM round_items ORDER BY round_id, position",
        [&](sql::Statement& row) {
            rounds.at(row.columnInt(0))["items"].push_back(names.items.at(row.columnInt(1)));
        });
    if (!status)
        return status.error();
    document["rounds"] = json::array();
    for (auto& [id, round] : rounds)
        document["rounds"].push_back(std::move(round));

    std::map<std::int64_t, std::vector<std::int64_t>> labelCategories, decisionCategories;
    status = sql::forEachRow(db, "SELECT label_id, category_id FROM label_categories",
                             [&](sql::Statement& row) {
                                 labelCategories[row.columnInt(0)].push_back(row.columnInt(1));
                             });
    if (!status)
        return status.error();
    status = sql::forEachRow(db, "SELECT decision_id, category_id FROM decision_categories",
                             [&](sql::Statement& row) {
                                 decisionCategories[row.columnInt(0)].push_back(row.columnInt(1));
                             });
    if (!status)
        return status.error();
    document["labels"] = json::array();
    std::vector<std::int64_t> labelIds, decisionIds;
    status = sql::forEachRow(
        db,
        "SELECT id, round_id, post_id, coder_id, special, suggestion, note, code, "
        "updated FROM labels ORDER BY round_id, post_id, ifnull(coder_id, 0)",
        [&](sql::Statement& row) {
            document["labels"].push_back(
                {{"round", names.rounds.at(row.columnInt(1))},
                 {"item", names.items.at(row.columnInt(2))},
                 {"coder", personOrNull(names, row, 3)},
                 {"categories", categoryList(names, labelCategories[row.columnInt(0)])},
                 {"special", text(row, 4)},
                 {"suggestion", row.columnText(5)},
                 {"note", row.columnText(6)},
                 {"code", row.columnText(7)},
                 {"updated", row.columnText(8)}});
            labelIds.push_back(row.columnInt(0));
        });
    if (!status)
        return status.error();
    for (std::size_t i = 0; i < labelIds.size(); ++i) {
        auto quotes = quoteList(db, names, labels::kLabelQuotes, labelIds[i]);
        if (!quotes)
            return quotes.error();
        document["labels"][i]["quotes"] = std::move(*quotes);
    }
    document["decisions"] = json::array();
    status = sql::forEachRow(
        db,
        "SELECT id, post_id, arbitrator_id, special, rationale, decided "
        "FROM decisions ORDER BY post_id",
        [&](sql::Statement& row) {
            document["decisions"].push_back(
                {{"item", names.items.at(row.columnInt(1))},
                 {"arbitrator", names.people.at(row.columnInt(2))},
                 {"categories", categoryList(names, decisionCategories[row.columnInt(0)])},
                 {"special", text(row, 3)},
                 {"rationale", row.columnText(4)},
                 {"decided", row.columnText(5)}});
            decisionIds.push_back(row.columnInt(0));
        });
    if (!status)
        return status.error();
    for (std::size_t i = 0; i < decisionIds.size(); ++i) {
        auto quotes = quoteList(db, names, arbitration::kDecisionQuotes, decisionIds[i]);
        if (!quotes)
            return quotes.error();
        document["decisions"][i]["quotes"] = std::move(*quotes);
    }
    return document;
}

Status exportFile(Project& project, const std::string& path, files::Replace replace) {
    auto document = exportDocument(project);
    if (!document)
        return document.error();
    return files::writeAtomically(path, document->dump(2) + "\n", replace);
}

} // namespace taxo::exchange
