#pragma once
// Hand-made posts for tests of selection and statistics, inserted with plain SQL so
// that these tests know every answer without depending on an importer.

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

inline std::int64_t addPost(Project& project, const TestPost& post) {
    auto& db = project.db();
    const auto count = db.queryInt("SELECT count(*) FROM posts");
    REQUIRE(count.ok());
    auto insert = db.prepare(
        "INSERT INTO posts(source, source_id, title, body, created, owner_user_id, "
        "accepted_answer_source_id, accepted_answer_created) VALUES ('test', ?, ?, ?, ?, ?, ?, ?)");
    REQUIRE(insert.ok());
    insert->bind(1, std::to_string(*count + 1))
        .bind(2, post.title)
        .bind(3, post.body)
        .bind(4, post.created)
        .bind(5, post.owner)
        .bind(6, post.acceptedId)
        .bind(7, post.acceptedCreated);
    REQUIRE(insert->run().ok());
    const std::int64_t id = db.lastInsertRowId();
    auto tag = db.prepare("INSERT INTO post_tags(post_id, tag, position) VALUES (?, ?, ?)");
    REQUIRE(tag.ok());
    for (std::size_t i = 0; i < post.tags.size(); ++i)
        REQUIRE(tag->bind(1, id)
                    .bind(2, post.tags[i])
                    .bind(3, static_cast<std::int64_t>(i))
                    .run()
                    .ok());
    return id;
}

} // namespace taxo::test
