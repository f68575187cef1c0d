#include "ui/sampling/people_view.h"

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
      root_(new QLineEdit(this)), add_(new QPushButton(tr("Give role"), this)),
      remove_(new QPushButton(tr("Take role"), this)), status_(new QLabel(this)) {
    view_->setObjectName(QStringLiteral("peopleView"));
    view_->setModel(model_);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->verticalHeader()->hide();
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->setAlternatingRowColors(true);
    name_->setObjectName(QStringLiteral("personName"));
    name_->setPlaceholderText(tr("Name (a new name adds the person)"));
    role_->setObjectName(QStringLiteral("personRole"));
    role_->addItem(tr("coder"), QStringLiteral("coder"));
    role_->addItem(tr("lead"), QStringLiteral("lead"));
    role_->addItem(tr("arbitrator"), QStringLiteral("arbitrator"));
    root_->setObjectName(QStringLiteral("personRoot"));
    root_->setPlaceholderText(tr("root category (arbitrators only)"));
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
        return;
    }
    auto list = people::listPeople(*session_->project());
    auto rounds = rounds::listRounds(*session_->project());
    model_->setPeople(list ? std::move(*list) : std::vector<people::Person>{},
                      rounds ? *rounds : std::vector<rounds::RoundInfo>{});
    if (!list || !rounds)
        status_->setText(toQ(!list ? list.message() : rounds.message()));
    if (const int row = model_->rowOf(previous); row >= 0)
        view_->setCurrentIndex(model_->index(row, PeopleModel::NameColumn));
}

bool PeopleView::changeRole(bool add) {
    if (!session_->isOpen())
        return false;
    const auto name = name_->text().toStdString();
    const auto role = people::parseRole(role_->currentData().toString().toStdString());
    const auto root = root_->isEnabled() ? root_->text().trimmed().toStdString() : std::string();
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
    if (!changeRole(true))
        return false;
    status_->setText(tr("%1 is now %2.").arg(name_->text(), role_->currentText()));
    return true;
}

bool PeopleView::removeRole() {
    if (!changeRole(false))
        return false;
    status_->setText(tr("%1 is no longer %2.").arg(name_->text(), role_->currentText()));
    return true;
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
