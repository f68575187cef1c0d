#include "core/corpus/tabular_group.h"

#include "core/store/statements.h"

namespace taxo::corpus {

void addCounts(ImportReport& into, const ImportReport& from) {
    into.questions += from.questions;
    into.answers += from.answers;
    into.comments += from.comments;
    into.alreadyPresent += from.alreadyPresent;
    into.rowsRead += from.rowsRead;
    for (const auto& [reason, count] : from.skipped)
        into.skipped[reason] += count;
}

Result<std::unique_ptr<TabularGroup>> TabularGroup::open(sql::Database& db, const TagFilter& filter,
                                                         std::string forcedSource) {
    std::unique_ptr<TabularGroup> group(new TabularGroup(filter, std::move(forcedSource)));
    auto writer = PostWriter::create(db, std::nullopt);
    if (!writer)
        return writer.error();
    group->db_ = &db;
    group->writer_.emplace(std::move(*writer));
    group->reader_ = std::make_unique<DumpReader>(*group->writer_, group->filter_, "stackexchange",
                                                  group->rows_);
    return group;
}

void TabularGroup::startFile(std::int64_t importId) {
    writer_->startImport(importId);
}

void TabularGroup::endFile(ImportReport& part) {
    addCounts(part, std::exchange(rows_, ImportReport()));
}

void TabularGroup::beginFile(PostShape shape) {
    // The public BigQuery dataset is Stack Overflow's; a Data Explorer result does not say
    // which site it came from, as a Posts.xml outside a named folder does not.
    if (!forcedSource_.empty())
        reader_->setSource(forcedSource_);
    else
        reader_->setSource(shape == PostShape::BigQuery ? "stackoverflow" : "stackexchange");
}

Status TabularGroup::row(const ShapedRow& row) {
    if (row.isQuestion())
        questions_.insert(row.id());
    return reader_->postRow(row);
}

Result<ImportReport> TabularGroup::close() {
    // Answers still waiting whose parent is no question of any file: told apart from the
    // answers to questions the tag filter left out.
    std::int64_t orphans = 0;
    if (auto status = sql::forEachRow(
            *db_,
            "SELECT parent_id FROM temp.import_pending_answers WHERE parent_id NOT IN "
            "(SELECT stack_id FROM temp.import_kept WHERE answer_rowid IS NULL)",
            [&](sql::Statement& pending) {
                if (!questions_.contains(pending.columnInt(0)))
                    ++orphans;
            });
        !status)
        return status.error();
    if (auto status = reader_->afterPosts(); !status)
        return status.error();
    if (orphans > 0) {
        const auto notKept = rows_.skipped.find("answer to a question not kept");
        if (notKept != rows_.skipped.end() && (notKept->second -= orphans) <= 0)
            rows_.skipped.erase(notKept);
        rows_.skipped[kAnswerWithoutQuestion] += orphans;
    }
    if (auto status = writer_->finish(); !status)
        return status.error();
    return std::exchange(rows_, ImportReport());
}

} // namespace taxo::corpus
