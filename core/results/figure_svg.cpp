#include "core/results/figure_svg.h"

#include "core/text/html_text.h"

#include <algorithm>
#include <cstdio>

namespace taxo::results {
namespace {

std::size_t displayLength(const std::string& text) {
    std::size_t n = 0;
    for (const unsigned char c : text)
        if ((c & 0xC0) != 0x80)
            ++n;
    return n;
}

std::string number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", value);
    return buffer;
}

std::string label(const CategoryResult& c) {
    return c.category.name + (c.addedInArbitration ? "*" : "") + " (" + formatPercent(c) + "%)";
}

struct Box {
    std::vector<std::string> header;              // wrapped inner name
    std::vector<std::vector<std::string>> leaves; // wrapped, one list per leaf
    double height = 0;
};

} // namespace

std::vector<std::string> wrapText(const std::string& text, std::size_t maxChars) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find(' ', start);
        if (end == std::string::npos)
            end = text.size();
        const std::string word = text.substr(start, end - start);
        if (!word.empty()) {
            if (line.empty())
                line = word;
            else if (displayLength(line) + 1 + displayLength(word) <= maxChars)
                line += " " + word;
            else {
                lines.push_back(line);
                line = word;
            }
        }
        start = end + 1;
    }
    if (!line.empty() || lines.empty())
        lines.push_back(line);
    return lines;
}

std::string figureSvg(const TaxonomyResults& results, const FigureOptions& options) {
    const double margin = 10, gap = 8, pad = 6;
    const double font = options.fontSize, lineHeight = font * 1.3;
    const int columns = std::max(1, options.columns);
    const double boxWidth = (options.width - 2 * margin - 2 * pad - (columns - 1) * gap) / columns;
    // An average sans-serif glyph is a little over half the font size wide.
    const auto maxChars = static_cast<std::size_t>((boxWidth - 2 * pad) / (font * 0.56));
    const auto& cats = results.categories;

    std::string body;
    double y = margin;
    for (std::size_t r = 0; r < cats.size(); ++r) {
        if (cats[r].parentIndex)
            continue;
        // The panel's title: the root, its covered posts.
        const double panelTop = y;
        y += lineHeight + pad;
        std::string panel = "<text x=\"" + number(margin + pad) + "\" y=\"" + number(y - pad / 2) +
                            "\" font-weight=\"bold\" font-size=\"" + number(font * 1.25) + "\">" +
                            text::escapeXml(cats[r].category.name) + " (" +
                            std::to_string(cats[r].count) + " posts)</text>\n";
        y += pad;
        std::vector<Box> boxes;
        for (std::size_t i = r + 1; i < cats.size() && cats[i].depth > 0; ++i) {
            if (cats[i].parentIndex != r)
                continue;
            Box box;
            box.header = wrapText(label(cats[i]), maxChars);
            for (std::size_t j = i + 1; j < cats.size() && cats[j].depth > 1; ++j)
                if (cats[j].parentIndex == i)
                    box.leaves.push_back(wrapText("\xE2\x80\xA2 " + label(cats[j]), maxChars));
            std::size_t lines = box.header.size();
            for (const auto& leaf : box.leaves)
                lines += leaf.size();
            box.height = 2 * pad + lines * lineHeight + (box.leaves.empty() ? 0 : pad);
            boxes.push_back(std::move(box));
        }
        for (std::size_t start = 0; start < boxes.size(); start += columns) {
            double rowHeight = 0;
            for (std::size_t k = start; k < boxes.size() && k < start + columns; ++k)
                rowHeight = std::max(rowHeight, boxes[k].height);
            for (std::size_t k = start; k < boxes.size() && k < start + columns; ++k) {
                const double x = margin + pad + static_cast<double>(k - start) * (boxWidth + gap);
                const double w = boxWidth;
                panel += "<rect x=\"" + number(x) + "\" y=\"" + number(y) + "\" width=\"" +
                         number(w) + "\" height=\"" + number(rowHeight) +
                         "\" rx=\"3\" fill=\"#f2f5fa\" stroke=\"#4a5a75\" stroke-width=\"0.8\"/>\n";
                double ty = y + pad + font;
                for (const auto& line : boxes[k].header) {
                    panel += "<text x=\"" + number(x + pad) + "\" y=\"" + number(ty) +
                             "\" font-weight=\"bold\">" + text::escapeXml(line) + "</text>\n";
                    ty += lineHeight;
                }
                if (!boxes[k].leaves.empty()) {
                    panel += "<line x1=\"" + number(x) + "\" x2=\"" + number(x + w) + "\" y1=\"" +
                             number(ty - font + pad / 2) + "\" y2=\"" +
                             number(ty - font + pad / 2) +
                             "\" stroke=\"#4a5a75\" stroke-width=\"0.5\"/>\n";
                    ty += pad;
                }
                for (const auto& leaf : boxes[k].leaves)
                    for (std::size_t l = 0; l < leaf.size(); ++l) {
                        panel += "<text x=\"" + number(x + pad + (l ? font * 0.8 : 0)) + "\" y=\"" +
                                 number(ty) + "\">" + text::escapeXml(leaf[l]) + "</text>\n";
                        ty += lineHeight;
                    }
            }
            y += rowHeight + gap;
        }
        // The frame goes first so that the boxes and text are drawn over it.
        body += "<rect x=\"" + number(margin) + "\" y=\"" + number(panelTop) + "\" width=\"" +
                number(options.width - 2 * margin) + "\" height=\"" + number(y - panelTop) +
                "\" fill=\"none\" stroke=\"#222\" stroke-width=\"1\"/>\n" + panel;
        y += gap;
    }
    bool anyArbitration = false;
    for (const auto& c : cats)
        anyArbitration = anyArbitration || c.addedInArbitration;
    if (anyArbitration) {
        body += "<text x=\"" + number(margin) + "\" y=\"" + number(y + font) +
                "\" font-style=\"italic\">* added during arbitration</text>\n";
        y += lineHeight + gap;
    }
    const double height = y + margin - gap;
    std::string svg =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"210mm\" "
        "height=\"" +
        number(height * 210.0 / options.width) + "mm\" viewBox=\"0 0 " + number(options.width) +
        " " + number(height) + "\" font-family=\"sans-serif\" font-size=\"" + number(font) +
        "\" fill=\"#111\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n" + body;
    svg += "</svg>\n";
    return svg;
}

} // namespace taxo::results
