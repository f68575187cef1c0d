#pragma once
// The Codebook page: the category tree with add, rename, move, merge, split
// and delete, and beside it the chosen category's description, examples and
// three-level warning; each edit an undo command (Ctrl+Z / Ctrl+Shift+Z).
// Refusals from core are shown inline under the tree, never in a modal box.

#include "core/codebook/codebook.h"
#include "ui/session/page.h"

#include <functional>
#include <optional>
#include <vector>

class QAction;
class QLabel;
class QTreeView;
class QUndoStack;

namespace taxo::ui {

class CategoryDetails;
class CategoryTreeModel;
struct CodebookCommandContext;

class CodebookPage final : public Page {
    Q_OBJECT
public:
    // Asks the user for a category (a merge or reassignment target), or nullopt.
    using Chooser = std::function<std::optional<codebook::CategoryId>(
        const QString& prompt, const std::vector<codebook::CategoryId>& excluded)>;

    explicit CodebookPage(ProjectSession* session, QWidget* parent = nullptr);
    ~CodebookPage() override;
    QString title() const override { return tr("Codebook"); }
    QString purpose() const override {
        return tr("Build the category tree (root, inner, leaf): add, rename, move, merge, "
                  "split and delete categories, describe them and give examples, with undo.");
    }
    void refresh() override;
    bool leadOnly() const override { return true; }

    CategoryTreeModel* model() const { return model_; }
    QTreeView* view() const { return tree_; }
    CategoryDetails* details() const { return details_; }
    // The count of three-level warnings under the tree ("" when none).
    QString levelSummary() const;
    QUndoStack* undoStack() const { return undo_; }
    QString lastError() const;
    void setChooser(Chooser chooser) { chooser_ = std::move(chooser); }

    // The edits behind the actions; each shows core's refusal inline and
    // returns false, or pushes one undo command and returns true.
    bool addCategory(std::optional<codebook::CategoryId> parent, const QString& name);
    bool renameCategory(codebook::CategoryId id, const QString& name);
    bool moveCategory(codebook::CategoryId id, std::optional<codebook::CategoryId> parent,
                      std::int64_t index);
    bool mergeCategory(codebook::CategoryId source, codebook::CategoryId target);
    bool deleteCategory(codebook::CategoryId id,
                        std::optional<codebook::CategoryId> reassignTo = std::nullopt);
    bool splitCategory(codebook::CategoryId id, const QString& name,
                       const std::vector<std::int64_t>& postIds);
    bool setDescription(codebook::CategoryId id, const QString& description);
    bool addExample(codebook::CategoryId id, std::int64_t postId);
    bool removeExample(codebook::CategoryId id, std::int64_t postId);

    std::optional<codebook::CategoryId> currentId() const;
    void selectCategory(codebook::CategoryId id);

private:
    QAction* addAction(const QString& name, const QString& text, const QKeySequence& key,
                       void (CodebookPage::*slot)());
    CodebookCommandContext context();
    void showError(const QString& message);
    void afterChange();
    void updateActions();
    void addRoot();
    void addChild();
    void renameCurrent();
    void editCurrentName();
    void moveUp();
    void moveDown();
    void indent();
    void outdent();
    void mergeCurrent();
    void deleteCurrent();
    void splitCurrent();
    void updateLevels();
    QString uniqueChildName(std::optional<codebook::CategoryId> parent) const;
    std::optional<codebook::CategoryId>
    chooseCategory(const QString& prompt, const std::vector<codebook::CategoryId>& excluded);

    CategoryTreeModel* model_;
    QTreeView* tree_;
    QUndoStack* undo_;
    QLabel* status_;
    QLabel* levels_;
    CategoryDetails* details_;
    Chooser chooser_;
    std::vector<QAction*> selectionActions_;
};

} // namespace taxo::ui
