#include "ui/home/home_page.h"

#include "core/project/project.h"
#include "core/status/study_status.h"
#include "ui/session/project_session.h"
#include "ui/support/core_command.h"
#include "ui/support/plain_text.h"
#include "ui/support/qt_text.h"

#include <QFrame>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace taxo::ui {
namespace {

QLabel* sectionTitle(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.1);
    label->setFont(font);
    return label;
}

// A small coloured disc for the state; the state is also written out, so colour is
// never the only cue.
QString stateMark(status::PhaseState state) {
    switch (state) {
    case status::PhaseState::Done:
        return QStringLiteral("<span style=\"color:#2e7d32\">●</span>");
    case status::PhaseState::InProgress:
        return QStringLiteral("<span style=\"color:#c77700\">◐</span>");
    case status::PhaseState::NotStarted:
        break;
    }
    return QStringLiteral("<span style=\"color:#888888\">○</span>");
}

QString stateText(status::PhaseState state) {
    switch (state) {
    case status::PhaseState::Done:
        return HomePage::tr("done");
    case status::PhaseState::InProgress:
        return HomePage::tr("in progress");
    case status::PhaseState::NotStarted:
        break;
    }
    return HomePage::tr("not started");
}

QLabel* cell(const QString& text, QWidget* parent, Qt::Alignment align = Qt::AlignLeft) {
    auto* label = new QLabel(text, parent);
    label->setAlignment(align | Qt::AlignVCenter);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QLabel* headerCell(const QString& text, QWidget* parent, Qt::Alignment align = Qt::AlignLeft) {
    auto* label = cell(text, parent, align);
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, pal.color(QPalette::PlaceholderText));
    label->setPalette(pal);
    return label;
}

QString number(std::int64_t value) {
    return QLocale().toString(static_cast<qlonglong>(value));
}

} // namespace

HomePage::HomePage(ProjectSession* session, QWidget* parent) : Page(session, parent) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* content = new QWidget(scroll);
    scroll->setWidget(content);
    outer->addWidget(scroll);

    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(6);
    heading_ = new QLabel(content);
    heading_->setObjectName(QStringLiteral("homeHeading"));
    QFont font = heading_->font();
    font.setPointSizeF(font.pointSizeF() * 1.6);
    font.setBold(true);
    heading_->setFont(font);
    heading_->setTextFormat(Qt::PlainText);
    // The title is edited in place: the same font, where it is read.
    titleEdit_ = new QLineEdit(content);
    titleEdit_->setObjectName(QStringLiteral("projectTitleEdit"));
    titleEdit_->setFont(font);
    titleEdit_->setToolTip(tr("Enter keeps the new title, Escape leaves it as it was"));
    titleEdit_->hide();
    renameButton_ = new QToolButton(content);
    renameButton_->setObjectName(QStringLiteral("renameProject"));
    renameButton_->setText(tr("Rename…"));
    renameButton_->setToolTip(tr("Change the study's title, shown in the window and written "
                                 "into packages and exports"));
    titleStatus_ = new QLabel(content);
    titleStatus_->setObjectName(QStringLiteral("projectTitleStatus"));
    titleStatus_->setWordWrap(true);
    titleStatus_->hide();
    connect(renameButton_, &QToolButton::clicked, this, [this] { startRename(); });
    connect(titleEdit_, &QLineEdit::returnPressed, this, [this] { finishRename(); });
    titleEdit_->installEventFilter(this); // Escape leaves the title as it was
    identity_ = new QLabel(content);
    identity_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette muted = identity_->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    identity_->setPalette(muted);
    auto* headingRow = new QHBoxLayout;
    headingRow->addWidget(heading_);
    headingRow->addWidget(titleEdit_, 1);
    headingRow->addWidget(renameButton_);
    headingRow->addStretch();
    layout->addLayout(headingRow);
    layout->addWidget(titleStatus_);
    layout->addWidget(identity_);
    layout->addSpacing(8);

    // The next thing to do, in a quiet frame at the top: the one place to click.
    auto* next = new QFrame(content);
    next->setObjectName(QStringLiteral("homeNext"));
    next->setFrameShape(QFrame::StyledPanel);
    next->setAutoFillBackground(true);
    next->setBackgroundRole(QPalette::AlternateBase);
    auto* nextLayout = new QHBoxLayout(next);
    nextLayout->setContentsMargins(12, 8, 12, 8);
    auto* nextCaption = new QLabel(tr("Next:"), next);
    QFont bold = nextCaption->font();
    bold.setBold(true);
    nextCaption->setFont(bold);
    nextText_ = new QLabel(next);
    nextText_->setObjectName(QStringLiteral("homeNextText"));
    nextText_->setWordWrap(true);
    nextButton_ = new QPushButton(next);
    nextButton_->setObjectName(QStringLiteral("homeNextButton"));
    nextButton_->setDefault(true);
    nextLayout->addWidget(nextCaption);
    nextLayout->addWidget(nextText_, 1);
    nextLayout->addWidget(nextButton_);
    connect(nextButton_, &QPushButton::clicked, this, [this] {
        if (!nextPage_.isEmpty())
            emit pageRequested(nextPage_);
    });
    layout->addWidget(next);
    layout->addSpacing(10);

    layout->addWidget(sectionTitle(tr("The method"), content));
    phases_ = new QGridLayout;
    phases_->setHorizontalSpacing(14);
    phases_->setVerticalSpacing(5);
    phases_->setColumnStretch(3, 1);
    layout->addLayout(phases_);
    layout->addSpacing(12);

    // Sets and rounds side by side: the numbers a lead checks most.
    auto* tables = new QHBoxLayout;
    auto* setsColumn = new QVBoxLayout;
    setsColumn->addWidget(sectionTitle(tr("Sets"), content));
    sets_ = new QGridLayout;
    sets_->setHorizontalSpacing(14);
    setsColumn->addLayout(sets_);
    setsColumn->addStretch(1);
    auto* roundsColumn = new QVBoxLayout;
    roundsColumn->addWidget(sectionTitle(tr("Rounds"), content));
    rounds_ = new QGridLayout;
    rounds_->setHorizontalSpacing(14);
    roundsColumn->addLayout(rounds_);
    roundsColumn->addStretch(1);
    tables->addLayout(setsColumn);
    tables->addSpacing(32);
    tables->addLayout(roundsColumn);
    tables->addStretch(1);
    layout->addLayout(tables);

    error_ = new QLabel(content);
    error_->setStyleSheet(QStringLiteral("color: #c0392b;"));
    error_->setWordWrap(true);
    error_->hide();
    layout->addWidget(error_);
    layout->addStretch(1);
}

void HomePage::clearGrid(QGridLayout* grid) {
    while (QLayoutItem* item = grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

bool HomePage::eventFilter(QObject* watched, QEvent* event) {
    if (watched == titleEdit_ && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
        endRename();
        return true;
    }
    return Page::eventFilter(watched, event);
}

void HomePage::endRename() {
    titleEdit_->hide();
    heading_->show();
    renameButton_->show();
}

void HomePage::startRename() {
    if (!session()->isOpen())
        return;
    titleStatus_->hide();
    titleEdit_->setText(session()->title());
    heading_->hide();
    renameButton_->hide();
    titleEdit_->show();
    titleEdit_->setFocus();
    titleEdit_->selectAll();
}

void HomePage::finishRename() {
    if (titleEdit_->text().trimmed() == session()->title() || renameProject(titleEdit_->text()))
        endRename();
}

bool HomePage::renameProject(const QString& title) {
    if (!session()->isOpen())
        return false;
    auto change = project::changeTitle(session()->project()->db(), title.toStdString());
    if (!change) {
        titleStatus_->setText(tr("Not renamed: %1").arg(toQ(change.message())));
        titleStatus_->show();
        return false;
    }
    auto after = [this](const QString& error, bool) {
        titleStatus_->setText(error);
        titleStatus_->setVisible(!error.isEmpty());
        session()->notifyDataChanged();
    };
    session()->undoStack()->push(new CoreCommand(
        tr("Rename the project to %1").arg(toQ(change->after)), session()->databaseGetter(),
        [c = *change](sql::Database& db) { return project::applyTitleChange(db, c); },
        [c = *change](sql::Database& db) { return project::undoTitleChange(db, c); }, this, after));
    after(QString(), false);
    return true;
}

void HomePage::refresh() {
    clearGrid(phases_);
    clearGrid(sets_);
    clearGrid(rounds_);
    nextPage_.clear();
    if (!session()->isOpen())
        return;
    heading_->setText(session()->title());
    auto loaded = status::studyStatus(*session()->project());
    if (!loaded) {
        error_->setText(toQ(loaded.message()));
        error_->show();
        nextButton_->hide();
        return;
    }
    error_->hide();
    const auto& s = *loaded;
    identity_->setText(
        tr("%1 · %2 posts, %3 answers, %4 comments")
            .arg(session()->path(), number(s.posts), number(s.answers), number(s.comments)));

    nextPage_ = toQ(s.next.page);
    nextText_->setText(toQ(s.next.text));
    nextButton_->setText(tr("Open %1 →").arg(nextPage_));
    nextButton_->setToolTip(tr("Show the %1 page").arg(nextPage_));
    nextButton_->show();

    QWidget* parent = phases_->parentWidget();
    int row = 0;
    for (const auto& phase : s.phases) {
        auto* mark = cell(stateMark(phase.state), parent, Qt::AlignCenter);
        mark->setTextFormat(Qt::RichText);
        // The phase's name is a link to its page, so any phase is one click away.
        auto* name =
            richLabel(QStringLiteral("<a href=\"%1\" style=\"text-decoration:none\">%2</a>")
                          .arg(toQ(phase.page).toHtmlEscaped(), toQ(phase.name).toHtmlEscaped()),
                      parent);
        name->setObjectName(QStringLiteral("homePhase_%1").arg(row));
        name->setToolTip(tr("Open the %1 page").arg(toQ(phase.page)));
        connect(name, &QLabel::linkActivated, this,
                [this](const QString& page) { emit pageRequested(page); });
        auto* state = headerCell(stateText(phase.state), parent);
        auto* summary = cell(toQ(phase.summary), parent);
        summary->setWordWrap(true);
        phases_->addWidget(mark, row, 0);
        phases_->addWidget(name, row, 1);
        phases_->addWidget(state, row, 2);
        phases_->addWidget(summary, row, 3);
        ++row;
    }

    parent = sets_->parentWidget();
    if (s.sets.empty()) {
        sets_->addWidget(headerCell(tr("No sets yet."), parent), 0, 0);
    } else {
        sets_->addWidget(headerCell(tr("set"), parent), 0, 0);
        sets_->addWidget(headerCell(tr("posts"), parent, Qt::AlignRight), 0, 1);
        sets_->addWidget(headerCell(tr("sample"), parent, Qt::AlignRight), 0, 2);
        row = 1;
        for (const auto& set : s.sets) {
            sets_->addWidget(cell(toQ(set.name), parent), row, 0);
            sets_->addWidget(cell(number(set.posts), parent, Qt::AlignRight), row, 1);
            sets_->addWidget(
                cell(set.sampleSize ? number(*set.sampleSize) : tr("–"), parent, Qt::AlignRight),
                row, 2);
            ++row;
        }
    }

    parent = rounds_->parentWidget();
    if (s.rounds.empty()) {
        rounds_->addWidget(headerCell(tr("No rounds yet."), parent), 0, 0);
    } else {
        rounds_->addWidget(headerCell(tr("round"), parent), 0, 0);
        rounds_->addWidget(headerCell(tr("posts"), parent, Qt::AlignRight), 0, 1);
        rounds_->addWidget(headerCell(tr("labels"), parent), 0, 2);
        row = 1;
        for (const auto& round : s.rounds) {
            QStringList labels;
            if (round.kind == rounds::RoundKind::Pilot)
                labels << tr("joint %1").arg(number(round.consensusLabels));
            for (const auto& coder : round.coders)
                if (round.kind != rounds::RoundKind::Pilot || coder.labels > 0)
                    labels << tr("%1 %2").arg(toQ(coder.name), number(coder.labels));
            rounds_->addWidget(cell(toQ(round.name), parent), row, 0);
            rounds_->addWidget(cell(number(round.items), parent, Qt::AlignRight), row, 1);
            rounds_->addWidget(
                cell(labels.isEmpty() ? tr("no coders yet") : labels.join(QStringLiteral(" · ")),
                     parent),
                row, 2);
            ++row;
        }
    }
}

} // namespace taxo::ui
