#pragma once
// The Coding page: label the posts of a round from the keyboard, as one coder
// (or as the pilot pair's consensus). Only that coder's labels are read.
// Every save is an undo command (Ctrl+Z / Ctrl+Shift+Z).

#include "labels/coding.h"
#include "labels/labels.h"
#include "pages/page.h"

#include <vector>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTextBrowser;
class QTreeWidget;
class QTreeWidgetItem;
class QUndoStack;

namespace taxo::ui {

class ScreeningPanel;

class LabelingPage final : public Page {
    Q_OBJECT
public:
    explicit LabelingPage(ProjectSession* session, QWidget* parent = nullptr);
    ~LabelingPage() override;
    QString title() const override { return tr("Coding"); }
    QString purpose() const override {
        return tr("Label posts from the keyboard: open coding in the pilot, leaf categories "
                  "or False positive, Unclear and Pending in the reliability round.");
    }
    void refresh() override;

    // For tests and for the shortcuts.
    bool chooseAssignment(std::int64_t roundId, const labels::CoderId& coder);
    void showItem(int index);
    int currentItem() const { return index_; }
    int itemCount() const { return static_cast<int>(items_.size()); }
    std::optional<labels::LabelKey> currentKey() const;
    QTreeWidgetItem* categoryItem(codebook::CategoryId id) const;
    QTreeWidget* categoryTree() const { return categories_; }
    QLineEdit* noteEdit() const { return note_; }
    QLineEdit* codeEdit() const { return code_; }
    QUndoStack* undoStack() const { return undo_; }
    QString statusText() const;
    QString progressText() const;
    // In a screening round the side panel marks relevant/irrelevant instead.
    bool screeningMode() const { return screeningMode_; }
    ScreeningPanel* screeningPanel() const { return screening_; }

    // Saves the widgets' label; false (with the reason shown) when core refuses.
    bool saveCurrent();
    // Saves only when the widgets differ from the stored label (or there is
    // none and something was chosen); true when the coder may move on.
    bool saveIfChanged();
    void setSpecial(labels::Special special);

private:
    QAction* makeAction(const QString& name, const QString& text, const QList<QKeySequence>& keys);
    void reloadAssignments();
    void reloadItems();
    void loadCurrentLabel();
    void populateCategories();
    void applyFilter(const QString& text);
    void updateProgress();
    labels::LabelContent contentFromWidgets() const;
    void saveAndNext();
    void nextUnlabeled();
    void afterUndoStep(const labels::LabelKey& key);
    void setScreeningMode(bool on);

    QComboBox* assignment_;
    QLabel* progress_;
    QTextBrowser* post_;
    QLineEdit* filter_;
    QTreeWidget* categories_;
    QLabel* special_;
    QLineEdit* suggestion_;
    QLineEdit* note_;
    QLineEdit* code_;
    QLabel* status_;
    QUndoStack* undo_;
    QStackedWidget* sideStack_;
    ScreeningPanel* screening_;
    QList<QAction*> labelActions_; // F, U, P and Enter: off in a screening round
    bool screeningMode_ = false;

    std::vector<labels::CodingAssignment> assignments_;
    std::vector<labels::LabelRow> items_;
    int index_ = -1;
    std::optional<labels::Special> currentSpecial_;
    bool loading_ = false;
};

} // namespace taxo::ui
