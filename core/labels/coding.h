#pragma once
// What the labeling view needs besides labels: the (round, coder) pairs one
// can label as, and the text of a post to read while labeling.

#include "core/labels/labels.h"
#include "core/rounds/rounds.h"

#include <optional>
#include <string>
#include <vector>

namespace taxo::labels {

struct CodingAssignment {
    std::int64_t roundId = 0;
    std::string roundName;
    rounds::RoundKind kind = rounds::RoundKind::Pilot;
    CoderId coder; // nullopt: the pilot pair's consensus

    std::string coderName;
};
// Every round's coders, by round then name; a pilot round also offers its
// consensus (no coder) first, because the pilot is coded jointly.
Result<std::vector<CodingAssignment>> codingAssignments(sql::Database& db);

struct PostText {
    std::int64_t id = 0;
    std::string title;
    std::string body; // HTML as imported
    std::vector<std::string> tags;
    std::string created;
};
Result<PostText> postText(sql::Database& db, std::int64_t postId);

// What the Pending suggestion field offers, so that one idea keeps one spelling: this
// coder's own earlier suggestions in the round, then the codebook's category names, each
// once (spellings equal by normalizeCode count once; the first kept), each group sorted.
// Blind: another coder's suggestions are never read, nor this coder's in other rounds.
Result<std::vector<std::string>> suggestionChoices(sql::Database& db, std::int64_t roundId,
                                                   CoderId coder);

// The labeling view's filters over one coder's items of a round. Every part
// reads only this coder's labels, so a filter cannot reveal another coder's.
struct ItemFilter {
    bool unlabeledOnly = false; // no label yet, or only an initial code
    // Items whose label carries this category or one below it.
    std::optional<codebook::CategoryId> category;
    std::optional<Special> special;
    // Words searched in title, body text and tags, all of them required. The
    // text is never taken as full-text query syntax: each word is quoted.
    std::string search;
};
// True for the states progressForCoder counts as labeled.
bool isLabeled(LabelState state);
// The items of listForCoder that pass every part of the filter, in round order.
Result<std::vector<LabelRow>> filterForCoder(sql::Database& db, std::int64_t roundId, CoderId coder,
                                             const ItemFilter& filter);

} // namespace taxo::labels
