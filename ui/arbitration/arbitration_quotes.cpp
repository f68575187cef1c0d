// The Arbitration page's quotes: each coder's quotes under their label (flagged when the
// post's text changed since), and the list of every coder's quotes the arbitrator keeps
// in the decision. Take A (B, C, ...) ticks that coder's quotes; a quote can be kept only
// for a category the decision holds (arbitration::checkKeptQuotes), so the others are
// shown greyed until their category is ticked.

#include "core/arbitration/decision_quotes.h"
#include "core/labels/quotes.h"
#include "ui/arbitration/arbitration_page.h"
#include "ui/arbitration/conflict_text.h"
#include "ui/codebook/category_checklist_model.h"
#include "ui/session/project_session.h"
#include "ui/support/qt_text.h"

#include <QLabel>
#include <QListWidget>
#include <algorithm>

namespace taxo::ui {
namespace {

// "the text of the body changed since it was quoted", or "" for an intact quote.
QString flagOf(sql::Database& db, std::int64_t postId, const labels::Quote& quote) {
    auto state = labels::quoteState(db, postId, quote);
    if (!state)
        return toQ(state.message());
    return toQ(labels::describeQuoteState(*state, quote));
}

} // namespace

QString ArbitrationPage::quotesHtml(const std::optional<labels::Label>& label) const {
    if (!label || label->content.quotes.empty() || !session()->isOpen())
        return {};
    auto& db = session()->project()->db();
    QString html = QStringLiteral("<p><i>") + tr("quotes:").toHtmlEscaped() +
                   QStringLiteral("</i></p><ul style=\"margin-left: 12px; -qt-list-indent: 0;\">");
    for (const auto& quote : label->content.quotes) {
        html += QStringLiteral("<li>“") + toQ(quote.text).toHtmlEscaped() +
                QStringLiteral("” <span style=\"color: gray;\">") +
                categoryPathText(db, quote.category).toHtmlEscaped() + QStringLiteral("</span>");
        if (const QString flag = flagOf(db, label->key.postId, quote); !flag.isEmpty())
            html += QStringLiteral(" <b>⚠ ") + flag.toHtmlEscaped() + QStringLiteral("</b>");
        html += QStringLiteral("</li>");
    }
    return html + QStringLiteral("</ul>");
}

void ArbitrationPage::reloadQuotes(const arbitration::Conflict* conflict, bool keepChecks) {
    std::vector<labels::KeptQuote> checked;
    if (keepChecks)
        checked = checkedQuotes();
    offered_.clear();
    if (conflict && session()->isOpen()) {
        auto offered = arbitration::quotesOffered(session()->project()->db(), conflict->postId);
        if (offered)
            offered_ = std::move(*offered);
        else
            setStatus(toQ(offered.message()));
    }
    // Which column each coder is, for the list's "A", "B", ...
    std::vector<std::optional<std::int64_t>> columns;
    if (conflict) {
        columns.push_back(conflict->a.label ? conflict->a.label->key.coder : std::nullopt);
        columns.push_back(conflict->b.label ? conflict->b.label->key.coder : std::nullopt);
        for (const auto& more : conflict->more)
            columns.push_back(more.label ? more.label->key.coder : std::nullopt);
    }
    loading_ = true;
    quotesList_->clear();
    for (std::size_t i = 0; i < offered_.size(); ++i) { // offered only with a conflict shown
        auto& db = session()->project()->db();
        const auto& kept = offered_[i];
        const auto column = std::find(columns.begin(), columns.end(), kept.quotedBy);
        const QString who = column == columns.end()
                                ? (kept.quotedBy ? tr("another round") : tr("pilot"))
                                : coderLetter(static_cast<std::size_t>(column - columns.begin()));
        QString text = tr("%1 · %2: “%3”")
                           .arg(who, categoryPathText(db, kept.quote.category),
                                toQ(kept.quote.text).simplified());
        const QString flag = flagOf(db, conflict->postId, kept.quote);
        if (!flag.isEmpty())
            text += QStringLiteral(" ⚠ ") + flag;
        auto* item = new QListWidgetItem(text, quotesList_);
        item->setData(Qt::UserRole, static_cast<qulonglong>(i));
        item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        item->setCheckState(std::find(checked.begin(), checked.end(), kept) != checked.end()
                                ? Qt::Checked
                                : Qt::Unchecked);
    }
    loading_ = false;
    quotesList_->setVisible(!offered_.empty());
    quotesTitle_->setVisible(!offered_.empty());
}

void ArbitrationPage::takeQuotesOf(const std::vector<const arbitration::CoderLabel*>& sides) {
    loading_ = true;
    for (int row = 0; row < quotesList_->count(); ++row) {
        auto* item = quotesList_->item(row);
        const auto& kept = offered_[item->data(Qt::UserRole).toULongLong()];
        const bool theirs = std::any_of(sides.begin(), sides.end(), [&](const auto* side) {
            return side->label && side->label->key.coder == kept.quotedBy &&
                   std::find(side->label->content.quotes.begin(), side->label->content.quotes.end(),
                             kept.quote) != side->label->content.quotes.end();
        });
        item->setCheckState(theirs ? Qt::Checked : Qt::Unchecked);
    }
    loading_ = false;
}

void ArbitrationPage::updateQuoteItems() {
    const auto leaves = special_ ? std::vector<codebook::CategoryId>{} : tree_->checkedLeaves();
    loading_ = true;
    for (int row = 0; row < quotesList_->count(); ++row) {
        auto* item = quotesList_->item(row);
        const auto& kept = offered_[item->data(Qt::UserRole).toULongLong()];
        const bool usable =
            std::find(leaves.begin(), leaves.end(), kept.quote.category) != leaves.end();
        // Greyed, not unticked: ticking its category brings the choice back as it was.
        item->setForeground(usable ? quotesList_->palette().text()
                                   : quotesList_->palette().placeholderText());
        item->setToolTip(usable ? tr("Tick to keep this quote in the decision")
                                : tr("Its category is not in the decision: tick the category "
                                     "to keep the quote"));
    }
    loading_ = false;
}

std::vector<labels::KeptQuote> ArbitrationPage::checkedQuotes() const {
    std::vector<labels::KeptQuote> checked;
    for (int row = 0; row < quotesList_->count(); ++row) {
        const auto* item = quotesList_->item(row);
        if (item->checkState() == Qt::Checked)
            checked.push_back(offered_[item->data(Qt::UserRole).toULongLong()]);
    }
    return checked;
}

std::vector<labels::KeptQuote> ArbitrationPage::keptQuotes() const {
    if (special_)
        return {};
    const auto leaves = tree_->checkedLeaves();
    auto kept = checkedQuotes();
    std::erase_if(kept, [&](const labels::KeptQuote& quote) {
        return std::find(leaves.begin(), leaves.end(), quote.quote.category) == leaves.end();
    });
    return kept;
}

} // namespace taxo::ui
