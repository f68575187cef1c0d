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

// Takes a role from a person in one transaction (the undo of addRole). A person
// left with no role and no work in the project is removed too. Refused while the
// role is in use: a coder assigned to a round, a lead who decided a screening
// disagreement, an arbitrator who recorded decisions.
Status removeRole(Project& project, const std::string& name, Role role,
                  const std::string& root = {});

// Everyone, by name, with their roles.
Result<std::vector<Person>> listPeople(Project& project);

// A person's id by exact name, or an error that names the known people.
Result<std::int64_t> findPerson(sql::Database& db, const std::string& name);

} // namespace taxo::people
