#pragma once
// Statistics: questions and askers per set and year (chart and table), the difficulty
// test, and box plots of the time to an accepted answer with their outliers. Every
// number comes from core's computeStats, computed off the UI thread; the charts only
// choose what to show of it (the years, the time unit, a log axis). The table exports as
// CSV and the charts as PNG or SVG.

#include "core/stats/corpus_stats.h"
#include "ui/session/page.h"

#include <QPointer>
#include <QThread>
#include <optional>

class QCheckBox;
class QChartView;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableWidget;

namespace taxo::ui {

class Dialogs;

class StatisticsPage final : public Page {
    Q_OBJECT
public:
    StatisticsPage(ProjectSession* session, Dialogs& dialogs, QWidget* parent = nullptr);
    ~StatisticsPage() override;
    QString title() const override { return tr("Statistics"); }
    QString purpose() const override {
        return tr("Questions and askers per set and year; questions without an accepted "
                  "answer, tested against the rest; time to an accepted answer.");
    }
    void refresh() override;
    bool busy() const { return worker_ != nullptr; }
    void recompute();
    // Writes the current figures; false with a message on failure.
    bool exportCsv(const QString& path, QString* error = nullptr) const;
    // PNG or SVG by the file's suffix; the chart of the current tab.
    bool saveChart(const QString& path, QString* error = nullptr) const;
    const std::optional<stats::CorpusStats>& current() const { return stats_; }

private:
    Dialogs& dialogs_;
    void showResult(const stats::CorpusStats& result);
    void fillTable(const stats::CorpusStats& result);
    void resetShownYears();
    void rebuildYearChart();
    void rebuildBoxChart();
    QWidget* yearsTab();
    QWidget* boxTab();

    // The years counted: core leaves the others out of every figure.
    QSpinBox* from_;
    QSpinBox* to_;
    QCheckBox* yates_;
    // The difficulty test's comparison: the questions in no set, or the whole site.
    QComboBox* compare_;
    QPushButton* recompute_;
    QLabel* difficulty_;
    QTabWidget* tabs_;
    // The years shown in the per-year chart, among those with questions in a set.
    QSpinBox* shownFrom_;
    QSpinBox* shownTo_;
    QCheckBox* shareOfSite_;
    QChartView* yearsView_;
    QWidget* yearsPage_;
    QComboBox* timeUnit_;
    QCheckBox* logScale_;
    QChartView* boxView_;
    QWidget* boxPage_;
    QTableWidget* table_;
    QPointer<QThread> worker_;
    std::optional<stats::CorpusStats> stats_;
};

} // namespace taxo::ui
