#pragma once
// Labels: what one coder says about one post in one round (docs/architecture.md, "Label
// semantics"). A label is either a non-empty set of leaf categories or exactly
// one special value (False positive, Unclear, Pending with an optional
// suggested name), plus a note and the free-text initial code of open coding.
//
// Blind by construction: every query here takes the coder and filters on it,
// so nothing read for one coder can depend on another coder's labels. In the
// pilot round the pair codes jointly and the coder is absent (NULL): the
// consensus label.

#include "core/codebook/codebook.h"
#include "core/labels/quotes.h"
#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taxo::labels {

// nullopt: the pilot pair's consensus label.
using CoderId = std::optional<std::int64_t>;

enum class Special { FalsePositive, Unclear, Pending };
// "false_positive", "unclear", "pending": the names of the project file and
// of the exchange format.
std::string_view specialName(Special special);
std::optional<Special> parseSpecial(std::string_view name);

struct LabelContent {
    std::vector<codebook::CategoryId> categories; // leaves; kept sorted and unique
    std::optional<Special> special;
    std::string suggestion; // a suggested category name, only with Pending
    std::string note;
    std::string code; // the initial code of open coding (pilot)
    // Passages quoted as evidence, in the order attached; each names one of `categories`.
    std::vector<Quote> quotes = {};

    bool operator==(const LabelContent&) const = default;
};

struct LabelKey {
    std::int64_t roundId = 0;
    std::int64_t postId = 0;
    CoderId coder;
};

struct Label {
    std::int64_t id = 0;
    LabelKey key;
    LabelContent content;
    std::string updated;
};

// The coder's label on the post in the round, or nullopt when there is none.
Result<std::optional<Label>> loadLabel(sql::Database& db, const LabelKey& key);

// Validates and writes the label in one transaction (insert or update; the
// row keeps its id). Returns the label as it was before, nullopt when there
// was none, so that the caller can undo with restoreLabel. Rules, each
// refused with a message and no change:
// - the round exists and is open, the post is one of its items;
// - a coder is one of the round's coders; no coder (consensus) only in a pilot;
// - categories and a special value are exclusive; a suggestion needs Pending;
// - neither categories nor special: only in a pilot round and only with an
//   initial code (open coding has not yet reached categories);
// - every category exists, has no subcategories, and sits under the root of
//   one of the sets the post belongs to (the root category whose name equals
//   the set's root_name). A post in no set accepts a leaf of any root.
// - every quote has a well-formed place and text (checkQuoteForm) and names one of
//   the label's categories.
Result<std::optional<Label>> saveLabel(sql::Database& db, const LabelKey& key,
                                       const LabelContent& content);
// saveLabel's rules without writing anything and without a transaction of its own: the
// one check that the app, the command line and the merge of a coder's package apply to
// a label, so that all three refuse the same labels with the same message.
Status validateLabel(sql::Database& db, const LabelKey& key, const LabelContent& content);
// Removes the label; returns it as it was (nullopt: there was none).
Result<std::optional<Label>> clearLabel(sql::Database& db, const LabelKey& key);
// Undo of saveLabel/clearLabel: puts back `previous` exactly (same id, same
// time stamp), or removes the label when previous is nullopt.
Status restoreLabel(sql::Database& db, const LabelKey& key, const std::optional<Label>& previous);

// The roots a post's labels may use: the root_name of every set the post
// belongs to; nullopt when it belongs to no set (any root is accepted).
Result<std::optional<std::vector<std::string>>> rootNamesForPost(sql::Database& db,
                                                                 std::int64_t postId);
// Refuses a category that is unknown, not a leaf, or under a root the post's
// sets do not name.
Status checkLeafForPost(sql::Database& db, std::int64_t postId, codebook::CategoryId category);

inline constexpr std::size_t kPostNameTitleChars = 60;

// How a message names a post: by its title and the id its source gave it (post “How to
// serve a model” (stackoverflow:1005)), never by the project's internal id.
std::string describePost(sql::Database& db, std::int64_t postId);
// How the Coding and Arbitration pages name a post, the same in every line they show:
// "post 4288 — How do I export a model", by the id its source gave it (the id the post's
// header shows) and its title, cut with "…" past `maxTitle` characters (after the last
// whole word when one ends near there).
std::string postName(std::string_view sourceId, std::string_view title,
                     std::size_t maxTitle = kPostNameTitleChars);
std::string postName(sql::Database& db, std::int64_t postId);
// How a message names a category: its path, "Server/Cloud/Request/Format".
std::string describeCategory(sql::Database& db, codebook::CategoryId category);

enum class LabelState { Unlabeled, Categories, FalsePositive, Unclear, Pending, CodeOnly };

struct LabelRow {
    std::int64_t postId = 0;
    std::int64_t position = 0; // in the round
    LabelState state = LabelState::Unlabeled;
    std::int64_t categoryCount = 0;
    std::string code;
    std::string updated;
};
// Every item of the round in order, with this coder's label state only.
Result<std::vector<LabelRow>> listForCoder(sql::Database& db, std::int64_t roundId, CoderId coder);

struct Progress {
    std::int64_t labeled = 0; // items with a label of any state but CodeOnly
    std::int64_t total = 0;   // items of the round
};
// "n of N labeled by me". An initial code alone does not count as labeled.
Result<Progress> progressForCoder(sql::Database& db, std::int64_t roundId, CoderId coder);

// The nominal value two coders agree on (docs/architecture.md): the special value's name,
// or "categories:" and the sorted category ids joined by commas. An
// initial-code-only label has no value yet: the empty string.
std::string agreementValue(const LabelContent& content);

// A saved label as one step of the undo history: the label as it was before (nullopt:
// there was none) and the content saved.
struct SaveChange {
    LabelKey key;
    std::optional<Label> previous;
    LabelContent content;
};
// saveLabel, returning its change record.
Result<SaveChange> changeLabel(sql::Database& db, const LabelKey& key, const LabelContent& content);
// Puts back `previous` exactly (restoreLabel); redo saves the same content again.
Status undoSave(sql::Database& db, const SaveChange& change);
Status redoSave(sql::Database& db, const SaveChange& change);

} // namespace taxo::labels
