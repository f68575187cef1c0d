// Times every agreement statistic over 10,000 generated posts, to check that the
// agreement view can recompute on each change: the target is far below 100 ms.
// Not a timed test (machines differ); run by hand: build/dev/tests/bench/agreement_bench

#include "core/agreement/cohen_kappa.h"
#include "core/agreement/krippendorff_alpha.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <random>
#include <vector>

using namespace taxo::agreement;

int main() {
    constexpr std::size_t kPosts = 10'000;
    constexpr std::int64_t kLeaves = 72; // the study's taxonomy has 72 leaf categories
    std::mt19937_64 random(20261126);
    std::uniform_int_distribution<std::int64_t> leaf(1, kLeaves);
    std::uniform_real_distribution<double> unit(0.0, 1.0);

    // Coder A: mostly one leaf, sometimes two, sometimes a special value; coder B agrees
    // about 80 % of the time, which is roughly the study's situation.
    auto randomLabel = [&]() -> LabelValue {
        const double r = unit(random);
        if (r < 0.05)
            return LabelValue::special(SpecialValue::FalsePositive);
        if (r < 0.08)
            return LabelValue::special(SpecialValue::Unclear);
        if (r < 0.85)
            return LabelValue::categories({leaf(random)}).value();
        return LabelValue::categories({leaf(random), leaf(random)}).value();
    };
    std::vector<RatedItem> items;
    items.reserve(kPosts);
    for (std::size_t i = 0; i < kPosts; ++i) {
        LabelValue a = randomLabel();
        if (unit(random) < 0.02) {
            items.push_back({a, std::nullopt});
            continue;
        }
        LabelValue b = unit(random) < 0.8 ? a : randomLabel();
        items.push_back({std::move(a), std::move(b)});
    }
    std::vector<Unit> units;
    units.reserve(kPosts);
    for (const auto& item : items) {
        Unit u;
        if (item.a)
            u.push_back(*item.a);
        if (item.b)
            u.push_back(*item.b);
        units.push_back(std::move(u));
    }
    std::vector<std::int64_t> leaves;
    for (std::int64_t id = 1; id <= kLeaves; ++id)
        leaves.push_back(id);

    using Clock = std::chrono::steady_clock;
    auto ms = [](Clock::duration d) {
        return std::chrono::duration<double, std::milli>(d).count();
    };
    const auto t0 = Clock::now();
    const auto overall = cohensKappa(items);
    const auto t1 = Clock::now();
    const auto perCategory = perCategoryKappa(items, leaves);
    const auto t2 = Clock::now();
    const auto nominal = krippendorffAlphaNominal(units);
    const auto t3 = Clock::now();
    const auto masi = krippendorffAlphaMasi(units);
    const auto t4 = Clock::now();

    std::printf("posts %zu, %zu non-empty confusion cells\n", kPosts, overall.confusion.size());
    std::printf("kappa %.4f  alpha nominal %.4f  alpha MASI %.4f  (%zu category kappas)\n",
                overall.kappa.value_or(-9), nominal.alpha.value_or(-9), masi.alpha.value_or(-9),
                perCategory.size());
    std::printf("cohen kappa + CI + confusion: %8.2f ms\n", ms(t1 - t0));
    std::printf("72 per-category kappas:       %8.2f ms\n", ms(t2 - t1));
    std::printf("alpha nominal:                %8.2f ms\n", ms(t3 - t2));
    std::printf("alpha MASI:                   %8.2f ms\n", ms(t4 - t3));
    std::printf("total:                        %8.2f ms\n", ms(t4 - t0));
    return 0;
}
