#pragma once
// The taxonomy's results as a Qt item model: core's TaxonomyResults (counts and
// percentages, computed only in core) as a read-only tree of root, inner and leaf
// categories. Numbers are shown as the exports print them (percent with one
// decimal); SortRole gives the raw numbers so that a proxy sorts 9.7 before 13.2.

#include "core/results/taxonomy_results.h"

#include <QAbstractItemModel>
#include <vector>

namespace taxo::ui {

class TaxonomyModel final : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { NameColumn, PostsColumn, PercentColumn, NoteColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1, // name, count or unrounded percent (-1 without one)
        PercentRole,                 // unrounded percent, or invalid
        AddedInArbitrationRole,      // bool
        CategoryIndexRole            // index into results().categories
    };

    explicit TaxonomyModel(QObject* parent = nullptr);

    void setResults(results::TaxonomyResults results);
    const results::TaxonomyResults& results() const { return results_; }
    // The category at a path of names from the root, or an invalid index.
    QModelIndex indexOfPath(const QStringList& path, int column = NameColumn) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    // Category index of an item, or npos for the invisible root.
    static constexpr std::size_t kRoot = static_cast<std::size_t>(-1);
    std::size_t categoryOf(const QModelIndex& index) const;
    const std::vector<std::size_t>& childrenOf(std::size_t category) const;

    results::TaxonomyResults results_;
    std::vector<std::size_t> roots_;
    std::vector<std::vector<std::size_t>> children_; // per category
    std::vector<int> rowOf_;                         // row under its parent
};

} // namespace taxo::ui
