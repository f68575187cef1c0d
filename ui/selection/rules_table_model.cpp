#include "ui/selection/rules_table_model.h"

#include <algorithm>

namespace taxo::ui {
namespace {

QString words(const std::vector<std::string>& list) {
    return QString::fromStdString(select::joinWordList(list));
}

} // namespace

void RulesTableModel::setRows(std::vector<select::ClauseRow> rows) {
    beginResetModel();
    rows_ = std::move(rows);
    edited_ = false;
    endResetModel();
}

int RulesTableModel::insertClause(int row) {
    select::ClauseRow clause;
    if (row >= 0 && row < rowCount()) {
        clause.set = rows_[static_cast<std::size_t>(row)].set;
        clause.root = rows_[static_cast<std::size_t>(row)].root;
    } else {
        row = rowCount() - 1;
    }
    const int at = row + 1;
    beginInsertRows({}, at, at);
    rows_.insert(rows_.begin() + at, std::move(clause));
    edited_ = true;
    endInsertRows();
    return at;
}

void RulesTableModel::removeClause(int row) {
    if (row < 0 || row >= rowCount())
        return;
    beginRemoveRows({}, row, row);
    rows_.erase(rows_.begin() + row);
    edited_ = true;
    endRemoveRows();
}

int RulesTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int RulesTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RulesTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& row = rows_[static_cast<std::size_t>(index.row())];
    if (index.column() == WholeWordsColumn) {
        if (role == Qt::CheckStateRole)
            return row.wholeWords ? Qt::Checked : Qt::Unchecked;
        if (role == Qt::ToolTipRole)
            return tr("Checked: keywords and required words match whole words only. "
                      "Unchecked: anywhere inside a word, as the study did.");
        return {};
    }
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case RootColumn:
            return tr("The root category the set's posts are coded under (empty: the set's name)");
        case TagsColumn:
            return tr("The post carries at least one of these tags (comma-separated)");
        case KeywordsColumn:
            return tr("At least one of these occurs in the title or body text");
        case WordsColumn:
            return tr("Every one of these occurs in the title or body text");
        default:
            return tr("Clauses with the same set name make one set (their union)");
        }
    }
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (index.column()) {
    case SetColumn:
        return QString::fromStdString(row.set);
    case RootColumn:
        return QString::fromStdString(row.root);
    case TagsColumn:
        return words(row.tagsAny);
    case KeywordsColumn:
        return words(row.keywordsAny);
    case WordsColumn:
        return words(row.wordsAll);
    default:
        return {};
    }
}

bool RulesTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    auto& row = rows_[static_cast<std::size_t>(index.row())];
    if (index.column() == WholeWordsColumn) {
        if (role != Qt::CheckStateRole)
            return false;
        row.wholeWords = value.toInt() == Qt::Checked;
    } else {
        if (role != Qt::EditRole)
            return false;
        const std::string text = value.toString().toStdString();
        switch (index.column()) {
        case SetColumn:
            row.set = text;
            break;
        case RootColumn:
            row.root = text;
            break;
        case TagsColumn:
            row.tagsAny = select::splitWordList(text);
            break;
        case KeywordsColumn:
            row.keywordsAny = select::splitWordList(text);
            break;
        case WordsColumn:
            row.wordsAll = select::splitWordList(text);
            break;
        default:
            return false;
        }
    }
    edited_ = true;
    emit dataChanged(index, index, {role, Qt::DisplayRole});
    return true;
}

bool RulesTableModel::addTag(int row, const std::string& tag) {
    if (row < 0 || row >= rowCount() || tag.empty())
        return false;
    auto& tags = rows_[static_cast<std::size_t>(row)].tagsAny;
    if (std::find(tags.begin(), tags.end(), tag) != tags.end())
        return false;
    tags.push_back(tag);
    edited_ = true;
    const QModelIndex cell = index(row, TagsColumn);
    emit dataChanged(cell, cell, {Qt::DisplayRole, Qt::EditRole});
    return true;
}

Qt::ItemFlags RulesTableModel::flags(const QModelIndex& index) const {
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (index.column() == WholeWordsColumn)
        return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable;
}

QVariant RulesTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    switch (section) {
    case SetColumn:
        return tr("Set");
    case RootColumn:
        return tr("Root");
    case TagsColumn:
        return tr("Tags (any)");
    case KeywordsColumn:
        return tr("Keywords (any)");
    case WordsColumn:
        return tr("Required words (all)");
    case WholeWordsColumn:
        return tr("Whole words");
    default:
        return {};
    }
}

} // namespace taxo::ui
