// Corpus statistics of the genuine Stack Exchange samples against the reference
// numbers in each folder's SOURCE.md ("Reference numbers per year", computed there with
// Python xml.etree). The table is read from SOURCE.md at run time, so the expected
// values are exactly the published ones, not a copy that could drift.

#include "core/corpus/import.h"
#include "core/select/listed_set.h"
#include "core/stats/corpus_stats.h"
#include "core/store/statements.h"
#include "tests/support/test_support.h"

#include <catch2/catch.hpp>
#include <sstream>

using namespace taxo;

namespace {

struct ReferenceRow {
    std::string year; // "2019" or "all"
    std::int64_t questions = 0, askers = 0, noOwner = 0, noAccepted = 0, withAccepted = 0;
    std::optional<double> medianHours, meanHours;
};

std::string trim(const std::string& text) {
    const auto start = text.find_first_not_of(' ');
    const auto end = text.find_last_not_of(' ');
    return start == std::string::npos ? "" : text.substr(start, end - start + 1);
}

// | year | questions | askers | no OwnerUserId | no accepted | share | with accepted | median h |
// mean h |
std::vector<ReferenceRow> readReference(const std::filesystem::path& sourceMd) {
    std::istringstream in(test::readFile(sourceMd.string()));
    std::vector<ReferenceRow> rows;
    bool inSection = false;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("### Reference numbers per year", 0) == 0)
            inSection = true;
        if (!inSection || line.rfind("| ", 0) != 0)
            continue;
        std::vector<std::string> cells;
        std::istringstream cellStream(line.substr(1));
        for (std::string cell; std::getline(cellStream, cell, '|');)
            cells.push_back(trim(cell));
        if (cells.size() < 9 ||
            (cells[0] != "all" && cells[0].find_first_not_of("0123456789") != std::string::npos))
            continue; // the header and the separator line
        auto hours = [](const std::string& cell) -> std::optional<double> {
            if (cell == "–" || cell == "-")
                return std::nullopt;
            return std::stod(cell);
        };
        rows.push_back({cells[0], std::stoll(cells[1]), std::stoll(cells[2]), std::stoll(cells[3]),
                        std::stoll(cells[4]), std::stoll(cells[6]), hours(cells[7]),
                        hours(cells[8])});
        if (cells[0] == "all")
            break;
    }
    return rows;
}

void checkFigures(const stats::YearFigures& got, const ReferenceRow& want) {
    INFO("year " << want.year);
    CHECK(got.questions == want.questions);
    CHECK(got.askers == want.askers);
    CHECK(got.noOwner == want.noOwner);
    CHECK(got.noAccepted == want.noAccepted);
    CHECK(got.withAccepted == want.withAccepted);
    REQUIRE(got.medianMinutesToAccept.has_value() == want.medianHours.has_value());
    if (want.medianHours) // SOURCE.md prints hours to 3 decimals
        CHECK(*got.medianMinutesToAccept / 60.0 == Approx(*want.medianHours).margin(0.0005 + 1e-9));
}

// Imports the sample's Posts.xml and checks one group's figures, year by year and in total.
void checkSample(const std::filesystem::path& folder, bool asOneSet) {
    const auto reference = readReference(folder / "SOURCE.md");
    REQUIRE(reference.size() >= 2);
    REQUIRE(reference.back().year == "all");

    test::TempDir dir;
    auto project = Project::create(dir.file("p.taxo"), "sample");
    REQUIRE(project.ok());
    auto imported = corpus::importSources(*project, {(folder / "Posts.xml").string()}, {});
    INFO((imported.ok() ? "" : imported.message()));
    REQUIRE(imported.ok());
    if (asOneSet) {
        // A set holding every question: the union carries the figures, the baseline is empty.
        auto& db = project->db();
        auto posts = sql::queryIntsBound(db, "SELECT id FROM posts");
        REQUIRE(posts.ok());
        REQUIRE(sql::inTransaction(db, [&] {
                    return select::insertListedSet(db, {"all", "all", *posts, "{}", "now"});
                }).ok());
    }
    auto result = stats::computeStats(*project);
    INFO((result.ok() ? "" : result.message()));
    REQUIRE(result.ok());
    CHECK(result->questionsWithoutDate == 0);
    const auto& groups = result->groups;
    REQUIRE(groups.size() == (asOneSet ? 3u : 2u));
    const stats::GroupStats& group = asOneSet ? groups[1] : groups.back();
    CHECK(group.kind == (asOneSet ? stats::GroupKind::Union : stats::GroupKind::Baseline));
    if (asOneSet) {
        CHECK(groups[0].total.questions == reference.back().questions);
        CHECK(groups.back().total.questions == 0);
    }
    REQUIRE(group.years.size() == reference.size() - 1);
    for (std::size_t i = 0; i + 1 < reference.size(); ++i) {
        CHECK(std::to_string(group.years[i].year) == reference[i].year);
        checkFigures(group.years[i], reference[i]);
    }
    checkFigures(group.total, reference.back());
    CHECK(group.acceptedWithoutDate == 0);
    REQUIRE(group.minutesToAccept);
    CHECK(group.minutesToAccept->n == reference.back().withAccepted);
    CHECK(group.minutesToAccept->mean / 60.0 ==
          Approx(*reference.back().meanHours).margin(0.0005 + 1e-9));
    CHECK(group.shareNoAccepted == Approx(static_cast<double>(reference.back().noAccepted) /
                                          static_cast<double>(reference.back().questions)));
}

} // namespace

TEST_CASE("statistics of bicycles.meta match SOURCE.md year by year", "[stats][sample]") {
    TAXO_REQUIRE_SAMPLE(folder, "bicycles.meta.stackexchange.com");
    checkSample(folder, false);
}

TEST_CASE("statistics of cardano match SOURCE.md", "[stats][sample]") {
    TAXO_REQUIRE_SAMPLE(folder, "cardano.stackexchange.com");
    checkSample(folder, true);
}

TEST_CASE("statistics of datascience.meta (|tag| format, unsorted rows) match SOURCE.md",
          "[stats][sample]") {
    TAXO_REQUIRE_SAMPLE(folder, "datascience.meta.stackexchange.com");
    checkSample(folder, false);
    checkSample(folder, true);
}
