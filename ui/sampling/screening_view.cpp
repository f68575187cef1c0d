#include "ui/sampling/screening_view.h"

#include "core/agreement/cohen_kappa.h"
#include "core/people/people.h"
#include "core/rounds/rounds.h"
#include "core/screening/screening.h"
#include "ui/sampling/people_models.h"
#include "ui/session/project_session.h"
#include "ui/support/core_command.h"
#include "ui/support/qt_text.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>
#include <functional>

namespace taxo::ui {
ScreeningView::ScreeningView(ProjectSession* session, QUndoStack* undo, QWidget* parent)
    : QWidget(parent), session_(session), undo_(undo), model_(new ScreeningItemsModel(this)),
      round_(new QComboBox(this)), summary_(new QLabel(this)),
      disagreementsOnly_(new QCheckBox(tr("Only the disagreements"), this)),
      view_(new QTableView(this)), lead_(new QComboBox(this)), rationale_(new QLineEdit(this)),
      status_(new QLabel(this)) {
    round_->setObjectName(QStringLiteral("screeningRound"));
    summary_->setObjectName(QStringLiteral("screeningSummary"));
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    disagreementsOnly_->setObjectName(QStringLiteral("screeningDisagreementsOnly"));
    disagreementsOnly_->setChecked(true);
    view_->setObjectName(QStringLiteral("screeningItems"));
    view_->setModel(model_);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->verticalHeader()->hide();
    view_->horizontalHeader()->setSectionResizeMode(ScreeningItemsModel::TitleColumn,
                                                    QHeaderView::Stretch);
    view_->horizontalHeader()->setSectionResizeMode(ScreeningItemsModel::OutcomeColumn,
                                                    QHeaderView::ResizeToContents);
    view_->setAlternatingRowColors(true);
    lead_->setObjectName(QStringLiteral("screeningLead"));
    lead_->setToolTip(tr("The lead who decides (a person with the lead role)"));
    rationale_->setObjectName(QStringLiteral("screeningRationale"));
    rationale_->setPlaceholderText(tr("rationale (optional)"));
    status_->setObjectName(QStringLiteral("screeningStatus"));
    status_->setWordWrap(true);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Screening round:"), this));
    top->addWidget(round_, 1);
    top->addWidget(disagreementsOnly_);
    auto* decideRow = new QHBoxLayout;
    decideRow->addWidget(new QLabel(tr("Lead:"), this));
    decideRow->addWidget(lead_);
    decideRow->addWidget(rationale_, 1);
    const std::pair<const char*, std::optional<bool>> choices[] = {
        {"decideRelevantButton", true},
        {"decideIrrelevantButton", false},
        {"withdrawDecisionButton", std::nullopt}};
    for (const auto& [name, value] : choices) {
        auto* button = new QPushButton(!value   ? tr("Withdraw")
                                       : *value ? tr("Relevant")
                                                : tr("Irrelevant (out of the set)"),
                                       this);
        button->setObjectName(QString::fromLatin1(name));
        const auto choice = value;
        connect(button, &QPushButton::clicked, this, [this, choice] { decide(choice); });
        decideRow->addWidget(button);
    }
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(summary_);
    layout->addWidget(view_, 1);
    layout->addLayout(decideRow);
    layout->addWidget(status_);

    connect(round_, &QComboBox::currentIndexChanged, this, [this] { reload(); });
    connect(disagreementsOnly_, &QCheckBox::toggled, this,
            [this] { model_->setReport(report_.get(), disagreementsOnly_->isChecked()); });
}

ScreeningView::~ScreeningView() = default;

void ScreeningView::refresh() {
    const QString previousRound = round_->currentText();
    const QString previousLead = lead_->currentText();
    {
        const QSignalBlocker blockRound(round_);
        round_->clear();
        lead_->clear();
        if (session_->isOpen()) {
            if (auto rounds = rounds::listRounds(*session_->project()))
                for (const auto& round : *rounds)
                    if (round.kind == rounds::RoundKind::Screening)

                        round_->addItem(toQ(round.name), QVariant::fromValue(round.id));
            if (auto people = people::listPeople(*session_->project()))
                for (const auto& person : *people)
                    for (const auto& role : person.roles)
                        if (role.role == people::Role::Lead)
                            lead_->addItem(toQ(person.name), QVariant::fromValue(person.id));
        }
        if (const int index = round_->findText(previousRound); index >= 0)
            round_->setCurrentIndex(index);
        if (const int index = lead_->findText(previousLead); index >= 0)
            lead_->setCurrentIndex(index);
    }
    reload();
}

void ScreeningView::reload() {
    const auto* selected = model_->itemAt(view_->currentIndex().row());
    const QString previous = selected ? toQ(selected->item) : QString();
    report_.reset();
    if (session_->isOpen() && round_->currentIndex() >= 0) {
        auto loaded =
            screening::report(session_->project()->db(), round_->currentData().toLongLong());
        if (loaded)
            report_ = std::make_unique<screening::Report>(std::move(*loaded));
        else
            status_->setText(toQ(loaded.message()));
    }
    model_->setReport(report_.get(), disagreementsOnly_->isChecked());
    if (!report_) {
        summary_->setText(session_->isOpen() && round_->count() == 0
                              ? tr("No screening round yet: create one with taxo screening "
                                   "create PROJECT --set NAME --coders A,B")
                              : QString());
        return;
    }
    const auto& r = *report_;
    const QLocale locale;
    QString kappa = tr("kappa undefined (%1)").arg(toQ(r.kappa.undefinedReason));
    if (r.kappa.kappa)
        kappa = tr("Cohen's kappa %1 (95 % CI %2 to %3, %4)")
                    .arg(locale.toString(*r.kappa.kappa, 'f', 3),
                         locale.toString(*r.kappa.ciLow, 'f', 3),
                         locale.toString(*r.kappa.ciHigh, 'f', 3),
                         QString::fromLatin1(
                             agreement::kappaBandName(agreement::landisKochBand(*r.kappa.kappa))));
    summary_->setText(
        tr("%1 of set %2: %3 posts; %4 marked %5, %6 marked %7. %8 over %9 posts. Both relevant "
           "%10, both irrelevant %11, disagreements %12 (%13 decided). Posts in the set now: %14. "
           "%15")
            .arg(toQ(r.round.name), toQ(r.round.setName), locale.toString(r.n), toQ(r.a.name),
                 locale.toString(r.a.marked), toQ(r.b.name), locale.toString(r.b.marked), kappa,
                 locale.toString(static_cast<qlonglong>(r.kappa.n)))
            .arg(locale.toString(r.bothRelevant), locale.toString(r.bothIrrelevant),
                 locale.toString(r.disagreements), locale.toString(r.decided),
                 locale.toString(r.setPosts),
                 r.complete() ? tr("Complete: the set can be sampled.") : tr("Not complete yet.")));
    if (!previous.isEmpty())
        selectPost(previous);
}

void ScreeningView::selectPost(const QString& item) {
    for (int row = 0; row < model_->rowCount(); ++row)
        if (toQ(model_->itemAt(row)->item) == item)
            view_->setCurrentIndex(model_->index(row, ScreeningItemsModel::PostColumn));
}

QString ScreeningView::summaryText() const {
    return summary_->text();
}

QString ScreeningView::statusText() const {
    return status_->text();
}

bool ScreeningView::decide(std::optional<bool> relevant) {
    const auto* item = model_->itemAt(view_->currentIndex().row());
    if (!session_->isOpen() || !report_ || !item) {
        status_->setText(tr("Select a post first."));
        return false;
    }
    std::optional<screening::DecisionInput> input;
    if (relevant) {
        if (lead_->currentIndex() < 0) {
            status_->setText(tr("Not decided: nobody has the lead role yet; give it on the "
                                "People tab."));
            return false;
        }
        input = screening::DecisionInput{lead_->currentData().toLongLong(), *relevant,
                                         rationale_->text().trimmed().toStdString()};
    }
    const auto roundId = report_->round.id;
    const auto postId = item->postId;
    const QString name = toQ(item->item);
    auto change = screening::changeDecision(session_->project()->db(), roundId, postId, input);
    if (!change) {
        status_->setText(tr("Not decided: %1").arg(toQ(change.message())));
        return false;
    }
    // Undo puts the earlier decision back exactly; redo applies the same decision again.
    undo_->push(new CoreCommand(
        QCoreApplication::translate("Screening", "Decide %1").arg(name), session_->databaseGetter(),
        [c = *change](sql::Database& db) { return screening::redoDecisionChange(db, c); },
        [c = *change](sql::Database& db) { return screening::undoDecisionChange(db, c); }, this,
        [this](const QString& error, bool) { afterChange(error); }));
    rationale_->clear();
    afterChange(QString());
    selectPost(name);
    status_->setText(!relevant   ? tr("Withdrew the decision on %1.").arg(name)
                     : *relevant ? tr("%1 is relevant.").arg(name)
                                 : tr("%1 is out of the set.").arg(name));
    return true;
}

void ScreeningView::afterChange(const QString& error) {
    status_->setText(error);
    session_->notifyDataChanged();
    reload();
}

} // namespace taxo::ui
