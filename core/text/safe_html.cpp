#include "core/text/safe_html.h"

#include "core/text/html_text.h"

#include <algorithm>
#include <iterator>
#include <vector>

namespace taxo::text {
namespace {

constexpr std::string_view kAllowed[] = {
    "a",    "abbr",  "b",     "blockquote", "br",     "caption", "code", "dd",    "del",   "div",
    "dl",   "dt",    "em",    "h1",         "h2",     "h3",      "h4",   "h5",    "h6",    "hr",
    "i",    "img",   "ins",   "kbd",        "li",     "ol",      "p",    "pre",   "q",     "s",
    "samp", "small", "span",  "strike",     "strong", "sub",     "sup",  "table", "tbody", "td",
    "th",   "thead", "tfoot", "tr",         "tt",     "u",       "ul"};
// Dropped together with everything inside them.
constexpr std::string_view kDropWithContent[] = {
    "script", "style", "iframe", "object", "embed",    "noscript", "template",
    "svg",    "math",  "head",   "title",  "textarea", "select",   "frameset"};
constexpr std::string_view kVoid[] = {"br", "hr", "img"};

template <std::size_t N> bool contains(const std::string_view (&list)[N], std::string_view name) {
    return std::find(std::begin(list), std::end(list), name) != std::end(list);
}

bool allowed(std::string_view name) {
    return contains(kAllowed, name);
}

bool isAsciiAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowerCopy(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = lower(c);
    return out;
}

// A link keeps its target only when following it cannot run anything or read
// local files: web and mail addresses, and addresses relative to the site.
bool safeHref(std::string_view value) {
    std::string trimmed;
    for (char c : value)
        if (!isSpace(c) && static_cast<unsigned char>(c) >= 0x20)
            trimmed += lower(c);
    const std::size_t colon = trimmed.find(':');
    const std::size_t slash = trimmed.find_first_of("/?#");
    if (colon == std::string::npos || (slash != std::string::npos && slash < colon))
        return true; // no scheme: relative
    const std::string scheme = trimmed.substr(0, colon);
    return scheme == "http" || scheme == "https" || scheme == "mailto";
}

struct Tag {
    std::string name; // lower case
    bool closing = false;
    bool selfClosing = false;
    std::vector<std::pair<std::string, std::string>> attributes; // name lower case, value decoded
    std::size_t end = 0;                                         // index after '>'
};

// Parses the tag starting at html[pos] == '<'. Returns false when what follows
// is not a tag, in which case the '<' is text.
bool parseTag(std::string_view html, std::size_t pos, Tag& tag) {
    std::size_t i = pos + 1;
    if (i < html.size() && html[i] == '/') {
        tag.closing = true;
        ++i;
    }
    if (i >= html.size() || !isAsciiAlpha(html[i]))
        return false;
    const std::size_t nameStart = i;
    while (i < html.size() && !isSpace(html[i]) && html[i] != '>' && html[i] != '/')
        ++i;
    tag.name = lowerCopy(html.substr(nameStart, i - nameStart));
    while (i < html.size()) {
        while (i < html.size() && isSpace(html[i]))
            ++i;
        if (i >= html.size())
            return false;
        if (html[i] == '>') {
            tag.end = i + 1;
            return true;
        }
        if (html[i] == '/') {
            tag.selfClosing = true;
            ++i;
            continue;
        }
        const std::size_t attrStart = i;
        while (i < html.size() && !isSpace(html[i]) && html[i] != '>' && html[i] != '=' &&
               html[i] != '/')
            ++i;
        std::string attrName = lowerCopy(html.substr(attrStart, i - attrStart));
        if (attrName.empty()) { // a stray '=' or quote: skip it
            ++i;
            continue;
        }
        while (i < html.size() && isSpace(html[i]))
            ++i;
        std::string value;
        if (i < html.size() && html[i] == '=') {
            ++i;
            while (i < html.size() && isSpace(html[i]))
                ++i;
            if (i < html.size() && (html[i] == '"' || html[i] == '\'')) {
                const char quote = html[i];
                const std::size_t close = html.find(quote, i + 1);
                if (close == std::string_view::npos)
                    return false;
                value = decodeEntities(html.substr(i + 1, close - i - 1));
                i = close + 1;
            } else {
                const std::size_t valueStart = i;
                while (i < html.size() && !isSpace(html[i]) && html[i] != '>')
                    ++i;
                value = decodeEntities(html.substr(valueStart, i - valueStart));
            }
        }
        tag.attributes.emplace_back(std::move(attrName), std::move(value));
    }
    return false;
}

std::string renderTag(const Tag& tag) {
    std::string out = "<" + tag.name;
    for (const auto& [name, value] : tag.attributes) {
        bool keep = false;
        if (tag.name == "a")
            keep = (name == "href" && safeHref(value)) || name == "title";
        else if (tag.name == "img")
            keep = name == "src" || name == "alt" || name == "title";
        if (keep)
            out += " " + name + "=\"" + escapeXml(value) + "\"";
    }
    out += ">";
    return out;
}

class Sanitizer {
public:
    explicit Sanitizer(const SafeHtmlOptions& options)
        : maxBytes_(options.maxBytes), maxTableRows_(options.maxTableRows) {}

    SafeHtml run(std::string_view html) {
        std::size_t i = 0;
        while (i < html.size() && !full()) {
            const std::size_t lt = html.find('<', i);
            const std::size_t textEnd = lt == std::string_view::npos ? html.size() : lt;
            if (textEnd > i)
                text(html.substr(i, textEnd - i));
            if (lt == std::string_view::npos || full())
                break;
            i = markup(html, lt);
        }
        while (!open_.empty())
            closeLast();
        return {std::move(out_), truncated_, rowsLeftOut_};
    }

private:
    bool full() const { return truncated_; }

    // Copies text, cutting it at the size limit on a character boundary and never
    // inside an entity, so the output stays valid UTF-8 and valid HTML.
    void text(std::string_view chunk) {
        if (maxBytes_ != 0 && out_.size() + chunk.size() > maxBytes_) {
            std::size_t keep = maxBytes_ > out_.size() ? maxBytes_ - out_.size() : 0;
            while (keep > 0 && (static_cast<unsigned char>(chunk[keep]) & 0xC0) == 0x80)
                --keep;
            const std::size_t amp = chunk.rfind('&', keep == 0 ? 0 : keep - 1);
            // Entities are short; an '&' further back is a plain ampersand.
            if (amp != std::string_view::npos && keep - amp < 12 && chunk.find(';', amp) >= keep)
                keep = amp;
            out_.append(chunk.substr(0, keep));
            truncated_ = true;
            return;
        }
        out_.append(chunk);
    }

    // Handles the markup at html[lt] == '<' and returns where the text goes on.
    std::size_t markup(std::string_view html, std::size_t lt) {
        if (html.substr(lt, 4) == "<!--") {
            const std::size_t close = html.find("-->", lt + 4);
            return close == std::string_view::npos ? html.size() : close + 3;
        }
        if (lt + 1 < html.size() && (html[lt + 1] == '!' || html[lt + 1] == '?')) {
            const std::size_t close = html.find('>', lt);
            return close == std::string_view::npos ? html.size() : close + 1;
        }
        Tag tag;
        if (!parseTag(html, lt, tag)) {
            text("&lt;");
            return lt + 1;
        }
        if (!tag.closing && contains(kDropWithContent, tag.name)) {
            if (tag.selfClosing)
                return tag.end;
            return skipElement(html, tag);
        }
        if (!allowed(tag.name))
            return tag.end; // unknown element: its content stays, the tag goes
        if (tag.closing) {
            const auto found = std::find(open_.rbegin(), open_.rend(), tag.name);
            if (found != open_.rend()) {
                const std::size_t keep = static_cast<std::size_t>(open_.rend() - found) - 1;
                while (open_.size() > keep)
                    closeLast();
            }
            return tag.end;
        }
        if (tag.name == "tr" && !tableRows_.empty() && maxTableRows_ != 0 &&
            ++tableRows_.back() > maxTableRows_) {
            ++rowsLeftOut_;
            return tag.selfClosing ? tag.end : skipElement(html, tag);
        }
        out_ += renderTag(tag);
        if (!contains(kVoid, tag.name) && !tag.selfClosing) {
            open_.push_back(tag.name);
            if (tag.name == "table")
                tableRows_.push_back(0);
        }
        return tag.end;
    }

    void closeLast() {
        if (open_.back() == "table" && !tableRows_.empty())
            tableRows_.pop_back();
        out_ += "</" + open_.back() + ">";
        open_.pop_back();
    }

    static std::size_t skipElement(std::string_view html, const Tag& tag) {
        // Case-insensitive search for the matching end tag.
        const std::string closing = "</" + tag.name;
        for (std::size_t i = tag.end; i + closing.size() <= html.size(); ++i) {
            if (html[i] != '<')
                continue;
            bool same = true;
            for (std::size_t k = 0; k < closing.size() && same; ++k)
                same = lower(html[i + k]) == closing[k];
            if (same) {
                const std::size_t close = html.find('>', i);
                return close == std::string_view::npos ? html.size() : close + 1;
            }
        }
        return html.size();
    }

    std::size_t maxBytes_;
    std::size_t maxTableRows_;
    std::size_t rowsLeftOut_ = 0;
    std::vector<std::size_t> tableRows_; // rows so far in each open table
    std::string out_;
    std::vector<std::string> open_;
    bool truncated_ = false;
};

} // namespace

SafeHtml sanitizeHtml(std::string_view html, const SafeHtmlOptions& options) {
    return Sanitizer(options).run(html);
}

} // namespace taxo::text
