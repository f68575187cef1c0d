#pragma once
// Hand-made posts for tests of selection and statistics, written as entries
// (corpus::addPosts) so that these tests know every answer without depending on
// an importer.

#include "core/corpus/post_entry.h"
#include "core/project/project.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace taxo::test {

struct TestPost {
    std::string title;
    std::string body;
    std::vector<std::string> tags;
    std::string created = "2019-01-01T00:00:00.000";
    std::optional<std::string> owner = "1";
    // Set for a question with an accepted answer; the date may be absent.
    std::optional<std::string> acceptedId;
    std::optional<std::string> acceptedCreated;
};

// The posts in one transaction, so thousands of them take one commit. Each post's
// source is "test" and its source id its number in the project.
inline std::vector<std::int64_t> addPosts(Project& project, const std::vector<TestPost>& posts) {
    auto& db = project.db();
    const auto count = db.queryInt("SELECT count(*) FROM posts");
    REQUIRE(count.ok());
    std::vector<corpus::PostEntry> entries;
    entries.reserve(posts.size());
    for (const auto& post : posts) {
        corpus::PostEntry entry{"test", std::to_string(*count + 1 + std::ssize(entries)),
                                post.title, post.body};
        entry.tags = post.tags;
        entry.created = post.created;
        entry.ownerUserId = post.owner;
        entry.acceptedAnswerSourceId = post.acceptedId;
        entry.acceptedAnswerCreated = post.acceptedCreated;
        entries.push_back(std::move(entry));
    }
    auto ids = corpus::addPosts(db, entries);
    INFO((ids.ok() ? std::string() : ids.message()));
    REQUIRE(ids.ok());
    REQUIRE(*db.queryInt("SELECT count(*) FROM posts") == *count + std::ssize(posts));
    return *ids;
}

inline std::int64_t addPost(Project& project, const TestPost& post) {
    return addPosts(project, {post}).front();
}

} // namespace taxo::test
