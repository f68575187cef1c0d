#pragma once
// A small study for the calibration tests: a pilot round of eleven posts with the
// pair's consensus labels, and Dee, a new coder, in a calibration round of nine of
// them, with labels that differ from the consensus on three posts and one post not
// labeled yet. Built with core's own functions (StudyBuilder, createCalibrationRound).
//
// Leaves: P = Procedure, Q = Model quantization (Server/Cloud > Model Export),
// F = Format (Server/Cloud > Request), I = Input (Mobile > Data).
//   post   consensus        Dee
//   1      {P}              {P}
//   2      {P, Q} (note)    {P}
//   3      {F}              {F}
//   4      {P, I}           {I}
//   5      {I}              {I}
//   6      False positive   False positive
//   8      {Q}              {P} (note)
//   9      {F}              {F}
//   10     Unclear          (not labeled yet)
//   11     Pending          (not in the round: no settled consensus)
//   12     (no consensus)   (not in the round)

#include "core/sampling/calibration_round.h"
#include "tests/core/study_fixture.h"

namespace taxo::test {

inline constexpr std::int64_t kDee = 4;
inline constexpr std::int64_t kCalibrationPilot = 1;

struct CalibrationStudyIds {
    std::map<std::string, codebook::CategoryId> leaves;
    std::int64_t calibrationRound = 0;
};

inline std::int64_t saveNoted(sql::Database& db, std::int64_t round, std::int64_t post,
                              std::optional<std::int64_t> coder,
                              const std::vector<codebook::CategoryId>& categories,
                              std::optional<labels::Special> special, const std::string& note) {
    labels::LabelContent content;
    content.categories = categories;
    content.special = special;
    content.note = note;
    return StudyBuilder(db).label({round, post, coder}, content);
}

// The study up to the pilot's consensus: posts 1-12 (8-12 more posts of "Server"),
// Ann, Bo and Dee coders, Cy arbitrator of both roots, the pilot round (id 1) coded by
// Ann and Bo with its consensus labels.
inline std::map<std::string, codebook::CategoryId> seedCalibrationPilot(Project& project) {
    auto& db = project.db();
    StudyBuilder study(project);
    auto posts = studyPosts();
    for (int i = 8; i <= 12; ++i)
        posts.push_back(
            {"stackoverflow", std::to_string(1000 + i), "post " + std::to_string(i), ""});
    seedPostsAndSets(study, posts, {8, 9, 10, 11, 12});
    seedPeople(study);
    REQUIRE(study.person("Dee") == kDee);
    for (const char* coder : {"Ann", "Bo", "Dee"})
        study.role(coder, people::Role::Coder);
    study.role("Cy", people::Role::Arbitrator, "Server/Cloud");
    study.role("Cy", people::Role::Arbitrator, "Mobile");
    std::map<std::string, codebook::CategoryId> ids;
    seedCodebook(db, ids);
    REQUIRE(study.round({"pilot",
                         rounds::RoundKind::Pilot,
                         {},
                         {},
                         "t",
                         {1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12},
                         {1, 2}}) == kCalibrationPilot);
    const auto P = ids["Procedure"], Q = ids["Model quantization"], F = ids["Format"],
               I = ids["Input"];
    const std::optional<std::int64_t> consensus;
    saveNoted(db, kCalibrationPilot, 1, consensus, {P}, {}, "");
    saveNoted(db, kCalibrationPilot, 2, consensus, {P, Q}, {}, "asks for both steps");
    saveNoted(db, kCalibrationPilot, 3, consensus, {F}, {}, "");
    saveNoted(db, kCalibrationPilot, 4, consensus, {P, I}, {}, "");
    saveNoted(db, kCalibrationPilot, 5, consensus, {I}, {}, "");
    saveNoted(db, kCalibrationPilot, 6, consensus, {}, labels::Special::FalsePositive, "");
    saveNoted(db, kCalibrationPilot, 8, consensus, {Q}, {}, "");
    saveNoted(db, kCalibrationPilot, 9, consensus, {F}, {}, "");
    saveNoted(db, kCalibrationPilot, 10, consensus, {}, labels::Special::Unclear, "");
    saveNoted(db, kCalibrationPilot, 11, consensus, {}, labels::Special::Pending, "");
    return ids;
}

// The calibration round "Dee calibration" of posts 1-6, 8-10 for Dee.
inline sampling::CalibrationRequest deeCalibration() {
    sampling::CalibrationRequest request;
    request.name = "Dee calibration";
    request.pilotRound = "pilot";
    request.coders = {"Dee"};
    request.posts = {"1", "2", "3", "4", "5", "6", "8", "9", "stackoverflow:1010"};
    return request;
}

// Dee's labels in the calibration round, as in the table above.
inline void labelAsDee(sql::Database& db, std::int64_t round,
                       const std::map<std::string, codebook::CategoryId>& ids) {
    const auto P = ids.at("Procedure"), F = ids.at("Format"), I = ids.at("Input");
    saveNoted(db, round, 1, kDee, {P}, {}, "");
    saveNoted(db, round, 2, kDee, {P}, {}, "");
    saveNoted(db, round, 3, kDee, {F}, {}, "");
    saveNoted(db, round, 4, kDee, {I}, {}, "");
    saveNoted(db, round, 5, kDee, {I}, {}, "");
    saveNoted(db, round, 6, kDee, {}, labels::Special::FalsePositive, "");
    saveNoted(db, round, 8, kDee, {P}, {}, "looks like an export");
    saveNoted(db, round, 9, kDee, {F}, {}, "");
}

// The whole study at path, closed again so that the command line can open it.
inline CalibrationStudyIds makeCalibrationStudy(const std::string& path) {
    auto project = Project::create(path, "calibration");
    REQUIRE(project.ok());
    CalibrationStudyIds made;
    made.leaves = seedCalibrationPilot(*project);
    auto created = sampling::createCalibrationRound(*project, deeCalibration());
    INFO((created.ok() ? std::string() : created.message()));
    REQUIRE(created.ok());
    made.calibrationRound = created->roundId;
    labelAsDee(project->db(), created->roundId, made.leaves);
    return made;
}

} // namespace taxo::test
