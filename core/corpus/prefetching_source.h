#pragma once
// Reads another ByteSource on its own thread, a few blocks ahead of the reader. Used for
// the entries of a .7z archive: decompressing is slower than scanning and storing, and
// on the second core the two overlap instead of taking turns. A plain file is read on
// the scanning thread itself (see dump_rows.cpp), its second core storing the rows.

#include "core/corpus/byte_source.h"

#include <cstddef>
#include <memory>

namespace taxo::corpus {

// The same bytes, in the same order, with the same errors at the same place as `inner`;
// at most `depth` blocks of `blockBytes` are held. Destroying it stops the thread (after
// at most one pending read of the inner source).
std::unique_ptr<ByteSource> prefetching(std::unique_ptr<ByteSource> inner,
                                        std::size_t blockBytes = std::size_t{1} << 20,
                                        std::size_t depth = 4);

} // namespace taxo::corpus
