#pragma once
// The census (core/corpus/census.h) on screen: the figures per year and the tags with
// their questions per year, as table models, and a delegate that draws a tag's years as a
// small trend line. The Corpus page and the Selection page's tag explorer share them.

#include "core/corpus/census.h"

#include <QAbstractTableModel>
#include <QStyledItemDelegate>
#include <vector>

namespace taxo::ui {

class CensusYearModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Year, Questions, Askers, WithAccepted, ShareAccepted, Answers, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setYears(std::vector<corpus::CensusYear> years);
    const std::vector<corpus::CensusYear>& years() const { return years_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<corpus::CensusYear> years_;
};

class CensusTagModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Tag, Questions, Trend, ColumnCount };
    // On the Trend column: the questions of each year from firstYear() to lastYear(), as a
    // QVariantList of qlonglong (years without questions are 0).
    static constexpr int TrendRole = Qt::UserRole + 1;
    using QAbstractTableModel::QAbstractTableModel;

    // The trend of every tag spans the same years, so that lines can be compared.
    void setTags(std::vector<corpus::CensusTag> tags, int firstYear, int lastYear);
    const std::vector<corpus::CensusTag>& tags() const { return tags_; }
    QString tagAt(int row) const;
    int firstYear() const { return firstYear_; }
    int lastYear() const { return lastYear_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<corpus::CensusTag> tags_;
    int firstYear_ = 0, lastYear_ = -1;
};

// The tags on the same kept posts as a chosen tag.
class CooccurrenceModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Tag, Posts, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setTags(std::vector<corpus::TagCooccurrence> tags);
    QString tagAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<corpus::TagCooccurrence> tags_;
};

// Draws CensusTagModel::TrendRole as a line scaled to the cell, highest year at the top.
class TrendDelegate final : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace taxo::ui
