#include "core/corpus/post_parts.h"

#include "core/store/statements.h"
#include "core/text/html_text.h"
#include "core/util/text_rules.h"

#include <cmath>
#include <limits>

namespace taxo::corpus {

std::string_view partName(PostPart part) {
    switch (part) {
    case PostPart::Title:
        return "title";
    case PostPart::Body:
        return "body";
    case PostPart::Answer:
        return "answer";
    case PostPart::Comment:
        return "comment";
    }
    return "body";
}

std::optional<PostPart> parsePart(std::string_view name) {
    for (const auto part : {PostPart::Title, PostPart::Body, PostPart::Answer, PostPart::Comment})
        if (partName(part) == name)
            return part;
    return std::nullopt;
}

std::string partPlainText(PostPart part, std::string_view stored) {
    if (part == PostPart::Body || part == PostPart::Answer)
        return text::htmlToText(stored, text::HtmlTextOptions{.removeCode = false});
    return std::string(stored);
}

std::vector<PartText> postParts(const Post& post) {
    std::vector<PartText> parts;
    parts.push_back({PostPart::Title, "", partPlainText(PostPart::Title, post.title)});
    parts.push_back({PostPart::Body, "", partPlainText(PostPart::Body, post.body)});
    const auto addComments = [&](const std::vector<Comment>& comments) {
        for (const auto& comment : comments)
            parts.push_back({PostPart::Comment, comment.sourceId,
                             partPlainText(PostPart::Comment, comment.text)});
    };
    addComments(post.comments);
    for (const auto& answer : post.answers) {
        parts.push_back(
            {PostPart::Answer, answer.sourceId, partPlainText(PostPart::Answer, answer.body)});
        addComments(answer.comments);
    }
    return parts;
}

Result<std::optional<std::string>> loadPartText(sql::Database& db, std::int64_t postId,
                                                PostPart part, std::string_view partSourceId) {
    const auto text = [](sql::Statement& row) {
        return row.columnText(0);
    };
    Result<std::optional<std::string>> stored = std::optional<std::string>();
    switch (part) {
    case PostPart::Title:
        stored = sql::queryOptionalRow<std::string>(db, "SELECT title FROM posts WHERE id = ?",
                                                    text, postId);
        break;
    case PostPart::Body:
        stored = sql::queryOptionalRow<std::string>(db, "SELECT body FROM posts WHERE id = ?", text,
                                                    postId);
        break;
    case PostPart::Answer:
        stored = sql::queryOptionalRow<std::string>(
            db, "SELECT body FROM answers WHERE post_id = ? AND source_id = ?", text, postId,
            std::string(partSourceId));
        break;
    case PostPart::Comment:
        stored = sql::queryOptionalRow<std::string>(
            db, "SELECT text FROM comments WHERE post_id = ? AND source_id = ?", text, postId,
            std::string(partSourceId));
        break;
    }
    if (!stored)
        return stored.error();
    if (!*stored)
        return std::optional<std::string>();
    return std::optional<std::string>(partPlainText(part, **stored));
}

std::int64_t codePointCount(std::string_view utf8) {
    std::int64_t count = 0;
    for (std::size_t i = 0; i < utf8.size(); ++count) {
        const auto length = static_cast<unsigned char>(utf8[i]) < 0x80
                                ? std::size_t{1}
                                : utf8SequenceLength(utf8, i);
        i += length == 0 ? 1 : length;
    }
    return count;
}

namespace {

// Byte offset of the code point `index`, or npos past the end.
std::size_t byteOfCodePoint(std::string_view utf8, std::int64_t index) {
    std::size_t i = 0;
    for (std::int64_t count = 0; count < index; ++count) {
        if (i >= utf8.size())
            return std::string_view::npos;
        const auto length = static_cast<unsigned char>(utf8[i]) < 0x80
                                ? std::size_t{1}
                                : utf8SequenceLength(utf8, i);
        i += length == 0 ? 1 : length;
    }
    return i <= utf8.size() ? i : std::string_view::npos;
}

// Text with every run of white space as one space, and for each byte of it the range of
// the original bytes it came from.
struct Folded {
    std::string text;
    std::vector<std::size_t> from; // original byte where the folded byte's character starts
    std::vector<std::size_t> to;   // original byte just after it
};

// The length of a white-space character at text[i], or 0: ASCII white space, the no-break
// space and the line and paragraph separators Qt puts in a selection's text.
std::size_t whiteSpaceAt(std::string_view text, std::size_t i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == ' ' || byte == '\t' || byte == '\n' || byte == '\r' || byte == '\f' || byte == '\v')
        return 1;
    if (text.substr(i, 2) == "\xC2\xA0")
        return 2;
    if (text.substr(i, 3) == "\xE2\x80\xA8" || text.substr(i, 3) == "\xE2\x80\xA9")
        return 3;
    return 0;
}

Folded fold(std::string_view text) {
    Folded folded;
    for (std::size_t i = 0; i < text.size();) {
        if (const auto space = whiteSpaceAt(text, i); space > 0) {
            std::size_t end = i + space;
            while (end < text.size())
                if (const auto more = whiteSpaceAt(text, end); more > 0)
                    end += more;
                else
                    break;
            folded.text += ' ';
            folded.from.push_back(i);
            folded.to.push_back(end);
            i = end;
            continue;
        }
        folded.text += text[i];
        folded.from.push_back(i);
        folded.to.push_back(i + 1);
        ++i;
    }
    return folded;
}

std::string trimSpaces(std::string text) {
    const auto first = text.find_first_not_of(' ');
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

} // namespace

std::optional<std::string> codePointSlice(std::string_view utf8, std::int64_t start,
                                          std::int64_t end) {
    if (start < 0 || end < start)
        return std::nullopt;
    const auto from = byteOfCodePoint(utf8, start);
    const auto to = byteOfCodePoint(utf8, end);
    if (from == std::string_view::npos || to == std::string_view::npos)
        return std::nullopt;
    return std::string(utf8.substr(from, to - from));
}

Result<PassageLocation> locatePassage(const std::vector<PartText>& parts,
                                      std::string_view selection, double approximatePosition) {
    const std::string wanted = trimSpaces(fold(selection).text);
    if (wanted.empty())
        return makeError("select a passage of the post's text first");
    std::vector<Folded> folded;
    std::size_t total = 0;
    for (const auto& part : parts) {
        folded.push_back(fold(part.text));
        total += folded.back().text.size();
    }
    std::optional<PassageLocation> best;
    double bestDistance = std::numeric_limits<double>::infinity();
    std::size_t before = 0;
    for (std::size_t p = 0; p < parts.size(); ++p) {
        const auto& text = folded[p].text;
        for (auto at = text.find(wanted); at != std::string::npos; at = text.find(wanted, at + 1)) {
            const double place =
                total == 0 ? 0.0 : static_cast<double>(before + at) / static_cast<double>(total);
            const double distance = std::abs(place - approximatePosition);
            if (distance >= bestDistance)
                continue;
            bestDistance = distance;
            const std::string_view original = parts[p].text;
            const std::size_t fromByte = folded[p].from[at];
            const std::size_t toByte = folded[p].to[at + wanted.size() - 1];
            PassageLocation location;
            location.part = parts[p].part;
            location.partSourceId = parts[p].partSourceId;
            location.start = codePointCount(original.substr(0, fromByte));
            location.end =
                location.start + codePointCount(original.substr(fromByte, toByte - fromByte));
            location.text = std::string(original.substr(fromByte, toByte - fromByte));
            best = std::move(location);
        }
        before += text.size();
    }
    if (!best)
        return makeError("the selection is not inside one part of the post; select a passage "
                         "within the title, the body, an answer or a comment");
    return *best;
}

} // namespace taxo::corpus
