#include "ui/app/help_window.h"

#include "ui/session/page.h"

#include <QAbstractButton>
#include <QAction>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMap>
#include <QSplitter>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace taxo::ui {
namespace {

const QString kDocsRoot = QStringLiteral(":/docs/");
const QString kShortcutsTopic = QStringLiteral("shortcuts");

// The guides first, in the order a new user needs them; then every other document.
const QStringList kLeadingTopics = {
    QStringLiteral("README.md"),         QStringLiteral("guide-lead.md"),
    QStringLiteral("guide-coder.md"),    QStringLiteral("guide-arbitrator.md"),
    QStringLiteral("method.md"),         QStringLiteral("home-and-demo.md"),
    QStringLiteral("formats-import.md"), QStringLiteral("rules.md"),
    QStringLiteral("statistics.md"),     QStringLiteral("sampling.md"),
    QStringLiteral("codebook.md"),       QStringLiteral("agreement.md"),
    QStringLiteral("arbitration.md"),    QStringLiteral("results.md"),
    QStringLiteral("packages.md"),       QStringLiteral("cli.md")};

// The first heading of a guide, without its "# ".
QString headingOf(const QString& fileName) {
    QFile file(kDocsRoot + fileName);
    if (!file.open(QIODevice::ReadOnly))
        return fileName;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.startsWith(QStringLiteral("# ")))
            return line.mid(2).remove(QLatin1Char('`'));
    }
    return fileName;
}

// The text of the control a shortcut belongs to, without its mnemonic marker.
QString plainName(QString text) {
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    return text;
}

// The page a control sits on, by its navigation title, or "Everywhere".
QString placeOf(const QObject* object) {
    for (const QObject* at = object; at; at = at->parent())
        if (const auto* page = qobject_cast<const Page*>(at))
            return page->title();
    return HelpWindow::tr("Everywhere");
}

} // namespace

HelpWindow::HelpWindow(QWidget* shortcutsOf, QWidget* parent)
    : QWidget(parent, Qt::Window), shortcutsOf_(shortcutsOf), contents_(new QListWidget(this)),
      browser_(new QTextBrowser(this)), status_(new QLabel(this)) {
    setObjectName(QStringLiteral("helpWindow"));
    setWindowTitle(tr("Taxonomist Help"));
    contents_->setObjectName(QStringLiteral("helpContents"));
    browser_->setObjectName(QStringLiteral("helpBrowser"));
    // Links between guides stay in the window; a web address opens in the browser;
    // a link to a file outside the guides (the source tree's CONTRIBUTING.md) is named
    // instead of leaving an empty page.
    browser_->setOpenLinks(false);
    connect(browser_, &QTextBrowser::anchorClicked, this, [this](const QUrl& link) {
        if (link.scheme() == QStringLiteral("http") || link.scheme() == QStringLiteral("https")) {
            QDesktopServices::openUrl(link);
            return;
        }
        const QUrl target = browser_->source().resolved(link);
        const QString file = QFileInfo(target.path()).fileName();
        if (target.path().startsWith(kDocsRoot.mid(1)) && showTopic(file)) {
            if (!link.fragment().isEmpty())
                browser_->scrollToAnchor(link.fragment());
            return;
        }
        if (link.path().isEmpty() && !link.fragment().isEmpty()) {
            browser_->scrollToAnchor(link.fragment());
            return;
        }
        status_->setText(
            tr("%1 is part of the source code, not of the user guides.").arg(link.toString()));
        status_->show();
    });
    for (const QString& topic : topics()) {
        auto* item = new QListWidgetItem(headingOf(topic), contents_);
        item->setData(Qt::UserRole, topic);
    }
    auto* shortcuts = new QListWidgetItem(tr("Keyboard shortcuts"), contents_);
    shortcuts->setData(Qt::UserRole, kShortcutsTopic);
    connect(contents_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        const QString topic = item->data(Qt::UserRole).toString();
        if (topic == kShortcutsTopic)
            showShortcuts();
        else
            showTopic(topic);
    });
    connect(contents_, &QListWidget::currentItemChanged, this,
            [this](QListWidgetItem* item) { emit contents_->itemActivated(item); });

    status_->setObjectName(QStringLiteral("helpStatus"));
    status_->hide();
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(browser_, 1);
    rightLayout->addWidget(status_);
    auto* splitter = new QSplitter(this);
    splitter->addWidget(contents_);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({240, 760});
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    resize(1000, 720);
}

QStringList HelpWindow::topics() {
    QStringList all = QDir(kDocsRoot).entryList({QStringLiteral("*.md")}, QDir::Files);
    QStringList ordered;
    for (const QString& topic : kLeadingTopics)
        if (all.removeAll(topic) > 0)
            ordered << topic;
    all.sort();
    return ordered + all;
}

QString HelpWindow::topicForPage(const QString& pageTitle) {
    static const QMap<QString, QString> byPage = {
        {QStringLiteral("Home"), QStringLiteral("home-and-demo.md")},
        {QStringLiteral("Corpus"), QStringLiteral("formats-import.md")},
        {QStringLiteral("Selection"), QStringLiteral("rules.md")},
        {QStringLiteral("Statistics"), QStringLiteral("statistics.md")},
        {QStringLiteral("Sampling"), QStringLiteral("sampling.md")},
        {QStringLiteral("Coding"), QStringLiteral("guide-coder.md")},
        {QStringLiteral("Codebook"), QStringLiteral("codebook.md")},
        {QStringLiteral("Agreement"), QStringLiteral("agreement.md")},
        {QStringLiteral("Arbitration"), QStringLiteral("guide-arbitrator.md")},
        {QStringLiteral("Taxonomy"), QStringLiteral("results.md")}};
    return byPage.value(pageTitle, QStringLiteral("README.md"));
}

bool HelpWindow::showTopic(const QString& fileName) {
    if (!QFile::exists(kDocsRoot + fileName))
        return false;
    status_->hide();
    browser_->setSource(QUrl(QStringLiteral("qrc") + kDocsRoot + fileName),
                        QTextDocument::MarkdownResource);
    for (int row = 0; row < contents_->count(); ++row)
        if (contents_->item(row)->data(Qt::UserRole).toString() == fileName) {
            const QSignalBlocker quiet(contents_);
            contents_->setCurrentRow(row);
        }
    return true;
}

void HelpWindow::showShortcuts() {
    status_->hide();
    browser_->setHtml(shortcutsHtml(shortcutsOf_));
    const QSignalBlocker quiet(contents_);
    contents_->setCurrentRow(contents_->count() - 1);
}

QString HelpWindow::shortcutsHtml(QWidget* window) {
    // place -> (what it does -> keys), so each place is listed once, names sorted.
    QMap<QString, QMap<QString, QString>> byPlace;
    auto add = [&](const QObject* owner, const QString& name, const QList<QKeySequence>& keys) {
        QStringList texts;
        for (const QKeySequence& key : keys)
            if (!key.isEmpty())
                texts << key.toString(QKeySequence::NativeText);
        if (!texts.isEmpty() && !name.isEmpty())
            byPlace[placeOf(owner)][plainName(name)] = texts.join(QStringLiteral(", "));
    };
    if (window) {
        for (const QAction* action : window->findChildren<QAction*>())
            add(action->parent(), action->text(), action->shortcuts());
        for (const QAbstractButton* button : window->findChildren<QAbstractButton*>())
            add(button, button->text(), {button->shortcut()});
    }
    QString html = QStringLiteral("<h1>%1</h1><p>%2</p>")
                       .arg(tr("Keyboard shortcuts").toHtmlEscaped(),
                            tr("Every key the window binds, by the page it works on. Single "
                               "letters work where letters are not being typed as text.")
                                .toHtmlEscaped());
    for (auto place = byPlace.cbegin(); place != byPlace.cend(); ++place) {
        html +=
            QStringLiteral("<h2>%1</h2><table cellpadding=\"3\">").arg(place.key().toHtmlEscaped());
        for (auto entry = place->cbegin(); entry != place->cend(); ++entry)
            html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                        .arg(entry.value().toHtmlEscaped(), entry.key().toHtmlEscaped());
        html += QStringLiteral("</table>");
    }
    return html;
}

} // namespace taxo::ui
