#pragma once
// The Taxonomy page (the study's step 5): the taxonomy with a count and a
// percentage on every category, the summary of the sampled posts, a live preview
// of the paper figure and of the categories' co-occurrence heat maps, and the exports
// of `taxo export`, written by the same core code. Everything shown is computed by core from the
// final labels.

#include "core/results/quote_bank.h"
#include "core/results/taxonomy_results.h"
#include "ui/session/page.h"

#include <QString>
#include <map>

class QGridLayout;
class QAction;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;
class QTreeView;

namespace taxo::ui {

class Dialogs;
class FigurePreview;
class QuoteListModel;
class TaxonomyModel;

class TaxonomyPage final : public Page {
    Q_OBJECT
public:
    TaxonomyPage(ProjectSession* session, Dialogs& dialogs, QWidget* parent = nullptr);
    ~TaxonomyPage() override;

    QString title() const override { return tr("Taxonomy"); }
    QString purpose() const override {
        return tr("The three-level taxonomy with a count and a percentage on every category, "
                  "and the figure for the paper.");
    }
    void refresh() override;

    // Writes one of results::resultFormats() to a file chosen through the Dialogs
    // seam. While posts are unresolved it first asks whether to export anyway (the
    // command line's --allow-unresolved). The outcome is shown under the buttons.
    bool exportFormat(const QString& format);

    TaxonomyModel* model() const { return model_; }
    QSortFilterProxyModel* sortModel() const { return sortModel_; }
    QTreeView* tree() const { return tree_; }
    FigurePreview* preview() const { return preview_; }
    // The co-occurrence heat maps (one per root), in the tab beside the figure.
    FigurePreview* heatMap() const { return heatMap_; }
    QTabWidget* views() const { return views_; }
    QLabel* statusLabel() const { return status_; }
    QPushButton* exportButton(const QString& format) const;
    // The summary's value labels by key: sampled, false_positive, unclear,
    // covered, unresolved, final_from.
    QLabel* summaryValue(const QString& key) const;

    // The final quotes of the category selected in the tree (docs/results.md, "Quote
    // bank"), and the action that copies the selected one as a citation (Ctrl+Shift+C).
    QuoteListModel* quoteModel() const { return quoteModel_; }
    QTreeView* quoteView() const { return quoteView_; }
    QAction* copyCitationAction() const { return copyCitation_; }
    QLabel* quotesTitle() const { return quotesTitle_; }
    // Puts the selected quote's citation on the clipboard; false when none is selected.
    bool copyCitation();

private:
    void addSummaryRow(QGridLayout* grid, const QString& key, const QString& caption);
    void showSummary(const results::Summary& summary);
    void showStatus(const QString& text, bool error);
    QString suggestedPath(const QString& format) const;
    void showQuotesOf(const QModelIndex& current);

    Dialogs& dialogs_;
    TaxonomyModel* model_;
    QSortFilterProxyModel* sortModel_;
    QTreeView* tree_;
    FigurePreview* preview_;
    FigurePreview* heatMap_;
    QTabWidget* views_;
    QSplitter* splitter_;
    QLabel* emptyNote_;
    QLabel* status_;
    std::map<QString, QLabel*> summary_;
    std::map<QString, QPushButton*> exportButtons_;
    QuoteListModel* quoteModel_;
    QTreeView* quoteView_;
    QAction* copyCitation_;
    QLabel* quotesTitle_;
    results::QuoteBank bank_;
    bool splitterRestored_ = false;
};

} // namespace taxo::ui
