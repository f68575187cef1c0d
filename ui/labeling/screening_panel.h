#pragma once
// The side panel of the Coding page in a screening round: the coder marks the
// post relevant (R) or irrelevant (I) and moves on. Only this coder's marks are
// read (blind). Every mark is an undo command on the page's stack.

#include <QWidget>
#include <cstdint>
#include <optional>

class QLabel;
class QUndoStack;

namespace taxo::ui {

class ProjectSession;

class ScreeningPanel final : public QWidget {
    Q_OBJECT
public:
    // The R and I shortcuts are added to shortcutScope (the page), so that they
    // work wherever the focus is on it.
    ScreeningPanel(ProjectSession* session, QUndoStack* undo, QWidget* shortcutScope,
                   QWidget* parent = nullptr);

    void setRound(std::int64_t roundId, std::int64_t coderId);
    void setActive(bool active); // enables R and I only in a screening round
    void showPost(std::optional<std::int64_t> postId);
    // Saves the mark on the shown post; false (with the reason shown) when refused.
    bool mark(bool relevant);
    std::optional<bool> currentMark() const { return mark_; }
    std::int64_t markedCount() const;
    QString statusText() const;

signals:
    // After a mark was saved: the page moves on.
    void marked();
    // After an undo or redo step changed a mark: the page shows that post.
    void markChangedByUndo(std::int64_t postId);

private:
    void reload();

    ProjectSession* session_;
    QUndoStack* undo_;
    QLabel* current_;
    QLabel* status_;
    std::int64_t roundId_ = 0;
    std::int64_t coderId_ = 0;
    std::optional<std::int64_t> postId_;
    std::optional<bool> mark_;
    QList<QAction*> actions_;
};

} // namespace taxo::ui
