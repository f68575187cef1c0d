#include "ui/arbitration/decision_tree_model.h"

#include "ui/support/qt_text.h"

#include <algorithm>
#include <map>

namespace taxo::ui {
DecisionTreeModel::DecisionTreeModel(QObject* parent) : QStandardItemModel(parent) {
    setHorizontalHeaderLabels({tr("Category")});
}

QString DecisionTreeModel::reload(taxo::sql::Database* db, const std::vector<std::string>& roots) {
    clear();
    setHorizontalHeaderLabels({tr("Category")});
    leaves_.clear();
    inner_.clear();
    if (!db)
        return {};
    auto tree = codebook::listTree(*db);
    if (!tree)
        return toQ(tree.message());
    std::map<codebook::CategoryId, QStandardItem*> items;
    std::map<codebook::CategoryId, QString> paths;
    for (const auto& entry : *tree) {
        const auto& category = entry.category;
        auto* item = new QStandardItem(toQ(category.name));
        item->setEditable(false);
        item->setData(QVariant::fromValue(static_cast<qint64>(category.id)), IdRole);
        if (!category.description.empty())
            item->setToolTip(toQ(category.description));
        if (category.parentId) {
            const auto parent = items.find(*category.parentId);
            if (parent == items.end()) {
                delete item; // under a root not offered for this post
                continue;
            }
            parent->second->appendRow(item);
            paths[category.id] = paths[*category.parentId] + QStringLiteral(" › ") + item->text();
        } else {
            if (std::find(roots.begin(), roots.end(), category.name) == roots.end()) {
                delete item;
                continue;
            }
            appendRow(item);
            paths[category.id] = item->text();
        }
        items[category.id] = item;
        if (!entry.hasChildren && entry.depth > 0) {
            item->setCheckable(true);
            item->setCheckState(Qt::Unchecked);
            leaves_.push_back(item);
        } else if (entry.hasChildren && entry.depth > 0) {
            inner_.push_back({category.id, paths[category.id]});
        }
    }
    return {};
}

std::vector<codebook::CategoryId> DecisionTreeModel::checkedLeaves() const {
    std::vector<codebook::CategoryId> ids;
    for (const auto* item : leaves_)
        if (item->checkState() == Qt::Checked)
            ids.push_back(item->data(IdRole).toLongLong());
    std::sort(ids.begin(), ids.end());
    return ids;
}

void DecisionTreeModel::setCheckedLeaves(const std::vector<codebook::CategoryId>& ids) {
    for (auto* item : leaves_) {
        const bool wanted =
            std::find(ids.begin(), ids.end(), item->data(IdRole).toLongLong()) != ids.end();
        const auto state = wanted ? Qt::Checked : Qt::Unchecked;
        if (item->checkState() != state)
            item->setCheckState(state);
    }
}

QStandardItem* DecisionTreeModel::itemFor(codebook::CategoryId id) const {
    for (auto* item : leaves_)
        if (item->data(IdRole).toLongLong() == id)
            return item;
    return nullptr;
}

bool DecisionTreeModel::containsLeaf(codebook::CategoryId id) const {
    return itemFor(id) != nullptr;
}

} // namespace taxo::ui
