#include "core/corpus/byte_source.h"
#include "core/corpus/prefetching_source.h"
#include "tests/support/test_support.h"

#include <catch2/catch.hpp>
#include <string>

using taxo::Result;
using taxo::corpus::ByteSource;
using taxo::corpus::prefetching;

namespace {

// Hands out `text` in reads of at most `step` bytes, then fails after `failAfter` bytes
// when that is set.
class ScriptedSource final : public ByteSource {
public:
    ScriptedSource(std::string text, std::size_t step, std::size_t failAfter = std::string::npos)
        : text_(std::move(text)), step_(step), failAfter_(failAfter) {}
    Result<std::size_t> read(char* buffer, std::size_t size) override {
        if (position_ >= failAfter_)
            return taxo::makeError(name_ + ": cannot decompress: damaged block");
        std::size_t n = std::min({size, step_, text_.size() - position_});
        if (failAfter_ != std::string::npos)
            n = std::min(n, failAfter_ - position_);
        text_.copy(buffer, n, position_);
        position_ += n;
        return n;
    }
    std::uint64_t totalBytes() const override { return text_.size(); }
    const std::string& name() const override { return name_; }

private:
    std::string text_;
    std::size_t step_;
    std::size_t failAfter_;
    std::size_t position_ = 0;
    std::string name_ = "site.7z:Posts.xml";
};

std::string pattern(std::size_t size) {
    std::string text(size, '\0');
    for (std::size_t i = 0; i < size; ++i)
        text[i] = static_cast<char>('a' + (i * 7 + i / 13) % 26);
    return text;
}

// Reads everything in reads of `readSize`; the error message, if any, goes to `error`.
std::string drain(ByteSource& source, std::size_t readSize, std::string* error = nullptr) {
    std::string out;
    std::string buffer(readSize, '\0');
    while (true) {
        auto got = source.read(buffer.data(), buffer.size());
        if (!got) {
            if (error)
                *error = got.message();
            return out;
        }
        if (*got == 0)
            return out;
        out.append(buffer, 0, *got);
    }
}

} // namespace

TEST_CASE("prefetching hands out the same bytes in the same order", "[import][prefetch]") {
    for (const std::size_t step : {1UL, 7UL, 4096UL, 200'000UL})
        for (const std::size_t block : {1UL, 10UL, 65536UL})
            for (const std::size_t readSize : {1UL, 333UL, 1UL << 20}) {
                // Tiny blocks cost a thread hand-over per block: keep their text short.
                const std::string text = pattern(block < 100 ? 5'003 : 300'007);
                INFO("step " << step << ", block " << block << ", read " << readSize);
                auto source = prefetching(std::make_unique<ScriptedSource>(text, step), block, 3);
                CHECK(source->name() == "site.7z:Posts.xml");
                CHECK(source->totalBytes() == text.size());
                CHECK(drain(*source, readSize) == text);
                // After the end, the end again.
                char byte = 0;
                auto again = source->read(&byte, 1);
                REQUIRE(again.ok());
                CHECK(*again == 0);
            }
}

TEST_CASE("prefetching gives the inner error after exactly the bytes read before it",
          "[import][prefetch]") {
    const std::string text = pattern(50'000);
    auto source = prefetching(std::make_unique<ScriptedSource>(text, 4096, 12'345), 1000, 4);
    std::string error;
    const std::string got = drain(*source, 777, &error);
    CHECK(got == text.substr(0, 12'345));
    CHECK(error == "site.7z:Posts.xml: cannot decompress: damaged block");
}

TEST_CASE("prefetching can be dropped mid-stream without waiting for the end",
          "[import][prefetch]") {
    const std::string text = pattern(10'000'000);
    for (int i = 0; i < 20; ++i) {
        auto source = prefetching(std::make_unique<ScriptedSource>(text, 4096), 4096, 2);
        char buffer[100];
        REQUIRE(source->read(buffer, sizeof buffer).ok());
        // The destructor stops the reading thread here; the test hangs if it does not.
    }
}

TEST_CASE("a plain file read through openFile is the file", "[import][prefetch]") {
    taxo::test::TempDir dir;
    const std::string text = pattern(3'000'000);
    const auto path = dir.file("Posts.xml");
    taxo::test::writeFile(path, text);
    auto source = taxo::corpus::openFile(path);
    REQUIRE(source.ok());
    CHECK((*source)->totalBytes() == text.size());
    CHECK(drain(**source, 65536) == text);
}
