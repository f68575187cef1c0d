#include "core/corpus/dump_row_filter.h"

#include "core/corpus/census.h"
#include "core/corpus/dump_reader.h"
#include "core/corpus/dump_scanner.h"

#include <charconv>
#include <cstring>

namespace taxo::corpus {
namespace {

// Only the plain digits the dumps write; anything else is left to DumpReader, which
// reports it.
std::optional<std::int64_t> plainNumber(const std::optional<std::string_view>& text) {
    if (!text || text->empty() || text->size() > 18)
        return std::nullopt;
    std::int64_t value = 0;
    const auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || ptr != text->data() + text->size())
        return std::nullopt;
    return value;
}

bool is(std::string_view name, const char* wanted, std::size_t size) {
    return std::memcmp(name.data(), wanted, size) == 0;
}

// One pass over the names, by length first: the filter runs on every row of the dump.
void take(RowKeys& keys, std::string_view name, std::string_view value) {
    switch (name.size()) {
    case 2:
        if (is(name, "Id", 2))
            keys.id = value;
        break;
    case 4:
        if (is(name, "Tags", 4))
            keys.tags = value;
        break;
    case 5:
        if (is(name, "Score", 5))
            keys.score = value;
        break;
    case 6:
        if (is(name, "PostId", 6))
            keys.postId = value;
        break;
    case 8:
        if (is(name, "ParentId", 8))
            keys.parentId = value;
        break;
    case 10:
        if (is(name, "PostTypeId", 10))
            keys.postTypeId = value;
        break;
    case 11:
        if (is(name, "OwnerUserId", 11))
            keys.ownerUserId = value;
        break;
    case 12:
        if (is(name, "CreationDate", 12))
            keys.creationDate = value;
        break;
    case 16:
        if (is(name, "AcceptedAnswerId", 16))
            keys.acceptedAnswerId = value;
        break;
    default:
        break;
    }
}

} // namespace

RowKeys RowKeys::of(std::span<const RowAttribute> attributes) {
    RowKeys keys;
    for (const RowAttribute& attribute : attributes)
        take(keys, attribute.name, attribute.raw);
    return keys;
}

RowKeys RowKeys::of(const RawRow& row) {
    RowKeys keys;
    for (std::size_t i = 0; i < row.count; ++i)
        take(keys, row.attributes[i].name, row.attributes[i].value);
    return keys;
}

bool DumpRowFilter::skipPost(const RowKeys& row) {
    if (passAllPosts_)
        return false;
    const auto id = plainNumber(row.id);
    const auto type = plainNumber(row.postTypeId);
    if (!id || !type) {
        passAllPosts_ = true;
        return false;
    }
    if (isWatermarkId(*id))
        return false;
    if (*type == 1) {
        seenQuestions_.insert(*id);
        // A question is passed on unless its tags surely miss: DumpReader judges the rest.
        const auto matches = tags_.keepsEverything() ? std::optional<bool>(true)
                                                     : tags_.matchesEscaped(row.tags.value_or(""));
        if (matches && !*matches) {
            if (census_)
                census_->addRawPost(row, 1);
            skip("no matching tag");
            return true;
        }
        passedQuestions_.insert(*id);
        return false;
    }
    if (*type == 2) {
        // DumpReader reads ParentId and Score before it skips an answer, and refuses the
        // row when either is not a whole number: such a row goes on for it to refuse.
        const auto parent = plainNumber(row.parentId);
        if (!parent || (row.score && !plainNumber(row.score)) ||
            passedQuestions_.contains(*parent) || !seenQuestions_.contains(*parent))
            return false;
        if (census_)
            census_->addRawPost(row, 2);
        skip("answer to a question not kept");
        return true;
    }
    skip("not a question or answer");
    return true;
}

bool DumpRowFilter::skipComment(const RowKeys& row) {
    const auto id = plainNumber(row.id);
    const auto postId = plainNumber(row.postId);
    if (!id || !postId || reader_.keepsPost(*postId))
        return false;
    skip("comment on a post not kept");
    return true;
}

bool DumpRowFilter::skipUser(const RowKeys& row) {
    const auto id = plainNumber(row.id);
    if (!id || reader_.needsUser(*id))
        return false;
    ++counts_.rowsRead;
    return true;
}

} // namespace taxo::corpus
