#pragma once
// The category tree an arbitrator chooses leaves from: the roots in charge for
// the post, with a checkbox on every leaf. Checking is the only edit; it
// records nothing until the decision is made.

#include "core/codebook/codebook.h"

#include <QStandardItemModel>
#include <optional>
#include <string>
#include <vector>

namespace taxo::ui {

class DecisionTreeModel final : public QStandardItemModel {
    Q_OBJECT
public:
    enum Role { IdRole = Qt::UserRole + 1 };

    explicit DecisionTreeModel(QObject* parent = nullptr);

    // Rebuilds the tree of these roots (by name), every leaf unchecked.
    QString reload(taxo::sql::Database* db, const std::vector<std::string>& roots);

    std::vector<codebook::CategoryId> checkedLeaves() const;
    // Checks exactly these leaves; ids not in the tree are ignored.
    void setCheckedLeaves(const std::vector<codebook::CategoryId>& ids);
    QStandardItem* itemFor(codebook::CategoryId id) const;
    bool containsLeaf(codebook::CategoryId id) const;

    // Inner categories (below a root, with children): where a new leaf may go.
    struct Inner {
        codebook::CategoryId id = 0;
        QString path;
    };
    const std::vector<Inner>& innerCategories() const { return inner_; }

private:
    std::vector<QStandardItem*> leaves_;
    std::vector<Inner> inner_;
};

} // namespace taxo::ui
