#include "ui/agreement/pairwise_model.h"

#include "ui/agreement/agreement_models.h"
#include "ui/support/qt_text.h"

namespace taxo::ui {

PairwiseKappaModel::PairwiseKappaModel(QObject* parent) : QAbstractTableModel(parent) {}

void PairwiseKappaModel::setAgreement(const agreement::ProjectAgreement* agreement) {
    beginResetModel();
    coders_.clear();
    pairs_ = {};
    if (agreement) {
        for (const auto& name : agreement->pairwiseCoders)
            coders_.push_back(toQ(name));
        pairs_ = agreement->pairwise;
    }
    endResetModel();
}

int PairwiseKappaModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(coders_.size());
}

int PairwiseKappaModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(coders_.size());
}

const agreement::CohenKappa* PairwiseKappaModel::cell(const QModelIndex& index) const {
    if (!index.isValid() || index.row() < 0 || index.column() < 0)
        return nullptr;
    return pairs_.find(static_cast<std::size_t>(index.row()),
                       static_cast<std::size_t>(index.column()));
}

QVariant PairwiseKappaModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    const auto* kappa = cell(index);
    switch (role) {
    case Qt::DisplayRole:
        return kappa ? formatKappa(kappa->kappa) : QStringLiteral("–");
    case KappaRole:
        return kappa && kappa->kappa ? QVariant(*kappa->kappa) : QVariant();
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::Alignment(Qt::AlignCenter));
    case Qt::ToolTipRole: {
        if (!kappa)
            return {};
        const QString who = tr("%1 and %2")
                                .arg(coders_[static_cast<std::size_t>(index.row())],
                                     coders_[static_cast<std::size_t>(index.column())]);
        if (!kappa->kappa)
            return tr("%1: %2").arg(who, toQ(kappa->undefinedReason));
        return tr("%1: κ = %2, %3; %4 posts labeled by both")
            .arg(who, formatKappa(kappa->kappa), intervalText(*kappa))
            .arg(kappa->n);
    }
    case Qt::BackgroundRole:
        if (kappa && kappa->kappa) {
            QColor colour = bandColour(agreement::landisKochBand(*kappa->kappa));
            colour.setAlpha(70);
            return colour;
        }
        return {};
    default:
        return {};
    }
}

QVariant PairwiseKappaModel::headerData(int section, Qt::Orientation, int role) const {
    if (role != Qt::DisplayRole || section < 0 || section >= static_cast<int>(coders_.size()))
        return {};
    return coders_[static_cast<std::size_t>(section)];
}

} // namespace taxo::ui
