#include "ui/selection/tag_explorer.h"

#include "core/corpus/census.h"
#include "ui/corpus/census_models.h"
#include "ui/widgets/read_only_table.h"

#include <QEvent>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace taxo::ui {
namespace {

constexpr int kSearchDelayMs = 200;

// The explorer's lists: one tag at a time is chosen.
QTableView* listView(QAbstractItemModel* model, const QString& name, QWidget* parent) {
    auto* view = makeReadOnlyTable(model, name, parent);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    return view;
}

} // namespace

TagExplorer::TagExplorer(QWidget* parent)
    : QWidget(parent), tags_(new CensusTagModel(this)), cooccurring_(new CooccurrenceModel(this)) {
    setObjectName(QStringLiteral("tagExplorer"));
    search_ = new QLineEdit(this);
    search_->setObjectName(QStringLiteral("tagSearch"));
    search_->setClearButtonEnabled(true);
    search_->setPlaceholderText(tr("Find tags by name, e.g. tensorflow or *flow"));
    search_->setToolTip(tr("Tags of the census (every question the imports read) whose name "
                           "holds this text; * stands for any text. Down goes to the list, "
                           "Enter adds the tag to the current clause."));
    tagsView_ = listView(tags_, QStringLiteral("tagExplorerTags"), this);
    tagsView_->setItemDelegateForColumn(CensusTagModel::Trend, new TrendDelegate(tagsView_));
    cooccurringView_ = listView(cooccurring_, QStringLiteral("tagExplorerCooccurring"), this);
    message_ = new QLabel(this);
    message_->setObjectName(QStringLiteral("tagExplorerMessage"));
    message_->setWordWrap(true);
    cooccurringTitle_ = new QLabel(tr("On the same kept posts"), this);
    add_ = new QPushButton(tr("Add to clause"), this);
    add_->setObjectName(QStringLiteral("addTagToClause"));
    add_->setToolTip(tr("Add the chosen tag to the current clause's tags (Enter in the lists)"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Tag explorer"), this));
    layout->addWidget(search_);
    layout->addWidget(message_);
    layout->addWidget(tagsView_, 3);
    layout->addWidget(cooccurringTitle_);
    layout->addWidget(cooccurringView_, 2);
    layout->addWidget(add_);

    delay_ = new QTimer(this);
    delay_->setSingleShot(true);
    delay_->setInterval(kSearchDelayMs);
    connect(delay_, &QTimer::timeout, this, &TagExplorer::search);
    connect(search_, &QLineEdit::textEdited, delay_, qOverload<>(&QTimer::start));
    connect(search_, &QLineEdit::textChanged, this, [this](const QString& text) {
        if (text.isEmpty())
            search();
    });
    connect(tagsView_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                lastList_ = tagsView_;
                showCooccurring(tags_->tagAt(current.row()));
            });
    connect(cooccurringView_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { lastList_ = cooccurringView_; });
    connect(add_, &QPushButton::clicked, this, [this] {
        if (const QString tag = currentTag(); !tag.isEmpty())
            emit tagChosen(tag);
    });
    for (QObject* watched : {static_cast<QObject*>(search_), static_cast<QObject*>(tagsView_),
                             static_cast<QObject*>(cooccurringView_)})
        watched->installEventFilter(this);
}

void TagExplorer::setDatabase(sql::Database* db) {
    db_ = db;
    search();
}

void TagExplorer::search() {
    delay_->stop();
    showCooccurring({});
    if (!db_) {
        tags_->setTags({}, 0, -1);
        message_->setText(tr("No project is open."));
        return;
    }
    auto found = corpus::censusTagsLike(*db_, search_->text().trimmed().toStdString(), kTagLimit);
    if (!found) {
        tags_->setTags({}, 0, -1);
        message_->setText(QString::fromStdString(found.message()));
        return;
    }
    int first = 0, last = -1;
    for (const auto& tag : *found)
        for (const auto& [year, count] : tag.years)
            if (year != 0) {
                first = first == 0 ? year : std::min(first, year);
                last = std::max(last, year);
            }
    const bool none = found->empty();
    tags_->setTags(std::move(*found), first, last);
    if (!none) {
        message_->clear();
        message_->hide();
        return;
    }
    message_->show();
    auto any = corpus::censusTagsLike(*db_, "", 1);
    if (any && any->empty())
        message_->setText(tr("No census yet: import the dump (again) to count the tags of every "
                             "question read."));
    else
        message_->setText(tr("No tag's name holds \"%1\".").arg(search_->text()));
}

void TagExplorer::showCooccurring(const QString& tag) {
    if (tag.isEmpty() || !db_) {
        cooccurring_->setTags({});
        cooccurringTitle_->setText(tr("On the same kept posts"));
        return;
    }
    auto together = corpus::cooccurringTags(*db_, tag.toStdString(), kCooccurringLimit);
    cooccurring_->setTags(together ? std::move(*together) : std::vector<corpus::TagCooccurrence>());
    cooccurringTitle_->setText(together ? tr("On the same kept posts as \"%1\"").arg(tag)
                                        : QString::fromStdString(together.message()));
}

QString TagExplorer::currentTag() const {
    if (lastList_ == cooccurringView_ && cooccurringView_->currentIndex().isValid())
        return cooccurring_->tagAt(cooccurringView_->currentIndex().row());
    if (tagsView_->currentIndex().isValid())
        return tags_->tagAt(tagsView_->currentIndex().row());
    return {};
}

void TagExplorer::choose(QTableView* view) {
    lastList_ = view;
    if (const QString tag = currentTag(); !tag.isEmpty())
        emit tagChosen(tag);
}

bool TagExplorer::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const auto* key = static_cast<QKeyEvent*>(event);
    const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
    if (watched == search_) {
        if (key->key() == Qt::Key_Down && tags_->rowCount() > 0) {
            tagsView_->setFocus();
            if (!tagsView_->currentIndex().isValid())
                tagsView_->setCurrentIndex(tags_->index(0, CensusTagModel::Tag));
            return true;
        }
        if (enter) {
            // Enter in the field adds the chosen tag, or the best match when none is chosen.
            if (delay_->isActive())
                search();
            if (!tagsView_->currentIndex().isValid() && tags_->rowCount() > 0)
                tagsView_->setCurrentIndex(tags_->index(0, CensusTagModel::Tag));
            choose(tagsView_);
            return true;
        }
        return false;
    }
    if (enter && (watched == tagsView_ || watched == cooccurringView_)) {
        choose(static_cast<QTableView*>(watched));
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace taxo::ui
