#include "core/corpus/census.h"

#include "core/corpus/dump_row_filter.h"
#include "core/corpus/dump_scanner.h"
#include "core/corpus/tags.h"
#include "core/store/statements.h"
#include "core/util/csv.h"

#include <algorithm>
#include <charconv>

namespace taxo::corpus {
namespace {

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

std::optional<std::int64_t> wholeNumber(std::string_view text) {
    if (text.empty() || text.size() > 18)
        return std::nullopt;
    std::int64_t value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size())
        return std::nullopt;
    return value;
}

// A raw attribute value with its references decoded only when it has any.
std::string_view decodedValue(std::string_view raw, std::string& scratch) {
    if (raw.find('&') == std::string_view::npos)
        return raw;
    scratch.clear();
    decodeAttributeValue(raw, scratch);
    return scratch;
}

void addToYears(std::vector<std::pair<int, std::int64_t>>& years, int year, std::int64_t count) {
    for (auto& entry : years)
        if (entry.first == year) {
            entry.second += count;
            return;
        }
    years.emplace_back(year, count);
}

// "tensor*" as SQL LIKE, with LIKE's own marks escaped: a name holding '%' or '_' is
// matched as written.
std::string likePattern(std::string_view pattern) {
    std::string out;
    const bool wildcards = pattern.find('*') != std::string_view::npos;
    if (!wildcards)
        out += '%';
    for (const char c : pattern) {
        if (c == '%' || c == '_' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '*') {
            out += '%';
        } else {
            out += c;
        }
    }
    if (!wildcards)
        out += '%';
    return out;
}

// Folds the rows (tag, year, questions) of a query ordered by tag into tags.
std::vector<CensusTag> foldTags(sql::Statement& rows, Status& status) {
    std::vector<CensusTag> tags;
    status = rows.forEachRow([&](const sql::Statement& row) {
        auto name = row.columnText(0);
        if (tags.empty() || tags.back().tag != name)
            tags.push_back({std::move(name), 0, {}});
        const auto count = row.columnInt(2);
        tags.back().questions += count;
        addToYears(tags.back().years, static_cast<int>(row.columnInt(1)), count);
    });
    for (auto& tag : tags)
        std::sort(tag.years.begin(), tag.years.end());
    std::stable_sort(tags.begin(), tags.end(), [](const CensusTag& a, const CensusTag& b) {
        return a.questions != b.questions ? a.questions > b.questions : a.tag < b.tag;
    });
    return tags;
}

} // namespace

int censusYear(std::string_view date) {
    if (date.size() < 5 || !isDigit(date[0]) || !isDigit(date[1]) || !isDigit(date[2]) ||
        !isDigit(date[3]) || date[4] != '-')
        return 0;
    return (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 + (date[3] - '0');
}

const CensusYear* Census::year(int wanted) const {
    for (const auto& entry : years)
        if (entry.year == wanted)
            return &entry;
    return nullptr;
}

CensusCounter::Year& CensusCounter::year(int value) {
    return years_[value];
}

void CensusCounter::addQuestion(std::string_view created, std::optional<std::int64_t> ownerId,
                                std::string_view ownerName, bool accepted,
                                std::span<const std::string_view> tags) {
    const int when = censusYear(created);
    Year& y = year(when);
    ++y.questions;
    ++questions_;
    if (accepted)
        ++y.withAccepted;
    if (ownerId) {
        y.askerIds.prefetch(*ownerId);
        if (pendingCount_ == kPendingAskers)
            flushAskers();
        pendingAskers_[pendingCount_++] = {&y.askerIds, *ownerId};
    } else if (!ownerName.empty())
        y.askerNames.insert(std::hash<std::string_view>()(ownerName));
    for (const std::string_view tag : tags) {
        auto found = tags_.find(tag);
        if (found == tags_.end()) {
            if (tags_.size() >= kMaxTags || tag.size() > kMaxTagBytes) {
                ++tagsLeftOut_;
                continue;
            }
            found = tags_.emplace(std::string(tag), TagYears()).first;
        }
        addToYears(found->second, when, 1);
    }
}

void CensusCounter::flushAskers() const {
    for (std::size_t i = 0; i < pendingCount_; ++i)
        pendingAskers_[i].set->insert(pendingAskers_[i].id);
    pendingCount_ = 0;
}

void CensusCounter::addAnswer(std::string_view created) {
    ++year(censusYear(created)).answers;
    ++answers_;
}

void CensusCounter::addRawPost(const RowKeys& row, std::int64_t type) {
    const std::string_view created = row.creationDate.value_or(std::string_view());
    if (type == 2) {
        addAnswer(created);
        return;
    }
    std::optional<std::int64_t> owner;
    if (row.ownerUserId)
        owner = wholeNumber(decodedValue(*row.ownerUserId, decodedOwner_));
    const bool accepted = row.acceptedAnswerId && !row.acceptedAnswerId->empty();
    splitTagViews(decodedValue(row.tags.value_or(std::string_view()), decodedTags_), tagViews_);
    addQuestion(created, owner, {}, accepted, tagViews_);
}

void CensusCounter::merge(CensusCounter&& other) {
    flushAskers();
    other.flushAskers();
    for (auto& [when, theirs] : other.years_) {
        Year& mine = year(when);
        mine.questions += theirs.questions;
        mine.withAccepted += theirs.withAccepted;
        mine.answers += theirs.answers;
        mine.askerIds.merge(theirs.askerIds);
        mine.askerNames.merge(theirs.askerNames);
    }
    for (auto& [tag, theirs] : other.tags_) {
        auto found = tags_.find(tag);
        if (found == tags_.end()) {
            if (tags_.size() >= kMaxTags) {
                for (const auto& entry : theirs)
                    tagsLeftOut_ += entry.second;
                continue;
            }
            found = tags_.emplace(tag, TagYears()).first;
        }
        for (const auto& [when, count] : theirs)
            addToYears(found->second, when, count);
    }
    tagsLeftOut_ += other.tagsLeftOut_;
    questions_ += other.questions_;
    answers_ += other.answers_;
    other = CensusCounter();
}

std::vector<CensusYear> CensusCounter::years() const {
    flushAskers();
    std::vector<CensusYear> out;
    for (const auto& [when, y] : years_)
        out.push_back({when, y.questions,
                       y.askerIds.size() + static_cast<std::int64_t>(y.askerNames.size()),
                       y.withAccepted, y.answers});
    return out;
}

std::vector<CensusTag> CensusCounter::tags() const {
    std::vector<CensusTag> out;
    out.reserve(tags_.size());
    for (const auto& [tag, years] : tags_) {
        CensusTag entry{tag, 0, years};
        for (const auto& [when, count] : years)
            entry.questions += count;
        std::sort(entry.years.begin(), entry.years.end());
        out.push_back(std::move(entry));
    }
    return out;
}

Result<std::optional<std::string>> storeCensus(sql::Database& db, const std::string& key,
                                               std::int64_t importId,
                                               const CensusCounter& counter) {
    auto earlier = sql::queryOptionalRow<std::string>(
        db,
        "SELECT i.started FROM census_sources c JOIN imports i ON i.id = c.import_id "
        "WHERE c.key = ?1",
        [](const sql::Statement& row) { return row.columnText(0); }, key);
    if (!earlier)
        return earlier.error();
    // The source's earlier counts go with their rows (ON DELETE CASCADE).
    if (auto status = sql::runBound(db, "DELETE FROM census_sources WHERE key = ?1", key); !status)
        return status.error();
    if (auto status = sql::runBound(db,
                                    "INSERT INTO census_sources(key, import_id, questions, "
                                    "answers) VALUES (?1, ?2, ?3, ?4)",
                                    key, importId, counter.questions(), counter.answers());
        !status)
        return status.error();
    const std::int64_t sourceId = db.lastInsertRowId();
    auto year = db.prepare("INSERT INTO census_years(source_id, year, questions, askers, "
                           "with_accepted, answers) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!year)
        return year.error();
    for (const auto& y : counter.years())
        if (auto status = year->bind(1, sourceId)
                              .bind(2, y.year)
                              .bind(3, y.questions)
                              .bind(4, y.askers)
                              .bind(5, y.withAccepted)
                              .bind(6, y.answers)
                              .run();
            !status)
            return status.error();
    auto tag = db.prepare(
        "INSERT INTO census_tags(source_id, tag, year, questions) VALUES (?1, ?2, ?3, ?4)");
    if (!tag)
        return tag.error();
    for (const auto& entry : counter.tags())
        for (const auto& [when, count] : entry.years)
            if (auto status =
                    tag->bind(1, sourceId).bind(2, entry.tag).bind(3, when).bind(4, count).run();
                !status)
                return status.error();
    return *earlier;
}

Result<Census> readCensus(sql::Database& db) {
    Census census;
    auto sources = sql::queryRows<CensusSource>(
        db,
        "SELECT c.key, ifnull(i.started, ''), c.questions, c.answers FROM census_sources c "
        "LEFT JOIN imports i ON i.id = c.import_id ORDER BY c.id",
        [](const sql::Statement& row) {
            return CensusSource{row.columnText(0), row.columnText(1), row.columnInt(2),
                                row.columnInt(3)};
        });
    if (!sources)
        return sources.error();
    census.sources = std::move(*sources);
    auto years = sql::queryRows<CensusYear>(
        db,
        "SELECT year, sum(questions), sum(askers), sum(with_accepted), sum(answers) "
        "FROM census_years GROUP BY year ORDER BY year",
        [](const sql::Statement& row) {
            return CensusYear{static_cast<int>(row.columnInt(0)), row.columnInt(1),
                              row.columnInt(2), row.columnInt(3), row.columnInt(4)};
        });
    if (!years)
        return years.error();
    census.years = std::move(*years);
    auto rows = db.prepare("SELECT tag, year, sum(questions) FROM census_tags "
                           "GROUP BY tag, year ORDER BY tag, year");
    if (!rows)
        return rows.error();
    Status status;
    census.tags = foldTags(*rows, status);
    if (!status)
        return status.error();
    return census;
}

std::string censusToCsv(const Census& census) {
    auto yearText = [](int year) {
        return year == 0 ? std::string() : std::to_string(year);
    };
    std::string out = "kind,tag,year,questions,askers,with_accepted,answers\r\n";
    for (const auto& y : census.years)
        out += "year,," + yearText(y.year) + "," + std::to_string(y.questions) + "," +
               std::to_string(y.askers) + "," + std::to_string(y.withAccepted) + "," +
               std::to_string(y.answers) + "\r\n";
    for (const auto& tag : census.tags)
        for (const auto& [year, count] : tag.years)
            out += "tag," + csv::textField(tag.tag) + "," + yearText(year) + "," +
                   std::to_string(count) + ",,,\r\n";
    return out;
}

Result<std::vector<CensusTag>> censusTagsLike(sql::Database& db, std::string_view pattern,
                                              std::size_t limit) {
    auto rows = sql::prepareBound(db,
                                  "SELECT tag, year, sum(questions) FROM census_tags "
                                  "WHERE tag LIKE ?1 ESCAPE '\\' GROUP BY tag, year "
                                  "ORDER BY tag, year",
                                  likePattern(pattern));
    if (!rows)
        return rows.error();
    Status status;
    auto tags = foldTags(*rows, status);
    if (!status)
        return status.error();
    if (tags.size() > limit)
        tags.resize(limit);
    return tags;
}

Result<std::vector<TagCooccurrence>> cooccurringTags(sql::Database& db, std::string_view tag,
                                                     std::size_t limit) {
    return sql::queryRows<TagCooccurrence>(
        db,
        "SELECT other.tag, count(*) AS posts FROM post_tags one "
        "JOIN post_tags other ON other.post_id = one.post_id AND other.tag <> one.tag "
        "WHERE one.tag = ?1 GROUP BY other.tag ORDER BY posts DESC, other.tag LIMIT ?2",
        [](const sql::Statement& row) {
            return TagCooccurrence{row.columnText(0), row.columnInt(1)};
        },
        tag, static_cast<std::int64_t>(limit));
}

} // namespace taxo::corpus
