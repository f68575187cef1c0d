#include "core/results/cooccurrence_svg.h"

#include "core/text/html_text.h"

#include <algorithm>
#include <cstdio>

namespace taxo::results {
namespace {

constexpr double kMargin = 10, kCell = 20, kFont = 9, kGap = 18;
constexpr std::size_t kMaxNameChars = 36;

std::string number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", value);
    return buffer;
}

std::size_t displayLength(const std::string& text) {
    std::size_t n = 0;
    for (const unsigned char c : text)
        if ((c & 0xC0) != 0x80)
            ++n;
    return n;
}

// A long name is cut after kMaxNameChars characters (never inside a UTF-8 sequence);
// the full path is the cell's tooltip.
std::string shortName(const std::string& name) {
    if (displayLength(name) <= kMaxNameChars)
        return name;
    std::size_t chars = 0, at = 0;
    for (; at < name.size(); ++at) {
        if ((static_cast<unsigned char>(name[at]) & 0xC0) != 0x80 && chars++ == kMaxNameChars - 1)
            break;
    }
    return name.substr(0, at) + "\xE2\x80\xA6";
}

std::string joinPath(const std::vector<std::string>& path) {
    std::string text;
    for (std::size_t i = 0; i < path.size(); ++i)
        text += (i ? " > " : "") + path[i];
    return text;
}

// White to a dark blue, linear in each channel; a share of 0 stays white.
std::string shade(double share) {
    const auto channel = [&](int light, int dark) {
        return static_cast<int>(light + (dark - light) * share + 0.5);
    };
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", channel(255, 8), channel(255, 48),
                  channel(255, 107));
    return buffer;
}

} // namespace

std::string cooccurrenceSvg(const Cooccurrence& matrix) {
    const auto& cats = matrix.results.categories;
    const double charWidth = kFont * 0.56, lineHeight = kFont * 1.4;
    std::string body;
    // At least 600 units across: printed 210 mm wide (A4's text width, as the taxonomy
    // figure), a small codebook's cells would otherwise grow past a page's scale.
    double y = kMargin, width = 600;
    for (const auto& block : matrix.roots) {
        const auto n = block.categories.size();
        std::size_t longest = 0;
        for (const auto index : block.categories)
            longest = std::max(longest, displayLength(shortName(cats[index].category.name)) +
                                            2 * static_cast<std::size_t>(cats[index].depth));
        const double labels = static_cast<double>(longest) * charWidth + 6;
        const auto& root = cats[block.root];
        body += "<text x=\"" + number(kMargin) + "\" y=\"" + number(y + kFont * 1.3) +
                "\" font-weight=\"bold\" font-size=\"" + number(kFont * 1.3) + "\">" +
                text::escapeXml(root.category.name) + " (" + std::to_string(root.count) +
                " posts)</text>\n";
        y += lineHeight * 1.5;
        // Column headers, turned upright and read from the bottom.
        const double top = y + labels;
        const double left = kMargin + labels;
        for (std::size_t j = 0; j < n; ++j) {
            const auto& c = cats[block.categories[j]];
            const double x = left + static_cast<double>(j) * kCell + kCell / 2 + kFont / 3;
            body += "<text transform=\"translate(" + number(x) + "," + number(top - 4) +
                    ") rotate(-90)\"" + (c.depth == 0 ? " font-weight=\"bold\"" : "") + ">" +
                    text::escapeXml(shortName(c.category.name)) + "</text>\n";
        }
        std::int64_t largest = 0;
        for (const auto& row : block.counts)
            for (const auto count : row)
                largest = std::max(largest, count);
        for (std::size_t i = 0; i < n; ++i) {
            const auto& rowCategory = cats[block.categories[i]];
            const double rowTop = top + static_cast<double>(i) * kCell;
            body += "<text x=\"" + number(kMargin + rowCategory.depth * 2 * charWidth) + "\" y=\"" +
                    number(rowTop + kCell / 2 + kFont / 3) + "\"" +
                    (rowCategory.depth == 0 ? " font-weight=\"bold\"" : "") + ">" +
                    text::escapeXml(shortName(rowCategory.category.name)) + "</text>\n";
            for (std::size_t j = 0; j < n; ++j) {
                const auto count = block.counts[i][j];
                const double share =
                    largest > 0 ? static_cast<double>(count) / static_cast<double>(largest) : 0.0;
                const double x = left + static_cast<double>(j) * kCell;
                body += "<rect x=\"" + number(x) + "\" y=\"" + number(rowTop) + "\" width=\"" +
                        number(kCell) + "\" height=\"" + number(kCell) + "\" fill=\"" +
                        shade(share) + "\" stroke=\"#bbb\" stroke-width=\"0.5\"><title>" +
                        text::escapeXml(joinPath(rowCategory.path) + " \xC3\x97 " +
                                        joinPath(cats[block.categories[j]].path) + ": " +
                                        std::to_string(count) + " posts") +
                        "</title></rect>\n";
                if (count > 0)
                    body += "<text x=\"" + number(x + kCell / 2) + "\" y=\"" +
                            number(rowTop + kCell / 2 + kFont / 3) +
                            "\" text-anchor=\"middle\" fill=\"" + (share > 0.55 ? "#fff" : "#111") +
                            "\">" + std::to_string(count) + "</text>\n";
            }
        }
        width = std::max(width, left + static_cast<double>(n) * kCell + kMargin);
        y = top + static_cast<double>(n) * kCell + kGap;
    }
    if (matrix.roots.empty()) {
        body += "<text x=\"" + number(kMargin) + "\" y=\"" + number(y + kFont) +
                "\">No categories yet.</text>\n";
        y += lineHeight + kGap;
    }
    const double height = y - kGap + kMargin;
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"210mm\" "
           "height=\"" +
           number(height * 210.0 / width) + "mm\" viewBox=\"0 0 " + number(width) + " " +
           number(height) + "\" font-family=\"sans-serif\" font-size=\"" + number(kFont) +
           "\" fill=\"#111\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n" + body +
           "</svg>\n";
}

} // namespace taxo::results
