#include "ui/results/taxonomy_model.h"

#include <QFont>

namespace taxo::ui {

TaxonomyModel::TaxonomyModel(QObject* parent) : QAbstractItemModel(parent) {}

void TaxonomyModel::setResults(results::TaxonomyResults results) {
    beginResetModel();
    results_ = std::move(results);
    roots_.clear();
    children_.assign(results_.categories.size(), {});
    rowOf_.assign(results_.categories.size(), 0);
    for (std::size_t i = 0; i < results_.categories.size(); ++i) {
        const auto& parent = results_.categories[i].parentIndex;
        auto& siblings = parent && *parent < children_.size() ? children_[*parent] : roots_;
        rowOf_[i] = static_cast<int>(siblings.size());
        siblings.push_back(i);
    }
    endResetModel();
}

std::size_t TaxonomyModel::categoryOf(const QModelIndex& index) const {
    // internalId is the category index + 1, so that 0 never names a category.
    return index.isValid() ? static_cast<std::size_t>(index.internalId()) - 1 : kRoot;
}

const std::vector<std::size_t>& TaxonomyModel::childrenOf(std::size_t category) const {
    return category == kRoot ? roots_ : children_[category];
}

QModelIndex TaxonomyModel::index(int row, int column, const QModelIndex& parent) const {
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (parent.isValid() && parent.column() != 0)
        return {};
    const auto& children = childrenOf(categoryOf(parent));
    if (row >= static_cast<int>(children.size()))
        return {};
    return createIndex(row, column,
                       static_cast<quintptr>(children[static_cast<std::size_t>(row)] + 1));
}

QModelIndex TaxonomyModel::parent(const QModelIndex& child) const {
    const auto category = categoryOf(child);
    if (category == kRoot)
        return {};
    const auto& parent = results_.categories[category].parentIndex;
    if (!parent)
        return {};
    return createIndex(rowOf_[*parent], 0, static_cast<quintptr>(*parent + 1));
}

int TaxonomyModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return static_cast<int>(childrenOf(categoryOf(parent)).size());
}

int TaxonomyModel::columnCount(const QModelIndex&) const {
    return ColumnCount;
}

QVariant TaxonomyModel::data(const QModelIndex& index, int role) const {
    const auto category = categoryOf(index);
    if (category == kRoot || category >= results_.categories.size())
        return {};
    const auto& c = results_.categories[category];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return QString::fromStdString(c.category.name);
        case PostsColumn:
            return QString::number(c.count);
        case PercentColumn:
            return QString::fromStdString(results::formatPercent(c));
        case NoteColumn:
            return c.addedInArbitration ? tr("added in arbitration") : QString();
        }
        return {};
    case SortRole:
        switch (column) {
        case NameColumn:
            return QString::fromStdString(c.category.name);
        case PostsColumn:
            return static_cast<qlonglong>(c.count);
        case PercentColumn:
            return c.percent ? *c.percent : -1.0;
        case NoteColumn:
            return c.addedInArbitration ? 1 : 0;
        }
        return {};
    case PercentRole:
        return c.percent ? QVariant(*c.percent) : QVariant();
    case AddedInArbitrationRole:
        return c.addedInArbitration;
    case CategoryIndexRole:
        return static_cast<qulonglong>(category);
    case Qt::TextAlignmentRole:
        if (column == PostsColumn || column == PercentColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::FontRole:
        if (c.depth == 0 || (column == NoteColumn && c.addedInArbitration)) {
            QFont font;
            font.setBold(c.depth == 0);
            font.setItalic(column == NoteColumn);
            return font;
        }
        return {};
    case Qt::ToolTipRole: {
        // The denominator is the root's count: its covered posts.
        std::size_t root = category;
        while (results_.categories[root].parentIndex)
            root = *results_.categories[root].parentIndex;
        const auto& r = results_.categories[root];
        QString tip = c.percent ? tr("%1 of the %2 covered posts of %3: %4 %")
                                      .arg(c.count)
                                      .arg(r.count)
                                      .arg(QString::fromStdString(r.category.name),
                                           QString::fromStdString(results::formatPercent(c)))
                                : tr("%1 covers no post yet, so there is no percentage")
                                      .arg(QString::fromStdString(r.category.name));
        if (c.addedInArbitration)
            tip += QLatin1Char('\n') + tr("Added during arbitration");
        return tip;
    }
    default:
        return {};
    }
}

QVariant TaxonomyModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameColumn:
            return tr("Category");
        case PostsColumn:
            return tr("Posts");
        case PercentColumn:
            return tr("%");
        case NoteColumn:
            return tr("Note");
        }
    }
    if (role == Qt::ToolTipRole && section == PercentColumn)
        return tr("Posts of the category over the covered posts of its root, times 100");
    if (role == Qt::TextAlignmentRole && (section == PostsColumn || section == PercentColumn))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QModelIndex TaxonomyModel::indexOfPath(const QStringList& path, int column) const {
    QModelIndex at;
    for (int depth = 0; depth < path.size(); ++depth) {
        const auto& children = childrenOf(categoryOf(at));
        QModelIndex found;
        for (std::size_t row = 0; row < children.size(); ++row)
            if (QString::fromStdString(results_.categories[children[row]].category.name) ==
                path[depth]) {
                found = index(static_cast<int>(row), 0, at);
                break;
            }
        if (!found.isValid())
            return {};
        at = found;
    }
    return at.isValid() ? at.siblingAtColumn(column) : at;
}

} // namespace taxo::ui
