#include "ui/corpus/census_models.h"

#include "core/util/percent.h"

#include <QCoreApplication>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

namespace taxo::ui {
namespace {

QString count(std::int64_t value) {
    return QLocale().toString(static_cast<qlonglong>(value));
}

QString yearText(int year) {
    return year == 0 ? QCoreApplication::translate("taxo::ui::CensusYearModel", "no date")
                     : QString::number(year);
}

} // namespace

void CensusYearModel::setYears(std::vector<corpus::CensusYear> years) {
    beginResetModel();
    years_ = std::move(years);
    endResetModel();
}

int CensusYearModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(years_.size());
}

int CensusYearModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CensusYearModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const auto& y = years_[static_cast<std::size_t>(index.row())];
    if (role == Qt::TextAlignmentRole)
        return index.column() == Year
                   ? QVariant()
                   : QVariant(static_cast<int>(Qt::AlignRight | Qt::AlignVCenter));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Year:
        return yearText(y.year);
    case Questions:
        return count(y.questions);
    case Askers:
        return count(y.askers);
    case WithAccepted:
        return count(y.withAccepted);
    case ShareAccepted:
        return y.questions > 0
                   ? QString::fromStdString(util::formatShare(y.withAccepted, y.questions)) +
                         QStringLiteral(" %")
                   : QString();
    case Answers:
        return count(y.answers);
    default:
        return {};
    }
}

QVariant CensusYearModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == Askers)
        return tr("Distinct owners of the year's questions; questions of deleted accounts add "
                  "none");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Year:
        return tr("Year");
    case Questions:
        return tr("Questions");
    case Askers:
        return tr("Askers");
    case WithAccepted:
        return tr("With accepted answer");
    case ShareAccepted:
        return tr("Share accepted");
    case Answers:
        return tr("Answers");
    default:
        return {};
    }
}

void CensusTagModel::setTags(std::vector<corpus::CensusTag> tags, int firstYear, int lastYear) {
    beginResetModel();
    tags_ = std::move(tags);
    firstYear_ = firstYear;
    lastYear_ = lastYear;
    endResetModel();
}

QString CensusTagModel::tagAt(int row) const {
    if (row < 0 || row >= rowCount())
        return {};
    return QString::fromStdString(tags_[static_cast<std::size_t>(row)].tag);
}

int CensusTagModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(tags_.size());
}

int CensusTagModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CensusTagModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const auto& tag = tags_[static_cast<std::size_t>(index.row())];
    if (index.column() == Trend && role == TrendRole) {
        QVariantList values;
        for (int year = firstYear_; year <= lastYear_; ++year) {
            qlonglong value = 0;
            for (const auto& [when, questions] : tag.years)
                if (when == year)
                    value = questions;
            values.append(value);
        }
        return values;
    }
    if (index.column() == Trend && role == Qt::ToolTipRole) {
        QStringList lines;
        for (const auto& [when, questions] : tag.years)
            lines.append(tr("%1: %2").arg(yearText(when), count(questions)));
        return lines.join(QLatin1Char('\n'));
    }
    if (role == Qt::TextAlignmentRole && index.column() == Questions)
        return static_cast<int>(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    if (index.column() == Tag)
        return QString::fromStdString(tag.tag);
    if (index.column() == Questions)
        return count(tag.questions);
    return {};
}

QVariant CensusTagModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Tag:
        return tr("Tag");
    case Questions:
        return tr("Questions");
    case Trend:
        return lastYear_ >= firstYear_ && firstYear_ > 0
                   ? tr("Per year %1–%2").arg(firstYear_).arg(lastYear_)
                   : tr("Per year");
    default:
        return {};
    }
}

void CooccurrenceModel::setTags(std::vector<corpus::TagCooccurrence> tags) {
    beginResetModel();
    tags_ = std::move(tags);
    endResetModel();
}

QString CooccurrenceModel::tagAt(int row) const {
    if (row < 0 || row >= rowCount())
        return {};
    return QString::fromStdString(tags_[static_cast<std::size_t>(row)].tag);
}

int CooccurrenceModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(tags_.size());
}

int CooccurrenceModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CooccurrenceModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const auto& entry = tags_[static_cast<std::size_t>(index.row())];
    if (role == Qt::TextAlignmentRole && index.column() == Posts)
        return static_cast<int>(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    if (index.column() == Tag)
        return QString::fromStdString(entry.tag);
    if (index.column() == Posts)
        return count(entry.posts);
    return {};
}

QVariant CooccurrenceModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (section == Tag)
        return tr("Tag");
    if (section == Posts)
        return tr("Kept posts with both");
    return {};
}

void TrendDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const {
    QStyledItemDelegate::paint(painter, option, index);
    const QVariantList values = index.data(CensusTagModel::TrendRole).toList();
    if (values.size() < 2)
        return;
    qlonglong highest = 1;
    for (const QVariant& value : values)
        highest = std::max(highest, value.toLongLong());
    const QRectF area = QRectF(option.rect).adjusted(4, 3, -4, -3);
    QPainterPath line;
    for (int i = 0; i < values.size(); ++i) {
        const double x = area.left() + area.width() * i / (values.size() - 1);
        const double y = area.bottom() - area.height() *
                                             static_cast<double>(values[i].toLongLong()) /
                                             static_cast<double>(highest);
        if (i == 0)
            line.moveTo(x, y);
        else
            line.lineTo(x, y);
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const bool selected = option.state & QStyle::State_Selected;
    painter->setPen(QPen(
        selected ? option.palette.highlightedText().color() : option.palette.link().color(), 1.5));
    painter->drawPath(line);
    painter->restore();
}

QSize TrendDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(std::max(size.width(), 120));
    return size;
}

} // namespace taxo::ui
