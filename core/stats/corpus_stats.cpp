#include "core/stats/corpus_stats.h"

#include "core/store/statements.h"
#include "core/util/csv.h"
#include "core/util/percent.h"
#include "core/util/timestamp.h"

#include <chrono>
#include <cstdio>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace taxo::stats {
namespace {

// One group's figures for one year (or for the whole period) while the posts stream by.
struct Tally {
    YearFigures figures;
    std::unordered_set<std::string> owners;
    std::vector<double> minutes;
    std::int64_t acceptedWithoutDate = 0;
};

struct GroupTally {
    std::map<int, Tally> years;
    Tally total;
};

struct PostFacts {
    int year = 0;
    std::optional<std::string> owner;
    bool accepted = false;
    std::optional<double> minutes;
};

void add(Tally& tally, const PostFacts& post) {
    auto& f = tally.figures;
    ++f.questions;
    if (post.owner)
        tally.owners.insert(*post.owner);
    else
        ++f.noOwner;
    if (!post.accepted) {
        ++f.noAccepted;
        return;
    }
    ++f.withAccepted;
    if (post.minutes)
        tally.minutes.push_back(*post.minutes);
    else
        ++tally.acceptedWithoutDate;
}

YearFigures finish(Tally& tally, int year) {
    YearFigures figures = tally.figures;
    figures.year = year;
    figures.askers = static_cast<std::int64_t>(tally.owners.size());
    if (!tally.minutes.empty())
        figures.medianMinutesToAccept = median(tally.minutes);
    return figures;
}

GroupStats finishGroup(GroupTally& tally, std::string name, GroupKind kind) {
    GroupStats group;
    group.name = std::move(name);
    group.kind = kind;
    for (auto& [year, yearTally] : tally.years)
        group.years.push_back(finish(yearTally, year));
    group.total = finish(tally.total, 0);
    group.shareNoAccepted = group.total.shareNoAccepted();
    if (!tally.total.minutes.empty())
        group.minutesToAccept = boxplotStats(tally.total.minutes);
    group.acceptedWithoutDate = tally.total.acceptedWithoutDate;
    return group;
}

// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// A read snapshot: the sets and the posts are read as of one moment, even while another
// process writes. Works on read-only connections, unlike BEGIN IMMEDIATE.
class ReadSnapshot {
public:
    explicit ReadSnapshot(sql::Database& db) : db_(db) { begun_ = db_.exec("BEGIN DEFERRED"); }
    ~ReadSnapshot() {
        if (begun_)
            (void)db_.exec("ROLLBACK");
    }
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;
    const Status& begun() const { return begun_; }

private:
    sql::Database& db_;
    Status begun_;
};

} // namespace

std::optional<std::int64_t> parseUtcMillis(const std::string& timestamp) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!readDigits(timestamp, 0, 4, year) || timestamp.size() < 19 || timestamp[4] != '-' ||
        !readDigits(timestamp, 5, 2, month) || timestamp[7] != '-' ||
        !readDigits(timestamp, 8, 2, day) || (timestamp[10] != 'T' && timestamp[10] != ' ') ||
        !readDigits(timestamp, 11, 2, hour) || timestamp[13] != ':' ||
        !readDigits(timestamp, 14, 2, minute) || timestamp[16] != ':' ||
        !readDigits(timestamp, 17, 2, second))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    std::size_t at = 19;
    int millis = 0;
    if (at < timestamp.size() && timestamp[at] == '.') {
        // Fractions of any length; only milliseconds matter for minutes.
        std::size_t end = at + 1;
        int scale = 100;
        while (end < timestamp.size() && timestamp[end] >= '0' && timestamp[end] <= '9') {
            millis += (timestamp[end] - '0') * scale;
            scale /= 10;
            ++end;
        }
        if (end == at + 1)
            return std::nullopt;
        at = end;
    }
    if (at < timestamp.size() && timestamp[at] == 'Z')
        ++at;
    if (at != timestamp.size())
        return std::nullopt; // other zones are not written by any importer; refuse to guess
    const std::int64_t days =
        daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    return ((days * 24 + hour) * 60 + minute) * 60000 + static_cast<std::int64_t>(second) * 1000 +
           millis;
}

std::string toCsv(const CorpusStats& stats) {
    auto number = [](double value) {
        char text[40];
        std::snprintf(text, sizeof text, "%.17g", value);
        return std::string(text);
    };
    std::string out = "group,kind,year,questions,askers,no_owner,no_accepted,with_accepted,"
                      "share_no_accepted,median_minutes_to_accept,box_n,box_whisker_low,"
                      "box_hinge_low,box_median,box_hinge_high,box_whisker_high,box_outliers,"
                      "box_mean,prop_test_statistic,prop_test_df,prop_test_p_value,"
                      "prop_test_ci_low,prop_test_ci_high\r\n";
    const std::string noBox = ",,,,,,,,";
    const std::string noTest = ",,,,,";
    for (const auto& group : stats.groups) {
        const char* kind = group.kind == GroupKind::Set     ? "set"
                           : group.kind == GroupKind::Union ? "union"
                                                            : "baseline";
        auto row = [&](const YearFigures& f, const std::string& year, const std::string& extra) {
            out += csv::textField(group.name) + "," + kind + "," + year + "," +
                   std::to_string(f.questions) + "," + std::to_string(f.askers) + "," +
                   std::to_string(f.noOwner) + "," + std::to_string(f.noAccepted) + "," +
                   std::to_string(f.withAccepted) + "," +
                   (f.shareNoAccepted() ? number(*f.shareNoAccepted()) : "") + "," +
                   (f.medianMinutesToAccept ? number(*f.medianMinutesToAccept) : "") + extra +
                   "\r\n";
        };
        for (const auto& year : group.years)
            row(year, std::to_string(year.year), noBox + noTest);
        // The group's total row carries its box plot (minutes to the accepted answer over
        // the whole period) and, for the union of the sets, the proportion test against
        // the baseline.
        std::string box = noBox;
        if (const auto& b = group.minutesToAccept)
            box = "," + std::to_string(b->n) + "," + number(b->stats[0]) + "," +
                  number(b->stats[1]) + "," + number(b->stats[2]) + "," + number(b->stats[3]) +
                  "," + number(b->stats[4]) + "," + std::to_string(b->outliers.size()) + "," +
                  number(b->mean);
        std::string test = noTest;
        if (group.kind == GroupKind::Union && stats.difficultyTest) {
            const auto& t = *stats.difficultyTest;
            test = "," + number(t.statistic) + "," + std::to_string(t.df) + "," + number(t.pValue) +
                   "," + number(t.ciLow) + "," + number(t.ciHigh);
        }
        row(group.total, "all", box + test);
    }
    return out;
}

Result<CorpusStats> computeStats(Project& project, const StatsOptions& options,
                                 const ProgressCallback& progress, const CancelFlag* cancel) {
    const auto started = std::chrono::steady_clock::now();
    if (options.fromYear && options.toYear && *options.fromYear > *options.toYear)
        return makeError("--from " + std::to_string(*options.fromYear) + " is after --to " +
                         std::to_string(*options.toYear));
    auto& db = project.db();
    auto failed = [&](const Error& error) {
        return makeError(project.path() + ": reading statistics: " + error.message);
    };
    ReadSnapshot snapshot(db);
    if (!snapshot.begun())
        return failed(snapshot.begun().error());

    // The sets, in creation order, and each post's sets.
    std::vector<std::string> setNames;
    std::unordered_map<std::int64_t, std::size_t> setIndex;
    if (auto status = sql::forEachRow(db, "SELECT id, name FROM sets ORDER BY id",
                                      [&](sql::Statement& row) {
                                          setIndex[row.columnInt(0)] = setNames.size();
                                          setNames.push_back(row.columnText(1));
                                      });
        !status)
        return failed(status.error());
    std::optional<std::size_t> population;
    if (!options.population.empty()) {
        for (std::size_t s = 0; s < setNames.size(); ++s)
            if (setNames[s] == options.population)
                population = s;
        if (!population) {
            std::string known;
            for (const auto& name : setNames)
                known += (known.empty() ? "" : ", ") + ("'" + name + "'");
            return makeError("population '" + options.population + "' is not a set of " +
                             project.path() + " (its sets: " + (known.empty() ? "none" : known) +
                             ")");
        }
    }
    std::unordered_map<std::int64_t, std::vector<std::size_t>> postSets;
    if (auto status =
            sql::forEachRow(db, "SELECT set_id, post_id FROM set_members",
                            [&](sql::Statement& row) {
                                postSets[row.columnInt(1)].push_back(setIndex.at(row.columnInt(0)));
                            });
        !status)
        return failed(status.error());

    auto total = db.queryInt("SELECT count(*) FROM posts");
    if (!total)
        return failed(total.error());

    std::vector<GroupTally> sets(setNames.size());
    GroupTally unionTally, baselineTally;
    CorpusStats result;
    result.options = options;
    auto query = db.prepare("SELECT id, created, owner_user_id, accepted_answer_source_id, "
                            "accepted_answer_created FROM posts");
    if (!query)
        return failed(query.error());
    std::uint64_t rows = 0;
    // Stepped by hand, not with forEachRow: the stream of every post reports progress and
    // stops at a cancel.
    while (true) {
        auto row = query->step();
        if (!row)
            return failed(row.error());
        if (!*row)
            break;
        if (++rows % 4096 == 0) {
            if (cancelled(cancel))
                return makeError(kCancelledMessage);
            if (progress)
                progress({"Computing statistics", rows, static_cast<std::uint64_t>(*total), "posts",
                          rows,
                          std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
                              .count()});
        }
        const auto created = query->columnOptionalText(1);
        const auto createdMillis = created ? parseUtcMillis(*created) : std::nullopt;
        if (!createdMillis) {
            ++result.questionsWithoutDate;
            continue;
        }
        PostFacts post;
        post.year = std::stoi(created->substr(0, 4));
        if ((options.fromYear && post.year < *options.fromYear) ||
            (options.toYear && post.year > *options.toYear))
            continue;
        post.owner = query->columnOptionalText(2);
        if (post.owner && post.owner->empty())
            post.owner.reset();
        // A dump names the accepted answer; a CSV may give only its date
        // (accepted_answer_created, docs/formats-import.md): either says there is one.
        post.accepted = !query->columnIsNull(3) || !query->columnIsNull(4);
        if (post.accepted) {
            if (const auto answered = query->columnOptionalText(4)) {
                if (const auto answeredMillis = parseUtcMillis(*answered))
                    post.minutes = static_cast<double>(*answeredMillis - *createdMillis) / 60000.0;
            }
        }
        const auto found = postSets.find(query->columnInt(0));
        bool inPopulation = !population;
        bool inSet = false;
        if (found != postSets.end()) {
            for (const std::size_t s : found->second) {
                if (population && s == *population) {
                    inPopulation = true;
                    continue;
                }
                inSet = true;
                add(sets[s].years[post.year], post);
                add(sets[s].total, post);
            }
        }
        if (!inSet && !inPopulation) {
            ++result.outsidePopulation;
            continue;
        }
        GroupTally& side = inSet ? unionTally : baselineTally;
        add(side.years[post.year], post);
        add(side.total, post);
    }

    std::size_t groupSets = 0;
    for (std::size_t s = 0; s < sets.size(); ++s) {
        if (population && s == *population)
            continue;
        result.groups.push_back(finishGroup(sets[s], setNames[s], GroupKind::Set));
        ++groupSets;
    }
    result.groups.push_back(finishGroup(unionTally, kUnionGroupName, GroupKind::Union));
    result.groups.push_back(finishGroup(baselineTally, kBaselineGroupName, GroupKind::Baseline));

    auto census = corpus::readCensus(db);
    if (!census)
        return failed(census.error());
    for (const auto& year : census->years) {
        if (year.year == 0 || (options.fromYear && year.year < *options.fromYear) ||
            (options.toYear && year.year > *options.toYear))
            continue;
        result.site.push_back(year);
        result.siteTotal.questions += year.questions;
        result.siteTotal.askers += year.askers;
        result.siteTotal.withAccepted += year.withAccepted;
        result.siteTotal.answers += year.answers;
    }

    const auto& u = result.groups[result.groups.size() - 2].total;
    const auto& b = result.groups.back().total;
    const bool wholeSite = options.comparison == Comparison::WholeSite;
    if (groupSets == 0) {
        result.difficultyTestNote =
            population ? "no sets besides the population" : "no sets: run selection first";
    } else if (wholeSite && result.siteTotal.questions == 0) {
        result.difficultyTestNote =
            census->empty() ? "no census of the whole site: import the dump again (Taxonomist "
                              "counts every row an import reads since schema version 6)"
                            : "the census has no questions in these years";
    } else {
        const std::int64_t siteNoAccepted =
            result.siteTotal.questions - result.siteTotal.withAccepted;
        auto test = wholeSite ? propTest(u.noAccepted, u.questions, siteNoAccepted,
                                         result.siteTotal.questions, options.yates)
                              : propTest(u.noAccepted, u.questions, b.noAccepted, b.questions,
                                         options.yates);
        if (test)
            result.difficultyTest = *test;
        else
            result.difficultyTestNote = test.message();
    }
    return result;
}

std::optional<double> CorpusStats::shareOfSite(int year, std::int64_t questions) const {
    for (const auto& entry : site)
        if (entry.year == year && entry.questions > 0)
            return static_cast<double>(questions) / static_cast<double>(entry.questions);
    return std::nullopt;
}

std::optional<double> YearFigures::shareNoAccepted() const {
    if (questions <= 0)
        return std::nullopt;
    return static_cast<double>(noAccepted) / static_cast<double>(questions);
}

std::string YearFigures::shareNoAcceptedPercent() const {
    return questions > 0 ? util::formatShare(noAccepted, questions) : std::string();
}

} // namespace taxo::stats
