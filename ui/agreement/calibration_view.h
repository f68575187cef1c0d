#pragma once
// The Agreement page's view of a calibration round: each coder against the consensus
// of the pilot the round was drawn from (core/agreement/calibration.h). A coder is
// picked, then the headline (Cohen's kappa with its interval, percent agreement, the
// posts scored and those not labeled yet), the agreement per category and the posts
// where coder and consensus differ, each side's note beside its label. The CSV is
// core's calibrationCsv, written atomically.

#include "core/agreement/calibration.h"

#include <QWidget>
#include <vector>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace taxo::sql {
class Database;
}

namespace taxo::ui {

class CalibrationCategoryModel;
class CalibrationDifferenceModel;
class Dialogs;

class CalibrationView final : public QWidget {
    Q_OBJECT
public:
    CalibrationView(Dialogs& dialogs, QWidget* parent = nullptr);

    // Scores every coder of the round and shows the coder shown before, if still there;
    // false (with core's message shown) when core refuses.
    bool showRound(sql::Database& db, const QString& round);
    void chooseCoder(const QString& name);
    // The coder's score shown, or null when none is.
    const agreement::CalibrationScore* current() const;

    // Asks for a file through the Dialogs seam and writes the shown coder's CSV; false
    // when cancelled or refused (the reason shown through the seam).
    bool exportCsv();

    CalibrationCategoryModel* categoryModel() const { return categories_; }
    CalibrationDifferenceModel* differenceModel() const { return differences_; }

private:
    void showCoder();

    Dialogs& dialogs_;
    QComboBox* coder_;
    QLabel* title_;
    QLabel* kappa_;
    QLabel* interval_;
    QLabel* summary_;
    QLabel* message_;
    QPushButton* export_;
    CalibrationCategoryModel* categories_;
    CalibrationDifferenceModel* differences_;
    QTableView* categoryView_;
    QTableView* differenceView_;
    std::vector<agreement::CalibrationScore> scores_;
    bool reloading_ = false;
};

} // namespace taxo::ui
