#pragma once
// The posts of a project as a table, fetched a page at a time as the view
// scrolls (canFetchMore/fetchMore), so a corpus of 100,000 posts opens at once
// and scrolls smoothly. The queries are core's (corpus/post_store.h).

#include "core/corpus/post_store.h"

#include <QAbstractTableModel>
#include <QString>
#include <optional>
#include <vector>

namespace taxo::sql {
class Database;
}

namespace taxo::ui {

class PostTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { SourceId, Title, Tags, Created, Owner, Score, Answers, Accepted, ColumnCount };
    enum Role { PostIdRole = Qt::UserRole + 1 };
    static constexpr int kPageSize = 256;

    explicit PostTableModel(QObject* parent = nullptr);

    // The connection to read; null empties the model. The caller keeps it alive.
    void setDatabase(taxo::sql::Database* db);
    // Shows the posts matching filter. Returns an empty string, or the error (a
    // malformed search, ...) in which case the model is empty.
    QString setFilter(const taxo::corpus::PostFilter& filter);
    // Runs the current filter again (after an import, ...).
    QString reload();

    const taxo::corpus::PostFilter& filter() const { return filter_; }
    // Posts matching the filter, fetched or not.
    qint64 totalCount() const { return total_; }
    QString lastError() const { return error_; }
    // 0 for a row out of range.
    std::int64_t postId(int row) const;
    // The row of a post among those fetched so far, or -1.
    int rowOfPost(std::int64_t id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

signals:
    // A page could not be read; the rows so far stay.
    void fetchFailed(const QString& message);

private:
    // The next page after the rows held; nullopt (and fetchFailed) on an error.
    std::optional<std::vector<taxo::corpus::PostRow>> fetchPage();

    taxo::sql::Database* db_ = nullptr;
    taxo::corpus::PostFilter filter_;
    std::vector<taxo::corpus::PostRow> rows_;
    qint64 total_ = 0;
    bool exhausted_ = true;
    QString error_;
    bool changing_ = false; // a reset or an insertion is being announced
};

} // namespace taxo::ui
