#include "pages/home_page.h"

#include "app/project_session.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace taxo::ui {

HomePage::HomePage(ProjectSession* session, QWidget* parent) : Page(session, parent) {
    auto* layout = new QVBoxLayout(this);
    heading_ = new QLabel(this);
    heading_->setObjectName(QStringLiteral("homeHeading"));
    QFont font = heading_->font();
    font.setPointSizeF(font.pointSizeF() * 1.6);
    font.setBold(true);
    heading_->setFont(font);
    identity_ = new QLabel(this);
    identity_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    counts_ = new QFormLayout;
    counts_->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    counts_->setLabelAlignment(Qt::AlignLeft);
    layout->addWidget(heading_);
    layout->addWidget(identity_);
    layout->addSpacing(12);
    layout->addLayout(counts_);
    layout->addStretch(1);
}

void HomePage::refresh() {
    while (counts_->rowCount() > 0)
        counts_->removeRow(0);
    if (!session()->isOpen())
        return;
    heading_->setText(session()->title());
    auto info = session()->project()->info();
    if (!info) {
        identity_->setText(QString::fromStdString(info.message()));
        return;
    }
    identity_->setText(tr("%1 · project id %2 · schema version %3")
                           .arg(session()->path(), QString::fromStdString(info->id))
                           .arg(info->schemaVersion));
    const auto& c = info->counts;
    auto add = [this](const QString& label, qint64 value) {
        auto* number = new QLabel(QLocale().toString(value));
        number->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        number->setMinimumWidth(80);
        counts_->addRow(label, number);
    };
    add(tr("Posts"), c.posts);
    add(tr("Answers"), c.answers);
    add(tr("Comments"), c.comments);
    add(tr("Sets"), c.sets);
    add(tr("Samples"), c.samples);
    add(tr("Rounds"), c.rounds);
    add(tr("Categories"), c.categories);
    add(tr("People"), c.people);
    add(tr("Labels"), c.labels);
    add(tr("Decisions"), c.decisions);
}

} // namespace taxo::ui
