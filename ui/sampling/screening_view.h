#pragma once
// The Screening tab of the Sampling page, the lead's view of a screening round:
// kappa between the two coders with its interval, the counts, the posts (the
// disagreements first of all), and the lead's decisions. Each decision is one
// transaction in core and an undo command on the page's stack.

#include <QWidget>
#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QUndoStack;

namespace taxo::screening {
struct Report;
}

namespace taxo::ui {

class ProjectSession;
class ScreeningItemsModel;

class ScreeningView final : public QWidget {
    Q_OBJECT
public:
    ScreeningView(ProjectSession* session, QUndoStack* undo, QWidget* parent = nullptr);
    ~ScreeningView() override;

    void refresh();
    ScreeningItemsModel* model() const { return model_; }
    QString summaryText() const;
    QString statusText() const;
    void selectPost(const QString& item); // "so:12"
    // The lead's decision on the selected post: relevant, irrelevant, or (nullopt)
    // withdrawn. The outcome is shown inline. Returns success.
    bool decide(std::optional<bool> relevant);

private:
    void reload();
    void afterChange(const QString& error);

    ProjectSession* session_;
    QUndoStack* undo_;
    ScreeningItemsModel* model_;
    QComboBox* round_;
    QLabel* summary_;
    QCheckBox* disagreementsOnly_;
    QTableView* view_;
    QComboBox* lead_;
    QLineEdit* rationale_;
    QLabel* status_;
    std::unique_ptr<screening::Report> report_;
};

} // namespace taxo::ui
