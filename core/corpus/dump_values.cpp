// The cold and the hottest parts of reading a dump value: the word-at-a-time search for
// the next byte that needs a look, and the decoding done only for the rows a caller keeps.

#include "core/corpus/dump_scanner.h"
#include "core/util/char_reference.h"

#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace taxo::corpus {

namespace {

unsigned char byteAt(const char* p) {
    return static_cast<unsigned char>(*p);
}

constexpr std::uint32_t word4(const char (&text)[5]) {
    // The bytes as memcpy puts them in a uint32_t: compared, never interpreted.
    return std::endian::native == std::endian::little
               ? static_cast<std::uint32_t>(static_cast<unsigned char>(text[0])) |
                     static_cast<std::uint32_t>(static_cast<unsigned char>(text[1])) << 8 |
                     static_cast<std::uint32_t>(static_cast<unsigned char>(text[2])) << 16 |
                     static_cast<std::uint32_t>(static_cast<unsigned char>(text[3])) << 24
               : static_cast<std::uint32_t>(static_cast<unsigned char>(text[3])) |
                     static_cast<std::uint32_t>(static_cast<unsigned char>(text[2])) << 8 |
                     static_cast<std::uint32_t>(static_cast<unsigned char>(text[1])) << 16 |
                     static_cast<std::uint32_t>(static_cast<unsigned char>(text[0])) << 24;
}
constexpr std::uint32_t kLtWord = word4("&lt;"), kGtWord = word4("&gt;"), kAmpWord = word4("&amp"),
                        kQuotWord = word4("&quo"), kNewlineWord = word4("&#xA");

void appendUtf8(std::string& out, std::uint32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

} // namespace

namespace detail {

const char* findSpecialBytewise(const char* p, const char* end, char quote) {
    for (; p < end; ++p) {
        const unsigned char c = byteAt(p);
        if (c == static_cast<unsigned char>(quote) || c == '&' || c == '<' || c < 0x20 || c > 0x7F)
            return p;
    }
    return end;
}

// Eight bytes at a time: each test flags a byte by its high bit. Borrows can only set
// false flags *above* a true one, so the lowest flag is always exact.
const char* findSpecialWords(const char* p, const char* end, char quote) {
    if constexpr (std::endian::native == std::endian::little) {
        constexpr std::uint64_t ones = 0x0101010101010101ull;
        constexpr std::uint64_t high = 0x8080808080808080ull;
        const std::uint64_t quotes = ones * static_cast<unsigned char>(quote);
        const std::uint64_t amps = ones * static_cast<unsigned char>('&');
        const std::uint64_t lts = ones * static_cast<unsigned char>('<');
        const std::uint64_t controls = ones * 0x20;
        while (end - p >= 8) {
            std::uint64_t v;
            std::memcpy(&v, p, 8);
            const std::uint64_t q = v ^ quotes, a = v ^ amps, l = v ^ lts;
            const std::uint64_t flags =
                (((q - ones) & ~q) | ((a - ones) & ~a) | ((l - ones) & ~l) | (v - controls) | v) &
                high;
            if (flags)
                return p + (std::countr_zero(flags) >> 3);
            p += 8;
        }
    }
    return findSpecialBytewise(p, end, quote);
}

namespace {

// The references bodies are made of, recognised without the general parser: the length
// of the one starting at s (s[0] == '&', at least 6 bytes in view), else 0.
std::size_t commonReferenceLength(const char* s) {
    std::uint32_t word;
    std::memcpy(&word, s, 4);
    if (word == kLtWord || word == kGtWord)
        return 4;
    if ((word == kAmpWord || word == kNewlineWord) && s[4] == ';')
        return 5;
    if (word == kQuotWord && s[4] == 't' && s[5] == ';')
        return 6;
    return 0;
}

} // namespace

template <const char* (*findSpecialWith)(const char*, const char*, char)>
const char* skipReferences(const char* p, const char* end, char quote, bool& references) {
    while (true) {
        p = findSpecialWith(p, end, quote);
        if (p == end || *p != '&' || end - p < 6)
            return p;
        const std::size_t length = commonReferenceLength(p);
        if (length == 0)
            return p;
        references = true;
        p += length;
    }
}

const char* skipPlainValueBytewise(const char* p, const char* end, char quote, bool& references) {
    return skipReferences<findSpecialBytewise>(p, end, quote, references);
}

// Sixteen bytes at a time where SSE2 exists (every x86-64): a signed compare with 0x20
// catches the control characters and every byte above 0x7F in one go. Every reference
// inside those sixteen bytes is passed with the mask still in hand: HTML bodies have a reference
// every thirty bytes or so, and a return to the caller for each of them was most of the scanner's
// time.
const char* skipPlainValue(const char* p, const char* end, char quote, bool& references) {
#if defined(__SSE2__)
    const __m128i quotes = _mm_set1_epi8(quote);
    const __m128i amps = _mm_set1_epi8('&');
    const __m128i lts = _mm_set1_epi8('<');
    const __m128i controls = _mm_set1_epi8(0x20);
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i hits =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quotes), _mm_cmpeq_epi8(v, amps)),
                         _mm_or_si128(_mm_cmpeq_epi8(v, lts), _mm_cmplt_epi8(v, controls)));
        unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hits));
        std::size_t advance = 16;
        while (mask) {
            const auto at = static_cast<std::size_t>(std::countr_zero(mask));
            const char* s = p + at;
            if (*s != '&' || end - s < 6)
                return s;
            const std::size_t length = commonReferenceLength(s);
            if (length == 0)
                return s;
            references = true;
            const std::size_t next = at + length;
            if (next >= 16) {
                advance = next;
                break;
            }
            mask &= ~0U << next;
        }
        p += advance;
    }
#endif
    return skipReferences<findSpecialWords>(p, end, quote, references);
}

} // namespace detail

namespace {

// The next '&' or control character (TAB, CR, LF: the only ones a validated value holds)
// in [p, end), or end. Not find_first_of, which looks each byte up in the set with a call
// of its own.
const char* findDecodeStop(const char* p, const char* end) {
#if defined(__SSE2__)
    const __m128i amps = _mm_set1_epi8('&');
    const __m128i lastControl = _mm_set1_epi8(0x1F);
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        // Unsigned v <= 0x1F: the maximum of the two is 0x1F.
        const __m128i controls = _mm_cmpeq_epi8(_mm_max_epu8(v, lastControl), lastControl);
        const unsigned mask = static_cast<unsigned>(
            _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, amps), controls)));
        if (mask)
            return p + std::countr_zero(mask);
        p += 16;
    }
#endif
    while (p < end && *p != '&' && static_cast<unsigned char>(*p) >= 0x20)
        ++p;
    return p;
}

} // namespace

void decodeAttributeValue(std::string_view raw, std::string& out) {
    out.clear();
    out.reserve(raw.size());
    std::size_t i = 0;
    while (i < raw.size()) {
        const char c = raw[i];
        if (c == '&') {
            const std::size_t semicolon = raw.find(';', i);
            const std::string_view ref = raw.substr(i + 1, semicolon - i - 1);
            if (!ref.empty() && ref[0] == '#') {
                std::uint32_t value = 0;
                const bool hex = ref.size() > 1 && ref[1] == 'x';
                // The scanner validated the reference: every digit counts, the value is
                // at most 0x10FFFF.
                for (std::size_t k = hex ? 2 : 1; k < ref.size(); ++k)
                    value =
                        util::appendReferenceDigit(value, util::referenceDigit(ref[k], hex), hex);
                appendUtf8(out, value);
            } else if (ref == "lt") {
                out += '<';
            } else if (ref == "gt") {
                out += '>';
            } else if (ref == "amp") {
                out += '&';
            } else if (ref == "quot") {
                out += '"';
            } else {
                out += '\''; // "apos", the only other name the scanner lets through
            }
            i = semicolon + 1;
        } else if (c == '\r') {
            // End-of-line handling turns CR LF into one LF before attribute normalisation.
            out += ' ';
            i += (i + 1 < raw.size() && raw[i + 1] == '\n') ? 2 : 1;
        } else if (c == '\t' || c == '\n') {
            out += ' ';
            ++i;
        } else {
            // At least the byte at i: a control character other than TAB, CR and LF never
            // passes the scanner, but a caller's raw text might hold one.
            const char* stop = findDecodeStop(raw.data() + i + 1, raw.data() + raw.size());
            out.append(raw.data() + i, stop);
            i = static_cast<std::size_t>(stop - raw.data());
        }
    }
}

std::string_view RowView::decoded(const RowAttribute& attribute, std::string& scratch) {
    if (attribute.plain)
        return attribute.raw;
    decodeAttributeValue(attribute.raw, scratch);
    return scratch;
}

std::string RowView::decoded(std::string_view name) const {
    const RowAttribute* attribute = find(name);
    if (!attribute)
        return {};
    std::string out;
    return std::string(decoded(*attribute, out));
}

} // namespace taxo::corpus
