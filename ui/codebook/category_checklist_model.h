#pragma once
// A checklist of categories: the tree of some roots of the codebook with a
// checkbox on every leaf. The coder ticks a post's labels in it on the Coding
// page, the arbitrator a decision's leaves on the Arbitration page. Ticking is
// the only edit, and it records nothing: the page saves what is ticked.

#include "core/codebook/codebook.h"

#include <QStandardItemModel>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace taxo::ui {

class CategoryChecklistModel final : public QStandardItemModel {
    Q_OBJECT
public:
    enum Role { IdRole = Qt::UserRole + 1 };
    // Whether a root without subcategories gets a checkbox. Core accepts leaves
    // under a root only; the Coding page has always offered a bare root anyway
    // and lets core say why it is refused.
    enum class BareRoots { Plain, Checkable };

    explicit CategoryChecklistModel(BareRoots bareRoots = BareRoots::Plain,
                                    QObject* parent = nullptr);

    // Rebuilds the tree from these entries (pre-order, as codebook::listTree gives
    // them), keeping the roots named in `roots` (every root when nullopt). Every
    // leaf is unchecked.
    void build(const std::vector<codebook::TreeEntry>& tree,
               const std::optional<std::vector<std::string>>& roots);
    // Reads the codebook and builds the tree of these roots (by name); an empty
    // tree without a database. Returns the error, empty on success.
    QString reload(taxo::sql::Database* db, const std::vector<std::string>& roots);
    void clearTree();

    // The checkable items in pre-order.
    const std::vector<QStandardItem*>& leaves() const { return leaves_; }
    // The ticked leaves, sorted by id.
    std::vector<codebook::CategoryId> checkedLeaves() const;
    // Checks exactly these leaves; ids not in the tree are ignored.
    void setCheckedLeaves(const std::vector<codebook::CategoryId>& ids);
    // Any category of the tree, leaf or not; nullptr when it is not shown.
    QStandardItem* itemFor(codebook::CategoryId id) const;
    QModelIndex indexFor(codebook::CategoryId id) const;
    bool containsLeaf(codebook::CategoryId id) const;
    static codebook::CategoryId idOf(const QStandardItem& item);

    // Inner categories (below a root, with children): where a new leaf may go.
    struct Inner {
        codebook::CategoryId id = 0;
        QString path;
    };
    const std::vector<Inner>& innerCategories() const { return inner_; }

private:
    BareRoots bareRoots_;
    std::vector<QStandardItem*> leaves_;
    std::map<codebook::CategoryId, QStandardItem*> items_;
    std::vector<Inner> inner_;
};

} // namespace taxo::ui
