#pragma once
// Where the bytes of one dump file come from: a plain file, or one entry of a
// .7z archive decompressed on the fly by libarchive (never extracted to disk).

#include "core/util/result.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace taxo::corpus {

class ByteSource {
public:
    virtual ~ByteSource() = default;
    // Fills up to `size` bytes; 0 means the end.
    virtual Result<std::size_t> read(char* buffer, std::size_t size) = 0;
    // The uncompressed size when known, else 0 (for progress only).
    virtual std::uint64_t totalBytes() const = 0;
    // How messages name it: the path, or "archive.7z:Posts.xml".
    virtual const std::string& name() const = 0;
};

Result<std::unique_ptr<ByteSource>> openFile(const std::string& path);

// The paths of the archive's entries (with any folder inside it), in archive order.
Result<std::vector<std::string>> listArchive(const std::string& archivePath);

// Opens the first entry whose path inside the archive (as listArchive gives it) equals
// `entryName`, ignoring case. A null pointer means the archive has no such entry.
Result<std::unique_ptr<ByteSource>> openArchiveEntry(const std::string& archivePath,
                                                     const std::string& entryName);

} // namespace taxo::corpus
