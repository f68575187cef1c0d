#include "ui/labeling/codes_model.h"

namespace taxo::ui {

CodesModel::CodesModel(QObject* parent) : QAbstractTableModel(parent) {}

QString CodesModel::reload(sql::Database* db, std::int64_t roundId, labels::CoderId coder) {
    beginResetModel();
    groups_.clear();
    QString error;
    if (db) {
        auto list = labels::listCodes(*db, roundId, coder);
        if (list)
            groups_ = std::move(*list);
        else
            error = QString::fromStdString(list.message());
    }
    endResetModel();
    return error;
}

int CodesModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(groups_.size());
}

int CodesModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CodesModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& group = groups_[static_cast<std::size_t>(index.row())];
    if (role == KeyRole)
        return QString::fromStdString(group.key);
    if (role == Qt::TextAlignmentRole && index.column() == PostsColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case CodeColumn:
        return QString::fromStdString(group.spelling);
    case PostsColumn:
        return QVariant::fromValue(static_cast<qlonglong>(group.count));
    case SpellingsColumn: {
        // Other ways the same code was written, so a merge of spellings shows.
        QStringList others;
        for (const auto& spelling : group.spellings)
            if (spelling.text != group.spelling)
                others << QStringLiteral("%1 (%2)")
                              .arg(QString::fromStdString(spelling.text))
                              .arg(spelling.count);
        return others.join(QStringLiteral(", "));
    }
    default:
        return {};
    }
}

QVariant CodesModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case CodeColumn:
        return tr("Initial code");
    case PostsColumn:
        return tr("Posts");
    case SpellingsColumn:
        return tr("Also written");
    default:
        return {};
    }
}

int CodesModel::rowOf(const std::string& key) const {
    for (std::size_t i = 0; i < groups_.size(); ++i)
        if (groups_[i].key == key)
            return static_cast<int>(i);
    return -1;
}

} // namespace taxo::ui
