#pragma once

#include "ui/session/page.h"

class QGridLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

namespace taxo::ui {

// The study at a glance: each phase of the method with its state and its numbers
// (computed by core/project/study_status), and the next thing to do, one click away.
class HomePage final : public Page {
    Q_OBJECT
public:
    explicit HomePage(ProjectSession* session, QWidget* parent = nullptr);
    QString title() const override { return tr("Home"); }
    QString purpose() const override { return tr("The study at a glance."); }
    void refresh() override;

    // The page the next step names ("Coding"); empty before the first refresh.
    QString nextPage() const { return nextPage_; }
    // Renames the study (one transaction and one undo step); false with the reason
    // shown under the heading when core refuses.
    bool renameProject(const QString& title);

signals:
    // A page to show, by its navigation title: the next step's or a phase's.
    void pageRequested(const QString& title);

private:
    void clearGrid(QGridLayout* grid);
    bool eventFilter(QObject* watched, QEvent* event) override;
    void startRename();
    void endRename();
    void finishRename();

    QLabel* heading_;
    QLineEdit* titleEdit_;
    QToolButton* renameButton_;
    QLabel* titleStatus_;
    QLabel* identity_;
    QLabel* nextText_;
    QPushButton* nextButton_;
    QGridLayout* phases_;
    QGridLayout* sets_;
    QGridLayout* rounds_;
    QLabel* error_;
    QString nextPage_;
};

} // namespace taxo::ui
