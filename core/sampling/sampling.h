#pragma once
// Samples stored in a project: the population of each set, the seeded draw of a
// set's sample, and its split into the pilot and reliability rounds, all written
// in one transaction.

#include "core/project/project.h"
#include "core/sampling/draw.h"
#include "core/sampling/sample_size.h"
#include "core/select/set_posts.h"
#include "core/util/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace taxo::sampling {

// How the sample size is chosen.
enum class SizeMethod { Size, Auto, All };
std::string_view sizeMethodName(SizeMethod method);

struct SampleRequest {
    std::string setName;
    SizeMethod method = SizeMethod::Auto;
    std::int64_t size = 0;      // for SizeMethod::Size
    SampleSizeInput sizeInput;  // for SizeMethod::Auto; its population is filled in
    std::string seed;           // decimal uint64, as typed
    double pilotFraction = 0.3; // share of the sample that goes to the pilot round
    bool replace = false;       // allow drawing again for a set that has a sample
    // Posts of the set that already sit in a pilot or reliability round of another set's
    // sample (the post is in two sets) are left out of the draw, so that no post is
    // labeled twice; off, they may be drawn again and, if their rounds settle them
    // differently, go to arbitration (docs/results.md, "A post in several rounds").
    bool leaveOutPostsInOtherRounds = true;
};

struct StoredSample {
    std::int64_t id = 0;
    std::string setName;
    std::string seed;
    std::string method;          // "size", "auto" or "all"
    std::int64_t population = 0; // the posts the draw could pick: the set less leftOut
    std::int64_t leftOut = 0;    // posts of the set left out as already in other rounds
    std::int64_t size = 0;
    double pilotFraction = 0;
    std::optional<SampleSize> computed; // the sample-size calculation, for "auto"
    std::string created;
    std::vector<PostRef> pilot;       // drawn order, first part
    std::vector<PostRef> reliability; // drawn order, the rest
    std::string pilotRound;           // empty when the pilot is empty
    std::string reliabilityRound;     // empty when the reliability part is empty
};

struct SetOverview {
    std::int64_t id = 0;
    std::string name;
    std::string rootName;
    std::int64_t population = 0;
    std::optional<std::int64_t> sampleSize; // when the set has a sample
    std::string sampleSeed;
};

// Every set with its number of posts and its sample, if any, by name.
Result<std::vector<SetOverview>> listSets(Project& project);

// The set's posts in the canonical order of the draw.
using select::setPopulation;

// "<set> pilot" and "<set> reliability".
std::string pilotRoundName(const std::string& setName);
std::string reliabilityRoundName(const std::string& setName);

// The posts of the set that already sit in a pilot or reliability round that is not
// this set's own (a round of another set's sample, or one made by hand), in the
// canonical order: what a draw would leave out, shown before drawing.
Result<std::vector<PostRef>> postsInOtherRounds(Project& project, const std::string& setName);

// Draws the sample and stores it with its rounds in one transaction. Refuses, and
// leaves the project unchanged, when the set is unknown or empty, the size is out
// of range, the seed is not a number, the set already has a sample and replace is
// false, or the old sample's rounds hold labels (labels are never discarded).
// Coders assigned to the old rounds are kept on the new rounds of the same kind.
Result<StoredSample> drawAndStore(Project& project, const SampleRequest& request);

// The set's stored sample, or nullopt when it has none.
Result<std::optional<StoredSample>> loadSample(Project& project, const std::string& setName);

// A sample about to be stored: its posts in drawn order and how its size came about.
struct NewSample {
    std::int64_t setId = 0;
    std::string seed; // decimal uint64
    SizeMethod method = SizeMethod::Size;
    double pilotFraction = 0.3; // in [0, 1]
    std::string created;        // UTC ISO time
    // The posts the draw could pick (at least the sample's size); nullopt: not known.
    std::optional<std::int64_t> population;
    std::int64_t leftOut = 0; // posts of the set left out as already in other rounds
    // The sample-size calculation's parameters, for SizeMethod::Auto.
    std::optional<SampleSizeInput> sizeInput;
    std::vector<std::int64_t> posts; // in drawn order; the size is their number
};

// Writes the sample and its members inside the caller's transaction and returns its id;
// the caller makes its rounds and logs its own action. drawAndStore stores its draws
// through it; a sample drawn elsewhere (by another tool, or listed in a published
// study) is recorded the same way. Refuses an unknown set, a seed that is not a number,
// a pilot fraction outside [0, 1], no posts, a post listed twice or not in the set, and
// a population smaller than the sample.
Result<std::int64_t> insertSample(sql::Database& db, const NewSample& sample);

} // namespace taxo::sampling
