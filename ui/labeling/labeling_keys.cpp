// The Coding page's keyboard: its actions and shortcuts, the type-ahead over
// the category tree, and what Enter means where the focus is.
#include "core/screening/screening.h"
#include "ui/codebook/category_checklist_model.h"
#include "ui/labeling/labeling_page.h"
#include "ui/session/project_session.h"
#include "ui/support/undo_actions.h"

#include <QAbstractItemView>
#include <QAction>
#include <QComboBox>
#include <QCompleter>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QToolBar>
#include <QTreeView>
#include <QUndoStack>
#include <algorithm>
#include <functional>

namespace taxo::ui {

void LabelingPage::buildActions(QToolBar* toolbar) {
    QAction* previous = makeAction(QStringLiteral("actionPreviousPost"), tr("Previous"),
                                   {QKeySequence(Qt::ALT | Qt::Key_Left)});
    QAction* next = makeAction(QStringLiteral("actionNextPost"), tr("Next"),
                               {QKeySequence(Qt::ALT | Qt::Key_Right)});
    QAction* unlabeled = makeAction(QStringLiteral("actionNextUnlabeled"), tr("Next unlabeled"),
                                    {QKeySequence(Qt::CTRL | Qt::Key_U)});
    for (QAction* action : {previous, next, unlabeled})
        toolbar->addAction(action);
    // Leaving a post keeps what was chosen on it: unsaved changes are saved
    // first, and a refused label keeps the coder on the post with the reason.
    connect(previous, &QAction::triggered, this, [this] {
        if (saveIfChanged())
            showItem(std::max(0, index_ - 1));
    });
    connect(next, &QAction::triggered, this, [this] {
        if (saveIfChanged())
            showItem(index_ + 1);
    });
    connect(unlabeled, &QAction::triggered, this, [this] {
        if (saveIfChanged())
            nextUnlabeled();
    });

    QAction* save = makeAction(QStringLiteral("actionSaveNext"), tr("Save and next"),
                               {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter),
                                QKeySequence(Qt::CTRL | Qt::Key_Return)});
    connect(save, &QAction::triggered, this, [this] { enterPressed(); });
    labelActions_ << save;
    // A single letter works where letters are not text (the post, the lists); where
    // they are (the tree starts the type-ahead, the line edits), the letter is typed
    // and only the Ctrl chord, the same as on the Arbitration page, marks the post.
    const std::pair<const char*, labels::Special> specials[] = {
        {"actionFalsePositive", labels::Special::FalsePositive},
        {"actionUnclear", labels::Special::Unclear},
        {"actionPending", labels::Special::Pending}};
    const Qt::Key keys[] = {Qt::Key_F, Qt::Key_U, Qt::Key_P};
    const Qt::Key chords[] = {Qt::Key_5, Qt::Key_6, Qt::Key_7};
    for (int i = 0; i < 3; ++i) {
        const auto special = specials[i].second;
        QAction* action = makeAction(QString::fromLatin1(specials[i].first), specialText(special),
                                     {QKeySequence(Qt::CTRL | chords[i]), QKeySequence(keys[i])});
        connect(action, &QAction::triggered, this, [this, special] { markSpecial(special); });
        labelActions_ << action;
    }
    QAction* chooseCategory =
        makeAction(QStringLiteral("actionTypeAhead"), tr("Choose a category by typing"),
                   {QKeySequence(Qt::Key_Slash), QKeySequence(Qt::CTRL | Qt::Key_K)});
    connect(chooseCategory, &QAction::triggered, this, [this] {
        typeAhead_->setFocus();
        typeAhead_->selectAll();
    });
    QAction* find = makeAction(QStringLiteral("actionSearchPosts"), tr("Search posts"),
                               {QKeySequence(Qt::CTRL | Qt::Key_F)});
    connect(find, &QAction::triggered, this, [this] {
        search_->setFocus();
        search_->selectAll();
    });
    // Not Ctrl+N: that is File > New Project, and a key bound twice fires neither.
    QAction* note = makeAction(QStringLiteral("actionNote"), tr("Write a note"),
                               {QKeySequence(Qt::ALT | Qt::Key_N)});
    connect(note, &QAction::triggered, this, [this] { note_->setFocus(); });
    // The Show filter, then Up and Down choose which posts are listed.
    QAction* showFilter =
        makeAction(QStringLiteral("actionShowFilter"), tr("Choose which posts to show"),
                   {QKeySequence(Qt::ALT | Qt::Key_S)});
    connect(showFilter, &QAction::triggered, this, [this] { show_->setFocus(); });

    const auto& undoRedo = session()->undoRedoActions();
    offerUndoRedo(this, undoRedo);
    addUndoRedoButtons(toolbar, undoRedo);
}

QAction* LabelingPage::makeAction(const QString& name, const QString& text,
                                  const QList<QKeySequence>& keys) {
    auto* action = new QAction(text, this);
    action->setObjectName(name);
    action->setShortcuts(keys);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setToolTip(text + QStringLiteral(" (") +
                       keys.first().toString(QKeySequence::NativeText) + QStringLiteral(")"));
    QWidget::addAction(action);
    return action;
}

namespace {

// A key that types a character: on the tree it belongs to the type-ahead. The slash
// stays the type-ahead's own key, which opens the box empty.
bool typesText(const QKeyEvent& key) {
    const QString text = key.text();
    if (key.key() == Qt::Key_Slash)
        return false;
    const bool plain =
        !(key.modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier));
    return plain && text.size() == 1 && text.at(0).isPrint() && !text.at(0).isSpace();
}

} // namespace

bool LabelingPage::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::ShortcutOverride && watched == categories_ &&
        typesText(*static_cast<QKeyEvent*>(event))) {
        // Claimed before the shortcuts see it: F, U and P typed on the tree are the
        // start of a category's name, never a label (line edits claim letters themselves).
        event->accept();
        return true;
    }
    if (event->type() != QEvent::KeyPress)
        return Page::eventFilter(watched, event);
    auto* key = static_cast<QKeyEvent*>(event);
    if (watched == categories_) {
        // A letter typed on the tree starts the type-ahead.
        const QString text = key->text();
        if (typesText(*key)) {
            typeAhead_->setFocus();
            typeAhead_->setText(text);
            return true;
        }
    } else if (watched == typeAhead_) {
        if (key->key() == Qt::Key_Escape || key->key() == Qt::Key_Down) {
            if (key->key() == Qt::Key_Escape)
                typeAhead_->clear();
            categories_->setFocus();
            return true;
        }
    }
    return Page::eventFilter(watched, event);
}

void LabelingPage::applyTypeAhead(const QString& text) {
    // A leaf shows when its name matches; an inner category when a leaf below does.
    QStandardItem* first = nullptr;
    std::function<bool(QStandardItem*)> visit = [&](QStandardItem* item) {
        const bool self = item->text().contains(text, Qt::CaseInsensitive);
        bool any = self && item->rowCount() == 0;
        if (any && !first && !text.isEmpty())
            first = item;
        for (int i = 0; i < item->rowCount(); ++i)
            any = visit(item->child(i)) || any;
        categories_->setRowHidden(item->row(), item->index().parent(),
                                  !text.isEmpty() && !any && !self);
        return any || self;
    };
    for (int i = 0; i < checklist_->rowCount(); ++i)
        visit(checklist_->item(i));
    if (first)
        categories_->setCurrentIndex(first->index());
}

bool LabelingPage::pickTypeAheadMatch() {
    const QString text = typeAhead_->text().trimmed();
    if (text.isEmpty() || !currentKey())
        return false;
    QStandardItem* exact = nullptr;
    QStandardItem* first = nullptr;
    for (QStandardItem* item : checklist_->leaves()) {
        if (!item->text().contains(text, Qt::CaseInsensitive))
            continue;
        if (!first)
            first = item;
        if (!exact && item->text().compare(text, Qt::CaseInsensitive) == 0)
            exact = item;
    }
    QStandardItem* chosen = exact ? exact : first;
    if (!chosen) {
        showError(tr("No category matches \"%1\".").arg(text));
        return false;
    }
    // Enter toggles, as Space does on the tree: a leaf ticked by mistake is unticked
    // the way it was ticked.
    const bool untick = chosen->checkState() == Qt::Checked;
    chosen->setCheckState(untick ? Qt::Unchecked : Qt::Checked);
    typeAhead_->clear();
    categories_->setCurrentIndex(chosen->index());
    categories_->setFocus();
    status_->setStyleSheet({});
    status_->setText((untick ? tr("Unticked %1; Enter saves and moves on.")
                             : tr("Ticked %1; Enter saves and moves on."))
                         .arg(chosen->text()));
    return true;
}

void LabelingPage::enterPressed() {
    // Enter means "done here": in the type-ahead it ticks the match, in the
    // search it filters; elsewhere it confirms the label and moves on.
    QWidget* focus = focusWidget();
    if (focus == typeAhead_ && !typeAhead_->text().trimmed().isEmpty()) {
        pickTypeAheadMatch();
        return;
    }
    if (focus == suggestion_ && suggestionCompleter_->popup()->isVisible()) {
        // The page's Enter outranks the completer's list: Enter on a name chosen there
        // takes that name and stays; with none chosen it saves what was typed.
        const QModelIndex chosen = suggestionCompleter_->popup()->currentIndex();
        suggestionCompleter_->popup()->hide();
        if (chosen.isValid()) {
            suggestion_->setText(chosen.data().toString());
            return;
        }
    }
    if (focus == quotesView_) {
        // On the list of quotes Enter shows the chosen quote in the post.
        showQuote(currentQuoteRow());
        return;
    }
    if (focus == search_) {
        applyItemFilter();
        categories_->setFocus();
        return;
    }
    if (saveCurrent())
        moveToNext();
}

void LabelingPage::markSpecial(labels::Special special) {
    // False positive and Unclear are a whole label: saved, then on to the next post, as
    // Enter does. Pending waits for the suggested name, which Enter saves.
    if (setSpecial(special) && special != labels::Special::Pending)
        moveToNext();
}

void LabelingPage::moveToNext() {
    if (index_ + 1 < itemCount())
        showItem(index_ + 1);
    // From the note or the suggestion, the next post's keys go to the tree.
    categories_->setFocus();
}

void LabelingPage::nextUnlabeled() {
    if (screeningMode_) {
        const auto key = currentKey();
        if (!key)
            return;
        auto marks = screening::marksForCoder(session()->project()->db(), key->roundId,
                                              key->coder.value_or(0));
        if (!marks)
            return;
        for (int step = 1; step <= itemCount(); ++step) {
            const int i = (index_ + step) % itemCount();
            if (!(*marks)[static_cast<std::size_t>(i)].relevant) {
                showItem(i);
                return;
            }
        }
        return;
    }
    for (int step = 1; step <= itemCount(); ++step) {
        const int i = (index_ + step) % itemCount();
        if (!labels::isLabeled(items_[static_cast<std::size_t>(i)].state)) {
            showItem(i);
            return;
        }
    }
    status_->setText(tr("Every post shown here is labeled."));
}

} // namespace taxo::ui
