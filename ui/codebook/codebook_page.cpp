#include "ui/codebook/codebook_page.h"

#include "core/recoding/recoding.h"
#include "ui/codebook/category_details.h"
#include "ui/codebook/category_tree_model.h"
#include "ui/codebook/codebook_commands.h"
#include "ui/session/project_session.h"
#include "ui/support/qt_text.h"
#include "ui/support/undo_actions.h"

#include <QAction>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QSplitter>
#include <QToolBar>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>
#include <limits>
#include <set>

namespace taxo::ui {
CodebookPage::CodebookPage(ProjectSession* session, QWidget* parent)
    : Page(session, parent), model_(new CategoryTreeModel(this)), tree_(new QTreeView(this)),
      undo_(session->undoStack()), status_(new QLabel(this)), levels_(new QLabel(this)),
      details_(new CategoryDetails(session->databaseGetter(), this)) {
    setObjectName(QStringLiteral("codebookPage"));
    tree_->setObjectName(QStringLiteral("codebookTree"));
    tree_->setModel(model_);
    tree_->setUniformRowHeights(true);
    tree_->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    tree_->setDragEnabled(true);
    tree_->setAcceptDrops(true);
    tree_->setDropIndicatorShown(true);
    tree_->setDragDropMode(QAbstractItemView::DragDrop);
    tree_->setDefaultDropAction(Qt::MoveAction);
    tree_->header()->setStretchLastSection(false);
    tree_->header()->setSectionResizeMode(CategoryTreeModel::NameColumn, QHeaderView::Stretch);
    tree_->header()->setSectionResizeMode(CategoryTreeModel::PostsColumn,
                                          QHeaderView::ResizeToContents);
    status_->setObjectName(QStringLiteral("codebookStatus"));
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addAction(addAction(QStringLiteral("actionAddRoot"), tr("Add root"),
                                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N),
                                 &CodebookPage::addRoot));
    toolbar->addAction(addAction(QStringLiteral("actionAddChild"), tr("Add subcategory"),
                                 QKeySequence(Qt::CTRL | Qt::Key_Insert), &CodebookPage::addChild));
    toolbar->addAction(addAction(QStringLiteral("actionRename"), tr("Rename"),
                                 QKeySequence(Qt::Key_F2), &CodebookPage::renameCurrent));
    toolbar->addSeparator();
    toolbar->addAction(addAction(QStringLiteral("actionMoveUp"), tr("Up"),
                                 QKeySequence(Qt::CTRL | Qt::Key_Up), &CodebookPage::moveUp));
    toolbar->addAction(addAction(QStringLiteral("actionMoveDown"), tr("Down"),
                                 QKeySequence(Qt::CTRL | Qt::Key_Down), &CodebookPage::moveDown));
    toolbar->addAction(addAction(QStringLiteral("actionIndent"), tr("Indent"),
                                 QKeySequence(Qt::CTRL | Qt::Key_Right), &CodebookPage::indent));
    toolbar->addAction(addAction(QStringLiteral("actionOutdent"), tr("Outdent"),
                                 QKeySequence(Qt::CTRL | Qt::Key_Left), &CodebookPage::outdent));
    toolbar->addSeparator();
    toolbar->addAction(addAction(QStringLiteral("actionMerge"), tr("Merge into…"),
                                 QKeySequence(Qt::CTRL | Qt::Key_M), &CodebookPage::mergeCurrent));
    toolbar->addAction(addAction(QStringLiteral("actionSplit"), tr("Split…"),
                                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
                                 &CodebookPage::splitCurrent));
    toolbar->addAction(addAction(QStringLiteral("actionDelete"), tr("Delete"),
                                 QKeySequence(QKeySequence::Delete), &CodebookPage::deleteCurrent));
    for (const char* name :
         {"actionAddChild", "actionRename", "actionMoveUp", "actionMoveDown", "actionIndent",
          "actionOutdent", "actionMerge", "actionSplit", "actionDelete"})
        selectionActions_.push_back(findChild<QAction*>(QString::fromLatin1(name)));

    toolbar->addSeparator();
    const auto& undoRedo = session->undoRedoActions();
    offerUndoRedo(this, undoRedo);
    addUndoRedoButtons(toolbar, undoRedo);

    levels_->setObjectName(QStringLiteral("codebookLevels"));
    levels_->setWordWrap(true);
    levels_->setStyleSheet(QStringLiteral("color: #b26a00;"));
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(tree_, 1);
    leftLayout->addWidget(levels_);
    leftLayout->addWidget(status_);
    auto* splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(details_);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(toolbar);
    layout->addWidget(splitter, 1);

    connect(details_, &CategoryDetails::descriptionEdited, this,
            [this](qint64 id, const QString& text) { setDescription(id, text); });
    connect(details_, &CategoryDetails::exampleAdded, this,
            [this](qint64 id, qint64 post) { addExample(id, post); });
    connect(details_, &CategoryDetails::exampleRemoved, this,
            [this](qint64 id, qint64 post) { removeExample(id, post); });
    connect(details_, &CategoryDetails::splitRequested, this,
            [this](qint64 id, const QString& name, const std::vector<std::int64_t>& posts) {
                splitCategory(id, name, posts);
            });

    // A rename typed into the tree arrives while the editor is closing; queue
    // it so the model is not reset under the view's feet.
    connect(
        model_, &CategoryTreeModel::renameRequested, this,
        [this](qint64 id, const QString& name) { renameCategory(id, name); }, Qt::QueuedConnection);
    // A drop arrives while the view is still handling it: queued for the same reason.
    connect(
        model_, &CategoryTreeModel::moveRequested, this,
        [this](qint64 id, qint64 newParent, qint64 position) {
            moveCategory(
                id, newParent < 0 ? std::nullopt : std::optional<codebook::CategoryId>(newParent),
                position);
        },
        Qt::QueuedConnection);
    connect(tree_->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] {
        updateActions();
        details_->showCategory(currentId());
    });
    connect(model_, &QAbstractItemModel::modelReset, this, [this] { updateActions(); });
    connect(session, &ProjectSession::projectOpened, this, [this] { refresh(); });
    connect(session, &ProjectSession::projectClosed, this, [this] { refresh(); });
    updateActions();
}

CodebookPage::~CodebookPage() = default;

QAction* CodebookPage::addAction(const QString& name, const QString& text, const QKeySequence& key,
                                 void (CodebookPage::*slot)()) {
    auto* action = new QAction(text, this);
    action->setObjectName(name);
    action->setShortcut(key);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setToolTip(text + QStringLiteral(" (") + key.toString(QKeySequence::NativeText) +
                       QStringLiteral(")"));
    connect(action, &QAction::triggered, this, slot);
    QWidget::addAction(action);
    return action;
}

void CodebookPage::refresh() {
    const auto keep = currentId();
    const QString error =
        model_->reload(session()->isOpen() ? &session()->project()->db() : nullptr);
    if (!error.isEmpty())
        showError(error);
    tree_->expandAll();
    if (keep)
        selectCategory(*keep);
    // Something is always chosen, so the side panel has a category to show.
    updateLevels();
    if (!currentId() && model_->rowCount() > 0)
        tree_->setCurrentIndex(model_->index(0, 0));
    details_->showCategory(currentId());
}

void CodebookPage::updateLevels() {
    levels_->clear();
    details_->setLevelIssues({});
    if (!session()->isOpen())
        return;
    auto issues = codebook::checkLevels(session()->project()->db());
    if (!issues || issues->empty())
        return;
    details_->setLevelIssues(*issues);
    // Only uses at the wrong level are warnings; an unused short branch is work in progress.
    QStringList lines;
    for (const auto& issue : *issues)
        if (issue.kind != codebook::LevelIssue::Kind::LeafWrongDepth)
            lines << QStringLiteral("⚠ ") + toQ(issue.message);
    levels_->setText(lines.join(QLatin1Char('\n')));
}

QString CodebookPage::levelSummary() const {
    return levels_->text();
}

bool CodebookPage::splitCategory(codebook::CategoryId id, const QString& name,
                                 const std::vector<std::int64_t>& postIds) {
    if (!session()->isOpen())
        return false;
    auto split = recoding::splitCategory(session()->project()->db(), id,
                                         name.trimmed().toStdString(), postIds);
    if (!split) {
        showError(toQ(split.message()));
        return false;
    }
    status_->clear();
    const auto created = split->added.category.id;
    undo_->push(splitCategoryCommand(context(), std::move(*split)));
    afterChange();
    selectCategory(created);
    return true;
}

bool CodebookPage::setDescription(codebook::CategoryId id, const QString& description) {
    if (!session()->isOpen())
        return false;
    auto changed =
        codebook::setDescription(session()->project()->db(), id, description.toStdString());
    if (!changed) {
        showError(toQ(changed.message()));
        return false;
    }
    status_->clear();
    if (changed->oldDescription == changed->newDescription)
        return true; // nothing to undo
    undo_->push(descriptionCommand(context(), std::move(*changed)));
    afterChange();
    return true;
}

bool CodebookPage::addExample(codebook::CategoryId id, std::int64_t postId) {
    if (!session()->isOpen())
        return false;
    if (auto status = codebook::addExample(session()->project()->db(), id, postId); !status) {
        showError(toQ(status.message()));
        return false;
    }
    status_->clear();
    undo_->push(exampleCommand(context(), id, postId, true));
    afterChange();
    return true;
}

bool CodebookPage::removeExample(codebook::CategoryId id, std::int64_t postId) {
    if (!session()->isOpen())
        return false;
    if (auto status = codebook::removeExample(session()->project()->db(), id, postId); !status) {
        showError(toQ(status.message()));
        return false;
    }
    status_->clear();
    undo_->push(exampleCommand(context(), id, postId, false));
    afterChange();
    return true;
}

void CodebookPage::splitCurrent() {
    // The split is chosen in the side panel: tick posts, name the new sibling.
    if (currentId())
        details_->focusSplit();
}

QString CodebookPage::lastError() const {
    return status_->text();
}

std::optional<codebook::CategoryId> CodebookPage::currentId() const {
    return model_->idAt(tree_->currentIndex());
}

void CodebookPage::selectCategory(codebook::CategoryId id) {
    const QModelIndex index = model_->indexOf(id);
    if (index.isValid())
        tree_->setCurrentIndex(index);
}

CodebookCommandContext CodebookPage::context() {
    CodebookCommandContext context;
    context.receiver = this;
    context.database = session()->databaseGetter();
    context.changed = [this] {
        afterChange();
    };
    context.reportError = [this](const QString& message) {
        showError(message);
    };
    return context;
}

void CodebookPage::showError(const QString& message) {
    status_->setText(message);
}

void CodebookPage::afterChange() {
    refresh();
    session()->notifyDataChanged();
}

void CodebookPage::updateActions() {
    const bool open = session()->isOpen();
    const bool selected = open && currentId().has_value();
    for (QAction* action : selectionActions_)
        action->setEnabled(selected);
    if (auto* addRootAction = findChild<QAction*>(QStringLiteral("actionAddRoot")))
        addRootAction->setEnabled(open);
}

bool CodebookPage::addCategory(std::optional<codebook::CategoryId> parent, const QString& name) {
    if (!session()->isOpen())
        return false;
    codebook::NewCategory spec;
    spec.parentId = parent;
    spec.name = name.toStdString();
    auto added = codebook::addCategory(session()->project()->db(), spec);
    if (!added) {
        showError(toQ(added.message()));
        return false;
    }
    status_->clear();
    const auto id = added->category.id;
    undo_->push(addCategoryCommand(context(), std::move(*added)));
    afterChange();
    selectCategory(id);
    return true;
}

bool CodebookPage::renameCategory(codebook::CategoryId id, const QString& name) {
    if (!session()->isOpen())
        return false;
    auto renamed = recoding::renameCategory(session()->project()->db(), id, name.toStdString());
    if (!renamed) {
        showError(toQ(renamed.message()));
        return false;
    }
    status_->clear();
    undo_->push(renameCategoryCommand(context(), std::move(*renamed)));
    afterChange();
    return true;
}

bool CodebookPage::moveCategory(codebook::CategoryId id, std::optional<codebook::CategoryId> parent,
                                std::int64_t index) {
    if (!session()->isOpen())
        return false;
    auto moved = codebook::moveCategory(session()->project()->db(), id, parent, index);
    if (!moved) {
        showError(toQ(moved.message()));
        return false;
    }
    status_->clear();
    undo_->push(moveCategoryCommand(context(), std::move(*moved)));
    afterChange();
    return true;
}

bool CodebookPage::mergeCategory(codebook::CategoryId source, codebook::CategoryId target) {
    if (!session()->isOpen())
        return false;
    auto merged = recoding::mergeCategory(session()->project()->db(), source, target);
    if (!merged) {
        showError(toQ(merged.message()));
        return false;
    }
    status_->clear();
    undo_->push(mergeCategoryCommand(context(), std::move(*merged)));
    afterChange();
    selectCategory(target);
    return true;
}

bool CodebookPage::deleteCategory(codebook::CategoryId id,
                                  std::optional<codebook::CategoryId> reassignTo) {
    if (!session()->isOpen())
        return false;
    auto deleted = recoding::deleteCategory(session()->project()->db(), id, reassignTo);
    if (!deleted) {
        showError(toQ(deleted.message()));
        return false;
    }
    status_->clear();
    undo_->push(deleteCategoryCommand(context(), std::move(*deleted)));
    afterChange();
    return true;
}

QString CodebookPage::uniqueChildName(std::optional<codebook::CategoryId> parent) const {
    std::set<QString> taken;
    const QModelIndex parentIndex = parent ? model_->indexOf(*parent) : QModelIndex();
    for (int row = 0; row < model_->rowCount(parentIndex); ++row)
        taken.insert(model_->index(row, 0, parentIndex).data(Qt::EditRole).toString());
    const QString base = tr("New category");
    QString name = base;
    for (int n = 2; taken.count(name); ++n)
        name = base + QLatin1Char(' ') + QString::number(n);
    return name;
}

// A new category opens with its name in an editor, ready to be typed over.
void CodebookPage::editCurrentName() {
    const QModelIndex index = tree_->currentIndex().siblingAtColumn(CategoryTreeModel::NameColumn);
    if (!index.isValid())
        return;
    tree_->scrollTo(index);
    tree_->edit(index);
}

void CodebookPage::addRoot() {
    if (addCategory(std::nullopt, uniqueChildName(std::nullopt)))
        editCurrentName();
}

void CodebookPage::addChild() {
    const auto parent = currentId();
    if (!parent)
        return;
    if (addCategory(parent, uniqueChildName(parent)))
        editCurrentName();
}

void CodebookPage::renameCurrent() {
    editCurrentName();
}

void CodebookPage::moveUp() {
    const QModelIndex index = tree_->currentIndex();
    const auto id = model_->idAt(index);
    if (!id || index.row() == 0)
        return;
    moveCategory(*id, model_->idAt(index.parent()), index.row() - 1);
    selectCategory(*id);
}

void CodebookPage::moveDown() {
    const QModelIndex index = tree_->currentIndex();
    const auto id = model_->idAt(index);
    if (!id || index.row() + 1 >= model_->rowCount(index.parent()))
        return;
    moveCategory(*id, model_->idAt(index.parent()), index.row() + 1);
    selectCategory(*id);
}

void CodebookPage::indent() {
    const QModelIndex index = tree_->currentIndex();
    const auto id = model_->idAt(index);
    if (!id || index.row() == 0)
        return;
    const auto newParent = model_->idAt(model_->index(index.row() - 1, 0, index.parent()));
    moveCategory(*id, newParent, std::numeric_limits<std::int64_t>::max());
    selectCategory(*id);
}

void CodebookPage::outdent() {
    const QModelIndex index = tree_->currentIndex();
    const auto id = model_->idAt(index);
    const QModelIndex parent = index.parent();
    if (!id || !parent.isValid())
        return;
    moveCategory(*id, model_->idAt(parent.parent()), parent.row() + 1);
    selectCategory(*id);
}

std::optional<codebook::CategoryId>
CodebookPage::chooseCategory(const QString& prompt,
                             const std::vector<codebook::CategoryId>& excluded) {
    if (chooser_)
        return chooser_(prompt, excluded);
    auto tree = codebook::listTree(session()->project()->db());
    if (!tree)
        return std::nullopt;
    QStringList paths;
    std::vector<codebook::CategoryId> ids;
    for (const auto& entry : *tree) {
        if (std::find(excluded.begin(), excluded.end(), entry.category.id) != excluded.end())
            continue;
        auto path = codebook::pathOf(session()->project()->db(), entry.category.id);
        if (!path)
            continue;
        QStringList parts;
        for (const auto& name : *path)
            parts << toQ(name);
        paths << parts.join(QStringLiteral(" / "));
        ids.push_back(entry.category.id);
    }
    bool ok = false;
    const QString chosen =
        QInputDialog::getItem(this, tr("Choose a category"), prompt, paths, 0, false, &ok);
    const auto at = paths.indexOf(chosen);
    if (!ok || at < 0)
        return std::nullopt;
    return ids[static_cast<std::size_t>(at)];
}

void CodebookPage::mergeCurrent() {
    const auto id = currentId();
    if (!id)
        return;
    const auto target = chooseCategory(tr("Merge into:"), {*id});
    if (target)
        mergeCategory(*id, *target);
}

void CodebookPage::deleteCurrent() {
    const auto* entry = model_->entryAt(tree_->currentIndex());
    if (!entry)
        return;
    const auto id = entry->category.id;
    if (entry->labelCount == 0) {
        deleteCategory(id);
        return;
    }
    // Labels carry it: deleting means giving those labels another leaf.
    const auto target =
        chooseCategory(tr("%n label(s) carry this category. Reassign them to:", nullptr,
                          static_cast<int>(entry->labelCount)),
                       {id});
    if (target)
        deleteCategory(id, target);
}

} // namespace taxo::ui
