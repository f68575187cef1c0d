#include "core/arbitration/arbitrator_roots.h"

#include "core/store/statements.h"

#include <map>

namespace taxo::arbitration {

Result<std::vector<RootChoice>> rootChoices(sql::Database& db) {
    std::map<std::string, RootChoice> byName;
    auto entry = [&](const std::string& name) -> RootChoice& {
        auto& choice = byName[name];
        choice.name = name;
        return choice;
    };
    if (auto status =
            sql::forEachRow(db, "SELECT DISTINCT root_name FROM sets",
                            [&](sql::Statement& row) { entry(row.columnText(0)).inSets = true; });
        !status)
        return status.error();
    if (auto status = sql::forEachRow(
            db, "SELECT name FROM categories WHERE parent_id IS NULL",
            [&](sql::Statement& row) { entry(row.columnText(0)).inCodebook = true; });
        !status)
        return status.error();
    if (auto status = sql::forEachRow(
            db,
            "SELECT r.root_name, p.name FROM person_roles r JOIN people p ON p.id = r.person_id "
            "WHERE r.role = 'arbitrator' AND r.root_name IS NOT NULL",
            [&](sql::Statement& row) { entry(row.columnText(0)).arbitrator = row.columnText(1); });
        !status)
        return status.error();
    std::vector<RootChoice> choices;
    choices.reserve(byName.size());
    for (auto& [name, choice] : byName)
        if (!name.empty())
            choices.push_back(std::move(choice));
    return choices;
}

} // namespace taxo::arbitration
