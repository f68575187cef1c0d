#pragma once
// The Taxonomy page (the study's step 5): the taxonomy with a count and a
// percentage on every category, the summary of the sampled posts, a live preview
// of the paper figure and of the categories' co-occurrence heat maps, and the exports
// of `taxo export`, written by the same core code. Everything shown is computed by core from the
// final labels.

#include "core/results/taxonomy_results.h"
#include "ui/session/page.h"

#include <QString>
#include <map>

class QGridLayout;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;
class QTreeView;

namespace taxo::ui {

class Dialogs;
class FigurePreview;
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

private:
    void addSummaryRow(QGridLayout* grid, const QString& key, const QString& caption);
    void showSummary(const results::Summary& summary);
    void showStatus(const QString& text, bool error);
    QString suggestedPath(const QString& format) const;

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
    bool splitterRestored_ = false;
};

} // namespace taxo::ui
