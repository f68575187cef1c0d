#include "ui/arbitration/conflict_queue_model.h"

#include "ui/support/qt_text.h"

#include <QCoreApplication>
#include <QStringList>

namespace taxo::ui {
namespace {

QString reasonText(const std::string& reason) {
    if (reason == "pending")
        return QCoreApplication::translate("Arbitration", "Pending");
    if (reason == "rounds")
        return QCoreApplication::translate("Arbitration", "rounds differ");
    return QCoreApplication::translate("Arbitration", "coders differ");
}

} // namespace

ConflictQueueModel::ConflictQueueModel(QObject* parent) : QAbstractTableModel(parent) {}

QString ConflictQueueModel::reload(taxo::sql::Database* db,
                                   const arbitration::ConflictFilter& filter) {
    std::vector<arbitration::Conflict> fresh;
    QString error;
    if (db) {
        auto list = arbitration::listConflicts(*db, filter);
        if (list)
            fresh = std::move(*list);
        else
            error = toQ(list.message());
    }
    beginResetModel();
    conflicts_ = std::move(fresh);
    endResetModel();
    return error;
}

int ConflictQueueModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(conflicts_.size());
}

int ConflictQueueModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConflictQueueModel::data(const QModelIndex& index, int role) const {
    const auto* conflict = index.isValid() ? conflictAt(index.row()) : nullptr;
    if (!conflict)
        return {};
    if (role == PostIdRole)
        return QVariant::fromValue(static_cast<qint64>(conflict->postId));
    if (role == Qt::ToolTipRole)
        return toQ(conflict->title);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case PostColumn:
        return toQ(conflict->sourceId);
    case TitleColumn:
        return toQ(conflict->title);
    case ReasonColumn:
        return reasonText(conflict->reason);
    case RootsColumn: {
        QStringList roots;
        for (const auto& root : conflict->roots)
            roots << toQ(root);
        return roots.join(QStringLiteral(", "));
    }
    default:
        return {};
    }
}

QVariant ConflictQueueModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PostColumn:
        return tr("Post");
    case TitleColumn:
        return tr("Title");
    case ReasonColumn:
        return tr("Why");
    case RootsColumn:
        return tr("Roots");
    default:
        return {};
    }
}

const arbitration::Conflict* ConflictQueueModel::conflictAt(int row) const {
    if (row < 0 || row >= rowCount())
        return nullptr;
    return &conflicts_[static_cast<std::size_t>(row)];
}

int ConflictQueueModel::rowOf(std::int64_t postId) const {
    for (std::size_t i = 0; i < conflicts_.size(); ++i)
        if (conflicts_[i].postId == postId)
            return static_cast<int>(i);
    return -1;
}

} // namespace taxo::ui
