#pragma once
// The study at a glance (the home page, docs/home-and-demo.md): each phase of
// the method with its state and its numbers, and the next thing to do. Every number is
// computed here, so the GUI only lays it out.

#include "core/project/project.h"
#include "core/rounds/rounds.h"
#include "core/util/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace taxo::status {

enum class PhaseState { NotStarted, InProgress, Done };
const char* phaseStateName(PhaseState state); // "not started", "in progress", "done"

// The method's phases in order; each is done on one page (its title in `page`).
enum class Phase {
    Import,
    Selection,
    Sampling,
    Pilot,
    Codebook,
    Reliability,
    Agreement,
    Arbitration,
    Results
};

struct SetStatus {
    std::string name;
    std::int64_t posts = 0;
    std::optional<std::int64_t> sampleSize;
};

struct CoderCount {
    std::string name;
    std::int64_t labels = 0;
};

struct RoundStatus {
    std::string name;
    rounds::RoundKind kind = rounds::RoundKind::Pilot;
    std::int64_t items = 0;

    std::int64_t consensusLabels = 0; // the pilot pair's joint labels
    std::vector<CoderCount> coders;   // by name
};

struct Agreement {
    std::int64_t items = 0;       // reliability items (all rounds)
    std::int64_t bothLabeled = 0; // items both coders of the round have labeled
    std::int64_t agreements = 0;  // of those, items with equal values
    std::optional<double> kappa;  // Cohen's kappa over bothLabeled; absent when undefined
    std::optional<double> ciLow, ciHigh;
};

struct PhaseStatus {
    Phase phase = Phase::Import;
    std::string name; // "Reliability coding"
    std::string page; // the navigation title of the page that does it: "Coding"
    PhaseState state = PhaseState::NotStarted;
    std::string summary; // one line of numbers, e.g. "212 of 538 posts labeled by both"
};

struct NextStep {
    std::string text; // "Settle 12 open conflicts"
    std::string page; // "Arbitration"
};

struct StudyStatus {
    std::int64_t posts = 0, answers = 0, comments = 0;
    std::vector<SetStatus> sets;
    // A post drawn for two sets is two draws but one sampled post (the results count
    // distinct posts, results::sampledPosts, which also holds pilot posts picked by hand).
    std::int64_t sampleDraws = 0;  // the sum of the sets' sample sizes
    std::int64_t sampledPosts = 0; // distinct
    std::vector<RoundStatus> rounds;
    std::int64_t pilotItems = 0;
    std::int64_t pilotLabeled = 0; // consensus labels with categories or a special value
    std::int64_t roots = 0, innerCategories = 0, leaves = 0;
    std::int64_t levelIssues = 0; // codebook::checkLevels findings
    std::int64_t coders = 0, arbitrators = 0;
    Agreement agreement;
    // Posts in conflict as arbitration::conflictPosts defines it, decided or not...
    std::int64_t conflicts = 0;
    // ...and of those, the ones with no decision yet.
    std::int64_t openConflicts = 0;
    std::int64_t decisions = 0;
    std::vector<PhaseStatus> phases; // in the method's order
    NextStep next;
};

// Reads the whole status; nothing is written.
Result<StudyStatus> studyStatus(Project& project);

} // namespace taxo::status
