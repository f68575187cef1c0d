// What a person may do inside the package made for them.

#include "core/packages/packages.h"
#include "core/rounds/rounds.h"
#include "core/store/statements.h"

namespace taxo::packages {

Result<std::vector<labels::CodingAssignment>> packageAssignments(sql::Database& db,
                                                                 const PackageMeta& meta) {
    if (meta.kind != Kind::Coder)
        return std::vector<labels::CodingAssignment>();
    auto all = labels::codingAssignments(db);
    if (!all)
        return all.error();
    // The pilot is coded jointly, as the pair's consensus, in the lead's project: a
    // label without a coder could not be merged back as this person's, and a pilot
    // label of one coder alone is not the method's.
    std::vector<labels::CodingAssignment> own;
    for (auto& assignment : *all)
        if (assignment.coder && assignment.coderName == meta.person &&
            assignment.kind != rounds::RoundKind::Pilot)

            own.push_back(std::move(assignment));
    return own;
}

} // namespace taxo::packages

namespace taxo::packages {

Result<std::vector<PackagePerson>> packagePeople(sql::Database& db) {
    auto stmt = db.prepare(
        "SELECT name, kind, detail FROM ("
        " SELECT p.name AS name, 0 AS kind, group_concat(r.name, ', ') AS detail"
        " FROM (SELECT rc.person_id, r.name FROM round_coders rc JOIN rounds r ON"
        "       r.id = rc.round_id WHERE r.state = 'open' ORDER BY r.id) r"
        " JOIN people p ON p.id = r.person_id GROUP BY p.id"
        " UNION ALL"
        " SELECT p.name, 1, group_concat(pr.root_name, ', ')"
        " FROM (SELECT * FROM person_roles WHERE role = 'arbitrator' AND root_name IS NOT NULL"
        "       ORDER BY root_name) pr JOIN people p ON p.id = pr.person_id GROUP BY p.id)"
        " ORDER BY name, kind");
    if (!stmt)
        return stmt.error();
    std::vector<PackagePerson> people;
    auto status = stmt->forEachRow([&](const sql::Statement& row) {
        people.push_back({row.columnText(0), row.columnInt(1) == 0 ? Kind::Coder : Kind::Arbitrator,
                          row.columnText(2)});
    });
    if (!status)
        return status.error();
    return people;
}

Result<std::string> packageHeading(sql::Database& db, const PackageMeta& meta) {
    std::vector<std::string> parts;
    if (meta.kind == Kind::Coder) {
        auto assignments = packageAssignments(db, meta);
        if (!assignments)
            return assignments.error();
        for (const auto& assignment : *assignments)
            parts.push_back(assignment.roundName);
    } else {
        auto roots =
            sql::prepareBound(db,
                              "SELECT DISTINCT pr.root_name FROM person_roles pr JOIN people p ON "
                              "p.id = pr.person_id WHERE p.name = ? AND pr.role = 'arbitrator' AND "
                              "pr.root_name IS NOT NULL ORDER BY pr.root_name",
                              meta.person);
        if (!roots)
            return roots.error();
        auto status = roots->forEachRow(
            [&](const sql::Statement& row) { parts.push_back(row.columnText(0)); });
        if (!status)
            return status.error();
    }
    std::string heading =
        (meta.kind == Kind::Coder ? "Coder package for " : "Arbitrator package for ") + meta.person;
    if (!parts.empty()) {
        heading += meta.kind == Kind::Coder ? (parts.size() == 1 ? ", round " : ", rounds ")
                                            : (parts.size() == 1 ? ", root " : ", roots ");
        for (std::size_t i = 0; i < parts.size(); ++i)
            heading += (i ? ", " : "") + parts[i];
    }
    return heading;
}

std::string suggestedFileName(const std::string& person, Kind kind) {
    // The name becomes a file name in a folder the user chose: no separator, no
    // drive, no dot and no control character may survive, so that a person
    // called "../../x" or "/etc/passwd" cannot point the file anywhere else.
    std::string safe;
    for (const unsigned char c : person) {
        const bool keep = c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                          (c >= 'A' && c <= 'Z') || c == '_';
        if (keep)
            safe += static_cast<char>(c);
        else if (!safe.empty() && safe.back() != '-')
            safe += '-';
    }
    if (!safe.empty() && safe.front() == '-')
        safe.erase(safe.begin());
    // Long names are cut at a character boundary of UTF-8.
    if (safe.size() > 60) {
        std::size_t cut = 60;
        while (cut > 0 && (static_cast<unsigned char>(safe[cut]) & 0xC0) == 0x80)
            --cut;
        safe.resize(cut);
    }
    while (!safe.empty() && safe.back() == '-')
        safe.pop_back();
    if (safe.empty())
        safe = "person";
    return safe + "-" + kindName(kind) + "-package.taxo";
}

} // namespace taxo::packages
