#include "core/agreement/stored_values.h"

#include "core/agreement/project_agreement.h"
#include "core/codebook/codebook.h"
#include "core/labels/labels.h"
#include "core/store/statements.h"

#include <vector>

namespace taxo::agreement {

Result<std::map<std::int64_t, CoderValue>> coderValues(sql::Database& db, std::int64_t roundId,
                                                       std::optional<std::int64_t> coderId) {
    std::map<std::int64_t, std::optional<std::string>> specials;
    std::map<std::int64_t, std::string> updated;
    std::map<std::int64_t, std::vector<std::int64_t>> categories;
    if (auto status = sql::forEachRow(
            db,
            "SELECT l.post_id, l.special, lc.category_id, l.updated FROM labels l "
            "LEFT JOIN label_categories lc ON lc.label_id = l.id "
            "WHERE l.round_id = ? AND l.coder_id IS ? "
            "ORDER BY l.post_id, lc.category_id",
            [&](sql::Statement& row) {
                const auto post = row.columnInt(0);
                specials[post] = row.columnOptionalText(1);
                updated[post] = row.columnText(3);
                if (auto category = row.columnOptionalInt(2))
                    categories[post].push_back(*category);
            },
            roundId, coderId);
        !status)
        return status.error();
    std::map<std::int64_t, CoderValue> values;
    for (const auto& [post, special] : specials) {
        if (special) {
            const auto parsed = labels::parseSpecial(*special);
            if (!parsed)
                return makeError("post " + std::to_string(post) + ": unknown special value \"" +
                                 *special + "\"");
            const auto value = *parsed == labels::Special::FalsePositive
                                   ? SpecialValue::FalsePositive
                               : *parsed == labels::Special::Unclear ? SpecialValue::Unclear
                                                                     : SpecialValue::Pending;
            values.emplace(post, CoderValue{LabelValue::special(value), updated[post]});
        } else if (auto found = categories.find(post); found != categories.end()) {
            auto value = LabelValue::categories(found->second);
            if (!value)
                return value.error();
            values.emplace(post, CoderValue{std::move(*value), updated[post]});
        }
    }
    return values;
}

Result<std::string> categoryPath(sql::Database& db, std::int64_t id) {
    auto path = codebook::pathOf(db, id);
    if (!path)
        return path.error();
    std::string joined;
    for (const auto& name : *path)
        joined += (joined.empty() ? "" : "/") + name;
    return joined;
}

Result<std::string> readableValue(sql::Database& db, const LabelValue& value) {
    if (value.kind() != LabelValue::Kind::Categories)
        return value.kind() == LabelValue::Kind::Special ? readableSpecial(value.key())
                                                         : value.key();
    std::string joined;
    for (const auto id : value.categoryIds()) {
        auto path = categoryPath(db, id);
        if (!path)
            return path.error();
        joined += (joined.empty() ? "" : "; ") + *path;
    }
    return joined;
}

Result<std::string> shortValue(sql::Database& db, const LabelValue& value) {
    if (value.kind() != LabelValue::Kind::Categories)
        return readableValue(db, value);
    std::string joined;
    for (const auto id : value.categoryIds()) {
        auto path = codebook::pathOf(db, id);
        if (!path)
            return path.error();
        joined += (joined.empty() ? "" : "; ") + (path->empty() ? std::string() : path->back());
    }
    return joined;
}

} // namespace taxo::agreement
