#pragma once
// The first look at each row of a dump file, where the rows are read: most rows of a
// large dump are skipped on their ids and tags alone, so they are counted here and go no
// further. A row the filter does not skip goes on to DumpReader, which decides for good
// (and may still skip it): the filter only skips rows that DumpReader would skip for the
// same reason, so the report is the same with or without it (the import tests compare).
//
// It reads attribute values as written in the file, still escaped, and judges only the
// plain forms the dumps use (digits for ids, "&lt;a&gt;" or "|a|" for tags); anything
// else is passed on for DumpReader to decode and judge.

#include "core/corpus/id_set.h"
#include "core/corpus/import.h"
#include "core/corpus/row_scanner.h"
#include "core/corpus/tags.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>

namespace taxo::corpus {

class CensusCounter;
class DumpReader;
struct RowAttribute;

// The few attributes the filter and the census read, still escaped; absent ones are
// nullopt.
struct RowKeys {
    std::optional<std::string_view> id, postTypeId, parentId, postId, score, tags;
    std::optional<std::string_view> creationDate, ownerUserId, acceptedAnswerId;

    static RowKeys of(std::span<const RowAttribute> attributes);
    static RowKeys of(const RawRow& row);
};

class DumpRowFilter {
public:
    // `reader` is the DumpReader the passed rows go to: the comment and user rows are
    // judged on the posts and users it has kept. It is only read, and only once Posts.xml
    // is done, when nothing changes those sets any more.
    // `census` (may be null) counts the question and answer rows skipped here: the rows
    // passed on are counted by DumpReader, so each row is counted once, kept or not.
    DumpRowFilter(const TagFilter& tags, const DumpReader& reader, CensusCounter* census = nullptr)
        : tags_(tags), reader_(reader), census_(census) {}

    // True when the row is skipped (and counted here).
    bool skipPost(const RowKeys& row);
    bool skipComment(const RowKeys& row);
    bool skipUser(const RowKeys& row);

    // The rows skipped here since the last call: rowsRead and skipped only. The caller adds
    // them to the report once a file is done.
    ImportReport takeCounts() { return std::exchange(counts_, ImportReport()); }

private:
    void skip(const char* reason) {
        ++counts_.rowsRead;
        ++counts_.skipped[reason];
    }

    const TagFilter& tags_;
    const DumpReader& reader_;
    CensusCounter* census_;
    // Set at the first post row whose Id or PostTypeId is not plain digits (references in
    // them are legal XML, but no dump has them): from then on every post row is passed
    // on, since that row may be a question the filter cannot see.
    bool passAllPosts_ = false;
    // Questions seen, and those of them passed on: an answer to a question seen but not
    // passed on is skipped; any other answer is passed on (its question may come later).
    IdSet seenQuestions_, passedQuestions_;
    ImportReport counts_;
};

} // namespace taxo::corpus
