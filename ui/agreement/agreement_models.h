#pragma once
// Item models of the Agreement page. They hold plain copies of what core's
// projectAgreement returned; the page replaces them on every refresh.

#include "core/agreement/project_agreement.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QString>
#include <vector>

namespace taxo::ui {

// Kappa per root or per leaf category, one row each. SortRole gives numbers as
// numbers (an undefined kappa sorts below every defined one) and names as text.
class KappaTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        KappaColumn,
        CiLowColumn,
        CiHighColumn,
        BandColumn,
        NColumn,
        PercentColumn,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole;

    struct Row {
        QString name;
        agreement::CohenKappa kappa;
        // A round of three or more coders: the row shows Fleiss' kappa over all of them
        // instead (no interval: only its standard error under H0 is known).
        std::optional<agreement::FleissKappa> fleiss = {};
    };

    // nameHeader: "Root" or "Category".
    explicit KappaTableModel(QString nameHeader, QObject* parent = nullptr);

    void setRows(std::vector<Row> rows);
    const Row* rowAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QVariant fleissData(const Row& row, Column column, int role) const;

    QString nameHeader_;
    std::vector<Row> rows_;
};

// The confusion table as a square heat map: coder A's values down, coder B's
// across, in the same order on both axes so that agreement is the diagonal.
// Cells are coloured by count (CountRole gives it as a number).
class ConfusionModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int CountRole = Qt::UserRole;

    explicit ConfusionModel(QObject* parent = nullptr);

    void setAgreement(const agreement::ProjectAgreement* agreement); // null clears
    int count(int row, int column) const;
    int maximum() const { return maximum_; }
    // The value's full name (category paths) and its short axis label (leaf names).
    QString valueName(int index) const;
    QString valueLabel(int index) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QColor cellColour(int row, int column) const;

    struct Value {
        QString name;
        QString label;
    };
    std::vector<Value> values_;
    std::vector<std::vector<int>> counts_; // [A's value][B's value]
    QString coderA_;
    QString coderB_;
    int maximum_ = 0;
};

// "0.816", or "undefined"; three decimals as the paper reports kappa.
QString formatKappa(const std::optional<double>& value);
// "95 % confidence interval 0.747 to 0.874 (standard error 0.032)", saying so when the
// interval reaches past 1 or -1: it is reported unclipped, as statsmodels and SAS do.
// Precondition: kappa.kappa is set.
QString intervalText(const agreement::CohenKappa& kappa);
// The Landis & Koch band's colour: red for poor through green for almost perfect.
QColor bandColour(agreement::KappaBand band);

} // namespace taxo::ui
