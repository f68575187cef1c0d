#pragma once
// The names the .qdpx export writes and the import reads back (docs/qdpx.md).

namespace taxo::exchange {

inline constexpr const char* kQdpxOrigin = "Taxonomist";
inline constexpr const char* kQdpxProjectDescription =
    "A Taxonomist study: each post is a text source; every label is a selection of the "
    "whole text holding one coding per category, made by its coder (the pilot's joint "
    "label by the user Consensus, the final label by its arbitrator). The selection's "
    "description names the round; sets named 'Round: ...' list each round's posts.";

// The pilot pair's joint labels are made by this user (its GUID: stableGuid of this key).
inline constexpr const char* kQdpxConsensusName = "Consensus";
inline constexpr const char* kQdpxConsensusKey = "user:consensus";
inline constexpr const char* kQdpxFinalLabelName = "Final label";

// The special values are codes of a root code of their own.
inline constexpr const char* kQdpxSpecialGroup = "Special values";
inline constexpr const char* kQdpxSpecialGroupKey = "special values";
struct QdpxSpecial {
    const char* value; // the exchange document's `special`
    const char* name;  // the code's name
};
inline constexpr QdpxSpecial kQdpxSpecials[] = {
    {"false_positive", "False positive"}, {"unclear", "Unclear"}, {"pending", "Pending"}};

// Variables of every text source, so the import finds the post again.
inline constexpr const char* kQdpxSourceVariable = "Source";
inline constexpr const char* kQdpxSourceIdVariable = "Source id";
inline constexpr const char* kQdpxTagsVariable = "Tags";

inline constexpr const char* kQdpxSetPrefix = "Set: ";
inline constexpr const char* kQdpxRoundPrefix = "Round: ";

} // namespace taxo::exchange
