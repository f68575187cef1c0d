#pragma once
// The final quotes of one category of the taxonomy, for the Taxonomy page: core's
// quote bank entries (results/quote_bank.h) as a read-only table of the quoted text,
// the post ("post 4288 — title"), who quoted it and what changed since (flagged
// quotes). CitationRole gives the citation the page copies.

#include "core/results/quote_bank.h"

#include <QAbstractTableModel>
#include <vector>

namespace taxo::ui {

class QuoteListModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { QuoteColumn, PostColumn, QuotedByColumn, FlagColumn, ColumnCount };
    enum Role {
        CitationRole = Qt::UserRole + 1, // “text” (post 4288, https://...)
        LinkRole,                        // the post's link, or "" without a site
        FlaggedRole                      // bool: the post's text changed or the part is gone
    };

    explicit QuoteListModel(QObject* parent = nullptr);

    void setQuotes(std::vector<results::BankQuote> quotes);
    const std::vector<results::BankQuote>& quotes() const { return quotes_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<results::BankQuote> quotes_;
};

} // namespace taxo::ui
