#pragma once
// Helpers shared by every test executable: scratch folders, fixture paths and
// the location of the genuine Stack Exchange samples.

#include <filesystem>
#include <optional>
#include <string>

namespace taxo::test {

// A fresh folder under the system temp dir, removed with everything in it.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

// tests/data/<name>
std::string fixture(const std::string& name);

// ../shared/data/stackexchange/<site>, or nullopt when the samples are absent.
std::optional<std::filesystem::path> stackExchangeSample(const std::string& site);

std::string readFile(const std::string& path);
void writeFile(const std::string& path, const std::string& content);

} // namespace taxo::test

// Skips the current test case with a visible message when the shared samples are absent.
#define TAXO_REQUIRE_SAMPLE(var, site)                                                             \
    const auto var##Optional = ::taxo::test::stackExchangeSample(site);                            \
    if (!var##Optional) {                                                                          \
        WARN("skipped: ../shared/data/stackexchange/" site " is absent");                          \
        return;                                                                                    \
    }                                                                                              \
    const std::filesystem::path var = *var##Optional
