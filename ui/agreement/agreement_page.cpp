#include "ui/agreement/agreement_page.h"

#include "core/agreement/agreement_csv.h"
#include "core/rounds/rounds.h"
#include "core/util/percent.h"
#include "core/util/r_format.h"
#include "ui/agreement/agreement_models.h"
#include "ui/agreement/calibration_view.h"
#include "ui/agreement/kappa_series_chart.h"
#include "ui/agreement/pairwise_model.h"
#include "ui/agreement/rotated_header.h"
#include "ui/session/project_session.h"
#include "ui/support/dialogs.h"
#include "ui/support/qt_text.h"
#include "ui/support/save_csv.h"

#include <QComboBox>
#include <QFileInfo>
#include <QFont>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

namespace taxo::ui {
namespace {

QLabel* valueLabel(QWidget* parent, const char* name) {
    auto* label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(name));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// Rounds and batches keep their own order (by id, by time), so their views do not sort.
QTableView* makeOrderedKappaView(QAbstractItemModel* model, const QString& name, QWidget* parent) {
    auto* view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setSectionResizeMode(KappaTableModel::NameColumn,
                                                   QHeaderView::Stretch);
    return view;
}

// Roots and categories sort by a click on a header, by name at first.
QTableView* makeKappaView(QSortFilterProxyModel* proxy, const QString& name, QWidget* parent) {
    auto* view = makeOrderedKappaView(proxy, name, parent);
    view->setSortingEnabled(true);
    view->sortByColumn(KappaTableModel::NameColumn, Qt::AscendingOrder);
    return view;
}

QSortFilterProxyModel* makeProxy(KappaTableModel* model, QObject* parent) {
    auto* proxy = new QSortFilterProxyModel(parent);
    proxy->setSourceModel(model);
    proxy->setSortRole(KappaTableModel::SortRole);
    proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    return proxy;
}

// An undefined alpha's reason is long for the grid, so it is the tooltip.
void showAlpha(QLabel* label, const agreement::KrippendorffAlpha& alpha) {
    label->setText(alpha.alpha ? QString::number(*alpha.alpha, 'f', 3) : QObject::tr("undefined"));
    label->setToolTip(alpha.alpha ? QString() : toQ(alpha.undefinedReason));
}

void showProgress(QLabel* name, QProgressBar* bar, const agreement::CoderProgress& coder,
                  std::int64_t items) {
    name->setText(toQ(coder.name));
    bar->setRange(0, static_cast<int>(std::max<std::int64_t>(items, 1)));
    bar->setValue(static_cast<int>(coder.labeled));
    bar->setFormat(QObject::tr("%1 of %2 labeled").arg(coder.labeled).arg(items));
}

} // namespace

AgreementPage::AgreementPage(ProjectSession* session, Dialogs& dialogs, QWidget* parent)
    : Page(session, parent), dialogs_(dialogs) {
    auto* layout = new QVBoxLayout(this);

    auto* top = new QHBoxLayout;
    round_ = new QComboBox(this);
    round_->setObjectName(QStringLiteral("roundChoice"));
    round_->setMinimumContentsLength(22);
    round_->setToolTip(tr("The whole study (every reliability round together, each round's "
                          "pairs once) or one round whose coders are compared"));
    auto* refreshButton = new QPushButton(tr("Refresh"), this);
    refreshButton->setObjectName(QStringLiteral("refreshAgreement"));
    refreshButton->setShortcut(QKeySequence(Qt::Key_F5));
    refreshButton->setToolTip(tr("Read the labels again (F5)"));
    export_ = new QPushButton(tr("Export CSV…"), this);
    export_->setObjectName(QStringLiteral("exportAgreementCsv"));
    export_->setToolTip(tr("Every figure of this page as one CSV table"));
    top->addWidget(new QLabel(tr("Measure"), this));
    top->addWidget(round_);
    top->addStretch(1);
    top->addWidget(refreshButton);
    top->addWidget(export_);
    layout->addLayout(top);

    message_ = new QLabel(this);
    message_->setObjectName(QStringLiteral("agreementMessage"));
    message_->setWordWrap(true);
    layout->addWidget(message_);

    figures_ = new QWidget(this);
    auto* figuresLayout = new QHBoxLayout(figures_);
    figuresLayout->setContentsMargins(0, 0, 0, 0);

    auto* headline = new QGroupBox(tr("Cohen's kappa"), figures_);
    headline_ = headline;
    headline_->setObjectName(QStringLiteral("agreementHeadline"));
    auto* headlineLayout = new QVBoxLayout(headline);
    auto* kappaRow = new QHBoxLayout;
    kappa_ = valueLabel(headline, "kappaValue");
    QFont big = kappa_->font();
    big.setPointSizeF(big.pointSizeF() * 2.2);
    big.setBold(true);
    kappa_->setFont(big);
    band_ = valueLabel(headline, "kappaBand");
    band_->setAlignment(Qt::AlignCenter);
    band_->setToolTip(tr("Landis & Koch (1977): below 0 poor, to 0.20 slight, to 0.40 fair, to "
                         "0.60 moderate, to 0.80 substantial, above almost perfect"));
    kappaRow->addWidget(kappa_);
    kappaRow->addSpacing(12);
    kappaRow->addWidget(band_, 0, Qt::AlignVCenter);
    kappaRow->addStretch(1);
    interval_ = valueLabel(headline, "kappaInterval");
    interval_->setWordWrap(true);
    significance_ = valueLabel(headline, "kappaSignificance");
    significance_->setToolTip(
        tr("The test of kappa = 0 with the standard error under that hypothesis, as R's "
           "irr::kappa2 reports it; the p-value is printed as R prints p-values"));
    headlineLayout->addLayout(kappaRow);
    headlineLayout->addWidget(interval_);
    headlineLayout->addWidget(significance_);
    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(18);
    observed_ = valueLabel(headline, "observedValue");
    expected_ = valueLabel(headline, "expectedValue");
    n_ = valueLabel(headline, "nValue");
    percent_ = valueLabel(headline, "percentValue");
    alphaNominal_ = valueLabel(headline, "alphaNominalValue");
    alphaMasi_ = valueLabel(headline, "alphaMasiValue");
    ac1_ = valueLabel(headline, "ac1Value");
    const std::pair<QString, QLabel*> cells[] = {
        {tr("Observed agreement p<sub>o</sub>"), observed_},
        {tr("Expected by chance p<sub>e</sub>"), expected_},
        {tr("Posts labeled by both (n)"), n_},
        {tr("Percent agreement"), percent_},
        {tr("Krippendorff's α, nominal"), alphaNominal_},
        {tr("Krippendorff's α, MASI"), alphaMasi_},
        {tr("Gwet's AC1"), ac1_},
    };
    QLabel* names[7] = {};
    for (int i = 0; i < 7; ++i) {
        auto* name = new QLabel(cells[i].first, headline);
        names[i] = name;
        name->setTextFormat(Qt::RichText); // our own words with <sub>, never data
        name->setStyleSheet(QStringLiteral("color: #555;"));
        grid->addWidget(name, (i % 4), (i / 4) * 2);
        grid->addWidget(cells[i].second, (i % 4), (i / 4) * 2 + 1);
    }
    observedName_ = names[0];
    expectedName_ = names[1];
    nName_ = names[2];
    grid->setColumnStretch(4, 1);
    headlineLayout->addLayout(grid);
    headlineLayout->addStretch(1);
    figuresLayout->addWidget(headline, 3);

    auto* progress = new QGroupBox(tr("Coders' progress"), figures_);
    auto* progressLayout = new QFormLayout(progress);
    progressLayout_ = progressLayout;
    coderAName_ = valueLabel(progress, "coderAName");
    coderBName_ = valueLabel(progress, "coderBName");
    coderA_ = new QProgressBar(progress);
    coderA_->setObjectName(QStringLiteral("coderAProgress"));
    coderB_ = new QProgressBar(progress);
    coderB_->setObjectName(QStringLiteral("coderBProgress"));
    progressLayout->addRow(coderAName_, coderA_);
    progressLayout->addRow(coderBName_, coderB_);
    const QString progressTip =
        tr("Labeled posts of the round; each coder is assigned every post of it.");
    coderA_->setToolTip(progressTip);
    coderB_->setToolTip(progressTip);

    // Per root is short (one row per root), so it sits beside the headline and the
    // heat map below gets the room.
    perRoot_ = new KappaTableModel(tr("Root"), this);
    perCategory_ = new KappaTableModel(tr("Category"), this);
    perRootProxy_ = makeProxy(perRoot_, this);
    perCategoryProxy_ = makeProxy(perCategory_, this);
    perRootBox_ = new QGroupBox(tr("Per root"), figures_);
    auto* perRootLayout = new QVBoxLayout(perRootBox_);
    perRootView_ = makeKappaView(perRootProxy_, QStringLiteral("perRootView"), perRootBox_);
    perRootView_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    perRootView_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    perRootView_->setWordWrap(false);
    perRootLayout->addWidget(perRootView_);
    auto* side = new QVBoxLayout;
    side->addWidget(progress);
    side->addWidget(perRootBox_);
    side->addStretch(1);
    figuresLayout->addLayout(side, 4);
    layout->addWidget(figures_);

    tabs_ = new QTabWidget(this);
    perCategoryView_ = makeKappaView(perCategoryProxy_, QStringLiteral("perCategoryView"), tabs_);
    auto* confusionPage = new QWidget(tabs_);
    auto* confusionLayout = new QVBoxLayout(confusionPage);
    confusionAxes_ = new QLabel(confusionPage);
    confusionAxes_->setObjectName(QStringLiteral("confusionAxes"));
    confusionAxes_->setWordWrap(true);
    confusion_ = new ConfusionModel(this);
    confusionView_ = new QTableView(confusionPage);
    confusionView_->setObjectName(QStringLiteral("confusionView"));
    confusionView_->setHorizontalHeader(new RotatedHeader(confusionView_));
    confusionView_->setModel(confusion_);
    confusionView_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    confusionView_->setSelectionMode(QAbstractItemView::SingleSelection);
    confusionView_->horizontalHeader()->setDefaultSectionSize(36);
    auto* down = confusionView_->verticalHeader();
    down->setSectionResizeMode(QHeaderView::Fixed);
    down->setDefaultSectionSize(22);
    down->setDefaultAlignment(Qt::AlignRight | Qt::AlignVCenter);
    confusionLayout->addWidget(confusionAxes_);
    confusionLayout->addWidget(confusionView_, 1);

    perRound_ = new KappaTableModel(tr("Round"), this);
    perRoundPage_ = makeOrderedKappaView(perRound_, QStringLiteral("perRoundView"), tabs_);
    drift_ = new KappaTableModel(tr("Posts"), this);
    auto* driftPage = new QWidget(tabs_);
    auto* driftLayout = new QHBoxLayout(driftPage);
    driftChart_ = new KappaSeriesChart(driftPage);
    auto* driftView = makeOrderedKappaView(drift_, QStringLiteral("driftView"), driftPage);
    driftLayout->addWidget(driftChart_, 3);
    driftLayout->addWidget(driftView, 2);

    // Who agrees with whom, when a round has more than two coders.
    pairwise_ = new PairwiseKappaModel(this);
    auto* pairwiseView = new QTableView(tabs_);
    pairwiseView->setObjectName(QStringLiteral("pairwiseView"));
    pairwiseView->setModel(pairwise_);
    pairwiseView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    pairwiseView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    pairwiseView->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    pairwisePage_ = pairwiseView;

    tabs_->addTab(confusionPage, tr("Confusion"));
    tabs_->addTab(pairwisePage_, tr("Pairs of coders"));
    tabs_->addTab(perCategoryView_, tr("Per category"));
    tabs_->addTab(perRoundPage_, tr("Per round"));
    tabs_->addTab(driftPage, tr("Over time"));
    layout->addWidget(tabs_, 1);
    calibration_ = new CalibrationView(dialogs_, this);
    calibration_->setObjectName(QStringLiteral("calibrationView"));
    calibration_->hide();
    layout->addWidget(calibration_, 1);

    connect(round_, &QComboBox::currentIndexChanged, this, [this] {
        if (!reloading_)
            compute();
    });
    connect(refreshButton, &QPushButton::clicked, this, [this] { refresh(); });
    connect(export_, &QPushButton::clicked, this, [this] { exportCsv(); });
    showNothing(QString());
}

bool AgreementPage::showsCalibration() const {
    return calibrationRounds_.contains(currentRound());
}

QString AgreementPage::currentRound() const {
    return round_->currentData().toString();
}

bool AgreementPage::showsStudy() const {
    return agreement_ && agreement_->scope == agreement::AgreementScope::Study;
}

void AgreementPage::chooseRound(const QString& name) {
    const int index = round_->findData(name);
    if (index >= 0)
        round_->setCurrentIndex(index);
}

void AgreementPage::refresh() {
    if (!session()->isOpen()) {
        reloading_ = true;
        round_->clear();
        reloading_ = false;
        showNothing(QString());
        return;
    }
    reloadRounds();
    compute();
}

void AgreementPage::reloadRounds() {
    const QString previous = currentRound();
    reloading_ = true;
    round_->clear();
    calibrationRounds_.clear();
    auto rounds = rounds::listRounds(*session()->project());
    if (rounds) {
        // The whole study first, the default as in `taxo agreement`, when a reliability
        // round has two or more coders; then those rounds and screening rounds with
        // their two coders, reliability first.
        const auto measurable = [](const rounds::RoundInfo& round) {
            return round.kind == rounds::RoundKind::Reliability ? round.coders.size() >= 2
                                                                : round.coders.size() == 2;
        };
        const bool anyReliability =
            std::any_of(rounds->begin(), rounds->end(), [&](const auto& round) {
                return round.kind == rounds::RoundKind::Reliability && measurable(round);
            });
        if (anyReliability)
            round_->addItem(tr("Whole study (every reliability round)"), QString());
        for (const bool reliability : {true, false})
            for (const auto& round : *rounds)
                if ((round.kind == rounds::RoundKind::Reliability) == reliability &&
                    round.kind != rounds::RoundKind::Pilot && measurable(round))
                    round_->addItem(
                        reliability
                            ? toQ(round.name)
                            : tr("%1 (%2)").arg(toQ(round.name), toQ(rounds::kindName(round.kind))),

                        toQ(round.name));
        // Calibration rounds last: each coder against the pilot, never in the study.
        for (const auto& round : *rounds)
            if (round.kind == rounds::RoundKind::Calibration && !round.coders.empty()) {
                round_->addItem(tr("%1 (calibration)").arg(toQ(round.name)), toQ(round.name));
                calibrationRounds_ << toQ(round.name);
            }
    }
    const int index = round_->findData(previous);
    round_->setCurrentIndex(index >= 0 ? index : 0);
    reloading_ = false;
    if (!rounds)
        showNothing(toQ(rounds.message()));
}

void AgreementPage::compute() {
    if (!session()->isOpen())
        return;
    if (round_->count() == 0) {
        showNothing(tr("No round has two coders yet. Draw a sample and assign two coders to its "
                       "reliability round on the Sampling page."));
        return;
    }
    const bool calibration = showsCalibration();
    figures_->setVisible(!calibration);
    tabs_->setVisible(!calibration);
    export_->setVisible(!calibration);
    calibration_->setVisible(calibration);
    if (calibration) {
        agreement_.reset();
        message_->hide();
        calibration_->showRound(session()->project()->db(), currentRound());
        return;
    }
    auto result =
        agreement::projectAgreement(session()->project()->db(), currentRound().toStdString());
    if (!result) {
        showNothing(toQ(result.message()));
        return;
    }
    agreement_ = std::move(*result);
    showAgreement(*agreement_);
}

void AgreementPage::showAgreement(const agreement::ProjectAgreement& result) {
    const auto& k = result.overall;
    const bool study = result.scope == agreement::AgreementScope::Study;
    // With more than two coders in a round Fleiss' kappa is the headline; the grid's
    // observed and expected are then P-bar and Pe-bar over the posts every coder labeled.
    const bool fleiss = agreement::fleissHeadline(result);
    const QString measure = fleiss ? tr("Fleiss' kappa") : tr("Cohen's kappa");
    headline_->setTitle(study ? (result.rounds.size() == 1
                                     ? tr("%1 of the study: 1 reliability round").arg(measure)
                                     : tr("%1 of the study: %2 reliability rounds")
                                           .arg(measure)
                                           .arg(result.rounds.size()))
                              : tr("%1 of round %2").arg(measure, toQ(result.round)));
    message_->hide();
    figures_->setEnabled(true);
    tabs_->setEnabled(true);
    perRootBox_->setEnabled(true);
    export_->setEnabled(true);
    const std::optional<double> headlineKappa = fleiss ? result.fleiss->kappa : k.kappa;
    kappa_->setText(QStringLiteral("κ = ") + formatKappa(headlineKappa));
    if (headlineKappa) {
        const auto band = agreement::landisKochBand(*headlineKappa);
        const QColor colour = bandColour(band);
        band_->setText(tr(agreement::kappaBandName(band)));
        band_->setStyleSheet(QStringLiteral("QLabel { background: %1; color: white; "
                                            "border-radius: 4px; padding: 3px 10px; "
                                            "font-weight: bold; }")
                                 .arg(colour.name()));
        band_->show();
    } else {
        band_->clear();
        band_->hide();
    }
    if (fleiss) {
        const auto& f = *result.fleiss;
        interval_->setText(
            f.kappa ? tr("%1 coders; %2 posts labeled by all of them, %3 left out (not labeled "
                         "by every coder). Fleiss' kappa has no interval here: its standard "
                         "error is known under κ = 0 only.")
                          .arg(f.coders)
                          .arg(f.n)
                          .arg(f.postsExcluded)
                    : toQ(f.undefinedReason) +
                          (k.kappa ? tr(". Cohen's kappa of the rounds with two coders: %1 "
                                        "(%2 posts labeled by both).")
                                         .arg(formatKappa(k.kappa))
                                         .arg(k.n)
                                   : QString()));
        significance_->setText(f.zNull && f.pValueNull
                                   ? tr("Test of κ = 0: z = %1, %2 (as irr's kappam.fleiss)")
                                         .arg(toQ(util::formatSignificant(*f.zNull, 3)),
                                              toQ(util::pValuePhrase(*f.pValueNull)))
                                   : QString());
        observedName_->setText(tr("Observed agreement P̄"));
        expectedName_->setText(tr("Expected by chance P̄<sub>e</sub>"));
        nName_->setText(tr("Posts labeled by all (n)"));
        // No post counted (rounds of different numbers of coders): no figure to show.
        observed_->setText(f.n ? QString::number(f.observed, 'f', 3) : QStringLiteral("–"));
        expected_->setText(f.n ? QString::number(f.expected, 'f', 3) : QStringLiteral("–"));
        n_->setText(tr("%1 of %2 posts").arg(f.n).arg(result.items));
        percent_->setText(tr("see Pairs of coders"));
    } else {
        if (k.kappa) {
            interval_->setText(intervalText(k));
            significance_->setText(
                k.zNull && k.pValueNull
                    ? tr("Test of κ = 0: z = %1, %2")
                          .arg(toQ(util::formatSignificant(*k.zNull, 3)),
                               toQ(util::pValuePhrase(*k.pValueNull)))
                    : tr("Test of κ = 0: undefined (the standard error under κ = 0 is 0)"));
        } else {
            interval_->setText(toQ(k.undefinedReason));
            significance_->clear();
        }
        observedName_->setText(tr("Observed agreement p<sub>o</sub>"));
        expectedName_->setText(tr("Expected by chance p<sub>e</sub>"));
        nName_->setText(tr("Posts labeled by both (n)"));
        observed_->setText(QString::number(k.observed, 'f', 3));
        expected_->setText(QString::number(k.expected, 'f', 3));
        n_->setText(tr("%1 of %2 posts").arg(k.n).arg(result.items));
        percent_->setText(
            k.n ? QString::fromStdString(util::formatShare(static_cast<std::int64_t>(k.agreements),
                                                           static_cast<std::int64_t>(k.n))) +
                      QStringLiteral(" %")
                : tr("none labeled by both"));
    }
    showAlpha(alphaNominal_, result.alphaNominal);
    showAlpha(alphaMasi_, result.alphaMasi);
    if (result.ac1.ac1)
        ac1_->setText(result.ac1.standardError
                          ? tr("%1 (SE %2)")
                                .arg(QString::number(*result.ac1.ac1, 'f', 3),
                                     QString::number(*result.ac1.standardError, 'f', 3))
                          : QString::number(*result.ac1.ac1, 'f', 3));
    else
        ac1_->setText(tr("undefined"));
    ac1_->setToolTip(result.ac1.ac1 ? tr("Gwet (2008): chance agreement from how often each value "
                                         "is used, so a dominant category does not pull it down")
                                    : toQ(result.ac1.undefinedReason));
    showCoders(result);
    pairwise_->setAgreement(&result);
    tabs_->setTabVisible(tabs_->indexOf(pairwisePage_), fleiss);

    std::vector<KappaTableModel::Row> roots;
    // With three or more coders the rows are Fleiss' kappa per root, as the headline is.
    for (const auto& root : result.perRoot)
        roots.push_back({toQ(root.root), root.kappa, fleiss ? root.fleiss : std::nullopt});
    perRootBox_->setTitle(fleiss ? tr("Per root: Fleiss' kappa") : tr("Per root"));
    perRoot_->setRows(std::move(roots));
    std::vector<KappaTableModel::Row> categories;
    for (const auto& category : result.perCategory)
        categories.push_back({toQ(category.path), category.kappa});
    perCategory_->setRows(std::move(categories));
    std::vector<KappaTableModel::Row> rounds;
    for (const auto& round : result.rounds) {
        QStringList coders;
        for (const auto& coder : round.coders)
            coders << toQ(coder.name);
        rounds.push_back(
            {tr("%1 (%2)").arg(toQ(round.round), coders.join(QStringLiteral(", "))), round.kappa});
    }
    perRound_->setRows(std::move(rounds));
    tabs_->setTabVisible(tabs_->indexOf(perRoundPage_), study);
    std::vector<KappaTableModel::Row> batches;
    for (const auto& batch : result.drift)
        batches.push_back({tr("%1–%2").arg(batch.first).arg(batch.last), batch.kappa});
    drift_->setRows(std::move(batches));
    driftChart_->setSeries(result.drift);
    confusion_->setAgreement(&result);
    // Without a two-coder round the confusion table is empty: open on the pairs instead.
    if (result.overall.n == 0 && fleiss)
        tabs_->setCurrentWidget(pairwisePage_);
    if (result.overall.n == 0 && fleiss)
        confusionAxes_->setText(tr("The confusion table compares two coders: it covers the "
                                   "rounds with two coders, and this has none. See Pairs of "
                                   "coders."));
    else if (result.coders.size() >= 2)
        confusionAxes_->setText(
            tr("Rows: %1's label · columns: %2's label · the diagonal (green) is "
               "where they agree, red cells where they differ; hover a cell for "
               "the full names.")
                .arg(toQ(result.coders[0].name), toQ(result.coders[1].name)));
    fitPerRootHeight();
}

void AgreementPage::showNothing(const QString& message) {
    agreement_.reset();
    calibration_->hide();
    figures_->show();
    tabs_->show();
    export_->show();
    message_->setText(message);
    message_->setVisible(!message.isEmpty());
    figures_->setEnabled(false);
    tabs_->setEnabled(false);
    perRootBox_->setEnabled(false);
    export_->setEnabled(false);
    kappa_->setText(QStringLiteral("κ = –"));
    band_->hide();
    interval_->clear();
    for (QLabel* label :
         {observed_, expected_, n_, percent_, alphaNominal_, alphaMasi_, ac1_, significance_})
        label->clear();
    headline_->setTitle(tr("Cohen's kappa"));
    coderAName_->setText(tr("Coder A"));
    coderBName_->setText(tr("Coder B"));
    for (QProgressBar* bar : {coderA_, coderB_}) {
        bar->setRange(0, 1);
        bar->setValue(0);
        bar->setFormat(QString());
    }
    perRoot_->setRows({});
    perCategory_->setRows({});
    perRound_->setRows({});
    drift_->setRows({});
    driftChart_->setSeries({});
    confusion_->setAgreement(nullptr);
    confusionAxes_->clear();
    pairwise_->setAgreement(nullptr);
    tabs_->setTabVisible(tabs_->indexOf(pairwisePage_), false);
    for (auto* name : moreCoderNames_)
        progressLayout_->setRowVisible(name, false);
    fitPerRootHeight();
}

void AgreementPage::showCoders(const agreement::ProjectAgreement& result) {
    const auto coder = [&](std::size_t index) {
        return index < result.coders.size() ? result.coders[index] : agreement::CoderProgress{};
    };
    // In the study, coder C of a round exists only in the rounds of three or more: each
    // place counts the posts of the rounds that have a coder there.
    const auto assigned = [&](std::size_t index) {
        std::int64_t posts = 0;
        for (const auto& round : result.rounds)
            if (round.coders.size() > index)
                posts += round.items;
        return posts;
    };
    showProgress(coderAName_, coderA_, coder(0), assigned(0));
    showProgress(coderBName_, coderB_, coder(1), assigned(1));
    const std::size_t more = result.coders.size() > 2 ? result.coders.size() - 2 : 0;
    while (moreCoders_.size() < more) {
        const QString letter = QString(QChar(static_cast<char16_t>(u'C' + moreCoders_.size())));
        auto* name = new QLabel(this);
        name->setObjectName(QStringLiteral("coder%1Name").arg(letter));
        auto* bar = new QProgressBar(this);
        bar->setObjectName(QStringLiteral("coder%1Progress").arg(letter));
        bar->setToolTip(coderA_->toolTip());
        progressLayout_->addRow(name, bar);
        moreCoderNames_.push_back(name);
        moreCoders_.push_back(bar);
    }
    for (std::size_t index = 0; index < moreCoders_.size(); ++index) {
        progressLayout_->setRowVisible(moreCoders_[index], index < more);
        if (index < more)
            showProgress(moreCoderNames_[index], moreCoders_[index], coder(index + 2),
                         assigned(index + 2));
    }
}

void AgreementPage::fitPerRootHeight() {
    // Every root shows without a scroll bar; a study has a handful of them.
    const int rows = std::max(perRootProxy_->rowCount(), 1);
    perRootView_->setFixedHeight(perRootView_->horizontalHeader()->sizeHint().height() +
                                 rows * perRootView_->verticalHeader()->defaultSectionSize() +
                                 2 * perRootView_->frameWidth());
}

bool AgreementPage::exportCsv() {
    if (!agreement_) {
        dialogs_.showError(this, tr("Export agreement"),
                           tr("Nothing to export: no round's agreement is shown."));
        return false;
    }
    const QString path =
        saveCsv(dialogs_, this, tr("Export agreement"),
                QStringLiteral("agreement-") +
                    (showsStudy() ? QStringLiteral("study") : toQ(agreement_->round)) +
                    QStringLiteral(".csv"),
                agreement::agreementCsv(*agreement_));
    if (path.isEmpty())
        return false;
    message_->setText(tr("Exported to %1").arg(QFileInfo(path).fileName()));
    message_->show();
    return true;
}

} // namespace taxo::ui
