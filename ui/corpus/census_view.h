#pragma once
// The Corpus page's census tab: every question and answer row the imports read, kept or
// not (core/corpus/census.h), as a table and a chart per year and the most used tags,
// with CSV export.

#include "core/corpus/census.h"

#include <QWidget>

class QChartView;
class QLabel;
class QPushButton;
class QTableView;

namespace taxo::ui {

class CensusTagModel;
class CensusYearModel;
class Dialogs;

class CensusView final : public QWidget {
    Q_OBJECT
public:
    // How many of the most used tags the tab lists.
    static constexpr std::size_t kTopTags = 100;

    CensusView(Dialogs& dialogs, QWidget* parent = nullptr);

    // Reads the census of the project (nullptr: none open) and shows it.
    void showCensus(sql::Database* db);
    // Writes corpus::censusToCsv of what is shown; false with a message when it cannot.
    bool exportCsv(const QString& path, QString* error) const;

    const corpus::Census& census() const { return census_; }
    CensusYearModel* yearModel() const { return years_; }
    CensusTagModel* tagModel() const { return tags_; }
    QChartView* chart() const { return chart_; }
    QLabel* summary() const { return summary_; }

private:
    void rebuildChart();

    Dialogs& dialogs_;
    corpus::Census census_;
    CensusYearModel* years_;
    CensusTagModel* tags_;
    QLabel* summary_;
    QTableView* yearsView_;
    QTableView* tagsView_;
    QChartView* chart_;
    QPushButton* export_;
};

} // namespace taxo::ui
