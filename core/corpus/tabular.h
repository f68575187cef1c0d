#pragma once
// Posts from anywhere else, one record each: CSV (RFC 4180) and JSON Lines. Both
// readers produce TabularPost records and store them the same way; a file whose header
// shows a Stack Exchange shape (a Data Explorer result, a BigQuery posts table; see
// post_shapes.h) gives dump rows instead, one per question or answer, to `shaped`.

#include "core/corpus/byte_source.h"
#include "core/corpus/census.h"
#include "core/corpus/import.h"
#include "core/corpus/post_shapes.h"
#include "core/corpus/post_writer.h"
#include "core/corpus/tags.h"
#include "core/corpus/xml_rows.h"

#include <optional>
#include <string>
#include <vector>

namespace taxo::corpus {

// `authorId` is the author's account id (text or a whole number, stored as the dump's
// OwnerUserId is): the statistics count askers by it, never by name.
struct TabularAnswer {
    std::string id, body;
    std::optional<std::string> created, author, authorId;
    std::optional<std::int64_t> score;
    bool accepted = false;
};

struct TabularComment {
    std::string id, text;
    std::optional<std::string> created, author, authorId;
    std::optional<std::int64_t> score;
};

struct TabularPost {
    std::string id, title, body;
    std::optional<std::string> source, created, author, authorId, acceptedAnswerCreated;
    std::optional<std::int64_t> score;
    std::vector<std::string> tags;
    std::vector<TabularAnswer> answers;
    std::vector<TabularComment> comments;
};

struct TabularContext {
    PostWriter& writer;
    const TagFilter& filter;
    std::string defaultSource; // "csv", "jsonl", or the caller's choice
    ImportReport& report;
    std::uint64_t maxRecordBytes;
    ChunkHandler onChunk;
    // Where the rows of a Stack Exchange shape go; without it such a file is refused.
    ShapedRowSink* shaped = nullptr;
    // Counts every question and answer record before the tag filter (may be null).
    CensusCounter* census = nullptr;
};

// Keeps or skips one record (tag filter, already present) and counts it.
Status storeTabularPost(TabularContext& context, const TabularPost& post);

Status readCsv(ByteSource& source, TabularContext& context);
Status readJsonLines(ByteSource& source, TabularContext& context);

// True when the bytes are valid UTF-8 (SQLite would store anything).
bool isValidUtf8(std::string_view text);

} // namespace taxo::corpus
