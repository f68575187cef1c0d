#pragma once
// A table that only shows rows: whole rows selected, nothing edited, no row numbers,
// columns sized to their contents with the last one taking the rest.

class QAbstractItemModel;
class QString;
class QTableView;
class QWidget;

namespace taxo::ui {

QTableView* makeReadOnlyTable(QAbstractItemModel* model, const QString& objectName,
                              QWidget* parent);

} // namespace taxo::ui
