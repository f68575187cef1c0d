#include "ui/sampling/sampling_models.h"

#include "ui/support/qt_text.h"

#include <QLocale>
#include <QStringList>

namespace taxo::ui {
namespace {

bool validRow(const QModelIndex& index, std::size_t rows, int columns) {
    return index.isValid() && !index.parent().isValid() && index.row() >= 0 &&
           static_cast<std::size_t>(index.row()) < rows && index.column() >= 0 &&
           index.column() < columns;
}

} // namespace

// --- SetsModel ---------------------------------------------------------------

void SetsModel::setSets(std::vector<sampling::SetOverview> sets) {
    beginResetModel();
    sets_ = std::move(sets);
    endResetModel();
}

const sampling::SetOverview* SetsModel::setAt(int row) const {
    return row >= 0 && static_cast<std::size_t>(row) < sets_.size()
               ? &sets_[static_cast<std::size_t>(row)]
               : nullptr;
}

int SetsModel::rowOf(const QString& name) const {
    for (std::size_t i = 0; i < sets_.size(); ++i)
        if (toQ(sets_[i].name) == name)
            return static_cast<int>(i);
    return -1;
}

int SetsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(sets_.size());
}

int SetsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SetsModel::data(const QModelIndex& index, int role) const {
    if (!validRow(index, sets_.size(), ColumnCount))
        return {};
    const auto& set = sets_[static_cast<std::size_t>(index.row())];
    if (role == Qt::TextAlignmentRole && index.column() >= PostsColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return toQ(set.name);
    case RootColumn:
        return toQ(set.rootName);
    case PostsColumn:
        return QLocale().toString(set.population);
    case SampleColumn:
        if (!set.sampleSize)
            return role == Qt::ToolTipRole ? tr("No sample drawn yet") : QString();
        return role == Qt::ToolTipRole ? tr("Drawn with seed %1").arg(toQ(set.sampleSeed))
                                       : QLocale().toString(*set.sampleSize);
    }
    return {};
}

QVariant SetsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Set");
    case RootColumn:
        return tr("Root");
    case PostsColumn:
        return tr("Posts");
    case SampleColumn:
        return tr("Sample");
    }
    return {};
}

// --- DrawModel ---------------------------------------------------------------

void DrawModel::setSample(const sampling::StoredSample* sample,
                          const std::vector<std::string>& titles) {
    beginResetModel();
    items_.clear();
    pilot_ = 0;
    pilotRound_.clear();
    reliabilityRound_.clear();
    if (sample) {
        auto add = [&](const corpus::PostRef& post) {
            const std::size_t at = items_.size();
            items_.push_back({post.postId, toQ(sampling::itemName(post)),
                              at < titles.size() ? toQ(titles[at]) : QString()});
        };
        for (const auto& post : sample->pilot)
            add(post);
        for (const auto& post : sample->reliability)
            add(post);
        pilot_ = static_cast<int>(sample->pilot.size());
        pilotRound_ = toQ(sample->pilotRound);
        reliabilityRound_ = toQ(sample->reliabilityRound);
    }
    endResetModel();
}

int DrawModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(items_.size());
}

int DrawModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DrawModel::data(const QModelIndex& index, int role) const {
    if (!validRow(index, items_.size(), ColumnCount))
        return {};
    const bool pilot = index.row() < pilot_;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case PositionColumn:
            return index.row() + 1;
        case ItemColumn:
            return items_[static_cast<std::size_t>(index.row())].item;
        case TitleColumn:
            return items_[static_cast<std::size_t>(index.row())].title;
        case RoundColumn:
            return pilot ? tr("pilot") : tr("reliability");
        }
    }
    if (role == Qt::ToolTipRole && index.column() == RoundColumn)
        return pilot ? pilotRound_ : reliabilityRound_;
    if (role == Qt::ToolTipRole && index.column() == TitleColumn)
        return tr("%1 (double-click to read the post)")
            .arg(items_[static_cast<std::size_t>(index.row())].title);
    return {};
}

std::int64_t DrawModel::postIdAt(int row) const {
    return row >= 0 && static_cast<std::size_t>(row) < items_.size()
               ? items_[static_cast<std::size_t>(row)].postId
               : 0;
}

QVariant DrawModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PositionColumn:
        return tr("#");
    case ItemColumn:
        return tr("Post");
    case TitleColumn:
        return tr("Title");
    case RoundColumn:
        return tr("Round");
    }
    return {};
}

// --- RoundsModel -------------------------------------------------------------

void RoundsModel::setRounds(std::vector<rounds::RoundInfo> rounds) {
    beginResetModel();
    rounds_ = std::move(rounds);
    endResetModel();
}

const rounds::RoundInfo* RoundsModel::roundAt(int row) const {
    return row >= 0 && static_cast<std::size_t>(row) < rounds_.size()
               ? &rounds_[static_cast<std::size_t>(row)]
               : nullptr;
}

int RoundsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rounds_.size());
}

int RoundsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RoundsModel::data(const QModelIndex& index, int role) const {
    if (!validRow(index, rounds_.size(), ColumnCount))
        return {};
    const auto& round = rounds_[static_cast<std::size_t>(index.row())];
    if (role == Qt::ToolTipRole && index.column() == ProgressColumn)
        return progressLines(round).join(QLatin1Char('\n'));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return toQ(round.name);
    case KindColumn: // a calibration round names the pilot it is scored against
        return round.pilotRound.empty()
                   ? toQ(rounds::kindName(round.kind))
                   : tr("%1 of %2").arg(toQ(rounds::kindName(round.kind)), toQ(round.pilotRound));
    case SetColumn:
        return toQ(round.setName);
    case PostsColumn:
        return QLocale().toString(round.items);
    case CodersColumn: {
        QStringList names;
        for (const auto& coder : round.coders)
            names << toQ(coder.name);
        return names.isEmpty() ? tr("nobody yet") : names.join(QStringLiteral(", "));
    }
    case ProgressColumn:
        return progressLines(round).join(QStringLiteral(" · "));
    }
    return {};
}

QStringList RoundsModel::progressLines(const rounds::RoundInfo& round) {
    const auto percent = [&](std::int64_t done) {
        return round.items > 0 ? QLocale().toString(100.0 * static_cast<double>(done) /
                                                        static_cast<double>(round.items),
                                                    'f', 0)
                               : QStringLiteral("0");
    };
    // The pilot is coded jointly, so its progress is the joint labels.
    if (round.kind == rounds::RoundKind::Pilot)
        return {tr("%1 of %2 jointly (%3 %)")
                    .arg(round.consensusLabels)
                    .arg(round.items)
                    .arg(percent(round.consensusLabels))};
    QStringList lines;
    for (const auto& coder : round.coders)
        lines << tr("%1 %2/%3 (%4 %)")
                     .arg(toQ(coder.name))
                     .arg(coder.labels)
                     .arg(round.items)
                     .arg(percent(coder.labels));
    if (lines.isEmpty())
        lines << tr("no coders yet");
    return lines;
}

QVariant RoundsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Round");
    case KindColumn:
        return tr("Kind");
    case SetColumn:
        return tr("Set");
    case PostsColumn:
        return tr("Posts");
    case CodersColumn:
        return tr("Coders");
    case ProgressColumn:
        return tr("Progress (labels per coder)");
    }
    return {};
}

} // namespace taxo::ui
