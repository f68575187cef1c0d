#include "core/select/set_roots.h"

#include "core/store/statements.h"

namespace taxo::select {
namespace {

Status nameRoot(sql::Database& db, const std::vector<std::int64_t>& setIds,
                const std::string& name) {
    for (const auto set : setIds)
        if (auto status =
                sql::runBound(db, "UPDATE sets SET root_name = ? WHERE id = ?", name, set);
            !status)
            return status;
    return {};
}

} // namespace

Result<std::vector<std::int64_t>> renameRoot(sql::Database& db, const std::string& oldName,
                                             const std::string& newName) {
    auto sets =
        sql::queryIntsBound(db, "SELECT id FROM sets WHERE root_name = ? ORDER BY id", oldName);
    if (!sets)
        return sets.error();
    if (auto status = nameRoot(db, *sets, newName); !status)
        return status.error();
    return sets;
}

Status restoreRootName(sql::Database& db, const std::vector<std::int64_t>& setIds,
                       const std::string& oldName) {
    return nameRoot(db, setIds, oldName);
}

} // namespace taxo::select
