#include "core/labels/codes.h"

#include "core/codebook/codebook_internal.h"
#include "core/store/change_log.h"
#include "core/store/statements.h"

#include <algorithm>
#include <map>
#include <set>

namespace taxo::labels {

using codebook::detail::inQuotes;
using sql::inTransaction;

namespace {

// Trims the code and makes every inner run of white space one space.
std::string tidySpacing(std::string_view code) {
    std::string text;
    bool pendingSpace = false;
    for (const char c : code) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            pendingSpace = !text.empty();
            continue;
        }
        if (pendingSpace)
            text += ' ';
        pendingSpace = false;
        text += c;
    }
    return text;
}

} // namespace

std::string normalizeCode(std::string_view code) {
    std::string key = tidySpacing(code);
    for (auto& c : key)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return key;
}

namespace {

struct CodedLabel {
    std::int64_t labelId = 0;
    std::int64_t postId = 0;
    std::string code;
    bool special = false;
};

Result<std::vector<CodedLabel>> codedLabels(sql::Database& db, std::int64_t roundId,
                                            const CoderId& coder) {
    auto stmt = sql::prepareBound(
        db,
        "SELECT id, post_id, code, special IS NOT NULL FROM labels "
        "WHERE round_id = ? AND coder_id IS ? AND trim(code, ' ' || char(9, 10, 13)) <> '' "
        "ORDER BY post_id",
        roundId, coder);
    if (!stmt)
        return stmt.error();
    std::vector<CodedLabel> list;
    if (auto status = stmt->forEachRow([&](sql::Statement& row) {
            list.push_back(
                {row.columnInt(0), row.columnInt(1), row.columnText(2), row.columnInt(3) != 0});
        });
        !status)
        return status.error();
    return list;
}

// Adds category to every label whose code is one of `codes`; the caller holds
// the transaction.
Status applyCodes(sql::Database& db, CodesChange& change, const std::vector<std::string>& codes,
                  const CoderId& coder) {
    if (codes.empty())
        return makeError("choose at least one initial code");
    auto labels = codedLabels(db, change.roundId, coder);
    if (!labels)
        return labels.error();
    std::set<std::string> wanted;
    for (const auto& code : codes)
        wanted.insert(normalizeCode(code));
    std::set<std::string> found;
    for (const auto& label : *labels) {
        const auto key = normalizeCode(label.code);
        if (!wanted.count(key))
            continue;
        found.insert(key);
        if (label.special)
            return makeError(describePost(db, label.postId) + " carries the code " +
                             inQuotes(label.code) +
                             " but is marked False positive, Unclear or Pending; "
                             "change that label first");
        if (auto status = checkLeafForPost(db, label.postId, change.category); !status)
            return status;
        auto has = sql::queryIntBound(
            db, "SELECT count(*) FROM label_categories WHERE label_id = ? AND category_id = ?",
            label.labelId, change.category);
        if (!has)
            return has.error();
        if (*has > 0) {
            change.labelsAlreadyThere.push_back(label.labelId);
            continue;
        }
        if (auto status = sql::runBound(
                db, "INSERT INTO label_categories(label_id, category_id) VALUES (?, ?)",
                label.labelId, change.category);
            !status)
            return status;
        change.labelsChanged.push_back(label.labelId);
    }
    for (const auto& key : wanted)
        if (!found.count(key))
            return makeError("no label of this round carries the initial code " + inQuotes(key));
    return {};
}

nlohmann::json toJson(const CodesChange& change, const std::vector<std::string>& codes) {
    return {{"round", change.roundId},
            {"category", change.category},
            {"codes", codes},
            {"labels", change.labelsChanged}};
}

} // namespace

Result<std::vector<CodeGroup>> listCodes(sql::Database& db, std::int64_t roundId, CoderId coder) {
    auto labels = codedLabels(db, roundId, coder);
    if (!labels)
        return labels.error();
    std::map<std::string, CodeGroup> groups;
    std::map<std::string, std::map<std::string, std::int64_t>> spellings;
    for (const auto& label : *labels) {
        const auto key = normalizeCode(label.code);
        auto& group = groups[key];
        group.key = key;
        ++group.count;
        group.postIds.push_back(label.postId);
        // A spelling keeps the letters' case as typed; white space never
        // distinguishes two spellings.
        ++spellings[key][tidySpacing(label.code)];
    }
    std::vector<CodeGroup> list;
    for (auto& [key, group] : groups) {
        for (const auto& [text, count] : spellings[key])
            group.spellings.push_back({text, count});
        std::stable_sort(
            group.spellings.begin(), group.spellings.end(),
            [](const CodeSpelling& a, const CodeSpelling& b) { return a.count > b.count; });
        group.spelling = group.spellings.front().text;
        std::sort(group.postIds.begin(), group.postIds.end());
        list.push_back(std::move(group));
    }
    std::stable_sort(list.begin(), list.end(), [](const CodeGroup& a, const CodeGroup& b) {
        if (a.count != b.count)
            return a.count > b.count;
        return a.spelling < b.spelling;
    });
    return list;
}

Result<CodesChange> createCategoryFromCodes(sql::Database& db, std::int64_t roundId,
                                            const codebook::NewCategory& spec,
                                            const std::vector<std::string>& codes, CoderId coder) {
    return inTransaction(db, [&]() -> Result<CodesChange> {
        if (spec.parentId) {
            auto parentUses = codebook::detail::useCount(db, *spec.parentId);
            if (!parentUses)
                return parentUses.error();
            if (*parentUses > 0)
                return makeError("labels carry the intended parent category, so it must stay a "
                                 "leaf; choose an inner category as the parent");
        }
        auto added = codebook::detail::addCategoryRow(db, spec);
        if (!added)
            return added.error();
        CodesChange change;
        change.roundId = roundId;
        change.category = added->category.id;
        change.added = *added;
        if (auto status = applyCodes(db, change, codes, coder); !status)
            return status.error();
        auto details = toJson(change, codes);
        details["new"] = codebook::detail::toJson(added->category);
        if (auto status = changelog::append(db, "codes.create_category", details); !status)
            return status.error();
        return change;
    });
}

Result<CodesChange> assignCodesToCategory(sql::Database& db, std::int64_t roundId,
                                          codebook::CategoryId category,
                                          const std::vector<std::string>& codes, CoderId coder) {
    return inTransaction(db, [&]() -> Result<CodesChange> {
        if (auto row = codebook::getCategory(db, category); !row)
            return row.error();
        CodesChange change;
        change.roundId = roundId;
        change.category = category;
        if (auto status = applyCodes(db, change, codes, coder); !status)
            return status.error();
        if (auto status = changelog::append(db, "codes.assign", toJson(change, codes)); !status)
            return status.error();
        return change;
    });
}

Status undoCodesChange(sql::Database& db, const CodesChange& change) {
    return inTransaction(db, [&]() -> Status {
        for (const auto label : change.labelsChanged) {
            if (auto status = sql::runBound(
                    db, "DELETE FROM label_categories WHERE label_id = ? AND category_id = ?",
                    label, change.category);
                !status)
                return status;
            if (db.changes() != 1)
                return makeError("cannot undo: label " + std::to_string(label) +
                                 " has changed since; the project is unchanged");
        }
        if (change.added)
            if (auto status = codebook::detail::removeAddedRow(db, *change.added); !status)
                return status;
        return changelog::append(db, "codes.undo",
                                 {{"round", change.roundId},
                                  {"category", change.category},
                                  {"labels", change.labelsChanged}});
    });
}

Status redoCodesChange(sql::Database& db, const CodesChange& change) {
    return inTransaction(db, [&]() -> Status {
        if (change.added) {
            if (auto status = codebook::detail::insertCategoryRow(db, change.added->category);
                !status)
                return makeError("cannot redo: " + status.message());
            if (auto status = codebook::detail::restorePositions(db, change.added->siblingsAfter);
                !status)
                return status;
        }
        for (const auto label : change.labelsChanged) {
            auto exists = sql::queryIntBound(db, "SELECT count(*) FROM labels WHERE id = ?", label);
            if (!exists)
                return exists.error();
            if (*exists == 0)
                return makeError("cannot redo: label " + std::to_string(label) +
                                 " is gone; the project is unchanged");
            if (auto status = sql::runBound(
                    db, "INSERT INTO label_categories(label_id, category_id) VALUES (?, ?)", label,
                    change.category);
                !status)
                return makeError("cannot redo: label " + std::to_string(label) +
                                 " has changed since; the project is unchanged");
        }
        return changelog::append(db, "codes.redo",
                                 {{"round", change.roundId},
                                  {"category", change.category},
                                  {"labels", change.labelsChanged}});
    });
}

} // namespace taxo::labels
