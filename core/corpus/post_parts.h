#pragma once
// The parts of a post a coder can quote from (title, body, an answer, a comment) and
// each part's plain text, the text a quote's offsets count in (docs/formats.md,
// "Quotes"). Offsets are Unicode code points, so they mean the same in every tool
// whatever its string encoding (REFI-QDA counts characters too).

#include "core/corpus/post_store.h"
#include "core/store/sqlite.h"
#include "core/util/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taxo::corpus {

enum class PostPart { Title, Body, Answer, Comment };

// "title", "body", "answer", "comment": the names of the project file and the formats.
std::string_view partName(PostPart part);
std::optional<PostPart> parsePart(std::string_view name);

// One part of a post: which part, the id its source gave the answer or comment (empty
// for the title and the body), and its plain text.
struct PartText {
    PostPart part = PostPart::Body;
    std::string partSourceId;
    std::string text;
};

// A part's plain text: the title as stored; a body or an answer as text::htmlToText with
// the code kept; a comment as stored.
std::string partPlainText(PostPart part, std::string_view stored);

// Every part of the post in the order the post viewer shows them: title, body, the
// question's comments, then each answer followed by its comments.
std::vector<PartText> postParts(const Post& post);

// The part's plain text as the project holds it now, or nullopt when the post has no
// such part (an answer or comment a later import no longer has).
Result<std::optional<std::string>> loadPartText(sql::Database& db, std::int64_t postId,
                                                PostPart part, std::string_view partSourceId);

// Number of code points of UTF-8 text (a malformed byte counts as one).
std::int64_t codePointCount(std::string_view utf8);
// The text between two code-point offsets; nullopt when they fall outside the text.
std::optional<std::string> codePointSlice(std::string_view utf8, std::int64_t start,
                                          std::int64_t end);

// Where a passage selected on screen lies in a post: the part, the code-point offsets in
// its plain text and the text between them.
struct PassageLocation {
    PostPart part = PostPart::Body;
    std::string partSourceId;
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::string text;
};

// Finds a passage selected in the post viewer among the post's parts. The viewer's text
// and the plain text differ in white space only (line and paragraph breaks, no-break
// spaces), so both are compared with every run of white space as one space. When the
// passage occurs more than once, the occurrence nearest `approximatePosition` (the
// selection's place in the viewer's whole text, 0 to 1) is taken. Refused with a message
// when the selection is blank or lies across parts or outside them (a heading, a byline).
Result<PassageLocation> locatePassage(const std::vector<PartText>& parts,
                                      std::string_view selection, double approximatePosition);

} // namespace taxo::corpus
