#include "core/store/change_log.h"

#include "core/store/statements.h"
#include "core/util/ids.h"

namespace taxo::changelog {

Status append(sql::Database& db, std::string_view action, const nlohmann::json& details,
              std::string_view actor) {
    return appendAt(db, utcNowIso(), action, details, actor);
}

// (A default string_view has a null data pointer, which SQLite would store
// as NULL; the values are copied into strings first.)
Status appendAt(sql::Database& db, std::string_view at, std::string_view action,
                const nlohmann::json& details, std::string_view actor) {
    return sql::runBound(db,
                         "INSERT INTO change_log(at, actor, action, details) VALUES (?, ?, ?, ?)",
                         std::string(at), std::string(actor), std::string(action), details.dump());
}

} // namespace taxo::changelog
