#pragma once
// What the labeling view needs besides labels: the (round, coder) pairs one
// can label as, and the text of a post to read while labeling.

#include "labels/labels.h"

#include <string>
#include <vector>

namespace taxo::labels {

struct CodingAssignment {
    std::int64_t roundId = 0;
    std::string roundName;
    std::string kind; // pilot | reliability | screening
    CoderId coder;    // nullopt: the pilot pair's consensus
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

} // namespace taxo::labels
