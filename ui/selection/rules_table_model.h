#pragma once
// The selection rules as an editable table: one row per clause. Core turns the rows into
// a rules document and back (select/rules_document.h); the model only edits cells.

#include "core/select/rules_document.h"

#include <QAbstractTableModel>
#include <vector>

namespace taxo::ui {

class RulesTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        SetColumn,
        RootColumn,
        TagsColumn,
        KeywordsColumn,
        WordsColumn,
        WholeWordsColumn,
        ColumnCount
    };
    using QAbstractTableModel::QAbstractTableModel;

    void setRows(std::vector<select::ClauseRow> rows);
    const std::vector<select::ClauseRow>& rows() const { return rows_; }
    // A new clause after `row` (at the end when -1), in the same set as `row`.
    int insertClause(int row);
    void removeClause(int row);
    // Adds `tag` to the clause's tags; false when the row does not exist or already has it.
    bool addTag(int row, const std::string& tag);
    // True once the user changed a cell since the last setRows.
    bool edited() const { return edited_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<select::ClauseRow> rows_;
    bool edited_ = false;
};

} // namespace taxo::ui
