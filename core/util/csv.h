#pragma once
// Writing CSV cells (RFC 4180) for every CSV file Taxonomist writes.
//
// A cell whose text comes from data (a category, set, person or round name, a path,
// a reason) goes through textField: when it starts with = + - @, a tab or a carriage
// return, a spreadsheet would read it as a formula, so it is neutralised as OWASP's
// "CSV injection" page describes: a single quote is put in front and the cell is
// quoted (`=HYPERLINK(...)` is written `"'=HYPERLINK(...)"`, quotes doubled). The
// spreadsheet then shows the text, with the quote as its visible first character.
//
// A cell the program computes (a count, a kappa, a percentage, a fixed word such as
// "cohen_kappa" or "true") goes through numberField: it is written as it is, so a
// negative kappa such as -0.12 stays a number a spreadsheet can sort and sum.

#include <string>
#include <string_view>

namespace taxo::csv {

// Data text: neutralised when it starts with = + - @ TAB or CR, quoted when it holds a
// comma, a quote or a line break (or was neutralised).
std::string textField(std::string_view text);

// A computed value (a number or a fixed word the program writes): never neutralised,
// quoted only if it would break the row (it never does for numbers).
std::string numberField(std::string_view text);

} // namespace taxo::csv
