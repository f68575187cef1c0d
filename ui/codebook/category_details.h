#pragma once
// The Codebook page's side panel for the chosen category: where it sits, the
// three-level warning when labels use it at the wrong level, its description,
// its example posts (links to the posts), and the split of chosen posts'
// labels into a new sibling. The panel only asks; the page makes each edit
// one undo command.

#include "core/codebook/codebook.h"

#include <QWidget>
#include <functional>
#include <optional>
#include <vector>

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace taxo::ui {

class CategoryDetails final : public QWidget {
    Q_OBJECT
public:
    explicit CategoryDetails(std::function<sql::Database*()> database, QWidget* parent = nullptr);

    void showCategory(std::optional<codebook::CategoryId> id);
    // core's checkLevels, computed once per refresh by the page.
    void setLevelIssues(std::vector<codebook::LevelIssue> issues) { issues_ = std::move(issues); }
    std::optional<codebook::CategoryId> categoryId() const { return id_; }

    QLabel* warningLabel() const { return warning_; }
    QPlainTextEdit* descriptionEdit() const { return description_; }
    QListWidget* examplesList() const { return examples_; }
    QLineEdit* examplePostEdit() const { return examplePost_; }
    QListWidget* postsList() const { return posts_; }
    QLineEdit* splitNameEdit() const { return splitName_; }
    // Post ids ticked in the list of posts carrying the category.
    std::vector<std::int64_t> checkedPosts() const;
    void focusSplit();

signals:
    void descriptionEdited(qint64 id, const QString& description);
    void exampleAdded(qint64 id, qint64 postId);
    void exampleRemoved(qint64 id, qint64 postId);
    void splitRequested(qint64 id, const QString& name, const std::vector<std::int64_t>& posts);
    void postActivated(qint64 postId);

private:
    QString postLine(std::int64_t postId) const;
    void updateButtons();

    std::function<sql::Database*()> database_;
    std::optional<codebook::CategoryId> id_;
    std::vector<codebook::LevelIssue> issues_;
    QLabel* path_;
    QLabel* warning_;
    QPlainTextEdit* description_;
    QPushButton* saveDescription_;
    QListWidget* examples_;
    QLineEdit* examplePost_;
    QPushButton* addExample_;
    QPushButton* removeExample_;
    QListWidget* posts_;
    QLineEdit* splitName_;
    QPushButton* split_;
};

} // namespace taxo::ui
