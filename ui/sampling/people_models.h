#pragma once
// Item models for the People and Screening tabs of the Sampling page. They hold
// plain copies of what core returned; the views reload them after every change.

#include "core/people/people.h"
#include "core/rounds/rounds.h"
#include "core/screening/screening.h"

#include <QAbstractTableModel>
#include <vector>

namespace taxo::ui {

// Everyone with their roles and, per round they code in, how far they have come.
class PeopleModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, RolesColumn, WorkColumn, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setPeople(std::vector<people::Person> people,
                   const std::vector<rounds::RoundInfo>& rounds);
    const people::Person* personAt(int row) const;
    int rowOf(const QString& name) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<people::Person> people_;
    std::vector<QString> work_; // per person: "Browser screening 12/576 · ..."
};

// The posts of a screening round: both coders' marks, the outcome, the decision.
class ScreeningItemsModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { PostColumn, TitleColumn, AColumn, BColumn, OutcomeColumn, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    // Only the disagreements when disagreementsOnly.
    void setReport(const screening::Report* report, bool disagreementsOnly);
    const screening::ReportItem* itemAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<screening::ReportItem> items_;
    QString coderA_;
    QString coderB_;
};

} // namespace taxo::ui
