#include "ui/codebook/category_details.h"

#include "core/corpus/post_store.h"
#include "ui/support/plain_text.h"
#include "ui/support/qt_text.h"

#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace taxo::ui {
namespace {

constexpr int kPostRole = Qt::UserRole + 1;

} // namespace

CategoryDetails::CategoryDetails(std::function<sql::Database*()> database, QWidget* parent)
    : QWidget(parent), database_(std::move(database)), path_(new QLabel(this)),
      warning_(new QLabel(this)), description_(new QPlainTextEdit(this)),
      saveDescription_(new QPushButton(tr("Save description"), this)),
      examples_(new QListWidget(this)), examplePost_(new QLineEdit(this)),
      addExample_(new QPushButton(tr("Add example"), this)),
      removeExample_(new QPushButton(tr("Remove example"), this)), posts_(new QListWidget(this)),
      splitName_(new QLineEdit(this)),
      split_(new QPushButton(tr("Split ticked posts into a new sibling"), this)) {
    setObjectName(QStringLiteral("categoryDetails"));
    path_->setWordWrap(true);
    path_->setTextFormat(Qt::PlainText);
    warning_->setObjectName(QStringLiteral("categoryLevelWarning"));
    warning_->setWordWrap(true);
    warning_->setStyleSheet(QStringLiteral("color: #b26a00; font-weight: bold;"));
    description_->setObjectName(QStringLiteral("categoryDescription"));
    description_->setPlaceholderText(tr("What belongs here, and what does not"));
    description_->setTabChangesFocus(true);
    saveDescription_->setObjectName(QStringLiteral("categorySaveDescription"));
    examples_->setObjectName(QStringLiteral("categoryExamples"));
    examplePost_->setObjectName(QStringLiteral("categoryExamplePost"));
    addExample_->setObjectName(QStringLiteral("categoryAddExample"));
    removeExample_->setObjectName(QStringLiteral("categoryRemoveExample"));
    examplePost_->setPlaceholderText(tr("post id"));
    posts_->setObjectName(QStringLiteral("categoryPosts"));
    splitName_->setObjectName(QStringLiteral("categorySplitName"));
    splitName_->setPlaceholderText(tr("name of the new sibling"));
    split_->setObjectName(QStringLiteral("categorySplit"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(path_);
    layout->addWidget(warning_);
    layout->addWidget(richLabel(tr("<b>Description</b>"), this));
    layout->addWidget(description_, 1);
    layout->addWidget(saveDescription_, 0, Qt::AlignRight);
    layout->addWidget(
        richLabel(tr("<b>Examples</b> — posts that show the category well (double-click "
                     "opens one)"),
                  this));
    layout->addWidget(examples_, 1);
    auto* exampleRow = new QHBoxLayout;
    exampleRow->addWidget(examplePost_);
    exampleRow->addWidget(addExample_);
    exampleRow->addWidget(removeExample_);
    layout->addLayout(exampleRow);
    layout->addWidget(
        richLabel(tr("<b>Posts labeled with it</b> — tick some to split them off"), this));
    layout->addWidget(posts_, 1);
    auto* splitRow = new QHBoxLayout;
    splitRow->addWidget(splitName_, 1);
    splitRow->addWidget(split_);
    layout->addLayout(splitRow);

    connect(saveDescription_, &QPushButton::clicked, this, [this] {
        if (id_)
            emit descriptionEdited(*id_, description_->toPlainText());
    });
    connect(addExample_, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const qint64 post = examplePost_->text().trimmed().toLongLong(&ok);
        if (id_ && ok)
            emit exampleAdded(*id_, post);
    });
    connect(examplePost_, &QLineEdit::returnPressed, addExample_, &QPushButton::click);
    connect(removeExample_, &QPushButton::clicked, this, [this] {
        if (id_ && examples_->currentItem())
            emit exampleRemoved(*id_, examples_->currentItem()->data(kPostRole).toLongLong());
    });
    connect(split_, &QPushButton::clicked, this, [this] {
        if (id_)
            emit splitRequested(*id_, splitName_->text(), checkedPosts());
    });
    for (QListWidget* list : {examples_, posts_})
        connect(list, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem* item) {
            emit postActivated(item->data(kPostRole).toLongLong());
        });
    connect(posts_, &QListWidget::itemChanged, this, [this] { updateButtons(); });
    connect(splitName_, &QLineEdit::textChanged, this, [this] { updateButtons(); });
    connect(examples_, &QListWidget::currentRowChanged, this, [this] { updateButtons(); });
    connect(examplePost_, &QLineEdit::textChanged, this, [this] { updateButtons(); });
    showCategory(std::nullopt);
}

QString CategoryDetails::postLine(std::int64_t postId) const {
    auto* db = database_();
    if (db) {
        auto post = corpus::loadPost(*db, postId);
        if (post)
            return tr("post %1 — %2").arg(postId).arg(toQ(post->title));
    }
    return tr("post %1").arg(postId);
}

void CategoryDetails::showCategory(std::optional<codebook::CategoryId> id) {
    id_ = id;
    auto* db = database_();
    path_->clear();
    warning_->clear();
    warning_->hide();
    examples_->clear();
    posts_->clear();
    splitName_->clear();
    const QSignalBlocker blocker(description_);
    description_->clear();
    std::optional<codebook::Category> category;
    if (db && id) {
        if (auto found = codebook::getCategory(*db, *id))
            category = *found;
    }
    setEnabled(category.has_value());
    if (!category) {
        path_->setText(tr("Choose a category to see and edit its description and examples."));
        updateButtons();
        return;
    }
    if (auto path = codebook::pathOf(*db, *id)) {
        QStringList parts;
        for (const auto& name : *path)
            parts << toQ(name);
        path_->setText(parts.join(QStringLiteral(" › ")));
    }
    // The study's taxonomy has three levels; core says what is off.
    for (const auto& issue : issues_)
        if (issue.category == *id && issue.kind != codebook::LevelIssue::Kind::LeafWrongDepth) {
            warning_->setText(QStringLiteral("⚠ ") + toQ(issue.message));
            warning_->show();
        }
    description_->setPlainText(toQ(category->description));
    if (auto list = codebook::examples(*db, *id)) {
        for (const auto post : *list) {
            auto* item = new QListWidgetItem(postLine(post), examples_);
            item->setData(kPostRole, QVariant::fromValue(static_cast<qlonglong>(post)));
        }
    }
    if (auto list = codebook::postsCarrying(*db, *id)) {
        const QSignalBlocker postsBlocker(posts_);
        for (const auto post : *list) {
            auto* item = new QListWidgetItem(postLine(post), posts_);
            item->setData(kPostRole, QVariant::fromValue(static_cast<qlonglong>(post)));
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(Qt::Unchecked);
        }
    }
    updateButtons();
}

std::vector<std::int64_t> CategoryDetails::checkedPosts() const {
    std::vector<std::int64_t> ids;
    for (int row = 0; row < posts_->count(); ++row)
        if (posts_->item(row)->checkState() == Qt::Checked)
            ids.push_back(posts_->item(row)->data(kPostRole).toLongLong());
    return ids;
}

void CategoryDetails::focusSplit() {
    posts_->setFocus();
}

void CategoryDetails::updateButtons() {
    addExample_->setEnabled(id_ && !examplePost_->text().trimmed().isEmpty());
    removeExample_->setEnabled(id_ && examples_->currentItem() != nullptr);
    split_->setEnabled(id_ && !checkedPosts().empty() && !splitName_->text().trimmed().isEmpty());
}

} // namespace taxo::ui
