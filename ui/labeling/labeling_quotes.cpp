// The Coding page's quotes: a passage selected in the post attached to a ticked category
// as its evidence (Ctrl+E or the post's context menu), the label's quotes listed under
// it, removed with Delete and shown in the post with Enter or a double click. Each
// attach and removal is a save of the label like any other: one transaction, one undo
// step. Core finds the passage's place (corpus::locatePassage) and owns every rule.
#include "core/corpus/post_parts.h"
#include "ui/codebook/category_checklist_model.h"
#include "ui/labeling/labeling_page.h"
#include "ui/labeling/quotes_model.h"
#include "ui/session/project_session.h"
#include "ui/support/dialogs.h"
#include "ui/support/qt_text.h"
#include "ui/widgets/post_viewer.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QStandardItem>
#include <QTableView>
#include <QTextDocument>
#include <QTreeView>
#include <QVBoxLayout>
#include <algorithm>

namespace taxo::ui {
namespace {

// A passage as a message names it: one line, cut with "…" past about 40 characters.
QString passageText(const std::string& text) {
    constexpr int kShown = 40;
    const QString line = QuotesModel::oneLine(text);
    if (line.size() <= kShown)
        return line;
    return line.left(kShown).trimmed() + QStringLiteral("…");
}

bool samePlace(const corpus::PassageLocation& place, const labels::Quote& quote) {
    return place.part == quote.part && place.partSourceId == quote.partSourceId &&
           place.start == quote.start && place.end == quote.end;
}

} // namespace

void LabelingPage::buildQuotesView() {
    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* heading = new QLabel(tr("Quotes: select a passage in the post and press Ctrl+E"), box);
    heading->setObjectName(QStringLiteral("labelingQuotesHeading"));
    heading->setWordWrap(true);
    layout->addWidget(heading);
    layout->addWidget(quotesView_);
    quotesView_->setParent(box);
    quotesView_->setObjectName(QStringLiteral("labelingQuotes"));
    quotesView_->setModel(quotesModel_);
    quotesView_->setSelectionBehavior(QAbstractItemView::SelectRows);
    quotesView_->setSelectionMode(QAbstractItemView::SingleSelection);
    quotesView_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    quotesView_->verticalHeader()->hide();
    quotesView_->setWordWrap(false);
    quotesView_->setTextElideMode(Qt::ElideRight);
    // A category's whole path would take the row: it is cut, the quote keeps the room.
    quotesView_->horizontalHeader()->setSectionResizeMode(QuotesModel::CategoryColumn,
                                                          QHeaderView::Interactive);
    quotesView_->horizontalHeader()->resizeSection(QuotesModel::CategoryColumn, 180);
    quotesView_->horizontalHeader()->setSectionResizeMode(QuotesModel::TextColumn,
                                                          QHeaderView::Stretch);
    quotesView_->horizontalHeader()->setSectionResizeMode(QuotesModel::PlaceColumn,
                                                          QHeaderView::ResizeToContents);
    // A few rows: the tree above is what the coder works in most.
    quotesView_->setMaximumHeight(130);

    // The actions act on the list alone (a widget shortcut), so Delete elsewhere on the
    // page, in a field for instance, stays the field's.
    auto* remove = new QAction(tr("Remove quote"), quotesView_);
    remove->setObjectName(QStringLiteral("actionRemoveQuote"));
    remove->setShortcut(QKeySequence(Qt::Key_Delete));
    remove->setShortcutContext(Qt::WidgetShortcut);
    connect(remove, &QAction::triggered, this, [this] { removeQuote(currentQuoteRow()); });
    auto* show = new QAction(tr("Show in the post"), quotesView_);
    show->setObjectName(QStringLiteral("actionShowQuote"));
    connect(show, &QAction::triggered, this, [this] { showQuote(currentQuoteRow()); });
    quotesView_->addActions({show, remove});
    quotesView_->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(quotesView_, &QAbstractItemView::doubleClicked, this,
            [this](const QModelIndex& index) { showQuote(index.row()); });

    QAction* quote = makeAction(QStringLiteral("actionQuoteSelection"), tr("Quote selection"),
                                {QKeySequence(Qt::CTRL | Qt::Key_E)});
    connect(quote, &QAction::triggered, this, [this] { quoteSelection(); });
    labelActions_ << quote;
    viewer_->setExtraContextActions({quote});
}

int LabelingPage::currentQuoteRow() const {
    const QModelIndex current = quotesView_->currentIndex();
    return current.isValid() ? current.row() : -1;
}

QString LabelingPage::categoryPathText(codebook::CategoryId id) const {
    QStringList path;
    for (const auto& entry : tree_) {
        while (path.size() > entry.depth)
            path.removeLast();
        path << toQ(entry.category.name);
        if (entry.category.id == id)
            return path.join(QStringLiteral(" › "));
    }
    return tr("category %1").arg(id);
}

void LabelingPage::reloadQuotes() {
    std::vector<QuoteRow> rows;
    const auto key = currentKey();
    const auto content = contentFromWidgets();
    for (const auto& quote : key ? content.quotes : std::vector<labels::Quote>{}) {
        auto state = labels::quoteState(session()->project()->db(), key->postId, quote);
        if (!state)
            showError(toQ(state.message()));
        rows.push_back(
            {quote, categoryPathText(quote.category), state ? *state : labels::QuoteState::Intact});
    }
    // In the post's order, as the coder reads it.
    std::stable_sort(rows.begin(), rows.end(), [](const QuoteRow& a, const QuoteRow& b) {
        return labels::quoteOrder(a.quote, b.quote);
    });
    quotesModel_->setRows(std::move(rows));
}

QString LabelingPage::droppedQuotesText(const labels::LabelContent& before,
                                        const labels::LabelContent& after) const {
    QStringList parts;
    for (const auto id : before.categories) {
        if (std::binary_search(after.categories.begin(), after.categories.end(), id))
            continue;
        const auto count = std::count_if(before.quotes.begin(), before.quotes.end(),
                                         [id](const labels::Quote& q) { return q.category == id; });
        if (count == 1)
            parts << tr("unticked %1 and its quote").arg(categoryPathText(id));
        else if (count > 1)
            parts << tr("unticked %1 and its %2 quotes")
                         .arg(categoryPathText(id), QString::number(count));
    }
    QString text = parts.join(QStringLiteral("; "));
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

std::optional<codebook::CategoryId> LabelingPage::chooseQuoteCategory() {
    const auto ticked = checklist_->checkedLeaves();
    if (currentSpecial_ || ticked.empty()) {
        showError(tr("Tick the category this passage is evidence for first."));
        return std::nullopt;
    }
    if (ticked.size() == 1)
        return ticked.front();
    // The ticked leaves in the tree's order, the one under the keyboard cursor first:
    // most often the coder has just ticked it.
    std::vector<codebook::CategoryId> offered;
    for (QStandardItem* leaf : checklist_->leaves())
        if (leaf->checkState() == Qt::Checked)
            offered.push_back(CategoryChecklistModel::idOf(*leaf));
    if (QStandardItem* current = checklist_->itemFromIndex(categories_->currentIndex())) {
        const auto at =
            std::find(offered.begin(), offered.end(), CategoryChecklistModel::idOf(*current));
        if (at != offered.end())
            std::rotate(offered.begin(), at, at + 1);
    }
    QStringList names;
    for (const auto id : offered)
        names << categoryPathText(id);
    const int chosen =
        dialogs_.chooseItem(this, tr("Quote selection"), tr("The passage is evidence for:"), names);
    if (chosen < 0 || chosen >= static_cast<int>(offered.size())) {
        showError(tr("Not quoted: no category was chosen."));
        return std::nullopt;
    }
    return offered[static_cast<std::size_t>(chosen)];
}

bool LabelingPage::quoteSelection() {
    const auto key = currentKey();
    if (!key || screeningMode_)
        return false;
    auto& db = session()->project()->db();
    auto post = corpus::loadPost(db, key->postId);
    if (!post) {
        showError(toQ(post.message()));
        return false;
    }
    // Where the passage is comes from core, which knows each part's plain text; the
    // selection's place on screen tells apart two occurrences of the same words.
    const QString selected = viewer_->textCursor().selectedText();
    auto place = corpus::locatePassage(corpus::postParts(*post), selected.toStdString(),
                                       viewer_->selectionPlace());
    if (!place) {
        showError(tr("Not quoted: %1.").arg(toQ(place.message())));
        return false;
    }
    const auto category = chooseQuoteCategory();
    if (!category)
        return false;
    const auto quote = labels::quoteOfPassage(*place, *category);
    auto content = contentFromWidgets();
    if (std::find(content.quotes.begin(), content.quotes.end(), quote) != content.quotes.end()) {
        showError(
            tr("Already quoted: this passage is a quote for %1.").arg(categoryPathText(*category)));
        return false;
    }
    content.quotes.push_back(quote);
    return saveContent(
        content,
        tr("Quoted “%1” for %2").arg(passageText(quote.text), categoryPathText(*category)));
}

bool LabelingPage::removeQuote(int row) {
    if (row < 0 || row >= quotesModel_->rowCount())
        return false;
    const auto quote = quotesModel_->rows()[static_cast<std::size_t>(row)].quote;
    auto content = contentFromWidgets();
    const auto at = std::find(content.quotes.begin(), content.quotes.end(), quote);
    if (at == content.quotes.end())
        return false;
    content.quotes.erase(at);
    if (!saveContent(content, tr("Removed the quote “%1” for %2")
                                  .arg(passageText(quote.text), categoryPathText(quote.category))))
        return false;
    // The keyboard stays on the list, at the row that took the removed one's place.
    const int next = std::min(row, quotesModel_->rowCount() - 1);
    if (next >= 0)
        quotesView_->setCurrentIndex(quotesModel_->index(next, QuotesModel::TextColumn));
    return true;
}

bool LabelingPage::showQuote(int row) {
    const auto key = currentKey();
    if (!key || row < 0 || row >= quotesModel_->rowCount())
        return false;
    const auto& shown = quotesModel_->rows()[static_cast<std::size_t>(row)];
    if (shown.state != labels::QuoteState::Intact) {
        // A flagged quote has no place in the post as it is now: say so, select nothing.
        showError(
            tr("Not shown: %1.").arg(toQ(labels::describeQuoteState(shown.state, shown.quote))));
        return false;
    }
    auto post = corpus::loadPost(session()->project()->db(), key->postId);
    if (!post) {
        showError(toQ(post.message()));
        return false;
    }
    // The occurrence core places exactly where the quote is: the same words elsewhere
    // in the post are passed over.
    const auto parts = corpus::postParts(*post);
    const int count = viewer_->document()->characterCount();
    const bool found =
        viewer_->selectPassage(toQ(shown.quote.text), [&](const QTextCursor& cursor) {
            auto place = corpus::locatePassage(
                parts, cursor.selectedText().toStdString(),
                count > 0 ? static_cast<double>(cursor.selectionStart()) / count : 0.0);
            return place && samePlace(*place, shown.quote);
        });
    if (!found)
        showError(tr("Not shown: the passage is not in the text shown (a long post is cut)."));
    return found;
}

} // namespace taxo::ui
