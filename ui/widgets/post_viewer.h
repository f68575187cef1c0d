#pragma once
// Shows one post the way a coder reads it: title, tags, dates, the question, its
// comments, and the answers with the accepted one first and marked.
//
// Post HTML is untrusted. It is sanitized in core (text/safe_html.h) and cut when
// huge; nothing is ever fetched: every image becomes a placeholder naming its address,
// and a link opens in the system browser only when the user clicks it.

#include "core/corpus/post_store.h"

#include <QList>
#include <QTextBrowser>
#include <QTextCursor>
#include <QUrl>
#include <functional>

class QMenu;

namespace taxo::ui {

class PostViewer final : public QTextBrowser {
    Q_OBJECT
public:
    // Limits on the HTML shown per question and per answer, so a post of a
    // megabyte of code renders at once; the viewer says when it cut.
    static constexpr std::size_t kQuestionLimit = 200'000;
    static constexpr std::size_t kAnswerLimit = 100'000;

    explicit PostViewer(QWidget* parent = nullptr);

    void showPost(const taxo::corpus::Post& post);
    // An empty viewer with a line saying why (no post selected, an error, ...).
    void showMessage(const QString& message);
    std::int64_t postId() const { return postId_; }

    // Every resource the document asked for, in order (tests check nothing is fetched).
    const QList<QUrl>& resourceRequests() const { return resourceRequests_; }
    // What a clicked link does; by default QDesktopServices::openUrl. Tests replace it.
    void setLinkOpener(std::function<void(const QUrl&)> opener) { linkOpener_ = std::move(opener); }

    // The address a link in the current post points to, absolute when the post's site
    // is known; an invalid QUrl for targets that are never opened.
    QUrl resolveLink(const QUrl& link) const;

    QVariant loadResource(int type, const QUrl& name) override;

    // Actions the page adds below Copy and Select All in the context menu (Quote selection).
    void setExtraContextActions(const QList<QAction*>& actions) { extraActions_ = actions; }
    // The context menu at `pos` (document coordinates): Qt's own entries, then those.
    QMenu* makeContextMenu(const QPoint& pos);
    // The selection's start as a share of the document (0 to 1): where on screen a passage
    // was selected, so that core can tell apart two occurrences of the same words.
    double selectionPlace() const;
    // Selects and scrolls to an occurrence of `passage` in the shown text, comparing every
    // run of white space as one space (the viewer breaks lines where the plain text has
    // spaces, and the other way round). Occurrences are tried in order until `accept`
    // takes one; false when none is taken (the selection is then left as it was).
    bool selectPassage(const QString& passage,
                       const std::function<bool(const QTextCursor&)>& accept);

signals:
    void linkOpened(const QUrl& url);

protected:
    void changeEvent(QEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    void applyStyle();
    void openLink(const QUrl& link);

    std::int64_t postId_ = 0;
    QString site_; // "https://cardano.stackexchange.com" when the source names a site
    QList<QUrl> resourceRequests_;
    std::function<void(const QUrl&)> linkOpener_;
    QList<QAction*> extraActions_;
};

} // namespace taxo::ui
