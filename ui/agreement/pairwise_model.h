#pragma once
// The matrix of pairwise Cohen's kappas of the Agreement page: one row and one column
// per coder, in the order core gives them, each cell the kappa of that row's coder and
// that column's over the posts both labeled. Symmetric; the diagonal is empty (a coder
// is not compared with themself).

#include "core/agreement/project_agreement.h"

#include <QAbstractTableModel>
#include <QString>
#include <vector>

namespace taxo::ui {

class PairwiseKappaModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    // The kappa as a number (nothing on the diagonal or when undefined), for tests and
    // for sorting by hand.
    static constexpr int KappaRole = Qt::UserRole;

    explicit PairwiseKappaModel(QObject* parent = nullptr);

    void setAgreement(const agreement::ProjectAgreement* agreement); // null clears

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    const agreement::CohenKappa* cell(const QModelIndex& index) const;

    std::vector<QString> coders_;
    agreement::PairwiseKappa pairs_;
};

} // namespace taxo::ui
