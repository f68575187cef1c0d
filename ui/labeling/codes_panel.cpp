#include "ui/labeling/codes_panel.h"

#include "core/codebook/codebook.h"
#include "ui/labeling/codes_model.h"
#include "ui/support/plain_text.h"
#include "ui/support/qt_text.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QUndoStack>
#include <algorithm>
#include <memory>

namespace taxo::ui {
namespace {

// "Server/Cloud › Model Export": where a choice sits in the tree.
QString pathText(const std::vector<std::string>& names) {
    QStringList parts;
    for (const auto& name : names)
        parts << toQ(name);
    return parts.join(QStringLiteral(" › "));
}

} // namespace

CodesPanel::CodesPanel(DatabaseGetter database, QUndoStack* undo, QWidget* parent)
    : QWidget(parent), database_(std::move(database)), undo_(undo), model_(new CodesModel(this)),
      view_(new QTableView(this)), name_(new QLineEdit(this)), parent_(new QComboBox(this)),
      create_(new QPushButton(tr("Create category from these codes"), this)),
      leaf_(new QComboBox(this)), assign_(new QPushButton(tr("Assign to category"), this)),
      status_(new QLabel(this)) {
    setObjectName(QStringLiteral("codesPanel"));
    view_->setObjectName(QStringLiteral("codesView"));
    view_->setModel(model_);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->verticalHeader()->hide();
    view_->horizontalHeader()->setStretchLastSection(true);
    // Codes are short phrases: one line each, the code column as wide as they are.
    view_->setWordWrap(false);
    view_->horizontalHeader()->setSectionResizeMode(CodesModel::CodeColumn,
                                                    QHeaderView::ResizeToContents);
    view_->horizontalHeader()->setSectionResizeMode(CodesModel::PostsColumn,
                                                    QHeaderView::ResizeToContents);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    name_->setObjectName(QStringLiteral("codesCategoryName"));
    name_->setPlaceholderText(tr("name of the new category"));
    parent_->setObjectName(QStringLiteral("codesParent"));
    leaf_->setObjectName(QStringLiteral("codesLeaf"));
    create_->setObjectName(QStringLiteral("codesCreate"));
    assign_->setObjectName(QStringLiteral("codesAssign"));
    status_->setWordWrap(true);

    auto* title = richLabel(tr("<b>Codes</b> — the initial codes so far; choose some to "
                               "make or assign a category"),
                            this);
    title->setWordWrap(true);
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title, 0, 0, 1, 3);
    layout->addWidget(view_, 1, 0, 1, 3);
    layout->addWidget(name_, 2, 0);
    layout->addWidget(parent_, 2, 1);
    layout->addWidget(create_, 2, 2);
    layout->addWidget(leaf_, 3, 0, 1, 2);
    layout->addWidget(assign_, 3, 2);
    layout->addWidget(status_, 4, 0, 1, 3);
    layout->setColumnStretch(0, 1);
    layout->setColumnStretch(1, 1);

    connect(create_, &QPushButton::clicked, this, [this] {
        const QVariant chosen = parent_->currentData();
        createCategory(chosen.isValid() ? std::optional<codebook::CategoryId>(chosen.toLongLong())
                                        : std::nullopt,
                       name_->text());
    });
    connect(assign_, &QPushButton::clicked, this, [this] {
        if (leaf_->currentIndex() >= 0)
            assignToCategory(leaf_->currentData().toLongLong());
    });
    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { updateButtons(); });
    connect(name_, &QLineEdit::textChanged, this, [this] { updateButtons(); });
    updateButtons();
}

void CodesPanel::setAssignment(std::optional<std::int64_t> roundId, labels::CoderId coder) {
    roundId_ = roundId;
    coder_ = coder;
    reload();
}

void CodesPanel::reload() {
    auto* db = database_();
    const QString error = model_->reload(roundId_ ? db : nullptr, roundId_.value_or(0), coder_);
    status_->setText(error);
    reloadChoices();
    updateButtons();
}

void CodesPanel::reloadChoices() {
    const QVariant parentBefore = parent_->currentData();
    const QVariant leafBefore = leaf_->currentData();
    parent_->clear();
    leaf_->clear();
    auto* db = database_();
    if (!db)
        return;
    auto tree = codebook::listTree(*db);
    if (!tree) {
        status_->setText(toQ(tree.message()));
        return;
    }
    std::vector<std::string> path;
    for (const auto& entry : *tree) {
        path.resize(static_cast<std::size_t>(entry.depth));
        path.push_back(entry.category.name);
        const QVariant id = QVariant::fromValue(static_cast<qlonglong>(entry.category.id));
        // A new leaf goes under a root or an inner category; a leaf in use
        // cannot become a parent, and core says so if one is chosen.
        if (entry.hasChildren || entry.depth < 2)
            parent_->addItem(tr("under %1").arg(pathText(path)), id);
        if (!entry.hasChildren)
            leaf_->addItem(pathText(path), id);
    }
    if (const int i = parent_->findData(parentBefore); i >= 0)
        parent_->setCurrentIndex(i);
    if (const int i = leaf_->findData(leafBefore); i >= 0)
        leaf_->setCurrentIndex(i);
}

void CodesPanel::updateButtons() {
    const bool chosen = !selectedCodes().empty();
    create_->setEnabled(chosen && !name_->text().trimmed().isEmpty() && parent_->count() > 0);
    assign_->setEnabled(chosen && leaf_->count() > 0);
}

QString CodesPanel::lastError() const {
    return status_->text();
}

std::vector<std::string> CodesPanel::selectedCodes() const {
    std::vector<std::string> keys;
    const auto rows = view_->selectionModel()->selectedRows();
    for (const QModelIndex& row : rows)
        keys.push_back(model_->data(row, CodesModel::KeyRole).toString().toStdString());
    std::sort(keys.begin(), keys.end());
    return keys;
}

void CodesPanel::selectCodes(const std::vector<std::string>& keys) {
    QItemSelection selection;
    for (const auto& key : keys) {
        const int row = model_->rowOf(key);
        if (row >= 0)
            selection.select(model_->index(row, 0),
                             model_->index(row, CodesModel::ColumnCount - 1));
    }
    view_->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

bool CodesPanel::createCategory(std::optional<codebook::CategoryId> parent, const QString& name) {
    auto* db = database_();
    const auto codes = selectedCodes();
    if (!db || !roundId_ || codes.empty())
        return false;
    codebook::NewCategory spec;
    spec.parentId = parent;
    spec.name = name.trimmed().toStdString();
    spec.createdIn = "pilot";
    auto change = labels::createCategoryFromCodes(*db, *roundId_, spec, codes, coder_);
    if (!change) {
        status_->setText(toQ(change.message()));
        return false;
    }
    const auto posts = change->labelsChanged.size();
    pushCodesChange(std::move(*change), tr("Category \"%1\" from codes").arg(name.trimmed()));
    name_->clear();
    afterStep({});
    status_->setText(tr("Created \"%1\"; %2 posts got it.").arg(name.trimmed()).arg(posts));
    return true;
}

bool CodesPanel::assignToCategory(codebook::CategoryId leaf) {
    auto* db = database_();
    const auto codes = selectedCodes();
    if (!db || !roundId_ || codes.empty())
        return false;
    auto change = labels::assignCodesToCategory(*db, *roundId_, leaf, codes, coder_);
    if (!change) {
        status_->setText(toQ(change.message()));
        return false;
    }
    const auto posts = change->labelsChanged.size();
    pushCodesChange(std::move(*change), tr("Assign codes to a category"));
    afterStep({});
    status_->setText(tr("%1 posts got the category.").arg(posts));
    return true;
}

void CodesPanel::pushCodesChange(labels::CodesChange change, const QString& text) {
    auto shared = std::make_shared<labels::CodesChange>(std::move(change));
    undo_->push(new CoreCommand(
        text, database_,
        [shared](sql::Database& db) { return labels::redoCodesChange(db, *shared); },
        [shared](sql::Database& db) { return labels::undoCodesChange(db, *shared); }, this,
        [this](const QString& error, bool) { afterStep(error); }));
}

void CodesPanel::afterStep(const QString& error) {
    const auto keep = selectedCodes();
    reload();
    selectCodes(keep);
    if (!error.isEmpty())
        status_->setText(error);
    emit changed();
}

} // namespace taxo::ui
