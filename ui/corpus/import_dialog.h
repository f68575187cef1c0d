#pragma once
// Import posts into the open project: pick one or more sources (Posts.xml, .7z, a dump
// folder, CSV or JSON Lines files), optionally the tags to keep, and Start. The chosen
// sources are ONE import, as `taxo import` with several files is: BigQuery's
// posts_answers meets its questions in posts_questions only so. The import runs
// on a worker thread, so the window stays responsive; the session is busy meanwhile
// (so that no second import starts; the worker has its own connection). The progress bar
// shows the share of the file read and the rows read so far, the line below it bytes,
// rows, rate and time left; Cancel leaves the project as it was (the import is one
// transaction).

#include "core/corpus/import.h"

#include <QDialog>
#include <functional>
#include <memory>

class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace taxo::ui {

class Dialogs;
class JobRunner;
class ProjectSession;

class ImportDialog final : public QDialog {
    Q_OBJECT
public:
    // The import itself; core's importSources unless a test puts something else in.
    using ImportFunction = std::function<taxo::Result<taxo::corpus::ImportReport>(
        taxo::Project&, const std::vector<std::string>&, const taxo::corpus::ImportOptions&,
        const taxo::ProgressCallback&, const taxo::CancelFlag*)>;

    ImportDialog(Dialogs& dialogs, ProjectSession* session, ImportFunction importFunction,
                 QWidget* parent = nullptr);
    ~ImportDialog() override;

    // "a, b ,c" -> {"a", "b", "c"}: commas or spaces separate, blanks are dropped.
    static std::vector<std::string> parseTags(const QString& text);

    // The sources, one path a row (editable: double-click or F2), imported in this order.
    QListWidget* sourceList() const { return sourceList_; }
    QStringList sources() const;
    void setSources(const QStringList& paths);
    QLineEdit* tagsEdit() const { return tagsEdit_; }
    QPushButton* startButton() const { return startButton_; }
    QPushButton* cancelButton() const { return cancelButton_; }
    QProgressBar* progressBar() const { return progressBar_; }
    QLabel* statusLabel() const { return statusLabel_; }
    JobRunner* runner() const { return runner_; }
    bool isRunning() const;

    // Starts the import with what the fields hold; false (with the reason shown) when
    // they are not usable.
    bool start();

signals:
    // After a successful import; the summary is what the dialog shows.
    void imported(const QString& summary);

public slots:
    void reject() override;

private:
    void addFiles();
    void addTypedPath();
    void removeSelected();
    void updateButtons();
    void showStatus(const QString& text, bool error);
    void showBarText(const QString& text);
    void growToFit();
    void onFinished(bool success, const QString& message);

    Dialogs& dialogs_;
    ProjectSession* session_;
    ImportFunction importFunction_;
    QListWidget* sourceList_;
    QLineEdit* tagsEdit_;
    QPushButton* addFilesButton_;
    QPushButton* addPathButton_;
    QPushButton* removeButton_;
    QPushButton* startButton_;
    QPushButton* cancelButton_;
    QPushButton* closeButton_;
    QProgressBar* progressBar_;
    QLabel* progressLabel_;
    QLabel* statusLabel_;
    JobRunner* runner_;
    // Written by the worker before it finishes, read after finished().
    std::shared_ptr<taxo::corpus::ImportReport> report_;
};

} // namespace taxo::ui
