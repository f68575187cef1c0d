#pragma once
// Help inside the application: the user guides of docs/ (compiled in as resources, so
// they match the program and need no network or installed files), rendered from their
// Markdown, with a contents list, and the list of every keyboard shortcut the window
// binds, read from the window itself so that it cannot go stale.

#include <QString>
#include <QWidget>

class QLabel;
class QListWidget;
class QTextBrowser;

namespace taxo::ui {

class HelpWindow final : public QWidget {
    Q_OBJECT
public:
    // `shortcutsOf` is the window whose actions the shortcut list shows.
    HelpWindow(QWidget* shortcutsOf, QWidget* parent = nullptr);

    // Shows a guide by file name ("guide-coder.md"); false when there is no such guide.
    bool showTopic(const QString& fileName);
    // Shows the keyboard shortcuts, collected again from the window.
    void showShortcuts();

    QTextBrowser* browser() const { return browser_; }
    QListWidget* contents() const { return contents_; }
    // Every guide compiled in, by file name, in the contents' order.
    static QStringList topics();
    // The guide for a page of the window, by its navigation title ("Coding").
    static QString topicForPage(const QString& pageTitle);
    // The shortcut list as HTML (data-free: action names and key names only, escaped).
    static QString shortcutsHtml(QWidget* window);

private:
    QWidget* shortcutsOf_;
    QListWidget* contents_;
    QTextBrowser* browser_;
    QLabel* status_;
};

} // namespace taxo::ui
