#pragma once
// Selection: edit the rules (docs/rules.md) as a table of clauses, open and save them as
// a rules file, build the named sets and show the count after every clause, the union and
// the overlaps. The work runs off the UI thread.

#include "core/select/selection.h"
#include "core/util/progress.h"
#include "ui/session/page.h"

#include <QPointer>
#include <QThread>
#include <memory>

class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;
class QTableWidget;

namespace taxo::ui {

class Dialogs;
class RulesTableModel;
class TagExplorer;

class SelectionPage final : public Page {
    Q_OBJECT
public:
    SelectionPage(ProjectSession* session, Dialogs& dialogs, QWidget* parent = nullptr);
    ~SelectionPage() override;
    QString title() const override { return tr("Selection"); }
    QString purpose() const override {
        return tr("Build named question sets from rules on tags, keywords and required words, "
                  "with the count after every clause.");
    }
    void refresh() override;
    bool leadOnly() const override { return true; }
    // Clauses in the table that differ from the rules of the project's sets are kept
    // only if the person says to drop them.
    bool settleBeforeClose(Dialogs& dialogs) override;
    // True when the table holds clauses the project's sets were not built from.
    bool hasUnbuiltClauses() const;
    bool busy() const { return worker_ != nullptr; }
    void start();
    RulesTableModel* rulesModel() const { return rules_; }
    QTableView* rulesView() const { return rulesView_; }
    TagExplorer* tagExplorer() const { return explorer_; }
    // Adds the tag to the current clause (a new clause when the table is empty) and says so.
    void addTagToCurrentClause(const QString& tag);

private:
    Dialogs& dialogs_;
    void loadProjectRules();
    void showCounts(const std::vector<select::SetSelection>& sets);
    void openRules();
    void saveRules();

    RulesTableModel* rules_;
    QTableView* rulesView_;
    TagExplorer* explorer_;
    QLabel* rulesOrigin_;
    QString loadedFor_; // the project whose rules the table shows
    QCheckBox* force_;
    QPushButton* run_;
    QPushButton* cancel_;
    QProgressBar* progress_;
    QLabel* message_;
    QTableWidget* table_;
    QPointer<QThread> worker_;
    std::shared_ptr<CancelFlag> cancelFlag_;
};

} // namespace taxo::ui
