#include "ui/corpus/post_table_model.h"

#include "core/store/sqlite.h"
#include "ui/support/background.h"
#include "ui/support/qt_text.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLocale>
#include <QStringList>
#include <QThread>

namespace taxo::ui {
namespace {

QString joinTags(const std::vector<std::string>& tags) {
    QStringList list;
    for (const auto& tag : tags)
        list << toQ(tag);
    return list.join(QLatin1Char(' '));
}

} // namespace

PostTableModel::PostTableModel(QObject* parent) : QAbstractTableModel(parent) {}

PostTableModel::~PostTableModel() {
    cancelCount(true);
}

void PostTableModel::setDatabase(taxo::sql::Database* db, WorkerOpener openWorker) {
    // The worker's connection must not outlive the project it was opened from.
    cancelCount(true);
    db_ = db;
    openWorker_ = std::move(openWorker);
    reload();
}

QString PostTableModel::setFilter(const taxo::corpus::PostFilter& filter) {
    filter_ = filter;
    return reload();
}

QString PostTableModel::reload() {
    cancelCount(false);
    ++generation_;
    beginResetModel();
    rows_.clear();
    total_ = 0;
    countKnown_ = true;
    exhausted_ = true;
    error_.clear();
    if (db_) {
        // The first page inside the reset, so a view shows rows at once.
        auto page = taxo::corpus::postPage(*db_, filter_, 0, kPageSize);
        if (page) {
            rows_ = std::move(*page);
            // A short first page is every match: nothing left to count.
            exhausted_ = rows_.size() < static_cast<std::size_t>(kPageSize);
            if (exhausted_)
                total_ = static_cast<qint64>(rows_.size());
            else
                countKnown_ = false;
        } else {
            error_ = toQ(page.message());
        }
    }
    // Slots of modelReset (views, the model tester) may call fetchMore at once;
    // inserting rows while the reset is still being announced would interleave two
    // changes, so fetchMore waits until endResetModel has returned.
    changing_ = true;
    endResetModel();
    changing_ = false;
    if (!countKnown_)
        startCount();
    return error_;
}

void PostTableModel::startCount() {
    const quint64 generation = generation_;
    const auto finish = [this, generation](taxo::Result<std::int64_t>& count) {
        if (generation != generation_)
            return; // a newer filter was set meanwhile; its own count is coming
        countKnown_ = true;
        if (count)
            total_ = *count;
        else if (count.message() != taxo::kCancelledMessage)
            error_ = toQ(count.message());
        emit countChanged();
    };
    if (!openWorker_) {
        auto count = taxo::corpus::countPosts(*db_, filter_);
        finish(count);
        return;
    }
    auto cancel = std::make_shared<taxo::CancelFlag>(false);
    cancel_ = cancel;
    countThread_ = runInBackground<taxo::Result<std::int64_t>>(
        this,
        [open = openWorker_, filter = filter_, cancel]() -> taxo::Result<std::int64_t> {
            if (taxo::cancelled(cancel.get()))
                return taxo::makeError(taxo::kCancelledMessage);
            auto worker = open();
            if (!worker)
                return worker.error();
            return taxo::corpus::countPosts(worker->db(), filter, cancel.get());
        },
        finish);
}

void PostTableModel::cancelCount(bool wait) {
    if (cancel_)
        cancel_->store(true);
    cancel_.reset();
    if (wait && countThread_)
        countThread_->wait();
}

bool PostTableModel::waitForCount(int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    while (!countKnown_ && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    return countKnown_;
}

std::optional<std::vector<taxo::corpus::PostRow>> PostTableModel::fetchPage() {
    const std::int64_t after = rows_.empty() ? 0 : rows_.back().id;
    auto page = taxo::corpus::postPage(*db_, filter_, after, kPageSize);
    if (!page) {
        exhausted_ = true;
        error_ = toQ(page.message());
        emit fetchFailed(error_);
        return std::nullopt;
    }
    // Fewer rows than asked for: the end.
    if (page->size() < static_cast<std::size_t>(kPageSize))
        exhausted_ = true;
    return std::move(*page);
}

std::int64_t PostTableModel::postId(int row) const {
    return row >= 0 && row < static_cast<int>(rows_.size())
               ? rows_[static_cast<std::size_t>(row)].id
               : 0;
}

int PostTableModel::rowOfPost(std::int64_t id) const {
    for (std::size_t i = 0; i < rows_.size(); ++i)
        if (rows_[i].id == id)
            return static_cast<int>(i);
    return -1;
}

int PostTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int PostTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PostTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& row = rows_[static_cast<std::size_t>(index.row())];
    if (role == PostIdRole)
        return QVariant::fromValue<qint64>(row.id);
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case Score:
        case Answers:
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        case Accepted:
            return QVariant::fromValue(Qt::Alignment(Qt::AlignCenter));
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == Title)
            return toQ(row.title);
        if (index.column() == Tags)
            return joinTags(row.tags);
        if (index.column() == Accepted)
            return row.hasAcceptedAnswer ? tr("Has an accepted answer") : tr("No accepted answer");
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case SourceId:
        return toQ(row.sourceId);
    case Title:
        return toQ(row.title);
    case Tags:
        return joinTags(row.tags);
    case Created:
        return toQ(row.created.substr(0, 10));
    case Owner:
        return toQ(row.owner);
    case Score:
        return row.score ? QVariant::fromValue<qint64>(*row.score) : QVariant();
    case Answers:
        return row.answerCount ? QVariant::fromValue<qint64>(*row.answerCount) : QVariant();
    case Accepted:
        return row.hasAcceptedAnswer ? QStringLiteral("✔") : QString();
    default:
        return {};
    }
}

QVariant PostTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SourceId:
        return tr("Id");
    case Title:
        return tr("Title");
    case Tags:
        return tr("Tags");
    case Created:
        return tr("Asked");
    case Owner:
        return tr("Asker");
    case Score:
        return tr("Score");
    case Answers:
        return tr("Answers");
    case Accepted:
        return tr("Accepted");
    default:
        return {};
    }
}

bool PostTableModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && db_ && !exhausted_;
}

void PostTableModel::fetchMore(const QModelIndex& parent) {
    // Not again from a slot of the signals below: one change at a time.
    if (changing_ || !canFetchMore(parent))
        return;
    auto page = fetchPage();
    if (!page || page->empty())
        return;
    const int first = static_cast<int>(rows_.size());
    changing_ = true;
    beginInsertRows({}, first, first + static_cast<int>(page->size()) - 1);
    for (auto& row : *page)
        rows_.push_back(std::move(row));
    endInsertRows();
    changing_ = false;
}

} // namespace taxo::ui
