#pragma once
// The Sampling page: each set's population, a live sample-size calculator, the
// seeded draw with its pilot/reliability split, and below it three tabs: the
// rounds with who codes what, the people and their roles, and the screening of a
// set (kappa and the lead's decisions). Every rule and number comes from core;
// edits of people, coders and decisions are undo commands (Ctrl+Z).

#include "ui/session/page.h"

#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class QTabWidget;
class QUndoStack;

namespace taxo::sampling {
struct StoredSample;
}

namespace taxo::ui {

class Dialogs;
class DrawModel;
class PeopleView;
class PostDialog;
class RoundsModel;
class ScreeningView;
class SetsModel;

class SamplingPage final : public Page {
    Q_OBJECT
public:
    SamplingPage(ProjectSession* session, Dialogs& dialogs, QWidget* parent = nullptr);
    ~SamplingPage() override;
    QString title() const override { return tr("Sampling"); }
    QString purpose() const override {
        return tr("Compute the sample size, draw a reproducible sample from a seed, and "
                  "split it into the pilot and reliability rounds.");
    }
    void refresh() override;
    bool leadOnly() const override { return true; }

    SetsModel* setsModel() const { return setsModel_; }
    DrawModel* drawModel() const { return drawModel_; }
    RoundsModel* roundsModel() const { return roundsModel_; }
    // The set selected in the sets table, or empty.
    QString selectedSet() const;
    void selectSet(const QString& name);
    // Draws for the selected set with the values in the form; the outcome is shown
    // inline in the status line. Returns success.
    bool draw();
    // Sets the coders ("Ann, Bo") of the round selected in the rounds table; the
    // outcome is shown inline under the table. Returns success.
    bool assignCoders();
    // Makes a calibration round from a pilot's consensus posts, asking through the
    // Dialogs seam for the pilot (unless a pilot round is selected), the name, the coders
    // and the posts (a number to draw, or ids); the outcome is shown under the table.
    // Not on the undo stack, as a draw is not. Returns success.
    bool newCalibrationRound();
    void selectRound(const QString& name);
    PeopleView* peopleView() const { return peopleView_; }
    // Opens the post of a row of the drawn sample in its own window (double-click).
    void openDrawnPost(int row);
    PostDialog* postDialog() const { return postDialog_; }
    ScreeningView* screeningView() const { return screeningView_; }
    QTabWidget* tabs() const { return tabs_; }
    QUndoStack* undoStack() const { return undo_; }

private:
    void onSetChanged();
    void updateCalculator();
    void updatePreview();
    void proposeSeed();
    void showStatus(const QString& text, bool error);

    Dialogs& dialogs_;
    SetsModel* setsModel_;
    DrawModel* drawModel_;
    RoundsModel* roundsModel_;
    QTableView* setsView_;
    QTableView* drawView_;
    QTableView* roundsView_;
    QLabel* setLabel_;
    QComboBox* sizeMode_;
    QDoubleSpinBox* confidence_;
    QDoubleSpinBox* margin_;
    QDoubleSpinBox* proportion_;
    QComboBox* rounding_;
    QLabel* sizeResult_;
    QSpinBox* fixedSize_;
    QLineEdit* seed_;
    QPushButton* newSeed_;
    QDoubleSpinBox* pilotPercent_;
    QCheckBox* replace_;
    QCheckBox* leaveOut_; // leave out posts already in other sets' rounds
    QPushButton* drawButton_;
    QLineEdit* coders_;
    QPushButton* assignButton_;
    QPushButton* calibrationButton_;
    QLabel* assignStatus_;
    QLabel* status_;
    QLabel* drawSummary_;
    QTabWidget* tabs_;
    QUndoStack* undo_;
    PeopleView* peopleView_;
    PostDialog* postDialog_ = nullptr;
    ScreeningView* screeningView_;
    std::unique_ptr<sampling::StoredSample> shown_;
    QString seedSet_; // the set the seed field was last filled for
};

} // namespace taxo::ui
