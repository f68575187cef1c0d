#pragma once
// The tag explorer beside the selection rules: tags of the census (every question the
// imports read, kept or not) searched by name, with their questions and a small per-year
// trend; the tags most often on the same kept posts as the chosen one; Enter (or the
// button) hands the chosen tag to the page, which adds it to the current clause.

#include "core/store/sqlite.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace taxo::ui {

class CensusTagModel;
class CooccurrenceModel;

class TagExplorer final : public QWidget {
    Q_OBJECT
public:
    // How many tags a search lists, and how many co-occurring tags.
    static constexpr std::size_t kTagLimit = 200;
    static constexpr std::size_t kCooccurringLimit = 30;

    explicit TagExplorer(QWidget* parent = nullptr);

    // The project to read (nullptr: none); searches again.
    void setDatabase(sql::Database* db);
    // Runs the search in the field now (typing waits a moment first).
    void search();
    // The tag whose co-occurring tags are shown (empty: none).
    void showCooccurring(const QString& tag);
    // The tag Enter would add: the current row of whichever list has the focus last.
    QString currentTag() const;

    QLineEdit* searchEdit() const { return search_; }
    QTableView* tagsView() const { return tagsView_; }
    QTableView* cooccurringView() const { return cooccurringView_; }
    CensusTagModel* tagModel() const { return tags_; }
    CooccurrenceModel* cooccurrenceModel() const { return cooccurring_; }
    QLabel* message() const { return message_; }
    QPushButton* addButton() const { return add_; }

signals:
    void tagChosen(const QString& tag);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void choose(QTableView* view);

    sql::Database* db_ = nullptr;
    CensusTagModel* tags_;
    CooccurrenceModel* cooccurring_;
    QLineEdit* search_;
    QTableView* tagsView_;
    QTableView* cooccurringView_;
    QLabel* message_;
    QLabel* cooccurringTitle_;
    QPushButton* add_;
    QTimer* delay_;
    QTableView* lastList_ = nullptr;
};

} // namespace taxo::ui
