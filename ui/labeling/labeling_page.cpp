#include "labeling/labeling_page.h"

#include "app/project_session.h"
#include "corpus/post_store.h"
#include "labeling/codes_panel.h"
#include "labeling/label_commands.h"
#include "widgets/post_viewer.h"

#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QSplitter>
#include <QTime>
#include <QTimer>
#include <QToolBar>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>
#include <functional>
#include <map>

namespace taxo::ui {
namespace {

QString q(const std::string& text) {
    return QString::fromStdString(text);
}

constexpr int kIdRole = Qt::UserRole + 1;
// How long the search waits after the last key before it filters, so that
// typing a word does not query the corpus at every letter.
constexpr int kSearchDelayMs = 250;

QString specialText(const std::optional<labels::Special>& special) {
    if (!special)
        return {};
    switch (*special) {
    case labels::Special::FalsePositive:
        return QCoreApplication::translate("Coding", "False positive");
    case labels::Special::Unclear:
        return QCoreApplication::translate("Coding", "Unclear");
    case labels::Special::Pending:
        return QCoreApplication::translate("Coding", "Pending");
    }
    return {};
}

// The show filter's choices are keyed by text: "all", "unlabeled",
// "special:<name>" and "category:<id>".
QString specialKey(labels::Special special) {
    return QStringLiteral("special:") + q(std::string(labels::specialName(special)));
}

QString categoryKey(codebook::CategoryId id) {
    return QStringLiteral("category:%1").arg(id);
}

} // namespace

LabelingPage::LabelingPage(ProjectSession* session, QWidget* parent)
    : Page(session, parent), assignment_(new QComboBox(this)), progress_(new QProgressBar(this)),
      show_(new QComboBox(this)), search_(new QLineEdit(this)), searchTimer_(new QTimer(this)),
      position_(new QLabel(this)), viewer_(new PostViewer(this)), typeAhead_(new QLineEdit(this)),
      categories_(new QTreeWidget(this)), special_(new QLabel(this)),
      suggestion_(new QLineEdit(this)), note_(new QLineEdit(this)), code_(new QLineEdit(this)),
      saved_(new QLabel(this)), status_(new QLabel(this)), undo_(new QUndoStack(this)) {
    setObjectName(QStringLiteral("labelingPage"));
    assignment_->setObjectName(QStringLiteral("labelingAssignment"));
    progress_->setObjectName(QStringLiteral("labelingProgress"));
    progress_->setMinimumWidth(220);
    progress_->setTextVisible(true);
    show_->setObjectName(QStringLiteral("labelingShow"));
    search_->setObjectName(QStringLiteral("labelingSearch"));
    search_->setPlaceholderText(tr("search posts (words, Ctrl+F)"));
    search_->setClearButtonEnabled(true);
    searchTimer_->setSingleShot(true);
    searchTimer_->setInterval(kSearchDelayMs);
    position_->setObjectName(QStringLiteral("labelingPosition"));
    categories_->setObjectName(QStringLiteral("labelingCategories"));
    categories_->setHeaderHidden(true);
    typeAhead_->setObjectName(QStringLiteral("labelingTypeAhead"));
    typeAhead_->setPlaceholderText(tr("type to choose a category (/), Enter ticks it"));
    typeAhead_->setClearButtonEnabled(true);
    suggestion_->setPlaceholderText(tr("Pending: suggest a category name"));
    note_->setPlaceholderText(tr("note"));
    code_->setPlaceholderText(tr("initial code (open coding)"));
    saved_->setObjectName(QStringLiteral("labelingSaved"));
    status_->setObjectName(QStringLiteral("labelingStatus"));
    status_->setWordWrap(true);
    special_->setStyleSheet(QStringLiteral("font-weight: bold;"));

    auto database = [this]() -> sql::Database* {
        return this->session()->isOpen() ? &this->session()->project()->db() : nullptr;
    };
    codes_ = new CodesPanel(database, undo_, this);

    auto* toolbar = new QToolBar(this);
    toolbar->addWidget(assignment_);
    buildActions(toolbar);
    toolbar->addWidget(progress_);

    auto* filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Show"), this));
    filters->addWidget(show_);
    filters->addWidget(search_, 1);
    filters->addWidget(position_);

    auto* side = new QWidget(this);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(typeAhead_);
    sideLayout->addWidget(categories_, 1);
    sideLayout->addWidget(special_);
    sideLayout->addWidget(suggestion_);
    sideLayout->addWidget(note_);
    sideLayout->addWidget(code_);
    sideLayout->addWidget(saved_);
    sideLayout->addWidget(status_);
    auto* sideSplitter = new QSplitter(Qt::Vertical, this);
    sideSplitter->addWidget(side);
    sideSplitter->addWidget(codes_);
    sideSplitter->setStretchFactor(0, 3);
    sideSplitter->setStretchFactor(1, 2);
    auto* splitter = new QSplitter(this);
    splitter->addWidget(viewer_);
    splitter->addWidget(sideSplitter);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(toolbar);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);

    categories_->installEventFilter(this);
    typeAhead_->installEventFilter(this);
    connect(assignment_, &QComboBox::currentIndexChanged, this, [this] {
        undo_->clear();
        reloadItems();
    });
    connect(show_, &QComboBox::currentIndexChanged, this, [this] { applyItemFilter(); });
    connect(search_, &QLineEdit::textChanged, this, [this] { searchTimer_->start(); });
    connect(searchTimer_, &QTimer::timeout, this, [this] { applyItemFilter(); });
    connect(typeAhead_, &QLineEdit::textChanged, this,
            [this](const QString& text) { applyTypeAhead(text); });
    connect(categories_, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item) {
        // Choosing a category replaces a special value: the two are exclusive.
        if (!loading_ && item->checkState(0) == Qt::Checked && currentSpecial_) {
            currentSpecial_.reset();
            special_->clear();
        }
    });
    connect(codes_, &CodesPanel::changed, this, [this] { afterCodesChange(); });
    connect(session, &ProjectSession::projectOpened, this, [this] { reloadAssignments(); });
    connect(session, &ProjectSession::projectClosed, this, [this] { reloadAssignments(); });
}

LabelingPage::~LabelingPage() {
    undo_->clear();
}

void LabelingPage::buildActions(QWidget* toolbar) {
    QAction* previous = makeAction(QStringLiteral("actionPreviousPost"), tr("Previous"),
                                   {QKeySequence(Qt::ALT | Qt::Key_Left)});
    QAction* next = makeAction(QStringLiteral("actionNextPost"), tr("Next"),
                               {QKeySequence(Qt::ALT | Qt::Key_Right)});
    QAction* unlabeled = makeAction(QStringLiteral("actionNextUnlabeled"), tr("Next unlabeled"),
                                    {QKeySequence(Qt::CTRL | Qt::Key_U)});
    for (QAction* action : {previous, next, unlabeled})
        toolbar->addAction(action);
    // Leaving a post keeps what was chosen on it: unsaved changes are saved
    // first, and a refused label keeps the coder on the post with the reason.
    connect(previous, &QAction::triggered, this, [this] {
        if (saveIfChanged())
            showItem(std::max(0, index_ - 1));
    });
    connect(next, &QAction::triggered, this, [this] {
        if (saveIfChanged())
            showItem(index_ + 1);
    });
    connect(unlabeled, &QAction::triggered, this, [this] {
        if (saveIfChanged())
            nextUnlabeled();
    });

    QAction* save = makeAction(QStringLiteral("actionSaveNext"), tr("Save and next"),
                               {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter),
                                QKeySequence(Qt::CTRL | Qt::Key_Return)});
    connect(save, &QAction::triggered, this, [this] { enterPressed(); });
    // Single letters, as in the design: line edits keep them while typing.
    const std::pair<const char*, labels::Special> specials[] = {
        {"actionFalsePositive", labels::Special::FalsePositive},
        {"actionUnclear", labels::Special::Unclear},
        {"actionPending", labels::Special::Pending}};
    const Qt::Key keys[] = {Qt::Key_F, Qt::Key_U, Qt::Key_P};
    for (int i = 0; i < 3; ++i) {
        const auto special = specials[i].second;
        QAction* action = makeAction(QString::fromLatin1(specials[i].first), specialText(special),
                                     {QKeySequence(keys[i])});
        connect(action, &QAction::triggered, this, [this, special] { setSpecial(special); });
    }
    QAction* chooseCategory =
        makeAction(QStringLiteral("actionTypeAhead"), tr("Choose a category by typing"),
                   {QKeySequence(Qt::Key_Slash), QKeySequence(Qt::CTRL | Qt::Key_K)});
    connect(chooseCategory, &QAction::triggered, this, [this] {
        typeAhead_->setFocus();
        typeAhead_->selectAll();
    });
    QAction* find = makeAction(QStringLiteral("actionSearchPosts"), tr("Search posts"),
                               {QKeySequence(Qt::CTRL | Qt::Key_F)});
    connect(find, &QAction::triggered, this, [this] {
        search_->setFocus();
        search_->selectAll();
    });
    QAction* note = makeAction(QStringLiteral("actionNote"), tr("Write a note"),
                               {QKeySequence(Qt::CTRL | Qt::Key_N)});
    connect(note, &QAction::triggered, this, [this] { note_->setFocus(); });

    QAction* undoAction = undo_->createUndoAction(this, tr("Undo"));
    undoAction->setObjectName(QStringLiteral("actionUndoLabel"));
    undoAction->setShortcut(QKeySequence::Undo);
    QAction* redoAction = undo_->createRedoAction(this, tr("Redo"));
    redoAction->setObjectName(QStringLiteral("actionRedoLabel"));
    redoAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo});
    for (QAction* action : {undoAction, redoAction}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        QWidget::addAction(action);
        toolbar->addAction(action);
    }
}

QAction* LabelingPage::makeAction(const QString& name, const QString& text,
                                  const QList<QKeySequence>& keys) {
    auto* action = new QAction(text, this);
    action->setObjectName(name);
    action->setShortcuts(keys);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setToolTip(text + QStringLiteral(" (") +
                       keys.first().toString(QKeySequence::NativeText) + QStringLiteral(")"));
    QWidget::addAction(action);
    return action;
}

bool LabelingPage::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() != QEvent::KeyPress)
        return Page::eventFilter(watched, event);
    auto* key = static_cast<QKeyEvent*>(event);
    if (watched == categories_) {
        // A letter typed on the tree starts the type-ahead (F, U and P never
        // get here: they are the special labels' shortcuts).
        const QString text = key->text();
        const bool plain =
            !(key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier));
        if (plain && text.size() == 1 && text.at(0).isPrint() && !text.at(0).isSpace()) {
            typeAhead_->setFocus();
            typeAhead_->setText(text);
            return true;
        }
    } else if (watched == typeAhead_) {
        if (key->key() == Qt::Key_Escape || key->key() == Qt::Key_Down) {
            if (key->key() == Qt::Key_Escape)
                typeAhead_->clear();
            categories_->setFocus();
            return true;
        }
    }
    return Page::eventFilter(watched, event);
}

void LabelingPage::refresh() {
    if (assignment_->count() == 0) {
        reloadAssignments();
        return;
    }
    reloadTree();
    reloadShowChoices();
    refreshStates();
    populateCategories();
    loadCurrentLabel();
    codes_->reload();
    updateProgress();
}

void LabelingPage::reloadAssignments() {
    undo_->clear();
    assignments_.clear();
    {
        const QSignalBlocker blocker(assignment_);
        assignment_->clear();
        if (session()->isOpen()) {
            auto list = labels::codingAssignments(session()->project()->db());
            if (list) {
                assignments_ = std::move(*list);
                for (const auto& a : assignments_)
                    assignment_->addItem(q(a.roundName) + QStringLiteral(" — ") +
                                         (a.coder ? q(a.coderName) : tr("consensus")));
                assignment_->setCurrentIndex(firstOpenAssignment());
            } else {
                showError(q(list.message()));
            }
        }
    }
    reloadTree();
    reloadShowChoices();
    reloadItems();
}

void LabelingPage::reloadTree() {
    tree_.clear();
    treeDirty_ = true;
    if (!session()->isOpen())
        return;
    auto tree = codebook::listTree(session()->project()->db());
    if (tree)
        tree_ = std::move(*tree);
    else
        showError(q(tree.message()));
}

void LabelingPage::reloadShowChoices() {
    const QSignalBlocker blocker(show_);
    const QVariant before = show_->currentData();
    show_->clear();
    show_->addItem(tr("All posts"), QStringLiteral("all"));
    show_->addItem(tr("Unlabeled"), QStringLiteral("unlabeled"));
    for (const auto special :
         {labels::Special::FalsePositive, labels::Special::Unclear, labels::Special::Pending})
        show_->addItem(specialText(special), specialKey(special));
    std::vector<QString> path;
    for (const auto& entry : tree_) {
        path.resize(static_cast<std::size_t>(entry.depth));
        path.push_back(q(entry.category.name));
        QStringList parts(path.begin(), path.end());
        show_->addItem(tr("Labeled %1").arg(parts.join(QStringLiteral(" › "))),
                       categoryKey(entry.category.id));
    }
    const int i = show_->findData(before);
    show_->setCurrentIndex(i >= 0 ? i : 0);
}

int LabelingPage::firstOpenAssignment() const {
    // Where work is left: the first coder assignment of a reliability (or
    // screening) round with unlabeled posts; the pilot is coded together.
    for (std::size_t i = 0; i < assignments_.size(); ++i) {
        const auto& a = assignments_[i];
        if (a.kind == "pilot" || !a.coder)
            continue;
        auto progress = labels::progressForCoder(session()->project()->db(), a.roundId, a.coder);
        if (progress && progress->labeled < progress->total)
            return static_cast<int>(i);
    }
    return assignments_.empty() ? -1 : 0;
}

bool LabelingPage::chooseAssignment(std::int64_t roundId, const labels::CoderId& coder) {
    for (std::size_t i = 0; i < assignments_.size(); ++i) {
        if (assignments_[i].roundId == roundId && assignments_[i].coder == coder) {
            if (assignment_->currentIndex() == static_cast<int>(i))
                reloadItems();
            else
                assignment_->setCurrentIndex(static_cast<int>(i));
            return true;
        }
    }
    return false;
}

const labels::CodingAssignment* LabelingPage::assignment() const {
    const int chosen = assignment_->currentIndex();
    if (!session()->isOpen() || chosen < 0 || chosen >= static_cast<int>(assignments_.size()))
        return nullptr;
    return &assignments_[static_cast<std::size_t>(chosen)];
}

labels::ItemFilter LabelingPage::itemFilter() const {
    labels::ItemFilter filter;
    const QString key = show_->currentData().toString();
    if (key == QLatin1String("unlabeled"))
        filter.unlabeledOnly = true;
    else if (key.startsWith(QLatin1String("special:")))
        filter.special = labels::parseSpecial(key.mid(8).toStdString());
    else if (key.startsWith(QLatin1String("category:")))
        filter.category = key.mid(9).toLongLong();
    filter.search = search_->text().toStdString();
    return filter;
}

void LabelingPage::setItemFilter(const labels::ItemFilter& filter) {
    QString key = QStringLiteral("all");
    if (filter.unlabeledOnly)
        key = QStringLiteral("unlabeled");
    else if (filter.special)
        key = specialKey(*filter.special);
    else if (filter.category)
        key = categoryKey(*filter.category);
    const QSignalBlocker showBlocker(show_);
    const QSignalBlocker searchBlocker(search_);
    const int i = show_->findData(key);
    show_->setCurrentIndex(i >= 0 ? i : 0);
    search_->setText(q(filter.search));
    applyItemFilter();
}

void LabelingPage::applyItemFilter() {
    searchTimer_->stop();
    if (!saveIfChanged())
        return;
    reloadItems();
}

void LabelingPage::reloadItems() {
    const auto keep = currentKey();
    items_.clear();
    index_ = -1;
    const auto* a = assignment();
    if (a) {
        auto rows =
            labels::filterForCoder(session()->project()->db(), a->roundId, a->coder, itemFilter());
        if (rows)
            items_ = std::move(*rows);
        else
            showError(q(rows.message()));
        code_->setVisible(a->kind == "pilot");
        codes_->setVisible(a->kind == "pilot");
        codes_->setAssignment(a->roundId, a->coder);
    } else {
        codes_->setAssignment(std::nullopt, std::nullopt);
    }
    refreshStates();
    // Open where the work is: the first post still to label, else the first.
    int start = items_.empty() ? -1 : 0;
    for (int i = 0; i < itemCount(); ++i)
        if (!labels::isLabeled(items_[static_cast<std::size_t>(i)].state)) {
            start = i;
            break;
        }
    // Stay on the post shown before when the new list still has it.
    for (int i = 0; keep && i < itemCount(); ++i)
        if (items_[static_cast<std::size_t>(i)].postId == keep->postId)
            start = i;
    showItem(start);
}

void LabelingPage::refreshStates() {
    const auto* a = assignment();
    progressCounts_ = {};
    if (!a)
        return;
    auto rows = labels::listForCoder(session()->project()->db(), a->roundId, a->coder);
    if (!rows)
        return;
    // The round's progress comes from the same rows: one query per step.
    progressCounts_ = {};
    std::map<std::int64_t, const labels::LabelRow*> byPost;
    for (const auto& row : *rows) {
        byPost[row.postId] = &row;
        ++progressCounts_.total;
        if (labels::isLabeled(row.state))
            ++progressCounts_.labeled;
    }
    for (auto& item : items_)
        if (const auto found = byPost.find(item.postId); found != byPost.end())
            item = *found->second;
}

std::optional<labels::LabelKey> LabelingPage::currentKey() const {
    const auto* a = assignment();
    if (!a || index_ < 0 || index_ >= itemCount())
        return std::nullopt;
    return labels::LabelKey{a->roundId, items_[static_cast<std::size_t>(index_)].postId, a->coder};
}

void LabelingPage::showItem(int index) {
    if (index >= itemCount())
        return;
    index_ = index < 0 ? (items_.empty() ? -1 : 0) : index;
    const auto key = currentKey();
    if (key) {
        auto post = corpus::loadPost(session()->project()->db(), key->postId);
        if (post)
            viewer_->showPost(*post);
        else
            viewer_->showMessage(q(post.message()));
    } else {
        viewer_->showMessage(assignment() ? tr("No post matches the filter.")
                                          : tr("No round to label yet."));
    }
    populateCategories();
    loadCurrentLabel();
    updateProgress();
}

void LabelingPage::populateCategories() {
    loading_ = true;
    const auto key = currentKey();
    std::optional<std::optional<std::vector<std::string>>> roots;
    if (key) {
        if (auto found = labels::rootNamesForPost(session()->project()->db(), key->postId))
            roots = std::move(*found);
    }
    // The next post of the same sets gets the same tree: untick it rather than
    // build it again, which is most of the time of a step on a big codebook.
    if (!treeDirty_ && roots && builtRoots_ == roots) {
        for (QTreeWidgetItemIterator it(categories_); *it; ++it)
            if (((*it)->flags() & Qt::ItemIsUserCheckable) && (*it)->checkState(0) != Qt::Unchecked)
                (*it)->setCheckState(0, Qt::Unchecked);
        if (!typeAhead_->text().isEmpty())
            applyTypeAhead(typeAhead_->text());
        loading_ = false;
        return;
    }
    categories_->clear();
    builtRoots_ = roots;
    treeDirty_ = false;
    if (key) {
        if (roots) {
            std::map<codebook::CategoryId, QTreeWidgetItem*> items;
            for (const auto& entry : tree_) {
                QTreeWidgetItem* item = nullptr;
                if (entry.category.parentId) {
                    const auto parent = items.find(*entry.category.parentId);
                    if (parent == items.end())
                        continue; // under a root this post's sets do not name
                    item = new QTreeWidgetItem(parent->second);
                } else {
                    const std::string& name = entry.category.name;
                    if (*roots &&
                        std::find((*roots)->begin(), (*roots)->end(), name) == (*roots)->end())
                        continue;
                    item = new QTreeWidgetItem(categories_);
                }
                item->setText(0, q(entry.category.name));
                item->setData(0, kIdRole,
                              QVariant::fromValue(static_cast<qint64>(entry.category.id)));
                if (!entry.category.description.empty())
                    item->setToolTip(0, q(entry.category.description));
                // Only leaves are labels; a tree item is user-checkable by default.
                if (!entry.hasChildren) {
                    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
                    item->setCheckState(0, Qt::Unchecked);
                } else {
                    item->setFlags(item->flags() & ~Qt::ItemIsUserCheckable);
                }
                items[entry.category.id] = item;
            }
        }
    }
    categories_->expandAll();
    applyTypeAhead(typeAhead_->text());
    loading_ = false;
}

void LabelingPage::applyTypeAhead(const QString& text) {
    // A leaf shows when its name matches; an inner category when a leaf below does.
    QTreeWidgetItem* first = nullptr;
    std::function<bool(QTreeWidgetItem*)> visit = [&](QTreeWidgetItem* item) {
        const bool self = item->text(0).contains(text, Qt::CaseInsensitive);
        bool any = self && item->childCount() == 0;
        if (any && !first && !text.isEmpty())
            first = item;
        for (int i = 0; i < item->childCount(); ++i)
            any = visit(item->child(i)) || any;
        item->setHidden(!text.isEmpty() && !any && !self);
        return any || self;
    };
    for (int i = 0; i < categories_->topLevelItemCount(); ++i)
        visit(categories_->topLevelItem(i));
    if (first)
        categories_->setCurrentItem(first);
}

bool LabelingPage::pickTypeAheadMatch() {
    const QString text = typeAhead_->text().trimmed();
    if (text.isEmpty() || !currentKey())
        return false;
    QTreeWidgetItem* exact = nullptr;
    QTreeWidgetItem* first = nullptr;
    for (QTreeWidgetItemIterator it(categories_); *it; ++it) {
        QTreeWidgetItem* item = *it;
        if (!(item->flags() & Qt::ItemIsUserCheckable) ||
            !item->text(0).contains(text, Qt::CaseInsensitive))
            continue;
        if (!first)
            first = item;
        if (!exact && item->text(0).compare(text, Qt::CaseInsensitive) == 0)
            exact = item;
    }
    QTreeWidgetItem* chosen = exact ? exact : first;
    if (!chosen) {
        showError(tr("No category matches \"%1\".").arg(text));
        return false;
    }
    chosen->setCheckState(0, Qt::Checked);
    typeAhead_->clear();
    categories_->setCurrentItem(chosen);
    categories_->setFocus();
    status_->setText(tr("Ticked %1; Enter saves and moves on.").arg(chosen->text(0)));
    return true;
}

QTreeWidgetItem* LabelingPage::categoryItem(codebook::CategoryId id) const {
    for (QTreeWidgetItemIterator it(categories_); *it; ++it)
        if ((*it)->data(0, kIdRole).toLongLong() == id)
            return *it;
    return nullptr;
}

void LabelingPage::loadCurrentLabel() {
    loading_ = true;
    currentSpecial_.reset();
    special_->clear();
    suggestion_->clear();
    note_->clear();
    code_->clear();
    const auto key = currentKey();
    if (key) {
        auto label = labels::loadLabel(session()->project()->db(), *key);
        if (label && *label) {
            const auto& content = (*label)->content;
            for (const auto id : content.categories)
                if (auto* item = categoryItem(id))
                    item->setCheckState(0, Qt::Checked);
            currentSpecial_ = content.special;
            special_->setText(specialText(content.special));
            suggestion_->setText(q(content.suggestion));
            note_->setText(q(content.note));
            code_->setText(q(content.code));
        }
    }
    loading_ = false;
}

void LabelingPage::updateProgress() {
    const auto* a = assignment();
    if (!a) {
        progress_->setRange(0, 1);
        progress_->setValue(0);
        progress_->setFormat(tr("no round"));
        position_->clear();
        return;
    }
    const labels::Progress* progress = &progressCounts_;
    progress_->setRange(0, static_cast<int>(std::max<std::int64_t>(progress->total, 1)));
    progress_->setValue(static_cast<int>(progress->labeled));
    progress_->setFormat(tr("%1 of %2 labeled by me").arg(progress->labeled).arg(progress->total));
    QString position = itemCount() == 0 ? tr("no post shown")
                                        : tr("post %1 of %2").arg(index_ + 1).arg(itemCount());
    if (itemCount() != progress->total)
        position += tr(" (filtered)");
    position_->setText(position);
}

QString LabelingPage::statusText() const {
    return status_->text();
}

QString LabelingPage::savedText() const {
    return saved_->text();
}

QString LabelingPage::progressText() const {
    return progress_->format();
}

QString LabelingPage::positionText() const {
    return position_->text();
}

void LabelingPage::showSaved() {
    const auto key = currentKey();
    saved_->setStyleSheet(QStringLiteral("color: #2e7d32; font-weight: bold;"));
    saved_->setText(tr("✔ Saved post %1 at %2")
                        .arg(key ? key->postId : 0)
                        .arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
    status_->clear();
}

void LabelingPage::showError(const QString& message) {
    status_->setStyleSheet(QStringLiteral("color: #c62828;"));
    status_->setText(message);
}

labels::LabelContent LabelingPage::contentFromWidgets() const {
    labels::LabelContent content;
    for (QTreeWidgetItemIterator it(categories_); *it; ++it)
        if (((*it)->flags() & Qt::ItemIsUserCheckable) && (*it)->checkState(0) == Qt::Checked)
            content.categories.push_back((*it)->data(0, kIdRole).toLongLong());
    content.special = currentSpecial_;
    if (currentSpecial_ == labels::Special::Pending)
        content.suggestion = suggestion_->text().trimmed().toStdString();
    content.note = note_->text().toStdString();
    if (!code_->isHidden() || !code_->text().isEmpty())
        content.code = code_->text().toStdString();
    return content;
}

bool LabelingPage::saveIfChanged() {
    const auto key = currentKey();
    if (!key)
        return true;
    const auto content = contentFromWidgets();
    auto previous = labels::loadLabel(session()->project()->db(), *key);
    if (!previous) {
        showError(q(previous.message()));
        return false;
    }
    if (!*previous && content == labels::LabelContent{})
        return true; // an untouched post: nothing to save
    return saveCurrent();
}

bool LabelingPage::saveCurrent() {
    const auto key = currentKey();
    if (!key)
        return false;
    const auto content = contentFromWidgets();
    auto previous = labels::loadLabel(session()->project()->db(), *key);
    if (previous && *previous && (*previous)->content == content)
        return true; // nothing changed: no save, no undo step
    auto saved = labels::saveLabel(session()->project()->db(), *key, content);
    if (!saved) {
        showError(q(saved.message()));
        return false;
    }
    auto database = [this]() -> sql::Database* {
        return session()->isOpen() ? &session()->project()->db() : nullptr;
    };
    undo_->push(new SaveLabelCommand(
        database,
        [this](const labels::LabelKey& stepKey, const QString& error) {
            afterUndoStep(stepKey);
            if (!error.isEmpty())
                showError(error);
        },
        *key, std::move(*saved), content));
    showSaved();
    refreshStates();
    updateProgress();
    if (!code_->isHidden())
        codes_->reload();
    session()->notifyDataChanged();
    return true;
}

void LabelingPage::afterUndoStep(const labels::LabelKey& key) {
    // Show the post whose label the step changed, with its label as it is now.
    refreshStates();
    for (int i = 0; i < itemCount(); ++i)
        if (items_[static_cast<std::size_t>(i)].postId == key.postId)
            index_ = i;
    showItem(index_);
    if (!code_->isHidden())
        codes_->reload();
    session()->notifyDataChanged();
}

void LabelingPage::afterCodesChange() {
    reloadTree();
    reloadShowChoices();
    refreshStates();
    showItem(index_);
    session()->notifyDataChanged();
}

void LabelingPage::setSpecial(labels::Special special) {
    if (!currentKey())
        return;
    loading_ = true;
    for (QTreeWidgetItemIterator it(categories_); *it; ++it)
        if ((*it)->flags() & Qt::ItemIsUserCheckable)
            (*it)->setCheckState(0, Qt::Unchecked);
    loading_ = false;
    currentSpecial_ = special;
    special_->setText(specialText(special));
    if (special == labels::Special::Pending)
        suggestion_->setFocus();
    saveCurrent();
}

void LabelingPage::enterPressed() {
    // Enter means "done here": in the type-ahead it ticks the match, in the
    // search it filters; elsewhere it confirms the label and moves on.
    QWidget* focus = focusWidget();
    if (focus == typeAhead_ && !typeAhead_->text().trimmed().isEmpty()) {
        pickTypeAheadMatch();
        return;
    }
    if (focus == search_) {
        applyItemFilter();
        categories_->setFocus();
        return;
    }
    if (!saveCurrent())
        return;
    if (index_ + 1 < itemCount())
        showItem(index_ + 1);
    // From the note or the suggestion, the next post's keys go to the tree.
    categories_->setFocus();
}

void LabelingPage::nextUnlabeled() {
    for (int step = 1; step <= itemCount(); ++step) {
        const int i = (index_ + step) % itemCount();
        if (!labels::isLabeled(items_[static_cast<std::size_t>(i)].state)) {
            showItem(i);
            return;
        }
    }
    status_->setText(tr("Every post shown here is labeled."));
}

} // namespace taxo::ui
