#include "ui/widgets/post_viewer.h"

#include "core/corpus/post_ref.h"
#include "core/text/safe_html.h"
#include "ui/support/qt_text.h"

#include <QContextMenuEvent>
#include <QDesktopServices>
#include <QEvent>
#include <QFontDatabase>
#include <QFontMetrics>
#include <QImage>
#include <QLocale>
#include <QMenu>
#include <QPainter>
#include <QScrollBar>
#include <QTextDocument>
#include <memory>
#include <vector>

namespace taxo::ui {
namespace {

QString esc(const std::string& s) {
    return QString::fromStdString(s).toHtmlEscaped();
}

// "2019-02-17T10:11:12.000" -> "2019-02-17 10:11": what a reader needs, no more.
QString shortDate(const std::string& iso) {
    QString text = toQ(iso);
    text.replace(QLatin1Char('T'), QLatin1Char(' '));
    return text.left(16);
}

QString sizeText(std::size_t bytes) {
    return QLocale().formattedDataSize(static_cast<qint64>(bytes), 1, QLocale::DataSizeSIFormat);
}

// A code block keeps its lines as written and sits in a box of its own: a one-cell table
// grows as wide as its longest line, where a block's background would stop at the
// viewer's edge. Rich text cannot scroll one block alone, so the viewer scrolls sideways.
// The sanitizer writes every <pre> bare and closes it, so the two tags are all there is.
QString boxCodeBlocks(QString html) {
    html.replace(QStringLiteral("<pre>"),
                 QStringLiteral("<table class=\"codebox\" width=\"100%\" cellspacing=\"0\" "
                                "cellpadding=\"6\"><tr><td class=\"codebox\"><pre>"));
    html.replace(QStringLiteral("</pre>"), QStringLiteral("</pre></td></tr></table>"));
    return html;
}

// Sanitized HTML of a body, with a note when it had to be cut.
QString safeBody(const std::string& html, std::size_t limit) {
    taxo::text::SafeHtmlOptions options;
    options.maxBytes = limit;
    const auto safe = taxo::text::sanitizeHtml(html, options);
    QString out = boxCodeBlocks(toQ(safe.html));
    if (safe.truncated)
        out += QStringLiteral("<p class=\"note\">") +
               PostViewer::tr("This text is %1 long; only the first %2 are shown.")
                   .arg(sizeText(html.size()), sizeText(limit))
                   .toHtmlEscaped() +
               QStringLiteral("</p>");
    if (safe.rowsLeftOut > 0)
        out += QStringLiteral("<p class=\"note\">") +
               PostViewer::tr("%1 more table rows are not shown.")
                   .arg(static_cast<qulonglong>(safe.rowsLeftOut))
                   .toHtmlEscaped() +
               QStringLiteral("</p>");
    return out;
}

QString byline(const std::string& created, const std::string& owner,
               const std::optional<std::int64_t>& score) {
    QStringList parts;
    if (!created.empty())
        parts << shortDate(created);
    if (!owner.empty())
        parts << PostViewer::tr("by %1").arg(toQ(owner));
    if (score)
        parts << PostViewer::tr("score %1").arg(*score);
    return parts.join(QStringLiteral(" · ")).toHtmlEscaped();
}

QString commentsHtml(const std::vector<taxo::corpus::Comment>& comments) {
    if (comments.empty())
        return {};
    QString out = QStringLiteral("<table class=\"comments\" width=\"100%\" cellpadding=\"3\">");
    for (const auto& comment : comments) {
        out += QStringLiteral("<tr><td class=\"comment\">") + esc(comment.text) +
               QStringLiteral(" <span class=\"meta\">— ") +
               byline(comment.created, comment.author, comment.score) +
               QStringLiteral("</span></td></tr>");
    }
    return out + QStringLiteral("</table>");
}

} // namespace

PostViewer::PostViewer(QWidget* parent) : QTextBrowser(parent) {
    setObjectName(QStringLiteral("postViewer"));
    // Links never navigate inside the viewer; a click hands them to openLink.
    setOpenLinks(false);
    setOpenExternalLinks(false);
    connect(this, &QTextBrowser::anchorClicked, this, &PostViewer::openLink);
    linkOpener_ = [](const QUrl& url) {
        QDesktopServices::openUrl(url);
    };
    applyStyle();
    showMessage(tr("Select a post to read it."));
}

void PostViewer::applyStyle() {
    // Colours from the palette, so dark themes stay readable. Code is set off from the
    // text by a shade of it, light or dark, and its box by the palette's frame colour.
    const QPalette pal = palette();
    const QString fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont).family();
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    const auto mix = [&](int a, int b) {
        return (a * 92 + b * 8) / 100;
    };
    const QColor shade(mix(base.red(), text.red()), mix(base.green(), text.green()),
                       mix(base.blue(), text.blue()));
    // Comments are read like the post, in its font size; only their colour and the line
    // above each set them apart.
    const QString css = QStringLiteral("pre { white-space: pre; margin: 0px; font-family: '%3'; }"
                                       "code { background-color: %1; font-family: '%3'; }"
                                       "pre code { background-color: transparent; }"
                                       // Not border-collapse: Qt then paints over the underscores
                                       // of every line but the last.
                                       "table.codebox { border-width: 1px; border-style: solid; "
                                       "border-color: %6; margin-top: 4px; margin-bottom: 8px; }"
                                       "td.codebox { background-color: %1; }"
                                       ".meta { color: %2; }"
                                       ".tag { background-color: %1; }"
                                       ".note { color: %2; font-style: italic; }"
                                       ".comment { color: %4; border-top: 1px solid %1; }"
                                       ".accepted { color: %5; font-weight: bold; }"
                                       "blockquote { margin-left: 12px; color: %4; }")
                            .arg(shade.name(), pal.color(QPalette::PlaceholderText).name(), fixed,
                                 pal.color(QPalette::WindowText).name(), QStringLiteral("#2e8b57"),
                                 pal.color(QPalette::Mid).name());
    document()->setDefaultStyleSheet(css);
}

void PostViewer::changeEvent(QEvent* event) {
    QTextBrowser::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyStyle();
}

void PostViewer::showMessage(const QString& message) {
    postId_ = 0;
    site_.clear();
    setHtml(QStringLiteral("<p class=\"note\">") + message.toHtmlEscaped() +
            QStringLiteral("</p>"));
}

void PostViewer::showPost(const taxo::corpus::Post& post) {
    postId_ = post.id;
    // A source named like a host is a Stack Exchange site; relative links resolve there.
    // The rule is core's, the one the quote bank's links follow.
    const std::string site = taxo::corpus::postSite(post.source);
    site_ = site.empty() ? QString() : QStringLiteral("https://") + toQ(site);

    QString html = QStringLiteral("<h2>") + esc(post.title) + QStringLiteral("</h2><p>");
    for (const auto& tag : post.tags)
        html += QStringLiteral("<span class=\"tag\">&nbsp;") + esc(tag) +
                QStringLiteral("&nbsp;</span> ");
    html += QStringLiteral("</p><p class=\"meta\">") +
            tr("Asked %1").arg(byline(post.created, post.owner, post.score));
    if (post.viewCount)
        html += QStringLiteral(" · ") + tr("%1 views").arg(*post.viewCount);
    if (!post.closedDate.empty())
        html += QStringLiteral(" · ") + tr("closed %1").arg(shortDate(post.closedDate));
    html += QStringLiteral(" · ") + tr("id %1").arg(esc(post.sourceId)) + QStringLiteral("</p>");
    html += safeBody(post.body, kQuestionLimit);
    html += commentsHtml(post.comments);

    if (post.answers.empty()) {
        html += QStringLiteral("<h3>") + tr("No answers") + QStringLiteral("</h3>");
    } else {
        // Spelled out rather than tr("%n answer(s)"): without a translation file Qt
        // would show the "(s)".
        const auto count = static_cast<qlonglong>(post.answers.size());
        QString heading = count == 1 ? tr("1 answer") : tr("%1 answers").arg(count);
        if (post.answers.front().accepted)
            heading += tr(", one accepted");
        html += QStringLiteral("<h3>") + heading + QStringLiteral("</h3>");
    }
    for (const auto& answer : post.answers) {
        html += QStringLiteral("<hr><p class=\"meta\">");
        if (answer.accepted)
            html += QStringLiteral("<span class=\"accepted\">✔ ") + tr("Accepted answer") +
                    QStringLiteral("</span> · ");
        html += byline(answer.created, answer.owner, answer.score) + QStringLiteral("</p>");
        html += safeBody(answer.body, kAnswerLimit);
        html += commentsHtml(answer.comments);
    }
    resourceRequests_.clear();
    setHtml(html);
}

QUrl PostViewer::resolveLink(const QUrl& link) const {
    QUrl url = link;
    if (url.isRelative()) {
        if (site_.isEmpty() || url.toString().startsWith(QLatin1Char('#')))
            return {};
        url = QUrl(site_ + QLatin1Char('/')).resolved(link);
    }
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https") &&
        scheme != QLatin1String("mailto"))
        return {};
    return url;
}

void PostViewer::openLink(const QUrl& link) {
    const QUrl url = resolveLink(link);
    if (!url.isValid())
        return;
    emit linkOpened(url);
    if (linkOpener_)
        linkOpener_(url);
}

QVariant PostViewer::loadResource(int type, const QUrl& name) {
    // Never QTextBrowser::loadResource: it would read local files named by the post.
    resourceRequests_.append(name);
    if (type != QTextDocument::ImageResource)
        return QVariant(QByteArray());
    // A placeholder that names the image's address, drawn rather than fetched.
    const QString text = tr("image: %1").arg(name.toString());
    QFont font = this->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    const QFontMetrics metrics(font);
    const int maxWidth = 560;
    const QString elided = metrics.elidedText(text, Qt::ElideMiddle, maxWidth - 16);
    const qreal ratio = devicePixelRatioF();
    const QSize size(metrics.horizontalAdvance(elided) + 16, metrics.height() + 12);
    QImage image(size * ratio, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(ratio);
    image.fill(palette().color(QPalette::AlternateBase));
    QPainter painter(&image);
    painter.setFont(font);
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(QRect(QPoint(0, 0), size - QSize(1, 1)));
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(QRect(QPoint(8, 0), size - QSize(16, 0)), Qt::AlignVCenter, elided);
    painter.end();
    return QVariant::fromValue(image);
}

QMenu* PostViewer::makeContextMenu(const QPoint& pos) {
    QMenu* menu = createStandardContextMenu(pos);
    if (!extraActions_.isEmpty()) {
        menu->addSeparator();
        menu->addActions(extraActions_);
    }
    return menu;
}

void PostViewer::contextMenuEvent(QContextMenuEvent* event) {
    // Qt's entries (Copy Link Location) look up the document under the mouse.
    const QPoint inDocument =
        event->pos() + QPoint(horizontalScrollBar()->value(), verticalScrollBar()->value());
    const std::unique_ptr<QMenu> menu(makeContextMenu(inDocument));
    menu->exec(event->globalPos());
}

double PostViewer::selectionPlace() const {
    const int count = document()->characterCount();
    return count > 0 ? static_cast<double>(textCursor().selectionStart()) / count : 0.0;
}

namespace {

// Text with every run of white space as one space, and for each folded character the
// document position it starts at and the one after it ends.
struct FoldedText {
    QString text;
    std::vector<int> from;
    std::vector<int> to;
};

FoldedText foldSpaces(const QString& text) {
    FoldedText folded;
    for (int i = 0; i < text.size();) {
        int end = i + 1;
        if (text.at(i).isSpace())
            while (end < text.size() && text.at(end).isSpace())
                ++end;
        folded.text += text.at(i).isSpace() ? QChar(u' ') : text.at(i);
        folded.from.push_back(i);
        folded.to.push_back(end);
        i = end;
    }
    return folded;
}

} // namespace

bool PostViewer::selectPassage(const QString& passage,
                               const std::function<bool(const QTextCursor&)>& accept) {
    // toPlainText keeps one character per document position (block and frame
    // boundaries become line breaks), so its indices are cursor positions.
    const FoldedText shown = foldSpaces(document()->toPlainText());
    const QString wanted = foldSpaces(passage).text.trimmed();
    if (wanted.isEmpty())
        return false;
    for (qsizetype at = shown.text.indexOf(wanted); at >= 0;
         at = shown.text.indexOf(wanted, at + 1)) {
        QTextCursor cursor(document());
        cursor.setPosition(shown.from[static_cast<std::size_t>(at)]);
        // The passage is trimmed, so its last character is never a run of spaces.
        cursor.setPosition(shown.to[static_cast<std::size_t>(at + wanted.size() - 1)],
                           QTextCursor::KeepAnchor);
        if (!accept(cursor))
            continue;
        setTextCursor(cursor);
        ensureCursorVisible();
        return true;
    }
    return false;
}

} // namespace taxo::ui
