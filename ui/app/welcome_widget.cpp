#include "ui/app/welcome_widget.h"

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace taxo::ui {

WelcomeWidget::WelcomeWidget(QWidget* parent) : QWidget(parent) {
    auto* outer = new QHBoxLayout(this);
    auto* column = new QVBoxLayout;
    auto* heading = new QLabel(tr("Taxonomist"), this);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 2.0);
    font.setBold(true);
    heading->setFont(font);
    auto* line = new QLabel(
        tr("Build a taxonomy from a corpus of posts by qualitative coding: import, select, "
           "sample, code, measure agreement, arbitrate and export."),
        this);
    line->setWordWrap(true);
    auto* newButton = new QPushButton(tr("New Project…"), this);
    newButton->setObjectName(QStringLiteral("welcomeNew"));
    auto* openButton = new QPushButton(tr("Open Project…"), this);
    openButton->setObjectName(QStringLiteral("welcomeOpen"));
    // A study mid-way, to look around before importing anything of one's own.
    auto* demoButton = new QPushButton(tr("Open Demo Project"), this);
    demoButton->setObjectName(QStringLiteral("welcomeDemo"));
    demoButton->setToolTip(tr("A small synthetic study that has been through every phase "
                              "(created on first use, then reopened)"));
    recent_ = new QListWidget(this);
    recent_->setObjectName(QStringLiteral("welcomeRecent"));
    column->addWidget(heading);
    column->addWidget(line);
    column->addSpacing(16);
    column->addWidget(newButton);
    column->addWidget(openButton);
    column->addWidget(demoButton);
    column->addSpacing(16);
    column->addWidget(new QLabel(tr("Recent projects"), this));
    column->addWidget(recent_, 1);
    outer->addStretch(1);
    outer->addLayout(column, 2);
    outer->addStretch(1);

    connect(newButton, &QPushButton::clicked, this, &WelcomeWidget::newRequested);
    connect(openButton, &QPushButton::clicked, this, &WelcomeWidget::openRequested);
    connect(demoButton, &QPushButton::clicked, this, &WelcomeWidget::demoRequested);
    connect(recent_, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { emit recentRequested(item->text()); });
}

void WelcomeWidget::setRecentProjects(const QStringList& paths) {
    recent_->clear();
    recent_->addItems(paths);
}

} // namespace taxo::ui
