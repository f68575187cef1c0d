#pragma once
// Open coding in the pilot (the paper's "initial codes"): the Codes panel
// groups equal initial codes, and a group of codes becomes a category, or is
// assigned to one, by adding that category to the labels of every post that
// carries one of the codes. Both edits are one transaction with an exact
// inverse.

#include "core/codebook/codebook.h"
#include "core/labels/labels.h"

#include <string>
#include <string_view>
#include <vector>

namespace taxo::labels {

// The grouping key of an initial code: surrounding white space removed, inner
// runs of white space made one space, ASCII letters lower-cased. (Non-ASCII
// letters are compared as written: a full Unicode case fold would need ICU.)
std::string normalizeCode(std::string_view code);

struct CodeSpelling {
    std::string text;
    std::int64_t count = 0;
};

struct CodeGroup {
    std::string key;      // normalizeCode of every member
    std::string spelling; // the most frequent spelling (ties: the first in byte order)
    std::int64_t count = 0;
    std::vector<CodeSpelling> spellings; // most frequent first
    std::vector<std::int64_t> postIds;   // ascending
};

// The initial codes of the round's labels of this coder (nullopt: the pilot
// consensus), grouped; the most used groups first, then by spelling.
Result<std::vector<CodeGroup>> listCodes(sql::Database& db, std::int64_t roundId,
                                         CoderId coder = std::nullopt);

struct CodesChange {
    std::int64_t roundId = 0;
    codebook::CategoryId category = 0;
    std::optional<codebook::AddChange> added;     // createCategoryFromCodes only
    std::vector<std::int64_t> labelsChanged;      // labels that got the category
    std::vector<std::int64_t> labelsAlreadyThere; // carried it before: untouched
};

// Creates a leaf from `spec` and adds it to the label of every post of the
// round whose initial code matches one of `codes` (compared by
// normalizeCode). Refused, with no change, when a code matches no label, when
// such a label is False positive, Unclear or Pending, or when the category is
// not a leaf allowed by the post's sets. labels.updated is left as it was:
// this is a codebook edit, recorded in the change log.
Result<CodesChange> createCategoryFromCodes(sql::Database& db, std::int64_t roundId,
                                            const codebook::NewCategory& spec,
                                            const std::vector<std::string>& codes,
                                            CoderId coder = std::nullopt);
// The same with an existing leaf.
Result<CodesChange> assignCodesToCategory(sql::Database& db, std::int64_t roundId,
                                          codebook::CategoryId category,
                                          const std::vector<std::string>& codes,
                                          CoderId coder = std::nullopt);
// Removes the category again from exactly the labels that got it, and the
// category itself when the change created it.
Status undoCodesChange(sql::Database& db, const CodesChange& change);
// Redo after undoCodesChange: the category back with the same id, uid and
// sibling positions (when the change created it), and exactly the same
// labels carrying it again. Refused, with no change, when one of those labels
// is gone or already carries the category.
Status redoCodesChange(sql::Database& db, const CodesChange& change);

} // namespace taxo::labels
