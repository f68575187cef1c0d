#pragma once
// The CSV and JSON Lines files of one import, read one after the other, share one
// PostWriter (each shaped file has a DumpReader of its own over it): an answer of a Data
// Explorer or BigQuery file then meets its question whichever file holds it and whichever
// comes first (posts_answers before posts_questions), as the answers of one Posts.xml meet
// theirs. Each file keeps its own import record; the answers joined at the end, and the
// links of accepted answers (whose dates come from the answer rows), are made once every
// file is read.

#include "core/corpus/census.h"
#include "core/corpus/dump_reader.h"
#include "core/corpus/id_set.h"
#include "core/corpus/import.h"
#include "core/corpus/post_shapes.h"
#include "core/corpus/post_writer.h"
#include "core/corpus/tags.h"

#include <memory>
#include <optional>
#include <string>

namespace taxo::corpus {

// "answer to a question in none of the files": an answer of a shaped file whose ParentId
// names no question of any file of the import. Reported, not stored.
inline constexpr const char* kAnswerWithoutQuestion = "answer to a question in none of the files";
// An answer read again in a later file of the import (overlapping exports): stored once.
inline constexpr const char* kAnswerReadBefore = "answer already read from another file";

// Adds the row counts (questions, answers, comments, already present, rows read, skipped).
void addCounts(ImportReport& into, const ImportReport& from);

class TabularGroup : public ShapedRowSink {
public:
    // `forcedSource`: the import's --source, empty when the source name is derived.
    static Result<std::unique_ptr<TabularGroup>> open(sql::Database& db, const TagFilter& filter,
                                                      std::string forcedSource);

    // The next file, recorded as import `importId`: its posts carry that id; its question
    // and answer rows, kept or not, are counted in `census` (may be null).
    void startFile(std::int64_t importId, CensusCounter* census);
    PostWriter& writer() { return *writer_; }
    // What the readers count into while a file is read.
    ImportReport& rows() { return rows_; }
    // Moves the counts of the file just read into its report.
    void endFile(ImportReport& part);

    // Joins the answers that wait for their question, links accepted answers of every
    // file and drops the temporary tables. Returns the counts this adds (answers joined,
    // answers left without a question); they belong to the import as a whole.
    Result<ImportReport> close();

    void beginFile(PostShape shape) override;
    Status row(const ShapedRow& row) override;

private:
    TabularGroup(const TagFilter& filter, std::string forcedSource)
        : filter_(filter), forcedSource_(std::move(forcedSource)) {}

    const TagFilter& filter_;
    std::string forcedSource_;
    std::optional<PostWriter> writer_;
    std::unique_ptr<DumpReader> reader_; // the current shaped file's
    CensusCounter* census_ = nullptr;    // the current file's
    ImportReport rows_;
    IdSet questions_; // every question row of a shaped file, kept or not
    sql::Database* db_ = nullptr;
};

} // namespace taxo::corpus
