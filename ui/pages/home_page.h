#pragma once

#include "pages/page.h"

class QLabel;
class QFormLayout;

namespace taxo::ui {

// The study at a glance: what the project holds, phase by phase.
class HomePage final : public Page {
    Q_OBJECT
public:
    explicit HomePage(ProjectSession* session, QWidget* parent = nullptr);
    QString title() const override { return tr("Home"); }
    QString purpose() const override { return tr("The study at a glance."); }
    void refresh() override;

private:
    QLabel* heading_;
    QLabel* identity_;
    QFormLayout* counts_;
};

} // namespace taxo::ui
