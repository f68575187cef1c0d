#pragma once
// Read-only queries over the posts of a project: the filtered, paged list the
// Corpus page shows, the tags to filter by, and one whole post for reading.
// Every value is bound; a search the full-text engine cannot parse comes back
// as an error message, never as a crash or an empty list that looks like "no posts".

#include "core/store/sqlite.h"
#include "core/util/progress.h"
#include "core/util/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taxo::corpus {

enum class SearchSyntax {
    // Every word is searched as written (all of them must occur); nothing the user
    // types is FTS syntax, so ordinary users never meet a syntax error. A trailing *
    // on a word still means "starts with".
    Words,
    // The text is an FTS5 query as is: AND, OR, NOT, "phrases", NEAR(), column:term.
    Fts,
};

struct PostFilter {
    std::string tag;    // exact tag; empty means every post
    std::string search; // full-text search over title, body text and tags; empty means none
    SearchSyntax syntax = SearchSyntax::Words;
};

struct PostRow {
    std::int64_t id = 0;
    std::string sourceId;
    std::string title;
    std::vector<std::string> tags; // in the post's own order
    std::string created;
    std::string owner; // display name, else "user <id>", else empty
    std::optional<std::int64_t> score;
    std::optional<std::int64_t> answerCount;
    bool hasAcceptedAnswer = false;
};

struct TagCount {
    std::string tag;
    std::int64_t posts = 0;
};

struct Comment {
    std::int64_t id = 0;
    std::string sourceId; // the id its source gave it: how a quote names the comment
    std::string text;     // plain text, as the dump stores it
    std::string created;
    std::string author;
    std::optional<std::int64_t> score;
};

struct Answer {
    std::int64_t id = 0;
    std::string sourceId;
    std::string body; // HTML
    std::string created;
    std::string owner;
    std::optional<std::int64_t> score;
    bool accepted = false;
    std::vector<Comment> comments;
};

struct Post {
    std::int64_t id = 0;
    std::string source;
    std::string sourceId;
    std::string title;
    std::string body; // HTML, as imported
    std::vector<std::string> tags;
    std::string created;
    std::string owner;
    std::optional<std::int64_t> score;
    std::optional<std::int64_t> viewCount;
    std::string closedDate;
    std::string acceptedAnswerCreated;
    std::vector<Comment> comments; // on the question
    std::vector<Answer> answers;   // the accepted answer first, then by score
};

// The FTS5 query for a search: Words quotes every word; Fts passes the text through.
// Returns an empty string when the search has no words (no filtering then).
std::string ftsQuery(std::string_view search, SearchSyntax syntax);

// Number of posts matching the filter. A malformed FTS query gives an error whose
// message says what is wrong and how to search without syntax. A common word in
// millions of posts takes a while to count: setting `cancel` from another thread
// stops the count within milliseconds with an error whose message is
// kCancelledMessage.
Result<std::int64_t> countPosts(sql::Database& db, const PostFilter& filter,
                                const CancelFlag* cancel = nullptr);

// Up to `limit` rows matching the filter with id greater than `afterId`, in id
// (import) order. Paging by key keeps every page equally fast on a large corpus.
Result<std::vector<PostRow>> postPage(sql::Database& db, const PostFilter& filter,
                                      std::int64_t afterId, int limit);

// Distinct tags with the number of posts carrying them, most used first (ties by name).
// limit <= 0 returns every tag.
Result<std::vector<TagCount>> tagCounts(sql::Database& db, int limit);

// The titles of posts by id, in the order asked; an absent post gets an empty title.
Result<std::vector<std::string>> titlesOf(sql::Database& db, const std::vector<std::int64_t>& ids);

// One post with its answers and comments; an error names the id when it is absent.
Result<Post> loadPost(sql::Database& db, std::int64_t id);

} // namespace taxo::corpus
