// libFuzzer target: the strict dump scanner on arbitrary bytes, fed whole and then split
// into chunks at places the input itself chooses (the scanner must give the same verdict
// however the bytes arrive, and never read outside them).
#include "core/corpus/dump_scanner.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

struct Outcome {
    bool ok;
    std::uint64_t rows;
    taxo::corpus::ScanFailure failure;
};

Outcome scan(std::string_view bytes, std::size_t chunk) {
    taxo::corpus::DumpScannerOptions options;
    options.fileName = "fuzz.xml";
    options.rootElement = "posts";
    // Small limits so the fuzzer reaches the refusals too.
    options.maxAttributeBytes = 512;
    options.maxRowBytes = 2048;
    std::string scratch;
    taxo::corpus::DumpScanner scanner(options, [&](const taxo::corpus::RowView& row) {
        // Touch every value, decoded, as the import does.
        for (const auto& attribute : row)
            (void)taxo::corpus::RowView::decoded(attribute, scratch);
        return taxo::Status{};
    });
    bool ok = true;
    for (std::size_t at = 0; ok && at < bytes.size(); at += chunk)
        ok = scanner.feed(bytes.substr(at, chunk)).ok();
    if (ok)
        ok = scanner.finish().ok();
    return {ok, scanner.rows(), scanner.failure()};
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0)
        return 0;
    // The first byte picks the chunk size; the rest is the file.
    const std::size_t chunk = 1 + data[0] % 64;
    const std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    const Outcome whole = scan(bytes, bytes.size() + 1);
    const Outcome split = scan(bytes, chunk);
    if (whole.ok != split.ok || whole.rows != split.rows || whole.failure != split.failure)
        std::abort(); // the verdict depends on how the bytes were cut
    return 0;
}
