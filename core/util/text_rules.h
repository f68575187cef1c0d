#pragma once
// Two rules for text that comes from files, shared by every reader and by the
// command line.
//
// Storing: post text may hold TAB, LF and CR, and no other C0 control character
// (NUL included), the rule XML 1.0 sets for Posts.xml. The CSV, JSON Lines and
// exchange readers apply it to every value they store and refuse the file naming
// the place, so a title cannot carry ESC or BEL into the project.
//
// Printing: the command line shows text from a project (titles, names, paths,
// notes, reasons, file names) through `printable`, which shows every C0 control
// character, DEL and every C1 control as a visible escape (`\x1b`, `\x7f`,
// `\u009b`) and an invalid UTF-8 byte as U+FFFD, so nothing stored can move the
// cursor, retitle or recolour the terminal, or fake a line of output.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace taxo {

// The offset of the first byte the storing rule refuses, if any.
std::optional<std::size_t> findForbiddenControl(std::string_view text);

// "the control character ESC (0x1B)", "a NUL byte (0x00)": wording for messages.
std::string describeControl(unsigned char byte);

// Text for the terminal: no control character, no invalid UTF-8.
std::string printable(std::string_view text);
// The same, but line breaks (LF) are kept: for messages made of several lines.
std::string printableLines(std::string_view text);

// Length of the well-formed UTF-8 sequence starting at text[i] (a lead byte of 0x80 or
// more), or 0 for a malformed, overlong, surrogate or out-of-range one.
std::size_t utf8SequenceLength(std::string_view text, std::size_t i);

} // namespace taxo
