#pragma once
// project.qde as read (the parts Taxonomist uses), before it becomes an exchange
// document. Each element keeps its line for messages.

#include "core/util/result.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace taxo::exchange::qde {

struct Code {
    std::string guid, name, description;
    long line = 0;
    std::vector<Code> children;
};

struct Coding {
    std::string code, user;
    long line = 0;
};

struct Selection {
    std::string guid, name, user, description;
    std::int64_t start = 0, end = 0;
    long line = 0;
    std::vector<Coding> codings;
    std::vector<std::string> notes;
};

struct Source {
    std::string guid, name, path, content;
    bool hasContent = false;
    long line = 0;
    std::vector<Selection> selections;
    std::vector<Coding> codings;                  // codings placed on the whole source
    std::map<std::string, std::string> variables; // variable GUID -> text value
};

struct Set {
    std::string guid, name, description;
    long line = 0;
    std::vector<std::string> members;
};

struct Project {
    std::string name;
    std::map<std::string, std::string> users;     // GUID -> name
    std::map<std::string, std::string> variables; // GUID -> name
    std::map<std::string, std::string> notes;     // GUID -> text
    std::vector<Code> codes;
    std::vector<Source> sources;
    std::vector<Set> sets;
};

// Refuses malformed XML with its line, any DTD or entity declaration, a root other than
// Project in the 1.0 namespace, nesting deeper than maxDepth, and positions that are not
// whole numbers. Picture, PDF, audio and video sources are skipped.
Result<Project> parse(std::string_view xml, const std::string& origin, std::size_t maxDepth);

// The source's text: its PlainTextContent, or the file `internal://NAME` names in the
// archive's sources/ folder (`files`: by name below sources/), without a byte order
// mark. Refuses, in words without the place, a path outside the archive or leaving
// sources/, a file the zip does not hold, and text that is not UTF-8.
Result<std::string> sourceText(const Source& source,
                               const std::map<std::string, std::string>& files);

} // namespace taxo::exchange::qde
