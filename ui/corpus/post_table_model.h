#pragma once
// The posts of a project as a table, fetched a page at a time as the view
// scrolls (canFetchMore/fetchMore), so a corpus of millions of posts opens at once
// and scrolls smoothly. The queries are core's (corpus/post_store.h).
//
// A filter shows its first page at once; the number of matching posts, which for
// a common word in millions of posts takes longer, is counted on a worker thread
// with a connection of its own. Until it arrives countKnown() is false. A new
// filter cancels the count still running, and a count that finishes after a newer
// filter was set is dropped.

#include "core/corpus/post_store.h"
#include "core/project/project.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QString>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QThread;

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

    // Opens a second connection to the project for the count; called on the worker thread.
    using WorkerOpener = std::function<taxo::Result<taxo::Project>()>;

    explicit PostTableModel(QObject* parent = nullptr);
    // Waits for a count still running (it stops within milliseconds).
    ~PostTableModel() override;

    // The connection to read; null empties the model. The caller keeps it alive.
    // With openWorker the count runs on a worker thread; without, it runs here.
    void setDatabase(taxo::sql::Database* db, WorkerOpener openWorker = {});
    // Shows the posts matching filter. Returns an empty string, or the error (a
    // malformed search, ...) in which case the model is empty.
    QString setFilter(const taxo::corpus::PostFilter& filter);
    // Runs the current filter again (after an import, ...).
    QString reload();

    const taxo::corpus::PostFilter& filter() const { return filter_; }
    bool hasDatabase() const { return db_ != nullptr; }
    // Posts matching the filter, fetched or not; 0 until countKnown().
    qint64 totalCount() const { return total_; }
    // false while the count of the current filter is still running.
    bool countKnown() const { return countKnown_; }
    // Runs the event loop until the count is known or the timeout; true when known.
    bool waitForCount(int timeoutMs);
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
    // The count of the current filter is known (totalCount), or failed (lastError).
    void countChanged();

private:
    // Counts the current filter, on the worker thread when there is an opener.
    void startCount();
    // Stops the count still running; with wait, also waits for its thread to end.
    void cancelCount(bool wait);
    // The next page after the rows held; nullopt (and fetchFailed) on an error.
    std::optional<std::vector<taxo::corpus::PostRow>> fetchPage();

    taxo::sql::Database* db_ = nullptr;
    taxo::corpus::PostFilter filter_;
    std::vector<taxo::corpus::PostRow> rows_;
    qint64 total_ = 0;
    bool countKnown_ = true;
    // Which filter a finished count belongs to: each reload starts a new one.
    quint64 generation_ = 0;
    WorkerOpener openWorker_;
    std::shared_ptr<taxo::CancelFlag> cancel_;
    QPointer<QThread> countThread_;
    bool exhausted_ = true;
    QString error_;
    bool changing_ = false; // a reset or an insertion is being announced
};

} // namespace taxo::ui
