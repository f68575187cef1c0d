#pragma once
// The two shapes in which researchers get Stack Exchange posts without the XML dump,
// recognised by the names of their columns (CSV) or fields (JSON Lines):
//
//   - a Stack Exchange Data Explorer result: the Posts table's CamelCase columns (Id,
//     PostTypeId, ParentId, AcceptedAnswerId, CreationDate "2019-02-17 10:42:13", ...);
//   - the public BigQuery tables posts_questions and posts_answers: snake_case (id,
//     post_type_id, parent_id, accepted_answer_id, creation_date
//     "2019-02-17 10:42:13.123000 UTC", tags "a|b", ...).
//
// A row of either shape is turned into the row Posts.xml would have for the same post
// (attribute names and value forms of the dump), so that DumpReader stores it exactly as
// it stores a dump row: questions and answers, joined however the files are ordered.
// docs/formats-import.md has the column tables.

#include "core/corpus/dump_rows.h"
#include "core/util/result.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace taxo::corpus {

enum class PostShape { Plain, DataExplorer, BigQuery };

// "a Stack Exchange Data Explorer result", "a BigQuery posts table".
const char* describeShape(PostShape shape);

// What the import needs of a post, in Posts.xml's terms.
enum class PostField {
    Id,
    PostTypeId,
    ParentId,
    AcceptedAnswerId,
    CreationDate,
    Score,
    ViewCount,
    Body,
    OwnerUserId,
    OwnerDisplayName,
    Title,
    Tags,
    AnswerCount,
    CommentCount,
    ClosedDate,
};
inline constexpr std::size_t kPostFieldCount = 15;

// The shape a header's names (CSV columns or a JSON object's keys, any case) give. A
// header that mixes the shapes, or has a shape's columns without Id or Body, is refused
// (the message names no place; the caller adds file and line). The plain shape keeps its
// own rules (csv_reader.cpp, jsonl_reader.cpp). `csv` picks the words: columns or fields.
Result<PostShape> classifyHeader(const std::vector<std::string>& names, bool csv);

// For a file of a Stack Exchange shape: which position of the header holds each field
// (nullopt when the header lacks it). The header must have passed classifyHeader.
struct ShapeColumns {
    PostShape shape = PostShape::Plain;
    std::array<std::optional<std::size_t>, kPostFieldCount> position{};

    static ShapeColumns of(PostShape shape, const std::vector<std::string>& names);
    // The field's name as this shape writes it ("CreationDate", "creation_date").
    const char* nameOf(PostField field) const;
    // Whether the name (any case) is one the other shapes use and this one does not: a
    // JSON Lines row of this shape must not carry it.
    std::optional<std::string> foreignName(const std::vector<std::string>& names) const;
};

// One post of a shaped file as Posts.xml would write it: ids and counts as digits, dates
// as 2019-02-17T10:42:13.123, tags as <a><b>; PostTypeId always set.
class ShapedRow : public DumpRow {
public:
    const char* get(const char* name) const override;

    bool isQuestion() const { return question_; }
    std::int64_t id() const { return id_; }

private:
    friend Status fillShapedRow(const ShapeColumns&,
                                const std::array<std::optional<std::string>, kPostFieldCount>&,
                                ShapedRow&);
    std::array<std::string, kPostFieldCount> values_;
    std::array<bool, kPostFieldCount> present_{};
    bool question_ = false;
    std::int64_t id_ = 0;
};

// Checks and converts one row's values (absent, empty and null fields are nullopt): whole
// numbers, dates of the shape's form, no control characters, an answer with its parent.
// The message names the column, not the place.
Status fillShapedRow(const ShapeColumns& columns,
                     const std::array<std::optional<std::string>, kPostFieldCount>& values,
                     ShapedRow& row);

// Where the rows of a shaped file go: the import's DumpReader (tabular_group.h).
class ShapedRowSink {
public:
    virtual ~ShapedRowSink() = default;
    // Once per file, at its header.
    virtual void beginFile(PostShape shape) = 0;
    virtual Status row(const ShapedRow& row) = 0;
};

} // namespace taxo::corpus
