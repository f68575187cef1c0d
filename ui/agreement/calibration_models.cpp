#include "ui/agreement/calibration_models.h"

#include "ui/support/qt_text.h"

#include <QLocale>

namespace taxo::ui {

CalibrationCategoryModel::CalibrationCategoryModel(QObject* parent) : QAbstractTableModel(parent) {}

void CalibrationCategoryModel::setCategories(
    std::vector<agreement::CalibrationCategory> categories) {
    beginResetModel();
    categories_ = std::move(categories);
    endResetModel();
}

int CalibrationCategoryModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(categories_.size());
}

int CalibrationCategoryModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CalibrationCategoryModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const auto& category = categories_[static_cast<std::size_t>(index.row())];
    const bool sort = role == SortRole;
    if (role != Qt::DisplayRole && !sort) {
        if (role == Qt::TextAlignmentRole && index.column() != CategoryColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    }
    switch (static_cast<Column>(index.column())) {
    case CategoryColumn:
        return toQ(category.path);
    case BothColumn:
        return sort ? QVariant(static_cast<qulonglong>(category.both))
                    : QVariant(QLocale().toString(static_cast<qulonglong>(category.both)));
    case CoderOnlyColumn:
        return sort ? QVariant(static_cast<qulonglong>(category.coderOnly))
                    : QVariant(QLocale().toString(static_cast<qulonglong>(category.coderOnly)));
    case ConsensusOnlyColumn:
        return sort ? QVariant(static_cast<qulonglong>(category.consensusOnly))
                    : QVariant(QLocale().toString(static_cast<qulonglong>(category.consensusOnly)));
    case AgreementColumn:
        return sort ? QVariant(category.positiveAgreement)
                    : QVariant(QString::number(category.positiveAgreement, 'f', 3));
    case ColumnCount:
        break;
    }
    return {};
}

QVariant CalibrationCategoryModel::headerData(int section, Qt::Orientation orientation,
                                              int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == AgreementColumn)
        return tr("Specific positive agreement 2a / (2a + b + c): a posts where both hold the "
                  "category, b only the coder, c only the consensus");
    if (role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case CategoryColumn:
        return tr("Category");
    case BothColumn:
        return tr("Both");
    case CoderOnlyColumn:
        return tr("Coder only");
    case ConsensusOnlyColumn:
        return tr("Consensus only");
    case AgreementColumn:
        return tr("Positive agreement");
    case ColumnCount:
        break;
    }
    return {};
}

CalibrationDifferenceModel::CalibrationDifferenceModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void CalibrationDifferenceModel::setDifferences(
    std::vector<agreement::CalibrationDifference> differences, const QString& coder) {
    beginResetModel();
    differences_ = std::move(differences);
    coder_ = coder;
    endResetModel();
    emit headerDataChanged(Qt::Horizontal, CoderColumn, CoderNoteColumn);
}

int CalibrationDifferenceModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(differences_.size());
}

int CalibrationDifferenceModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CalibrationDifferenceModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount ||
        (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    const auto& difference = differences_[static_cast<std::size_t>(index.row())];
    switch (static_cast<Column>(index.column())) {
    case PostColumn:
        return toQ(difference.item);
    case TitleColumn:
        return toQ(difference.title);
    case ConsensusColumn:
        return toQ(difference.consensus);
    case ConsensusNoteColumn:
        return toQ(difference.consensusNote);
    case CoderColumn:
        return toQ(difference.coderLabel);
    case CoderNoteColumn:
        return toQ(difference.coderNote);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant CalibrationDifferenceModel::headerData(int section, Qt::Orientation orientation,
                                                int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    const QString coder = coder_.isEmpty() ? tr("Coder") : coder_;
    switch (static_cast<Column>(section)) {
    case PostColumn:
        return tr("Post");
    case TitleColumn:
        return tr("Title");
    case ConsensusColumn:
        return tr("Pilot consensus");
    case ConsensusNoteColumn:
        return tr("Consensus note");
    case CoderColumn:
        return tr("%1's label").arg(coder);
    case CoderNoteColumn:
        return tr("%1's note").arg(coder);
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace taxo::ui
