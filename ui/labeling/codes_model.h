#pragma once
// The Codes panel's model: the initial codes of one coder's (or the pilot
// consensus') labels in a round, equal codes grouped, the most used first.
// A read-only snapshot rebuilt by reload() after every edit.

#include "core/labels/codes.h"

#include <QAbstractTableModel>
#include <vector>

namespace taxo::ui {

class CodesModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { CodeColumn, PostsColumn, SpellingsColumn, ColumnCount };
    enum Role { KeyRole = Qt::UserRole + 1 };

    explicit CodesModel(QObject* parent = nullptr);

    // Rebuilds from the database (nullptr: empty). Returns core's message on failure.
    QString reload(sql::Database* db, std::int64_t roundId, labels::CoderId coder);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    const std::vector<labels::CodeGroup>& groups() const { return groups_; }
    // The row of the group with this normalized key, or -1.
    int rowOf(const std::string& key) const;

private:
    std::vector<labels::CodeGroup> groups_;
};

} // namespace taxo::ui
