#include "ui/arbitration/arbitration_page.h"

#include "core/corpus/post_store.h"
#include "core/people/people.h"
#include "ui/arbitration/conflict_queue_model.h"
#include "ui/arbitration/conflict_text.h"
#include "ui/codebook/category_checklist_model.h"
#include "ui/codebook/codebook_commands.h"
#include "ui/session/project_session.h"
#include "ui/support/app_settings.h"
#include "ui/support/core_command.h"
#include "ui/support/qt_text.h"
#include "ui/support/undo_actions.h"
#include "ui/widgets/post_viewer.h"

#include <QAction>
#include <QComboBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTextDocument>
#include <QTime>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>

namespace taxo::ui {
namespace {

const QString kSplitterName = QStringLiteral("arbitration/splitter");
const QString kLeftSplitterName = QStringLiteral("arbitration/queueSplitter");

QString shortcutText(const QAction* action) {
    return action->shortcut().toString(QKeySequence::NativeText);
}

} // namespace

ArbitrationPage::ArbitrationPage(ProjectSession* session, QWidget* parent)
    : Page(session, parent), person_(new QComboBox(this)), count_(new QLabel(this)),
      queue_(new ConflictQueueModel(this)), queueView_(new QTableView(this)),
      viewer_(new PostViewer(this)), splitter_(new QSplitter(Qt::Horizontal, this)),
      sides_{new QGroupBox(this), new QGroupBox(this)}, sideText_{new QLabel(this),
                                                                  new QLabel(this)},
      tree_(new CategoryChecklistModel(CategoryChecklistModel::BareRoots::Plain, this)),
      treeView_(new QTreeView(this)), newLeafParent_(new QComboBox(this)),
      newLeafName_(new QLineEdit(this)), addLeaf_(new QPushButton(tr("Add leaf"), this)),
      rationale_(new QPlainTextEdit(this)), quotesTitle_(new QLabel(tr("Quotes to keep:"), this)),
      quotesList_(new QListWidget(this)), choice_(new QLabel(this)), hint_(new QLabel(this)),
      decide_(new QPushButton(tr("Decide"), this)), status_(new QLabel(this)),
      undo_(session->undoStack()) {
    setObjectName(QStringLiteral("arbitrationPage"));
    person_->setObjectName(QStringLiteral("arbitrationPerson"));
    person_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    person_->setToolTip(tr("Whom you arbitrate as: an arbitrator sees the posts of their roots, "
                           "the lead every root's"));
    count_->setObjectName(QStringLiteral("arbitrationCount"));
    queueView_->setObjectName(QStringLiteral("arbitrationQueue"));
    queueView_->setModel(queue_);
    queueView_->setSelectionBehavior(QAbstractItemView::SelectRows);
    queueView_->setSelectionMode(QAbstractItemView::SingleSelection);
    queueView_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    queueView_->verticalHeader()->hide();
    queueView_->verticalHeader()->setDefaultSectionSize(queueView_->fontMetrics().height() + 8);
    queueView_->setWordWrap(false);
    queueView_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    queueView_->horizontalHeader()->setSectionResizeMode(ConflictQueueModel::TitleColumn,
                                                         QHeaderView::Stretch);
    viewer_->setObjectName(QStringLiteral("arbitrationPost"));
    treeView_->setObjectName(QStringLiteral("arbitrationTree"));
    treeView_->setModel(tree_);
    treeView_->setHeaderHidden(true);
    treeView_->setUniformRowHeights(true);
    treeView_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    newLeafParent_->setObjectName(QStringLiteral("arbitrationNewLeafParent"));
    newLeafParent_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    newLeafParent_->setMinimumContentsLength(12);
    newLeafName_->setObjectName(QStringLiteral("arbitrationNewLeafName"));
    newLeafName_->setPlaceholderText(tr("new leaf name"));
    addLeaf_->setObjectName(QStringLiteral("arbitrationAddLeaf"));
    rationale_->setObjectName(QStringLiteral("arbitrationRationale"));
    rationale_->setPlaceholderText(tr("Rationale: why this decision (required)"));
    rationale_->setTabChangesFocus(true);
    rationale_->setFixedHeight(rationale_->fontMetrics().lineSpacing() * 4 + 12);
    quotesList_->setObjectName(QStringLiteral("arbitrationQuotes"));
    quotesList_->setToolTip(tr("Every coder's quotes on this post; tick those the decision keeps"));
    quotesList_->setFixedHeight(quotesList_->fontMetrics().height() * 5 + 12);
    choice_->setObjectName(QStringLiteral("arbitrationChoice"));
    choice_->setWordWrap(true);
    choice_->setTextFormat(Qt::RichText); // the choice in bold, its parts escaped
    hint_->setObjectName(QStringLiteral("arbitrationHint"));
    hint_->setWordWrap(true);
    decide_->setObjectName(QStringLiteral("arbitrationDecide"));
    decide_->setDefault(true);
    status_->setObjectName(QStringLiteral("arbitrationStatus"));
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    for (int side = 0; side < 2; ++side) {
        sides_[side]->setObjectName(side == 0 ? QStringLiteral("arbitrationCoderA")
                                              : QStringLiteral("arbitrationCoderB"));
        sideText_[side]->setWordWrap(true);
        sideText_[side]->setTextFormat(Qt::RichText);
        sideText_[side]->setAlignment(Qt::AlignTop | Qt::AlignLeft);
        sideText_[side]->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto* box = new QVBoxLayout(sides_[side]);
        box->addWidget(sideText_[side]);
        box->addStretch(1);
    }

    // Toolbar: whom, where in the queue, how many are left, undo.
    auto* toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addWidget(new QLabel(tr("Arbitrator: "), this));
    toolbar->addWidget(person_);
    toolbar->addSeparator();
    QAction* previous = makeAction("actionPreviousConflict", tr("Previous"),
                                   {QKeySequence(Qt::ALT | Qt::Key_Left)});
    QAction* next =
        makeAction("actionNextConflict", tr("Next"), {QKeySequence(Qt::ALT | Qt::Key_Right)});
    toolbar->addAction(previous);
    toolbar->addAction(next);
    toolbar->addWidget(count_);
    connect(previous, &QAction::triggered, this, [this] {
        const auto index = queueView_->currentIndex();
        showRow(std::max(0, index.isValid() ? index.row() - 1 : 0));
    });
    connect(next, &QAction::triggered, this, [this] {
        const auto index = queueView_->currentIndex();
        showRow(index.isValid() ? std::min(index.row() + 1, queue_->rowCount() - 1) : 0);
    });
    auto* spacer = new QWidget(this);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    const auto& undoRedo = session->undoRedoActions();
    offerUndoRedo(this, undoRedo);
    addUndoRedoButtons(toolbar, undoRedo);

    // The six decisions and the decide action.
    takeA_ = makeAction("actionTakeA", tr("Take A"), {QKeySequence(Qt::CTRL | Qt::Key_1)});
    takeB_ = makeAction("actionTakeB", tr("Take B"), {QKeySequence(Qt::CTRL | Qt::Key_2)});
    takeBoth_ = makeAction("actionTakeBoth", tr("Take both"), {QKeySequence(Qt::CTRL | Qt::Key_3)});
    other_ =
        makeAction("actionOtherLeaves", tr("Other leaves"), {QKeySequence(Qt::CTRL | Qt::Key_4)});
    falsePositive_ = makeAction("actionFalsePositiveDecision", tr("False positive"),
                                {QKeySequence(Qt::CTRL | Qt::Key_5)});
    unclear_ =
        makeAction("actionUnclearDecision", tr("Unclear"), {QKeySequence(Qt::CTRL | Qt::Key_6)});
    decideAction_ = makeAction(
        "actionDecide", tr("Decide"),
        {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    connect(takeA_, &QAction::triggered, this, &ArbitrationPage::takeA);
    connect(takeB_, &QAction::triggered, this, &ArbitrationPage::takeB);
    connect(takeBoth_, &QAction::triggered, this, &ArbitrationPage::takeBoth);
    connect(other_, &QAction::triggered, this, &ArbitrationPage::chooseOtherLeaves);
    connect(falsePositive_, &QAction::triggered, this,
            [this] { chooseSpecial(labels::Special::FalsePositive); });
    connect(unclear_, &QAction::triggered, this,
            [this] { chooseSpecial(labels::Special::Unclear); });
    connect(decideAction_, &QAction::triggered, this, [this] { decideCurrent(); });
    connect(decide_, &QPushButton::clicked, this, [this] { decideCurrent(); });
    decide_->setToolTip(decideAction_->toolTip());

    auto* choices = new QGridLayout;
    choices->setContentsMargins(0, 0, 0, 0);
    const QAction* grid[2][3] = {{takeA_, takeB_, takeBoth_}, {other_, falsePositive_, unclear_}};
    for (int row = 0; row < 2; ++row)
        for (int column = 0; column < 3; ++column) {
            auto* button = new QToolButton(this);
            button->setDefaultAction(const_cast<QAction*>(grid[row][column]));
            button->setObjectName(QStringLiteral("button_") + grid[row][column]->objectName());
            button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
            choices->addWidget(button, row, column);
        }

    auto* newLeafRow = new QHBoxLayout;
    newLeafRow->setContentsMargins(0, 0, 0, 0);
    newLeafRow->addWidget(new QLabel(tr("New leaf under"), this));
    newLeafRow->addWidget(newLeafParent_, 1);
    newLeafRow->addWidget(newLeafName_, 1);
    newLeafRow->addWidget(addLeaf_);
    addLeaf_->setToolTip(tr("Adds the leaf to the codebook as created in arbitration, by you, "
                            "now; it is ticked at once"));
    connect(addLeaf_, &QPushButton::clicked, this, [this] { addLeafInline(); });
    connect(newLeafName_, &QLineEdit::returnPressed, this, [this] { addLeafInline(); });
    connect(newLeafName_, &QLineEdit::textChanged, this, [this] { updateDecisionState(); });

    auto* decideRow = new QHBoxLayout;
    decideRow->setContentsMargins(0, 0, 0, 0);
    decideRow->addWidget(hint_, 1);
    decideRow->addWidget(decide_);

    auto* decision = new QGroupBox(tr("Decision"), this);
    auto* decisionLayout = new QVBoxLayout(decision);
    decisionLayout->addLayout(choices);
    decisionLayout->addWidget(treeView_, 1);
    decisionLayout->addLayout(newLeafRow);
    decisionLayout->addWidget(quotesTitle_);
    decisionLayout->addWidget(quotesList_);
    decisionLayout->addWidget(choice_);
    decisionLayout->addWidget(rationale_);
    decisionLayout->addLayout(decideRow);

    sidesRow_ = new QHBoxLayout;
    sidesRow_->setContentsMargins(0, 0, 0, 0);
    sidesRow_->addWidget(sides_[0], 1);
    sidesRow_->addWidget(sides_[1], 1);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(sidesRow_);
    rightLayout->addWidget(decision, 1);
    rightLayout->addWidget(status_);

    auto* left = new QSplitter(Qt::Vertical, this);
    left->setObjectName(QStringLiteral("arbitrationQueueSplitter"));
    left->addWidget(queueView_);
    left->addWidget(viewer_);
    left->setStretchFactor(0, 1);
    left->setStretchFactor(1, 3);
    left->setChildrenCollapsible(false);
    splitter_->setObjectName(QStringLiteral("arbitrationSplitter"));
    splitter_->addWidget(left);
    splitter_->addWidget(right);
    splitter_->setStretchFactor(0, 3);
    splitter_->setStretchFactor(1, 2);
    splitter_->setChildrenCollapsible(false);
    AppSettings settings;
    splitter_->restoreState(settings.splitterState(kSplitterName));
    left->restoreState(settings.splitterState(kLeftSplitterName));
    connect(splitter_, &QSplitter::splitterMoved, this,
            [this] { AppSettings().setSplitterState(kSplitterName, splitter_->saveState()); });
    connect(left, &QSplitter::splitterMoved, this,
            [left] { AppSettings().setSplitterState(kLeftSplitterName, left->saveState()); });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(toolbar);
    layout->addWidget(splitter_, 1);

    connect(person_, &QComboBox::currentIndexChanged, this, [this] {
        if (!loading_)
            personChanged();
    });
    connect(queueView_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        if (!loading_)
            showConflict(false);
    });
    connect(tree_, &QStandardItemModel::itemChanged, this, [this](QStandardItem* item) {
        if (loading_)
            return;
        // Ticking a leaf replaces a special value: the two are exclusive.
        if (item->checkState() == Qt::Checked)
            special_.reset();
        // Take A / B / both tick without coming here, so a tick by hand is always a
        // choice of its own.
        choiceName_ = tr("Other leaves");
        updateDecisionState();
    });
    connect(rationale_, &QPlainTextEdit::textChanged, this, [this] { updateDecisionState(); });
    connect(session, &ProjectSession::projectOpened, this, [this] {
        people_.clear();
        refresh();
    });
    connect(session, &ProjectSession::projectClosed, this, [this] {
        people_.clear();
        reloadPeople();
    });
    updateDecisionState();
}

ArbitrationPage::~ArbitrationPage() = default;

QAction* ArbitrationPage::makeAction(const char* name, const QString& text,
                                     const QList<QKeySequence>& keys) {
    auto* action = new QAction(text, this);
    action->setObjectName(QString::fromLatin1(name));
    action->setShortcuts(keys);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setToolTip(text + QStringLiteral(" (") +
                       keys.first().toString(QKeySequence::NativeText) + QStringLiteral(")"));
    QWidget::addAction(action);
    return action;
}

void ArbitrationPage::refresh() {
    if (!session()->isOpen() || session()->isBusy())
        return;
    // Roles change (a package merged, a person added): then the list is rebuilt;
    // otherwise the post being decided and what was chosen on it stay.
    if (people_.empty() || loadPeople() != people_)
        reloadPeople();
    else
        reloadQueue(currentPostId(), queueView_->currentIndex().row());
}

std::vector<ArbitrationPage::PersonChoice> ArbitrationPage::loadPeople() {
    std::vector<PersonChoice> list;
    if (session()->isOpen()) {
        auto& db = session()->project()->db();
        auto arbitrators = arbitration::listArbitrators(db);
        if (!arbitrators) {
            setStatus(toQ(arbitrators.message()));
        } else {
            for (const auto& arbitrator : *arbitrators) {
                auto same = std::find_if(list.begin(), list.end(),
                                         [&](const auto& p) { return p.id == arbitrator.id; });
                if (same == list.end())
                    same =
                        list.insert(list.end(), {arbitrator.id, toQ(arbitrator.name), false, {}});
                same->roots.push_back(arbitrator.root);
            }
        }
        auto everyone = people::listPeople(*session()->project());
        if (everyone) {
            for (const auto& person : *everyone)
                for (const auto& role : person.roles)
                    if (role.role == people::Role::Lead) {
                        PersonChoice lead{person.id, toQ(person.name), true, {}};
                        for (const auto& own : list)
                            if (own.id == person.id && !own.allRoots)
                                lead.roots = own.roots;
                        list.push_back(std::move(lead));
                    }
        }
    }
    return list;
}

void ArbitrationPage::reloadPeople() {
    people_ = loadPeople();
    loading_ = true;
    person_->clear();
    for (const auto& choice : people_) {
        QStringList roots;
        for (const auto& root : choice.roots)
            roots << toQ(root);
        person_->addItem(
            choice.allRoots
                ? tr("%1 — lead, every root").arg(choice.name)
                : tr("%1 — arbitrator of %2").arg(choice.name, roots.join(QStringLiteral(", "))));
    }
    int chosen = people_.empty() ? -1 : 0;
    if (session()->isOpen()) {
        const AppSettings settings;
        const QString name = settings.arbitrationPerson(session()->projectId());
        const bool allRoots = settings.arbitrationAllRoots(session()->projectId());
        for (std::size_t i = 0; i < people_.size(); ++i)
            if (people_[i].name == name && people_[i].allRoots == allRoots)
                chosen = static_cast<int>(i);
    }
    person_->setCurrentIndex(chosen);
    loading_ = false;
    if (people_.empty() && session()->isOpen())
        setStatus(tr("Nobody has the arbitrator role yet: the lead gives it with "
                     "taxo people add PROJECT NAME --role arbitrator --root ROOT."));
    reloadQueue(std::nullopt, 0);
}

bool ArbitrationPage::choosePerson(const QString& name, bool allRoots) {
    for (std::size_t i = 0; i < people_.size(); ++i)
        if (people_[i].name == name && people_[i].allRoots == allRoots) {
            person_->setCurrentIndex(static_cast<int>(i));
            return true;
        }
    return false;
}

void ArbitrationPage::personChanged() {
    // The project's undo history stays: each step names the decision it undoes, and
    // core puts back exactly that row whoever is chosen now.
    if (const auto* chosen = currentPerson(); chosen && session()->isOpen())
        AppSettings().setArbitrationPerson(session()->projectId(), chosen->name, chosen->allRoots);
    setStatus({});
    reloadQueue(std::nullopt, 0);
}

const ArbitrationPage::PersonChoice* ArbitrationPage::currentPerson() const {
    const int index = person_->currentIndex();
    if (index < 0 || index >= static_cast<int>(people_.size()))
        return nullptr;
    return &people_[static_cast<std::size_t>(index)];
}

const arbitration::Conflict* ArbitrationPage::currentConflict() const {
    const auto index = queueView_->currentIndex();
    return index.isValid() ? queue_->conflictAt(index.row()) : nullptr;
}

std::optional<std::int64_t> ArbitrationPage::currentPostId() const {
    if (const auto* conflict = currentConflict())
        return conflict->postId;
    return std::nullopt;
}

bool ArbitrationPage::inCharge(const arbitration::Conflict& conflict) const {
    const auto* chosen = currentPerson();
    return chosen && arbitration::mayDecide(chosen->roots, conflict.roots);
}

std::vector<std::string>
ArbitrationPage::offeredRoots(const arbitration::Conflict& conflict) const {
    const auto* chosen = currentPerson();
    if (!chosen)
        return {};
    if (chosen->allRoots && !inCharge(conflict))
        return conflict.roots; // the lead reads every root's tree
    return arbitration::rootsOffered(chosen->roots, conflict.roots);
}

void ArbitrationPage::reloadQueue(std::optional<std::int64_t> prefer, int fallbackRow) {
    auto* db = session()->isOpen() && !session()->isBusy() ? &session()->project()->db() : nullptr;
    const auto* chosen = currentPerson();
    arbitration::ConflictFilter filter;
    if (chosen && !chosen->allRoots)
        filter.arbitratorId = chosen->id;
    loading_ = true;
    const QString error = queue_->reload(chosen ? db : nullptr, filter);
    int row = prefer ? queue_->rowOf(*prefer) : -1;
    if (row < 0 && queue_->rowCount() > 0)
        row = std::clamp(fallbackRow, 0, queue_->rowCount() - 1);
    if (row >= 0)
        queueView_->setCurrentIndex(queue_->index(row, ConflictQueueModel::TitleColumn));
    loading_ = false;
    if (!error.isEmpty())
        setStatus(error);
    count_->setText(QStringLiteral("  ") + openCountText() + QStringLiteral("  "));
    showConflict(prefer && currentPostId() == prefer);
}

void ArbitrationPage::showRow(int row) {
    if (row < 0 || row >= queue_->rowCount())
        return;
    queueView_->setCurrentIndex(queue_->index(row, ConflictQueueModel::TitleColumn));
}

int ArbitrationPage::openCount() const {
    return queue_->rowCount();
}

QString ArbitrationPage::openCountText() const {
    return tr("%1 open").arg(openCount());
}

void ArbitrationPage::showConflict(bool keepChoice) {
    const auto* conflict = currentConflict();
    const std::int64_t post = conflict ? conflict->postId : 0;
    keepChoice = keepChoice && post == shownPost_;
    if (!keepChoice) {
        special_.reset();
        choiceName_.clear();
        loading_ = true;
        rationale_->clear();
        newLeafName_->clear();
        loading_ = false;
        if (conflict && session()->isOpen()) {
            auto loaded = corpus::loadPost(session()->project()->db(), post);
            if (loaded)
                viewer_->showPost(*loaded);
            else
                viewer_->showMessage(toQ(loaded.message()));
        } else {
            viewer_->showMessage(currentPerson() ? tr("No open conflict: nothing to decide.")
                                                 : tr("Choose who arbitrates."));
        }
    }
    shownPost_ = post;
    showCoderLabels(conflict);
    reloadTree(conflict, keepChoice);
    reloadQuotes(conflict, keepChoice);
    updateDecisionState();
}

void ArbitrationPage::reloadTree(const arbitration::Conflict* conflict, bool keepChecks) {
    const auto checked = keepChecks ? tree_->checkedLeaves() : std::vector<codebook::CategoryId>{};
    const QVariant parent = newLeafParent_->currentData();
    loading_ = true;
    auto* db = session()->isOpen() ? &session()->project()->db() : nullptr;
    const QString error = tree_->reload(
        conflict ? db : nullptr, conflict ? offeredRoots(*conflict) : std::vector<std::string>{});
    tree_->setCheckedLeaves(checked);
    treeView_->expandAll();
    newLeafParent_->clear();
    for (const auto& inner : tree_->innerCategories())
        newLeafParent_->addItem(inner.path, QVariant::fromValue(static_cast<qint64>(inner.id)));
    if (const int index = newLeafParent_->findData(parent); index >= 0)
        newLeafParent_->setCurrentIndex(index);
    loading_ = false;
    if (!error.isEmpty())
        setStatus(error);
}

void ArbitrationPage::chooseOtherLeaves() {
    const auto* conflict = currentConflict();
    if (!conflict || !inCharge(*conflict))
        return;
    special_.reset();
    choiceName_ = tr("Other leaves");
    treeView_->setFocus();
    if (!treeView_->currentIndex().isValid() && tree_->rowCount() > 0)
        treeView_->setCurrentIndex(tree_->index(0, 0));
    updateDecisionState();
}

void ArbitrationPage::chooseSpecial(labels::Special special) {
    const auto* conflict = currentConflict();
    if (!conflict || !inCharge(*conflict) || special == labels::Special::Pending)
        return;
    loading_ = true;
    tree_->setCheckedLeaves({});
    loading_ = false;
    special_ = special;
    choiceName_ = specialDisplayName(special);
    updateDecisionState();
    rationale_->setFocus();
}

void ArbitrationPage::updateDecisionState() {
    const auto* conflict = currentConflict();
    const bool charge = conflict && inCharge(*conflict);
    // Take A / B / both are offered when that label can be a decision as it is:
    // not missing, not Pending, and every leaf in a root this person decides.
    auto usable = [&](const arbitration::CoderLabel& side) {
        if (!side.label || side.label->content.special == labels::Special::Pending)
            return false;
        return std::all_of(side.label->content.categories.begin(),
                           side.label->content.categories.end(),
                           [&](auto id) { return tree_->containsLeaf(id); });
    };
    const bool aUsable = charge && usable(conflict->a);
    const bool bUsable = charge && usable(conflict->b);
    takeA_->setEnabled(aUsable);
    takeB_->setEnabled(bUsable);
    takeBoth_->setEnabled(aUsable && bUsable && !conflict->a.label->content.special &&
                          !conflict->b.label->content.special);
    for (std::size_t index = 0; index < takeMore_.size(); ++index)
        takeMore_[index]->setEnabled(charge && index < conflict->more.size() &&
                                     usable(conflict->more[index]));
    for (QAction* action : {other_, falsePositive_, unclear_})
        action->setEnabled(charge);
    treeView_->setEnabled(charge);
    rationale_->setEnabled(charge);
    newLeafParent_->setEnabled(charge && newLeafParent_->count() > 0);
    newLeafName_->setEnabled(charge && newLeafParent_->count() > 0);
    addLeaf_->setEnabled(newLeafName_->isEnabled() && !newLeafName_->text().trimmed().isEmpty());

    const auto leaves = tree_->checkedLeaves();
    updateQuoteItems();
    QString summary;
    if (special_)
        summary = specialDisplayName(*special_);
    else if (!leaves.empty() && session()->isOpen())
        summary = leafListText(session()->project()->db(), leaves);
    choice_->setText(
        summary.isEmpty()
            ? QString()
            : tr("<b>%1:</b> %2").arg(choiceName_.toHtmlEscaped(), summary.toHtmlEscaped()));

    QString hint;
    if (!conflict) {
        hint = currentPerson() ? tr("The queue is empty: every conflict is decided.")
                               : tr("Choose who arbitrates.");
    } else if (!charge) {
        QStringList names;
        for (const auto& arbitrator : conflict->arbitrators)
            names << toQ(arbitrator.name) + QStringLiteral(" (") + toQ(arbitrator.root) +
                         QStringLiteral(")");
        hint = names.isEmpty() ? tr("No arbitrator is in charge of this post's roots yet.")
                               : tr("Decided by the arbitrator in charge: %1.")
                                     .arg(names.join(QStringLiteral(", ")));
    } else if (!special_ && leaves.empty()) {
        // A round of more than two coders offers Take C, D, ... too.
        QString more;
        for (std::size_t index = 0; index < conflict->more.size(); ++index)
            more += tr("Take %1, ").arg(coderLetter(2 + index));
        hint = tr("Choose: Take A, Take B, %1Take both, other leaves, False positive or Unclear.")
                   .arg(more);
    } else if (rationale_->toPlainText().trimmed().isEmpty()) {
        hint = tr("Write the rationale: why this decision?");
    }
    const bool ready = charge && hint.isEmpty();
    decide_->setEnabled(ready);
    decideAction_->setEnabled(ready);
    hint_->setText(ready ? tr("Ready: %1 records it.").arg(shortcutText(decideAction_)) : hint);
}

QString ArbitrationPage::decideHint() const {
    return hint_->text();
}

QString ArbitrationPage::statusText() const {
    return status_->text();
}

void ArbitrationPage::setStatus(const QString& text) {
    status_->setText(text);
}

bool ArbitrationPage::decideCurrent() {
    const auto* conflict = currentConflict();
    const auto* chosen = currentPerson();
    if (!conflict || !chosen || !decide_->isEnabled())
        return false;
    arbitration::DecisionContent content;
    content.special = special_;
    if (!special_)
        content.categories = tree_->checkedLeaves();
    content.quotes = keptQuotes();
    content.rationale = rationale_->toPlainText().toStdString();
    const int row = queueView_->currentIndex().row();
    const std::int64_t post = conflict->postId;
    const QString name = toQ(labels::postName(conflict->sourceId, conflict->title));
    auto& db = session()->project()->db();
    auto decided = arbitration::decide(db, post, chosen->id, content);
    if (!decided) {
        setStatus(toQ(decided.message()));
        return false;
    }
    // Undo puts the conflict back in the queue; redo brings back the same decision row.
    undo_->push(new CoreCommand(
        tr("Decide %1").arg(name), session()->databaseGetter(),
        [decision = *decided](sql::Database& step) {
            return arbitration::redoDecision(step, decision);
        },
        [decision = *decided](sql::Database& step) {
            return arbitration::undoDecision(step, decision);
        },
        this,
        [this, post, name](const QString& error, bool undone) {
            afterDecisionStep(post, name, undone && error.isEmpty(), error);
        }));
    setStatus(
        tr("Decided %1 (%2) at %3")
            .arg(name, choiceName_, QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
    // The decided post leaves the queue; the one after it takes its row.
    reloadQueue(std::nullopt, row);
    session()->notifyDataChanged();
    return true;
}

void ArbitrationPage::afterDecisionStep(std::int64_t postId, const QString& name, bool reopened,
                                        const QString& error) {
    if (!error.isEmpty())
        setStatus(error);
    else
        setStatus(reopened ? tr("Undid the decision on %1: it is open again").arg(name)
                           : tr("Redid the decision on %1").arg(name));
    const int row = queueView_->currentIndex().row();
    // Undo shows the conflict that came back; redo moves on as the decision did.
    if (reopened)
        reloadQueue(postId, row);
    else
        reloadQueue(currentPostId() == postId ? std::nullopt : currentPostId(),
                    std::max(0, queue_->rowOf(postId) >= 0 ? queue_->rowOf(postId) : row));
    session()->notifyDataChanged();
}

bool ArbitrationPage::addLeafInline() {
    const auto* conflict = currentConflict();
    const auto* chosen = currentPerson();
    const QString name = newLeafName_->text().trimmed();
    if (!conflict || !chosen || !inCharge(*conflict) || newLeafParent_->currentIndex() < 0)
        return false;
    if (name.isEmpty()) {
        setStatus(tr("Give the new leaf a name."));
        return false;
    }
    auto& db = session()->project()->db();
    auto added = arbitration::addLeafInArbitration(
        db, chosen->id, newLeafParent_->currentData().toLongLong(), name.toStdString());
    if (!added) {
        setStatus(toQ(added.message()));
        return false;
    }
    const auto id = added->category.id;
    CodebookCommandContext context;
    context.receiver = this;
    context.database = session()->databaseGetter();
    context.changed = [this] {
        reloadTree(currentConflict(), true);
        updateDecisionState();
        session()->notifyDataChanged();
    };
    context.reportError = [this](const QString& error) {
        setStatus(error);
    };
    undo_->push(addCategoryCommand(context, *added));
    // Added to be used: the new leaf is ticked at once, with what was ticked before.
    auto leaves = tree_->checkedLeaves();
    leaves.push_back(id);
    reloadTree(conflict, false);
    loading_ = true;
    tree_->setCheckedLeaves(leaves);
    loading_ = false;
    special_.reset();
    choiceName_ = tr("Other leaves");
    if (auto* item = tree_->itemFor(id))
        treeView_->setCurrentIndex(item->index());
    newLeafName_->clear();
    setStatus(tr("Added the leaf “%1” (created in arbitration by %2)").arg(name, chosen->name));
    updateDecisionState();
    session()->notifyDataChanged();
    return true;
}

} // namespace taxo::ui
