#include "ui/corpus/import_dialog.h"

#include "ui/session/project_session.h"
#include "ui/support/dialogs.h"
#include "ui/support/job_runner.h"
#include "ui/support/progress_text.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QVBoxLayout>
#include <algorithm>

namespace taxo::ui {

ImportDialog::ImportDialog(Dialogs& dialogs, ProjectSession* session, ImportFunction importFunction,
                           QWidget* parent)
    : QDialog(parent), dialogs_(dialogs), session_(session),
      importFunction_(std::move(importFunction)), runner_(new JobRunner(this)) {
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Import Posts"));
    setMinimumWidth(560);

    sourceList_ = new QListWidget(this);
    sourceList_->setObjectName(QStringLiteral("importSources"));
    sourceList_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    sourceList_->setToolTip(tr("Double-click a path to edit it."));
    // A long path keeps its file name in view: the middle is elided, not scrolled away.
    sourceList_->setTextElideMode(Qt::ElideMiddle);
    sourceList_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    addFilesButton_ = new QPushButton(tr("&Add Files…"), this);
    addFilesButton_->setObjectName(QStringLiteral("importAddFiles"));
    addPathButton_ = new QPushButton(tr("Type a &Path"), this);
    addPathButton_->setObjectName(QStringLiteral("importAddPath"));
    addPathButton_->setToolTip(tr("Add a row to type a path in, e.g. a dump folder."));
    removeButton_ = new QPushButton(tr("&Remove"), this);
    removeButton_->setObjectName(QStringLiteral("importRemove"));
    auto* sourceButtons = new QVBoxLayout;
    sourceButtons->addWidget(addFilesButton_);
    sourceButtons->addWidget(addPathButton_);
    sourceButtons->addWidget(removeButton_);
    sourceButtons->addStretch(1);
    auto* sourceRow = new QHBoxLayout;
    sourceRow->addWidget(sourceList_, 1);
    sourceRow->addLayout(sourceButtons);
    auto* sourceHint = new QLabel(
        tr("Posts.xml, a .7z archive, a dump folder, .csv or .jsonl. Files listed together are "
           "one import: BigQuery's posts_answers meets its questions in posts_questions."),
        this);
    sourceHint->setWordWrap(true);
    auto* sourceBox = new QVBoxLayout;
    sourceBox->addLayout(sourceRow);
    sourceBox->addWidget(sourceHint);

    tagsEdit_ = new QLineEdit(this);
    tagsEdit_->setObjectName(QStringLiteral("importTags"));
    tagsEdit_->setPlaceholderText(tr("e.g. tensorflow, keras (empty keeps every question)"));
    tagsEdit_->setToolTip(
        tr("Keep only questions carrying any of these tags, separated by commas."));

    auto* form = new QFormLayout;
    // A label before a layout has no buddy, and then shows its '&' instead of a
    // shortcut: the list is its buddy, so Alt+S goes there.
    auto* sourceLabel = new QLabel(tr("&Sources:"), this);
    sourceLabel->setObjectName(QStringLiteral("importSourceLabel"));
    sourceLabel->setBuddy(sourceList_);
    form->addRow(sourceLabel, sourceBox);
    form->addRow(tr("&Tags:"), tagsEdit_);

    progressBar_ = new QProgressBar(this);
    progressBar_->setObjectName(QStringLiteral("importProgress"));
    progressBar_->setRange(0, 1000);
    progressBar_->setValue(0);
    progressBar_->setTextVisible(false);
    progressLabel_ = new QLabel(this);
    progressLabel_->setObjectName(QStringLiteral("importProgressText"));
    statusLabel_ = new QLabel(this);
    statusLabel_->setObjectName(QStringLiteral("importStatus"));
    statusLabel_->setWordWrap(true);
    statusLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* buttons = new QDialogButtonBox(this);
    startButton_ = buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    startButton_->setObjectName(QStringLiteral("importStart"));
    cancelButton_ = buttons->addButton(tr("Ca&ncel Import"), QDialogButtonBox::ActionRole);
    cancelButton_->setObjectName(QStringLiteral("importCancel"));
    closeButton_ = buttons->addButton(QDialogButtonBox::Close);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(progressBar_);
    layout->addWidget(progressLabel_);
    layout->addWidget(statusLabel_);
    layout->addStretch(1);
    layout->addWidget(buttons);

    connect(addFilesButton_, &QPushButton::clicked, this, &ImportDialog::addFiles);
    connect(addPathButton_, &QPushButton::clicked, this, &ImportDialog::addTypedPath);
    connect(removeButton_, &QPushButton::clicked, this, &ImportDialog::removeSelected);
    connect(startButton_, &QPushButton::clicked, this, [this] { start(); });
    connect(cancelButton_, &QPushButton::clicked, this, [this] {
        runner_->cancel();
        progressLabel_->setText(tr("Cancelling…"));
        updateButtons();
    });
    connect(closeButton_, &QPushButton::clicked, this, &ImportDialog::reject);
    // Any change of the list (added, removed, edited) clears an old message.
    const auto listChanged = [this] {
        showStatus({}, false);
        updateButtons();
    };
    connect(sourceList_->model(), &QAbstractItemModel::rowsInserted, this, listChanged);
    connect(sourceList_->model(), &QAbstractItemModel::rowsRemoved, this, listChanged);
    connect(sourceList_->model(), &QAbstractItemModel::dataChanged, this, listChanged);
    connect(sourceList_, &QListWidget::itemSelectionChanged, this, &ImportDialog::updateButtons);
    connect(runner_, &JobRunner::progressed, this, [this](const taxo::Progress& progress) {
        const int permille = progressPermille(progress);
        if (permille < 0) {
            // Busy: the total is not known, and a busy bar shows no text; the line
            // below it counts the rows.
            progressBar_->setRange(0, 0);
        } else {
            progressBar_->setRange(0, 1000);
            progressBar_->setValue(permille);
        }
        showBarText(progressBarText(progress));
        progressLabel_->setText(describeProgress(progress));
    });
    connect(runner_, &JobRunner::finished, this, &ImportDialog::onFinished);
    updateButtons();
}

ImportDialog::~ImportDialog() = default;

std::vector<std::string> ImportDialog::parseTags(const QString& text) {
    std::vector<std::string> tags;
    const QStringList parts =
        text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
    for (const QString& part : parts) {
        const std::string tag = part.trimmed().toStdString();
        if (!tag.empty() && std::find(tags.begin(), tags.end(), tag) == tags.end())
            tags.push_back(tag);
    }
    return tags;
}

bool ImportDialog::isRunning() const {
    return runner_->isRunning();
}

QStringList ImportDialog::sources() const {
    QStringList paths;
    for (int row = 0; row < sourceList_->count(); ++row) {
        const QString path = sourceList_->item(row)->text().trimmed();
        if (!path.isEmpty())
            paths << path;
    }
    return paths;
}

void ImportDialog::setSources(const QStringList& paths) {
    sourceList_->clear();
    for (const QString& path : paths) {
        auto* item = new QListWidgetItem(path, sourceList_);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
        item->setToolTip(path);
    }
}

void ImportDialog::addFiles() {
    const QStringList chosen = dialogs_.openFilePaths(
        this, tr("Import Posts"),
        tr("Posts (Posts.xml *.xml *.7z *.csv *.jsonl *.json);;All files (*)"));
    // A file already listed stays where it is; the import reads each file once.
    QStringList paths = sources();
    for (const QString& path : chosen)
        if (!paths.contains(path))
            paths << path;
    setSources(paths);
}

void ImportDialog::addTypedPath() {
    auto* item = new QListWidgetItem(QString(), sourceList_);
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    sourceList_->setCurrentItem(item, QItemSelectionModel::ClearAndSelect);
    sourceList_->editItem(item);
}

void ImportDialog::removeSelected() {
    for (QListWidgetItem* item : sourceList_->selectedItems())
        delete item;
}

void ImportDialog::updateButtons() {
    const bool running = runner_->isRunning();
    startButton_->setEnabled(!running && !sources().isEmpty());
    cancelButton_->setEnabled(running && !runner_->cancelRequested());
    closeButton_->setEnabled(!running);
    addFilesButton_->setEnabled(!running);
    addPathButton_->setEnabled(!running);
    removeButton_->setEnabled(!running && !sourceList_->selectedItems().isEmpty());
    sourceList_->setEnabled(!running);
    tagsEdit_->setEnabled(!running);
}

void ImportDialog::showBarText(const QString& text) {
    // The text is the bar's whole format: it holds no %p, %v or %m for the bar to fill in.
    progressBar_->setFormat(text);
    progressBar_->setTextVisible(!text.isEmpty());
}

void ImportDialog::showStatus(const QString& text, bool error) {
    statusLabel_->setText(text);
    statusLabel_->setForegroundRole(error ? QPalette::BrightText : QPalette::WindowText);
    statusLabel_->setStyleSheet(error ? QStringLiteral("color: #c0392b;") : QString());
    growToFit();
}

void ImportDialog::growToFit() {
    // A window's minimum size ignores the height a wrapped label needs at the window's
    // width, so a long result would be cut off at the bottom: grow (never shrink) to the
    // height the layout needs at the width it will have, within the screen.
    QLayout* box = layout();
    box->activate();
    QSize wanted = size().expandedTo(sizeHint());
    if (box->hasHeightForWidth())
        wanted.setHeight(std::max(wanted.height(), box->totalHeightForWidth(wanted.width())));
    if (const QScreen* shown = screen())
        wanted = wanted.boundedTo(shown->availableGeometry().size().expandedTo(size()));
    if (wanted != size())
        resize(wanted);
}

bool ImportDialog::start() {
    if (runner_->isRunning())
        return false;
    const QStringList paths = this->sources();
    if (paths.isEmpty()) {
        showStatus(tr("Choose a file or folder to import."), true);
        return false;
    }
    std::vector<std::string> sources;
    for (const QString& path : paths) {
        if (!QFileInfo::exists(path)) {
            showStatus(tr("There is no file or folder at %1.").arg(path), true);
            return false;
        }
        sources.push_back(QFileInfo(path).absoluteFilePath().toStdString());
    }
    taxo::corpus::ImportOptions options;
    options.tags = parseTags(tagsEdit_->text());
    taxo::Project* project = session_->project();
    if (!project || session_->isBusy()) {
        showStatus(project ? tr("Other work on the project is still running.")
                           : tr("No project is open."),
                   true);
        return false;
    }
    auto report = std::make_shared<taxo::corpus::ImportReport>();
    report_ = report;
    ImportFunction importFunction = importFunction_;

    // The worker gets its own connection, sharing the window's writer lock, so the UI
    // thread can keep reading; the session is busy so that no second import starts.
    auto connection = project->openWorkerConnection();
    if (!connection) {
        showStatus(QString::fromStdString(connection.message()), true);
        return false;
    }
    auto worker = std::make_shared<taxo::Project>(std::move(*connection));
    session_->setBusy(true);
    const bool started =
        runner_->start([worker, sources, options, report, importFunction](
                           const taxo::ProgressCallback& progress,
                           const taxo::CancelFlag* cancel) -> taxo::Result<std::string> {
            auto result = importFunction(*worker, sources, options, progress, cancel);
            if (!result)
                return result.error();
            *report = std::move(*result);
            return std::string();
        });
    if (!started) {
        session_->setBusy(false);
        return false;
    }
    showStatus({}, false);
    progressBar_->setRange(0, 0);
    showBarText({});
    progressLabel_->setText(tr("Starting…"));
    updateButtons();
    return true;
}

void ImportDialog::onFinished(bool success, const QString& message) {
    session_->setBusy(false);
    progressBar_->setRange(0, 1000);
    updateButtons();
    if (!success) {
        progressBar_->setValue(0);
        showBarText({});
        progressLabel_->clear();
        if (JobRunner::isCancelledMessage(message))
            showStatus(tr("Import cancelled; the project is unchanged."), false);
        else
            showStatus(tr("Import failed; the project is unchanged.\n%1").arg(message), true);
        return;
    }
    progressBar_->setValue(1000);
    const QLocale locale;
    const auto& r = *report_;
    taxo::Progress whole;
    whole.done = whole.total = 1;
    whole.items = static_cast<std::uint64_t>(std::max<std::int64_t>(r.rowsRead, 0));
    showBarText(progressBarText(whole));
    QString summary =
        tr("Imported %1 questions, %2 answers and %3 comments in %4.")
            .arg(locale.toString(static_cast<qlonglong>(r.questions)),
                 locale.toString(static_cast<qlonglong>(r.answers)),
                 locale.toString(static_cast<qlonglong>(r.comments)), describeDuration(r.seconds));
    if (r.alreadyPresent > 0)
        summary += QLatin1Char(' ') +
                   tr("%1 questions were already in the project and were left as they were.")
                       .arg(locale.toString(static_cast<qlonglong>(r.alreadyPresent)));
    QStringList skipped;
    for (const auto& [reason, count] : r.skipped)
        skipped << tr("%1: %2").arg(QString::fromStdString(reason),
                                    locale.toString(static_cast<qlonglong>(count)));
    if (!skipped.isEmpty())
        summary +=
            QLatin1Char('\n') + tr("Rows not kept — %1").arg(skipped.join(QStringLiteral("; ")));
    progressLabel_->clear();
    showStatus(summary, false);
    emit imported(summary);
}

void ImportDialog::reject() {
    // Closing while the import runs would leave it running unseen: cancel it first.
    if (runner_->isRunning()) {
        runner_->cancel();
        updateButtons();
        return;
    }
    QDialog::reject();
}

} // namespace taxo::ui
