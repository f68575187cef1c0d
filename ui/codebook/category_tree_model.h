#pragma once
// The codebook as a Qt item model: a read-only snapshot of core's tree,
// rebuilt by reload() after every edit. Edits never go through setData
// directly: a rename from the view's editor is announced with
// renameRequested, and the page turns it into an undo command.

#include "core/codebook/codebook.h"

#include <QAbstractItemModel>
#include <memory>
#include <optional>
#include <vector>

namespace taxo::sql {
class Database;
}

namespace taxo::ui {

class CategoryTreeModel final : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { NameColumn, PostsColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, DepthRole, LabelCountRole };

    explicit CategoryTreeModel(QObject* parent = nullptr);
    ~CategoryTreeModel() override;

    // Rebuilds from the database (nullptr: empty). Returns core's message on failure.
    QString reload(taxo::sql::Database* db);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    // Drag and drop moves a category. Like a rename, the drop is only announced
    // (moveRequested); the page performs it as an undo command and reloads.
    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                         const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                      const QModelIndex& parent) override;

    std::optional<codebook::CategoryId> idAt(const QModelIndex& index) const;
    QModelIndex indexOf(codebook::CategoryId id) const;
    const codebook::TreeEntry* entryAt(const QModelIndex& index) const;

signals:
    void renameRequested(qint64 id, const QString& name);
    // parent: -1 for the top level; position: the category's place among its new
    // siblings once moved (past the end: last).
    void moveRequested(qint64 id, qint64 parent, qint64 position);

private:
    struct Node {
        codebook::TreeEntry entry;
        Node* parent = nullptr;
        int row = 0;
        std::vector<std::unique_ptr<Node>> children;
    };
    Node* nodeAt(const QModelIndex& index) const;
    Node root_;
    std::vector<Node*> byOrder_; // pre-order, for indexOf
};

} // namespace taxo::ui
