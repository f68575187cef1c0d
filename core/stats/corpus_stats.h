#pragma once
// Corpus statistics of the study's RQ1 and RQ2: per set and year the questions and
// distinct askers; the share of questions without an accepted answer, the union of all
// sets against the baseline by R's prop.test; the minutes to an accepted answer as box
// plot statistics. Definitions: docs/statistics.md.

#include "core/corpus/census.h"
#include "core/project/project.h"
#include "core/stats/describe.h"
#include "core/util/progress.h"
#include "core/util/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace taxo::stats {

// What the union of the sets is compared with in the difficulty test.
enum class Comparison {
    // The questions in no set (within the population when one is given): the study's
    // comparison, set B minus the deployment sets (docs/statistics.md).
    OutsideSets,
    // Every question of the site the imports read (set A), from the census: the sets are
    // part of it, so the two samples overlap.
    WholeSite,
};

struct StatsOptions {
    std::optional<int> fromYear; // inclusive; questions of other years are left out everywhere
    std::optional<int> toYear;   // inclusive
    bool yates = true;           // prop.test's correct = TRUE
    // The name of a set that defines the population (the paper's set B, questions with a
    // framework tag). When given, that set is no group of its own and not part of the
    // union; the baseline is its questions in no other set, and questions outside it and
    // in no other set are in no group. When empty, the baseline is every question in no set.
    std::string population;
    Comparison comparison = Comparison::OutsideSets;
};

struct YearFigures {
    int year = 0; // 0 in a group's total
    std::int64_t questions = 0;
    std::int64_t askers = 0;     // distinct owner_user_id; questions without owner add none
    std::int64_t noOwner = 0;    // questions without owner_user_id (deleted accounts)
    std::int64_t noAccepted = 0; // questions without an accepted answer
    std::int64_t withAccepted = 0;
    std::optional<double> medianMinutesToAccept; // over questions whose answer date is known

    // The share of questions without an accepted answer; absent without questions. The
    // text is the percentage as every screen and table prints it (util::formatShare),
    // empty without questions.
    std::optional<double> shareNoAccepted() const;
    std::string shareNoAcceptedPercent() const;
};

enum class GroupKind { Set, Union, Baseline };

struct GroupStats {
    std::string name; // the set's name, "All sets" or "Baseline"
    GroupKind kind = GroupKind::Set;
    std::vector<YearFigures> years; // ascending; only years with questions
    YearFigures total;              // askers counted once over the whole period
    std::optional<double> shareNoAccepted;
    // Minutes from question to accepted answer, R's boxplot.stats; absent without any.
    std::optional<BoxStats> minutesToAccept;
    // Accepted answers whose creation date is not in the project: counted in withAccepted,
    // absent from the times.
    std::int64_t acceptedWithoutDate = 0;
};

struct CorpusStats {
    StatsOptions options;
    std::vector<GroupStats>
        groups; // the sets (in creation order), then the union, then the baseline
    // No accepted answer, the union of the sets against the baseline:
    // prop.test(c(noAcceptedUnion, noAcceptedBaseline), c(nUnion, nBaseline)).
    std::optional<PropTest> difficultyTest;
    std::string difficultyTestNote;        // why the test is absent
    std::int64_t questionsWithoutDate = 0; // no usable creation date: in no figure
    std::int64_t outsidePopulation = 0;    // with a population: questions in no group
    // The whole site per year from the census (corpus/census.h), within the year range;
    // empty when the project has no census. Rows without a date are left out, as above.
    std::vector<corpus::CensusYear> site;
    corpus::CensusYear siteTotal; // year 0; askers summed over the years
    // A group's questions in `year` as a share of all the site's questions that year;
    // absent without a census count for that year.
    std::optional<double> shareOfSite(int year, std::int64_t questions) const;
};

inline constexpr const char* kUnionGroupName = "All sets";
inline constexpr const char* kBaselineGroupName = "Baseline";

// The name the difficulty test gives the whole site.
inline constexpr const char* kSiteGroupName = "Whole site (set A)";

// Reads the project (never writes). Fails on a year range with from > to.
Result<CorpusStats> computeStats(Project& project, const StatsOptions& options = {},
                                 const ProgressCallback& progress = {},
                                 const CancelFlag* cancel = nullptr);

// One row per group and year plus a total row per group ("all"), for spreadsheets and R:
// group,kind,year,questions,askers,no_owner,no_accepted,with_accepted,share_no_accepted,
// median_minutes_to_accept, then on each group's total row ("all") its box plot of the
// minutes to the accepted answer (box_n, the five box_ statistics of boxplot.stats,
// box_outliers their count, box_mean), and on the union's total row the proportion test
// against the baseline (prop_test_statistic, _df, _p_value, _ci_low, _ci_high). Empty
// cells where a value does not exist.
std::string toCsv(const CorpusStats& stats);

// Milliseconds since 1970-01-01 of "YYYY-MM-DDTHH:MM:SS[.fff][Z]" (UTC), or nullopt.
std::optional<std::int64_t> parseUtcMillis(const std::string& timestamp);

} // namespace taxo::stats
