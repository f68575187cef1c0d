#include "ui/codebook/category_checklist_model.h"

#include "ui/support/qt_text.h"

#include <algorithm>

namespace taxo::ui {

CategoryChecklistModel::CategoryChecklistModel(BareRoots bareRoots, QObject* parent)
    : QStandardItemModel(parent), bareRoots_(bareRoots) {
    setHorizontalHeaderLabels({tr("Category")});
}

void CategoryChecklistModel::clearTree() {
    clear();
    setHorizontalHeaderLabels({tr("Category")});
    leaves_.clear();
    items_.clear();
    inner_.clear();
}

void CategoryChecklistModel::build(const std::vector<codebook::TreeEntry>& tree,
                                   const std::optional<std::vector<std::string>>& roots) {
    clearTree();
    std::map<codebook::CategoryId, QString> paths;
    for (const auto& entry : tree) {
        const auto& category = entry.category;
        QStandardItem* parent = nullptr;
        if (category.parentId) {
            const auto found = items_.find(*category.parentId);
            if (found == items_.end())
                continue; // under a root not offered here
            parent = found->second;
        } else if (roots &&
                   std::find(roots->begin(), roots->end(), category.name) == roots->end()) {
            continue;
        }
        auto* item = new QStandardItem(toQ(category.name));
        item->setEditable(false);
        item->setData(QVariant::fromValue(static_cast<qint64>(category.id)), IdRole);
        if (!category.description.empty())
            item->setToolTip(toQ(category.description));
        if (parent) {
            parent->appendRow(item);
            paths[category.id] = paths[*category.parentId] + QStringLiteral(" › ") + item->text();
        } else {
            appendRow(item);
            paths[category.id] = item->text();
        }
        items_[category.id] = item;
        const bool checkable =
            !entry.hasChildren && (entry.depth > 0 || bareRoots_ == BareRoots::Checkable);
        if (checkable) {
            item->setCheckable(true);
            item->setCheckState(Qt::Unchecked);
            leaves_.push_back(item);
        } else if (entry.hasChildren && entry.depth > 0) {
            inner_.push_back({category.id, paths[category.id]});
        }
    }
}

QString CategoryChecklistModel::reload(taxo::sql::Database* db,
                                       const std::vector<std::string>& roots) {
    if (!db) {
        clearTree();
        return {};
    }
    auto tree = codebook::listTree(*db);
    if (!tree) {
        clearTree();
        return toQ(tree.message());
    }
    build(*tree, roots);
    return {};
}

codebook::CategoryId CategoryChecklistModel::idOf(const QStandardItem& item) {
    return item.data(IdRole).toLongLong();
}

std::vector<codebook::CategoryId> CategoryChecklistModel::checkedLeaves() const {
    std::vector<codebook::CategoryId> ids;
    for (const auto* item : leaves_)
        if (item->checkState() == Qt::Checked)
            ids.push_back(idOf(*item));
    std::sort(ids.begin(), ids.end());
    return ids;
}

void CategoryChecklistModel::setCheckedLeaves(const std::vector<codebook::CategoryId>& ids) {
    for (auto* item : leaves_) {
        const bool wanted = std::find(ids.begin(), ids.end(), idOf(*item)) != ids.end();
        const auto state = wanted ? Qt::Checked : Qt::Unchecked;
        if (item->checkState() != state)
            item->setCheckState(state);
    }
}

QStandardItem* CategoryChecklistModel::itemFor(codebook::CategoryId id) const {
    const auto found = items_.find(id);
    return found == items_.end() ? nullptr : found->second;
}

QModelIndex CategoryChecklistModel::indexFor(codebook::CategoryId id) const {
    const auto* item = itemFor(id);
    return item ? item->index() : QModelIndex();
}

bool CategoryChecklistModel::containsLeaf(codebook::CategoryId id) const {
    const auto* item = itemFor(id);
    return item && item->isCheckable();
}

} // namespace taxo::ui
