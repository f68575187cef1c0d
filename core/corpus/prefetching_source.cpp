#include "core/corpus/prefetching_source.h"

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace taxo::corpus {
namespace {

struct Block {
    std::vector<char> bytes;
    std::size_t size = 0;
};

class PrefetchingSource final : public ByteSource {
public:
    PrefetchingSource(std::unique_ptr<ByteSource> inner, std::size_t blockBytes, std::size_t depth)
        : inner_(std::move(inner)), name_(inner_->name()), total_(inner_->totalBytes()),
          blockBytes_(std::max<std::size_t>(blockBytes, 1)),
          depth_(std::max<std::size_t>(depth, 1)) {
        producer_ = std::thread([this] { produce(); });
    }

    ~PrefetchingSource() override {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        changed_.notify_all();
        producer_.join();
    }

    PrefetchingSource(const PrefetchingSource&) = delete;
    PrefetchingSource& operator=(const PrefetchingSource&) = delete;

    Result<std::size_t> read(char* buffer, std::size_t size) override {
        if (size == 0)
            return std::size_t{0};
        if (current_.size == offset_) {
            std::unique_lock lock(mutex_);
            if (!current_.bytes.empty())
                spare_.push_back(std::move(current_.bytes));
            current_ = Block{};
            offset_ = 0;
            changed_.notify_all();
            changed_.wait(lock, [this] { return !filled_.empty() || finished_; });
            if (filled_.empty()) {
                // Every byte read before the failure has been handed out: the error comes
                // exactly where the inner source gave it.
                if (error_)
                    return makeError(*error_);
                return std::size_t{0};
            }
            current_ = std::move(filled_.front());
            filled_.pop_front();
            changed_.notify_all();
        }
        const std::size_t n = std::min(size, current_.size - offset_);
        std::memcpy(buffer, current_.bytes.data() + offset_, n);
        offset_ += n;
        return n;
    }

    std::uint64_t totalBytes() const override { return total_; }
    const std::string& name() const override { return name_; }

private:
    void produce() {
        while (true) {
            Block block;
            {
                std::unique_lock lock(mutex_);
                changed_.wait(lock, [this] { return stopping_ || filled_.size() < depth_; });
                if (stopping_)
                    return;
                if (!spare_.empty()) {
                    block.bytes = std::move(spare_.back());
                    spare_.pop_back();
                }
            }
            std::optional<std::string> failure;
            try {
                block.bytes.resize(blockBytes_);
                auto got = inner_->read(block.bytes.data(), block.bytes.size());
                if (got)
                    block.size = *got;
                else
                    failure = got.message();
            } catch (const std::exception& e) {
                failure = name_ + ": read error: " + e.what();
            }
            bool done = false;
            {
                std::lock_guard lock(mutex_);
                if (failure) {
                    error_ = std::move(failure);
                    finished_ = true;
                } else if (block.size == 0) {
                    finished_ = true;
                } else {
                    filled_.push_back(std::move(block));
                }
                done = finished_;
            }
            changed_.notify_all();
            if (done)
                return;
        }
    }

    std::unique_ptr<ByteSource> inner_;
    const std::string name_;
    const std::uint64_t total_;
    const std::size_t blockBytes_;
    const std::size_t depth_;

    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Block> filled_;             // guarded by mutex_
    std::vector<std::vector<char>> spare_; // guarded by mutex_
    std::optional<std::string> error_;     // guarded by mutex_
    bool finished_ = false;                // guarded by mutex_
    bool stopping_ = false;                // guarded by mutex_
    Block current_;                        // the reader's own
    std::size_t offset_ = 0;               // the reader's own
    std::thread producer_;                 // started once the rest is built
};

} // namespace

std::unique_ptr<ByteSource> prefetching(std::unique_ptr<ByteSource> inner, std::size_t blockBytes,
                                        std::size_t depth) {
    return std::make_unique<PrefetchingSource>(std::move(inner), blockBytes, depth);
}

} // namespace taxo::corpus
