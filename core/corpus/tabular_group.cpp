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
    return group;
}

void TabularGroup::startFile(std::int64_t importId, CensusCounter* census) {
    writer_->startImport(importId);
    census_ = census;
}

void TabularGroup::endFile(ImportReport& part) {
    addCounts(part, std::exchange(rows_, ImportReport()));
}

void TabularGroup::beginFile(PostShape shape) {
    // The public BigQuery dataset is Stack Overflow's; a Data Explorer result does not say
    // which site it came from, as a Posts.xml outside a named folder does not.
    std::string source = forcedSource_;
    if (source.empty())
        source = shape == PostShape::BigQuery ? "stackoverflow" : "stackexchange";
    // A reader per file: a question met again in a later file (two Data Explorer queries
    // that overlap) is already present, as in a second import, while the same Id twice in
    // one file is refused, as in one Posts.xml. The writer, and with it the answers still
    // waiting for their question, is shared.
    reader_ = std::make_unique<DumpReader>(*writer_, filter_, std::move(source), rows_, census_);
}

Status TabularGroup::row(const ShapedRow& row) {
    if (row.isQuestion())
        questions_.insert(row.id());
    return reader_->postRow(row);
}

Result<ImportReport> TabularGroup::close() {
    // The answers still waiting: those whose question was kept are joined below; the
    // others are told apart by why they were not (the reasons of docs/formats-import.md).
    std::int64_t waiting = 0, withoutKeptQuestion = 0, withoutQuestion = 0;
    if (auto status = sql::forEachRow(
            *db_,
            "SELECT parent_id, parent_id IN (SELECT stack_id FROM temp.import_kept WHERE "
            "answer_rowid IS NULL) FROM temp.import_pending_answers",
            [&](sql::Statement& pending) {
                ++waiting;
                if (pending.columnInt(1) != 0)
                    return;
                ++withoutKeptQuestion;
                if (!questions_.contains(pending.columnInt(0)))
                    ++withoutQuestion;
            });
        !status)
        return status.error();
    std::int64_t joined = 0;
    if (auto attached = writer_->attachStagedAnswers(joined); !attached)
        return attached.error();
    rows_.answers += joined;
    const auto count = [this](const char* reason, std::int64_t n) {
        if (n > 0)
            rows_.skipped[reason] += n;
    };
    count("answer to a question not kept", withoutKeptQuestion - withoutQuestion);
    count(kAnswerWithoutQuestion, withoutQuestion);
    // Joined to a kept question that already had it: the same answer in two files.
    count(kAnswerReadBefore, waiting - joined - withoutKeptQuestion);
    if (auto status = writer_->finish(); !status)
        return status.error();
    return std::exchange(rows_, ImportReport());
}

} // namespace taxo::corpus
