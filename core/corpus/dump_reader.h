#pragma once
// The Stack Exchange side of the import: what to keep from the rows of Posts.xml,
// Comments.xml and Users.xml. Rows may come in any order (dumps from 2024 on are not
// sorted by Id), and memory stays bounded whatever the dump size: only sets of ids
// are held (see IdSet); every post goes straight to the project file, and answers
// read before their question wait in a temporary table.

#include "core/corpus/census.h"
#include "core/corpus/dump_rows.h"
#include "core/corpus/id_set.h"
#include "core/corpus/import.h"
#include "core/corpus/post_writer.h"
#include "core/corpus/tags.h"

#include <string>

namespace taxo::corpus {

// The two fabricated posts Stack Exchange put into the 2025 dumps as a watermark.
inline constexpr std::int64_t kWatermarkIds[] = {1000000001, 1000000010};
inline constexpr const char* kWatermarkReason = "watermark post (fabricated by Stack Exchange)";

inline bool isWatermarkId(std::int64_t id) {
    for (const auto mark : kWatermarkIds)
        if (id == mark)
            return true;
    return false;
}

class DumpReader {
public:
    // `census` (may be null) counts every question and answer row that reaches postRow,
    // before the tag filter: DumpRowFilter counts those it skips itself.
    DumpReader(PostWriter& writer, const TagFilter& filter, std::string source,
               ImportReport& report, CensusCounter* census = nullptr)
        : writer_(writer), filter_(filter), source_(std::move(source)), report_(report),
          census_(census) {}

    // Each reads only the attributes it needs, in the order it needs them: a row that is
    // skipped has its Body neither decoded nor copied (see DumpRow).
    Status postRow(const DumpRow& row);
    // Once Posts.xml is read: attaches the answers that came before their question.
    Status afterPosts();
    Status commentRow(const DumpRow& row);
    Status userRow(const DumpRow& row);

    // What DumpRowFilter asks before passing on a comment or a user row; both sets are
    // complete once Posts.xml (and afterPosts) is done.
    bool keepsPost(std::int64_t stackId) const {
        return keptQuestions_.contains(stackId) || keptAnswers_.contains(stackId);
    }
    bool needsUser(std::int64_t userId) const { return neededUsers_.contains(userId); }

private:
    void skip(const char* reason) { ++report_.skipped[reason]; }
    void countInCensus(const DumpRow& row, std::int64_t type);

    PostWriter& writer_;
    const TagFilter& filter_;
    std::string source_;
    ImportReport& report_;
    CensusCounter* census_;
    std::vector<std::string_view> censusTags_;
    IdSet seenQuestions_, keptQuestions_, presentQuestions_, keptAnswers_, neededUsers_;
    std::int64_t staged_ = 0;
    QuestionRecord question_; // reused so its tag vector keeps its capacity
    // The ids as stored: the number written back ("05" and "5" are one post).
    std::string idText_, acceptedText_;
};

} // namespace taxo::corpus
