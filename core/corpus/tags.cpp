#include "corpus/tags.h"

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

std::vector<std::string> splitTags(std::string_view raw) {
    std::vector<std::string> tags;
    auto add = [&](std::string_view name) {
        name = trim(name);
        if (!name.empty() && std::find(tags.begin(), tags.end(), name) == tags.end())
            tags.emplace_back(name);
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
        return tags;
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
    return tags;
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
    }
}

bool TagFilter::matchesRaw(std::string_view raw) const {
    if (keepsEverything())
        return true;
    for (std::size_t i = 0; i < angle_.size(); ++i)
        if (raw.find(angle_[i]) != std::string_view::npos ||
            raw.find(pipe_[i]) != std::string_view::npos)
            return true;
    return false;
}

std::optional<bool> TagFilter::matchesEscaped(std::string_view escaped) const {
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
