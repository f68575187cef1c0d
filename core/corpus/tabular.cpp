#include "corpus/tabular.h"

namespace taxo::corpus {
namespace {

Text view(const std::optional<std::string>& value) {
    return value ? Text(std::string_view(*value)) : Text();
}

// A NUL byte is valid UTF-8 and SQLite would store it, but no post text holds one, and
// C strings downstream (Qt, R, exports) would silently cut the text at it.
bool holdsNul(const std::string& value) {
    return value.find('\0') != std::string::npos;
}
bool holdsNul(const std::optional<std::string>& value) {
    return value && holdsNul(*value);
}

bool anyNul(const TabularPost& post) {
    bool nul = holdsNul(post.id) || holdsNul(post.title) || holdsNul(post.body) ||
               holdsNul(post.source) || holdsNul(post.created) || holdsNul(post.author) ||
               holdsNul(post.acceptedAnswerCreated);
    for (const auto& tag : post.tags)
        nul = nul || holdsNul(tag);
    for (const auto& answer : post.answers)
        nul = nul || holdsNul(answer.id) || holdsNul(answer.body) || holdsNul(answer.created) ||
              holdsNul(answer.author);
    for (const auto& comment : post.comments)
        nul = nul || holdsNul(comment.id) || holdsNul(comment.text) || holdsNul(comment.created) ||
              holdsNul(comment.author);
    return nul;
}

} // namespace

bool isValidUtf8(std::string_view text) {
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        std::uint32_t cp = 0;
        if ((c & 0xE0) == 0xC0) {
            length = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            length = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            length = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + length > n)
            return false;
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (next & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        static constexpr std::uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < kMinimum[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += length;
    }
    return true;
}

Status storeTabularPost(TabularContext& context, const TabularPost& post) {
    if (anyNul(post))
        return makeError("the text holds a NUL byte (0x00), which no post text does");
    if (!context.filter.matchesList(post.tags)) {
        ++context.report.skipped["no matching tag"];
        return {};
    }
    QuestionRecord q;
    q.source = post.source ? std::string_view(*post.source) : context.defaultSource;
    q.sourceId = post.id;
    q.title = post.title;
    q.body = post.body;
    q.tags = post.tags;
    q.created = view(post.created);
    q.ownerDisplayName = view(post.author);
    q.acceptedAnswerCreated = view(post.acceptedAnswerCreated);
    q.score = post.score;
    q.answerCount = static_cast<std::int64_t>(post.answers.size());
    q.commentCount = static_cast<std::int64_t>(post.comments.size());
    auto rowId = context.writer.addQuestion(q);
    if (!rowId)
        return rowId.error();
    if (!*rowId) {
        ++context.report.alreadyPresent;
        return {};
    }
    ++context.report.questions;
    for (const auto& answer : post.answers) {
        AnswerRecord record;
        record.sourceId = answer.id;
        record.body = answer.body;
        record.created = view(answer.created);
        record.ownerDisplayName = view(answer.author);
        record.score = answer.score;
        record.accepted = answer.accepted;
        auto added = context.writer.addAnswer(**rowId, record);
        if (!added)
            return added.error();
        ++context.report.answers;
    }
    for (const auto& comment : post.comments) {
        CommentRecord record;
        record.sourceId = comment.id;
        record.text = comment.text;
        record.created = view(comment.created);
        record.author = view(comment.author);
        record.score = comment.score;
        if (auto status = context.writer.addComment({**rowId, std::nullopt}, record); !status)
            return status;
        ++context.report.comments;
    }
    return {};
}

} // namespace taxo::corpus
