// The home page's numbers: a small study taken through the method step by step, with
// the status checked after each step.

#include "core/arbitration/arbitration.h"
#include "core/codebook/codebook.h"
#include "core/labels/labels.h"
#include "core/people/people.h"
#include "core/rounds/rounds.h"
#include "core/sampling/sampling.h"
#include "core/status/study_status.h"
#include "core/store/statements.h"
#include "tests/support/study_builder.h"
#include "tests/support/test_support.h"

#include <catch2/catch.hpp>

namespace st = taxo::status;
namespace lb = taxo::labels;
using st::Phase;
using st::PhaseState;

namespace {

st::StudyStatus statusOf(taxo::Project& project) {
    auto status = st::studyStatus(project);
    INFO((status.ok() ? std::string("ok") : status.message()));
    REQUIRE(status.ok());
    return std::move(*status);
}

PhaseState stateOf(const st::StudyStatus& status, Phase phase) {
    for (const auto& entry : status.phases)
        if (entry.phase == phase)
            return entry.state;
    FAIL("phase missing");
    return PhaseState::NotStarted;
}

taxo::codebook::CategoryId add(taxo::sql::Database& db,
                               std::optional<taxo::codebook::CategoryId> parent,
                               const std::string& name) {
    taxo::codebook::NewCategory spec;
    spec.parentId = parent;
    spec.name = name;
    auto added = taxo::codebook::addCategory(db, spec);
    REQUIRE(added.ok());
    return added->category.id;
}

lb::LabelContent leaves(std::vector<taxo::codebook::CategoryId> ids) {
    lb::LabelContent content;
    content.categories = std::move(ids);
    return content;
}

lb::LabelContent special(lb::Special value) {
    lb::LabelContent content;
    content.special = value;
    return content;
}

void save(taxo::sql::Database& db, const lb::LabelKey& key, const lb::LabelContent& content) {
    auto saved = lb::saveLabel(db, key, content);
    INFO((saved.ok() ? std::string("ok") : saved.message()));
    REQUIRE(saved.ok());
}

} // namespace

TEST_CASE("an empty project: nothing started, the next step is the import", "[status]") {
    taxo::test::TempDir dir;
    auto project = taxo::Project::create(dir.file("empty.taxo"), "empty");
    REQUIRE(project.ok());
    const auto status = statusOf(*project);
    REQUIRE(status.phases.size() == 9);
    for (const auto& phase : status.phases) {
        INFO(phase.name);
        CHECK(phase.state == PhaseState::NotStarted);
        CHECK_FALSE(phase.page.empty());
    }
    CHECK(status.next.page == "Corpus");
    CHECK_FALSE(status.agreement.kappa.has_value());
}

TEST_CASE("the status follows a small study through every phase", "[status]") {
    taxo::test::TempDir dir;
    const auto path = dir.file("study.taxo");
    taxo::test::makeStudy(path, {{"Server/Cloud", taxo::test::numberedItems(10)}});
    auto opened = taxo::Project::open(path);
    REQUIRE(opened.ok());
    auto& project = *opened;
    auto& db = project.db();

    auto status = statusOf(project);
    CHECK(status.posts == 10);
    REQUIRE(status.sets.size() == 1);
    CHECK(status.sets[0].posts == 10);
    CHECK_FALSE(status.sets[0].sampleSize.has_value());
    CHECK(stateOf(status, Phase::Import) == PhaseState::Done);
    CHECK(stateOf(status, Phase::Selection) == PhaseState::Done);
    CHECK(stateOf(status, Phase::Sampling) == PhaseState::NotStarted);
    CHECK(status.next.page == "Sampling");
    CHECK(status.next.text == "Draw the sample of Server/Cloud");

    taxo::sampling::SampleRequest request;
    request.setName = "Server/Cloud";
    request.method = taxo::sampling::SizeMethod::All;
    request.seed = "7";
    auto sample = taxo::sampling::drawAndStore(project, request);
    REQUIRE(sample.ok());
    REQUIRE(sample->pilot.size() == 3);
    REQUIRE(sample->reliability.size() == 7);
    status = statusOf(project);
    CHECK(stateOf(status, Phase::Sampling) == PhaseState::Done);
    CHECK(status.sets[0].sampleSize == 10);
    CHECK(status.pilotItems == 3);
    CHECK(status.agreement.items == 7);
    CHECK(status.next.page == "Sampling");
    CHECK(status.next.text.find("Assign coders") == 0);

    using taxo::people::Role;
    REQUIRE(taxo::people::addRole(project, "Ann", Role::Coder).ok());
    REQUIRE(taxo::people::addRole(project, "Bo", Role::Coder).ok());
    REQUIRE(taxo::rounds::assignCoders(project, sample->pilotRound, {"Ann", "Bo"}).ok());
    REQUIRE(taxo::rounds::assignCoders(project, sample->reliabilityRound, {"Ann", "Bo"}).ok());
    status = statusOf(project);
    CHECK(status.coders == 2);
    CHECK(stateOf(status, Phase::Pilot) == PhaseState::NotStarted);
    CHECK(status.next.page == "Coding");
    CHECK(status.next.text == "Code the pilot: 3 of 3 posts left");

    const auto root = add(db, std::nullopt, "Server/Cloud");
    const auto inner = add(db, root, "Model Export");
    const auto l1 = add(db, inner, "Procedure");
    const auto l2 = add(db, inner, "Model quantization");
    auto pilot =
        taxo::sql::queryIntBound(db, "SELECT id FROM rounds WHERE name = ?", sample->pilotRound);
    auto reliability = taxo::sql::queryIntBound(db, "SELECT id FROM rounds WHERE name = ?",
                                                sample->reliabilityRound);
    REQUIRE(pilot.ok());
    REQUIRE(reliability.ok());
    // An initial code alone is open coding under way, not a coded post.
    lb::LabelContent codeOnly;
    codeOnly.code = "export";
    save(db, {*pilot, sample->pilot[0].postId, std::nullopt}, codeOnly);
    save(db, {*pilot, sample->pilot[1].postId, std::nullopt}, leaves({l1}));
    status = statusOf(project);
    CHECK(status.pilotLabeled == 1);
    CHECK(stateOf(status, Phase::Pilot) == PhaseState::InProgress);
    CHECK(stateOf(status, Phase::Codebook) == PhaseState::Done);
    CHECK(status.roots == 1);
    CHECK(status.innerCategories == 1);
    CHECK(status.leaves == 2);
    save(db, {*pilot, sample->pilot[0].postId, std::nullopt}, leaves({l2}));
    save(db, {*pilot, sample->pilot[2].postId, std::nullopt}, special(lb::Special::Unclear));
    status = statusOf(project);
    CHECK(stateOf(status, Phase::Pilot) == PhaseState::Done);
    CHECK(stateOf(status, Phase::Reliability) == PhaseState::NotStarted);
    CHECK(status.next.page == "Coding");
    CHECK(status.next.text.find("Label the reliability rounds") == 0);

    // Ann and Bo differ on item 2 and both say Pending on item 5: two conflicts.
    // Kappa by hand: po = 6/7, pe = (3*2 + 2*3 + 1 + 1) / 49 = 2/7, kappa = 0.8.
    const std::vector<lb::LabelContent> ann = {leaves({l1}),
                                               leaves({l1}),
                                               leaves({l1}),
                                               leaves({l2}),
                                               leaves({l2}),
                                               special(lb::Special::Pending),
                                               special(lb::Special::FalsePositive)};
    std::vector<lb::LabelContent> bo = ann;
    bo[2] = leaves({l2});
    auto annId = taxo::people::findPerson(db, "Ann");
    auto boId = taxo::people::findPerson(db, "Bo");
    REQUIRE(annId.ok());
    REQUIRE(boId.ok());
    for (std::size_t i = 0; i < 7; ++i)
        save(db, {*reliability, sample->reliability[i].postId, *annId}, ann[i]);
    for (std::size_t i = 0; i < 5; ++i)
        save(db, {*reliability, sample->reliability[i].postId, *boId}, bo[i]);
    status = statusOf(project);
    CHECK(stateOf(status, Phase::Reliability) == PhaseState::InProgress);
    CHECK(status.agreement.bothLabeled == 5);
    // Item 2 differs, and Ann's Pending on item 5 is a conflict before Bo labels it,
    // as arbitration defines a conflict (docs/arbitration.md).
    CHECK(status.conflicts == 2);
    CHECK(status.openConflicts == 2);
    CHECK(status.next.text == "Label the reliability rounds: 2 of 7 posts still lack a coder's "
                              "label");

    for (std::size_t i = 5; i < 7; ++i)
        save(db, {*reliability, sample->reliability[i].postId, *boId}, bo[i]);
    status = statusOf(project);
    CHECK(stateOf(status, Phase::Reliability) == PhaseState::Done);
    CHECK(stateOf(status, Phase::Agreement) == PhaseState::Done);
    CHECK(status.agreement.bothLabeled == 7);
    CHECK(status.agreement.agreements == 6);
    REQUIRE(status.agreement.kappa.has_value());
    CHECK(*status.agreement.kappa == Approx(0.8).epsilon(1e-12));
    CHECK(status.conflicts == 2);
    CHECK(status.openConflicts == 2);
    CHECK(stateOf(status, Phase::Arbitration) == PhaseState::InProgress);
    CHECK(status.next.page == "Arbitration");
    CHECK(status.next.text == "Settle 2 open conflicts");

    // Decisions settle the conflicts.
    REQUIRE(taxo::people::addRole(project, "Cy", Role::Arbitrator, "Server/Cloud").ok());
    auto cy = taxo::people::findPerson(db, "Cy");
    REQUIRE(cy.ok());
    for (std::size_t i : {std::size_t{2}, std::size_t{5}})
        REQUIRE(taxo::arbitration::decide(db, sample->reliability[i].postId, *cy,
                                          {{}, taxo::labels::Special::Unclear, "reason"})
                    .ok());
    status = statusOf(project);
    CHECK(status.conflicts == 2);
    CHECK(status.openConflicts == 0);
    CHECK(status.decisions == 2);
    CHECK(stateOf(status, Phase::Arbitration) == PhaseState::Done);
    CHECK(status.next.page == "Taxonomy");
}
