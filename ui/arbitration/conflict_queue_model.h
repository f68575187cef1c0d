#pragma once
// The arbitration queue as a Qt item model: a read-only snapshot of core's
// open conflicts for one arbitrator (or every root, for the lead), rebuilt by
// reload() after every decision and every undo step.

#include "core/arbitration/arbitration.h"

#include <QAbstractTableModel>
#include <optional>
#include <vector>

namespace taxo::ui {

class ConflictQueueModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { PostColumn, TitleColumn, ReasonColumn, RootsColumn, ColumnCount };
    enum Role { PostIdRole = Qt::UserRole + 1 };

    explicit ConflictQueueModel(QObject* parent = nullptr);

    // Rebuilds from core (db null: empty). Returns core's message on failure.
    QString reload(taxo::sql::Database* db, const arbitration::ConflictFilter& filter);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    const arbitration::Conflict* conflictAt(int row) const;
    // The row of a post, or -1 when it is not in the queue.
    int rowOf(std::int64_t postId) const;

private:
    std::vector<arbitration::Conflict> conflicts_;
};

} // namespace taxo::ui
