#pragma once
// The roots an arbitrator can be given: what the People tab offers instead of free
// text, so a misspelt root ("Walets") cannot become a role that settles nothing.

#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <string>
#include <vector>

namespace taxo::arbitration {

struct RootChoice {
    std::string name;
    bool inSets = false;     // some set is built under this root (conflicts route by it)
    bool inCodebook = false; // a root category of the codebook has this name
    std::string arbitrator;  // who settles it now; empty when nobody does
};

// Every root of the sets, every root category of the codebook, and every root some
// arbitrator already holds (so a role given from the command line can be taken back),
// once each, in name order.
Result<std::vector<RootChoice>> rootChoices(sql::Database& db);

} // namespace taxo::arbitration
