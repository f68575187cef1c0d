#pragma once
// One page of the method's navigation. A page knows the shared session and
// refreshes itself when the project changes.

#include <QWidget>

namespace taxo::ui {

class Dialogs;
class ProjectSession;

class Page : public QWidget {
    Q_OBJECT
public:
    Page(ProjectSession* session, QWidget* parent = nullptr);

    // The label in the navigation list and the page's one-line purpose.
    virtual QString title() const = 0;
    virtual QString purpose() const = 0;
    // Called when the project opens or its data changes.
    virtual void refresh() {}
    // Before the project closes (Close Project, Quit, the window closed, another project
    // opened): the page saves what it holds unsaved, or asks through `dialogs`. False when
    // the person chose to keep working; nothing is closed then.
    virtual bool settleBeforeClose(Dialogs& dialogs) {
        (void)dialogs;
        return true;
    }

    // Pages whose changes are the lead's alone (the codebook, the sets, the samples):
    // in a package they are read-only.
    virtual bool leadOnly() const { return false; }
    // Read-only for the reason (one line, which the window shows above the page), or
    // editable when empty. The whole page is disabled: a page cannot enable a widget
    // again under a disabled parent, so no later refresh makes an edit possible.
    void setReadOnlyReason(const QString& reason);
    QString readOnlyReason() const { return readOnlyReason_; }

protected:
    ProjectSession* session() const { return session_; }

private:
    ProjectSession* session_;
    QString readOnlyReason_;
};

} // namespace taxo::ui
