#include "core/store/link_rows.h"

#include "core/store/statements.h"

#include <string>

namespace taxo::sql {

Result<ReassignedRows> reassignLinks(Database& db, const LinkTable& link, std::int64_t source,
                                     std::int64_t target, const std::vector<std::int64_t>& owners) {
    const std::string table = link.table;
    const std::string owner = link.ownerColumn;
    const std::string has =
        "SELECT count(*) FROM " + table + " WHERE " + owner + " = ? AND category_id = ?";
    const std::string update =
        "UPDATE " + table + " SET category_id = ? WHERE " + owner + " = ? AND category_id = ?";
    const std::string remove =
        "DELETE FROM " + table + " WHERE " + owner + " = ? AND category_id = ?";
    ReassignedRows rows;
    for (const auto id : owners) {
        auto hasTarget = queryIntBound(db, has, id, target);
        if (!hasTarget)
            return hasTarget.error();
        if (*hasTarget > 0) {
            if (auto status = runBound(db, remove, id, source); !status)
                return status.error();
            rows.dropped.push_back(id);
        } else {
            if (auto status = runBound(db, update, target, id, source); !status)
                return status.error();
            rows.moved.push_back(id);
        }
    }
    return rows;
}

Status restoreLinks(Database& db, const LinkTable& link, std::int64_t source, std::int64_t target,
                    const ReassignedRows& rows) {
    const std::string table = link.table;
    const std::string owner = link.ownerColumn;
    const std::string update =
        "UPDATE " + table + " SET category_id = ? WHERE " + owner + " = ? AND category_id = ?";
    const std::string insert =
        "INSERT INTO " + table + "(" + owner + ", category_id) VALUES (?, ?)";
    for (const auto id : rows.moved) {
        if (auto status = runBound(db, update, source, id, target); !status)
            return status;
        if (db.changes() != 1)
            return makeError("cannot undo: a row of " + table +
                             " changed since; the project is unchanged");
    }
    for (const auto id : rows.dropped) {
        if (auto status = runBound(db, insert, id, source); !status)
            return status;
    }
    return {};
}

} // namespace taxo::sql
