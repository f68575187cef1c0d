#pragma once
// A set whose posts are listed rather than matched by selection rules: a set carried
// over from another study or tool, whose members are known one by one. The rule that
// described them there, if any, is kept with the set for the methods text, which has
// no counts to give for it (they are counted only when the selection builds a set).

#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace taxo::select {

struct ListedSet {
    std::string name;
    std::string root; // the root category its posts are coded under
    std::vector<std::int64_t> postIds;
    std::string rule = "{}"; // a JSON object, as the selection stores a set's rule
    std::string created;     // UTC ISO time
};

// Adds the set and its members inside the caller's transaction and returns its id; the
// caller logs its own action. Refuses an empty name or root, a name already in use, a
// rule that is not a JSON object, a post that is not in the project and a post listed
// twice.
Result<std::int64_t> insertListedSet(sql::Database& db, const ListedSet& set);

} // namespace taxo::select
