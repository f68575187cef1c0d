// Sample size and the seeded draw, without a project.

#include "core/sampling/draw.h"
#include "core/sampling/sample_size.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <random>

using namespace taxo::sampling;

namespace {

double quantile(double p) {
    auto z = normalQuantile(p);
    REQUIRE(z.ok());
    return *z;
}

SampleSize size(std::int64_t population, Rounding rounding, double confidence = 0.95,
                double margin = 0.05, double proportion = 0.5) {
    SampleSizeInput input;
    input.population = population;
    input.rounding = rounding;
    input.confidence = confidence;
    input.margin = margin;
    input.proportion = proportion;
    auto result = computeSampleSize(input);
    INFO((result.ok() ? "" : result.message()));
    REQUIRE(result.ok());
    return *result;
}

std::vector<PostRef> refs(const std::vector<std::string>& items) {
    std::vector<PostRef> posts;
    std::int64_t id = 1;
    for (const auto& item : items) {
        const auto colon = item.find(':');
        posts.push_back({id++, item.substr(0, colon), item.substr(colon + 1)});
    }
    return posts;
}

std::vector<std::string> names(const std::vector<PostRef>& posts) {
    std::vector<std::string> result;
    for (const auto& post : posts)
        result.push_back(itemName(post));
    return result;
}

// The input of the pinned draws: several sources, numbers of different lengths,
// one beyond 64 bits, leading zeros and ids that are not numbers, in no order.
const std::vector<std::string> kItems = {
    "so:54734446", "so:9",        "so:100",      "so:11",       "so:2",
    "so:007",      "so:7",        "csv:b",       "csv:a10",     "csv:a9",
    "csv:10",      "gh:1",        "so:abc",      "so:12x",      "so:1000000000000000000000",
    "so:54734999", "so:48889482", "so:50042318", "so:53180513", "so:55530620",
    "so:56982215", "so:57108912", "so:58420411", "so:59190245", "so:60147811"};

} // namespace

TEST_CASE("the normal quantile matches R's qnorm and Python's NormalDist.inv_cdf", "[sampling]") {
    // R 4.x: qnorm(0.975) = 1.959963984540054, qnorm(0.995) = 2.575829303548901,
    // qnorm(0.95) = 1.644853626951472, printed with options(digits = 16).
    CHECK(quantile(0.975) == Approx(1.959963984540054).epsilon(1e-15));
    CHECK(quantile(0.995) == Approx(2.575829303548901).epsilon(1e-15));
    CHECK(quantile(0.95) == Approx(1.644853626951472).epsilon(1e-15));
    // Python 3.11 statistics.NormalDist().inv_cdf(p) (also AS 241), repr() of each value.
    const std::pair<double, double> python[] = {
        {0.9, 1.2815515655446008},   {0.8, 0.8416212335729144},      {0.999, 3.090232306167813},
        {1e-10, -6.361340902404056}, {0.02425, -1.9729610513118845}, {0.3, -0.5244005127080407},
        {1e-300, -37.0470962993612}, {0.9999999, 5.199337582290662}};
    for (const auto& [p, expected] : python) {
        INFO("p = " << p);
        CHECK(quantile(p) == Approx(expected).epsilon(1e-15));
    }
    CHECK(quantile(0.5) == 0.0);
    for (double p : {0.001, 0.2, 0.4, 0.49}) // the three regions are odd-symmetric
        CHECK(quantile(p) == Approx(-quantile(1.0 - p)).epsilon(1e-14));
    for (double bad : {0.0, 1.0, -0.5, 1.5, std::nan("")}) {
        auto z = normalQuantile(bad);
        REQUIRE_FALSE(z.ok());
        CHECK_THAT(z.message(), Catch::Contains("strictly between 0 and 1"));
    }
}

TEST_CASE("95 % / 5 % gives 298 and 308 rounded up, the study's 297 and 307 truncated",
          "[sampling]") {
    // n0 = 1.959963984540054^2 * 0.25 / 0.05^2; Python: 384.1458820694123.
    const auto server = size(1325, Rounding::Ceil);
    CHECK(server.z == Approx(1.959963984540054).epsilon(1e-15));
    CHECK(server.n0 == Approx(384.1458820694123).epsilon(1e-14));
    CHECK(server.nExact == Approx(297.9799905177466).epsilon(1e-14));
    CHECK(server.n == 298);
    CHECK(size(1325, Rounding::Floor).n == 297);
    CHECK(size(1325, Rounding::Nearest).n == 298);
    const auto mobile = size(1533, Rounding::Ceil);
    CHECK(mobile.nExact == Approx(307.33340437337137).epsilon(1e-14));
    CHECK(mobile.n == 308);
    CHECK(size(1533, Rounding::Floor).n == 307);
    CHECK(size(1533, Rounding::Nearest).n == 307);
    // The study's total: 297 + 307 + all 165 browser posts = 769.
    CHECK(size(1325, Rounding::Floor).n + size(1533, Rounding::Floor).n + 165 == 769);
}

TEST_CASE("the sample size stays between 1 and the population", "[sampling]") {
    CHECK(size(1, Rounding::Ceil).n == 1);
    CHECK(size(10, Rounding::Ceil).nExact == Approx(9.771077342776008).epsilon(1e-14));
    CHECK(size(10, Rounding::Ceil).n == 10);
    CHECK(size(10, Rounding::Floor).n == 9);
    // A margin so small that n0 overflows asks for every post.
    CHECK(size(500, Rounding::Ceil, 0.95, 1e-200).n == 500);
    // A margin so wide that n0 < 1 still asks for one post.
    const auto wide = size(500, Rounding::Floor, 0.5, 0.99, 0.01);
    CHECK(wide.n0 < 1.0);
    CHECK(wide.n == 1);
    // A larger confidence or a smaller margin never asks for fewer posts.
    CHECK(size(1325, Rounding::Ceil, 0.99).n > size(1325, Rounding::Ceil, 0.95).n);
    CHECK(size(1325, Rounding::Ceil, 0.95, 0.03).n > size(1325, Rounding::Ceil).n);
}

TEST_CASE("invalid sample-size input is refused with a message naming it", "[sampling]") {
    const auto refused = [](SampleSizeInput input, const char* part) {
        auto result = computeSampleSize(input);
        REQUIRE_FALSE(result.ok());
        CHECK_THAT(result.message(), Catch::Contains(part));
    };
    SampleSizeInput good;
    good.population = 100;
    REQUIRE(computeSampleSize(good).ok());
    for (std::int64_t population : {0, -5}) {
        auto input = good;
        input.population = population;
        refused(input, "population must be at least 1");
    }
    for (double confidence : {0.0, 1.0, 1.5, -0.1, 95.0, std::nan("")}) {
        auto input = good;
        input.confidence = confidence;
        refused(input, "confidence level must lie strictly between 0 and 1");
    }
    for (double margin : {0.0, 1.0, -0.05, 5.0}) {
        auto input = good;
        input.margin = margin;
        refused(input, "margin of error must lie strictly between 0 and 1");
    }
    for (double proportion : {0.0, 1.0, 2.0}) {
        auto input = good;
        input.proportion = proportion;
        refused(input, "expected proportion must lie strictly between 0 and 1");
    }
    CHECK(parseRounding("floor").ok());
    CHECK_FALSE(parseRounding("truncate").ok());
    CHECK_FALSE(parseRounding("").ok());
}

TEST_CASE("mt19937_64 is the standard engine: output 10000 from seed 5489", "[sampling]") {
    // C++ standard [rand.predef]: the 10000th consecutive invocation of a
    // default-constructed mt19937_64 produces 9981545732273789042.
    std::mt19937_64 engine(5489u);
    std::uint64_t value = 0;
    for (int i = 0; i < 10000; ++i)
        value = engine();
    CHECK(value == 9981545732273789042ull);
}

TEST_CASE("uniform integers reject the incomplete last block of 2^64", "[sampling]") {
    // m = 2^63 + 1: 2^64 mod m = 2^63 - 1, so outputs above 2^63 are drawn again.
    const std::uint64_t bound = std::uint64_t{1} << 63;
    for (std::uint64_t seed : {1u, 2u, 3u, 42u, 20201108u}) {
        std::mt19937_64 engine(seed), copy(seed);
        std::uint64_t r = copy();
        int rejected = 0;
        while (r > bound) {
            r = copy();
            ++rejected;
        }
        const auto value = uniformUpTo(engine, bound);
        CHECK(value == r % (bound + 1));
        CHECK(engine() == copy()); // both consumed the same number of outputs
        INFO("seed " << seed << " rejected " << rejected);
    }
    // A power of two divides 2^64: nothing is rejected, the value is r mod m.
    std::mt19937_64 engine(7u), copy(7u);
    CHECK(uniformUpTo(engine, 0xFFFFFFFFu) == (copy() & 0xFFFFFFFFu));
    // Bound 0 has one possible value but still consumes one output, as the script does.
    CHECK(uniformUpTo(engine, 0) == 0);
    copy();
    CHECK(engine() == copy());
}

TEST_CASE("the canonical order: source, then numbers by value, then other ids as text",
          "[sampling]") {
    auto posts = refs(kItems);
    sortCanonically(posts);
    // Python: sorted(items, key=key) with key() from the script in docs/sampling.md.
    const std::vector<std::string> expected = {"csv:10",
                                               "csv:a10",
                                               "csv:a9",
                                               "csv:b",
                                               "gh:1",
                                               "so:2",
                                               "so:007",
                                               "so:7",
                                               "so:9",
                                               "so:11",
                                               "so:100",
                                               "so:48889482",
                                               "so:50042318",
                                               "so:53180513",
                                               "so:54734446",
                                               "so:54734999",
                                               "so:55530620",
                                               "so:56982215",
                                               "so:57108912",
                                               "so:58420411",
                                               "so:59190245",
                                               "so:60147811",
                                               "so:1000000000000000000000",
                                               "so:12x",
                                               "so:abc"};
    CHECK(names(posts) == expected);
    // Transitive even across numbers and text (the literal "numeric when both are
    // numbers, else text" would put 10 < 1a < 9 < 10 in a cycle).
    const PostRef ten{0, "so", "10"}, nine{0, "so", "9"}, mixed{0, "so", "1a"};
    CHECK(canonicalLess(nine, ten));
    CHECK(canonicalLess(ten, mixed));
    CHECK(canonicalLess(nine, mixed));
    CHECK_FALSE(canonicalLess(ten, ten));
}

TEST_CASE("a pinned draw equals the Python script of docs/sampling.md", "[sampling]") {
    // Produced by: printf '%s\n' <kItems> | python3 redraw.py 20201108 10 0.3
    // (the 20-line script in docs/sampling.md, Python 3.11.7), which prints
    //   pilot: so:abc so:54734446 so:2
    //   reliability: so:53180513 so:59190245 so:57108912 csv:a9 so:56982215 so:9 so:60147811
    auto draw = drawSample(refs(kItems), 20201108u, 10, 0.3);
    REQUIRE(draw.ok());
    CHECK(draw->pilotSize == 3);
    CHECK(names(draw->sample) ==
          std::vector<std::string>{"so:abc", "so:54734446", "so:2", "so:53180513", "so:59190245",
                                   "so:57108912", "csv:a9", "so:56982215", "so:9", "so:60147811"});

    // python3 redraw.py 18446744073709551615 25 0.3 (the largest seed; 7.5 rounds to 8):
    //   pilot: so:57108912 csv:b so:50042318 so:48889482 csv:a9 so:53180513 so:60147811 csv:a10
    //   reliability: gh:1 so:1000000000000000000000 so:12x so:56982215 so:54734999 so:54734446
    //   csv:10 so:11 so:7 so:9 so:007 so:58420411 so:100 so:55530620 so:2 so:abc so:59190245
    auto all = drawSample(refs(kItems), 18446744073709551615ull, 25, 0.3);
    REQUIRE(all.ok());
    CHECK(all->pilotSize == 8);
    CHECK(
        names(all->sample) ==
        std::vector<std::string>{
            "so:57108912", "csv:b",       "so:50042318", "so:48889482", "csv:a9",
            "so:53180513", "so:60147811", "csv:a10",     "gh:1",        "so:1000000000000000000000",
            "so:12x",      "so:56982215", "so:54734999", "so:54734446", "csv:10",
            "so:11",       "so:7",        "so:9",        "so:007",      "so:58420411",
            "so:100",      "so:55530620", "so:2",        "so:abc",      "so:59190245"});
}

TEST_CASE("the draw does not depend on the order the posts arrive in", "[sampling]") {
    auto forward = refs(kItems);
    auto backward = forward;
    std::reverse(backward.begin(), backward.end());
    auto a = drawSample(forward, 99u, 12, 0.5);
    auto b = drawSample(backward, 99u, 12, 0.5);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(names(a->sample) == names(b->sample));
    // Another seed gives another sample; a smaller size gives a prefix of the same order.
    auto other = drawSample(forward, 100u, 12, 0.5);
    REQUIRE(other.ok());
    CHECK(names(other->sample) != names(a->sample));
    auto prefix = drawSample(forward, 99u, 5, 0.5);
    REQUIRE(prefix.ok());
    const auto full = names(a->sample);
    CHECK(names(prefix->sample) == std::vector<std::string>(full.begin(), full.begin() + 5));
}

TEST_CASE("the pilot is round(k x fraction), halves away from zero", "[sampling]") {
    CHECK(pilotCount(769, 0.3) == 231); // 230.7
    CHECK(pilotCount(25, 0.3) == 8);    // 7.5
    CHECK(pilotCount(5, 0.5) == 3);     // 2.5
    CHECK(pilotCount(297, 0.3) == 89);  // 89.1
    CHECK(pilotCount(10, 0.0) == 0);
    CHECK(pilotCount(10, 1.0) == 10);
    auto none = drawSample(refs(kItems), 1u, 10, 0.0);
    REQUIRE(none.ok());
    CHECK(none->pilotSize == 0);
    auto every = drawSample(refs(kItems), 1u, 10, 1.0);
    REQUIRE(every.ok());
    CHECK(every->pilotSize == 10);
    CHECK(names(none->sample) == names(every->sample));
}

TEST_CASE("a draw refuses an empty set, a size out of range and a bad pilot fraction",
          "[sampling]") {
    auto empty = drawSample({}, 1u, 1, 0.3);
    REQUIRE_FALSE(empty.ok());
    CHECK_THAT(empty.message(), Catch::Contains("no posts"));
    for (std::int64_t bad : {0, -1}) {
        auto draw = drawSample(refs(kItems), 1u, bad, 0.3);
        REQUIRE_FALSE(draw.ok());
        CHECK_THAT(draw.message(), Catch::Contains("at least 1"));
    }
    // Larger than the set: an error, never a silent clamp (see docs/sampling.md).
    auto large = drawSample(refs(kItems), 1u, 26, 0.3);
    REQUIRE_FALSE(large.ok());
    CHECK_THAT(large.message(), Catch::Contains("cannot be drawn from 25 posts"));
    CHECK(drawSample(refs(kItems), 1u, 25, 0.3).ok());
    for (double fraction : {-0.1, 1.1, std::nan("")}) {
        auto draw = drawSample(refs(kItems), 1u, 5, fraction);
        REQUIRE_FALSE(draw.ok());
        CHECK_THAT(draw.message(), Catch::Contains("pilot fraction"));
    }
}

TEST_CASE("a seed is a decimal unsigned 64-bit number", "[sampling]") {
    CHECK(*parseSeed("0") == 0u);
    CHECK(*parseSeed("20201108") == 20201108u);
    CHECK(*parseSeed("18446744073709551615") == std::numeric_limits<std::uint64_t>::max());
    CHECK(*parseSeed("007") == 7u);
    for (const char* bad : {"", "-1", "18446744073709551616", "99999999999999999999", "12a", " 1",
                            "1 ", "1e5", "0x10", "+3", "123456789012345678901"}) {
        auto seed = parseSeed(bad);
        INFO("seed '" << bad << "'");
        REQUIRE_FALSE(seed.ok());
        CHECK_THAT(seed.message(), Catch::Contains("whole number from 0 to"));
    }
    CHECK(randomSeed() != randomSeed()); // 2^-64 chance of a false failure
}

TEST_CASE("a study-sized draw equals the Python script at both ends", "[sampling]") {
    // 1,325 posts so:(7919 i + 13), i = 1..1325; 297 drawn (the study's server size) with
    // seed 8675309. Produced by: python3 -c "print('\n'.join('so:%d' % (i*7919+13) for i in
    // range(1,1326)))" | python3 redraw.py 8675309 297 0.3   (docs/sampling.md, Python
    // 3.11.7), whose output has 89 pilot and 208 reliability items; first and last four:
    //   pilot: so:6921219 so:4886036 so:3896161 so:1148268 ... so:190069 so:712723
    //          so:5970939 so:9661193
    //   reliability: so:7760633 so:1425433 so:2589526 so:9985872 ... so:8790103 so:8687156
    //          so:4086217 so:7982365
    std::vector<PostRef> posts;
    for (std::int64_t i = 1; i <= 1325; ++i)
        posts.push_back({i, "so", std::to_string(i * 7919 + 13)});
    auto draw = drawSample(posts, 8675309u, 297, 0.3);
    REQUIRE(draw.ok());
    REQUIRE(draw->pilotSize == 89);
    const auto all = names(draw->sample);
    REQUIRE(all.size() == 297);
    const auto slice = [&](std::size_t from) {
        return std::vector<std::string>(all.begin() + static_cast<std::ptrdiff_t>(from),
                                        all.begin() + static_cast<std::ptrdiff_t>(from + 4));
    };
    CHECK(slice(0) ==
          std::vector<std::string>{"so:6921219", "so:4886036", "so:3896161", "so:1148268"});
    CHECK(slice(85) ==
          std::vector<std::string>{"so:190069", "so:712723", "so:5970939", "so:9661193"});
    CHECK(slice(89) ==
          std::vector<std::string>{"so:7760633", "so:1425433", "so:2589526", "so:9985872"});
    CHECK(slice(293) ==
          std::vector<std::string>{"so:8790103", "so:8687156", "so:4086217", "so:7982365"});
}
