#pragma once
// A small command-line parser: positionals, --flag, --option VALUE and
// --option=VALUE. Unknown options are usage errors, so typos never pass silently.

#include "core/util/result.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace taxo::cli {

struct OptionSpec {
    std::string name; // without the leading dashes
    bool takesValue = false;
    bool repeatable = false;
};

class Args {
public:
    static Result<Args> parse(const std::vector<std::string>& words,
                              const std::vector<OptionSpec>& specs);

    const std::vector<std::string>& positionals() const { return positionals_; }
    bool has(const std::string& name) const { return values_.count(name) > 0; }
    std::optional<std::string> value(const std::string& name) const;
    std::vector<std::string> values(const std::string& name) const;

private:
    std::vector<std::string> positionals_;
    std::multimap<std::string, std::string> values_;
};

// A whole number given as an option's value (--size, --count); nullopt for anything
// else, which the command reports as wrong usage (exit 2).
std::optional<std::int64_t> parseInteger(const std::string& text);

} // namespace taxo::cli
