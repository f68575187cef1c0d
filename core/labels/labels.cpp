#include "core/labels/labels.h"

#include "core/codebook/codebook_internal.h"
#include "core/labels/label_batch.h"
#include "core/rounds/rounds.h"
#include "core/store/change_log.h"
#include "core/store/statements.h"
#include "core/util/ids.h"

#include <algorithm>

namespace taxo::labels {

using codebook::detail::inQuotes;
using sql::inTransaction;

std::string_view specialName(Special special) {
    switch (special) {
    case Special::FalsePositive:
        return "false_positive";
    case Special::Unclear:
        return "unclear";
    case Special::Pending:
        return "pending";
    }
    return "pending";
}

std::optional<Special> parseSpecial(std::string_view name) {
    if (name == "false_positive")
        return Special::FalsePositive;
    if (name == "unclear")
        return Special::Unclear;
    if (name == "pending")
        return Special::Pending;
    return std::nullopt;
}

namespace {

nlohmann::json coderJson(const CoderId& coder) {
    return coder ? nlohmann::json(*coder) : nlohmann::json();
}

nlohmann::json toJson(const LabelKey& key, const LabelContent* content) {
    nlohmann::json details = {
        {"round", key.roundId}, {"post", key.postId}, {"coder", coderJson(key.coder)}};
    if (content) {
        details["categories"] = content->categories;
        details["special"] = content->special
                                 ? nlohmann::json(std::string(specialName(*content->special)))
                                 : nlohmann::json();
        details["suggestion"] = content->suggestion;
        details["note"] = content->note;
        details["code"] = content->code;
        nlohmann::json quotes = nlohmann::json::array();
        for (const auto& quote : content->quotes)
            quotes.push_back({{"category", quote.category},
                              {"part", std::string(corpus::partName(quote.part))},
                              {"part_id", quote.partSourceId},
                              {"start", quote.start},
                              {"end", quote.end},
                              {"text", quote.text}});
        details["quotes"] = std::move(quotes);
    }
    return details;
}

Status checkKey(sql::Database& db, const LabelKey& key, bool& isPilot) {
    auto round =
        sql::prepareBound(db, "SELECT name, kind, state FROM rounds WHERE id = ?", key.roundId);
    if (!round)
        return round.error();
    auto row = round->step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError("no round with id " + std::to_string(key.roundId));
    const std::string roundName = round->columnText(0);
    auto kind = rounds::parseKind(round->columnText(1));
    if (!kind)
        return kind.error();
    isPilot = *kind == rounds::RoundKind::Pilot;
    if (round->columnText(2) == "closed")
        return makeError("round " + inQuotes(roundName) + " is closed; its labels are final");
    // A screening round holds relevant/irrelevant marks, which are not labels
    // (docs/architecture.md, "Label semantics"): they live in screening_marks.
    if (*kind == rounds::RoundKind::Screening)

        return makeError("round " + inQuotes(roundName) +
                         " is a screening round: mark its posts relevant or irrelevant (taxo "
                         "screening mark), it takes no labels");
    auto item = sql::queryIntBound(
        db, "SELECT count(*) FROM round_items WHERE round_id = ? AND post_id = ?", key.roundId,
        key.postId);
    if (!item)
        return item.error();
    if (*item == 0)
        return makeError(describePost(db, key.postId) + " is not an item of round " +
                         inQuotes(roundName));
    if (!key.coder) {
        if (!isPilot)
            return makeError("only the pilot round has a consensus label without a coder; round " +
                             inQuotes(roundName) + " needs a coder");
        return {};
    }
    auto coder = sql::queryIntBound(
        db, "SELECT count(*) FROM round_coders WHERE round_id = ? AND person_id = ?", key.roundId,
        *key.coder);
    if (!coder)
        return coder.error();
    if (*coder == 0) {
        std::string who = "this person";
        if (auto name = sql::prepareBound(db, "SELECT name FROM people WHERE id = ?", *key.coder);
            name) {
            if (auto found = name->step(); found && *found)
                who = inQuotes(name->columnText(0));
        }
        return makeError(who + " is not a coder of round " + inQuotes(roundName));
    }
    return {};
}

Status checkQuotes(sql::Database& db, const LabelContent& content) {
    for (std::size_t i = 0; i < content.quotes.size(); ++i) {
        const auto& quote = content.quotes[i];
        if (auto status = checkQuoteForm(quote); !status)
            return makeError("quote " + std::to_string(i + 1) + ": " + status.message());
        if (std::find(content.categories.begin(), content.categories.end(), quote.category) ==
            content.categories.end())
            return makeError("quote " + std::to_string(i + 1) + " is attached to " +
                             inQuotes(describeCategory(db, quote.category)) +
                             ", which is not one of the label's categories");
    }
    return {};
}

std::vector<KeptQuote> asKept(const std::vector<Quote>& quotes) {
    std::vector<KeptQuote> kept;
    for (const auto& quote : quotes)
        kept.push_back({quote, std::nullopt});
    return kept;
}

Status checkContent(sql::Database& db, const LabelKey& key, bool isPilot,
                    const LabelContent& content) {
    if (content.special && !content.categories.empty())
        return makeError("a label is either categories or one special value (False positive, "
                         "Unclear, Pending), not both");
    if (!content.suggestion.empty() && content.special != Special::Pending)
        return makeError("only a Pending label carries a suggested category name");
    if (!content.special && content.categories.empty()) {
        if (!isPilot)
            return makeError("a label needs at least one category or a special value (False "
                             "positive, Unclear, Pending)");
        if (content.code.find_first_not_of(" \t\r\n") == std::string::npos)
            return makeError("a pilot label needs an initial code, a category or a special value");
    }
    for (const auto category : content.categories)
        if (auto status = checkLeafForPost(db, key.postId, category); !status)
            return status;
    return checkQuotes(db, content);
}

Status writeCategories(sql::Database& db, std::int64_t labelId,
                       const std::vector<codebook::CategoryId>& categories) {
    if (auto status = sql::runBound(db, "DELETE FROM label_categories WHERE label_id = ?", labelId);
        !status)
        return status;
    for (const auto category : categories)
        if (auto status = sql::runBound(
                db, "INSERT INTO label_categories(label_id, category_id) VALUES (?, ?)", labelId,
                category);
            !status)
            return status;
    return {};
}

LabelContent normalized(LabelContent content) {
    std::sort(content.categories.begin(), content.categories.end());
    content.categories.erase(std::unique(content.categories.begin(), content.categories.end()),
                             content.categories.end());
    return content;
}

} // namespace

Result<std::optional<Label>> loadLabel(sql::Database& db, const LabelKey& key) {
    auto stmt = sql::prepareBound(db,
                                  "SELECT id, special, suggestion, note, code, updated FROM labels "
                                  "WHERE round_id = ? AND post_id = ? AND coder_id IS ?",
                                  key.roundId, key.postId, key.coder);
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<Label>();
    Label label;
    label.id = stmt->columnInt(0);
    label.key = key;
    if (auto special = stmt->columnOptionalText(1))
        label.content.special = parseSpecial(*special);
    label.content.suggestion = stmt->columnText(2);
    label.content.note = stmt->columnText(3);
    label.content.code = stmt->columnText(4);
    label.updated = stmt->columnText(5);
    auto categories = sql::queryIntsBound(
        db, "SELECT category_id FROM label_categories WHERE label_id = ? ORDER BY category_id",
        label.id);
    if (!categories)
        return categories.error();
    label.content.categories = *categories;
    auto quotes = loadQuotes(db, kLabelQuotes, label.id);
    if (!quotes)
        return quotes.error();
    for (auto& kept : *quotes)
        label.content.quotes.push_back(std::move(kept.quote));
    return std::optional<Label>(std::move(label));
}

std::string describePost(sql::Database& db, std::int64_t postId) {
    auto stmt =
        sql::prepareBound(db, "SELECT title, source, source_id FROM posts WHERE id = ?", postId);
    if (!stmt)
        return "a post";
    auto row = stmt->step();
    if (!row || !*row)
        return "a post that is not in the project";
    std::string title = stmt->columnText(0);
    // Long titles are cut at a character boundary of UTF-8.
    if (title.size() > 80) {
        std::size_t cut = 77;
        while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0) == 0x80)
            --cut;
        title = title.substr(0, cut) + "...";
    }
    return "post \u201c" + title + "\u201d (" + stmt->columnText(1) + ":" + stmt->columnText(2) +
           ")";
}

std::string postName(std::string_view sourceId, std::string_view title, std::size_t maxTitle) {
    // Counted in characters, cut at a character boundary of UTF-8.
    std::size_t chars = 0;
    std::size_t cut = title.size();
    for (std::size_t i = 0; i < title.size(); ++i) {
        if ((static_cast<unsigned char>(title[i]) & 0xC0) == 0x80)
            continue;
        if (chars == maxTitle) {
            cut = i;
            break;
        }
        ++chars;
    }
    std::string name = "post " + std::string(sourceId);
    if (title.empty())
        return name;
    name += " \u2014 ";
    if (cut == title.size())
        return name + std::string(title);
    std::string_view kept = title.substr(0, cut);
    // A whole word rather than its start, when a word boundary is near.
    if (title[cut] != ' ') {
        const std::size_t space = kept.rfind(' ');
        if (space != std::string_view::npos && space > 0 && kept.size() - space <= 15)
            kept = kept.substr(0, space);
    }
    while (!kept.empty() && kept.back() == ' ')
        kept.remove_suffix(1);
    return name + std::string(kept) + "\u2026";
}

std::string postName(sql::Database& db, std::int64_t postId) {
    auto row = sql::queryOptionalRow<std::pair<std::string, std::string>>(
        db, "SELECT source_id, title FROM posts WHERE id = ?",
        [](sql::Statement& stmt) { return std::pair(stmt.columnText(0), stmt.columnText(1)); },
        postId);
    if (!row || !*row)
        return "a post that is not in the project";
    return postName((*row)->first, (*row)->second);
}

std::string describeCategory(sql::Database& db, codebook::CategoryId category) {
    auto path = codebook::pathOf(db, category);
    if (!path || path->empty())
        return "a category that is not in the project";
    std::string joined;
    for (const auto& step : *path)
        joined += (joined.empty() ? "" : "/") + step;
    return joined;
}

Status validateLabel(sql::Database& db, const LabelKey& key, const LabelContent& given) {
    const LabelContent content = normalized(given);
    bool isPilot = false;
    if (auto status = checkKey(db, key, isPilot); !status)
        return status;
    return checkContent(db, key, isPilot, content);
}

Result<std::optional<Label>> saveLabel(sql::Database& db, const LabelKey& key,
                                       const LabelContent& given) {
    return inTransaction(db, [&] { return saveLabelWithin(db, key, given); });
}

Result<std::optional<Label>> saveLabelWithin(sql::Database& db, const LabelKey& key,
                                             const LabelContent& given) {
    const LabelContent content = normalized(given);
    if (auto status = validateLabel(db, key, content); !status)
        return status.error();
    auto previous = loadLabel(db, key);
    if (!previous)
        return previous.error();
    const std::optional<std::string> special =
        content.special ? std::optional<std::string>(std::string(specialName(*content.special)))
                        : std::nullopt;
    std::int64_t id = 0;
    if (*previous) {
        id = (*previous)->id;
        if (auto status = sql::runBound(db,
                                        "UPDATE labels SET special = ?, suggestion = ?, "
                                        "note = ?, code = ?, updated = ? WHERE id = ?",
                                        special, content.suggestion, content.note, content.code,
                                        utcNowIso(), id);
            !status)
            return status.error();
    } else {
        if (auto status = sql::runBound(
                db,
                "INSERT INTO labels(round_id, post_id, coder_id, special, suggestion, note, "
                "code, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                key.roundId, key.postId, key.coder, special, content.suggestion, content.note,
                content.code, utcNowIso());
            !status)
            return status.error();
        id = db.lastInsertRowId();
    }
    if (auto status = writeCategories(db, id, content.categories); !status)
        return status.error();
    if (auto status = writeQuotes(db, kLabelQuotes, id, asKept(content.quotes)); !status)
        return status.error();
    if (auto status = changelog::append(db, "label.save", toJson(key, &content)); !status)
        return status.error();
    return previous;
}

Result<std::optional<Label>> clearLabel(sql::Database& db, const LabelKey& key) {
    return inTransaction(db, [&]() -> Result<std::optional<Label>> {
        bool isPilot = false;
        if (auto status = checkKey(db, key, isPilot); !status)
            return status.error();
        auto previous = loadLabel(db, key);
        if (!previous)
            return previous.error();
        if (!*previous)
            return previous;
        if (auto status = sql::runBound(db, "DELETE FROM labels WHERE id = ?", (*previous)->id);
            !status)
            return status.error();
        if (auto status = changelog::append(db, "label.clear", toJson(key, nullptr)); !status)
            return status.error();
        return previous;
    });
}

Status restoreLabel(sql::Database& db, const LabelKey& key, const std::optional<Label>& previous) {
    return inTransaction(db, [&]() -> Status {
        bool isPilot = false;
        if (auto status = checkKey(db, key, isPilot); !status)
            return status;
        if (previous) {
            // The categories may have changed since (a category deleted, say):
            // restoring must not bring back a label core would refuse.
            if (auto status = checkContent(db, key, isPilot, previous->content); !status)
                return makeError("cannot restore the previous label: " + status.message());
        }
        if (auto status = sql::runBound(
                db, "DELETE FROM labels WHERE round_id = ? AND post_id = ? AND coder_id IS ?",
                key.roundId, key.postId, key.coder);
            !status)
            return status;
        if (previous) {
            const auto& content = previous->content;
            const std::optional<std::string> special =
                content.special
                    ? std::optional<std::string>(std::string(specialName(*content.special)))
                    : std::nullopt;
            if (auto status = sql::runBound(
                    db,
                    "INSERT INTO labels(id, round_id, post_id, coder_id, special, suggestion, "
                    "note, code, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    previous->id, key.roundId, key.postId, key.coder, special, content.suggestion,
                    content.note, content.code, previous->updated);
                !status)
                return status;
            if (auto status = writeCategories(db, previous->id, content.categories); !status)
                return status;
            if (auto status = writeQuotes(db, kLabelQuotes, previous->id, asKept(content.quotes));
                !status)
                return status;
        }
        return changelog::append(db, "label.restore",
                                 toJson(key, previous ? &previous->content : nullptr));
    });
}

Result<std::optional<std::vector<std::string>>> rootNamesForPost(sql::Database& db,
                                                                 std::int64_t postId) {
    auto stmt = sql::prepareBound(db,
                                  "SELECT DISTINCT s.root_name FROM sets s "
                                  "JOIN set_members m ON m.set_id = s.id "
                                  "WHERE m.post_id = ? ORDER BY s.root_name",
                                  postId);
    if (!stmt)
        return stmt.error();
    std::vector<std::string> roots;
    if (auto status =
            stmt->forEachRow([&](sql::Statement& row) { roots.push_back(row.columnText(0)); });
        !status)
        return status.error();
    if (roots.empty())
        return std::optional<std::vector<std::string>>();
    return std::optional<std::vector<std::string>>(std::move(roots));
}

Status checkLeafForPost(sql::Database& db, std::int64_t postId, codebook::CategoryId category) {
    auto row = codebook::getCategory(db, category);
    if (!row)
        return makeError("no category with id " + std::to_string(category));
    const std::string path = describeCategory(db, category);
    if (!row->parentId)
        return makeError(inQuotes(path) +
                         " is a root; a label carries leaf categories under a root only");
    auto kids = codebook::detail::childCount(db, category);
    if (!kids)
        return kids.error();
    if (*kids > 0)
        return makeError(inQuotes(path) +
                         " has subcategories; a label carries leaf categories only");
    auto roots = rootNamesForPost(db, postId);
    if (!roots)
        return roots.error();
    if (!*roots)
        return {};
    auto root = codebook::rootOf(db, category);
    if (!root)
        return root.error();
    auto rootRow = codebook::getCategory(db, *root);
    if (!rootRow)
        return rootRow.error();
    if (std::find((*roots)->begin(), (*roots)->end(), rootRow->name) != (*roots)->end())
        return {};
    std::string allowed;
    for (const auto& name : **roots)
        allowed += (allowed.empty() ? "" : ", ") + inQuotes(name);
    return makeError(inQuotes(path) + " is under the root " + inQuotes(rootRow->name) + ", but " +
                     describePost(db, postId) + " belongs to sets of " + allowed);
}

Result<std::vector<LabelRow>> listForCoder(sql::Database& db, std::int64_t roundId, CoderId coder) {
    // The coder filter sits in the join condition, so other coders' rows are
    // never read, and unlabeled items still appear.
    auto stmt =
        sql::prepareBound(db,
                          "SELECT ri.post_id, ri.position, l.id, l.special, l.code, l.updated, "
                          "(SELECT count(*) FROM label_categories lc WHERE lc.label_id = l.id) "
                          "FROM round_items ri LEFT JOIN labels l ON l.round_id = ri.round_id "
                          "AND l.post_id = ri.post_id AND l.coder_id IS ? "
                          "WHERE ri.round_id = ? ORDER BY ri.position, ri.post_id",
                          coder, roundId);
    if (!stmt)
        return stmt.error();
    std::vector<LabelRow> rows;
    if (auto status = stmt->forEachRow([&](sql::Statement& row) {
            LabelRow entry;
            entry.postId = row.columnInt(0);
            entry.position = row.columnInt(1);
            if (!row.columnIsNull(2)) {
                entry.code = row.columnText(4);
                entry.updated = row.columnText(5);
                entry.categoryCount = row.columnInt(6);
                const auto special = parseSpecial(row.columnText(3));
                if (special == Special::FalsePositive)
                    entry.state = LabelState::FalsePositive;
                else if (special == Special::Unclear)
                    entry.state = LabelState::Unclear;
                else if (special == Special::Pending)
                    entry.state = LabelState::Pending;
                else if (entry.categoryCount > 0)
                    entry.state = LabelState::Categories;
                else
                    entry.state = LabelState::CodeOnly;
            }
            rows.push_back(std::move(entry));
        });
        !status)
        return status.error();
    return rows;
}

Result<Progress> progressForCoder(sql::Database& db, std::int64_t roundId, CoderId coder) {
    auto rows = listForCoder(db, roundId, coder);
    if (!rows)
        return rows.error();
    Progress progress;
    progress.total = static_cast<std::int64_t>(rows->size());
    for (const auto& row : *rows)
        if (row.state != LabelState::Unlabeled && row.state != LabelState::CodeOnly)
            ++progress.labeled;
    return progress;
}

std::string agreementValue(const LabelContent& content) {
    if (content.special)
        return std::string(specialName(*content.special));
    if (content.categories.empty())
        return {};
    auto sorted = content.categories;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    std::string value = "categories:";
    for (std::size_t i = 0; i < sorted.size(); ++i)
        value += (i ? "," : "") + std::to_string(sorted[i]);
    return value;
}

Result<SaveChange> changeLabel(sql::Database& db, const LabelKey& key,
                               const LabelContent& content) {
    auto previous = saveLabel(db, key, content);
    if (!previous)
        return previous.error();
    return SaveChange{key, std::move(*previous), content};
}

Status undoSave(sql::Database& db, const SaveChange& change) {
    return restoreLabel(db, change.key, change.previous);
}

Status redoSave(sql::Database& db, const SaveChange& change) {
    auto saved = saveLabel(db, change.key, change.content);
    return saved ? Status() : Status(saved.error());
}

} // namespace taxo::labels
