#include "core/select/rules.h"

#include "core/text/html_text.h"
#include "core/util/files.h"

#include <nlohmann/json.hpp>
#include <set>

namespace taxo::select {
namespace {

using nlohmann::json;

// A validation failure: the JSON pointer of the offending value and what is wrong.
struct Problem {
    std::string pointer;
    std::string what;
};

std::string typeName(const json& value) {
    return value.type_name(); // "object", "array", "string", "number", "boolean", "null"
}

// RFC 6901: "~" and "/" inside a key are escaped, so the pointer stays unambiguous.
std::string pointerKey(const std::string& key) {
    std::string out;
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

bool onlyWhitespace(const std::string& text) {
    return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

// A non-empty array of non-empty strings, case-folded; duplicates are dropped.
bool readWordList(const json& value, const std::string& pointer, std::vector<std::string>& out,
                  Problem& problem) {
    if (!value.is_array()) {
        problem = {pointer, "must be an array of strings, not " + typeName(value)};
        return false;
    }
    if (value.empty()) {
        problem = {pointer, "is empty; leave the key out instead (an empty list matches nothing)"};
        return false;
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string at = pointer + "/" + std::to_string(i);
        if (!value[i].is_string()) {
            problem = {at, "must be a string, not " + typeName(value[i])};
            return false;
        }
        const auto& word = value[i].get_ref<const std::string&>();
        if (onlyWhitespace(word)) {
            problem = {at, "is empty"};
            return false;
        }
        std::string folded = text::foldCase(word);
        if (seen.insert(folded).second)
            out.push_back(std::move(folded));
    }
    return true;
}

bool readClause(const json& value, const std::string& pointer, Clause& clause, Problem& problem) {
    if (!value.is_object()) {
        problem = {pointer, "a clause must be an object, not " + typeName(value)};
        return false;
    }
    bool hasCondition = false;
    for (const auto& [key, item] : value.items()) {
        const std::string at = pointer + "/" + pointerKey(key);
        if (key == "tags_any") {
            if (!readWordList(item, at, clause.tagsAny, problem))
                return false;
            hasCondition = true;
        } else if (key == "keywords_any") {
            if (!readWordList(item, at, clause.keywordsAny, problem))
                return false;
            hasCondition = true;
        } else if (key == "words_all") {
            if (!readWordList(item, at, clause.wordsAll, problem))
                return false;
            hasCondition = true;
        } else if (key == "whole_words") {
            if (!item.is_boolean()) {
                problem = {at, "must be true or false, not " + typeName(item)};
                return false;
            }
            clause.wholeWords = item.get<bool>();
        } else {
            problem = {at, "unknown key '" + key +
                               "' (a clause has tags_any, keywords_any, words_all, whole_words)"};
            return false;
        }
    }
    if (!hasCondition) {
        // A clause without conditions would select every post: surely a mistake.
        problem = {pointer,
                   "the clause has no condition; give tags_any, keywords_any or words_all"};
        return false;
    }
    return true;
}

bool readSet(const json& value, const std::string& pointer, SetRule& set, Problem& problem) {
    if (!value.is_object()) {
        problem = {pointer, "a set must be an object, not " + typeName(value)};
        return false;
    }
    bool hasClauses = false;
    for (const auto& [key, item] : value.items()) {
        const std::string at = pointer + "/" + pointerKey(key);
        if (key == "name" || key == "root") {
            if (!item.is_string()) {
                problem = {at, "must be a string, not " + typeName(item)};
                return false;
            }
            const auto& text = item.get_ref<const std::string&>();
            if (onlyWhitespace(text)) {
                problem = {at, "is empty"};
                return false;
            }
            (key == "name" ? set.name : set.root) = text;
        } else if (key == "clauses") {
            if (!item.is_array()) {
                problem = {at, "must be an array of clauses, not " + typeName(item)};
                return false;
            }
            if (item.empty()) {
                problem = {at, "is empty; a set needs at least one clause"};
                return false;
            }
            for (std::size_t i = 0; i < item.size(); ++i) {
                Clause clause;
                if (!readClause(item[i], at + "/" + std::to_string(i), clause, problem))
                    return false;
                set.clauses.push_back(std::move(clause));
            }
            hasClauses = true;
        } else {
            problem = {at, "unknown key '" + key + "' (a set has name, root, clauses)"};
            return false;
        }
    }
    if (set.name.empty()) {
        problem = {pointer + "/name", "is missing; every set needs a name"};
        return false;
    }
    if (!hasClauses) {
        problem = {pointer + "/clauses", "is missing; a set needs at least one clause"};
        return false;
    }
    if (set.root.empty())
        set.root = set.name;
    set.json = value.dump();
    return true;
}

bool readRules(const json& document, Rules& rules, Problem& problem) {
    if (!document.is_object()) {
        problem = {"", "the rules must be a JSON object with a \"sets\" array, not " +
                           typeName(document)};
        return false;
    }
    for (const auto& [key, item] : document.items()) {
        if (key != "sets") {
            problem = {"/" + pointerKey(key),
                       "unknown key '" + key + "' (the rules have only \"sets\")"};
            return false;
        }
    }
    if (!document.contains("sets")) {
        problem = {"/sets", "is missing"};
        return false;
    }
    const json& sets = document["sets"];
    if (!sets.is_array()) {
        problem = {"/sets", "must be an array of sets, not " + typeName(sets)};
        return false;
    }
    if (sets.empty()) {
        problem = {"/sets", "is empty; define at least one set"};
        return false;
    }
    std::set<std::string> names;
    for (std::size_t i = 0; i < sets.size(); ++i) {
        SetRule set;
        const std::string at = "/sets/" + std::to_string(i);
        if (!readSet(sets[i], at, set, problem))
            return false;
        if (!names.insert(set.name).second) {
            problem = {at + "/name", "'" + set.name + "' names two sets; set names must differ"};
            return false;
        }
        rules.sets.push_back(std::move(set));
    }
    return true;
}

// Rules documents nest a handful of levels. Deeper input is refused before nlohmann
// sees it: its parser is iterative, but the parsed value is walked and serialised
// recursively (the set's rule is stored with dump()), so 100,000 brackets could overflow
// the stack. Returns the byte offset where the nesting passes `limit`, or npos.
constexpr std::size_t kMaxRulesDepth = 64;

std::size_t tooDeepAt(std::string_view text, std::size_t limit) {
    std::size_t depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i; // skips the escaped character, a quote included
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit)
                return i;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::string_view::npos;
}

} // namespace

Result<Rules> parseRules(std::string_view jsonText, const std::string& origin) {
    if (const auto at = tooDeepAt(jsonText, kMaxRulesDepth); at != std::string_view::npos)
        return makeError(origin + ": nested deeper than " + std::to_string(kMaxRulesDepth) +
                         " levels at byte " + std::to_string(at) + "; a rules file is not");
    json document;
    try {
        document = json::parse(jsonText.begin(), jsonText.end());
    } catch (const json::parse_error& error) {
        // nlohmann reports the byte offset; its message names what it expected.
        return makeError(origin + ": not valid JSON at byte " + std::to_string(error.byte) + ": " +
                         error.what());
    } catch (const json::exception& error) {
        // Not only parse_error: a number too large for a double (4e4444) is out_of_range,
        // and escaped here it ended the program (found by fuzz_rules).
        return makeError(origin + ": not valid JSON: " + error.what());
    }
    Rules rules;
    Problem problem;
    try {
        if (!readRules(document, rules, problem))
            return makeError(origin + ": " + (problem.pointer.empty() ? "/" : problem.pointer) +
                             " " + problem.what);
    } catch (const json::exception& error) {
        return makeError(origin + ": " + error.what());
    }
    return rules;
}

Result<Rules> loadRules(const std::string& path) {
    auto content = files::readAll(path);
    if (!content)
        return content.error();
    return parseRules(*content, path);
}

} // namespace taxo::select
