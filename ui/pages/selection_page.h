#pragma once
// Selection: build the named sets from a rules file (docs/rules.md) and show the
// count after every clause, the union and the overlaps. The work runs off the UI thread.

#include "pages/page.h"
#include "util/progress.h"

#include <QPointer>
#include <QThread>
#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace taxo::ui {

class SelectionPage final : public Page {
    Q_OBJECT
public:
    explicit SelectionPage(ProjectSession* session, QWidget* parent = nullptr);
    ~SelectionPage() override;
    QString title() const override { return tr("Selection"); }
    QString purpose() const override {
        return tr("Build named question sets from rules on tags, keywords and required words, "
                  "with the count after every clause.");
    }
    void refresh() override;
    bool busy() const { return worker_ != nullptr; }
    void start();

private:
    QLineEdit* rulesPath_;
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
