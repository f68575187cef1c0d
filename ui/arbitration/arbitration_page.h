#pragma once
// The Arbitration page: the current arbitrator's queue of open conflicts (or
// every root's, for the lead), the post next to every coder's label (columns A, B, C, ...
// for a round of more than two coders), and the
// decision with its rationale. Every decision and every leaf added inline is
// one undo command calling core (Ctrl+Z / Ctrl+Shift+Z).

#include "core/arbitration/arbitration.h"
#include "ui/session/page.h"

#include <QString>
#include <cstddef>
#include <optional>
#include <vector>

class QAction;
class QComboBox;
class QGroupBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSplitter;
class QTableView;
class QToolButton;
class QTreeView;
class QUndoStack;

namespace taxo::ui {

class ConflictQueueModel;
class CategoryChecklistModel;
class PostViewer;

class ArbitrationPage final : public Page {
    Q_OBJECT
public:
    explicit ArbitrationPage(ProjectSession* session, QWidget* parent = nullptr);
    ~ArbitrationPage() override;
    QString title() const override { return tr("Arbitration"); }
    QString purpose() const override {
        return tr("Settle every conflict and every Pending post of your roots, with a rationale.");
    }
    void refresh() override;

    // Works as this person: an arbitrator (their roots) or, with allRoots, the
    // lead's view of every root. False when there is no such entry.
    bool choosePerson(const QString& name, bool allRoots = false);
    QComboBox* personBox() const { return person_; }

    ConflictQueueModel* queueModel() const { return queue_; }
    CategoryChecklistModel* treeModel() const { return tree_; }
    QTableView* queueView() const { return queueView_; }
    QTreeView* treeView() const { return treeView_; }
    PostViewer* viewer() const { return viewer_; }
    QPlainTextEdit* rationaleEdit() const { return rationale_; }
    QPushButton* decideButton() const { return decide_; }
    QLineEdit* newLeafName() const { return newLeafName_; }
    QComboBox* newLeafParent() const { return newLeafParent_; }
    QPushButton* addLeafButton() const { return addLeaf_; }
    QUndoStack* undoStack() const { return undo_; }
    // Every coder's quotes on the post, ticked to be kept in the decision.
    QListWidget* quotesList() const { return quotesList_; }
    // The ticked quotes whose category the decision holds: what Decide keeps.
    std::vector<labels::KeptQuote> keptQuotes() const;

    std::optional<std::int64_t> currentPostId() const;
    int openCount() const;
    QString openCountText() const;
    // 0: coder A, 1: coder B, 2: coder C, ... (plain text); empty past the coders shown.
    QString coderText(int side) const;
    int coderColumns() const;   // the coders' labels shown side by side: 2, or more
    QString decideHint() const; // why the decide action is disabled, or what it records
    QString statusText() const;

    // The actions behind the buttons (also reachable by their shortcuts).
    void takeA();
    void takeB();
    void takeBoth();
    // Coder C (0), D (1), ... of a round of more than two coders.
    void takeMore(std::size_t index);
    void chooseOtherLeaves();
    void chooseSpecial(labels::Special special);
    bool decideCurrent();
    bool addLeafInline();
    void showRow(int row);

private:
    struct PersonChoice {
        std::int64_t id = 0;
        QString name;
        bool allRoots = false;
        std::vector<std::string> roots; // as arbitrator
        bool operator==(const PersonChoice&) const = default;
    };

    QAction* makeAction(const char* name, const QString& text, const QList<QKeySequence>& keys);
    std::vector<PersonChoice> loadPeople();
    void reloadPeople();
    void personChanged();
    const PersonChoice* currentPerson() const;
    const arbitration::Conflict* currentConflict() const;
    bool inCharge(const arbitration::Conflict& conflict) const;
    std::vector<std::string> offeredRoots(const arbitration::Conflict& conflict) const;
    // Rebuilds the queue and shows prefer when it is still open, else the row
    // at fallbackRow (the next open post after a decision).
    void reloadQueue(std::optional<std::int64_t> prefer, int fallbackRow);
    void showConflict(bool keepChoice);
    void reloadTree(const arbitration::Conflict* conflict, bool keepChecks);
    void showCoderLabels(const arbitration::Conflict* conflict);
    void takeSide(const std::vector<const arbitration::CoderLabel*>& sides, const QString& what);
    void updateDecisionState();
    // arbitration_quotes.cpp: the coders' quotes and those kept in the decision.
    QString quotesHtml(const std::optional<labels::Label>& label) const;
    void reloadQuotes(const arbitration::Conflict* conflict, bool keepChecks);
    void takeQuotesOf(const std::vector<const arbitration::CoderLabel*>& sides);
    void updateQuoteItems();
    std::vector<labels::KeptQuote> checkedQuotes() const;
    void afterDecisionStep(std::int64_t postId, const QString& name, bool reopened,
                           const QString& error);
    void setStatus(const QString& text);

    QComboBox* person_;
    QLabel* count_;
    ConflictQueueModel* queue_;
    QTableView* queueView_;
    PostViewer* viewer_;
    QSplitter* splitter_;
    QGroupBox* sides_[2];
    QLabel* sideText_[2];
    // Coders C, D, ...: made when a conflict first has them, hidden when it has fewer.
    QHBoxLayout* sidesRow_ = nullptr;
    std::vector<QGroupBox*> moreSides_;
    std::vector<QLabel*> moreText_;
    std::vector<QToolButton*> takeMore_;
    CategoryChecklistModel* tree_;
    QTreeView* treeView_;
    QComboBox* newLeafParent_;
    QLineEdit* newLeafName_;
    QPushButton* addLeaf_;
    QPlainTextEdit* rationale_;
    QLabel* quotesTitle_;
    QListWidget* quotesList_;
    std::vector<labels::KeptQuote> offered_;
    QLabel* choice_;
    QLabel* hint_;
    QPushButton* decide_;
    QLabel* status_;
    QUndoStack* undo_;
    QAction* takeA_ = nullptr;
    QAction* takeB_ = nullptr;
    QAction* takeBoth_ = nullptr;
    QAction* other_ = nullptr;
    QAction* falsePositive_ = nullptr;
    QAction* unclear_ = nullptr;
    QAction* decideAction_ = nullptr;

    std::vector<PersonChoice> people_;
    std::int64_t shownPost_ = 0;
    std::optional<labels::Special> special_;
    QString choiceName_; // "Take A", "Other leaves", ... for the summary
    bool loading_ = false;
};

} // namespace taxo::ui
