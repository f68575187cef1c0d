#include "cli/args.h"

#include <charconv>

namespace taxo::cli {

Result<Args> Args::parse(const std::vector<std::string>& words,
                         const std::vector<OptionSpec>& specs) {
    Args args;
    bool onlyPositionals = false;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& word = words[i];
        if (onlyPositionals || word.size() < 2 || word.rfind("--", 0) != 0) {
            if (!onlyPositionals && word.size() >= 2 && word[0] == '-' && word[1] != '-')
                return makeError("unknown option '" + word + "'");
            args.positionals_.push_back(word);
            continue;
        }
        if (word == "--") {
            onlyPositionals = true;
            continue;
        }
        std::string name = word.substr(2);
        std::optional<std::string> inlineValue;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            inlineValue = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        const OptionSpec* spec = nullptr;
        for (const auto& candidate : specs)
            if (candidate.name == name)
                spec = &candidate;
        if (!spec)
            return makeError("unknown option '--" + name + "'");
        if (!spec->repeatable && args.has(name))
            return makeError("option '--" + name + "' given twice");
        if (spec->takesValue) {
            if (inlineValue) {
                args.values_.emplace(name, *inlineValue);
            } else {
                if (i + 1 >= words.size())
                    return makeError("option '--" + name + "' needs a value");
                args.values_.emplace(name, words[++i]);
            }
        } else {
            if (inlineValue)
                return makeError("option '--" + name + "' takes no value");
            args.values_.emplace(name, "");
        }
    }
    return args;
}

std::optional<std::string> Args::value(const std::string& name) const {
    const auto it = values_.find(name);
    if (it == values_.end())
        return std::nullopt;
    return it->second;
}

std::vector<std::string> Args::values(const std::string& name) const {
    std::vector<std::string> result;
    const auto [first, last] = values_.equal_range(name);
    for (auto it = first; it != last; ++it)
        result.push_back(it->second);
    return result;
}

std::optional<std::int64_t> parseInteger(const std::string& text) {
    std::int64_t value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end)
        return std::nullopt;
    return value;
}

} // namespace taxo::cli
