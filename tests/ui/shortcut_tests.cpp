// The keyboard: a key bound twice where it acts fires nothing, so no key may be;
// letters typed where they are text stay text.

#include "core/codebook/codebook.h"
#include "core/labels/labels.h"
#include "labeling_study.h"
#include "scripted_dialogs.h"
#include "ui/app/main_window.h"
#include "ui/labeling/labeling_page.h"
#include "ui/session/page.h"
#include "ui/session/project_session.h"
#include "ui/widgets/post_viewer.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QListWidget>
#include <QMap>
#include <QMenuBar>
#include <QSettings>
#include <QShortcut>
#include <QTest>
#include <QTreeView>
#include <QUndoCommand>
#include <QUndoStack>
#include <catch2/catch.hpp>

using taxo::ui::MainWindow;

namespace {

// Keys go where the focus is, as they would for a user.
void type(const QString& text) {
    for (const QChar c : text) {
        QWidget* target = QApplication::focusWidget();
        REQUIRE(target != nullptr);
        QTest::keyClicks(target, QString(c));
    }
}

QString describe(const QObject* object) {
    const auto* action = qobject_cast<const QAction*>(object);
    QString text = action ? action->text() : QString();
    if (const auto* button = qobject_cast<const QAbstractButton*>(object))
        text = button->text();
    return QStringLiteral("%1 \"%2\"").arg(object->objectName(), text);
}

// Every key sequence that acts while `page` is shown, with what it is bound to: the
// window's menu actions, and the page's own actions, buttons and shortcuts.
QMap<QString, QStringList> bindings(MainWindow& window, taxo::ui::Page* page) {
    QMap<QString, QStringList> keys;
    auto add = [&](const QKeySequence& key, const QObject* holder) {
        if (!key.isEmpty())
            keys[key.toString(QKeySequence::PortableText)] << describe(holder);
    };
    QList<QAction*> actions;
    for (QAction* action : window.findChildren<QAction*>()) {
        // Window-wide: the menus' actions (the pages' are children of their page).
        if (action->shortcutContext() == Qt::WindowShortcut ||
            action->shortcutContext() == Qt::ApplicationShortcut) {
            bool inPage = false;
            for (QObject* up = action->parent(); up; up = up->parent())
                inPage = inPage || qobject_cast<taxo::ui::Page*>(up) != nullptr;
            if (!inPage)
                actions << action;
        }
    }
    QList<QWidget*> widgets = page->findChildren<QWidget*>();
    widgets << page;
    for (QWidget* widget : widgets) {
        if (!widget->isVisibleTo(page) && widget != page)
            continue; // a hidden widget's keys do not act
        for (QAction* action : widget->actions())
            if (!actions.contains(action))
                actions << action;
        if (auto* button = qobject_cast<QAbstractButton*>(widget))
            add(button->shortcut(), button);
    }
    for (QAction* action : actions)
        for (const QKeySequence& key : action->shortcuts())
            add(key, action);
    for (QShortcut* shortcut : page->findChildren<QShortcut*>())
        for (const QKeySequence& key : shortcut->keys())
            add(key, shortcut);
    return keys;
}

class NoStep final : public QUndoCommand {
public:
    NoStep() : QUndoCommand(QStringLiteral("nothing")) {}
};

} // namespace

TEST_CASE("no key sequence is bound twice on any page; undo and redo keys work on each",
          "[gui][keys]") {
    QSettings().clear();
    taxo::test::LabelingProject project(4);
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    MainWindow window(dialogs);
    window.resize(1300, 850);
    window.show();
    QApplication::setActiveWindow(&window);
    REQUIRE(QTest::qWaitForWindowActive(&window));
    REQUIRE(window.openProject(QString::fromStdString(project.path)));
    int pagesWithUndo = 0;
    for (int i = 0; i < window.navigation()->count(); ++i) {
        window.showPage(i);
        auto* page = window.currentPage();
        REQUIRE(page != nullptr);
        INFO("page " << page->title().toStdString());
        const auto keys = bindings(window, page);
        CHECK(keys.contains(QStringLiteral("Ctrl+N")));
        for (auto it = keys.begin(); it != keys.end(); ++it) {
            INFO(it.key().toStdString()
                 << " is bound to " << it.value().join(QStringLiteral(", ")).toStdString());
            CHECK(it.value().size() == 1);
        }
        // Ctrl+Z and Ctrl+Shift+Z reach the project's undo stack from inside each page
        // that edits the project (it offers the Undo action).
        auto* stack = page->actions().contains(window.session()->undoRedoActions().undo)
                          ? window.session()->undoStack()
                          : nullptr;
        if (!stack)
            continue;
        ++pagesWithUndo;
        stack->clear();
        stack->push(new NoStep);
        page->setFocus();
        QWidget* focus = QApplication::focusWidget();
        REQUIRE(focus != nullptr);
        QTest::keyClick(focus, Qt::Key_Z, Qt::ControlModifier);
        CHECK(stack->index() == 0);
        QTest::keyClick(focus, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        CHECK(stack->index() == 1);
        stack->clear();
    }
    CHECK(pagesWithUndo >= 4);
}

TEST_CASE("letters typed on the category tree go to the type-ahead and never save a label",
          "[gui][keys][labeling]") {
    taxo::test::LabelingProject project(4);
    // Leaves starting with f, u and p (Format and Procedure are in the codebook already).
    {
        taxo::ui::ProjectSession session;
        REQUIRE(session.open(QString::fromStdString(project.path)).isEmpty());
        taxo::codebook::NewCategory upload;
        upload.parentId = project.id("Request");
        upload.name = "Upload";
        REQUIRE(taxo::codebook::addCategory(session.project()->db(), upload).ok());
    }
    taxo::ui::ProjectSession session;
    REQUIRE(session.open(QString::fromStdString(project.path)).isEmpty());
    taxo::test::ScriptedDialogs dialogs;
    taxo::ui::LabelingPage page(&session, dialogs);
    page.resize(1300, 850);
    page.show();
    QApplication::setActiveWindow(&page);
    REQUIRE(QTest::qWaitForWindowActive(&page));
    page.refresh();
    REQUIRE(page.chooseAssignment(taxo::test::kLongRound, taxo::test::kAnnId));
    for (const QString& name :
         {QStringLiteral("format"), QStringLiteral("upload"), QStringLiteral("procedure"),
          QStringLiteral("Format"), QStringLiteral("Upload"), QStringLiteral("Procedure")}) {
        INFO(name.toStdString());
        page.typeAheadEdit()->clear();
        page.categoryTree()->setFocus();
        REQUIRE(QApplication::focusWidget() == page.categoryTree());
        type(name);
        CHECK(page.typeAheadEdit()->text() == name);
        CHECK(QApplication::focusWidget() == page.typeAheadEdit());
        // Nothing saved, through core: no label on any post of the round.
        for (const std::int64_t post : {101, 102, 103, 104}) {
            auto label = taxo::labels::loadLabel(
                session.project()->db(), {taxo::test::kLongRound, post, taxo::test::kAnnId});
            REQUIRE(label.ok());
            CHECK_FALSE(label->has_value());
        }
        CHECK(page.currentKey()->postId == 101);
    }
    // In every field of the page a letter is text, too.
    for (QLineEdit* edit : page.findChildren<QLineEdit*>()) {
        if (!edit->isVisible())
            continue;
        INFO(edit->objectName().toStdString() << " " << edit->placeholderText().toStdString());
        edit->clear();
        edit->setFocus();
        type(QStringLiteral("fup"));
        CHECK(edit->text() == QStringLiteral("fup"));
        edit->clear();
    }
    for (const std::int64_t post : {101, 102, 103, 104}) {
        auto label = taxo::labels::loadLabel(session.project()->db(),
                                             {taxo::test::kLongRound, post, taxo::test::kAnnId});
        REQUIRE(label.ok());
        CHECK_FALSE(label->has_value());
    }
    // Where letters are not text (the post), F still marks False positive and moves on.
    page.viewer()->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F);
    auto label = taxo::labels::loadLabel(session.project()->db(),
                                         {taxo::test::kLongRound, 101, taxo::test::kAnnId});
    REQUIRE(label.ok());
    REQUIRE(label->has_value());
    CHECK((*label)->content.special == taxo::labels::Special::FalsePositive);
    CHECK(page.currentKey()->postId == 102);
}
