#include "ui/results/quote_list_model.h"

#include "ui/support/qt_text.h"

#include <QStringList>

namespace taxo::ui {

QuoteListModel::QuoteListModel(QObject* parent) : QAbstractTableModel(parent) {}

void QuoteListModel::setQuotes(std::vector<results::BankQuote> quotes) {
    beginResetModel();
    quotes_ = std::move(quotes);
    endResetModel();
}

int QuoteListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(quotes_.size());
}

int QuoteListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QuoteListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& quote = quotes_[static_cast<std::size_t>(index.row())];
    const bool flagged = quote.quote.state != labels::QuoteState::Intact;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case QuoteColumn:
            // Plain text on one line: a quote's line breaks would make rows of odd heights.
            return toQ(quote.quote.quote.text).simplified();
        case PostColumn:
            return toQ(results::quotePostName(quote)).simplified();
        case QuotedByColumn: {
            QStringList names;
            for (const auto& name : quote.quote.quotedBy)
                names << toQ(name);
            return names.join(QStringLiteral(", "));
        }
        case FlagColumn:
            return flagged ? tr("changed") : QString();
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == FlagColumn && flagged)
            return toQ(labels::describeQuoteState(quote.quote.state, quote.quote.quote));
        if (index.column() == QuoteColumn)
            return toQ(quote.quote.quote.text);
        if (index.column() == PostColumn)
            return quote.link.empty() ? toQ("source " + quote.post.source) : toQ(quote.link);
        return {};
    case CitationRole:
        return toQ(results::quoteCitation(quote));
    case LinkRole:
        return toQ(quote.link);
    case FlaggedRole:
        return flagged;
    default:
        return {};
    }
}

QVariant QuoteListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case QuoteColumn:
        return tr("Quote");
    case PostColumn:
        return tr("Post");
    case QuotedByColumn:
        return tr("Quoted by");
    case FlagColumn:
        return tr("Flag");
    default:
        return {};
    }
}

} // namespace taxo::ui
