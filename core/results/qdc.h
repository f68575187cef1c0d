#pragma once
// The codebook as a REFI-QDA codebook (.qdc, the exchange standard of
// QualCoder, ATLAS.ti, MAXQDA, NVivo): <CodeBook xmlns="urn:QDA-XML:codebook:1.0">
// <Codes> with nested <Code guid name isCodable>. Roots and inner categories
// are not codable (only leaves are labels, docs/architecture.md); the GUIDs are the
// categories' stable uids, so two exports of one codebook name the same codes.
//
// Import reads the same structure, from files whose root is CodeBook in the
// codebook 1.0 namespace or the older urn:QDA-XML:codebook:0:4 one (ATLAS.ti and
// requal write 1.0 with a 0:4 schemaLocation; older writers use 0:4 as the
// namespace). It never expands entities: a document type declaration or an
// entity declaration is refused, as is any other root element.

#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taxo::results {

inline constexpr const char* kQdcNamespace = "urn:QDA-XML:codebook:1.0";
inline constexpr const char* kQdcOldNamespace = "urn:QDA-XML:codebook:0:4";
// The deepest nesting of <Code> elements read. The study's taxonomy has three levels
// and the codebooks of QualCoder, ATLAS.ti and MAXQDA seen in practice fewer than ten;
// a deeper file is refused while parsing, before anything is stored.
inline constexpr std::size_t kMaxQdcDepth = 64;

Result<std::string> exportQdc(sql::Database& db);

struct QdcCode {
    std::string guid;
    std::string name;
    std::string description;
    bool codable = true;
    std::vector<QdcCode> children;
};

// Parses a .qdc document into its code tree (the <Codes> content). Refuses
// malformed XML with the line, any DTD or entity, a foreign root, and codes nested
// deeper than kMaxQdcDepth (expat and this reader keep the nesting on the heap).
Result<std::vector<QdcCode>> parseQdc(std::string_view xml, const std::string& origin = "codebook");

struct QdcImportReport {
    std::int64_t added = 0;
    std::int64_t alreadyPresent = 0; // matched by uid, or by name under the same parent
};

// Adds the codes to the project's codebook in one transaction with one
// change-log row: a code whose guid is a category's uid, or whose name a
// sibling already has, is that category (its children are merged below it);
// anything else is added with created_in = 'import' and the guid as its uid.
Result<QdcImportReport> importQdc(sql::Database& db, const std::vector<QdcCode>& codes);

} // namespace taxo::results
