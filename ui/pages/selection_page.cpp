#include "pages/selection_page.h"

#include "app/project_session.h"
#include "select/selection.h"
#include "support/background.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace taxo::ui {

SelectionPage::SelectionPage(ProjectSession* session, QWidget* parent) : Page(session, parent) {
    auto* layout = new QVBoxLayout(this);
    auto* row = new QHBoxLayout;
    rulesPath_ = new QLineEdit(this);
    rulesPath_->setObjectName(QStringLiteral("rulesPath"));
    rulesPath_->setPlaceholderText(tr("rules file (JSON, see docs/rules.md)"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    force_ = new QCheckBox(tr("Replace sets that samples use"), this);
    force_->setObjectName(QStringLiteral("force"));
    run_ = new QPushButton(tr("Build sets"), this);
    run_->setObjectName(QStringLiteral("runSelection"));
    run_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    run_->setToolTip(tr("Build the sets from the rules (Ctrl+Enter)"));
    cancel_ = new QPushButton(tr("Cancel"), this);
    cancel_->setEnabled(false);
    row->addWidget(rulesPath_, 1);
    row->addWidget(browse);
    row->addWidget(force_);
    row->addWidget(run_);
    row->addWidget(cancel_);
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
    layout->addLayout(row);
    layout->addWidget(progress_);
    layout->addWidget(message_);
    layout->addWidget(table_, 1);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Selection rules"), QString(),
                                                          tr("JSON (*.json)"));
        if (!path.isEmpty())
            rulesPath_->setText(path);
    });
    connect(run_, &QPushButton::clicked, this, [this] { start(); });
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

void SelectionPage::refresh() {
    run_->setEnabled(session()->isOpen() && !busy());
}

void SelectionPage::start() {
    if (busy() || !session()->isOpen())
        return;
    auto rules = select::loadRules(rulesPath_->text().toStdString());
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
        table_->setRowCount(0);
        for (const auto& set : report.sets) {
            for (std::size_t k = 0; k < set.clauses.size(); ++k) {
                const int r = table_->rowCount();
                table_->insertRow(r);
                table_->setItem(r, 0, new QTableWidgetItem(QString::fromStdString(set.name)));
                table_->setItem(r, 1, new QTableWidgetItem(QString::number(k + 1)));
                table_->setItem(r, 2,
                                new QTableWidgetItem(QString::number(set.clauses[k].cumulative)));
                table_->setItem(r, 3,
                                new QTableWidgetItem(QString::number(set.clauses[k].matched)));
            }
        }
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
