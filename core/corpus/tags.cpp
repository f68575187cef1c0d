#include "core/corpus/tags.h"

#include <algorithm>

namespace taxo::corpus {
namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

std::string lowerAscii(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

} // namespace

void splitTagViews(std::string_view raw, std::vector<std::string_view>& tags) {
    tags.clear();
    auto add = [&](std::string_view name) {
        name = trim(name);
        if (!name.empty() && std::find(tags.begin(), tags.end(), name) == tags.end())
            tags.push_back(name);
    };
    raw = trim(raw);
    if (!raw.empty() && raw.front() == '<') {
        std::size_t pos = 0;
        while (pos < raw.size()) {
            const auto open = raw.find('<', pos);
            if (open == std::string_view::npos)
                break;
            const auto close = raw.find('>', open + 1);
            if (close == std::string_view::npos) {
                add(raw.substr(open + 1));
                break;
            }
            add(raw.substr(open + 1, close - open - 1));
            pos = close + 1;
        }
        return;
    }
    const char separator = (!raw.empty() && raw.front() == '|') ? '|' : ';';
    std::size_t start = 0;
    while (start <= raw.size()) {
        const auto end = raw.find(separator, start);
        add(raw.substr(start,
                       end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos)
            break;
        start = end + 1;
    }
}

std::vector<std::string> splitTags(std::string_view raw) {
    std::vector<std::string_view> views;
    splitTagViews(raw, views);
    return {views.begin(), views.end()};
}

TagFilter::TagFilter(const std::vector<std::string>& tags) {
    for (const auto& tag : tags) {
        const auto name = lowerAscii(trim(tag));
        if (name.empty())
            continue;
        names_.push_back(name);
        angle_.push_back("<" + name + ">");
        pipe_.push_back("|" + name + "|");
        escapedAngle_.push_back("&lt;" + name + "&gt;");
        plainNames_ = plainNames_ && name.find_first_of("<>|&") == std::string::npos;
    }
    sortedNames_ = names_;
    std::sort(sortedNames_.begin(), sortedNames_.end());
}

bool TagFilter::isName(std::string_view text) const {
    const auto at = std::lower_bound(sortedNames_.begin(), sortedNames_.end(), text,
                                     [](const std::string& name, std::string_view wanted) {
                                         return std::string_view(name) < wanted;
                                     });
    return at != sortedNames_.end() && *at == text;
}

// One pass over the text: the segment between each opening mark and the next closing
// mark, and between each two pipes, is looked up. With names free of those marks this is
// the same as searching the text for "<name>" and "|name|" for every name, which took a
// tenth of the whole import's time on a dump with eleven tags to look for.
std::optional<bool> TagFilter::matchesDelimited(std::string_view text, std::string_view open,
                                                std::string_view close,
                                                bool referencesAllowed) const {
    constexpr auto none = std::string_view::npos;
    bool found = false;
    std::size_t afterOpen = none, afterPipe = none;
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        // The first byte before the whole mark: this loop runs over the tags of every row.
        if (c == open[0] && text.compare(i, open.size(), open) == 0) {
            afterOpen = i + open.size();
            i = afterOpen;
        } else if (c == close[0] && text.compare(i, close.size(), close) == 0) {
            if (afterOpen != none && !found)
                found = isName(text.substr(afterOpen, i - afterOpen));
            afterOpen = none;
            i += close.size();
        } else if (c == '&' && !referencesAllowed) {
            return std::nullopt; // a reference other than the two marks: decode first
        } else {
            if (c == '|') {
                if (afterPipe != none && !found)
                    found = isName(text.substr(afterPipe, i - afterPipe));
                afterPipe = i + 1;
            }
            ++i;
        }
    }
    return found;
}

bool TagFilter::matchesRaw(std::string_view raw) const {
    if (keepsEverything())
        return true;
    if (plainNames_)
        return *matchesDelimited(raw, "<", ">", true);
    for (std::size_t i = 0; i < angle_.size(); ++i)
        if (raw.find(angle_[i]) != std::string_view::npos ||
            raw.find(pipe_[i]) != std::string_view::npos)
            return true;
    return false;
}

std::optional<bool> TagFilter::matchesEscaped(std::string_view escaped) const {
    if (plainNames_ && !keepsEverything())
        return matchesDelimited(escaped, "&lt;", "&gt;", false);
    for (auto at = escaped.find('&'); at != std::string_view::npos;
         at = escaped.find('&', at + 1)) {
        const auto rest = escaped.substr(at);
        if (rest.substr(0, 4) != "&lt;" && rest.substr(0, 4) != "&gt;")
            return std::nullopt;
    }
    if (keepsEverything())
        return true;
    for (std::size_t i = 0; i < angle_.size(); ++i)
        if (escaped.find(escapedAngle_[i]) != std::string_view::npos ||
            escaped.find(pipe_[i]) != std::string_view::npos)
            return true;
    return false;
}

bool TagFilter::matchesList(const std::vector<std::string>& tags) const {
    if (keepsEverything())
        return true;
    for (const auto& tag : tags) {
        const auto lowered = lowerAscii(tag);
        if (std::find(names_.begin(), names_.end(), lowered) != names_.end())
            return true;
    }
    return false;
}

} // namespace taxo::corpus
