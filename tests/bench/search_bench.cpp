// Searching a large project, as the Corpus and Coding pages do it: for a common
// word ("wallet", in about 24 % of the posts of generate_project), a rare one
// ("keystore", 1 in 10,000), one in no post ("zyzzyva") and no search at all, the
// time to the first page of rows (what the page shows at once) and to the full count
// (what it shows afterwards), and the Coding page's search over a round of 2,000
// posts. Each figure is the median and the maximum of --repeat runs after one
// warm-up run, so the project's pages are in the operating system's cache.
// Not a timed test (machines differ); run by hand:
//   build/release/tests/bench/search_bench FILE.taxo [FILE.taxo ...] [--repeat N]

#include "core/corpus/post_store.h"
#include "core/labels/coding.h"
#include "core/project/project.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

// What the Corpus page asks for at once (PostTableModel::kPageSize).
constexpr int kFirstPage = 256;

struct Timing {
    double median = 0;
    double max = 0;
};

Timing timeIt(int repeat, const std::function<void()>& work) {
    work(); // warm-up
    std::vector<double> samples;
    for (int i = 0; i < repeat; ++i) {
        const auto start = Clock::now();
        work();
        samples.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::sort(samples.begin(), samples.end());
    return {samples[samples.size() / 2], samples.back()};
}

void require(bool ok, const std::string& what) {
    if (!ok) {
        std::fprintf(stderr, "search_bench: %s failed\n", what.c_str());
        std::exit(1);
    }
}

void benchProject(const std::string& path, int repeat) {
    auto project = taxo::Project::open(path, taxo::Project::Access::ReadOnly);
    require(project.ok(), "open " + path);
    auto& db = project->db();
    auto total = taxo::corpus::countPosts(db, {});
    require(total.ok(), "count");
    std::printf("%s: %lld posts\n", path.c_str(), static_cast<long long>(*total));
    std::printf("  %-10s %10s %22s %22s %22s\n", "search", "matches", "first page median/max",
                "count median/max", "page + count median");
    for (const char* word : {"wallet", "keystore", "zyzzyva", ""}) {
        taxo::corpus::PostFilter filter;
        filter.search = word;
        std::int64_t matches = 0;
        const Timing page = timeIt(repeat, [&] {
            auto rows = taxo::corpus::postPage(db, filter, 0, kFirstPage);
            require(rows.ok(), "page");
        });
        const Timing count = timeIt(repeat, [&] {
            auto n = taxo::corpus::countPosts(db, filter);
            require(n.ok(), "count");
            matches = *n;
        });
        const Timing both = timeIt(repeat, [&] {
            require(taxo::corpus::postPage(db, filter, 0, kFirstPage).ok(), "page");
            require(taxo::corpus::countPosts(db, filter).ok(), "count");
        });
        std::printf("  %-10s %10lld %11.1f / %6.1f ms %11.1f / %6.1f ms %14.1f ms\n",
                    *word ? word : "(none)", static_cast<long long>(matches), page.median, page.max,
                    count.median, count.max, both.median);
    }
    for (const char* word : {"wallet", "keystore"}) {
        taxo::labels::ItemFilter filter;
        filter.search = word;
        std::size_t shown = 0;
        const Timing coding = timeIt(repeat, [&] {
            auto rows = taxo::labels::filterForCoder(db, 1, 1, filter);
            require(rows.ok(), "Coding page search");
            shown = rows->size();
        });
        std::printf("  Coding page, round of 2,000, \"%s\": %zu items, %.1f / %.1f ms\n", word,
                    shown, coding.median, coding.max);
    }
}

} // namespace

int main(int argc, char** argv) {
    int repeat = 5;
    std::vector<std::string> paths;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
            repeat = std::max(1, std::atoi(argv[++i]));
        else
            paths.emplace_back(argv[i]);
    }
    if (paths.empty()) {
        std::fprintf(stderr, "usage: search_bench FILE.taxo [FILE.taxo ...] [--repeat N]\n");
        return 2;
    }
    for (const auto& path : paths)
        benchProject(path, repeat);
    return 0;
}
