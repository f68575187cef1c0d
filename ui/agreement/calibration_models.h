#pragma once
// Item models of the Agreement page's calibration view: one coder's score against the
// pilot's consensus (core/agreement/calibration.h), per category and post by post.
// They hold plain copies of core's score; the view replaces them on every refresh.

#include "core/agreement/calibration.h"

#include <QAbstractTableModel>
#include <vector>

namespace taxo::ui {

// Per leaf category: the posts where both labels hold it, only the coder's, only the
// consensus', and the specific positive agreement 2a/(2a+b+c). SortRole gives the
// numbers as numbers.
class CalibrationCategoryModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        CategoryColumn,
        BothColumn,
        CoderOnlyColumn,
        ConsensusOnlyColumn,
        AgreementColumn,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole;

    explicit CalibrationCategoryModel(QObject* parent = nullptr);
    void setCategories(std::vector<agreement::CalibrationCategory> categories);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<agreement::CalibrationCategory> categories_;
};

// The posts where the coder's label is not the consensus, in round order, with each
// side's note. Every cell is plain text from the data.
class CalibrationDifferenceModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        PostColumn,
        TitleColumn,
        ConsensusColumn,
        ConsensusNoteColumn,
        CoderColumn,
        CoderNoteColumn,
        ColumnCount
    };

    explicit CalibrationDifferenceModel(QObject* parent = nullptr);
    // coder names the coder's columns ("Dee's label").
    void setDifferences(std::vector<agreement::CalibrationDifference> differences,
                        const QString& coder);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<agreement::CalibrationDifference> differences_;
    QString coder_;
};

} // namespace taxo::ui
