#include "core/select/rules_document.h"

#include "core/select/rules.h"
#include "core/store/sqlite.h"

#include <nlohmann/json.hpp>

namespace taxo::select {
namespace {

using nlohmann::json;

std::vector<std::string> stringsOf(const json& clause, const char* key) {
    std::vector<std::string> words;
    if (const auto it = clause.find(key); it != clause.end())
        for (const auto& word : *it)
            words.push_back(word.get<std::string>());
    return words;
}

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

} // namespace

Result<std::vector<ClauseRow>> clauseRows(std::string_view jsonText, const std::string& origin) {
    auto parsed = parseRules(jsonText, origin);
    if (!parsed)
        return parsed.error();
    // parseRules accepted the document, so every key and type below is as expected; the
    // words are read again from the JSON to keep them as written.
    try {
        const json document = json::parse(jsonText.begin(), jsonText.end());
        std::vector<ClauseRow> rows;
        for (const auto& set : document.at("sets")) {
            const std::string name = set.at("name").get<std::string>();
            const std::string root = set.value("root", std::string());
            for (const auto& clause : set.at("clauses")) {
                ClauseRow row;
                row.set = name;
                row.root = root;
                row.tagsAny = stringsOf(clause, "tags_any");
                row.keywordsAny = stringsOf(clause, "keywords_any");
                row.wordsAll = stringsOf(clause, "words_all");
                row.wholeWords = clause.value("whole_words", false);
                rows.push_back(std::move(row));
            }
        }
        return rows;
    } catch (const json::exception& error) {
        return makeError(origin + ": " + error.what());
    }
}

std::string rulesDocument(const std::vector<ClauseRow>& rows) {
    json sets = json::array();
    std::vector<std::string> names;
    for (const auto& row : rows) {
        std::size_t index = 0;
        while (index < names.size() && names[index] != row.set)
            ++index;
        if (index == names.size()) {
            names.push_back(row.set);
            sets.push_back({{"name", row.set}, {"clauses", json::array()}});
        }
        json& set = sets[index];
        if (!set.contains("root") && !trimmed(row.root).empty())
            set["root"] = row.root;
        json clause = json::object();
        if (!row.tagsAny.empty())
            clause["tags_any"] = row.tagsAny;
        if (!row.keywordsAny.empty())
            clause["keywords_any"] = row.keywordsAny;
        if (!row.wordsAll.empty())
            clause["words_all"] = row.wordsAll;
        if (row.wholeWords)
            clause["whole_words"] = true;
        set["clauses"].push_back(std::move(clause));
    }
    return json{{"sets", std::move(sets)}}.dump(2) + "\n";
}

Result<std::string> projectRulesDocument(sql::Database& db) {
    auto stmt = db.prepare("SELECT name, rules FROM sets ORDER BY id");
    if (!stmt)
        return stmt.error();
    json sets = json::array();
    std::string problem;
    auto status = stmt->forEachRow([&](const sql::Statement& row) {
        const auto text = row.columnText(1);
        auto set = json::parse(text, nullptr, false);
        if (set.is_discarded() || !set.is_object()) {
            if (problem.empty())
                problem = "the rules stored with set '" + row.columnText(0) + "' are not JSON";
            return;
        }
        if (!set.empty()) // a set made without rules has none to show
            sets.push_back(std::move(set));
    });
    if (!status)
        return status.error();
    if (!problem.empty())
        return makeError(problem);
    return json{{"sets", std::move(sets)}}.dump(2) + "\n";
}

Result<std::vector<ClauseRow>> projectClauseRows(sql::Database& db) {
    auto document = projectRulesDocument(db);
    if (!document)
        return document.error();
    // parseRules refuses a document without sets, which is how every project starts.
    if (json::parse(*document).at("sets").empty())
        return std::vector<ClauseRow>{};
    return clauseRows(*document, "the rules stored with the project's sets");
}

std::vector<std::string> splitWordList(std::string_view text) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto comma = text.find(',', start);
        if (comma == std::string_view::npos)
            comma = text.size();
        if (auto word = trimmed(text.substr(start, comma - start)); !word.empty())
            words.push_back(std::move(word));
        start = comma + 1;
    }
    return words;
}

std::string joinWordList(const std::vector<std::string>& words) {
    std::string text;
    for (const auto& word : words) {
        if (!text.empty())
            text += ", ";
        text += word;
    }
    return text;
}

} // namespace taxo::select
