#pragma once
// Item models that adapt core's sampling records to Qt views. They hold plain
// copies of what core returned; the page reloads them after every change.

#include "core/rounds/rounds.h"
#include "core/sampling/sampling.h"

#include <QAbstractTableModel>
#include <QStringList>
#include <vector>

namespace taxo::ui {

// The sets with their population and their sample, if any.
class SetsModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, RootColumn, PostsColumn, SampleColumn, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setSets(std::vector<sampling::SetOverview> sets);
    const sampling::SetOverview* setAt(int row) const;
    int rowOf(const QString& name) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<sampling::SetOverview> sets_;
};

// A drawn sample in order, each post marked pilot or reliability.
class DrawModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { PositionColumn, ItemColumn, TitleColumn, RoundColumn, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    // null clears; titles are the posts' titles in the sample's order (pilot, then
    // reliability), or empty when they could not be read.
    void setSample(const sampling::StoredSample* sample, const std::vector<std::string>& titles);
    int pilotCount() const { return pilot_; }
    // The project's id of the post in a row, or 0.
    std::int64_t postIdAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row {
        std::int64_t postId = 0;
        QString item;
        QString title;
    };
    std::vector<Row> items_;
    QString pilotRound_;
    QString reliabilityRound_;
    int pilot_ = 0;
};

// The rounds: who codes what, and how far each coder has come.
class RoundsModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        KindColumn,
        SetColumn,
        PostsColumn,
        CodersColumn,
        ProgressColumn,
        ColumnCount
    };
    using QAbstractTableModel::QAbstractTableModel;

    void setRounds(std::vector<rounds::RoundInfo> rounds);
    const rounds::RoundInfo* roundAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // Each coder's progress ("Ann 66/66 (100 %)"), or the pilot's joint labels.
    static QStringList progressLines(const rounds::RoundInfo& round);

private:
    std::vector<rounds::RoundInfo> rounds_;
};

} // namespace taxo::ui
