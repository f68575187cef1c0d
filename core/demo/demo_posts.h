#pragma once
// The demo's synthetic corpus and its codebook: deep-learning deployment questions
// written from templates, each with the answer its coders should arrive at (the
// "truth" the simulated coders start from). Nothing here touches a project.

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace taxo::demo {

// The study's three roots, in the order of the sets.
inline constexpr int kRootCount = 3;
const char* rootName(int root);

struct DemoLeaf {
    int root = 0;
    const char* inner = "";
    const char* name = "";
    const char* description = "";
    const char* code = "";      // the initial code the pilot pair writes for it
    const char* titles[2] = {}; // "{m}" is replaced by a model's name
    const char* problem = "";   // the body's first paragraph
    const char* snippet = "";   // plain text shown in <pre><code>, escaped on output
};
const std::vector<DemoLeaf>& demoLeaves();

// What a careful coder should say about a post in a round of a given root.
enum class Truth { Leaf, FalsePositive, Unclear };

struct DemoPost {
    std::string sourceId;
    int root = -1; // the platform it was written for; -1: not about deployment
    Truth truth = Truth::Leaf;
    int leaf = -1;        // index into demoLeaves() when truth is Leaf
    int secondLeaf = -1;  // a second leaf of the same root, on a few posts
    std::string jsonLine; // the post as one JSON Lines record (docs/formats-import.md)
};

// `count` posts from the engine; the same engine state gives the same posts.
std::vector<DemoPost> generatePosts(std::mt19937_64& engine, int count);

// Uniform integer in [0, n) from the engine (the draw's own, library-independent).
int pick(std::mt19937_64& engine, int n);
// True with probability percent / 100.
bool chance(std::mt19937_64& engine, int percent);

} // namespace taxo::demo
