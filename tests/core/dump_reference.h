#pragma once
// The yardstick for the dump scanner: expat reading the same bytes, and the scanner
// reading them in random chunks, both reduced to the same plain structure.

#include "core/corpus/dump_scanner.h"

#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace taxo::test {

struct ReadRow {
    std::uint64_t line = 0;
    std::vector<std::pair<std::string, std::string>> attributes; // decoded, in document order
    bool operator==(const ReadRow&) const = default;
};

struct ReadResult {
    bool ok = false;
    std::vector<ReadRow> rows;
    std::string error;
    std::uint64_t errorLine = 0;
    corpus::ScanFailure failure = corpus::ScanFailure::None; // scanner only
};

// expat: XML_Parse with a start-element handler; the rows are the `row` children of the
// root. Refuses a root other than `root` and any DOCTYPE, as the scanner does.
ReadResult expatRead(const std::string& data, const std::string& root);

// The scanner, fed in chunks of random sizes (1 to maxChunk bytes; maxChunk 1 gives
// 1-byte chunks). Also checks that a plain attribute's raw value is its decoded value.
ReadResult scannerRead(const std::string& data, const std::string& root, std::mt19937& rng,
                       std::size_t maxChunk, const std::string& fileName = "case.xml",
                       corpus::DumpScannerOptions options = {});

} // namespace taxo::test
