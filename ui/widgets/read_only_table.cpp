#include "ui/widgets/read_only_table.h"

#include <QHeaderView>
#include <QString>
#include <QTableView>

namespace taxo::ui {

QTableView* makeReadOnlyTable(QAbstractItemModel* model, const QString& objectName,
                              QWidget* parent) {
    auto* view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

} // namespace taxo::ui
