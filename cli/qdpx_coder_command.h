#pragma once
// `taxo import PROJECT FILE.qdpx --as-coder NAME --round ROUND [--user NAME]`: one
// coder's codings from another tool into a round (exchange_commands.cpp).

#include "cli/command.h"

#include <string>

namespace taxo::cli {

int importQdpxCoder(const std::string& projectPath, const std::string& qdpx,
                    const std::string& coder, const std::string& round, const std::string& user,
                    bool json, Io& io);

} // namespace taxo::cli
