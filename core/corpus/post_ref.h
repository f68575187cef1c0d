#pragma once
// A post as sets and the draw see it: where it comes from and its id there, and the
// canonical order that makes a seeded draw reproducible (docs/sampling.md).

#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace taxo::corpus {

struct PostRef {
    std::int64_t postId = 0; // the project's row id; not part of the order
    std::string source;
    std::string sourceId;
};

// "<source>:<source_id>", the form the CLI prints and the Python script reads.
std::string itemName(const PostRef& post);

// The Stack Exchange site a post's source names: "stackoverflow" is stackoverflow.com,
// a source named like a host ("cardano.stackexchange.com") is that host. Any other
// source (a CSV or JSON Lines file's name) has no site: "". Only letters, digits, dots
// and hyphens make a host, so the site can go into a link or a LaTeX \url unescaped.
std::string postSite(std::string_view source);
// "https://<site>/q/<id>" for a post of a site with a numeric id; "" otherwise.
std::string postLink(const PostRef& post);

// The canonical order: by source (bytes), then by source id, where ids made only
// of ASCII digits come first in numeric order (ties of "7" and "007" broken by
// text) and all other ids follow in byte order. Numbers-before-text keeps the
// order transitive, which "numeric when both are numbers, else text" alone is not.
bool canonicalLess(const PostRef& a, const PostRef& b);
void sortCanonically(std::vector<PostRef>& posts);

// The rows of a statement whose columns are the post's id, source and source id.
Result<std::vector<PostRef>> readPostRefs(sql::Statement& stmt);

} // namespace taxo::corpus
