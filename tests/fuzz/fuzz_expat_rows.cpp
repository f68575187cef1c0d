// libFuzzer target: the expat row reader (the fallback and reference reader of dumps),
// with and without the quick row filter in front of it.
#include "core/corpus/xml_rows.h"
#include "fuzz_memory_source.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0)
        return 0;
    const std::size_t piece = 1 + data[0] % 128;
    const bool quick = data[0] & 0x80;
    taxo::fuzz::MemorySource source(std::string(reinterpret_cast<const char*>(data) + 1, size - 1),
                                    piece);
    taxo::corpus::XmlLimits limits;
    limits.maxRowBytes = 4096;
    limits.maxParserMemory = std::uint64_t{8} << 20;
    std::size_t seen = 0;
    auto onRow = [&](const char** attributes) {
        for (const char** at = attributes; *at; ++at)
            seen += std::char_traits<char>::length(*at);
        return taxo::Status{};
    };
    auto onChunk = [](std::uint64_t, std::uint64_t) {
        return taxo::Status{};
    };
    taxo::corpus::QuickRowHandler filter;
    if (quick)
        filter = [](const taxo::corpus::RawRow&) {
            return false;
        };
    (void)taxo::corpus::readRows(source, "posts", limits, onRow, onChunk, filter);
    return 0;
}
