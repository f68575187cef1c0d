#include "ui/results/taxonomy_page.h"

#include "core/results/cooccurrence_svg.h"
#include "core/results/figure_svg.h"
#include "core/results/matrices.h"
#include "core/results/results_files.h"
#include "ui/results/figure_preview.h"
#include "ui/results/figure_render.h"
#include "ui/results/quote_list_model.h"
#include "ui/results/taxonomy_model.h"
#include "ui/session/project_session.h"
#include "ui/support/app_settings.h"
#include "ui/support/dialogs.h"
#include "ui/support/plain_text.h"
#include "ui/support/qt_text.h"

#include <QAction>
#include <QClipboard>
#include <QColor>
#include <QDir>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPalette>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <algorithm>
#include <utility>
#include <vector>

namespace taxo::ui {
namespace {

const QString kSplitterName = QStringLiteral("taxonomy/splitter");

QString number(std::int64_t value) {
    return QLocale().toString(static_cast<qlonglong>(value));
}

struct ExportGroup {
    const char* title;
    std::vector<std::pair<const char*, const char*>> formats; // format, button text
};

// Every format of `taxo export` but the exchange document (the whole project,
// which belongs to the project, not to its results).
std::vector<ExportGroup> exportGroups() {
    return {
        {QT_TRANSLATE_NOOP("taxo::ui::TaxonomyPage", "Taxonomy"),
         {{"taxonomy-json", QT_TRANSLATE_NOOP("taxo::ui::TaxonomyPage", "JSON")},
          {"csv", QT_TRANSLATE_NOOP("taxo::ui::TaxonomyPage", "CSV")},
          {"md", QT_TRANSLATE_NOOP("taxo::ui::TaxonomyPage", "Markdown")},
          {"latex", QT_TRANSLATE_NOOP("taxo::ui::TaxonomyPage", "LaTeX")}}},
        {QT_TRANSLATE_NOOP("taxo::ui::TaxonomyPage", "Figure"),
         {{"svg", QT_TRANSLATE_NOOP("taxo::ui::TaxonomyPage", "SVG")},
          {"png", QT_TRANSLATE_NOOP("taxo::ui::TaxonomyPage", "PNG (300 dpi)")},
          {"pdf", QT_TRANSLATE_NOOP("taxo::ui::TaxonomyPage", "PDF")}}},
        {QT_TRANSLATE_NOOP("taxo::ui::TaxonomyPage", "Codebook"),
         {{"qdc", QT_TRANSLATE_NOOP("taxo::ui::TaxonomyPage", "REFI-QDA (.qdc)")}}},
        {QT_TRANSLATE_NOOP("taxo::ui::TaxonomyPage", "Methods text"),
         {{"methods-md", QT_TRANSLATE_NOOP("taxo::ui::TaxonomyPage", "Markdown")},
          {"methods-latex", QT_TRANSLATE_NOOP("taxo::ui::TaxonomyPage", "LaTeX")}}},
        {QT_TRANSLATE_NOOP("taxo::ui::TaxonomyPage", "Matrices for R"),
         {{"cooccurrence-csv", QT_TRANSLATE_NOOP("taxo::ui::TaxonomyPage", "Co-occurrence (CSV)")},
          {"post-matrix-csv",
           QT_TRANSLATE_NOOP("taxo::ui::TaxonomyPage", "Posts \u00d7 categories (CSV)")}}},
        {QT_TRANSLATE_NOOP("taxo::ui::TaxonomyPage", "Quote bank"),
         {{"quotes-md", QT_TRANSLATE_NOOP("taxo::ui::TaxonomyPage", "Markdown")},
          {"quotes-latex", QT_TRANSLATE_NOOP("taxo::ui::TaxonomyPage", "LaTeX")},
          {"quotes-csv", QT_TRANSLATE_NOOP("taxo::ui::TaxonomyPage", "CSV")}}},
        {QT_TRANSLATE_NOOP("taxo::ui::TaxonomyPage", "Heat map"),
         {{"cooccurrence-svg", QT_TRANSLATE_NOOP("taxo::ui::TaxonomyPage", "SVG")},
          {"cooccurrence-png", QT_TRANSLATE_NOOP("taxo::ui::TaxonomyPage", "PNG (300 dpi)")}}},
    };
}

QString fileFilter(const QString& format) {
    const QString suffix = toQ(results::resultFileSuffix(format.toStdString()));
    return QObject::tr("%1 files (*.%2);;All files (*)").arg(suffix.toUpper(), suffix);
}

} // namespace

TaxonomyPage::TaxonomyPage(ProjectSession* session, Dialogs& dialogs, QWidget* parent)
    : Page(session, parent), dialogs_(dialogs), model_(new TaxonomyModel(this)),
      sortModel_(new QSortFilterProxyModel(this)), quoteModel_(new QuoteListModel(this)) {
    sortModel_->setSourceModel(model_);
    sortModel_->setSortRole(TaxonomyModel::SortRole);
    sortModel_->setSortCaseSensitivity(Qt::CaseInsensitive);

    auto* layout = new QVBoxLayout(this);
    splitter_ = new QSplitter(Qt::Horizontal, this);
    splitter_->setObjectName(QStringLiteral("taxonomySplitter"));
    splitter_->setChildrenCollapsible(false);
    layout->addWidget(splitter_, 1);

    // Left: the summary above the tree.
    auto* left = new QWidget(splitter_);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto* summaryBox = new QGroupBox(tr("Summary of the sampled posts"), left);
    auto* grid = new QGridLayout(summaryBox);
    grid->setColumnStretch(1, 1);
    grid->setVerticalSpacing(2);
    addSummaryRow(grid, QStringLiteral("sampled"), tr("Sampled:"));
    addSummaryRow(grid, QStringLiteral("false_positive"), tr("False positives:"));
    addSummaryRow(grid, QStringLiteral("unclear"), tr("Unclear:"));
    addSummaryRow(grid, QStringLiteral("covered"), tr("Covered:"));
    addSummaryRow(grid, QStringLiteral("unresolved"), tr("Unresolved:"));
    addSummaryRow(grid, QStringLiteral("final_from"), tr("Final labels from:"));
    summary_[QStringLiteral("sampled")]->setToolTip(
        tr("A post drawn for two sets is one sampled post and two draws."));
    summary_[QStringLiteral("unresolved")]->setToolTip(
        tr("Sampled posts with no final label yet: no consensus in the pilot, no agreement in "
           "the reliability round and no decision. Exports ask before they leave them out."));
    leftLayout->addWidget(summaryBox);

    auto* treeBar = new QHBoxLayout;
    auto* treeTitle = richLabel(tr("<b>Categories</b> (% of the covered posts of the root)"), left);
    treeBar->addWidget(treeTitle, 1);
    auto* codebookOrder = new QToolButton(left);
    codebookOrder->setObjectName(QStringLiteral("codebookOrder"));
    codebookOrder->setText(tr("Codebook order"));
    codebookOrder->setToolTip(tr("Undo the sorting: show the categories as the codebook "
                                 "orders them"));
    codebookOrder->setAutoRaise(true);
    treeBar->addWidget(codebookOrder);
    leftLayout->addLayout(treeBar);

    tree_ = new QTreeView(left);
    tree_->setObjectName(QStringLiteral("taxonomyTree"));
    tree_->setModel(sortModel_);
    tree_->setUniformRowHeights(true);
    tree_->setAlternatingRowColors(true);
    tree_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    tree_->setSelectionBehavior(QAbstractItemView::SelectRows);
    tree_->header()->setSortIndicator(-1, Qt::AscendingOrder);
    tree_->setSortingEnabled(true);
    tree_->header()->setStretchLastSection(false);
    tree_->header()->setSectionResizeMode(TaxonomyModel::NameColumn, QHeaderView::Stretch);
    for (int column :
         {TaxonomyModel::PostsColumn, TaxonomyModel::PercentColumn, TaxonomyModel::NoteColumn})
        tree_->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    // The tree above the selected category's quotes, the two sharing the height.
    auto* treeAndQuotes = new QSplitter(Qt::Vertical, left);
    treeAndQuotes->setObjectName(QStringLiteral("treeAndQuotes"));
    treeAndQuotes->setChildrenCollapsible(false);
    treeAndQuotes->addWidget(tree_);
    auto* quotesBox = new QWidget(treeAndQuotes);
    auto* quotesLayout = new QVBoxLayout(quotesBox);
    quotesLayout->setContentsMargins(0, 0, 0, 0);
    auto* quotesBar = new QHBoxLayout;
    quotesTitle_ = new QLabel(quotesBox);
    quotesTitle_->setObjectName(QStringLiteral("quotesTitle"));
    quotesTitle_->setWordWrap(true);
    quotesTitle_->setTextFormat(Qt::RichText); // the category's name is escaped
    quotesBar->addWidget(quotesTitle_, 1);
    copyCitation_ = new QAction(tr("Copy citation"), this);
    copyCitation_->setObjectName(QStringLiteral("actionCopyCitation"));
    copyCitation_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copyCitation_->setToolTip(
        tr("Copy the selected quote as a citation: \u201ctext\u201d (post "
           "4288, https://stackoverflow.com/q/4288) (%1)")
            .arg(copyCitation_->shortcut().toString(QKeySequence::NativeText)));
    copyCitation_->setEnabled(false);
    auto* copyButton = new QToolButton(quotesBox);
    copyButton->setObjectName(QStringLiteral("copyCitation"));
    copyButton->setDefaultAction(copyCitation_);
    quotesBar->addWidget(copyButton);
    quotesLayout->addLayout(quotesBar);
    quoteView_ = new QTreeView(quotesBox);
    quoteView_->setObjectName(QStringLiteral("quoteList"));
    quoteView_->setModel(quoteModel_);
    quoteView_->setRootIsDecorated(false);
    quoteView_->setUniformRowHeights(true);
    quoteView_->setAlternatingRowColors(true);
    quoteView_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    quoteView_->setSelectionBehavior(QAbstractItemView::SelectRows);
    quoteView_->setSelectionMode(QAbstractItemView::SingleSelection);
    quoteView_->setContextMenuPolicy(Qt::ActionsContextMenu);
    quoteView_->addAction(copyCitation_);
    quoteView_->header()->setStretchLastSection(false);
    quoteView_->header()->setSectionResizeMode(QuoteListModel::QuoteColumn, QHeaderView::Stretch);
    for (int column : {QuoteListModel::QuotedByColumn, QuoteListModel::FlagColumn})
        quoteView_->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    // A post's name with its title would push who quoted it out of sight: it is cut.
    quoteView_->header()->setSectionResizeMode(QuoteListModel::PostColumn,
                                               QHeaderView::Interactive);
    quoteView_->header()->resizeSection(QuoteListModel::PostColumn, 150);
    quotesLayout->addWidget(quoteView_, 1);
    treeAndQuotes->addWidget(quotesBox);
    treeAndQuotes->setStretchFactor(0, 3);
    treeAndQuotes->setStretchFactor(1, 2);
    leftLayout->addWidget(treeAndQuotes, 1);
    emptyNote_ = new QLabel(tr("No categories yet. The taxonomy grows in the Codebook page "
                               "from the pilot's initial codes; its counts come from the final "
                               "labels."),
                            left);
    emptyNote_->setObjectName(QStringLiteral("emptyNote"));
    emptyNote_->setWordWrap(true);
    emptyNote_->hide();
    leftLayout->addWidget(emptyNote_);

    // Right: the figure as it will be exported, and the co-occurrence heat maps.
    views_ = new QTabWidget(splitter_);
    views_->setObjectName(QStringLiteral("taxonomyViews"));
    preview_ = new FigurePreview(views_);
    heatMap_ = new FigurePreview(views_);
    heatMap_->setObjectName(QStringLiteral("heatMap"));
    heatMap_->setTitle(tr("<b>Co-occurrence</b> (as exported)"));
    heatMap_->setToolTip(tr("Posts whose final label holds both categories, one map per root; "
                            "the diagonal is the category's count"));
    views_->addTab(preview_, tr("Figure"));
    views_->addTab(heatMap_, tr("Co-occurrence"));
    splitter_->addWidget(left);
    splitter_->addWidget(views_);
    splitter_->setStretchFactor(0, 2);
    splitter_->setStretchFactor(1, 3);

    // Bottom, full width: every export in two rows of two groups (one row would make
    // the page wider than a 1280-pixel screen), and the outcome of the last one.
    auto* exportBox = new QGroupBox(tr("Export"), this);
    exportBox->setObjectName(QStringLiteral("exportBox"));
    auto* exportLayout = new QGridLayout(exportBox);
    exportLayout->setColumnMinimumWidth(2, 24);
    exportLayout->setColumnStretch(5, 1);
    int place = 0;
    for (const auto& group : exportGroups()) {
        const int row = place / 2;
        const int column = (place % 2) * 3;
        ++place;
        exportLayout->addWidget(new QLabel(tr(group.title) + QLatin1Char(':'), exportBox), row,
                                column);
        auto* buttons = new QHBoxLayout;
        for (const auto& [format, text] : group.formats) {
            const QString key = QString::fromLatin1(format);
            auto* button = new QPushButton(tr(text), exportBox);
            button->setObjectName(QStringLiteral("export-") + key);
            button->setToolTip(
                tr("Save as %1, as `taxo export --format %2` writes it").arg(tr(text), key));
            connect(button, &QPushButton::clicked, this, [this, key] { exportFormat(key); });
            buttons->addWidget(button);
            exportButtons_[key] = button;
        }
        buttons->addStretch(1);
        exportLayout->addLayout(buttons, row, column + 1);
    }
    layout->addWidget(exportBox);
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("exportStatus"));
    status_->setWordWrap(true);
    status_->setTextFormat(Qt::PlainText); // it may quote a post's text
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(status_);

    connect(codebookOrder, &QToolButton::clicked, this, [this] {
        tree_->header()->setSortIndicator(-1, Qt::AscendingOrder);
        sortModel_->sort(-1);
    });
    connect(tree_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { showQuotesOf(current); });
    connect(quoteView_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { copyCitation_->setEnabled(current.isValid()); });
    connect(copyCitation_, &QAction::triggered, this, [this] { copyCitation(); });
    showQuotesOf({});
    connect(splitter_, &QSplitter::splitterMoved, this,
            [this] { AppSettings().setSplitterState(kSplitterName, splitter_->saveState()); });
}

TaxonomyPage::~TaxonomyPage() = default;

void TaxonomyPage::addSummaryRow(QGridLayout* grid, const QString& key, const QString& caption) {
    const int row = grid->rowCount();
    auto* label = new QLabel(caption, grid->parentWidget());
    auto* value = new QLabel(grid->parentWidget());
    value->setObjectName(QStringLiteral("summary-") + key);
    value->setWordWrap(true);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    grid->addWidget(label, row, 0, Qt::AlignTop);
    grid->addWidget(value, row, 1);
    summary_[key] = value;
}

QLabel* TaxonomyPage::summaryValue(const QString& key) const {
    const auto found = summary_.find(key);
    return found == summary_.end() ? nullptr : found->second;
}

QPushButton* TaxonomyPage::exportButton(const QString& format) const {
    const auto found = exportButtons_.find(format);
    return found == exportButtons_.end() ? nullptr : found->second;
}

void TaxonomyPage::refresh() {
    if (!splitterRestored_) {
        splitterRestored_ = true;
        const QByteArray state = AppSettings().splitterState(kSplitterName);
        if (state.isEmpty() || !splitter_->restoreState(state))
            splitter_->setSizes({520, 620});
    }
    auto* project = session()->project();
    // The category shown, by path: the models are rebuilt, its row may have moved.
    QStringList selectedPath;
    if (const QModelIndex current = tree_->currentIndex(); current.isValid()) {
        const auto index = current.data(TaxonomyModel::CategoryIndexRole).toULongLong();
        if (index < model_->results().categories.size())
            for (const auto& name : model_->results().categories[index].path)
                selectedPath << toQ(name);
    }
    bank_ = {};
    if (!project || session()->isBusy()) {
        if (!project) {
            showQuotesOf({});
            model_->setResults({});
            preview_->setSvg({});
            heatMap_->setSvg({});
            showSummary({});
        }
        return; // busy: the connection is the worker's; busyChanged(false) refreshes
    }
    // Shown with the unresolved posts counted; only exports ask about them.
    results::ResultsOptions options;
    options.allowUnresolved = true;
    auto finals = results::finalLabels(project->db());
    auto matrix = finals ? results::computeCooccurrence(project->db(), *finals, options)
                         : Result<results::Cooccurrence>(finals.error());
    if (!matrix) {
        showQuotesOf({});
        model_->setResults({});
        preview_->setSvg({});
        heatMap_->setSvg({});
        showSummary({});
        showStatus(toQ(matrix.message()), true);
        return;
    }
    heatMap_->setSvg(QByteArray::fromStdString(results::cooccurrenceSvg(*matrix)));
    const auto* computed = &matrix->results;
    model_->setResults(*computed);
    tree_->expandAll();
    preview_->setSvg(QByteArray::fromStdString(results::figureSvg(*computed)));
    showSummary(computed->summary);
    emptyNote_->setVisible(computed->categories.empty());
    auto bank = results::quoteBankOf(project->db(), *finals, *computed);
    if (bank)
        bank_ = std::move(*bank);
    else
        showStatus(tr("Could not list the quotes: %1").arg(toQ(bank.message())), true);
    const QModelIndex again = model_->indexOfPath(selectedPath);
    if (again.isValid())
        tree_->setCurrentIndex(sortModel_->mapFromSource(again));
    showQuotesOf(tree_->currentIndex());
}

void TaxonomyPage::showQuotesOf(const QModelIndex& current) {
    std::vector<results::BankQuote> quotes;
    QString title = tr("<b>Quotes</b>: select a category to see the quotes its final labels "
                       "carry");
    if (current.isValid()) {
        const auto index = current.data(TaxonomyModel::CategoryIndexRole).toULongLong();
        const auto& categories = model_->results().categories;
        if (index < categories.size()) {
            const auto id = categories[index].category.id;
            for (const auto& entry : bank_.categories)
                if (entry.category < bank_.results.categories.size() &&
                    bank_.results.categories[entry.category].category.id == id)
                    quotes = entry.quotes;
            title = tr("<b>Quotes of %1</b> (%2)")
                        .arg(toQ(categories[index].category.name).toHtmlEscaped(),
                             number(static_cast<std::int64_t>(quotes.size())));
        }
    }
    quoteModel_->setQuotes(std::move(quotes));
    quotesTitle_->setText(title);
    copyCitation_->setEnabled(quoteView_->currentIndex().isValid());
}

bool TaxonomyPage::copyCitation() {
    const QModelIndex current = quoteView_->currentIndex();
    if (!current.isValid())
        return false;
    const QString citation = current.data(QuoteListModel::CitationRole).toString();
    QGuiApplication::clipboard()->setText(citation);
    showStatus(tr("Copied: %1").arg(citation), false);
    return true;
}

void TaxonomyPage::showSummary(const results::Summary& s) {
    summary_[QStringLiteral("sampled")]->setText(
        tr("%1 distinct posts (%2 draws over the sets' samples)")
            .arg(number(s.sampled), number(s.sampleDraws)));
    summary_[QStringLiteral("false_positive")]->setText(number(s.falsePositive));
    summary_[QStringLiteral("unclear")]->setText(number(s.unclear));
    QStringList roots;
    for (const auto& root : s.coveredPerRoot)
        roots << tr("%1 %2").arg(toQ(root.root), number(root.covered));
    summary_[QStringLiteral("covered")]->setText(
        roots.isEmpty() ? tr("no root yet")
                        : tr("%1; %2 over the roots, %3 distinct posts (%4 in two or more roots)")
                              .arg(roots.join(QStringLiteral(" · ")), number(s.coveredSum),
                                   number(s.coveredPosts), number(s.multiRootPosts)));
    auto* unresolved = summary_[QStringLiteral("unresolved")];
    unresolved->setText(s.unresolved == 0
                            ? tr("none: every sampled post has its final label")
                            : tr("%1 posts without a final label yet (agreement or arbitration "
                                 "to finish)")
                                  .arg(number(s.unresolved)));
    QFont font = unresolved->font();
    font.setBold(s.unresolved > 0);
    unresolved->setFont(font);
    summary_[QStringLiteral("final_from")]->setText(
        tr("pilot %1 · agreement %2 · decision %3")
            .arg(number(s.fromPilot), number(s.fromAgreement), number(s.fromDecision)));
}

void TaxonomyPage::showStatus(const QString& text, bool error) {
    // Inline, not a dialog: routine work needs no modal box, and the text can be copied.
    status_->setText(text);
    status_->setProperty("error", error);
    QPalette palette = this->palette();
    if (error)
        palette.setColor(QPalette::WindowText, QColor(0xb0, 0x00, 0x20));
    status_->setPalette(palette);
}

QString TaxonomyPage::suggestedPath(const QString& format) const {
    const QFileInfo project(session()->path());
    const QString kind =
        format.startsWith(QLatin1String("methods"))        ? QStringLiteral("methods")
        : format == QLatin1String("qdc")                   ? QStringLiteral("codebook")
        : format.startsWith(QLatin1String("cooccurrence")) ? QStringLiteral("cooccurrence")
        : format == QLatin1String("post-matrix-csv")       ? QStringLiteral("post-matrix")
        : format.startsWith(QLatin1String("quotes"))       ? QStringLiteral("quotes")
        : (format == QLatin1String("svg") || format == QLatin1String("png") ||
           format == QLatin1String("pdf"))
            ? QStringLiteral("figure")
            : QStringLiteral("taxonomy");
    return project.dir().filePath(project.completeBaseName() + QLatin1Char('-') + kind +
                                  QLatin1Char('.') +
                                  toQ(results::resultFileSuffix(format.toStdString())));
}

bool TaxonomyPage::exportFormat(const QString& format) {
    auto* project = session()->project();
    const std::string key = format.toStdString();
    if (!project || session()->isBusy() || !results::isResultFormat(key))
        return false;
    results::ResultsOptions options;
    // The codebook and the post matrix do not count final labels: nothing to ask.
    if (key != "qdc" && key != "post-matrix-csv") {
        // Counted now, not when the page was last drawn: labels may have come in since.
        auto finals = results::finalLabels(project->db());
        if (!finals) {
            showStatus(toQ(finals.message()), true);
            return false;
        }
        const auto unresolved = std::count_if(finals->begin(), finals->end(),
                                              [](const auto& f) { return !f.resolved(); });
        if (unresolved > 0) {
            const bool go = dialogs_.confirm(
                this, tr("Export with unresolved posts?"),
                tr("%1 sampled posts have no final label yet: the coders have not both labeled "
                   "them, or their conflict or Pending label waits for arbitration. The "
                   "export counts them as unresolved and leaves them out of every count and "
                   "percentage.\n\nExport anyway?")
                    .arg(number(unresolved)),
                tr("Export anyway"));
            if (!go) {
                showStatus(tr("Not exported: %1 posts are unresolved.").arg(number(unresolved)),
                           false);
                return false;
            }
            options.allowUnresolved = true;
        }
    }
    const QString path = dialogs_.saveFilePath(this, tr("Export %1").arg(format),
                                               suggestedPath(format), fileFilter(format));
    if (path.isEmpty())
        return false;
    auto status = results::writeResultFile(project->db(), key, path.toStdString(), options, 300,
                                           &renderFigure);
    if (!status) {
        showStatus(tr("Could not export %1: %2").arg(format, toQ(status.message())), true);
        return false;
    }
    showStatus(
        tr("Wrote %1 (%2)%3")
            .arg(QDir::toNativeSeparators(path), format,
                 options.allowUnresolved ? tr(", with unresolved posts counted apart") : QString()),
        false);
    return true;
}

} // namespace taxo::ui
