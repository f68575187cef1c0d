#include "ui/codebook/category_tree_model.h"

#include <QLocale>
#include <QMimeData>
#include <limits>
#include <map>

namespace taxo::ui {

CategoryTreeModel::CategoryTreeModel(QObject* parent) : QAbstractItemModel(parent) {}
CategoryTreeModel::~CategoryTreeModel() = default;

QString CategoryTreeModel::reload(taxo::sql::Database* db) {
    std::vector<codebook::TreeEntry> entries;
    QString error;
    if (db) {
        auto tree = codebook::listTree(*db);
        if (tree)
            entries = std::move(*tree);
        else
            error = QString::fromStdString(tree.message());
    }
    beginResetModel();
    root_.children.clear();
    byOrder_.clear();
    // listTree is in pre-order, so every parent is met before its children.
    std::map<codebook::CategoryId, Node*> nodes;
    for (auto& entry : entries) {
        Node* parent = &root_;
        if (entry.category.parentId) {
            const auto found = nodes.find(*entry.category.parentId);
            if (found != nodes.end())
                parent = found->second;
        }
        auto node = std::make_unique<Node>();
        node->entry = std::move(entry);
        node->parent = parent;
        node->row = static_cast<int>(parent->children.size());
        nodes[node->entry.category.id] = node.get();
        byOrder_.push_back(node.get());
        parent->children.push_back(std::move(node));
    }
    endResetModel();
    return error;
}

CategoryTreeModel::Node* CategoryTreeModel::nodeAt(const QModelIndex& index) const {
    if (!index.isValid())
        return const_cast<Node*>(&root_);
    return static_cast<Node*>(index.internalPointer());
}

QModelIndex CategoryTreeModel::index(int row, int column, const QModelIndex& parent) const {
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (parent.isValid() && parent.column() != 0)
        return {};
    const Node* node = nodeAt(parent);
    if (row >= static_cast<int>(node->children.size()))
        return {};
    return createIndex(row, column, node->children[static_cast<std::size_t>(row)].get());
}

QModelIndex CategoryTreeModel::parent(const QModelIndex& child) const {
    if (!child.isValid())
        return {};
    const Node* node = nodeAt(child);
    Node* parent = node->parent;
    if (!parent || parent == &root_)
        return {};
    return createIndex(parent->row, 0, parent);
}

int CategoryTreeModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return static_cast<int>(nodeAt(parent)->children.size());
}

int CategoryTreeModel::columnCount(const QModelIndex&) const {
    return ColumnCount;
}

QVariant CategoryTreeModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid())
        return {};
    const auto& entry = nodeAt(index)->entry;
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == NameColumn)
            return QString::fromStdString(entry.category.name);
        return QLocale().toString(static_cast<qint64>(entry.subtreePosts));
    case Qt::EditRole:
        if (index.column() == NameColumn)
            return QString::fromStdString(entry.category.name);
        return {};
    case Qt::ToolTipRole:
        if (!entry.category.description.empty())
            return QString::fromStdString(entry.category.description);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == PostsColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case IdRole:
        return QVariant::fromValue(static_cast<qint64>(entry.category.id));
    case DepthRole:
        return entry.depth;
    case LabelCountRole:
        return QVariant::fromValue(static_cast<qint64>(entry.labelCount));
    default:
        return {};
    }
}

QVariant CategoryTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? tr("Category") : tr("Posts");
}

Qt::ItemFlags CategoryTreeModel::flags(const QModelIndex& index) const {
    if (!index.isValid())
        return Qt::ItemIsDropEnabled; // a drop between the roots makes a root
    Qt::ItemFlags f =
        Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsDragEnabled | Qt::ItemIsDropEnabled;
    if (index.column() == NameColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

bool CategoryTreeModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || role != Qt::EditRole || index.column() != NameColumn)
        return false;
    const QString name = value.toString();
    if (name == data(index, Qt::EditRole).toString())
        return false;
    // The model is a snapshot of core: the page performs the rename as an undo
    // command and reloads, so nothing changes here.
    emit renameRequested(static_cast<qint64>(nodeAt(index)->entry.category.id), name);
    return false;
}

std::optional<codebook::CategoryId> CategoryTreeModel::idAt(const QModelIndex& index) const {
    if (!index.isValid())
        return std::nullopt;
    return nodeAt(index)->entry.category.id;
}

const codebook::TreeEntry* CategoryTreeModel::entryAt(const QModelIndex& index) const {
    if (!index.isValid())
        return nullptr;
    return &nodeAt(index)->entry;
}

QModelIndex CategoryTreeModel::indexOf(codebook::CategoryId id) const {
    for (Node* node : byOrder_)
        if (node->entry.category.id == id)
            return createIndex(node->row, 0, node);
    return {};
}

namespace {
const QString kCategoryMime = QStringLiteral("application/x-taxonomist-category-id");
} // namespace

Qt::DropActions CategoryTreeModel::supportedDropActions() const {
    return Qt::MoveAction;
}

Qt::DropActions CategoryTreeModel::supportedDragActions() const {
    return Qt::MoveAction;
}

QStringList CategoryTreeModel::mimeTypes() const {
    return {kCategoryMime};
}

QMimeData* CategoryTreeModel::mimeData(const QModelIndexList& indexes) const {
    for (const QModelIndex& index : indexes) {
        if (const auto id = idAt(index)) {
            auto* data = new QMimeData;
            data->setData(kCategoryMime, QByteArray::number(static_cast<qint64>(*id)));
            return data;
        }
    }
    return nullptr;
}

bool CategoryTreeModel::canDropMimeData(const QMimeData* data, Qt::DropAction action, int, int,
                                        const QModelIndex& parent) const {
    if (!data || action != Qt::MoveAction || !data->hasFormat(kCategoryMime))
        return false;
    bool ok = false;
    const qint64 dragged = data->data(kCategoryMime).toLongLong(&ok);
    if (!ok)
        return false;
    // Not onto itself or below itself; core refuses that too, but the view should not
    // even offer it.
    for (QModelIndex at = parent; at.isValid(); at = at.parent())
        if (const auto id = idAt(at); id && static_cast<qint64>(*id) == dragged)
            return false;
    return true;
}

bool CategoryTreeModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row,
                                     int column, const QModelIndex& parent) {
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const qint64 dragged = data->data(kCategoryMime).toLongLong();
    const QModelIndex target = parent.sibling(parent.row(), NameColumn);
    const auto parentId = idAt(target);
    qint64 position = std::numeric_limits<qint64>::max(); // dropped onto a category: last
    if (row >= 0) {
        position = row;
        // Dropped further down among its own siblings: its old place closes up first.
        const QModelIndex from = indexOf(dragged);
        if (from.isValid() && from.parent() == target && from.row() < row)
            position = row - 1;
    }
    emit moveRequested(dragged, parentId ? static_cast<qint64>(*parentId) : -1, position);
    // Nothing moves here: the page reloads the model once core has moved the category,
    // and returning false keeps the view from removing the dragged row itself.
    return false;
}

} // namespace taxo::ui
