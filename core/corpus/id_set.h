#pragma once
// A set of Stack Exchange post or user ids, small enough to keep for a whole
// Stack Overflow dump: a bitmap in 8 KiB pages allocated on demand (about 10 MiB for
// the ~80 million ids of Stack Overflow), with a hash set for the odd id outside
// [0, 2^32) so that a hostile id cannot make the page directory huge.

#include <array>
#include <bit>
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

    // Starts loading the word that holds `id` into the cache, so that an insert a few rows
    // later does not wait for memory: the census inserts askers at random ids, row after row.
    void prefetch(std::int64_t id) const {
        if (!inRange(id))
            return;
        const auto value = static_cast<std::uint64_t>(id);
        const auto pageIndex = static_cast<std::size_t>(value >> kPageBits);
        if (pageIndex < pages_.size() && pages_[pageIndex])
            __builtin_prefetch(&(*pages_[pageIndex])[(value & (kPageIds - 1)) / 64], 1);
    }

    // Adds every id of `other` (the census joins the askers counted on two threads).
    void merge(const IdSet& other) {
        if (other.pages_.size() > pages_.size())
            pages_.resize(other.pages_.size());
        for (std::size_t i = 0; i < other.pages_.size(); ++i) {
            if (!other.pages_[i])
                continue;
            if (!pages_[i])
                pages_[i] = std::make_unique<Page>(*other.pages_[i]);
            else
                for (std::size_t w = 0; w < pages_[i]->size(); ++w)
                    (*pages_[i])[w] |= (*other.pages_[i])[w];
        }
        outliers_.insert(other.outliers_.begin(), other.outliers_.end());
    }

    std::int64_t size() const {
        std::int64_t count = static_cast<std::int64_t>(outliers_.size());
        for (const auto& page : pages_)
            if (page)
                for (const std::uint64_t word : *page)
                    count += std::popcount(word);
        return count;
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
