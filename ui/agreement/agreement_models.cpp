#include "ui/agreement/agreement_models.h"

#include "core/util/percent.h"
#include "ui/support/qt_text.h"

#include <QFont>
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace taxo::ui {
namespace {

// Below every kappa (which is at least -1), so undefined rows sort together.
constexpr double kUndefinedSortValue = std::numeric_limits<double>::lowest();

QVariant sortNumber(const std::optional<double>& value) {
    return value ? *value : kUndefinedSortValue;
}

} // namespace

QString formatKappa(const std::optional<double>& value) {
    return value ? QString::number(*value, 'f', 3) : QObject::tr("undefined");
}

QColor bandColour(agreement::KappaBand band) {
    switch (band) {
    case agreement::KappaBand::Poor:
        return QColor(0xb7, 0x1c, 0x1c);
    case agreement::KappaBand::Slight:
        return QColor(0xd8, 0x43, 0x15);
    case agreement::KappaBand::Fair:
        return QColor(0xef, 0x8f, 0x00);
    case agreement::KappaBand::Moderate:
        return QColor(0x9e, 0x9d, 0x24);
    case agreement::KappaBand::Substantial:
        return QColor(0x43, 0xa0, 0x47);
    case agreement::KappaBand::AlmostPerfect:
        return QColor(0x1b, 0x5e, 0x20);
    }
    return Qt::gray;
}

KappaTableModel::KappaTableModel(QString nameHeader, QObject* parent)
    : QAbstractTableModel(parent), nameHeader_(std::move(nameHeader)) {}

void KappaTableModel::setRows(std::vector<Row> rows) {
    beginResetModel();
    rows_ = std::move(rows);
    endResetModel();
}

const KappaTableModel::Row* KappaTableModel::rowAt(int row) const {
    return row >= 0 && row < static_cast<int>(rows_.size()) ? &rows_[static_cast<std::size_t>(row)]
                                                            : nullptr;
}

int KappaTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int KappaTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KappaTableModel::fleissData(const Row& row, Column column, int role) const {
    const auto& f = *row.fleiss;
    if (role == Qt::DisplayRole) {
        switch (column) {
        case NameColumn:
            return row.name;
        case KappaColumn:
            return formatKappa(f.kappa);
        case BandColumn:
            return f.kappa ? tr(agreement::kappaBandName(agreement::landisKochBand(*f.kappa)))
                           : QString();
        case NColumn:
            return QString::number(f.n);
        default:
            return QString();
        }
    }
    if (role == SortRole) {
        if (column == NameColumn)
            return row.name;
        if (column == NColumn)
            return static_cast<qulonglong>(f.n);
        return sortNumber(f.kappa);
    }
    if (role == Qt::ToolTipRole) {
        if (!f.kappa)
            return toQ(f.undefinedReason);
        QString tip = tr("%1: Fleiss' kappa %2 over %3 coders and the %4 posts all of them "
                         "labeled")
                          .arg(row.name, formatKappa(f.kappa), QString::number(f.coders),
                               QString::number(f.n));
        if (f.zNull && f.pValueNull)
            tip +=
                tr("; z = %1, p = %2")
                    .arg(QString::number(*f.zNull, 'f', 3), QString::number(*f.pValueNull, 'g', 3));
        return tip;
    }
    if (role == Qt::TextAlignmentRole && column != NameColumn && column != BandColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && column == BandColumn && f.kappa)
        return bandColour(agreement::landisKochBand(*f.kappa));
    if (role == Qt::ForegroundRole && !f.kappa && column == KappaColumn)
        return QColor(Qt::gray);
    return {};
}

QVariant KappaTableModel::data(const QModelIndex& index, int role) const {
    const Row* row = index.isValid() ? rowAt(index.row()) : nullptr;
    if (!row)
        return {};
    const auto column = static_cast<Column>(index.column());
    if (row->fleiss)
        return fleissData(*row, column, role);
    const auto& k = row->kappa;
    if (role == Qt::DisplayRole) {
        switch (column) {
        case NameColumn:
            return row->name;
        case KappaColumn:
            return formatKappa(k.kappa);
        case CiLowColumn:
            return k.ciLow ? QString::number(*k.ciLow, 'f', 3) : QString();
        case CiHighColumn:
            return k.ciHigh ? QString::number(*k.ciHigh, 'f', 3) : QString();
        case BandColumn:
            return k.kappa ? tr(agreement::kappaBandName(agreement::landisKochBand(*k.kappa)))
                           : QString();
        case NColumn:
            return QString::number(k.n);
        case PercentColumn:
            return k.n ? QString::fromStdString(
                             util::formatShare(static_cast<std::int64_t>(k.agreements),
                                               static_cast<std::int64_t>(k.n)))
                       : QString();
        case ColumnCount:
            break;
        }
        return {};
    }
    if (role == SortRole) {
        switch (column) {
        case NameColumn:
            return row->name;
        case KappaColumn:
            return sortNumber(k.kappa);
        case CiLowColumn:
            return sortNumber(k.ciLow);
        case CiHighColumn:
            return sortNumber(k.ciHigh);
        case BandColumn: // the bands are ordered, so they sort as the kappa does
            return sortNumber(k.kappa);
        case NColumn:
            return static_cast<qulonglong>(k.n);
        case PercentColumn:
            return k.n ? QVariant(k.percentAgreement) : QVariant(kUndefinedSortValue);
        case ColumnCount:
            break;
        }
        return {};
    }
    if (role == Qt::ToolTipRole) {
        if (!k.kappa)
            return toQ(k.undefinedReason);
        return tr("%1: kappa %2 (95 % CI %3 to %4), %5 of %6 posts agree")
            .arg(row->name, formatKappa(k.kappa), QString::number(*k.ciLow, 'f', 3),
                 QString::number(*k.ciHigh, 'f', 3), QString::number(k.agreements),
                 QString::number(k.n));
    }
    if (role == Qt::TextAlignmentRole && column != NameColumn && column != BandColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && column == BandColumn && k.kappa)
        return bandColour(agreement::landisKochBand(*k.kappa));
    if (role == Qt::ForegroundRole && !k.kappa && column == KappaColumn)
        return QColor(Qt::gray);
    return {};
}

QVariant KappaTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        if (section == BandColumn)
            return tr("Landis & Koch (1977) band of the kappa");
        if (section == NColumn)
            return tr("Posts labeled by both coders");
        if (section == CiLowColumn || section == CiHighColumn)
            return tr("95 % confidence interval, not clipped to [-1, 1]");
        return {};
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return nameHeader_;
    case KappaColumn:
        return tr("Kappa");
    case CiLowColumn:
        return tr("CI low");
    case CiHighColumn:
        return tr("CI high");
    case BandColumn:
        return tr("Band");
    case NColumn:
        return tr("n");
    case PercentColumn:
        return tr("Agree %");
    default:
        return {};
    }
}

ConfusionModel::ConfusionModel(QObject* parent) : QAbstractTableModel(parent) {}

void ConfusionModel::setAgreement(const agreement::ProjectAgreement* agreement) {
    beginResetModel();
    values_.clear();
    counts_.clear();
    maximum_ = 0;
    coderA_.clear();
    coderB_.clear();
    if (agreement && agreement->coders.size() >= 2) {
        coderA_ = toQ(agreement->coders[0].name);
        coderB_ = toQ(agreement->coders[1].name);
        // One axis for both coders, in core's order of label values.
        std::map<agreement::LabelValue, Value> axis;
        const auto& cells = agreement->overall.confusion;
        for (std::size_t i = 0; i < cells.size() && i < agreement->confusion.size(); ++i) {
            const auto& named = agreement->confusion[i];
            axis.emplace(cells[i].a, Value{toQ(named.a), toQ(named.aLeaves)});
            axis.emplace(cells[i].b, Value{toQ(named.b), toQ(named.bLeaves)});
        }
        std::map<agreement::LabelValue, std::size_t> position;
        for (auto& [value, names] : axis) {
            position.emplace(value, values_.size());
            values_.push_back(std::move(names));
        }
        counts_.assign(values_.size(), std::vector<int>(values_.size(), 0));
        for (const auto& cell : cells) {
            const int count = static_cast<int>(cell.count);
            counts_[position.at(cell.a)][position.at(cell.b)] = count;
            maximum_ = std::max(maximum_, count);
        }
    }
    endResetModel();
}

int ConfusionModel::count(int row, int column) const {
    if (row < 0 || column < 0 || row >= rowCount() || column >= columnCount())
        return 0;
    return counts_[static_cast<std::size_t>(row)][static_cast<std::size_t>(column)];
}

QString ConfusionModel::valueName(int index) const {
    return index >= 0 && index < rowCount() ? values_[static_cast<std::size_t>(index)].name
                                            : QString();
}

QString ConfusionModel::valueLabel(int index) const {
    return index >= 0 && index < rowCount() ? values_[static_cast<std::size_t>(index)].label
                                            : QString();
}

int ConfusionModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(values_.size());
}

int ConfusionModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(values_.size());
}

QColor ConfusionModel::cellColour(int row, int column) const {
    const int n = count(row, column);
    if (n == 0 || maximum_ == 0)
        return row == column ? QColor(0xf1, 0xf8, 0xf1) : QColor(Qt::white);
    // Square root so that the few off-diagonal counts still show against a large
    // diagonal; agreement in green, disagreement in red.
    const double share = std::sqrt(static_cast<double>(n) / maximum_);
    const QColor strong = row == column ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28);
    const double light = 0.12 + 0.88 * share;
    auto mix = [&](int channel) {
        return static_cast<int>(255 - (255 - channel) * light);
    };
    return QColor(mix(strong.red()), mix(strong.green()), mix(strong.blue()));
}

QVariant ConfusionModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    const int n = count(index.row(), index.column());
    switch (role) {
    case Qt::DisplayRole:
        return n ? QString::number(n) : QString();
    case CountRole:
        return n;
    case Qt::BackgroundRole:
        return cellColour(index.row(), index.column());
    case Qt::ForegroundRole:
        return cellColour(index.row(), index.column()).lightnessF() < 0.55 ? QColor(Qt::white)
                                                                           : QColor(Qt::black);
    case Qt::FontRole:
        if (index.row() == index.column()) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignCenter);
    case Qt::ToolTipRole:
        return tr("%1: %2\n%3: %4\n%5")
            .arg(coderA_, valueName(index.row()), coderB_, valueName(index.column()),
                 n == 1 ? tr("1 post") : tr("%1 posts").arg(n));
    default:
        return {};
    }
}

QVariant ConfusionModel::headerData(int section, Qt::Orientation, int role) const {
    if (section < 0 || section >= rowCount())
        return {};
    if (role == Qt::DisplayRole)
        return valueLabel(section);
    if (role == Qt::ToolTipRole)
        return valueName(section);
    return {};
}

QString intervalText(const agreement::CohenKappa& kappa) {
    QString text =
        QObject::tr("95 % confidence interval %1 to %2 (standard error %3)")
            .arg(QString::number(*kappa.ciLow, 'f', 3), QString::number(*kappa.ciHigh, 'f', 3),
                 QString::number(*kappa.standardError, 'f', 3));
    if (*kappa.ciHigh > 1 || *kappa.ciLow < -1)
        text += QObject::tr("; the interval reaches past kappa's range of -1 to 1 and is shown "
                            "unclipped, as statsmodels and SAS report it, because clipping "
                            "would hide how uncertain the estimate is");
    return text;
}

} // namespace taxo::ui
