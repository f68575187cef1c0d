#include "core/corpus/post_ref.h"

#include <algorithm>
#include <string_view>

namespace taxo::corpus {
namespace {

bool allDigits(const std::string& text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Numeric comparison of two digit strings of any length, without overflow.
int compareDigits(const std::string& a, const std::string& b) {
    const auto strip = [](const std::string& s) {
        const auto first = s.find_first_not_of('0');
        return first == std::string::npos ? std::string_view() : std::string_view(s).substr(first);
    };
    const auto x = strip(a);
    const auto y = strip(b);
    if (x.size() != y.size())
        return x.size() < y.size() ? -1 : 1;
    return x.compare(y);
}

} // namespace

std::string postSite(std::string_view source) {
    if (source == "stackoverflow")
        return "stackoverflow.com";
    const bool hostLike = source.find('.') != std::string_view::npos && source.front() != '.' &&
                          source.back() != '.' &&
                          source.find_first_not_of(
                              "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") ==
                              std::string_view::npos;
    return hostLike ? std::string(source) : std::string();
}

std::string postLink(const PostRef& post) {
    const auto site = postSite(post.source);
    if (site.empty() || !allDigits(post.sourceId))
        return {};
    return "https://" + site + "/q/" + post.sourceId;
}

std::string itemName(const PostRef& post) {
    return post.source + ":" + post.sourceId;
}

bool canonicalLess(const PostRef& a, const PostRef& b) {
    if (const int bySource = a.source.compare(b.source); bySource != 0)
        return bySource < 0;
    const bool numericA = allDigits(a.sourceId);
    const bool numericB = allDigits(b.sourceId);
    if (numericA != numericB)
        return numericA;
    if (numericA) {
        if (const int byValue = compareDigits(a.sourceId, b.sourceId); byValue != 0)
            return byValue < 0;
    }
    return a.sourceId < b.sourceId;
}

void sortCanonically(std::vector<PostRef>& posts) {
    std::sort(posts.begin(), posts.end(), canonicalLess);
}

Result<std::vector<PostRef>> readPostRefs(sql::Statement& stmt) {
    std::vector<PostRef> posts;
    if (auto status = stmt.forEachRow([&](sql::Statement& row) {
            posts.push_back({row.columnInt(0), row.columnText(1), row.columnText(2)});
        });
        !status)
        return status.error();
    return posts;
}

} // namespace taxo::corpus
