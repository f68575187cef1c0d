#pragma once
// A ByteSource over the fuzzer's bytes, handing them out in small pieces so that the
// readers' buffer boundaries get exercised.
#include "core/corpus/byte_source.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace taxo::fuzz {

class MemorySource : public corpus::ByteSource {
public:
    MemorySource(std::string bytes, std::size_t piece) : bytes_(std::move(bytes)), piece_(piece) {}
    Result<std::size_t> read(char* buffer, std::size_t size) override {
        const std::size_t n = std::min({size, piece_, bytes_.size() - at_});
        std::memcpy(buffer, bytes_.data() + at_, n);
        at_ += n;
        return n;
    }
    std::uint64_t totalBytes() const override { return bytes_.size(); }
    const std::string& name() const override { return name_; }

private:
    std::string bytes_;
    std::size_t piece_;
    std::size_t at_ = 0;
    std::string name_ = "fuzz";
};

} // namespace taxo::fuzz
