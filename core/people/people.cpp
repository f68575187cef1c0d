#include "core/people/people.h"

#include "core/store/change_log.h"
#include "core/store/statements.h"
#include "core/util/ids.h"

#include <nlohmann/json.hpp>

namespace taxo::people {
namespace {

// Names are typed on command lines and listed with commas (round assign --coders
// A,B), so a comma, a control character or surrounding blanks would make them ambiguous.
Status checkName(const std::string& name) {
    if (name.empty())
        return makeError("a person needs a name");
    if (name.front() == ' ' || name.back() == ' ')
        return makeError("the name '" + name + "' starts or ends with a blank; remove it");
    for (const char c : name) {
        if (c == ',')
            return makeError("the name '" + name +
                             "' contains a comma; commas separate names in lists of coders");
        if (static_cast<unsigned char>(c) < 0x20)
            return makeError("the name '" + name + "' contains a control character");
    }
    return {};
}

sql::TransactionWording writeWording(const sql::Database& db) {
    return {db.path() + ": cannot write: ", db.path() + ": cannot save: "};
}

} // namespace

std::string_view roleName(Role role) {
    switch (role) {
    case Role::Lead:
        return "lead";
    case Role::Coder:
        return "coder";
    case Role::Arbitrator:
        return "arbitrator";
    }
    return "coder";
}

Result<Role> parseRole(std::string_view text) {
    if (text == "lead")
        return Role::Lead;
    if (text == "coder")
        return Role::Coder;
    if (text == "arbitrator")
        return Role::Arbitrator;
    return makeError("unknown role '" + std::string(text) + "'; use coder, arbitrator or lead");
}

Result<std::int64_t> findPerson(sql::Database& db, const std::string& name) {
    auto stmt = db.prepare("SELECT id FROM people WHERE name = ?");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, name);
    auto row = stmt->step();
    if (!row)
        return row.error();
    if (*row)
        return stmt->columnInt(0);
    auto all = db.prepare("SELECT name FROM people ORDER BY name");
    if (!all)
        return all.error();
    std::string known;
    if (auto status = all->forEachRow([&](sql::Statement& nameRow) {
            known += (known.empty() ? "" : ", ") + nameRow.columnText(0);
        });
        !status)
        return status.error();
    return makeError("no person named '" + name + "'" +
                     (known.empty() ? std::string("; nobody has been added yet")
                                    : "; the people are: " + known) +
                     " (add people with taxo people add)");
}

Status addRole(Project& project, const std::string& name, Role role, const std::string& root) {
    return addRole(project.db(), name, role, root);
}

Status addRole(sql::Database& db, const std::string& name, Role role, const std::string& root) {
    if (auto status = checkName(name); !status)
        return status;
    if (role == Role::Arbitrator && root.empty())
        return makeError("an arbitrator settles the conflicts of one root category; name it "
                         "(--root NAME)");
    if (role != Role::Arbitrator && !root.empty())
        return makeError("only an arbitrator has a root category; a " +
                         std::string(roleName(role)) + " takes none");
    return sql::inTransaction(db, writeWording(db), [&]() -> Status {
        const auto now = utcNowIso();

        std::int64_t personId = 0;
        bool created = false;
        {
            auto find = db.prepare("SELECT id FROM people WHERE name = ?");
            if (!find)
                return find.error();
            find->bind(1, name);
            auto row = find->step();
            if (!row)
                return row.error();
            if (*row)
                personId = find->columnInt(0);
        }
        if (personId == 0) {
            auto insert = db.prepare("INSERT INTO people(name, created) VALUES (?, ?)");
            if (!insert)
                return insert.error();
            if (auto status = insert->bind(1, name).bind(2, now).run(); !status)
                return status;
            personId = db.lastInsertRowId();
            created = true;
        }
        {
            auto same =
                db.prepare("SELECT count(*) FROM person_roles WHERE person_id = ? AND role = ? "
                           "AND ifnull(root_name, '') = ?");
            if (!same)
                return same.error();
            same->bind(1, personId).bind(2, roleName(role)).bind(3, root);
            if (auto row = same->step(); !row)
                return row.error();
            if (same->columnInt(0) > 0)
                return makeError(name + " is already " +
                                 (role == Role::Arbitrator ? "the arbitrator of " + root
                                                           : "a " + std::string(roleName(role))));
        }
        std::optional<std::int64_t> rootId;
        if (role == Role::Arbitrator) {
            // One arbitrator per root: conflicts of a root go to exactly one person.
            auto other = db.prepare("SELECT p.name FROM person_roles r JOIN people p ON p.id = "
                                    "r.person_id WHERE r.role = 'arbitrator' AND r.root_name = ?");
            if (!other)
                return other.error();
            other->bind(1, root);
            auto row = other->step();
            if (!row)
                return row.error();
            if (*row)
                return makeError(other->columnText(0) + " is already the arbitrator of " + root +
                                 "; a root has one arbitrator");
            auto category =
                db.prepare("SELECT id FROM categories WHERE parent_id IS NULL AND name = ?");
            if (!category)
                return category.error();
            category->bind(1, root);
            auto found = category->step();
            if (!found)
                return found.error();
            if (*found)
                rootId = category->columnInt(0);
        }
        auto insert = db.prepare("INSERT INTO person_roles(person_id, role, root_category_id, "
                                 "root_name) VALUES (?, ?, ?, ?)");
        if (!insert)
            return insert.error();
        insert->bind(1, personId).bind(2, roleName(role)).bind(3, rootId);
        if (root.empty())
            insert->bindNull(4);
        else
            insert->bind(4, root);
        if (auto status = insert->run(); !status)
            return status;
        nlohmann::json details = {
            {"name", name}, {"role", roleName(role)}, {"new_person", created}};
        if (!root.empty())
            details["root"] = root;
        return changelog::appendAt(db, now, "person.add_role", details);
    });
}

Status removeRole(Project& project, const std::string& name, Role role, const std::string& root) {
    return removeRole(project.db(), name, role, root);
}

Status removeRole(sql::Database& db, const std::string& name, Role role, const std::string& root) {
    return sql::inTransaction(db, writeWording(db), [&]() -> Status {
        auto id = findPerson(db, name);
        if (!id)
            return id.error();
        const char* inUse = nullptr;
        const char* useQuery =
            role == Role::Coder  ? "SELECT count(*) FROM round_coders WHERE person_id = ?"
            : role == Role::Lead ? "SELECT count(*) FROM screening_decisions WHERE lead_id = ?"
                                 : "SELECT count(*) FROM decisions WHERE arbitrator_id = ?";
        auto used = sql::queryIntBound(db, useQuery, *id);
        if (!used)
            return used.error();
        if (*used > 0)
            inUse = role == Role::Coder  ? " codes in a round; take them off its rounds first"
                    : role == Role::Lead ? " has decided screening disagreements as the lead"
                                         : " has recorded decisions as an arbitrator";
        if (inUse)
            return makeError(name + inUse);
        auto removed =
            sql::prepareBound(db,
                              "DELETE FROM person_roles WHERE person_id = ? AND role = ? "
                              "AND ifnull(root_name, '') = ?",
                              *id, std::string(roleName(role)), root);
        if (!removed)
            return removed.error();
        if (auto status = removed->run(); !status)
            return status;
        if (db.changes() == 0)
            return makeError(name + " is not " +
                             (role == Role::Arbitrator ? "the arbitrator of " + root
                                                       : "a " + std::string(roleName(role))));
        // Someone with no role left and no trace of work is removed, so that undoing
        // the add of a new person leaves the project as it was.
        auto traces = sql::queryIntBound(
            db,
            "SELECT (SELECT count(*) FROM person_roles WHERE person_id = ?1) + (SELECT count(*) "
            "FROM round_coders WHERE person_id = ?1) + (SELECT count(*) FROM labels WHERE coder_id "
            "= ?1) + (SELECT count(*) FROM screening_marks WHERE coder_id = ?1) + (SELECT count(*) "
            "FROM decisions WHERE arbitrator_id = ?1) + (SELECT count(*) FROM screening_decisions "
            "WHERE lead_id = ?1) + (SELECT count(*) FROM categories WHERE created_by = ?1)",
            *id);
        if (!traces)
            return traces.error();
        const bool gone = *traces == 0;
        if (gone)
            if (auto status = sql::runBound(db, "DELETE FROM people WHERE id = ?", *id); !status)
                return status;
        nlohmann::json details = {
            {"name", name}, {"role", roleName(role)}, {"removed_person", gone}};
        if (!root.empty())
            details["root"] = root;
        return changelog::append(db, "person.remove_role", details);
    });
}

Result<RoleChange> changeRole(sql::Database& db, RoleChange change) {
    auto status = applyRoleChange(db, change);
    if (!status)
        return status.error();
    return change;
}

Status applyRoleChange(sql::Database& db, const RoleChange& change) {
    return change.added ? addRole(db, change.name, change.role, change.root)
                        : removeRole(db, change.name, change.role, change.root);
}

Status undoRoleChange(sql::Database& db, const RoleChange& change) {
    return change.added ? removeRole(db, change.name, change.role, change.root)
                        : addRole(db, change.name, change.role, change.root);
}

Result<std::vector<Person>> listPeople(Project& project) {
    // A root that exists in the codebook is shown by its current name (it may have
    // been renamed since); otherwise by the name given when the role was added.
    auto stmt = project.db().prepare(
        "SELECT p.id, p.name, r.role, coalesce(c.name, r.root_name, '') FROM people p "
        "LEFT JOIN person_roles r ON r.person_id = p.id "
        "LEFT JOIN categories c ON c.id = r.root_category_id "
        "ORDER BY p.name, p.id, CASE r.role WHEN 'lead' THEN 0 WHEN 'coder' THEN 1 ELSE 2 END, "
        "4");
    if (!stmt)
        return stmt.error();
    std::vector<Person> list;
    std::optional<Error> unknownRole;
    if (auto status = stmt->forEachRow([&](sql::Statement& row) {
            const auto id = row.columnInt(0);
            if (list.empty() || list.back().id != id)
                list.push_back({id, row.columnText(1), {}});
            if (row.columnIsNull(2) || unknownRole)
                return;
            auto role = parseRole(row.columnText(2));
            if (!role)
                unknownRole = role.error();
            else
                list.back().roles.push_back({*role, row.columnText(3)});
        });
        !status)
        return status.error();
    if (unknownRole)
        return *unknownRole;
    return list;
}

Result<std::int64_t> addPerson(sql::Database& db, const std::string& name) {
    if (auto status = checkName(name); !status)
        return status.error();
    return sql::inTransaction(db, writeWording(db), [&]() -> Result<std::int64_t> {
        auto taken = sql::queryIntBound(db, "SELECT count(*) FROM people WHERE name = ?", name);
        if (!taken)
            return taken.error();
        if (*taken > 0)
            return makeError("there is already a person named '" + name + "'");
        const auto now = utcNowIso();
        if (auto status =
                sql::runBound(db, "INSERT INTO people(name, created) VALUES (?, ?)", name, now);
            !status)
            return status.error();
        const std::int64_t id = db.lastInsertRowId();
        if (auto status = changelog::appendAt(db, now, "person.add", {{"name", name}}); !status)
            return status.error();
        return id;
    });
}

} // namespace taxo::people
