#include "core/select/listed_set.h"

#include "core/store/statements.h"

#include <nlohmann/json.hpp>
#include <set>

namespace taxo::select {

Result<std::int64_t> insertListedSet(sql::Database& db, const ListedSet& set) {
    if (set.name.empty())
        return makeError("a set needs a name");
    if (set.root.empty())
        return makeError("set '" + set.name +
                         "' needs the root category its posts are coded under");
    if (!nlohmann::json::parse(set.rule, nullptr, false).is_object())
        return makeError("set '" + set.name + "': its rule is not a JSON object");
    auto taken = sql::queryIntBound(db, "SELECT count(*) FROM sets WHERE name = ?", set.name);
    if (!taken)
        return taken.error();
    if (*taken > 0)
        return makeError("a set named '" + set.name + "' already exists");
    std::set<std::int64_t> seen;
    for (const auto postId : set.postIds) {
        if (!seen.insert(postId).second)
            return makeError("set '" + set.name + "' lists post " + std::to_string(postId) +
                             " twice");
        auto present = sql::queryIntBound(db, "SELECT count(*) FROM posts WHERE id = ?", postId);
        if (!present)
            return present.error();
        if (*present == 0)
            return makeError("set '" + set.name + "' lists post " + std::to_string(postId) +
                             ", which is not in the project");
    }
    if (auto status = sql::runBound(
            db, "INSERT INTO sets(name, root_name, rules, created) VALUES (?, ?, ?, ?)", set.name,
            set.root, set.rule, set.created);
        !status)
        return status.error();
    const std::int64_t setId = db.lastInsertRowId();
    for (const auto postId : set.postIds)
        if (auto status = sql::runBound(
                db, "INSERT INTO set_members(set_id, post_id) VALUES (?, ?)", setId, postId);
            !status)
            return status.error();
    return setId;
}

} // namespace taxo::select
