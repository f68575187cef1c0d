#include "core/labels/quotes.h"

#include "core/store/statements.h"
#include "core/util/text_rules.h"

#include <tuple>

namespace taxo::labels {

Result<QuoteState> quoteState(sql::Database& db, std::int64_t postId, const Quote& quote) {
    auto text = corpus::loadPartText(db, postId, quote.part, quote.partSourceId);
    if (!text)
        return text.error();
    if (!*text)
        return QuoteState::PartMissing;
    const auto now = corpus::codePointSlice(**text, quote.start, quote.end);
    return now && *now == quote.text ? QuoteState::Intact : QuoteState::TextChanged;
}

std::string describeQuoteState(QuoteState state, const Quote& quote) {
    const std::string part(corpus::partName(quote.part));
    switch (state) {
    case QuoteState::Intact:
        return {};
    case QuoteState::TextChanged:
        return "the text of the " + part + " changed since it was quoted";
    case QuoteState::PartMissing:
        return "the post no longer has this " + part;
    }
    return {};
}

Status checkQuoteForm(const Quote& quote) {
    const bool needsId =
        quote.part == corpus::PostPart::Answer || quote.part == corpus::PostPart::Comment;
    if (needsId && quote.partSourceId.empty())
        return makeError("a quote from an " + std::string(corpus::partName(quote.part)) +
                         " needs the " + std::string(corpus::partName(quote.part)) + "'s id");
    if (!needsId && !quote.partSourceId.empty())
        return makeError("a quote from the " + std::string(corpus::partName(quote.part)) +
                         " carries no part id");
    if (quote.start < 0 || quote.end <= quote.start)
        return makeError("a quote's offsets must satisfy 0 <= start < end (" +
                         std::to_string(quote.start) + ", " + std::to_string(quote.end) + ")");
    if (corpus::codePointCount(quote.text) != quote.end - quote.start)
        return makeError(
            "a quote's text must be end - start = " + std::to_string(quote.end - quote.start) +
            " characters long, not " + std::to_string(corpus::codePointCount(quote.text)));
    if (const auto at = findForbiddenControl(quote.text))
        return makeError("a quote's text holds " +
                         describeControl(static_cast<unsigned char>(quote.text[*at])));
    return {};
}

Quote quoteOfPassage(const corpus::PassageLocation& passage, codebook::CategoryId category) {
    return Quote{category,      passage.part, passage.partSourceId,
                 passage.start, passage.end,  passage.text};
}

bool quoteOrder(const Quote& a, const Quote& b) {
    return std::tie(a.part, a.partSourceId, a.start, a.end, a.category, a.text) <
           std::tie(b.part, b.partSourceId, b.start, b.end, b.category, b.text);
}

std::string describeQuotePlace(const Quote& quote) {
    std::string place(corpus::partName(quote.part));
    if (!quote.partSourceId.empty())
        place += " " + quote.partSourceId;
    return place + " " + std::to_string(quote.start) + "\u2013" + std::to_string(quote.end);
}

Result<std::vector<KeptQuote>> loadQuotes(sql::Database& db, const QuoteTable& table,
                                          std::int64_t owner) {
    const std::string query =
        std::string("SELECT category_id, part, part_source_id, start_offset, end_offset, "
                    "quoted_text, ") +
        (table.hasQuotedBy ? "quoted_by" : "NULL") + " FROM " + table.table + " WHERE " +
        table.ownerColumn + " = ? ORDER BY position";
    return sql::queryRows<KeptQuote>(
        db, query,
        [](sql::Statement& row) {
            KeptQuote kept;
            kept.quote.category = row.columnInt(0);
            kept.quote.part = corpus::parsePart(row.columnText(1)).value_or(corpus::PostPart::Body);
            kept.quote.partSourceId = row.columnText(2);
            kept.quote.start = row.columnInt(3);
            kept.quote.end = row.columnInt(4);
            kept.quote.text = row.columnText(5);
            kept.quotedBy = row.columnOptionalInt(6);
            return kept;
        },
        owner);
}

Status writeQuotes(sql::Database& db, const QuoteTable& table, std::int64_t owner,
                   const std::vector<KeptQuote>& quotes) {
    if (auto status = sql::runBound(
            db, std::string("DELETE FROM ") + table.table + " WHERE " + table.ownerColumn + " = ?",
            owner);
        !status)
        return status;
    const std::string insert =
        std::string("INSERT INTO ") + table.table + "(" + table.ownerColumn +
        ", position, category_id, part, part_source_id, start_offset, end_offset, quoted_text" +
        (table.hasQuotedBy ? ", quoted_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                           : ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    std::int64_t position = 0;
    for (const auto& kept : quotes) {
        const auto& q = kept.quote;
        const std::string part(corpus::partName(q.part));
        auto status = table.hasQuotedBy
                          ? sql::runBound(db, insert, owner, position, q.category, part,
                                          q.partSourceId, q.start, q.end, q.text, kept.quotedBy)
                          : sql::runBound(db, insert, owner, position, q.category, part,
                                          q.partSourceId, q.start, q.end, q.text);
        if (!status)
            return status;
        ++position;
    }
    return {};
}

Result<std::vector<std::int64_t>> moveQuoteCategory(sql::Database& db, const QuoteTable& table,
                                                    const std::vector<std::int64_t>& owners,
                                                    codebook::CategoryId source,
                                                    codebook::CategoryId target) {
    const std::string select = std::string("SELECT id FROM ") + table.table + " WHERE " +
                               table.ownerColumn + " = ? AND category_id = ? ORDER BY id";
    const std::string update =
        std::string("UPDATE ") + table.table + " SET category_id = ? WHERE id = ?";
    std::vector<std::int64_t> moved;
    for (const auto owner : owners) {
        auto quotes = sql::queryIntsBound(db, select, owner, source);
        if (!quotes)
            return quotes.error();
        for (const auto quote : *quotes) {
            if (auto status = sql::runBound(db, update, target, quote); !status)
                return status.error();
            moved.push_back(quote);
        }
    }
    return moved;
}

Status restoreQuoteCategory(sql::Database& db, const QuoteTable& table,
                            const std::vector<std::int64_t>& quoteIds, codebook::CategoryId source,
                            codebook::CategoryId target) {
    const std::string check =
        std::string("SELECT count(*) FROM ") + table.table + " WHERE id = ? AND category_id = ?";
    const std::string update =
        std::string("UPDATE ") + table.table + " SET category_id = ? WHERE id = ?";
    for (const auto quote : quoteIds) {
        auto there = sql::queryIntBound(db, check, quote, target);
        if (!there)
            return there.error();
        if (*there == 0)
            return makeError("a quote moved with the category has changed since");
        if (auto status = sql::runBound(db, update, source, quote); !status)
            return status;
    }
    return {};
}

} // namespace taxo::labels
