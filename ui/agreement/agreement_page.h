#pragma once
// The Agreement page: Cohen's kappa of a round with its 95 % interval and its
// Landis & Koch band, Krippendorff's alpha, kappa per root and per category in
// sortable tables, the confusion table as a heat map, and each coder's progress.
// Every number comes from core's projectAgreement; the CSV is core's
// agreementCsv, written atomically. Agreement over 10 000 posts takes well under
// 100 ms (docs/performance.md), so it is computed on the UI thread.

#include "core/agreement/project_agreement.h"
#include "ui/session/page.h"

#include <optional>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace taxo::ui {

class ConfusionModel;
class Dialogs;
class KappaTableModel;

class AgreementPage final : public Page {
    Q_OBJECT
public:
    AgreementPage(ProjectSession* session, Dialogs& dialogs, QWidget* parent = nullptr);
    QString title() const override { return tr("Agreement"); }
    QString purpose() const override {
        return tr("Cohen's kappa between the two coders with its confidence interval, per "
                  "root and per category.");
    }
    // Reads the rounds and the chosen round's agreement again.
    void refresh() override;

    // The round shown; empty when there is none.
    QString currentRound() const;
    void chooseRound(const QString& name);
    const std::optional<agreement::ProjectAgreement>& current() const { return agreement_; }

    // Asks for a file through the Dialogs seam and writes the CSV; false when
    // cancelled or refused (the reason is shown through the seam).
    bool exportCsv();

    KappaTableModel* perRootModel() const { return perRoot_; }
    KappaTableModel* perCategoryModel() const { return perCategory_; }
    QSortFilterProxyModel* perRootProxy() const { return perRootProxy_; }
    QSortFilterProxyModel* perCategoryProxy() const { return perCategoryProxy_; }
    ConfusionModel* confusionModel() const { return confusion_; }

private:
    void reloadRounds();
    void compute();
    void showAgreement(const agreement::ProjectAgreement& result);
    void showNothing(const QString& message);
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
    QLabel* coderAName_;
    QLabel* coderBName_;
    QProgressBar* coderA_;
    QProgressBar* coderB_;
    QWidget* perRootBox_;
    QTabWidget* tabs_;
    KappaTableModel* perRoot_;
    KappaTableModel* perCategory_;
    QSortFilterProxyModel* perRootProxy_;
    QSortFilterProxyModel* perCategoryProxy_;
    ConfusionModel* confusion_;
    QTableView* perRootView_;
    QTableView* perCategoryView_;
    QTableView* confusionView_;
    QLabel* confusionAxes_;
    std::optional<agreement::ProjectAgreement> agreement_;
    bool reloading_ = false;
};

} // namespace taxo::ui
