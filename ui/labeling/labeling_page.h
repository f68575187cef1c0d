#pragma once
// The Coding page: label the posts of a round from the keyboard, as one coder
// (or as the pilot pair's consensus). Only that coder's labels are read: the
// item list, its filters, the progress bar and the Codes panel all ask core
// with the coder, so another coder's labels cannot show here.
// Every save is an undo command (Ctrl+Z / Ctrl+Shift+Z). A passage selected in the post
// is quoted (Ctrl+E) as evidence for one of the ticked categories; the label's quotes
// are listed under it, and each quote added or removed is a save like any other.

#include "core/codebook/codebook.h"
#include "core/labels/coding.h"
#include "core/labels/labels.h"
#include "ui/session/page.h"

#include <vector>

class QAction;
class QComboBox;
class QCompleter;
class QDateTime;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QTextBrowser;
class QToolBar;
class QProgressBar;
class QStandardItem;
class QStringListModel;
class QTimer;
class QTreeView;
class QUndoStack;

namespace taxo::ui {

class CategoryChecklistModel;
class Dialogs;
class QuotesModel;
class ScreeningPanel;
class CodesPanel;
class PostViewer;

class LabelingPage final : public Page {
    Q_OBJECT
public:
    // `dialogs` asks which ticked category a passage is quoted for.
    LabelingPage(ProjectSession* session, Dialogs& dialogs, QWidget* parent = nullptr);
    ~LabelingPage() override;
    QString title() const override { return tr("Coding"); }
    QString purpose() const override {
        return tr("Label posts from the keyboard: open coding in the pilot, leaf categories "
                  "or False positive, Unclear and Pending in the reliability round.");
    }
    void refresh() override;
    // The ticks on the shown post are saved, as when moving to another post.
    bool settleBeforeClose(Dialogs& dialogs) override;

    // For tests and for the shortcuts.
    bool chooseAssignment(std::int64_t roundId, const labels::CoderId& coder);
    // Whose labels the page changes: "Bo", "the pilot's consensus", or empty while
    // nobody is chosen (a project that is not a package opens that way).
    QString workingAs() const;
    QString workingAsText() const;
    // "Done: close the app and send ann.taxo to your lead" once the coder has labeled
    // every post of the round; empty before.
    QString doneText() const;
    void showItem(int index);
    int currentItem() const { return index_; }
    int itemCount() const { return static_cast<int>(items_.size()); }
    const std::vector<labels::LabelRow>& items() const { return items_; }
    std::optional<labels::LabelKey> currentKey() const;
    // The category checklist: any category of the shown tree by id (nullptr when
    // the post's tree lacks it), and whether the type-ahead hides its row.
    QStandardItem* categoryItem(codebook::CategoryId id) const;
    bool isCategoryHidden(codebook::CategoryId id) const;
    QTreeView* categoryTree() const { return categories_; }
    CategoryChecklistModel* categoryModel() const { return checklist_; }
    QLineEdit* typeAheadEdit() const { return typeAhead_; }
    QLineEdit* searchEdit() const { return search_; }
    QComboBox* showFilter() const { return show_; }
    QLineEdit* noteEdit() const { return note_; }
    QLineEdit* codeEdit() const { return code_; }
    QLineEdit* suggestionEdit() const { return suggestion_; }
    // Offers labels::suggestionChoices: this coder's own earlier suggestions in the round
    // and the codebook's names, matched anywhere in the text, ignoring case.
    QCompleter* suggestionCompleter() const { return suggestionCompleter_; }
    PostViewer* viewer() const { return viewer_; }
    CodesPanel* codesPanel() const { return codes_; }
    QProgressBar* progressBar() const { return progress_; }
    QUndoStack* undoStack() const { return undo_; }
    QString statusText() const;
    // "✔ Saved post 4288 — How do I … at 10:42:13", or what the last undo step did.
    QString savedText() const;
    // "Labeled by you at 10:42" when the shown post has a label of this coder; empty
    // when it has none.
    QString labeledAtText() const;
    // That line for a label updated at `updated` (core's UTC time stamp), shown in local
    // time, with the date when it is not the day of `now`.
    static QString labeledLine(const std::string& updated, const QDateTime& now);
    QString progressText() const;
    // In a screening round the side panel marks relevant/irrelevant instead.
    bool screeningMode() const { return screeningMode_; }
    ScreeningPanel* screeningPanel() const { return screening_; }
    QString positionText() const;

    // The item list's filters: what to show, then the search words. The list
    // is filtered when these change, not when a label is saved, so a post
    // just labeled stays in an "unlabeled" list until the filter is applied again.
    void setItemFilter(const labels::ItemFilter& filter);
    labels::ItemFilter itemFilter() const;
    void applyItemFilter();

    // Saves the widgets' label; false (with the reason shown) when core refuses.
    bool saveCurrent();
    // Saves only when the widgets differ from the stored label (or there is
    // none and something was chosen); true when the coder may move on.
    bool saveIfChanged();
    // Chooses the special value and saves it; false (with the reason shown) when core
    // refuses. The page stays on the post; the keys (F, U, Ctrl+5, Ctrl+6) move on.
    bool setSpecial(labels::Special special);
    // Type-ahead: ticks the leaf the type-ahead text names (an exact name first, else
    // the first visible match), or unticks it when it is ticked already; false when
    // nothing matches.
    bool pickTypeAheadMatch();

    // Quotes. quoteSelection attaches the passage selected in the post to the ticked
    // category (asking which when several are ticked) and saves the label; refused with
    // the reason on the status line. removeQuote takes the list's row away and saves;
    // showQuote selects the row's passage in the post when it is intact. Each returns
    // whether it did so.
    bool quoteSelection();
    bool removeQuote(int row);
    bool showQuote(int row);
    QTableView* quotesView() const { return quotesView_; }
    QuotesModel* quotesModel() const { return quotesModel_; }

signals:
    void workingAsChanged(const QString& person);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    static QString specialText(const std::optional<labels::Special>& special);
    QAction* makeAction(const QString& name, const QString& text, const QList<QKeySequence>& keys);
    void buildActions(QToolBar* toolbar);
    void reloadAssignments();
    int firstOpenAssignment() const;
    void reloadTree();
    void reloadShowChoices();
    void reloadItems();
    void refreshStates();
    void loadCurrentLabel();
    void populateCategories();
    void applyTypeAhead(const QString& text);
    void updateProgress();
    void showSaved(const QString& what = {});
    void showUndoStep(const labels::SaveChange& change, bool undone, const QString& what);
    void showLabeledAt(const std::optional<labels::Label>& label);
    void showError(const QString& message);
    QString postNameText(std::int64_t postId) const;
    void reloadSuggestionChoices();
    labels::LabelContent contentFromWidgets() const;
    // Saves `content` as one undo step; `what` says what the step did ("quoting “…” for
    // Format"), empty for a plain save of the ticks.
    bool saveContent(const labels::LabelContent& content, const QString& what);
    // What a save drops with the ticks taken off: "unticked Format and its 2 quotes".
    QString droppedQuotesText(const labels::LabelContent& before,
                              const labels::LabelContent& after) const;
    QString categoryPathText(codebook::CategoryId id) const;
    std::optional<codebook::CategoryId> chooseQuoteCategory();
    void buildQuotesView();
    void reloadQuotes();
    int currentQuoteRow() const;
    const labels::CodingAssignment* assignment() const;
    void enterPressed();
    void markSpecial(labels::Special special);
    void moveToNext();
    void nextUnlabeled();
    void afterUndoStep(const labels::LabelKey& key);
    void setScreeningMode(bool on);
    void afterCodesChange();

    void updateWorkingAs();

    QComboBox* assignment_;
    QLabel* whose_;
    QLabel* done_;
    // In a project that is not a package the first entry of assignment_ is "choose
    // whose labels": labeling as a coder is an explicit choice there.
    int assignmentOffset_ = 0;
    int shownAssignment_ = -1; // the entry whose posts the widgets show
    QProgressBar* progress_;
    QComboBox* show_;
    QLineEdit* search_;
    QTimer* searchTimer_;
    QLabel* position_;
    PostViewer* viewer_;
    QLineEdit* typeAhead_;
    QTreeView* categories_;
    CategoryChecklistModel* checklist_;
    QLabel* special_;
    QLabel* labeledAt_;
    QLineEdit* suggestion_;
    QStringListModel* suggestionChoices_;
    QCompleter* suggestionCompleter_;
    QLineEdit* note_;
    QLineEdit* code_;
    QLabel* saved_;
    QLabel* status_;
    CodesPanel* codes_;
    QUndoStack* undo_;
    QStackedWidget* sideStack_;
    ScreeningPanel* screening_;
    QTableView* quotesView_;
    QuotesModel* quotesModel_;
    Dialogs& dialogs_;
    QList<QAction*> labelActions_; // F, U, P, Enter and Ctrl+E: off in a screening round
    bool screeningMode_ = false;

    std::vector<labels::CodingAssignment> assignments_;
    std::vector<codebook::TreeEntry> tree_;
    std::vector<labels::LabelRow> items_;
    int index_ = -1;
    std::optional<labels::Special> currentSpecial_;
    // The shown label's quotes as stored; a save keeps those of the categories still
    // ticked, so ticking another category never loses one.
    std::vector<labels::Quote> quotes_;
    labels::Progress progressCounts_; // of the whole round, from refreshStates
    // The roots the category tree was built for; rebuilt when they or the codebook change.
    std::optional<std::optional<std::vector<std::string>>> builtRoots_;
    bool treeDirty_ = true;
    bool loading_ = false;
};

} // namespace taxo::ui
