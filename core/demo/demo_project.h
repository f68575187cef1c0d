#pragma once
// The demo project: a small study that has been through every phase of the method,
// for first runs, screenshots and tests. Every step goes through the same core
// functions a user's actions do (import, selection, sampling, people, rounds, open
// coding, codebook, labels), so the demo shows what the tool really produces.
//
// Its posts are synthetic: written by demo_posts.cpp from templates of deep-learning
// deployment questions, never copied from Stack Overflow. The same seed gives the
// same content (ids, texts, samples, labels, decisions); only time stamps and the
// project's and categories' generated ids differ between runs.

#include "core/project/project.h"
#include "core/util/result.h"

#include <cstdint>
#include <string>

namespace taxo::demo {

struct DemoSummary {
    std::int64_t posts = 0;
    std::int64_t sets = 0;
    std::int64_t sampled = 0;      // draws: the sum of the sample sizes
    std::int64_t sampledPosts = 0; // distinct posts (a post in two samples counts once)
    std::int64_t categories = 0;
    std::int64_t labels = 0;
    std::int64_t decisions = 0;
};

inline constexpr std::uint64_t kDefaultSeed = 20200708;

// Creates the demo at path (refusing a file that exists). On any failure nothing is
// left at path.
Result<DemoSummary> createDemoProject(const std::string& path, std::uint64_t seed = kDefaultSeed);

} // namespace taxo::demo
