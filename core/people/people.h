#pragma once
// The people of a study and their roles: the lead, the coders, and one arbitrator
// per root category. An arbitrator's root is kept by name, because roots are often
// created by the codebook only after the people are set up.

#include "core/project/project.h"
#include "core/util/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taxo::people {

enum class Role { Lead, Coder, Arbitrator };
std::string_view roleName(Role role);
Result<Role> parseRole(std::string_view text);

struct PersonRole {
    Role role = Role::Coder;
    std::string root; // an arbitrator's root category name; empty for other roles
};

struct Person {
    std::int64_t id = 0;
    std::string name;
    std::vector<PersonRole> roles;
};

// Creates the person when the name is new and gives them the role, in one
// transaction. An arbitrator needs a root; the other roles take none. Refuses a
// role the person already has and a second arbitrator for the same root.
Status addRole(Project& project, const std::string& name, Role role, const std::string& root = {});
Status addRole(sql::Database& db, const std::string& name, Role role, const std::string& root = {});

// Takes a role from a person in one transaction (the undo of addRole). A person
// left with no role and no work in the project is removed too. Refused while the
// role is in use: a coder assigned to a round, a lead who decided a screening
// disagreement, an arbitrator who recorded decisions.
Status removeRole(Project& project, const std::string& name, Role role,
                  const std::string& root = {});
Status removeRole(sql::Database& db, const std::string& name, Role role,
                  const std::string& root = {});

// A role given (added) or taken, as one step of the undo history: core applies it and
// its exact inverse, with the checks of addRole and removeRole each time.
struct RoleChange {
    std::string name;
    Role role = Role::Coder;
    std::string root;
    bool added = true;
};
// Applies the change; the record it returns is what undo and redo take.
Result<RoleChange> changeRole(sql::Database& db, RoleChange change);
Status applyRoleChange(sql::Database& db, const RoleChange& change);
Status undoRoleChange(sql::Database& db, const RoleChange& change);

// Everyone, by name, with their roles.
Result<std::vector<Person>> listPeople(Project& project);

// A person's id by exact name, or an error that names the known people.
Result<std::int64_t> findPerson(sql::Database& db, const std::string& name);

// Adds a person who has no role yet, in one transaction, and returns their id: someone
// named now whose roles are given later (addRole), like people listed in an exchange
// document without roles. Refuses a name addRole would refuse and a name in use.
Result<std::int64_t> addPerson(sql::Database& db, const std::string& name);

} // namespace taxo::people
