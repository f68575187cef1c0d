#include "ui/sampling/people_models.h"

#include "ui/support/qt_text.h"

#include <QStringList>

namespace taxo::ui {
namespace {

bool validRow(const QModelIndex& index, std::size_t rows, int columns) {
    return index.isValid() && !index.parent().isValid() && index.row() >= 0 &&
           static_cast<std::size_t>(index.row()) < rows && index.column() >= 0 &&
           index.column() < columns;
}

QString markText(const std::optional<bool>& mark) {
    if (!mark)
        return QStringLiteral("—");
    return *mark ? ScreeningItemsModel::tr("relevant") : ScreeningItemsModel::tr("irrelevant");
}

} // namespace

// --- PeopleModel -------------------------------------------------------------

void PeopleModel::setPeople(std::vector<people::Person> people,
                            const std::vector<rounds::RoundInfo>& rounds) {
    beginResetModel();
    people_ = std::move(people);
    work_.clear();
    for (const auto& person : people_) {
        QStringList parts;
        for (const auto& round : rounds)
            for (const auto& coder : round.coders)
                if (coder.name == person.name)
                    parts << tr("%1 %2/%3").arg(toQ(round.name)).arg(coder.labels).arg(round.items);
        work_.push_back(parts.join(QStringLiteral(" · ")));
    }
    endResetModel();
}

const people::Person* PeopleModel::personAt(int row) const {
    return row >= 0 && static_cast<std::size_t>(row) < people_.size()
               ? &people_[static_cast<std::size_t>(row)]
               : nullptr;
}

int PeopleModel::rowOf(const QString& name) const {
    for (std::size_t i = 0; i < people_.size(); ++i)
        if (toQ(people_[i].name) == name)
            return static_cast<int>(i);
    return -1;
}

int PeopleModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(people_.size());
}

int PeopleModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PeopleModel::data(const QModelIndex& index, int role) const {
    if (!validRow(index, people_.size(), ColumnCount) || role != Qt::DisplayRole)
        return {};
    const auto row = static_cast<std::size_t>(index.row());
    const auto& person = people_[row];
    switch (index.column()) {
    case NameColumn:
        return toQ(person.name);
    case RolesColumn: {
        QStringList roles;
        for (const auto& held : person.roles)
            roles << (held.role == people::Role::Arbitrator
                          ? tr("arbitrator of %1").arg(toQ(held.root))
                          : toQ(std::string(people::roleName(held.role))));
        return roles.join(QStringLiteral(", "));
    }
    case WorkColumn:
        return work_[row].isEmpty() ? tr("no round yet") : work_[row];
    }
    return {};
}

QVariant PeopleModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Person");
    case RolesColumn:
        return tr("Roles");
    case WorkColumn:
        return tr("Progress per round (labels or marks of posts)");
    }
    return {};
}

// --- ScreeningItemsModel -----------------------------------------------------

void ScreeningItemsModel::setReport(const screening::Report* report, bool disagreementsOnly) {
    beginResetModel();
    items_.clear();
    coderA_.clear();
    coderB_.clear();
    if (report) {
        coderA_ = toQ(report->a.name);
        coderB_ = toQ(report->b.name);
        for (const auto& item : report->items)
            if (!disagreementsOnly || (item.a && item.b && *item.a != *item.b))
                items_.push_back(item);
    }
    endResetModel();
}

const screening::ReportItem* ScreeningItemsModel::itemAt(int row) const {
    return row >= 0 && static_cast<std::size_t>(row) < items_.size()
               ? &items_[static_cast<std::size_t>(row)]
               : nullptr;
}

int ScreeningItemsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(items_.size());
}

int ScreeningItemsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ScreeningItemsModel::data(const QModelIndex& index, int role) const {
    if (!validRow(index, items_.size(), ColumnCount))
        return {};
    const auto& item = items_[static_cast<std::size_t>(index.row())];
    if (role == Qt::ToolTipRole && index.column() == OutcomeColumn && item.decision)
        return tr("Decided by %1: %2").arg(toQ(item.decision->lead), toQ(item.decision->rationale));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case PostColumn:
        return toQ(item.item);
    case TitleColumn:
        return toQ(item.title);
    case AColumn:
        return markText(item.a);
    case BColumn:
        return markText(item.b);
    case OutcomeColumn:
        switch (item.outcome) {
        case screening::Outcome::Incomplete:
            return tr("not marked by both");
        case screening::Outcome::Disagreement:
            return tr("to decide");
        case screening::Outcome::Relevant:
            return item.decision ? tr("relevant (lead)") : tr("relevant");
        case screening::Outcome::Irrelevant:
            return item.decision ? tr("out of the set (lead)") : tr("out of the set");
        }
    }
    return {};
}

QVariant ScreeningItemsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PostColumn:
        return tr("Post");
    case TitleColumn:
        return tr("Title");
    case AColumn:
        return coderA_.isEmpty() ? tr("Coder A") : coderA_;
    case BColumn:
        return coderB_.isEmpty() ? tr("Coder B") : coderB_;
    case OutcomeColumn:
        return tr("Outcome");
    }
    return {};
}

} // namespace taxo::ui
