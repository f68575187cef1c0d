#include "ui/labeling/labeling_page.h"

#include "core/codebook/codebook.h"
#include "core/corpus/post_store.h"
#include "core/screening/screening.h"
#include "ui/codebook/category_checklist_model.h"
#include "ui/labeling/codes_panel.h"
#include "ui/labeling/quotes_model.h"
#include "ui/labeling/screening_panel.h"
#include "ui/session/project_session.h"
#include "ui/support/core_command.h"
#include "ui/support/dialogs.h"
#include "ui/support/qt_text.h"
#include "ui/widgets/post_viewer.h"

#include <QAction>
#include <QComboBox>
#include <QCompleter>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QStringListModel>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>
#include <functional>
#include <map>

namespace taxo::ui {
namespace {

// How long the search waits after the last key before it filters, so that
// typing a word does not query the corpus at every letter.
constexpr int kSearchDelayMs = 250;

// The show filter's choices are keyed by text: "all", "unlabeled",
// "special:<name>" and "category:<id>".
QString specialKey(labels::Special special) {
    return QStringLiteral("special:") + toQ(std::string(labels::specialName(special)));
}

QString categoryKey(codebook::CategoryId id) {
    return QStringLiteral("category:%1").arg(id);
}

} // namespace

QString LabelingPage::specialText(const std::optional<labels::Special>& special) {
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

LabelingPage::LabelingPage(ProjectSession* session, Dialogs& dialogs, QWidget* parent)
    : Page(session, parent), assignment_(new QComboBox(this)), whose_(new QLabel(this)),
      done_(new QLabel(this)), progress_(new QProgressBar(this)), show_(new QComboBox(this)),
      search_(new QLineEdit(this)), searchTimer_(new QTimer(this)), position_(new QLabel(this)),
      viewer_(new PostViewer(this)), typeAhead_(new QLineEdit(this)),
      categories_(new QTreeView(this)),
      checklist_(new CategoryChecklistModel(CategoryChecklistModel::BareRoots::Checkable, this)),
      special_(new QLabel(this)), labeledAt_(new QLabel(this)), suggestion_(new QLineEdit(this)),
      suggestionChoices_(new QStringListModel(this)),
      suggestionCompleter_(new QCompleter(suggestionChoices_, this)), note_(new QLineEdit(this)),
      code_(new QLineEdit(this)), saved_(new QLabel(this)), status_(new QLabel(this)),
      undo_(session->undoStack()), sideStack_(new QStackedWidget(this)),
      screening_(new ScreeningPanel(session, undo_, this, sideStack_)),
      quotesView_(new QTableView(this)), quotesModel_(new QuotesModel(this)), dialogs_(dialogs) {
    setObjectName(QStringLiteral("labelingPage"));
    assignment_->setObjectName(QStringLiteral("labelingAssignment"));
    assignment_->setToolTip(tr("The round and the person whose labels this page changes"));
    whose_->setObjectName(QStringLiteral("labelingWhose"));
    whose_->setStyleSheet(QStringLiteral("font-weight: bold;"));
    done_->setObjectName(QStringLiteral("labelingDone"));
    done_->setStyleSheet(QStringLiteral("color: #2e7d32; font-weight: bold;"));
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
    categories_->setModel(checklist_);
    categories_->setHeaderHidden(true);
    typeAhead_->setObjectName(QStringLiteral("labelingTypeAhead"));
    typeAhead_->setPlaceholderText(tr("type to choose a category (/), Enter ticks or unticks it"));
    typeAhead_->setClearButtonEnabled(true);
    suggestion_->setObjectName(QStringLiteral("labelingSuggestion"));
    suggestion_->setPlaceholderText(tr("Pending: suggest a category name"));
    // One idea, one spelling: the coder's own earlier suggestions and the codebook's
    // names are offered while typing (never another coder's: coding is blind).
    suggestionCompleter_->setCaseSensitivity(Qt::CaseInsensitive);
    suggestionCompleter_->setFilterMode(Qt::MatchContains);
    suggestionCompleter_->setCompletionMode(QCompleter::PopupCompletion);
    suggestion_->setCompleter(suggestionCompleter_);
    labeledAt_->setObjectName(QStringLiteral("labelingLabeledAt"));
    note_->setPlaceholderText(tr("note"));
    code_->setPlaceholderText(tr("initial code (open coding)"));
    saved_->setObjectName(QStringLiteral("labelingSaved"));
    // A post's title can be long: the line wraps rather than widen the side panel.
    saved_->setWordWrap(true);
    status_->setObjectName(QStringLiteral("labelingStatus"));
    status_->setWordWrap(true);
    special_->setStyleSheet(QStringLiteral("font-weight: bold;"));

    codes_ = new CodesPanel(session->databaseGetter(), undo_, this);
    buildQuotesView();

    auto* toolbar = new QToolBar(this);
    toolbar->addWidget(assignment_);
    buildActions(toolbar);
    toolbar->addWidget(progress_);

    auto* filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Show"), this));
    filters->addWidget(show_);
    filters->addWidget(search_, 1);
    filters->addWidget(position_);

    auto* top = new QHBoxLayout;
    top->addWidget(whose_, 1);
    top->addWidget(done_);

    auto* side = new QWidget(this);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(typeAhead_);
    sideLayout->addWidget(categories_, 1);
    sideLayout->addWidget(labeledAt_);
    sideLayout->addWidget(special_);
    sideLayout->addWidget(suggestion_);
    sideLayout->addWidget(note_);
    sideLayout->addWidget(code_);
    sideLayout->addWidget(quotesView_->parentWidget());
    sideLayout->addWidget(saved_);
    sideLayout->addWidget(status_);
    auto* sideSplitter = new QSplitter(Qt::Vertical, this);
    sideSplitter->addWidget(side);
    sideSplitter->addWidget(codes_);
    sideSplitter->setStretchFactor(0, 3);
    sideSplitter->setStretchFactor(1, 2);
    // A screening round marks relevant or irrelevant in its own panel instead.
    sideStack_->addWidget(sideSplitter);
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
    splitter->addWidget(viewer_);
    splitter->addWidget(sideStack_);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(toolbar);
    layout->addLayout(top);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);

    categories_->installEventFilter(this);
    typeAhead_->installEventFilter(this);
    connect(assignment_, &QComboBox::currentIndexChanged, this, [this](int wanted) {
        // Another round or person: what was ticked on the shown post is saved first,
        // under the person it was ticked for, as when moving to another post.
        if (wanted != shownAssignment_) {
            const int shown = shownAssignment_;
            bool saved = true;
            {
                const QSignalBlocker blocker(assignment_);
                assignment_->setCurrentIndex(shown);
                saved = saveIfChanged();
                assignment_->setCurrentIndex(saved ? wanted : shown);
            }
            if (!saved)
                return; // the reason shows; the coder stays on the post
        }
        shownAssignment_ = wanted;
        reloadItems();
        updateWorkingAs();
    });
    connect(show_, &QComboBox::currentIndexChanged, this, [this] { applyItemFilter(); });
    connect(search_, &QLineEdit::textChanged, this, [this] { searchTimer_->start(); });
    connect(searchTimer_, &QTimer::timeout, this, [this] { applyItemFilter(); });
    connect(typeAhead_, &QLineEdit::textChanged, this,
            [this](const QString& text) { applyTypeAhead(text); });
    connect(checklist_, &QStandardItemModel::itemChanged, this, [this](QStandardItem* item) {
        // Choosing a category replaces a special value: the two are exclusive.
        if (!loading_ && item->checkState() == Qt::Checked && currentSpecial_) {
            currentSpecial_.reset();
            special_->clear();
        }
        // The list shows the quotes the next save keeps: those of the ticked categories.
        if (!loading_)
            reloadQuotes();
    });
    connect(codes_, &CodesPanel::changed, this, [this] { afterCodesChange(); });
    connect(session, &ProjectSession::projectOpened, this, [this] { reloadAssignments(); });
    connect(session, &ProjectSession::projectClosed, this, [this] { reloadAssignments(); });
}

LabelingPage::~LabelingPage() = default;

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
    assignments_.clear();
    assignmentOffset_ = 0;
    shownAssignment_ = -1;
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
                // A package is one person's own work; anywhere else the person whose
                // labels change is chosen, never assumed (the lead is not Bo).
                if (!package && !assignments_.empty()) {
                    assignment_->addItem(tr("Choose whose labels to change…"));
                    assignmentOffset_ = 1;
                }
                for (const auto& a : assignments_)
                    assignment_->addItem(toQ(a.roundName) + QStringLiteral(" — ") +
                                         (a.coder ? toQ(a.coderName) : tr("consensus")));
                assignment_->setCurrentIndex(package ? firstOpenAssignment() : 0);
                shownAssignment_ = assignment_->currentIndex();
            } else {
                showError(toQ(list.message()));
            }
        }
    }
    reloadTree();
    reloadShowChoices();
    reloadItems();
    updateWorkingAs();
}

QString LabelingPage::workingAs() const {
    const auto* a = assignment();
    if (!a)
        return {};
    return a->coder ? toQ(a->coderName) : tr("the pilot's consensus");
}

QString LabelingPage::workingAsText() const {
    return whose_->text();
}

QString LabelingPage::doneText() const {
    return done_->text();
}

void LabelingPage::updateWorkingAs() {
    const auto* a = assignment();
    if (a)
        whose_->setText(
            a->coder
                ? tr("Changing the labels of %1 in round %2")
                      .arg(toQ(a->coderName), toQ(a->roundName))
                : tr("Changing the pilot's consensus labels in round %1").arg(toQ(a->roundName)));
    else if (assignmentOffset_ > 0)
        whose_->setText(tr("Choose whose labels to change: every label saved here is saved "
                           "as that person's."));
    else
        whose_->clear();
    emit workingAsChanged(workingAs());
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
        showError(toQ(tree.message()));
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
        path.push_back(toQ(entry.category.name));
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
        if (a.kind == rounds::RoundKind::Pilot || !a.coder)
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
            const int entry = static_cast<int>(i) + assignmentOffset_;
            if (assignment_->currentIndex() == entry)
                reloadItems();
            else
                assignment_->setCurrentIndex(entry);
            return true;
        }
    }
    return false;
}

const labels::CodingAssignment* LabelingPage::assignment() const {
    const int chosen = assignment_->currentIndex() - assignmentOffset_;
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
    search_->setText(toQ(filter.search));
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
            showError(toQ(rows.message()));
        code_->setVisible(a->kind == rounds::RoundKind::Pilot);
        codes_->setVisible(a->kind == rounds::RoundKind::Pilot);
        codes_->setAssignment(a->roundId, a->coder);
    } else {
        codes_->setAssignment(std::nullopt, std::nullopt);
    }
    setScreeningMode(a && a->kind == rounds::RoundKind::Screening);

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
            viewer_->showMessage(toQ(post.message()));
    } else {
        viewer_->showMessage(assignment()            ? tr("No post matches the filter.")
                             : assignmentOffset_ > 0 ? tr("Choose above whose labels to change.")
                                                     : tr("No round to label yet."));
    }
    populateCategories();
    loadCurrentLabel();
    if (screeningMode_)
        screening_->showPost(key ? std::optional<std::int64_t>(key->postId) : std::nullopt);
    updateProgress();
}

void LabelingPage::setScreeningMode(bool on) {
    screeningMode_ = on;
    if (const auto* a = assignment(); on && a)
        screening_->setRound(a->roundId, a->coder.value_or(0));
    screening_->setActive(on);
    for (QAction* action : labelActions_)
        action->setEnabled(!on);
    sideStack_->setCurrentWidget(on ? static_cast<QWidget*>(screening_) : sideStack_->widget(0));
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
        checklist_->setCheckedLeaves({});
        if (!typeAhead_->text().isEmpty())
            applyTypeAhead(typeAhead_->text());
        loading_ = false;
        return;
    }
    builtRoots_ = roots;
    treeDirty_ = false;
    if (key && roots)
        checklist_->build(tree_, *roots);
    else
        checklist_->clearTree();
    categories_->expandAll();
    applyTypeAhead(typeAhead_->text());
    loading_ = false;
}

QStandardItem* LabelingPage::categoryItem(codebook::CategoryId id) const {
    return checklist_->itemFor(id);
}

bool LabelingPage::isCategoryHidden(codebook::CategoryId id) const {
    const QModelIndex index = checklist_->indexFor(id);
    return index.isValid() && categories_->isRowHidden(index.row(), index.parent());
}

void LabelingPage::loadCurrentLabel() {
    loading_ = true;
    currentSpecial_.reset();
    special_->clear();
    suggestion_->clear();
    note_->clear();
    code_->clear();
    quotes_.clear();
    const auto key = currentKey();
    std::optional<labels::Label> shown;
    if (key) {
        auto label = labels::loadLabel(session()->project()->db(), *key);
        if (label)
            shown = *label;
        if (label && *label) {
            const auto& content = (*label)->content;
            for (const auto id : content.categories)
                if (auto* item = categoryItem(id))
                    item->setCheckState(Qt::Checked);
            currentSpecial_ = content.special;
            special_->setText(specialText(content.special));
            suggestion_->setText(toQ(content.suggestion));
            note_->setText(toQ(content.note));
            code_->setText(toQ(content.code));
            quotes_ = content.quotes;
        }
    }
    reloadQuotes();
    showLabeledAt(shown);
    reloadSuggestionChoices();
    loading_ = false;
}

void LabelingPage::reloadSuggestionChoices() {
    QStringList choices;
    if (const auto* a = assignment()) {
        auto found = labels::suggestionChoices(session()->project()->db(), a->roundId, a->coder);
        if (!found) {
            showError(toQ(found.message()));
        } else {
            for (const auto& choice : *found)
                choices << toQ(choice);
        }
    }
    if (choices != suggestionChoices_->stringList())
        suggestionChoices_->setStringList(choices);
}

labels::LabelContent LabelingPage::contentFromWidgets() const {
    labels::LabelContent content;
    content.categories = checklist_->checkedLeaves();
    content.special = currentSpecial_;
    if (currentSpecial_ == labels::Special::Pending)
        content.suggestion = suggestion_->text().trimmed().toStdString();
    content.note = note_->text().toStdString();
    if (!code_->isHidden() || !code_->text().isEmpty())
        content.code = code_->text().toStdString();
    // The quotes of the categories still ticked, in the order attached: ticking another
    // category keeps them, unticking one (or choosing a special value) drops its own.
    for (const auto& quote : quotes_)
        if (std::binary_search(content.categories.begin(), content.categories.end(),
                               quote.category))
            content.quotes.push_back(quote);
    return content;
}

bool LabelingPage::saveIfChanged() {
    const auto key = currentKey();
    if (!key)
        return true;
    const auto content = contentFromWidgets();
    auto previous = labels::loadLabel(session()->project()->db(), *key);
    if (!previous) {
        showError(toQ(previous.message()));
        return false;
    }
    if (!*previous && content == labels::LabelContent{})
        return true; // an untouched post: nothing to save
    return saveCurrent();
}

bool LabelingPage::saveCurrent() {
    return saveContent(contentFromWidgets(), {});
}

bool LabelingPage::saveContent(const labels::LabelContent& content, const QString& what) {
    const auto key = currentKey();
    if (!key)
        return false;
    auto previous = labels::loadLabel(session()->project()->db(), *key);
    if (previous && *previous && (*previous)->content == content)
        return true; // nothing changed: no save, no undo step
    auto saved = labels::changeLabel(session()->project()->db(), *key, content);
    if (!saved) {
        showError(toQ(saved.message()));
        return false;
    }
    // Quotes that go with a category unticked are said, never dropped unseen.
    QStringList done;
    if (!what.isEmpty())
        done << what;
    if (saved->previous)
        if (const QString dropped = droppedQuotesText(saved->previous->content, content);
            !dropped.isEmpty())
            done << dropped;
    const QString doneText = done.join(QStringLiteral("; "));
    undo_->push(new CoreCommand(
        // Two arguments at once: a quoted passage's own "%1" is never replaced.
        what.isEmpty() ? tr("Label %1").arg(postNameText(key->postId))
                       : tr("%1 in %2").arg(what, postNameText(key->postId)),
        session()->databaseGetter(),
        [change = *saved](sql::Database& db) { return labels::redoSave(db, change); },
        [change = *saved](sql::Database& db) { return labels::undoSave(db, change); }, this,
        [this, change = *saved, doneText](const QString& error, bool undone) {
            afterUndoStep(change.key);
            if (!error.isEmpty())
                showError(error);
            else
                showUndoStep(change, undone, doneText);
        }));
    quotes_ = content.quotes;
    reloadQuotes();
    showSaved(doneText);
    if (auto now = labels::loadLabel(session()->project()->db(), *key))
        showLabeledAt(*now);
    refreshStates();
    updateProgress();
    if (!code_->isHidden())
        codes_->reload();
    session()->notifyDataChanged();
    return true;
}

bool LabelingPage::settleBeforeClose(Dialogs& dialogs) {
    if (!session()->isOpen() || screeningMode_ || saveIfChanged())
        return true;
    // Core refused the label: say why and let the person decide.
    return dialogs.confirm(this, tr("Label not saved"),
                           tr("The label of the shown post cannot be saved: %1\nClosing drops "
                              "what is ticked on it.")
                               .arg(status_->text()),
                           tr("Close and drop the label"));
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

bool LabelingPage::setSpecial(labels::Special special) {
    if (!currentKey())
        return false;
    loading_ = true;
    checklist_->setCheckedLeaves({});
    loading_ = false;
    currentSpecial_ = special;
    special_->setText(specialText(special));
    if (special == labels::Special::Pending)
        suggestion_->setFocus();
    return saveCurrent();
}

} // namespace taxo::ui
