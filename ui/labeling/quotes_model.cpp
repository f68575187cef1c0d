#include "ui/labeling/quotes_model.h"

#include "ui/support/qt_text.h"

#include <QApplication>
#include <QStyle>

namespace taxo::ui {

QuotesModel::QuotesModel(QObject* parent) : QAbstractTableModel(parent) {}

void QuotesModel::setRows(std::vector<QuoteRow> rows) {
    beginResetModel();
    rows_ = std::move(rows);
    endResetModel();
}

int QuotesModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int QuotesModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString QuotesModel::oneLine(const std::string& text) {
    return toQ(text).simplified();
}

QVariant QuotesModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& row = rows_[static_cast<std::size_t>(index.row())];
    const bool flagged = row.state != labels::QuoteState::Intact;
    if (role == StateRole)
        return static_cast<int>(row.state);
    if (role == Qt::DecorationRole && index.column() == TextColumn && flagged)
        return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
    if (role == Qt::ToolTipRole) {
        // The whole passage, and why it is flagged: the list shows one elided line.
        QString tip = toQ(row.quote.text);
        if (flagged)
            tip = QStringLiteral("⚠ ") + toQ(labels::describeQuoteState(row.state, row.quote)) +
                  QStringLiteral("\n\n") + tip;
        return tip;
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case CategoryColumn:
        return row.category;
    case TextColumn:
        return QString((flagged ? QStringLiteral("⚠ ") : QString()) + QStringLiteral("“") +
                       oneLine(row.quote.text) + QStringLiteral("”"));
    case PlaceColumn:
        return toQ(labels::describeQuotePlace(row.quote));
    default:
        return {};
    }
}

QVariant QuotesModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case CategoryColumn:
        return tr("Category");
    case TextColumn:
        return tr("Quote");
    case PlaceColumn:
        return tr("Place");
    default:
        return {};
    }
}

} // namespace taxo::ui
