#pragma once
// A set of Stack Exchange post or user ids, small enough to keep for a whole
// Stack Overflow dump: a bitmap in 8 KiB pages allocated on demand (about 10 MiB for
// the ~80 million ids of Stack Overflow), with a hash set for the odd id outside
// [0, 2^32) so that a hostile id cannot make the page directory huge.

#include <array>
#include <cstdint>
#include <memory>
#include <unordered_set>
#include <vector>

namespace taxo::corpus {

class IdSet {
public:
    void insert(std::int64_t id) {
        if (!inRange(id)) {
            outliers_.insert(id);
            return;
        }
        const auto value = static_cast<std::uint64_t>(id);
        const auto pageIndex = static_cast<std::size_t>(value >> kPageBits);
        if (pageIndex >= pages_.size())
            pages_.resize(pageIndex + 1);
        auto& page = pages_[pageIndex];
        if (!page)
            page = std::make_unique<Page>();
        const auto bit = value & (kPageIds - 1);
        (*page)[bit / 64] |= std::uint64_t{1} << (bit % 64);
    }

    bool contains(std::int64_t id) const {
        if (!inRange(id))
            return outliers_.count(id) > 0;
        const auto value = static_cast<std::uint64_t>(id);
        const auto pageIndex = static_cast<std::size_t>(value >> kPageBits);
        if (pageIndex >= pages_.size() || !pages_[pageIndex])
            return false;
        const auto bit = value & (kPageIds - 1);
        return ((*pages_[pageIndex])[bit / 64] >> (bit % 64)) & 1U;
    }

private:
    static constexpr unsigned kPageBits = 16;
    static constexpr std::uint64_t kPageIds = std::uint64_t{1} << kPageBits;
    using Page = std::array<std::uint64_t, kPageIds / 64>;

    static bool inRange(std::int64_t id) { return id >= 0 && id < (std::int64_t{1} << 32); }

    std::vector<std::unique_ptr<Page>> pages_;
    std::unordered_set<std::int64_t> outliers_;
};

} // namespace taxo::corpus
