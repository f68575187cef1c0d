#pragma once
// The People tab of the Sampling page: add people, give and take roles (coder,
// lead, arbitrator of a root), and see each person's progress in their rounds.
// Every change is one transaction in core and an undo command on the page's stack.

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QUndoStack;

namespace taxo::ui {

class PeopleModel;
class ProjectSession;

class PeopleView final : public QWidget {
    Q_OBJECT
public:
    PeopleView(ProjectSession* session, QUndoStack* undo, QWidget* parent = nullptr);

    void refresh();
    PeopleModel* model() const { return model_; }
    // Give (or take) the role in the form to the person named in it; the outcome is
    // shown inline. Returns success.
    bool addRole();
    bool removeRole();
    QString statusText() const;

private:
    // Gives (add) or takes the role in the form, as one undo step.
    bool changeRole(bool add);
    void refreshRoots();
    // "a coder", "the arbitrator of Wallets": the role in the form, in words.
    QString roleWords() const;
    void afterChange(const QString& message);

    ProjectSession* session_;
    QUndoStack* undo_;
    PeopleModel* model_;
    QTableView* view_;
    QLineEdit* name_;
    QComboBox* role_;
    QComboBox* root_;
    QPushButton* add_;
    QPushButton* remove_;
    QLabel* status_;
};

} // namespace taxo::ui
