#include "core/recoding/recoding.h"
#include "tests/core/study_fixture.h"
#include "ui/codebook/category_tree_model.h"
#include "ui/codebook/codebook_page.h"
#include "ui/session/project_session.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>
#include <catch2/catch.hpp>

using taxo::test::dumpCodebook;
using taxo::ui::CategoryTreeModel;
using taxo::ui::CodebookPage;

namespace {

QString childName(const QAbstractItemModel& model, const QModelIndex& parent, int row) {
    return model.index(row, 0, parent).data().toString();
}

QStringList childNames(const QAbstractItemModel& model, const QModelIndex& parent) {
    QStringList names;
    for (int row = 0; row < model.rowCount(parent); ++row)
        names << childName(model, parent, row);
    return names;
}

// A session on a fresh project holding the fixture study and codebook.
struct SessionStudy {
    taxo::test::TempDir dir;
    taxo::ui::ProjectSession session;
    std::map<std::string, taxo::codebook::CategoryId> ids;

    SessionStudy() {
        const QString path = QString::fromStdString(dir.file("gui.taxo"));
        REQUIRE(session.create(path, QStringLiteral("gui")).isEmpty());
        auto& db = session.project()->db();
        taxo::test::seedStudy(db);
        // seedCodebook works on a Study; reuse its adds through a temporary view.
        using taxo::test::addOrFail;
        ids["Server/Cloud"] = addOrFail(db, std::nullopt, "Server/Cloud");
        ids["Model Export"] = addOrFail(db, ids["Server/Cloud"], "Model Export");
        ids["Procedure"] = addOrFail(db, ids["Model Export"], "Procedure");
        ids["Model quantization"] = addOrFail(db, ids["Model Export"], "Model quantization");
        ids["Request"] = addOrFail(db, ids["Server/Cloud"], "Request");
        ids["Format"] = addOrFail(db, ids["Request"], "Format");
        ids["Mobile"] = addOrFail(db, std::nullopt, "Mobile");
    }
    taxo::sql::Database& db() { return session.project()->db(); }
};

QAction* action(CodebookPage& page, const char* name) {
    auto* found = page.findChild<QAction*>(QString::fromLatin1(name));
    REQUIRE(found != nullptr);
    return found;
}

} // namespace

TEST_CASE("the category tree model passes QAbstractItemModelTester through edits",
          "[gui][codebook]") {
    SessionStudy study;
    CategoryTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    REQUIRE(model.reload(&study.db()).isEmpty());

    CHECK(childNames(model, {}) ==
          QStringList({QStringLiteral("Server/Cloud"), QStringLiteral("Mobile")}));
    const QModelIndex server = model.index(0, 0);
    CHECK(childNames(model, server) ==
          QStringList({QStringLiteral("Model Export"), QStringLiteral("Request")}));
    const QModelIndex exportIndex = model.index(0, 0, server);
    CHECK(exportIndex.parent() == server);
    CHECK(model.idAt(exportIndex) == study.ids["Model Export"]);
    CHECK(model.indexOf(study.ids["Format"]).data().toString() == QStringLiteral("Format"));
    CHECK(exportIndex.data(CategoryTreeModel::DepthRole).toInt() == 1);
    CHECK(model.columnCount() == 2);

    // Counts: one label on Procedure shows on it and its ancestors.
    taxo::test::seedLabel(study.db(), 1, 1, std::nullopt, {study.ids["Procedure"]});
    REQUIRE(model.reload(&study.db()).isEmpty());
    CHECK(model.index(0, CategoryTreeModel::PostsColumn).data().toString() == QStringLiteral("1"));
    CHECK(model.indexOf(study.ids["Request"]).siblingAtColumn(1).data().toString() ==
          QStringLiteral("0"));

    REQUIRE(taxo::recoding::deleteCategory(study.db(), study.ids["Format"]).ok());
    REQUIRE(model.reload(&study.db()).isEmpty());
    CHECK(model.rowCount(model.indexOf(study.ids["Request"])) == 0);
    REQUIRE(model.reload(nullptr).isEmpty());
    CHECK(model.rowCount() == 0);
}

TEST_CASE("codebook edits undo and redo from the keyboard, restoring the exact state",
          "[gui][codebook]") {
    SessionStudy study;
    taxo::test::seedLabel(study.db(), 1, 1, std::nullopt, {study.ids["Procedure"]});
    CodebookPage page(&study.session);
    page.resize(800, 600);
    page.show();
    QApplication::setActiveWindow(&page);
    REQUIRE(QTest::qWaitForWindowActive(&page));
    page.refresh();
    auto* model = page.model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const auto initial = dumpCodebook(study.db());

    // Add a subcategory under Model Export from the action.
    page.selectCategory(study.ids["Model Export"]);
    action(page, "actionAddChild")->trigger();
    REQUIRE(page.undoStack()->count() == 1);
    const auto added = page.currentId();
    REQUIRE(added.has_value());
    CHECK(model->indexOf(*added).data().toString() == QStringLiteral("New category"));

    // Rename it in the tree's own editor, as a user would.
    QCoreApplication::processEvents();
    auto* editor = page.view()->findChild<QLineEdit*>();
    REQUIRE(editor != nullptr);
    CHECK(editor->isVisible());
    CHECK(editor->text() == QStringLiteral("New category"));
    QSignalSpy renames(model, &CategoryTreeModel::renameRequested);
    editor->setText(QStringLiteral("Model conversion"));
    QTest::keyClick(editor, Qt::Key_Return);
    // The page performs the rename once the editor has closed (a queued call).
    for (int i = 0; i < 100 && page.undoStack()->count() < 2; ++i)
        QTest::qWait(10);
    CHECK(renames.count() == 1);
    INFO(page.lastError().toStdString());
    REQUIRE(page.undoStack()->count() == 2);
    CHECK(model->indexOf(*added).data().toString() == QStringLiteral("Model conversion"));

    // Move it up, then merge Procedure (which carries a label) into it.
    page.selectCategory(*added);
    page.view()->setFocus();
    action(page, "actionMoveUp")->trigger();
    CHECK(childNames(*model, model->indexOf(study.ids["Model Export"])) ==
          QStringList({QStringLiteral("Procedure"), QStringLiteral("Model conversion"),
                       QStringLiteral("Model quantization")}));
    page.setChooser([&](const QString&, const std::vector<taxo::codebook::CategoryId>&) {
        return std::optional<taxo::codebook::CategoryId>(*added);
    });
    page.selectCategory(study.ids["Procedure"]);
    action(page, "actionMerge")->trigger();
    REQUIRE(page.undoStack()->count() == 4);
    CHECK_FALSE(model->indexOf(study.ids["Procedure"]).isValid());
    CHECK(taxo::test::labelCategories(study.db(), 1) ==
          std::vector<taxo::codebook::CategoryId>{*added});

    // A refused edit is shown inline and pushes nothing.
    CHECK_FALSE(page.renameCategory(*added, QStringLiteral("Model quantization")));
    CHECK(page.lastError().contains(QStringLiteral("already exists")));
    CHECK(page.undoStack()->count() == 4);

    // Delete an unused leaf.
    page.selectCategory(study.ids["Format"]);
    action(page, "actionDelete")->trigger();
    REQUIRE(page.undoStack()->count() == 5);
    const auto edited = dumpCodebook(study.db());

    // Ctrl+Z five times brings back the exact state, Ctrl+Shift+Z redoes it all.
    page.view()->setFocus();
    for (int i = 0; i < 5; ++i)
        QTest::keyClick(page.view(), Qt::Key_Z, Qt::ControlModifier);
    CHECK(page.undoStack()->index() == 0);
    CHECK(dumpCodebook(study.db()) == initial);
    CHECK(model->indexOf(study.ids["Procedure"]).isValid());
    for (int i = 0; i < 5; ++i)
        QTest::keyClick(page.view(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(page.undoStack()->index() == 5);
    CHECK(dumpCodebook(study.db()) == edited);
    CHECK(page.lastError().isEmpty());
}

TEST_CASE("dragging a category onto another moves it, as one undoable step", "[gui][codebook]") {
    SessionStudy study;
    CodebookPage page(&study.session);
    page.resize(800, 600);
    page.show();
    page.refresh();
    auto* model = page.model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const auto initial = dumpCodebook(study.db());

    // What a drag carries, and where a drop may go: never onto itself or below itself.
    const QModelIndex procedure = model->indexOf(study.ids["Procedure"]);
    std::unique_ptr<QMimeData> dragged(model->mimeData({procedure}));
    REQUIRE(dragged != nullptr);
    CHECK(model->flags(procedure) & Qt::ItemIsDragEnabled);
    CHECK(model->canDropMimeData(dragged.get(), Qt::MoveAction, -1, 0,
                                 model->indexOf(study.ids["Request"])));
    std::unique_ptr<QMimeData> exportDrag(
        model->mimeData({model->indexOf(study.ids["Model Export"])}));
    CHECK_FALSE(model->canDropMimeData(exportDrag.get(), Qt::MoveAction, -1, 0, procedure));
    CHECK_FALSE(model->canDropMimeData(exportDrag.get(), Qt::CopyAction, -1, 0,
                                       model->indexOf(study.ids["Request"])));

    // Dropped onto Request: Procedure becomes its last child, through the page's undo stack.
    QSignalSpy requested(model, &CategoryTreeModel::moveRequested);
    CHECK_FALSE(model->dropMimeData(dragged.get(), Qt::MoveAction, -1, 0,
                                    model->indexOf(study.ids["Request"])));
    REQUIRE(requested.count() == 1);
    QTRY_COMPARE(page.undoStack()->count(), 1);
    CHECK(childNames(*model, model->indexOf(study.ids["Request"])) ==
          QStringList({QStringLiteral("Format"), QStringLiteral("Procedure")}));

    // Dropped between rows: before Format (row 0) among Request's children.
    std::unique_ptr<QMimeData> again(model->mimeData({model->indexOf(study.ids["Procedure"])}));
    model->dropMimeData(again.get(), Qt::MoveAction, 0, 0, model->indexOf(study.ids["Request"]));
    QTRY_COMPARE(page.undoStack()->count(), 2);
    CHECK(childNames(*model, model->indexOf(study.ids["Request"])) ==
          QStringList({QStringLiteral("Procedure"), QStringLiteral("Format")}));

    page.undoStack()->undo();
    page.undoStack()->undo();
    CHECK(dumpCodebook(study.db()) == initial);
}
