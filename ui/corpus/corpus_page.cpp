#include "ui/corpus/corpus_page.h"

#include "ui/corpus/census_view.h"
#include "ui/corpus/post_table_model.h"
#include "ui/session/project_session.h"
#include "ui/support/app_settings.h"
#include "ui/support/dialogs.h"
#include "ui/support/job_runner.h"
#include "ui/widgets/post_viewer.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace taxo::ui {
namespace {

// The tag box lists this many tags, most used first; enough for any real filter
// and still quick to build for a corpus with tens of thousands of tags.
constexpr int kTagLimit = 2000;
// Typing waits this long before searching, so each key press does not run a query.
constexpr int kSearchDelayMs = 300;
const QString kSplitterName = QStringLiteral("corpus/splitter");

} // namespace

CorpusPage::CorpusPage(ProjectSession* session, Dialogs& dialogs, QWidget* parent)
    : Page(session, parent), dialogs_(dialogs), importFunction_(&taxo::corpus::importSources),
      model_(new PostTableModel(this)) {
    setObjectName(QStringLiteral("corpusPage"));

    importButton_ = new QPushButton(tr("&Import…"), this);
    importButton_->setObjectName(QStringLiteral("importButton"));
    importButton_->setToolTip(
        tr("Import a Stack Exchange dump (Posts.xml, .7z or dump folder), CSV or JSON Lines"));

    tagBox_ = new QComboBox(this);
    tagBox_->setObjectName(QStringLiteral("tagFilter"));
    tagBox_->setMinimumContentsLength(18);
    tagBox_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    tagBox_->setMaxVisibleItems(25);
    tagBox_->setToolTip(tr("Show only posts carrying this tag"));

    searchEdit_ = new QLineEdit(this);
    searchEdit_->setObjectName(QStringLiteral("search"));
    searchEdit_->setClearButtonEnabled(true);
    searchEdit_->setPlaceholderText(tr("Search titles, bodies and tags (Ctrl+F)"));
    searchEdit_->setToolTip(tr("Every word must occur; end a word with * to match its start. "
                               "Ctrl+F jumps here."));
    auto* find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QAction::triggered, this, [this] {
        searchEdit_->setFocus();
        searchEdit_->selectAll();
    });
    addAction(find);

    ftsBox_ = new QCheckBox(tr("FTS syntax"), this);
    ftsBox_->setObjectName(QStringLiteral("ftsSyntax"));
    ftsBox_->setToolTip(tr("Search with SQLite FTS5 query syntax: AND, OR, NOT, \"phrases\", "
                           "NEAR(a b), title:word, prefix*"));

    countLabel_ = new QLabel(this);
    countLabel_->setObjectName(QStringLiteral("postCount"));
    errorLabel_ = new QLabel(this);
    errorLabel_->setObjectName(QStringLiteral("searchError"));
    errorLabel_->setWordWrap(true);
    errorLabel_->setStyleSheet(QStringLiteral("color: #c0392b;"));
    errorLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    errorLabel_->hide();

    auto* bar = new QHBoxLayout;
    bar->addWidget(importButton_);
    bar->addSpacing(12);
    bar->addWidget(new QLabel(tr("Tag:"), this));
    bar->addWidget(tagBox_);
    bar->addWidget(searchEdit_, 1);
    bar->addWidget(ftsBox_);
    bar->addWidget(countLabel_);

    table_ = new QTableView(this);
    table_->setObjectName(QStringLiteral("postTable"));
    table_->setModel(model_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setAlternatingRowColors(true);
    table_->setWordWrap(false);
    table_->setTextElideMode(Qt::ElideRight);
    table_->verticalHeader()->hide();
    // Fixed row heights keep scrolling through 100,000 rows cheap.
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    QHeaderView* header = table_->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(PostTableModel::Title, QHeaderView::Stretch);
    header->setStretchLastSection(false);
    const int digit = table_->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    // Narrow fixed columns leave the room to the title, which is what people scan.
    table_->setColumnWidth(PostTableModel::SourceId, digit * 10); // eight digits and margins
    table_->setColumnWidth(PostTableModel::Tags, digit * 16);
    table_->setColumnWidth(PostTableModel::Created, digit * 11);
    table_->setColumnWidth(PostTableModel::Owner, digit * 10);
    for (int column : {PostTableModel::Score, PostTableModel::Answers, PostTableModel::Accepted})
        table_->setColumnWidth(column, header->sectionSizeHint(column) + digit);

    // The asker is in the viewer; in the table it would take room from the titles.
    // A right click on the header shows or hides any column.
    table_->setColumnHidden(PostTableModel::Owner, true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, [this](const QPoint& pos) {
        QMenu menu;
        for (int column = 0; column < PostTableModel::ColumnCount; ++column) {
            if (column == PostTableModel::Title)
                continue;
            QAction* action = menu.addAction(model_->headerData(column, Qt::Horizontal).toString());
            action->setCheckable(true);
            action->setChecked(!table_->isColumnHidden(column));
            connect(action, &QAction::toggled, table_,
                    [this, column](bool shown) { table_->setColumnHidden(column, !shown); });
        }
        menu.exec(table_->horizontalHeader()->mapToGlobal(pos));
    });

    viewer_ = new PostViewer(this);

    splitter_ = new QSplitter(Qt::Horizontal, this);
    splitter_->setObjectName(QStringLiteral("corpusSplitter"));
    splitter_->addWidget(table_);
    splitter_->addWidget(viewer_);
    splitter_->setStretchFactor(0, 3);
    splitter_->setStretchFactor(1, 2);
    splitter_->setChildrenCollapsible(false);

    census_ = new CensusView(dialogs_, this);
    tabs_ = new QTabWidget(this);
    tabs_->setObjectName(QStringLiteral("corpusTabs"));
    tabs_->addTab(splitter_, tr("Posts"));
    tabs_->addTab(census_, tr("Census of every row read"));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(errorLabel_);
    layout->addWidget(tabs_, 1);

    searchDelay_ = new QTimer(this);
    searchDelay_->setSingleShot(true);
    searchDelay_->setInterval(kSearchDelayMs);
    connect(searchDelay_, &QTimer::timeout, this, &CorpusPage::applyFilter);
    connect(searchEdit_, &QLineEdit::textEdited, searchDelay_, qOverload<>(&QTimer::start));
    connect(searchEdit_, &QLineEdit::returnPressed, this, &CorpusPage::applyFilter);
    // The clear button changes the text without textEdited.
    connect(searchEdit_, &QLineEdit::textChanged, this, [this](const QString& text) {
        if (text.isEmpty())
            applyFilter();
    });
    connect(ftsBox_, &QCheckBox::toggled, this, &CorpusPage::applyFilter);
    connect(tagBox_, &QComboBox::activated, this, &CorpusPage::applyFilter);
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &CorpusPage::showSelectedPost);
    connect(model_, &QAbstractItemModel::rowsInserted, this, &CorpusPage::updateCount);
    connect(model_, &QAbstractItemModel::modelReset, this, &CorpusPage::updateCount);
    connect(model_, &PostTableModel::countChanged, this, [this] {
        updateCount();
        // A count can fail on its own (the project went away beneath it); say so.
        if (!model_->lastError().isEmpty()) {
            errorLabel_->setText(model_->lastError());
            errorLabel_->show();
        }
    });
    connect(model_, &PostTableModel::fetchFailed, this, [this](const QString& message) {
        errorLabel_->setText(message);
        errorLabel_->show();
    });
    connect(importButton_, &QPushButton::clicked, this, [this] { openImportDialog(); });
    connect(splitter_, &QSplitter::splitterMoved, this,
            [this] { AppSettings().setSplitterState(kSplitterName, splitter_->saveState()); });
    connect(session, &ProjectSession::aboutToClose, this, [this] {
        // The import works on the project about to go: stop it and wait for it here.
        if (importDialog_) {
            importDialog_->runner()->cancel();
            importDialog_->runner()->waitForFinished(60000);
            importDialog_->deleteLater();
            importDialog_ = nullptr;
        }
        model_->setDatabase(nullptr);
        census_->showCensus(nullptr);
        viewer_->showMessage(tr("No project is open."));
    });
    connect(session, &ProjectSession::busyChanged, this, [this](bool busy) {
        for (QWidget* widget : {static_cast<QWidget*>(importButton_),
                                static_cast<QWidget*>(tagBox_), static_cast<QWidget*>(searchEdit_),
                                static_cast<QWidget*>(ftsBox_), static_cast<QWidget*>(table_)})
            widget->setEnabled(!busy);
        if (!busy) {
            refresh();
            return;
        }
        // The worker has the connection now; the page shows nothing it would have to read.
        model_->setDatabase(nullptr);
        census_->showCensus(nullptr);
        countLabel_->setText(tr("importing…"));
        viewer_->showMessage(tr("The posts appear here when the import has finished."));
    });
}

CorpusPage::~CorpusPage() = default;

QString CorpusPage::title() const {
    return tr("Corpus");
}

QString CorpusPage::purpose() const {
    return tr("Import the Stack Exchange dump (Posts.xml, .7z or a dump folder), CSV or JSON "
              "Lines, then browse and search the posts.");
}

void CorpusPage::refresh() {
    if (!splitterRestored_) {
        splitterRestored_ = true;
        const QByteArray state = AppSettings().splitterState(kSplitterName);
        if (state.isEmpty() || !splitter_->restoreState(state))
            splitter_->setSizes({620, 380}); // proportions: room for the titles
    }
    auto* project = session()->project();
    if (!project) {
        model_->setDatabase(nullptr);
        census_->showCensus(nullptr);
        return;
    }
    if (session()->isBusy())
        return; // the connection is the worker's; busyChanged(false) refreshes
    const std::int64_t selected = viewer_->postId();
    reloadTags();
    census_->showCensus(&project->db());
    // setDatabase reloads with the current filter; the error, if any, is shown. The
    // count runs on a connection of its own, so a slow one never holds up the page.
    model_->setDatabase(&project->db(), [project] { return project->openWorkerConnection(); });
    const QString error = model_->lastError();
    errorLabel_->setText(error);
    errorLabel_->setVisible(!error.isEmpty());
    const int row = model_->rowOfPost(selected);
    if (row >= 0)
        table_->selectRow(row);
    else if (selected == 0 || model_->rowCount() == 0)
        viewer_->showMessage(model_->rowCount() == 0 ? tr("No posts to show.")
                                                     : tr("Select a post to read it."));
}

void CorpusPage::reloadTags() {
    const QString current = tagBox_->currentData().toString();
    tagBox_->clear();
    tagBox_->addItem(tr("All tags"), QString());
    auto* project = session()->project();
    if (!project)
        return;
    auto tags = taxo::corpus::tagCounts(project->db(), kTagLimit);
    if (!tags) {
        errorLabel_->setText(QString::fromStdString(tags.message()));
        errorLabel_->show();
        return;
    }
    const QLocale locale;
    for (const auto& tag : *tags) {
        const QString name = QString::fromStdString(tag.tag);
        tagBox_->addItem(
            tr("%1 (%2)").arg(name, locale.toString(static_cast<qlonglong>(tag.posts))), name);
    }
    const int index = tagBox_->findData(current);
    tagBox_->setCurrentIndex(index >= 0 ? index : 0);
}

void CorpusPage::applyFilter() {
    searchDelay_->stop();
    if (session()->isBusy())
        return;
    taxo::corpus::PostFilter filter;
    filter.tag = tagBox_->currentData().toString().toStdString();
    filter.search = searchEdit_->text().toStdString();
    filter.syntax =
        ftsBox_->isChecked() ? taxo::corpus::SearchSyntax::Fts : taxo::corpus::SearchSyntax::Words;
    const std::int64_t selected = viewer_->postId();
    const QString error = model_->setFilter(filter);
    errorLabel_->setText(error);
    errorLabel_->setVisible(!error.isEmpty());
    const int row = model_->rowOfPost(selected);
    if (row >= 0)
        table_->selectRow(row);
}

void CorpusPage::updateCount() {
    if (!session()->project() || !model_->hasDatabase()) {
        countLabel_->clear();
        return;
    }
    const qint64 total = model_->totalCount();
    if (!model_->lastError().isEmpty())
        countLabel_->clear();
    else if (!model_->countKnown())
        // The first rows are there; the number of all of them is still being counted.
        countLabel_->setText(tr("searching…"));
    else
        countLabel_->setText(total == 1 ? tr("1 post")
                                        : tr("%1 posts").arg(QLocale().toString(total)));
}

void CorpusPage::showSelectedPost() {
    const QModelIndex current = table_->selectionModel()->currentIndex();
    auto* project = session()->project();
    if (!current.isValid() || !project || session()->isBusy())
        return;
    const std::int64_t id = model_->postId(current.row());
    if (id == 0 || id == viewer_->postId())
        return;
    auto post = taxo::corpus::loadPost(project->db(), id);
    if (!post) {
        viewer_->showMessage(QString::fromStdString(post.message()));
        return;
    }
    viewer_->showPost(*post);
}

void CorpusPage::setImportFunction(ImportDialog::ImportFunction function) {
    importFunction_ = std::move(function);
}

ImportDialog* CorpusPage::openImportDialog() {
    if (!session()->project())
        return nullptr;
    if (!importDialog_) {
        importDialog_ = new ImportDialog(dialogs_, session(), importFunction_, this);
        connect(importDialog_, &ImportDialog::imported, this, [this] {
            refresh();
            session()->notifyDataChanged();
        });
    }
    importDialog_->show();
    importDialog_->raise();
    importDialog_->activateWindow();
    return importDialog_;
}

} // namespace taxo::ui
