#pragma once
// The Corpus page: the imported posts as a table to filter by tag and search,
// with the selected post readable beside it, and the way in for imports.

#include "ui/corpus/import_dialog.h"
#include "ui/session/page.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTabWidget;
class QTableView;
class QTimer;

namespace taxo::ui {

class CensusView;
class Dialogs;
class PostTableModel;
class PostViewer;

class CorpusPage final : public Page {
    Q_OBJECT
public:
    CorpusPage(ProjectSession* session, Dialogs& dialogs, QWidget* parent = nullptr);
    ~CorpusPage() override;

    QString title() const override;
    QString purpose() const override;
    void refresh() override;

    // Runs the filter in the tag box and search field now (typing waits a moment first).
    void applyFilter();
    // Opens the import dialog (creating it on first use) and returns it.
    ImportDialog* openImportDialog();
    // What the import dialog runs; tests put in a slow or failing import.
    void setImportFunction(ImportDialog::ImportFunction function);

    PostTableModel* model() const { return model_; }
    QTableView* table() const { return table_; }
    PostViewer* viewer() const { return viewer_; }
    QComboBox* tagBox() const { return tagBox_; }
    QLineEdit* searchEdit() const { return searchEdit_; }
    QCheckBox* ftsSyntaxBox() const { return ftsBox_; }
    QLabel* countLabel() const { return countLabel_; }
    QLabel* errorLabel() const { return errorLabel_; }
    QSplitter* splitter() const { return splitter_; }
    // The posts, and the census of every row the imports read.
    QTabWidget* tabs() const { return tabs_; }
    CensusView* censusView() const { return census_; }

private:
    void reloadTags();
    void showSelectedPost();
    void updateCount();

    Dialogs& dialogs_;
    ImportDialog::ImportFunction importFunction_;
    PostTableModel* model_;
    QPushButton* importButton_;
    QComboBox* tagBox_;
    QLineEdit* searchEdit_;
    QCheckBox* ftsBox_;
    QLabel* countLabel_;
    QLabel* errorLabel_;
    QTableView* table_;
    PostViewer* viewer_;
    QSplitter* splitter_;
    QTabWidget* tabs_;
    CensusView* census_;
    QTimer* searchDelay_;
    ImportDialog* importDialog_ = nullptr;
    bool splitterRestored_ = false;
};

} // namespace taxo::ui
