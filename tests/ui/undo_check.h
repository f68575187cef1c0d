#pragma once
// One check for every undo command of the GUI: do it, undo it, redo it, undo it
// again, and compare the project's state, read through core, after each step.

#include "core/store/sqlite.h"

#include <QUndoStack>
#include <catch2/catch.hpp>
#include <functional>
#include <set>
#include <string>

namespace taxo::test {

// Every row of every table of the project as text, sorted, except the change log
// (each step appends to it by design) and the full-text index. Columns named in
// `ignored` are left out: by default the times of a change, which a redo sets anew.
inline std::string projectState(sql::Database& db,
                                const std::set<std::string>& ignored = {
                                    "updated", "decided", "excluded", "created", "at"}) {
    std::string text;
    auto tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT "
                             "LIKE 'sqlite_%' AND name NOT LIKE 'posts_fts%' AND name <> "
                             "'change_log' ORDER BY name");
    REQUIRE(tables.ok());
    std::vector<std::string> names;
    REQUIRE(
        tables->forEachRow([&](sql::Statement& row) { names.push_back(row.columnText(0)); }).ok());
    for (const auto& table : names) {
        auto columns = db.prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid");
        REQUIRE(columns.ok());
        columns->bind(1, table);
        std::string select;
        REQUIRE(columns
                    ->forEachRow([&](sql::Statement& row) {
                        const std::string column = row.columnText(0);
                        if (ignored.count(column))
                            return;
                        select +=
                            (select.empty() ? "" : ", ") + std::string("quote(\"") + column + "\")";
                    })
                    .ok());
        auto rows = db.prepare("SELECT " + select + " FROM \"" + table + "\"");
        REQUIRE(rows.ok());
        std::multiset<std::string> lines;
        REQUIRE(rows->forEachRow([&](sql::Statement& row) {
                        std::string line;
                        for (int i = 0; i < row.columnCount(); ++i)
                            line += (i ? "|" : "") + row.columnText(i);
                        lines.insert(line);
                    })
                    .ok());
        text += "[" + table + "]\n";
        for (const auto& line : lines)
            text += line + "\n";
    }
    return text;
}

// `perform` pushes exactly one command on `stack` (through the page, as a user
// would). The state after undo is the state before; after redo the state after.
inline void checkUndoRedo(QUndoStack& stack, const std::function<std::string()>& state,
                          const std::function<void()>& perform) {
    const std::string before = state();
    const int depth = stack.index();
    perform();
    REQUIRE(stack.index() == depth + 1);
    const std::string after = state();
    REQUIRE(after != before); // the command changed something
    stack.undo();
    CHECK(state() == before);
    stack.redo();
    CHECK(state() == after);
    stack.undo();
    CHECK(state() == before);
    stack.redo();
    CHECK(state() == after);
}

} // namespace taxo::test
