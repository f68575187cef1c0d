// The Arbitration page's coder columns: each coder's label side by side (A, B, and C,
// D, ... in a round of more than two) and taking one of them as the decision's start.

#include "core/people/people.h"
#include "ui/arbitration/arbitration_page.h"
#include "ui/arbitration/conflict_text.h"
#include "ui/codebook/category_checklist_model.h"
#include "ui/session/project_session.h"
#include "ui/support/qt_text.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

namespace taxo::ui {

void ArbitrationPage::showCoderLabels(const arbitration::Conflict* conflict) {
    for (int side = 0; side < 2; ++side) {
        const arbitration::CoderLabel* label =
            conflict ? (side == 0 ? &conflict->a : &conflict->b) : nullptr;
        const QString letter = side == 0 ? QStringLiteral("A") : QStringLiteral("B");
        const bool pilot = conflict && side == 0 && conflict->a.coder.empty();
        sides_[side]->setVisible(!(conflict && side == 1 && conflict->a.coder.empty()));
        if (!label) {
            sides_[side]->setTitle(tr("Coder %1").arg(letter));
            sideText_[side]->clear();
            continue;
        }
        // In a conflict between rounds each side is what one round settled, named by it.
        const bool rounds = conflict->reason == "rounds";
        sides_[side]->setTitle(pilot    ? tr("Pilot consensus (%1)").arg(toQ(conflict->round))
                               : rounds ? tr("Round %1 — %2").arg(letter, toQ(label->coder))
                                        : tr("Coder %1 — %2").arg(letter, toQ(label->coder)));
        sideText_[side]->setText(coderLabelHtml(session()->project()->db(), label->label) +
                                 quotesHtml(label->label));
    }
    // Coders C, D, ... of a round of more than two, each with its own Take button (the
    // shortcuts Ctrl+1 to Ctrl+6 stay those of every conflict).
    const std::size_t more = conflict ? conflict->more.size() : 0;
    while (moreSides_.size() < more) {
        const std::size_t index = moreSides_.size();
        const QString letter = coderLetter(2 + index);
        auto* box = new QGroupBox(this);
        box->setObjectName(QStringLiteral("arbitrationCoder") + letter);
        auto* text = new QLabel(box);
        text->setWordWrap(true);
        text->setTextFormat(Qt::RichText);
        text->setAlignment(Qt::AlignTop | Qt::AlignLeft);
        text->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto* take = new QToolButton(box);
        take->setObjectName(QStringLiteral("arbitrationTake") + letter);
        take->setText(tr("Take %1").arg(letter));
        take->setToolTip(tr("Decide on coder %1's label").arg(letter));
        connect(take, &QToolButton::clicked, this, [this, index] { takeMore(index); });
        auto* layout = new QVBoxLayout(box);
        layout->addWidget(text);
        layout->addStretch(1);
        layout->addWidget(take, 0, Qt::AlignLeft);
        sidesRow_->addWidget(box, 1);
        moreSides_.push_back(box);
        moreText_.push_back(text);
        takeMore_.push_back(take);
    }
    for (std::size_t index = 0; index < moreSides_.size(); ++index) {
        moreSides_[index]->setVisible(index < more);
        if (index >= more)
            continue;
        const auto& label = conflict->more[index];
        const QString letter = coderLetter(2 + index);
        moreSides_[index]->setTitle(tr("Coder %1 — %2").arg(letter, toQ(label.coder)));
        moreText_[index]->setText(coderLabelHtml(session()->project()->db(), label.label) +
                                  quotesHtml(label.label));
    }
}

QString ArbitrationPage::coderText(int side) const {
    if (side < 0 || side >= coderColumns())
        return {};
    const auto* box = side < 2 ? sides_[side] : moreSides_[static_cast<std::size_t>(side - 2)];
    const auto* text = side < 2 ? sideText_[side] : moreText_[static_cast<std::size_t>(side - 2)];
    QTextDocument document;
    document.setHtml(text->text());
    return box->title() + QLatin1Char('\n') + document.toPlainText();
}

int ArbitrationPage::coderColumns() const {
    const auto* conflict = currentConflict();
    return 2 + (conflict ? static_cast<int>(conflict->more.size()) : 0);
}

void ArbitrationPage::takeSide(const std::vector<const arbitration::CoderLabel*>& sides,
                               const QString& what) {
    const auto* conflict = currentConflict();
    if (!conflict || !inCharge(*conflict))
        return;
    std::vector<codebook::CategoryId> leaves;
    std::optional<labels::Special> special;
    for (const auto* side : sides) {
        if (!side->label)
            return;
        const auto& content = side->label->content;
        if (content.special) {
            if (content.special == labels::Special::Pending || sides.size() > 1)
                return;
            special = content.special;
        }
        leaves.insert(leaves.end(), content.categories.begin(), content.categories.end());
    }
    loading_ = true;
    tree_->setCheckedLeaves(special ? std::vector<codebook::CategoryId>{} : leaves);
    loading_ = false;
    special_ = special;
    choiceName_ = what;
    takeQuotesOf(sides); // the label's quotes come with it
    updateDecisionState();
    rationale_->setFocus(); // what is left to do: say why
}

void ArbitrationPage::takeA() {
    if (const auto* conflict = currentConflict())
        takeSide({&conflict->a}, tr("Take A"));
}

void ArbitrationPage::takeB() {
    if (const auto* conflict = currentConflict())
        takeSide({&conflict->b}, tr("Take B"));
}

void ArbitrationPage::takeBoth() {
    if (const auto* conflict = currentConflict())
        takeSide({&conflict->a, &conflict->b}, tr("Take both"));
}

void ArbitrationPage::takeMore(std::size_t index) {
    const auto* conflict = currentConflict();
    if (conflict && index < conflict->more.size())
        takeSide({&conflict->more[index]}, tr("Take %1").arg(coderLetter(2 + index)));
}

} // namespace taxo::ui
