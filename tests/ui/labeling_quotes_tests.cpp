// Quotes on the Coding page: a passage selected in the post attached from the keyboard to
// a ticked category, listed under the label, removed and undone, each a saved step; the
// quotes of categories still ticked survive every other save; a quote whose text changed
// on a later import is flagged, never moved.
#include "core/corpus/post_parts.h"
#include "core/labels/labels.h"
#include "core/store/statements.h"
#include "labeling_study.h"
#include "ui/labeling/labeling_page.h"
#include "ui/labeling/quotes_model.h"
#include "ui/widgets/post_viewer.h"
#include "undo_check.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QStandardItem>
#include <QTableView>
#include <QTest>
#include <QTextCursor>
#include <QTextDocument>
#include <QTreeView>
#include <QUndoStack>
#include <catch2/catch.hpp>
#include <memory>

namespace lb = taxo::labels;
using taxo::test::kAnnId;
using taxo::test::kLongRound;
using OpenPage = taxo::test::OpenLabelingPage;

namespace {

// Non-ASCII before the passages: "ö" and "ß" are two bytes, "½" two, "😀" four bytes and
// two UTF-16 units, yet each is one code point of the offsets.
const std::string kBody = "<p>Größe ½ 😀: how do I export the model? Use the converter.</p>"
                          "<p>The converter fails on Android.</p>";
const QString kFormat = QStringLiteral("Server/Cloud › Request › Format");
const QString kProcedure = QStringLiteral("Server/Cloud › Model Export › Procedure");

void setBody(const std::string& path, std::int64_t post, const std::string& body) {
    taxo::ui::ProjectSession session;
    REQUIRE(session.open(QString::fromStdString(path)).isEmpty());
    REQUIRE(taxo::sql::runBound(session.project()->db(), "UPDATE posts SET body = ? WHERE id = ?",
                                body, post)
                .ok());
}

lb::LabelContent labelOf(OpenPage& open, std::int64_t post) {
    auto label = lb::loadLabel(open.db(), {kLongRound, post, kAnnId});
    REQUIRE(label.ok());
    REQUIRE(label->has_value());
    return (*label)->content;
}

// Selects the first occurrence of `text` in the post shown, as a mouse drag would.
void selectInViewer(taxo::ui::PostViewer& viewer, const QString& text) {
    const QTextCursor found = viewer.document()->find(text);
    REQUIRE_FALSE(found.isNull());
    viewer.setTextCursor(found);
    viewer.setFocus();
}

QString cell(const taxo::ui::QuotesModel& model, int row, int column, int role = Qt::DisplayRole) {
    return model.data(model.index(row, column), role).toString();
}

} // namespace

TEST_CASE("a coder quotes a passage with Ctrl+E, removes it with Delete and gets it back with "
          "Ctrl+Z",
          "[gui][labeling][quotes]") {
    taxo::test::LabelingProject project(4);
    setBody(project.path, 101, kBody);
    OpenPage open(project.path, kLongRound, kAnnId);
    auto& page = *open.page;
    REQUIRE(page.currentKey()->postId == 101);
    auto* model = page.quotesModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    auto* viewer = page.viewer();

    // The post's context menu keeps Qt's entries and offers the quote.
    {
        selectInViewer(*viewer, QStringLiteral("The converter fails on Android"));
        const std::unique_ptr<QMenu> menu(viewer->makeContextMenu({5, 5}));
        QStringList entries;
        for (const QAction* action : menu->actions())
            entries << action->objectName();
        CHECK(entries.contains(QStringLiteral("edit-copy")));
        CHECK(entries.contains(QStringLiteral("select-all")));
        CHECK(entries.contains(QStringLiteral("actionQuoteSelection")));
    }

    // Nothing ticked: refused, with what to do.
    selectInViewer(*viewer, QStringLiteral("The converter fails on Android"));
    QTest::keyClick(viewer, Qt::Key_E, Qt::ControlModifier);
    CHECK(page.statusText() ==
          QStringLiteral("Tick the category this passage is evidence for first."));
    CHECK_FALSE(lb::loadLabel(open.db(), {kLongRound, 101, kAnnId})->has_value());
    CHECK(page.undoStack()->count() == 0);

    // Two ticked: the dialog offers both by path, the one under the tree's cursor first.
    page.categoryItem(project.id("Procedure"))->setCheckState(Qt::Checked);
    page.categoryItem(project.id("Format"))->setCheckState(Qt::Checked);
    page.categoryTree()->setCurrentIndex(page.categoryItem(project.id("Format"))->index());
    open.dialogs.choicesToMake << kProcedure;
    selectInViewer(*viewer, QStringLiteral("The converter fails on Android"));
    QTest::keyClick(viewer, Qt::Key_E, Qt::ControlModifier);
    REQUIRE(open.dialogs.offeredChoices.size() == 1);
    CHECK(open.dialogs.offeredChoices.front() == QStringList{kFormat, kProcedure});
    CHECK(page.undoStack()->count() == 1);

    // The label holds the quote, counted in code points of the body's plain text.
    auto content = labelOf(open, 101);
    CHECK(content.categories.size() == 2);
    REQUIRE(content.quotes.size() == 1);
    const lb::Quote quote = content.quotes.front();
    CHECK(quote.category == project.id("Procedure"));
    CHECK(quote.part == taxo::corpus::PostPart::Body);
    CHECK(quote.partSourceId.empty());
    CHECK(quote.text == "The converter fails on Android");
    // "Größe ½ 😀: how do I export the model? Use the converter." is 56 code points (57
    // UTF-16 units, 62 bytes), then the line break between the paragraphs: the passage
    // starts at 57.
    CHECK(quote.start == 57);
    CHECK(quote.end == 57 + 30);
    CHECK(page.savedText().startsWith(QStringLiteral("✔ Quoted “The converter fails on Android” "
                                                     "for ") +
                                      kProcedure + QStringLiteral("; saved post 5000")));

    // Listed under the label.
    REQUIRE(model->rowCount() == 1);
    CHECK(cell(*model, 0, taxo::ui::QuotesModel::CategoryColumn) == kProcedure);
    CHECK(cell(*model, 0, taxo::ui::QuotesModel::TextColumn) ==
          QStringLiteral("“The converter fails on Android”"));
    CHECK(cell(*model, 0, taxo::ui::QuotesModel::PlaceColumn) == QStringLiteral("body 57–87"));

    // The same passage for the same category again: said, nothing changes.
    open.dialogs.choicesToMake << kProcedure;
    selectInViewer(*viewer, QStringLiteral("The converter fails on Android"));
    QTest::keyClick(viewer, Qt::Key_E, Qt::ControlModifier);
    CHECK(page.statusText().startsWith(QStringLiteral("Already quoted")));
    CHECK(page.undoStack()->count() == 1);
    CHECK(labelOf(open, 101).quotes.size() == 1);

    // A passage of the answer for Format: its part and id, counted from the answer's start.
    open.dialogs.choicesToMake << kFormat;
    QTextCursor answer = viewer->document()->find(
        QStringLiteral("Use the converter."), viewer->document()->find(QStringLiteral("answer")));
    REQUIRE_FALSE(answer.isNull());
    viewer->setTextCursor(answer);
    QTest::keyClick(viewer, Qt::Key_E, Qt::ControlModifier);
    content = labelOf(open, 101);
    REQUIRE(content.quotes.size() == 2);
    CHECK(content.quotes[1].part == taxo::corpus::PostPart::Answer);
    CHECK(content.quotes[1].partSourceId == "a101");
    CHECK(content.quotes[1].start == 0);
    CHECK(content.quotes[1].end == 18);
    CHECK(model->rowCount() == 2);

    // Delete on the list removes the chosen quote (the body's comes first, in post order).
    page.quotesView()->setFocus();
    page.quotesView()->setCurrentIndex(model->index(0, 0));
    QTest::keyClick(page.quotesView(), Qt::Key_Delete);
    content = labelOf(open, 101);
    REQUIRE(content.quotes.size() == 1);
    CHECK(content.quotes.front().part == taxo::corpus::PostPart::Answer);
    CHECK(model->rowCount() == 1);
    CHECK(page.savedText().startsWith(QStringLiteral("✔ Removed the quote")));
    CHECK(page.undoStack()->count() == 3);

    // Ctrl+Z puts it back, exactly.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Z, Qt::ControlModifier);
    content = labelOf(open, 101);
    REQUIRE(content.quotes.size() == 2);
    CHECK(content.quotes.front() == quote);
    CHECK(model->rowCount() == 2);
    CHECK(page.savedText().startsWith(QStringLiteral("↶ Undid: Removed the quote")));

    // Quoting is one step that undo and redo take back and forth exactly.
    taxo::test::checkUndoRedo(
        *page.undoStack(), [&] { return taxo::test::projectState(open.db()); },
        [&] {
            selectInViewer(*viewer, QStringLiteral("Which version?"));
            open.dialogs.choicesToMake << kFormat;
            QTest::keyClick(viewer, Qt::Key_E, Qt::ControlModifier);
        });
    CHECK(labelOf(open, 101).quotes.back().part == taxo::corpus::PostPart::Comment);
    CHECK(labelOf(open, 101).quotes.back().partSourceId == "c101");
}

TEST_CASE("ticking another category keeps the quotes; unticking one drops its quotes in the "
          "same save, and undo brings them back",
          "[gui][labeling][quotes]") {
    taxo::test::LabelingProject project(4);
    setBody(project.path, 101, kBody);
    {
        taxo::ui::ProjectSession session;
        REQUIRE(session.open(QString::fromStdString(project.path)).isEmpty());
        auto& db = session.project()->db();
        lb::LabelContent content;
        content.categories = {project.id("Format")};
        content.quotes = {
            {project.id("Format"), taxo::corpus::PostPart::Title, "", 0, 8, "Question"},
            {project.id("Format"), taxo::corpus::PostPart::Answer, "a101", 4, 17, "the converter"}};
        REQUIRE(lb::saveLabel(db, {kLongRound, 101, kAnnId}, content).ok());
    }
    OpenPage open(project.path, kLongRound, kAnnId);
    auto& page = *open.page;
    page.showItem(0); // the page opens on the first unlabeled post
    REQUIRE(page.currentKey()->postId == 101);
    CHECK(page.quotesModel()->rowCount() == 2);

    // Another category ticked and saved with Enter: both quotes are still there.
    page.categoryItem(project.id("Procedure"))->setCheckState(Qt::Checked);
    page.categoryTree()->setFocus();
    QTest::keyClick(page.categoryTree(), Qt::Key_Return);
    REQUIRE(page.currentKey()->postId == 102);
    auto content = labelOf(open, 101);
    CHECK(content.categories.size() == 2);
    CHECK(content.quotes.size() == 2);

    // Back on the post, Format unticked: the list drops its quotes at once, the save
    // removes them and says so.
    QTest::keyClick(page.categoryTree(), Qt::Key_Left, Qt::AltModifier);
    REQUIRE(page.currentKey()->postId == 101);
    CHECK(page.quotesModel()->rowCount() == 2);
    page.categoryItem(project.id("Format"))->setCheckState(Qt::Unchecked);
    CHECK(page.quotesModel()->rowCount() == 0);
    page.categoryTree()->setFocus();
    QTest::keyClick(page.categoryTree(), Qt::Key_Return);
    content = labelOf(open, 101);
    CHECK(content.categories == std::vector<taxo::codebook::CategoryId>{project.id("Procedure")});
    CHECK(content.quotes.empty());
    CHECK(page.savedText().startsWith(QStringLiteral("✔ Unticked ") + kFormat +
                                      QStringLiteral(" and its 2 quotes; saved post 5000")));

    // Undo: Format and its two quotes are back, and the list shows them.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Z, Qt::ControlModifier);
    REQUIRE(page.currentKey()->postId == 101);
    content = labelOf(open, 101);
    CHECK(content.quotes.size() == 2);
    CHECK(page.quotesModel()->rowCount() == 2);
    CHECK(page.savedText().startsWith(QStringLiteral("↶ Undid: Unticked")));

    // False positive replaces the categories, and their quotes with them, said too.
    page.viewer()->setFocus();
    QTest::keyClick(page.viewer(), Qt::Key_F);
    content = labelOf(open, 101);
    CHECK(content.special == lb::Special::FalsePositive);
    CHECK(content.quotes.empty());
    CHECK(page.savedText().contains(QStringLiteral("and its 2 quotes")));
}

TEST_CASE("Enter on a quote selects its own occurrence in the post; a quote whose text "
          "changed is flagged and never moved",
          "[gui][labeling][quotes]") {
    taxo::test::LabelingProject project(4);
    setBody(project.path, 101, kBody);
    {
        taxo::ui::ProjectSession session;
        REQUIRE(session.open(QString::fromStdString(project.path)).isEmpty());
        lb::LabelContent content;
        content.categories = {project.id("Format")};
        // "Use the converter." is in the body and, later, in the answer: the answer's.
        content.quotes = {{project.id("Format"), taxo::corpus::PostPart::Answer, "a101", 0, 18,
                           "Use the converter."},
                          {project.id("Format"), taxo::corpus::PostPart::Body, "", 57, 87,
                           "The converter fails on Android"}};
        REQUIRE(lb::saveLabel(session.project()->db(), {kLongRound, 101, kAnnId}, content).ok());
        // Bo quotes the same post: Ann's list never shows it (coding is blind).
        content.quotes = {
            {project.id("Format"), taxo::corpus::PostPart::Comment, "c101", 0, 5, "Which"}};
        REQUIRE(
            lb::saveLabel(session.project()->db(), {kLongRound, 101, taxo::test::kBoId}, content)
                .ok());
    }
    {
        OpenPage open(project.path, kLongRound, kAnnId);
        auto& page = *open.page;
        page.showItem(0);
        auto* model = page.quotesModel();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        REQUIRE(model->rowCount() == 2);
        // In the post's order: the body's quote first.
        CHECK(cell(*model, 0, taxo::ui::QuotesModel::PlaceColumn) == QStringLiteral("body 57–87"));
        for (int row = 0; row < 2; ++row) {
            CHECK(model->data(model->index(row, 0), taxo::ui::QuotesModel::StateRole).toInt() ==
                  static_cast<int>(lb::QuoteState::Intact));
            CHECK(model->data(model->index(row, 1), Qt::DecorationRole).isNull());
        }
        page.quotesView()->setFocus();
        page.quotesView()->setCurrentIndex(model->index(1, 0));
        QTest::keyClick(page.quotesView(), Qt::Key_Return);
        const QTextCursor selected = page.viewer()->textCursor();
        CHECK(selected.selectedText() == QStringLiteral("Use the converter."));
        const QTextCursor inBody =
            page.viewer()->document()->find(QStringLiteral("Use the converter."));
        CHECK(selected.selectionStart() > inBody.selectionStart());
        CHECK(page.currentKey()->postId == 101); // Enter on the list does not move on
    }

    // A later import changes the body: its quote is flagged, the answer's is not.
    setBody(project.path, 101, "<p>Größe ½ 😀: a question reworded.</p>");
    OpenPage open(project.path, kLongRound, kAnnId);
    auto& page = *open.page;
    auto* model = page.quotesModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    page.showItem(0);
    REQUIRE(model->rowCount() == 2);
    CHECK(model->data(model->index(0, 0), taxo::ui::QuotesModel::StateRole).toInt() ==
          static_cast<int>(lb::QuoteState::TextChanged));
    CHECK_FALSE(model->data(model->index(0, taxo::ui::QuotesModel::TextColumn), Qt::DecorationRole)
                    .isNull());
    CHECK(cell(*model, 0, taxo::ui::QuotesModel::TextColumn).startsWith(QStringLiteral("⚠")));
    CHECK(cell(*model, 0, taxo::ui::QuotesModel::TextColumn, Qt::ToolTipRole)
              .contains(QStringLiteral("the text of the body changed since it was quoted")));
    CHECK(model->data(model->index(1, 0), taxo::ui::QuotesModel::StateRole).toInt() ==
          static_cast<int>(lb::QuoteState::Intact));
    // The quote keeps its text; showing it is refused with the reason.
    CHECK(labelOf(open, 101).quotes[1].text == "The converter fails on Android");
    page.viewer()->setTextCursor(QTextCursor(page.viewer()->document()));
    CHECK_FALSE(page.showQuote(0));
    CHECK(page.statusText().contains(QStringLiteral("the text of the body changed")));
    CHECK_FALSE(page.viewer()->textCursor().hasSelection());
}
