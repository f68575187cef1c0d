#pragma once
// Tag lists in the encodings posts arrive in: "<a><b>" (Stack Exchange until 2023,
// after XML unescaping), "|a|b|" (Stack Exchange from 2024), and "a;b" (CSV).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taxo::corpus {

// Splits any of the three encodings; empty names and surrounding spaces are dropped.
std::vector<std::string> splitTags(std::string_view raw);
// The same names as views into `raw`, into a vector the caller reuses (the census splits
// the tags of every question of a dump).
void splitTagViews(std::string_view raw, std::vector<std::string_view>& tags);

// "Any of these tags", tested on the raw attribute before anything else is decoded,
// since most rows of a large dump are rejected here.
class TagFilter {
public:
    explicit TagFilter(const std::vector<std::string>& tags);
    bool keepsEverything() const { return angle_.empty(); }
    bool matchesRaw(std::string_view raw) const;
    // On the attribute as written in the XML file ("&lt;a&gt;&lt;b&gt;" or "|a|b|").
    // nullopt when the text holds other references, so the plain test cannot decide.
    std::optional<bool> matchesEscaped(std::string_view escaped) const;
    bool matchesList(const std::vector<std::string>& tags) const;

private:
    bool isName(std::string_view text) const;
    std::optional<bool> matchesDelimited(std::string_view text, std::string_view open,
                                         std::string_view close, bool referencesAllowed) const;

    // No name holds '<', '>', '|' or '&', so the one-pass search applies (always, for
    // real tag names).
    bool plainNames_ = true;
    std::vector<std::string> sortedNames_;
    std::vector<std::string> names_;
    std::vector<std::string> angle_;        // "<name>"
    std::vector<std::string> pipe_;         // "|name|"
    std::vector<std::string> escapedAngle_; // "&lt;name&gt;"
};

} // namespace taxo::corpus
