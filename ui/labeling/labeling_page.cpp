#include "labeling/labeling_page.h"

#include "app/package_actions.h"
#include "app/project_session.h"
#include "codebook/codebook.h"
#include "labeling/screening_panel.h"
#include "screening/screening.h"

#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QStackedWidget>
#include <QTextBrowser>
#include <QTime>
#include <QToolBar>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QUndoCommand>
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

// One saved label. The page saves first (a refusal never reaches the stack);
// undo puts back the exact previous label, redo saves the same content again.
class SaveLabelCommand final : public QUndoCommand {
public:
    using Step = std::function<void(const labels::LabelKey&, const QString& error)>;
    SaveLabelCommand(std::function<sql::Database*()> database, Step after, labels::LabelKey key,
                     std::optional<labels::Label> previous, labels::LabelContent content)
        : database_(std::move(database)), after_(std::move(after)), key_(key),
          previous_(std::move(previous)), content_(std::move(content)) {
        setText(QCoreApplication::translate("Coding", "Label post %1").arg(key_.postId));
    }
    void undo() override {
        auto* db = database_();
        QString error = QCoreApplication::translate("Coding", "no project is open");
        if (db) {
            auto status = labels::restoreLabel(*db, key_, previous_);
            error = status ? QString() : q(status.message());
        }
        finish(error);
    }
    void redo() override {
        if (first_) {
            first_ = false;
            return;
        }
        auto* db = database_();
        QString error = QCoreApplication::translate("Coding", "no project is open");
        if (db) {
            auto saved = labels::saveLabel(*db, key_, content_);
            error = saved ? QString() : q(saved.message());
        }
        finish(error);
    }

private:
    void finish(const QString& error) {
        if (!error.isEmpty())
            setObsolete(true);
        after_(key_, error);
    }
    std::function<sql::Database*()> database_;
    Step after_;
    labels::LabelKey key_;
    std::optional<labels::Label> previous_;
    labels::LabelContent content_;
    bool first_ = true;
};

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

} // namespace

LabelingPage::LabelingPage(ProjectSession* session, QWidget* parent)
    : Page(session, parent), assignment_(new QComboBox(this)), progress_(new QLabel(this)),
      post_(new QTextBrowser(this)), filter_(new QLineEdit(this)),
      categories_(new QTreeWidget(this)), special_(new QLabel(this)),
      suggestion_(new QLineEdit(this)), note_(new QLineEdit(this)), code_(new QLineEdit(this)),
      status_(new QLabel(this)), undo_(new QUndoStack(this)), sideStack_(new QStackedWidget(this)),
      screening_(new ScreeningPanel(session, undo_, this, sideStack_)) {
    setObjectName(QStringLiteral("labelingPage"));
    assignment_->setObjectName(QStringLiteral("labelingAssignment"));
    progress_->setObjectName(QStringLiteral("labelingProgress"));
    categories_->setObjectName(QStringLiteral("labelingCategories"));
    categories_->setHeaderHidden(true);
    filter_->setPlaceholderText(tr("filter categories"));
    filter_->setClearButtonEnabled(true);
    suggestion_->setPlaceholderText(tr("Pending: suggest a category name"));
    note_->setPlaceholderText(tr("note"));
    code_->setPlaceholderText(tr("initial code (open coding)"));
    post_->setOpenExternalLinks(true);
    status_->setObjectName(QStringLiteral("labelingStatus"));
    status_->setWordWrap(true);

    auto* toolbar = new QToolBar(this);
    toolbar->addWidget(assignment_);
    QAction* previous = makeAction(QStringLiteral("actionPreviousPost"), tr("Previous"),
                                   {QKeySequence(Qt::ALT | Qt::Key_Left)});
    QAction* next = makeAction(QStringLiteral("actionNextPost"), tr("Next"),
                               {QKeySequence(Qt::ALT | Qt::Key_Right)});
    QAction* unlabeled = makeAction(QStringLiteral("actionNextUnlabeled"), tr("Next unlabeled"),
                                    {QKeySequence(Qt::CTRL | Qt::Key_U)});
    for (QAction* action : {previous, next, unlabeled})
        toolbar->addAction(action);
    toolbar->addWidget(progress_);
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
    connect(save, &QAction::triggered, this, [this] { saveAndNext(); });
    labelActions_ << save;
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
        labelActions_ << action;
    }
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

    auto* side = new QWidget(this);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(filter_);
    sideLayout->addWidget(categories_, 1);
    sideLayout->addWidget(special_);
    sideLayout->addWidget(suggestion_);
    sideLayout->addWidget(note_);
    sideLayout->addWidget(code_);
    sideLayout->addWidget(status_);
    sideStack_->addWidget(side);
    sideStack_->addWidget(screening_);
    connect(screening_, &ScreeningPanel::marked, this, [this] {
        if (index_ + 1 < itemCount())
            showItem(index_ + 1);
        else
            updateProgress();
    });
    connect(screening_, &ScreeningPanel::markChangedByUndo, this, [this](std::int64_t postId) {
        for (int i = 0; i < itemCount(); ++i)
            if (items_[static_cast<std::size_t>(i)].postId == postId)
                index_ = i;
        showItem(index_);
        this->session()->notifyDataChanged();
    });
    auto* splitter = new QSplitter(this);
    splitter->addWidget(post_);
    splitter->addWidget(sideStack_);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(toolbar);
    layout->addWidget(splitter, 1);

    connect(assignment_, &QComboBox::currentIndexChanged, this, [this] {
        undo_->clear();
        reloadItems();
    });
    connect(filter_, &QLineEdit::textChanged, this,
            [this](const QString& text) { applyFilter(text); });
    connect(categories_, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item) {
        // Choosing a category replaces a special value: the two are exclusive.
        if (!loading_ && item->checkState(0) == Qt::Checked && currentSpecial_) {
            currentSpecial_.reset();
            special_->clear();
        }
    });
    connect(session, &ProjectSession::projectOpened, this, [this] { reloadAssignments(); });
    connect(session, &ProjectSession::projectClosed, this, [this] { reloadAssignments(); });
}

LabelingPage::~LabelingPage() {
    undo_->clear();
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

void LabelingPage::refresh() {
    if (assignment_->count() == 0)
        reloadAssignments();
    else
        populateCategories();
}

void LabelingPage::reloadAssignments() {
    undo_->clear();
    assignments_.clear();
    {
        const QSignalBlocker blocker(assignment_);
        assignment_->clear();
        if (session()->isOpen()) {
            // In a package only its person's own work is offered.
            auto& db = session()->project()->db();
            const auto package = openPackage(*session());
            auto list = package ? packages::packageAssignments(db, *package)
                                : labels::codingAssignments(db);
            if (list) {
                assignments_ = std::move(*list);
                for (const auto& a : assignments_)
                    assignment_->addItem(q(a.roundName) + QStringLiteral(" — ") +
                                         (a.coder ? q(a.coderName) : tr("consensus")));
            } else {
                status_->setText(q(list.message()));
            }
        }
    }
    reloadItems();
}

bool LabelingPage::chooseAssignment(std::int64_t roundId, const labels::CoderId& coder) {
    for (std::size_t i = 0; i < assignments_.size(); ++i) {
        if (assignments_[i].roundId == roundId && assignments_[i].coder == coder) {
            assignment_->setCurrentIndex(static_cast<int>(i));
            return true;
        }
    }
    return false;
}

void LabelingPage::reloadItems() {
    items_.clear();
    index_ = -1;
    const int chosen = assignment_->currentIndex();
    if (session()->isOpen() && chosen >= 0 && chosen < static_cast<int>(assignments_.size())) {
        const auto& a = assignments_[static_cast<std::size_t>(chosen)];
        auto rows = labels::listForCoder(session()->project()->db(), a.roundId, a.coder);
        if (rows)
            items_ = std::move(*rows);
        else
            status_->setText(q(rows.message()));
        code_->setVisible(a.kind == "pilot");
    }
    const bool screeningRound = chosen >= 0 && chosen < static_cast<int>(assignments_.size()) &&
                                assignments_[static_cast<std::size_t>(chosen)].kind == "screening";
    setScreeningMode(screeningRound);
    showItem(items_.empty() ? -1 : 0);
}

std::optional<labels::LabelKey> LabelingPage::currentKey() const {
    const int chosen = assignment_->currentIndex();
    if (index_ < 0 || index_ >= itemCount() || chosen < 0 ||
        chosen >= static_cast<int>(assignments_.size()))
        return std::nullopt;
    const auto& a = assignments_[static_cast<std::size_t>(chosen)];
    return labels::LabelKey{a.roundId, items_[static_cast<std::size_t>(index_)].postId, a.coder};
}

void LabelingPage::showItem(int index) {
    if (index >= itemCount())
        return;
    index_ = index < 0 ? (items_.empty() ? -1 : 0) : index;
    post_->clear();
    const auto key = currentKey();
    if (key) {
        auto text = labels::postText(session()->project()->db(), key->postId);
        if (text) {
            QStringList tags;
            for (const auto& tag : text->tags)
                tags << q(tag).toHtmlEscaped();
            post_->setHtml(QStringLiteral("<h2>") + q(text->title).toHtmlEscaped() +
                           QStringLiteral("</h2><p><i>") + tags.join(QStringLiteral(" · ")) +
                           QStringLiteral("</i></p>") + q(text->body));
        }
    }
    populateCategories();
    loadCurrentLabel();
    if (screeningMode_)
        screening_->showPost(key ? std::optional<std::int64_t>(key->postId) : std::nullopt);
    updateProgress();
}

void LabelingPage::setScreeningMode(bool on) {
    screeningMode_ = on;
    const int chosen = assignment_->currentIndex();
    if (on) {
        const auto& a = assignments_[static_cast<std::size_t>(chosen)];
        screening_->setRound(a.roundId, a.coder.value_or(0));
    }
    screening_->setActive(on);
    for (QAction* action : labelActions_)
        action->setEnabled(!on);
    sideStack_->setCurrentWidget(on ? static_cast<QWidget*>(screening_) : sideStack_->widget(0));
}

void LabelingPage::populateCategories() {
    loading_ = true;
    categories_->clear();
    const auto key = currentKey();
    if (key) {
        auto& db = session()->project()->db();
        auto tree = codebook::listTree(db);
        auto roots = labels::rootNamesForPost(db, key->postId);
        if (tree && roots) {
            std::map<codebook::CategoryId, QTreeWidgetItem*> items;
            for (const auto& entry : *tree) {
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
                if (!entry.hasChildren) {
                    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
                    item->setCheckState(0, Qt::Unchecked);
                }
                items[entry.category.id] = item;
            }
        }
    }
    categories_->expandAll();
    applyFilter(filter_->text());
    loading_ = false;
}

void LabelingPage::applyFilter(const QString& text) {
    // A leaf shows when its name matches; an inner category when a leaf below does.
    std::function<bool(QTreeWidgetItem*)> visit = [&](QTreeWidgetItem* item) {
        bool any = item->text(0).contains(text, Qt::CaseInsensitive);
        for (int i = 0; i < item->childCount(); ++i)
            any = visit(item->child(i)) || any;
        item->setHidden(!text.isEmpty() && !any);
        return any;
    };
    for (int i = 0; i < categories_->topLevelItemCount(); ++i)
        visit(categories_->topLevelItem(i));
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
    const int chosen = assignment_->currentIndex();
    if (!session()->isOpen() || chosen < 0 || chosen >= static_cast<int>(assignments_.size())) {
        progress_->clear();
        return;
    }
    const auto& a = assignments_[static_cast<std::size_t>(chosen)];
    if (screeningMode_) {
        progress_->setText(tr("post %1 of %2 · %3 marked")
                               .arg(index_ + 1)
                               .arg(itemCount())
                               .arg(screening_->markedCount()));
        return;
    }
    auto progress = labels::progressForCoder(session()->project()->db(), a.roundId, a.coder);
    if (!progress)
        return;
    progress_->setText(tr("post %1 of %2 · %3 labeled")
                           .arg(index_ + 1)
                           .arg(progress->total)
                           .arg(progress->labeled));
}

QString LabelingPage::statusText() const {
    return status_->text();
}

QString LabelingPage::progressText() const {
    return progress_->text();
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
    if (code_->isVisible() || !code_->text().isEmpty())
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
        status_->setText(q(previous.message()));
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
        status_->setText(q(saved.message()));
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
                status_->setText(error);
        },
        *key, std::move(*saved), content));
    status_->setText(tr("saved %1").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
    auto rows = labels::listForCoder(session()->project()->db(), key->roundId, key->coder);
    if (rows)
        items_ = std::move(*rows);
    updateProgress();
    session()->notifyDataChanged();
    return true;
}

void LabelingPage::afterUndoStep(const labels::LabelKey& key) {
    // Show the post whose label the step changed, with its label as it is now.
    auto rows = labels::listForCoder(session()->project()->db(), key.roundId, key.coder);
    if (rows)
        items_ = std::move(*rows);
    for (int i = 0; i < itemCount(); ++i)
        if (items_[static_cast<std::size_t>(i)].postId == key.postId)
            index_ = i;
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

void LabelingPage::saveAndNext() {
    if (saveCurrent() && index_ + 1 < itemCount())
        showItem(index_ + 1);
}

void LabelingPage::nextUnlabeled() {
    if (screeningMode_) {
        const auto key = currentKey();
        if (!key)
            return;
        auto marks = screening::marksForCoder(session()->project()->db(), key->roundId,
                                              key->coder.value_or(0));
        if (!marks)
            return;
        for (int step = 1; step <= itemCount(); ++step) {
            const int i = (index_ + step) % itemCount();
            if (!(*marks)[static_cast<std::size_t>(i)].relevant) {
                showItem(i);
                return;
            }
        }
        return;
    }
    for (int step = 1; step <= itemCount(); ++step) {
        const int i = (index_ + step) % itemCount();
        if (items_[static_cast<std::size_t>(i)].state == labels::LabelState::Unlabeled) {
            showItem(i);
            return;
        }
    }
}

} // namespace taxo::ui
