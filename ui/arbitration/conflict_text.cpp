#include "ui/arbitration/conflict_text.h"

#include <QCoreApplication>
#include <QStringList>

namespace taxo::ui {
namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("Arbitration", text);
}

} // namespace

QString specialDisplayName(labels::Special special) {
    switch (special) {
    case labels::Special::FalsePositive:
        return tr("False positive");
    case labels::Special::Unclear:
        return tr("Unclear");
    case labels::Special::Pending:
        return tr("Pending");
    }
    return {};
}

QString categoryPathText(taxo::sql::Database& db, codebook::CategoryId id) {
    auto path = codebook::pathOf(db, id);
    if (!path)
        return tr("(category %1 is gone)").arg(id);
    QStringList steps;
    for (const auto& step : *path)
        steps << QString::fromStdString(step);
    return steps.join(QStringLiteral(" › "));
}

QString leafListText(taxo::sql::Database& db, const std::vector<codebook::CategoryId>& ids) {
    QStringList paths;
    for (const auto id : ids)
        paths << categoryPathText(db, id);
    return paths.join(QStringLiteral("; "));
}

QString coderLabelHtml(taxo::sql::Database& db, const std::optional<labels::Label>& label) {
    if (!label)
        return QStringLiteral("<i>") + tr("not labeled yet").toHtmlEscaped() +
               QStringLiteral("</i>");
    const auto& content = label->content;
    QString html;
    if (content.special) {
        html += QStringLiteral("<p><b>") + specialDisplayName(*content.special).toHtmlEscaped() +
                QStringLiteral("</b>");
        if (content.special == labels::Special::Pending && !content.suggestion.empty())
            html +=
                QStringLiteral("<br>") +
                tr("suggests “%1”").arg(QString::fromStdString(content.suggestion)).toHtmlEscaped();
        html += QStringLiteral("</p>");
    }
    if (!content.categories.empty()) {
        html += QStringLiteral("<ul style=\"margin-left: 12px; -qt-list-indent: 0;\">");
        for (const auto id : content.categories)
            html += QStringLiteral("<li>") + categoryPathText(db, id).toHtmlEscaped() +
                    QStringLiteral("</li>");
        html += QStringLiteral("</ul>");
    }
    if (!content.note.empty())
        html += QStringLiteral("<p><i>") + tr("note:").toHtmlEscaped() + QStringLiteral("</i> ") +
                QString::fromStdString(content.note).toHtmlEscaped() + QStringLiteral("</p>");
    return html;
}

QString coderLetter(std::size_t index) {
    return QString(QChar(static_cast<char16_t>(u'A' + index)));
}

} // namespace taxo::ui
