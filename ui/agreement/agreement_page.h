#pragma once
// The Agreement page: Cohen's kappa of the whole study (every reliability round
// together, the default) or of one round, with its 95 % interval, its test against
// 0 and its Landis & Koch band (Fleiss' kappa with its test instead, and the matrix of
// pairwise Cohen's kappas, when a round has more than two coders), Krippendorff's alpha and Gwet's
// AC1, kappa per root, per category and per round in sortable tables, kappa over time, the
// confusion table as a heat map, and each coder's progress. Every number comes from core's
// projectAgreement; the CSV is core's agreementCsv, written atomically. Agreement over 10 000 posts
// takes well under 100 ms (docs/performance.md), so it is computed on the UI thread.
// A calibration round, picked in the same list, shows its own view instead: each coder
// against the pilot's consensus (calibration_view.h).

#include "core/agreement/project_agreement.h"
#include "ui/session/page.h"

#include <QStringList>
#include <optional>
#include <vector>

class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace taxo::ui {

class CalibrationView;
class ConfusionModel;
class Dialogs;
class KappaSeriesChart;
class KappaTableModel;
class PairwiseKappaModel;

class AgreementPage final : public Page {
    Q_OBJECT
public:
    AgreementPage(ProjectSession* session, Dialogs& dialogs, QWidget* parent = nullptr);
    QString title() const override { return tr("Agreement"); }
    QString purpose() const override {
        return tr("Cohen's kappa between two coders (Fleiss' kappa among more), for the whole "
                  "study or one round, with its confidence interval, per root, per category "
                  "and over time.");
    }
    // Reads the rounds and the chosen round's agreement again.
    void refresh() override;

    // The round shown; empty for the whole study, or when there is none.
    QString currentRound() const;
    bool showsStudy() const;
    void chooseRound(const QString& name);
    const std::optional<agreement::ProjectAgreement>& current() const { return agreement_; }

    // Asks for a file through the Dialogs seam and writes the CSV; false when
    // cancelled or refused (the reason is shown through the seam).
    bool exportCsv();

    KappaTableModel* perRootModel() const { return perRoot_; }
    KappaTableModel* perCategoryModel() const { return perCategory_; }
    KappaTableModel* perRoundModel() const { return perRound_; }
    KappaTableModel* driftModel() const { return drift_; }
    KappaSeriesChart* driftChart() const { return driftChart_; }
    QSortFilterProxyModel* perRootProxy() const { return perRootProxy_; }
    QSortFilterProxyModel* perCategoryProxy() const { return perCategoryProxy_; }
    ConfusionModel* confusionModel() const { return confusion_; }
    PairwiseKappaModel* pairwiseModel() const { return pairwise_; }
    // Shown instead of the figures while a calibration round is picked.
    CalibrationView* calibrationView() const { return calibration_; }
    bool showsCalibration() const;

private:
    void reloadRounds();
    void compute();
    void showAgreement(const agreement::ProjectAgreement& result);
    void showNothing(const QString& message);
    void showCoders(const agreement::ProjectAgreement& result);
    void fitPerRootHeight();

    Dialogs& dialogs_;
    QComboBox* round_;
    QPushButton* export_;
    QLabel* message_;
    QWidget* figures_;
    QLabel* kappa_;
    QLabel* interval_;
    QLabel* band_;
    QLabel* observed_;
    QLabel* expected_;
    QLabel* n_;
    QLabel* percent_;
    QLabel* alphaNominal_;
    QLabel* alphaMasi_;
    QLabel* ac1_;
    QLabel* significance_;
    QGroupBox* headline_;
    QLabel* coderAName_;
    QLabel* coderBName_;
    QProgressBar* coderA_;
    QProgressBar* coderB_;
    // Coders C, D, ... of a round of more than two: made on demand, hidden when fewer.
    QFormLayout* progressLayout_;
    std::vector<QLabel*> moreCoderNames_;
    std::vector<QProgressBar*> moreCoders_;
    QLabel* observedName_;
    QLabel* expectedName_;
    QLabel* nName_;
    PairwiseKappaModel* pairwise_;
    QWidget* pairwisePage_;
    QGroupBox* perRootBox_;
    QTabWidget* tabs_;
    KappaTableModel* perRoot_;
    KappaTableModel* perCategory_;
    KappaTableModel* perRound_;
    KappaTableModel* drift_;
    KappaSeriesChart* driftChart_;
    QWidget* perRoundPage_;
    QSortFilterProxyModel* perRootProxy_;
    QSortFilterProxyModel* perCategoryProxy_;
    ConfusionModel* confusion_;
    QTableView* perRootView_;
    QTableView* perCategoryView_;
    QTableView* confusionView_;
    QLabel* confusionAxes_;
    CalibrationView* calibration_;
    QStringList calibrationRounds_;
    std::optional<agreement::ProjectAgreement> agreement_;
    bool reloading_ = false;
};

} // namespace taxo::ui
