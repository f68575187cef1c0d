#pragma once
// The Codes panel of open coding (the paper's section 3, step 5): equal
// initial codes grouped with their counts; the chosen codes become a new
// category, or are assigned to an existing leaf, and every post carrying
// them gets that category. Each is one undo command on the page's stack.

#include "core/labels/codes.h"
#include "ui/support/core_command.h"

#include <QWidget>
#include <optional>
#include <string>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QUndoStack;

namespace taxo::ui {

class CodesModel;

class CodesPanel final : public QWidget {
    Q_OBJECT
public:
    CodesPanel(DatabaseGetter database, QUndoStack* undo, QWidget* parent = nullptr);

    // The round and coder whose codes are shown (nullopt round: none).
    void setAssignment(std::optional<std::int64_t> roundId, labels::CoderId coder);
    // Rebuilds the codes and the category choices from the project.
    void reload();

    CodesModel* model() const { return model_; }
    QTableView* view() const { return view_; }
    QLineEdit* nameEdit() const { return name_; }
    QString lastError() const;

    std::vector<std::string> selectedCodes() const;
    void selectCodes(const std::vector<std::string>& keys);
    // The two edits; each shows core's refusal and returns false, or pushes
    // one undo command and returns true.
    bool createCategory(std::optional<codebook::CategoryId> parent, const QString& name);
    bool assignToCategory(codebook::CategoryId leaf);

signals:
    // Labels or the codebook changed (an edit, its undo or its redo).
    void changed();

private:
    void reloadChoices();
    void pushCodesChange(labels::CodesChange change, const QString& text);
    void afterStep(const QString& error);
    void updateButtons();

    DatabaseGetter database_;
    QUndoStack* undo_;
    std::optional<std::int64_t> roundId_;
    labels::CoderId coder_;
    CodesModel* model_;
    QTableView* view_;
    QLineEdit* name_;
    QComboBox* parent_;
    QPushButton* create_;
    QComboBox* leaf_;
    QPushButton* assign_;
    QLabel* status_;
};

} // namespace taxo::ui
