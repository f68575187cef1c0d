#pragma once
// The quotes of the label shown on the Coding page: its category, the passage as quoted
// (one line, elided by the view), where it comes from, and a warning when the post's text
// no longer matches it (core's quoteState: a quote is flagged, never moved). A snapshot
// the page sets after every load, save and undo step.

#include "core/labels/quotes.h"

#include <QAbstractTableModel>
#include <QString>
#include <vector>

namespace taxo::ui {

struct QuoteRow {
    labels::Quote quote;
    QString category; // the category's path, "Server/Cloud › Model Export › Format"
    labels::QuoteState state = labels::QuoteState::Intact;
};

class QuotesModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { CategoryColumn, TextColumn, PlaceColumn, ColumnCount };
    // The row's labels::QuoteState as an int, for tests and the page.
    enum Role { StateRole = Qt::UserRole + 1 };

    explicit QuotesModel(QObject* parent = nullptr);

    void setRows(std::vector<QuoteRow> rows);
    const std::vector<QuoteRow>& rows() const { return rows_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // The passage on one line: line breaks and runs of white space as one space.
    static QString oneLine(const std::string& text);

private:
    std::vector<QuoteRow> rows_;
};

} // namespace taxo::ui
