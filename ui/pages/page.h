#pragma once
// One page of the method's navigation. A page knows the shared session and
// refreshes itself when the project changes.

#include <QWidget>

namespace taxo::ui {

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

protected:
    ProjectSession* session() const { return session_; }

private:
    ProjectSession* session_;
};

// A page a later piece of work fills in; until then it says what it will do.
class PlaceholderPage final : public Page {
    Q_OBJECT
public:
    PlaceholderPage(ProjectSession* session, QString title, QString purpose,
                    QWidget* parent = nullptr);
    QString title() const override { return title_; }
    QString purpose() const override { return purpose_; }

private:
    QString title_;
    QString purpose_;
};

} // namespace taxo::ui
