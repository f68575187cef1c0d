#include "ui/agreement/calibration_view.h"

#include "core/agreement/agreement_csv.h"
#include "ui/agreement/agreement_models.h"
#include "ui/agreement/calibration_models.h"
#include "ui/support/dialogs.h"
#include "ui/support/qt_text.h"
#include "ui/support/save_csv.h"

#include <QComboBox>
#include <QFileInfo>
#include <QFont>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace taxo::ui {
namespace {

QLabel* selectableLabel(QWidget* parent, const QString& name) {
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QTableView* makeView(QAbstractItemModel* model, const QString& name, QWidget* parent) {
    auto* view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

} // namespace

CalibrationView::CalibrationView(Dialogs& dialogs, QWidget* parent)
    : QWidget(parent), dialogs_(dialogs), categories_(new CalibrationCategoryModel(this)),
      differences_(new CalibrationDifferenceModel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* top = new QHBoxLayout;
    coder_ = new QComboBox(this);
    coder_->setObjectName(QStringLiteral("calibrationCoder"));
    coder_->setMinimumContentsLength(16);
    coder_->setToolTip(tr("The coder scored against the pilot's consensus"));
    export_ = new QPushButton(tr("Export CSV…"), this);
    export_->setObjectName(QStringLiteral("exportCalibrationCsv"));
    export_->setToolTip(tr("This coder's score, per category and post by post, as one CSV table"));
    top->addWidget(new QLabel(tr("Coder"), this));
    top->addWidget(coder_);
    top->addStretch(1);
    top->addWidget(export_);
    layout->addLayout(top);

    message_ = selectableLabel(this, QStringLiteral("calibrationMessage"));
    layout->addWidget(message_);

    auto* headline = new QGroupBox(tr("Against the pilot's consensus"), this);
    auto* headlineLayout = new QVBoxLayout(headline);
    title_ = selectableLabel(headline, QStringLiteral("calibrationTitle"));
    kappa_ = selectableLabel(headline, QStringLiteral("calibrationKappa"));
    QFont big = kappa_->font();
    big.setPointSizeF(big.pointSizeF() * 2.0);
    big.setBold(true);
    kappa_->setFont(big);
    interval_ = selectableLabel(headline, QStringLiteral("calibrationInterval"));
    summary_ = selectableLabel(headline, QStringLiteral("calibrationSummary"));
    for (auto* label : {title_, kappa_, interval_, summary_})
        headlineLayout->addWidget(label);
    layout->addWidget(headline);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(categories_);
    proxy->setSortRole(CalibrationCategoryModel::SortRole);
    proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    categoryView_ = makeView(proxy, QStringLiteral("calibrationCategories"), splitter);
    categoryView_->setSortingEnabled(true);
    categoryView_->sortByColumn(CalibrationCategoryModel::CategoryColumn, Qt::AscendingOrder);
    // The path takes the room; the counts keep their width beside it.
    categoryView_->horizontalHeader()->setStretchLastSection(false);
    categoryView_->horizontalHeader()->setSectionResizeMode(
        CalibrationCategoryModel::CategoryColumn, QHeaderView::Stretch);
    differenceView_ = makeView(differences_, QStringLiteral("calibrationDifferences"), splitter);
    // Every column in view, each side's label and note wrapped: the lead reads the two
    // side by side, so none of them may hide past the right edge.
    differenceView_->setWordWrap(true);
    differenceView_->setTextElideMode(Qt::ElideNone);
    differenceView_->horizontalHeader()->setStretchLastSection(false);
    differenceView_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    differenceView_->horizontalHeader()->setSectionResizeMode(
        CalibrationDifferenceModel::PostColumn, QHeaderView::ResizeToContents);
    splitter->addWidget(categoryView_);
    splitter->addWidget(differenceView_);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    layout->addWidget(splitter, 1);

    connect(coder_, &QComboBox::currentIndexChanged, this, [this] {
        if (!reloading_)
            showCoder();
    });
    connect(export_, &QPushButton::clicked, this, [this] { exportCsv(); });
}

bool CalibrationView::showRound(sql::Database& db, const QString& round) {
    const QString previous = coder_->currentText();
    auto scores = agreement::calibrationScores(db, round.toStdString());
    reloading_ = true;
    coder_->clear();
    scores_.clear();
    if (scores) {
        scores_ = std::move(*scores);
        for (const auto& score : scores_)
            coder_->addItem(toQ(score.coder));
        const int index = coder_->findText(previous);
        coder_->setCurrentIndex(index >= 0 ? index : 0);
    }
    reloading_ = false;
    message_->setText(!scores ? toQ(scores.message())
                      : scores_.empty()
                          ? tr("Calibration round %1 has no coders yet: assign them on the "
                               "Sampling page.")
                                .arg(round)
                          : QString());
    message_->setVisible(!message_->text().isEmpty());
    showCoder();
    return scores.ok();
}

void CalibrationView::chooseCoder(const QString& name) {
    const int index = coder_->findText(name);
    if (index >= 0)
        coder_->setCurrentIndex(index);
}

const agreement::CalibrationScore* CalibrationView::current() const {
    const int index = coder_->currentIndex();
    return index >= 0 && index < static_cast<int>(scores_.size())
               ? &scores_[static_cast<std::size_t>(index)]
               : nullptr;
}

void CalibrationView::showCoder() {
    const auto* score = current();
    export_->setEnabled(score != nullptr);
    if (!score) {
        title_->clear();
        kappa_->setText(QStringLiteral("κ = –"));
        interval_->clear();
        summary_->clear();
        categories_->setCategories({});
        differences_->setDifferences({}, QString());
        return;
    }
    const auto& k = score->kappa;
    title_->setText(tr("%1 in calibration round %2 against the consensus of pilot round %3")
                        .arg(toQ(score->coder), toQ(score->round), toQ(score->pilot)));
    kappa_->setText(QStringLiteral("κ = ") + formatKappa(k.kappa));
    interval_->setText(k.kappa ? intervalText(k) : toQ(k.undefinedReason));
    QString summary = tr("%1 of %2 posts scored; agreement on %3 (%4 %).")
                          .arg(k.n)
                          .arg(score->items)
                          .arg(k.agreements)
                          .arg(QString::number(k.percentAgreement, 'f', 1));
    if (!score->notYetLabeled.empty())
        summary += QLatin1Char(' ') +
                   tr("%1 not labeled yet, not counted.").arg(score->notYetLabeled.size());
    if (!score->withoutConsensus.empty())
        summary += QLatin1Char(' ') + tr("%1 without a consensus in the pilot now, not counted.")
                                          .arg(score->withoutConsensus.size());
    summary += QLatin1Char(' ') + tr("%1 posts differ (below).").arg(score->differences.size());
    summary_->setText(summary);
    categories_->setCategories(score->perCategory);
    differences_->setDifferences(score->differences, toQ(score->coder));
    differenceView_->resizeRowsToContents();
}

bool CalibrationView::exportCsv() {
    const auto* score = current();
    if (!score) {
        dialogs_.showError(this, tr("Export calibration"),
                           tr("Nothing to export: no coder's score is shown."));
        return false;
    }
    const QString path =
        saveCsv(dialogs_, this, tr("Export calibration"),
                QStringLiteral("calibration-%1-%2.csv").arg(toQ(score->round), toQ(score->coder)),
                agreement::calibrationCsv(*score));
    if (path.isEmpty())
        return false;
    message_->setText(tr("Exported to %1").arg(QFileInfo(path).fileName()));
    message_->show();
    return true;
}

} // namespace taxo::ui
