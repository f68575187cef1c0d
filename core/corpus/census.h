#pragma once
// The census: what an import read, kept or not. A study describes the whole site before it
// narrows down ("among all the questions in the dataset (set A), 52.33 % have an accepted
// answer"), while an import with --tags keeps only the matching questions. So every import
// counts every question and answer row it reads, before any filter drops it: per year the
// questions, their distinct askers, the questions with an accepted answer and the answers;
// per tag the questions per year. The counts are a few small tables (census_sources,
// census_years, census_tags), owned by this module.
//
// One census per source: a dump counts under its site's name when the import knows it
// (so that a newer dump of the site replaces the older one's counts), otherwise, and for
// CSV and JSON Lines files, under the file's path. Importing a source again replaces its
// counts; different sources add up. Definitions: docs/statistics.md.

#include "core/corpus/id_set.h"
#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace taxo::corpus {

struct RowKeys;

// Year 0 stands for rows without a readable creation date.
struct CensusYear {
    int year = 0;
    std::int64_t questions = 0;
    std::int64_t askers = 0; // distinct OwnerUserId (or author) among the year's questions
    std::int64_t withAccepted = 0;
    std::int64_t answers = 0;
};

struct CensusTag {
    std::string tag;
    std::int64_t questions = 0;
    std::vector<std::pair<int, std::int64_t>> years; // ascending
};

struct CensusSource {
    std::string key;      // the site's name, the file's path, or "SOURCE: file name"
    std::string imported; // when the import that counted it started (UTC)
    std::int64_t questions = 0;
    std::int64_t answers = 0;
};

struct Census {
    std::vector<CensusYear> years; // ascending; summed over the sources
    std::vector<CensusTag> tags;   // by questions, most first, then by name
    std::vector<CensusSource> sources;
    bool empty() const { return sources.empty(); }
    // The figures of one year, or nullptr.
    const CensusYear* year(int wanted) const;
};

// The year of a date as the dumps write it ("2019-02-17T..."), 0 when it has none.
int censusYear(std::string_view date);

// Counts rows as they are read. Not thread-safe: an import keeps one per thread and merges.
//
// Memory stays bounded whatever the file: askers are id bitmaps per year (IdSet), and
// per-tag counts stop at kMaxTags distinct names of at most kMaxTagBytes each (Stack
// Overflow has about 65,000 tags of at most 35 characters); the questions of tags past
// either bound still count in the years, and the import reports how many tag uses were
// left out.
class CensusCounter {
public:
    static constexpr std::size_t kMaxTags = 200000;
    static constexpr std::size_t kMaxTagBytes = 64;

    // `tags` are the question's distinct tag names.
    void addQuestion(std::string_view created, std::optional<std::int64_t> ownerId,
                     std::string_view ownerName, bool accepted,
                     std::span<const std::string_view> tags);
    void addAnswer(std::string_view created);
    // A post row as the row filter sees it, values still escaped: `type` 1 or 2.
    void addRawPost(const RowKeys& row, std::int64_t type);
    // Adds what `other` counted (its askers joined, not added).
    void merge(CensusCounter&& other);

    std::int64_t questions() const { return questions_; }
    std::int64_t answers() const { return answers_; }
    // Tag uses not counted per tag (past kMaxTags or longer than kMaxTagBytes).
    std::int64_t tagsLeftOut() const { return tagsLeftOut_; }
    std::vector<CensusYear> years() const;
    // Every tag with its questions per year, in no particular order.
    std::vector<CensusTag> tags() const;

private:
    struct Year {
        std::int64_t questions = 0, withAccepted = 0, answers = 0;
        IdSet askerIds;
        std::unordered_set<std::uint64_t> askerNames; // hashes of CSV authors that are not ids
    };
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const {
            return std::hash<std::string_view>()(text);
        }
    };
    using TagYears = std::vector<std::pair<int, std::int64_t>>;

    Year& year(int value);
    // Askers wait here a few rows, their bitmap words prefetched, before they are set: the
    // ids are random over millions, and setting each at once stalled on memory. Flushed
    // before anything reads the counts (const: the pending inserts are not the counts).
    void flushAskers() const;
    struct PendingAsker {
        IdSet* set;
        std::int64_t id;
    };
    static constexpr std::size_t kPendingAskers = 8;
    mutable std::array<PendingAsker, kPendingAskers> pendingAskers_{};
    mutable std::size_t pendingCount_ = 0;

    std::map<int, Year> years_;
    std::unordered_map<std::string, TagYears, Hash, std::equal_to<>> tags_;
    std::int64_t questions_ = 0, answers_ = 0, tagsLeftOut_ = 0;
    // Reused for every row, so that counting allocates nothing once warm.
    std::string decodedTags_, decodedOwner_;
    std::vector<std::string_view> tagViews_;
};

// Replaces the census of `key` with what `counter` counted, inside the caller's
// transaction. Returns when the counts replaced were made (the earlier import's start),
// or nullopt when the source had none.
Result<std::optional<std::string>> storeCensus(sql::Database& db, const std::string& key,
                                               std::int64_t importId, const CensusCounter& counter);

// The project's census, summed over its sources.
Result<Census> readCensus(sql::Database& db);

// The census for spreadsheets and R, one table: a row per year (kind "year": questions,
// askers, with_accepted, answers) and a row per tag and year (kind "tag": questions);
// year empty for rows without a date.
// kind,tag,year,questions,askers,with_accepted,answers
std::string censusToCsv(const Census& census);

// Tags whose name matches `pattern` (case-insensitive; '*' stands for any text, and a
// pattern without '*' matches anywhere in the name), by questions, at most `limit`.
Result<std::vector<CensusTag>> censusTagsLike(sql::Database& db, std::string_view pattern,
                                              std::size_t limit);

struct TagCooccurrence {
    std::string tag;
    std::int64_t posts = 0; // posts in the project carrying both tags
};

// The tags that most often appear with `tag` on the posts kept in the project.
Result<std::vector<TagCooccurrence>> cooccurringTags(sql::Database& db, std::string_view tag,
                                                     std::size_t limit);

} // namespace taxo::corpus
