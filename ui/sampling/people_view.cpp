#include "ui/sampling/people_view.h"

#include "core/arbitration/arbitrator_roots.h"
#include "core/people/people.h"
#include "core/rounds/rounds.h"
#include "ui/sampling/people_models.h"
#include "ui/session/project_session.h"
#include "ui/support/core_command.h"
#include "ui/support/qt_text.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>
#include <functional>

namespace taxo::ui {
PeopleView::PeopleView(ProjectSession* session, QUndoStack* undo, QWidget* parent)
    : QWidget(parent), session_(session), undo_(undo), model_(new PeopleModel(this)),
      view_(new QTableView(this)), name_(new QLineEdit(this)), role_(new QComboBox(this)),
      root_(new QComboBox(this)), add_(new QPushButton(tr("Give role"), this)),
      remove_(new QPushButton(tr("Take role"), this)), status_(new QLabel(this)) {
    view_->setObjectName(QStringLiteral("peopleView"));
    view_->setModel(model_);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->verticalHeader()->hide();
    // Names and roles in full; the progress, the longest text, gets what is left.
    view_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->setAlternatingRowColors(true);
    name_->setObjectName(QStringLiteral("personName"));
    name_->setPlaceholderText(tr("Name (a new name adds the person)"));
    role_->setObjectName(QStringLiteral("personRole"));
    role_->addItem(tr("coder"), QStringLiteral("coder"));
    role_->addItem(tr("lead"), QStringLiteral("lead"));
    role_->addItem(tr("arbitrator"), QStringLiteral("arbitrator"));
    root_->setObjectName(QStringLiteral("personRoot"));
    // A list, not free text: a misspelt root would make a role that settles nothing.
    root_->setPlaceholderText(tr("root (arbitrators only)"));
    root_->setToolTip(tr("The root whose conflicts the arbitrator settles: a root of the "
                         "sets or of the codebook"));
    root_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    root_->setEnabled(false);
    add_->setObjectName(QStringLiteral("addRoleButton"));
    add_->setToolTip(tr("Give the person the role; a new name adds the person (Enter)"));
    remove_->setObjectName(QStringLiteral("removeRoleButton"));
    status_->setObjectName(QStringLiteral("peopleStatus"));
    status_->setWordWrap(true);

    auto* form = new QHBoxLayout;
    form->addWidget(name_, 2);
    form->addWidget(role_);
    form->addWidget(root_, 2);
    form->addWidget(add_);
    form->addWidget(remove_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view_, 1);
    layout->addLayout(form);
    layout->addWidget(status_);

    connect(role_, &QComboBox::currentIndexChanged, this, [this] {
        root_->setEnabled(role_->currentData().toString() == QStringLiteral("arbitrator"));
    });
    connect(add_, &QPushButton::clicked, this, [this] { addRole(); });
    connect(name_, &QLineEdit::returnPressed, this, [this] { addRole(); });
    connect(remove_, &QPushButton::clicked, this, [this] { removeRole(); });
    connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        if (const auto* person = model_->personAt(view_->currentIndex().row()))
            name_->setText(toQ(person->name));
    });
}

void PeopleView::refresh() {
    const auto* selected = model_->personAt(view_->currentIndex().row());
    const QString previous = selected ? toQ(selected->name) : QString();
    if (!session_->isOpen()) {
        model_->setPeople({}, {});
        root_->clear();
        return;
    }
    refreshRoots();
    auto list = people::listPeople(*session_->project());
    auto rounds = rounds::listRounds(*session_->project());
    model_->setPeople(list ? std::move(*list) : std::vector<people::Person>{},
                      rounds ? *rounds : std::vector<rounds::RoundInfo>{});
    if (!list || !rounds)
        status_->setText(toQ(!list ? list.message() : rounds.message()));
    if (const int row = model_->rowOf(previous); row >= 0)
        view_->setCurrentIndex(model_->index(row, PeopleModel::NameColumn));
}

void PeopleView::refreshRoots() {
    const QString previous = root_->currentData().toString();
    root_->clear();
    auto choices = arbitration::rootChoices(session_->project()->db());
    if (!choices) {
        status_->setText(toQ(choices.message()));
        return;
    }
    for (const auto& choice : *choices) {
        const QString name = toQ(choice.name);
        root_->addItem(choice.arbitrator.empty()
                           ? name
                           : tr("%1 (settled by %2)").arg(name, toQ(choice.arbitrator)),
                       name);
        QStringList where;
        if (choice.inSets)
            where << tr("a root of the sets");
        if (choice.inCodebook)
            where << tr("a root category of the codebook");
        if (where.isEmpty())
            where << tr("held by an arbitrator, but neither a set's root nor a codebook root");
        root_->setItemData(root_->count() - 1, where.join(QStringLiteral("; ")), Qt::ToolTipRole);
    }
    root_->setCurrentIndex(root_->findData(previous));
}

bool PeopleView::changeRole(bool add) {
    if (!session_->isOpen())
        return false;
    const auto name = name_->text().toStdString();
    const auto role = people::parseRole(role_->currentData().toString().toStdString());
    const auto root =
        root_->isEnabled() ? root_->currentData().toString().toStdString() : std::string();
    if (root_->isEnabled() && root.empty()) {
        status_->setText(root_->count() == 0
                             ? tr("Not changed: there is no root yet; build sets on the "
                                  "Selection page or add a root category to the codebook.")
                             : tr("Not changed: choose the root the arbitrator settles."));
        return false;
    }
    auto change = people::changeRole(session_->project()->db(), {name, *role, root, add});
    if (!change) {
        status_->setText(tr("Not changed: %1").arg(toQ(change.message())));
        return false;
    }
    undo_->push(new CoreCommand(
        add ? tr("Give %1 a role").arg(toQ(name)) : tr("Take a role from %1").arg(toQ(name)),
        session_->databaseGetter(),
        [c = *change](sql::Database& db) { return people::applyRoleChange(db, c); },
        [c = *change](sql::Database& db) { return people::undoRoleChange(db, c); }, this,
        [this](const QString& error, bool) { afterChange(error); }));
    afterChange(QString());
    return true;
}

bool PeopleView::addRole() {
    const QString words = roleWords(); // before the change refreshes the root list
    if (!changeRole(true))
        return false;
    status_->setText(tr("%1 is now %2.").arg(name_->text(), words));
    return true;
}

bool PeopleView::removeRole() {
    const QString words = roleWords(); // before the change refreshes the root list
    if (!changeRole(false))
        return false;
    status_->setText(tr("%1 is no longer %2.").arg(name_->text(), words));
    return true;
}

QString PeopleView::roleWords() const {
    if (role_->currentData().toString() == QStringLiteral("arbitrator"))
        return tr("the arbitrator of %1").arg(root_->currentData().toString());
    return tr("a %1").arg(role_->currentText());
}

void PeopleView::afterChange(const QString& message) {
    status_->setText(message);
    session_->notifyDataChanged();
    refresh();
}

QString PeopleView::statusText() const {
    return status_->text();
}

} // namespace taxo::ui
