#pragma once
// The exchange document (docs/exchange-format.md): one JSON document that carries a
// whole project, for replication packages and scripted set-up. Export then import
// into an empty project gives the same document again.

#include "core/project/project.h"
#include "core/util/files.h"
#include "core/util/result.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace taxo::exchange {

inline constexpr const char* kFormat = "taxonomist";
// Version 2 adds the quotes of labels and decisions; version 1 documents (no quotes) still import.
inline constexpr int kVersion = 2;

// How the document names a post: "so:54734446" for Stack Overflow, else "SOURCE:ID".
std::string itemId(const std::string& source, const std::string& sourceId);

// The whole project as one document.
Result<nlohmann::json> exportDocument(Project& project);
// Written atomically: a reader never sees half a document.
Status exportFile(Project& project, const std::string& path,
                  files::Replace replace = files::Replace::Allowed);

struct ImportCounts {
    std::int64_t items = 0;
    std::int64_t categories = 0;
    std::int64_t sets = 0;
    std::int64_t people = 0;
    std::int64_t rounds = 0;
    std::int64_t labels = 0;
    std::int64_t decisions = 0;
    std::int64_t quotes = 0; // of labels and decisions
    // What the reader of the report should know beside the counts (a .qdpx selection
    // across parts that coded its post without a quote).
    std::vector<std::string> notes = {};
};

// Fills an EMPTY project (no posts, categories, people, sets or rounds) from the
// document, taking over its project id and title, in one transaction. A bad document
// is refused with the JSON pointer of the fault, and the project stays as it was.
Result<ImportCounts> importDocument(Project& project, const nlohmann::json& document,
                                    const std::string& where);
// Reads the file with the limits of safe_json.h first.
Result<ImportCounts> importFile(Project& project, const std::string& path);

nlohmann::json toJson(const ImportCounts& counts);

} // namespace taxo::exchange
