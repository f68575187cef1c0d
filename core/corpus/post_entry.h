#pragma once
// Posts entered as records rather than read from a file: a question from a site there
// is no dump of, pasted in with its answers and comments. Nothing is recorded as an
// import, and every value is stored as given: an import normalises source ids ("007"
// becomes "7") and links accepted answers, an entry keeps exactly what it says.

#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace taxo::corpus {

// Every member has an initializer, so that an entry names only what it has
// ({.sourceId = "2001", .body = "...", .accepted = true}).
struct AnswerEntry {
    std::string sourceId = {};
    std::string body = {};
    std::optional<std::string> created = {}, ownerUserId = {}, ownerDisplayName = {};
    std::optional<std::int64_t> score = {};
    bool accepted = false;
};

struct CommentEntry {
    std::string sourceId = {};
    std::string text = {};
    // The source id of the answer it is on, one of the post's own; nullopt: on the question.
    std::optional<std::string> answerSourceId = {};
    std::optional<std::string> created = {}, author = {}, authorUserId = {};
    std::optional<std::int64_t> score = {};
};

struct PostEntry {
    std::string source = {};
    std::string sourceId = {};
    std::string title = {};
    std::string body = {}; // HTML, as on the site
    std::vector<std::string> tags = {};
    std::optional<std::string> created = {}, ownerUserId = {}, ownerDisplayName = {},
                               closedDate = {}, acceptedAnswerSourceId = {},
                               acceptedAnswerCreated = {};
    std::optional<std::int64_t> score = {}, viewCount = {}, answerCount = {}, commentCount = {};
    std::vector<AnswerEntry> answers = {};
    std::vector<CommentEntry> comments = {};
};

// Writes the posts in one transaction, in the order given, each with the next free id,
// searchable like imported posts, and returns their ids in that order. A post whose
// source and source id are already in the project is left as it was, answers and
// comments included, and its id returned. Refused, with nothing written: an empty
// source or source id, an answer id given twice for one post, a comment on an answer
// the post does not have.
Result<std::vector<std::int64_t>> addPosts(sql::Database& db, const std::vector<PostEntry>& posts);

} // namespace taxo::corpus
