#include "ui/selection/selection_page.h"

#include "core/select/rules_document.h"
#include "core/select/selection.h"
#include "core/util/files.h"
#include "ui/selection/rules_table_model.h"
#include "ui/selection/tag_explorer.h"
#include "ui/session/project_session.h"
#include "ui/support/background.h"
#include "ui/support/dialogs.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace taxo::ui {

SelectionPage::SelectionPage(ProjectSession* session, Dialogs& dialogs, QWidget* parent)
    : Page(session, parent), dialogs_(dialogs), rules_(new RulesTableModel(this)) {
    auto* layout = new QVBoxLayout(this);

    auto* editRow = new QHBoxLayout;
    auto* open = new QPushButton(tr("Open rules…"), this);
    open->setObjectName(QStringLiteral("browseRules"));
    open->setToolTip(tr("Read a rules file (JSON, see docs/rules.md) into the table"));
    auto* save = new QPushButton(tr("Save rules…"), this);
    save->setObjectName(QStringLiteral("saveRules"));
    save->setToolTip(tr("Write the table as a rules file, for `taxo select` and the paper"));
    auto* add = new QPushButton(tr("Add clause"), this);
    add->setObjectName(QStringLiteral("addClause"));
    add->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Plus));
    add->setToolTip(tr("A new clause below the current one, in the same set (Ctrl++)"));
    auto* remove = new QPushButton(tr("Remove clause"), this);
    remove->setObjectName(QStringLiteral("removeClause"));
    remove->setToolTip(tr("Remove the current clause (Ctrl+Del)"));
    remove->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Delete));
    rulesOrigin_ = new QLabel(this);
    rulesOrigin_->setObjectName(QStringLiteral("rulesOrigin"));
    rulesOrigin_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    editRow->addWidget(open);
    editRow->addWidget(save);
    editRow->addWidget(add);
    editRow->addWidget(remove);
    editRow->addWidget(rulesOrigin_, 1);

    rulesView_ = new QTableView(this);
    rulesView_->setObjectName(QStringLiteral("rulesTable"));
    rulesView_->setModel(rules_);
    rulesView_->setEditTriggers(QAbstractItemView::AllEditTriggers);
    rulesView_->setSelectionBehavior(QAbstractItemView::SelectItems);
    // The word lists get the room; the set, root and check box columns fit their content.
    auto* header = rulesView_->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    for (int column : {RulesTableModel::TagsColumn, RulesTableModel::KeywordsColumn,
                       RulesTableModel::WordsColumn})
        header->setSectionResizeMode(column, QHeaderView::Stretch);
    header->setMinimumSectionSize(90);
    rulesView_->setWordWrap(true);

    auto* runRow = new QHBoxLayout;
    force_ = new QCheckBox(tr("Replace sets that samples use"), this);
    force_->setObjectName(QStringLiteral("force"));
    run_ = new QPushButton(tr("Build sets"), this);
    run_->setObjectName(QStringLiteral("runSelection"));
    run_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    run_->setToolTip(tr("Build the sets from the rules (Ctrl+Enter)"));
    cancel_ = new QPushButton(tr("Cancel"), this);
    cancel_->setEnabled(false);
    runRow->addStretch(1);
    runRow->addWidget(force_);
    runRow->addWidget(run_);
    runRow->addWidget(cancel_);

    progress_ = new QProgressBar(this);
    progress_->setVisible(false);
    message_ = new QLabel(this);
    message_->setObjectName(QStringLiteral("selectionMessage"));
    message_->setWordWrap(true);
    message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    table_ = new QTableWidget(0, 4, this);
    table_->setObjectName(QStringLiteral("selectionTable"));
    table_->setHorizontalHeaderLabels(
        {tr("Set"), tr("Clause"), tr("After this clause"), tr("This clause alone")});
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);

    explorer_ = new TagExplorer(this);
    auto* rulesSplit = new QSplitter(Qt::Horizontal, this);
    rulesSplit->setObjectName(QStringLiteral("rulesSplitter"));
    rulesSplit->addWidget(rulesView_);
    rulesSplit->addWidget(explorer_);
    rulesSplit->setStretchFactor(0, 3);
    rulesSplit->setStretchFactor(1, 2);
    rulesSplit->setChildrenCollapsible(false);

    layout->addLayout(editRow);
    layout->addWidget(rulesSplit, 3);
    layout->addLayout(runRow);
    layout->addWidget(progress_);
    layout->addWidget(message_);
    layout->addWidget(table_, 2);

    // Each opening of a project (the same file again included) starts from its stored
    // rules and counts; edits in progress are the old session's.
    connect(session, &ProjectSession::projectOpened, this, [this] { loadedFor_.clear(); });
    connect(open, &QPushButton::clicked, this, [this] { openRules(); });
    connect(save, &QPushButton::clicked, this, [this] { saveRules(); });
    connect(add, &QPushButton::clicked, this, [this] {
        const int row = rules_->insertClause(rulesView_->currentIndex().row());
        rulesView_->setCurrentIndex(rules_->index(row, RulesTableModel::SetColumn));
        rulesView_->edit(rulesView_->currentIndex());
    });
    connect(remove, &QPushButton::clicked, this,
            [this] { rules_->removeClause(rulesView_->currentIndex().row()); });
    connect(run_, &QPushButton::clicked, this, [this] { start(); });
    connect(explorer_, &TagExplorer::tagChosen, this, &SelectionPage::addTagToCurrentClause);
    connect(cancel_, &QPushButton::clicked, this, [this] {
        if (cancelFlag_)
            cancelFlag_->store(true);
    });
}

SelectionPage::~SelectionPage() {
    // The worker holds the project file; let it stop before the page goes.
    if (worker_) {
        cancelFlag_->store(true);
        worker_->wait();
    }
}

void SelectionPage::addTagToCurrentClause(const QString& tag) {
    int row = rulesView_->currentIndex().row();
    if (row < 0 && rules_->rowCount() > 0)
        row = rules_->rowCount() - 1;
    if (row < 0)
        row = rules_->insertClause(-1);
    rulesView_->setCurrentIndex(rules_->index(row, RulesTableModel::TagsColumn));
    const auto& clause = rules_->rows()[static_cast<std::size_t>(row)];
    const QString set = clause.set.empty() ? tr("a new set") : QString::fromStdString(clause.set);
    if (rules_->addTag(row, tag.toStdString()))
        message_->setText(tr("Added the tag \"%1\" to clause %2 (%3). Build sets to count it.")
                              .arg(tag)
                              .arg(row + 1)
                              .arg(set));
    else
        message_->setText(
            tr("Clause %1 (%2) already has the tag \"%3\".").arg(row + 1).arg(set, tag));
}

void SelectionPage::refresh() {
    run_->setEnabled(session()->isOpen() && !busy());
    explorer_->setDatabase(session()->isOpen() && !busy() ? &session()->project()->db() : nullptr);
    // A newly opened project shows the rules that built its sets; edits in progress on
    // the same project are kept.
    if (session()->isOpen() && !busy() && session()->path() != loadedFor_) {
        loadProjectRules();
    } else if (!session()->isOpen() && !loadedFor_.isEmpty()) {
        loadedFor_.clear();
        rules_->setRows({});
        rulesOrigin_->clear();
    }
}

bool SelectionPage::hasUnbuiltClauses() const {
    if (!session()->isOpen() || session()->path() != loadedFor_ || busy())
        return false;
    auto stored = select::projectClauseRows(session()->project()->db());
    return !stored || *stored != rules_->rows();
}

bool SelectionPage::settleBeforeClose(Dialogs& dialogs) {
    // A build in progress is cancelled by the close, and nothing of it is stored.
    if (session()->isOpen() && busy())
        return dialogs.confirm(this, tr("Sets are being built"),
                               tr("The sets are still being built from the clauses. Closing "
                                  "cancels the build: no set is changed and the clauses in the "
                                  "table are not kept. Keep working to let it finish."),
                               tr("Close and cancel the build"));
    if (!hasUnbuiltClauses())
        return true;
    // The clauses live only in this table until the sets are built; offer to keep working.
    return dialogs.confirm(
        this, tr("Unbuilt clauses"),
        tr("The Selection page has clauses that are not built into sets yet (%n clause(s) in "
           "the table). Closing drops them. Keep working to build the sets or save the rules "
           "to a file first.",
           nullptr, rules_->rowCount()),
        tr("Close and drop the clauses"));
}

void SelectionPage::loadProjectRules() {
    loadedFor_ = session()->path();
    auto rows = select::projectClauseRows(session()->project()->db());
    if (!rows) {
        rules_->setRows({});
        rulesOrigin_->setText(QString::fromStdString(rows.message()));
        return;
    }
    rules_->setRows(std::move(*rows));
    rulesOrigin_->setText(rules_->rowCount() == 0
                              ? tr("No sets yet: add clauses, or open a rules file.")
                              : tr("The rules of the project's current sets."));
    // And the counts the selection reported when it built them.
    auto sets = select::storedSets(session()->project()->db());
    if (!sets) {
        message_->setText(QString::fromStdString(sets.message()));
        return;
    }
    showCounts(*sets);
    QStringList sizes;
    for (const auto& set : *sets)
        sizes << tr("%1 %2").arg(QString::fromStdString(set.name)).arg(set.members);
    message_->setText(sets->empty() ? QString()
                                    : tr("The project's sets: %1 posts (counts as stored when "
                                         "the sets were built).")
                                          .arg(sizes.join(QStringLiteral(", "))));
}

void SelectionPage::showCounts(const std::vector<select::SetSelection>& sets) {
    table_->setRowCount(0);
    for (const auto& set : sets) {
        for (std::size_t k = 0; k < set.clauses.size(); ++k) {
            const int r = table_->rowCount();
            table_->insertRow(r);
            table_->setItem(r, 0, new QTableWidgetItem(QString::fromStdString(set.name)));
            table_->setItem(r, 1, new QTableWidgetItem(QString::number(k + 1)));
            table_->setItem(r, 2, new QTableWidgetItem(QString::number(set.clauses[k].cumulative)));
            table_->setItem(r, 3, new QTableWidgetItem(QString::number(set.clauses[k].matched)));
        }
    }
}

void SelectionPage::openRules() {
    const QString path = dialogs_.openFilePath(this, tr("Selection rules"), tr("JSON (*.json)"));
    if (path.isEmpty())
        return;
    auto text = files::readAll(path.toStdString());
    auto rows = text ? select::clauseRows(*text, path.toStdString())
                     : Result<std::vector<select::ClauseRow>>(text.error());
    if (!rows) {
        message_->setText(QString::fromStdString(rows.message())); // the table is unchanged
        return;
    }
    rules_->setRows(std::move(*rows));
    rulesOrigin_->setText(tr("From %1").arg(path));
}

void SelectionPage::saveRules() {
    const QString path = dialogs_.saveFilePath(this, tr("Save selection rules"),
                                               QStringLiteral("rules.json"), tr("JSON (*.json)"));
    if (path.isEmpty())
        return;
    if (auto status =
            files::writeAtomically(path.toStdString(), select::rulesDocument(rules_->rows()));
        !status) {
        message_->setText(QString::fromStdString(status.message()));
        return;
    }
    rulesOrigin_->setText(tr("Saved to %1").arg(path));
}

void SelectionPage::start() {
    if (busy() || !session()->isOpen())
        return;
    auto rules = select::parseRules(select::rulesDocument(rules_->rows()), "the rules table");
    if (!rules) {
        message_->setText(QString::fromStdString(rules.message())); // inline, no dialog
        return;
    }
    // The work gets its own connection, sharing this window's writer lock.
    auto connection = session()->project()->openWorkerConnection();
    if (!connection) {
        message_->setText(QString::fromStdString(connection.message()));
        return;
    }
    auto workerProject = std::make_shared<Project>(std::move(*connection));
    select::SelectOptions options;
    options.force = force_->isChecked();
    cancelFlag_ = std::make_shared<CancelFlag>(false);
    auto flag = cancelFlag_;
    QPointer<QProgressBar> bar = progress_;
    progress_->setRange(0, 0);
    progress_->setVisible(true);
    run_->setEnabled(false);
    cancel_->setEnabled(true);
    message_->setText(tr("Matching posts…"));
    using Outcome = Result<select::SelectionReport>;
    std::function<Outcome()> work = [workerProject, rules = *rules, options, flag,
                                     bar]() -> Outcome {
        auto progress = [bar](const Progress& p) {
            QMetaObject::invokeMethod(
                bar.data(),
                [bar, done = p.done, total = p.total] {
                    if (!bar)
                        return;
                    bar->setRange(0, 1000);
                    bar->setValue(total ? static_cast<int>(1000 * done / total) : 0);
                },
                Qt::QueuedConnection);
        };
        return select::selectSets(*workerProject, rules, options, progress, flag.get());
    };
    std::function<void(Outcome&)> done = [this](Outcome& outcome) {
        worker_ = nullptr;
        progress_->setVisible(false);
        cancel_->setEnabled(false);
        refresh();
        if (!outcome) {
            message_->setText(
                tr("The sets were not changed: %1").arg(QString::fromStdString(outcome.message())));
            return;
        }
        const auto& report = *outcome;
        showCounts(report.sets);
        rulesOrigin_->setText(tr("The rules of the project's current sets."));
        QString text = tr("%1 posts scanned; %2 in any set.")
                           .arg(report.postsScanned)
                           .arg(report.unionMembers);
        for (const auto& overlap : report.overlaps)
            text += QLatin1Char(' ') + tr("%1 in both %2 and %3.")
                                           .arg(overlap.both)
                                           .arg(QString::fromStdString(overlap.first),
                                                QString::fromStdString(overlap.second));
        message_->setText(text);
        session()->notifyDataChanged();
    };
    worker_ = runInBackground<Outcome>(this, std::move(work), std::move(done));
}

} // namespace taxo::ui
