// The Coding page as the coder reads it: the post's comments and code, the keys that
// save and move on, and every line the page says about the post in front of them.
#include "core/labels/labels.h"
#include "labeling_study.h"
#include "ui/codebook/category_checklist_model.h"
#include "ui/labeling/labeling_page.h"
#include "ui/widgets/post_viewer.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCompleter>
#include <QDateTime>
#include <QGlyphRun>
#include <QLineEdit>
#include <QProgressBar>
#include <QRawFont>
#include <QScrollBar>
#include <QStandardItem>
#include <QTest>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextLayout>
#include <QTextTable>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>
#include <catch2/catch.hpp>

namespace lb = taxo::labels;
using taxo::test::kAnnId;
using taxo::test::kBoId;
using taxo::test::kLongRound;
using taxo::test::press;
using taxo::test::type;
using taxo::ui::LabelingPage;
using OpenPage = taxo::test::OpenLabelingPage;

namespace {

// The size of the font the viewer laid out `text` in, in pixels.
qreal laidOutPixelSize(const QTextDocument& document, const QString& text) {
    const QTextCursor found = document.find(text);
    REQUIRE_FALSE(found.isNull());
    const QTextBlock block = found.block();
    for (auto it = block.begin(); !it.atEnd(); ++it) {
        const QTextFragment fragment = it.fragment();
        if (!fragment.text().contains(text))
            continue;
        const auto runs = fragment.glyphRuns();
        REQUIRE_FALSE(runs.isEmpty());
        return runs.front().rawFont().pixelSize();
    }
    FAIL("no fragment holds " << text.toStdString());
    return 0;
}

} // namespace

TEST_CASE("comments read in the body's size; a long code line keeps its line and scrolls",
          "[gui][labeling][viewer]") {
    taxo::test::LabelingProject project(2);
    const std::string longLine =
        "result = convert_model(saved_model_dir, " + std::string(300, 'x') + ", quantize=True)";
    {
        taxo::ui::ProjectSession session;
        REQUIRE(session.open(QString::fromStdString(project.path)).isEmpty());
        REQUIRE(taxo::sql::runBound(
                    session.project()->db(), "UPDATE posts SET body = ? WHERE id = 101",
                    "<p>A question long enough to wrap in the viewer, as prose does: it goes on "
                    "and on about exporting a model, and converting it, and serving it, and "
                    "why none of that works as the documentation says it should.</p>"
                    "<pre><code>" +
                        longLine + "\nprint(result)</code></pre>")
                    .ok());
    }
    OpenPage open(project.path, kLongRound, kAnnId);
    // The viewer is some 750 pixels wide: the prose wraps, the code line is longer.
    auto* viewer = open.page->viewer();
    const QTextDocument& document = *viewer->document();

    CHECK(laidOutPixelSize(document, QStringLiteral("Which version?")) ==
          laidOutPixelSize(document, QStringLiteral("A question long enough")));

    const QTextBlock code = document.find(QString::fromStdString(longLine)).block();
    REQUIRE(code.isValid());
    CHECK(code.text() == QString::fromStdString(longLine));
    CHECK(code.layout()->lineCount() == 1);
    // In its own box, as wide as its longest line: the viewer scrolls sideways.
    CHECK(QTextCursor(code).currentTable() != nullptr);
    CHECK(viewer->horizontalScrollBar()->maximum() > 0);
    // Prose still wraps at the viewer's width.
    CHECK(document.find(QStringLiteral("A question long enough")).block().layout()->lineCount() >
          1);
}

namespace {

std::optional<lb::Label> labelOf(taxo::sql::Database& db, std::int64_t post,
                                 lb::CoderId coder = kAnnId) {
    auto label = lb::loadLabel(db, {kLongRound, post, coder});
    REQUIRE(label.ok());
    return *label;
}

} // namespace

TEST_CASE("F and U save the label and move to the next post, as Enter does",
          "[gui][labeling][keys]") {
    taxo::test::LabelingProject project(4);
    OpenPage open(project.path, kLongRound, kAnnId);
    LabelingPage& page = *open.page;
    REQUIRE(page.currentKey()->postId == 101);
    for (const auto& [key, special] : {std::pair{Qt::Key_F, lb::Special::FalsePositive},
                                       std::pair{Qt::Key_U, lb::Special::Unclear}}) {
        const std::int64_t post = page.currentKey()->postId;
        page.viewer()->setFocus();
        press(key);
        REQUIRE(labelOf(open.db(), post).has_value());
        CHECK(labelOf(open.db(), post)->content.special == special);
        CHECK(page.currentKey()->postId == post + 1);
        // The next post's keys go to the category tree, as after Enter.
        CHECK(page.categoryTree()->hasFocus());
    }
    CHECK(page.progressText() == QStringLiteral("2 of 4 labeled by me"));
    // Pending waits for its suggested name; Enter saves it and moves on.
    page.viewer()->setFocus();
    press(Qt::Key_P);
    CHECK(page.currentKey()->postId == 103);
    CHECK(page.suggestionEdit()->hasFocus());
    type(QStringLiteral("Hosting"));
    press(Qt::Key_Return);
    CHECK(labelOf(open.db(), 103)->content.suggestion == "Hosting");
    CHECK(page.currentKey()->postId == 104);
}

TEST_CASE("Enter in the type-ahead ticks a leaf, and unticks it when ticked",
          "[gui][labeling][keys]") {
    taxo::test::LabelingProject project(3);
    OpenPage open(project.path, kLongRound, kAnnId);
    LabelingPage& page = *open.page;
    auto* procedure = page.categoryItem(project.id("Procedure"));
    page.categoryTree()->setFocus();
    press(Qt::Key_Slash);
    type(QStringLiteral("procedure"));
    press(Qt::Key_Return);
    CHECK(procedure->checkState() == Qt::Checked);
    CHECK(page.statusText().startsWith(QStringLiteral("Ticked Procedure")));
    // The same name again: unticked, nothing saved.
    press(Qt::Key_Slash);
    type(QStringLiteral("procedure"));
    press(Qt::Key_Return);
    CHECK(procedure->checkState() == Qt::Unchecked);
    CHECK(page.statusText().startsWith(QStringLiteral("Unticked Procedure")));
    CHECK(page.categoryTree()->hasFocus());
    CHECK(page.undoStack()->count() == 0);
    // A part of the name, typed on the tree: ticked again, and Enter saves it.
    type(QStringLiteral("proc"));
    press(Qt::Key_Return);
    CHECK(procedure->checkState() == Qt::Checked);
    press(Qt::Key_Return);
    CHECK(labelOf(open.db(), 101)->content.categories ==
          std::vector<taxo::codebook::CategoryId>{project.id("Procedure")});
}

namespace {

// The local clock time a label's UTC time stamp shows as.
QDateTime localTime(const std::string& updated) {
    return QDateTime::fromString(QString::fromStdString(updated), Qt::ISODateWithMs).toLocalTime();
}

} // namespace

TEST_CASE("the Coding page names a post as its header does, and its lines follow undo",
          "[gui][labeling][undo]") {
    taxo::test::LabelingProject project(4);
    OpenPage open(project.path, kLongRound, kAnnId);
    LabelingPage& page = *open.page;
    // Post 101 came from Stack Overflow as 5000: the header, the lines and the undo
    // history all say 5000; the place in the list never reads as a post's number.
    CHECK(page.viewer()->toPlainText().contains(QStringLiteral("id 5000")));
    CHECK(page.positionText() == QStringLiteral("1 of 4 in this round"));
    page.viewer()->setFocus();
    press(Qt::Key_F);
    CHECK(page.savedText().startsWith(
        QStringLiteral("✔ Saved post 5000 — Question 101 on quantization at ")));
    CHECK(page.positionText() == QStringLiteral("2 of 4 in this round"));
    page.viewer()->setFocus();
    press(Qt::Key_U);
    REQUIRE(page.currentKey()->postId == 103);
    CHECK(
        page.savedText().startsWith(QStringLiteral("✔ Saved post 5001 — Question 102 on export")));
    CHECK(page.undoStack()->undoText() ==
          QStringLiteral("Label post 5001 — Question 102 on export"));

    // Undo: the saved line would now be untrue; it says what the step did.
    press(Qt::Key_Z, Qt::ControlModifier);
    CHECK_FALSE(labelOf(open.db(), 102).has_value());
    CHECK(page.currentKey()->postId == 102);
    CHECK(
        page.savedText() ==
        QStringLiteral("↶ Undid the label of post 5001 — Question 102 on export: it has none now"));
    CHECK(page.labeledAtText().isEmpty());
    press(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(labelOf(open.db(), 102)->content.special == lb::Special::Unclear);
    CHECK(page.savedText().startsWith(
        QStringLiteral("↷ Redid the label of post 5001 — Question 102 on export at ")));
    CHECK_FALSE(page.labeledAtText().isEmpty());

    // A label changed, then undone: the earlier label is back, and the line says so.
    REQUIRE(page.currentKey()->postId == 102);
    page.viewer()->setFocus();
    press(Qt::Key_F);
    CHECK(labelOf(open.db(), 102)->content.special == lb::Special::FalsePositive);
    press(Qt::Key_Z, Qt::ControlModifier);
    CHECK(labelOf(open.db(), 102)->content.special == lb::Special::Unclear);
    CHECK(page.savedText() == QStringLiteral("↶ Undid the change: post 5001 — Question 102 on "
                                             "export has its earlier label again"));

    // In a filtered list the place says so.
    page.setItemFilter({true, {}, {}, {}});
    CHECK(page.positionText() == QStringLiteral("1 of 2 in the filtered list"));
}

TEST_CASE("a post labeled before says when, in local time", "[gui][labeling]") {
    taxo::test::LabelingProject project(4);
    {
        taxo::ui::ProjectSession session;
        REQUIRE(session.open(QString::fromStdString(project.path)).isEmpty());
        auto& db = session.project()->db();
        lb::LabelContent procedure;
        procedure.categories = {project.id("Procedure")};
        REQUIRE(lb::saveLabel(db, {kLongRound, 101, kAnnId}, procedure).ok());
        lb::LabelContent unclear;
        unclear.special = lb::Special::Unclear;
        REQUIRE(lb::saveLabel(db, {kLongRound, 102, kAnnId}, unclear).ok());
        // A label of an earlier day (the time stamp is core's, in UTC).
        REQUIRE(taxo::sql::runBound(db,
                                    "UPDATE labels SET updated = '2020-03-01T12:15:00.000Z' "
                                    "WHERE post_id = 102 AND coder_id = ?",
                                    kAnnId)
                    .ok());
        // Bo's label on post 103 is not Ann's: nothing is said of it.
        REQUIRE(lb::saveLabel(db, {kLongRound, 103, kBoId}, procedure).ok());
    }
    OpenPage open(project.path, kLongRound, kAnnId);
    LabelingPage& page = *open.page;
    // The page opens on the first post still to label.
    REQUIRE(page.currentKey()->postId == 103);
    CHECK(page.labeledAtText().isEmpty());

    page.categoryTree()->setFocus();
    press(Qt::Key_Left, Qt::AltModifier);
    press(Qt::Key_Left, Qt::AltModifier);
    REQUIRE(page.currentKey()->postId == 101);
    const QDateTime saved = localTime(labelOf(open.db(), 101)->updated);
    CHECK(page.labeledAtText() ==
          QStringLiteral("Labeled by you at %1").arg(saved.toString(QStringLiteral("HH:mm"))));
    CHECK(page.categoryItem(project.id("Procedure"))->checkState() == Qt::Checked);

    press(Qt::Key_Right, Qt::AltModifier);
    const QDateTime earlier = localTime("2020-03-01T12:15:00.000Z");
    CHECK(page.labeledAtText() == QStringLiteral("Labeled by you on %1 at %2")
                                      .arg(earlier.toString(QStringLiteral("yyyy-MM-dd")),
                                           earlier.toString(QStringLiteral("HH:mm"))));

    // Labeled now, then visited again: today's time.
    press(Qt::Key_Right, Qt::AltModifier);
    CHECK(page.labeledAtText().isEmpty());
    page.viewer()->setFocus();
    press(Qt::Key_F);
    REQUIRE(page.currentKey()->postId == 104);
    press(Qt::Key_Left, Qt::AltModifier);
    CHECK(page.labeledAtText().startsWith(QStringLiteral("Labeled by you at ")));

    // The day shows only when it is not today.
    const QDateTime noon(QDate(2024, 5, 6), QTime(12, 0));
    CHECK(LabelingPage::labeledLine(noon.toUTC().toString(Qt::ISODateWithMs).toStdString(), noon) ==
          QStringLiteral("Labeled by you at 12:00"));
    CHECK(LabelingPage::labeledLine(noon.toUTC().toString(Qt::ISODateWithMs).toStdString(),
                                    noon.addDays(1)) ==
          QStringLiteral("Labeled by you on 2024-05-06 at 12:00"));
}

TEST_CASE("the suggestion field completes the coder's own suggestions and the codebook's names",
          "[gui][labeling][blind]") {
    taxo::test::LabelingProject project(4);
    {
        taxo::ui::ProjectSession session;
        REQUIRE(session.open(QString::fromStdString(project.path)).isEmpty());
        auto& db = session.project()->db();
        lb::LabelContent pending;
        pending.special = lb::Special::Pending;
        pending.suggestion = "Hosting";
        REQUIRE(lb::saveLabel(db, {kLongRound, 101, kAnnId}, pending).ok());
        // Bo's suggestion on the same post: Ann must never be offered it.
        pending.suggestion = "Ghost hosting";
        REQUIRE(lb::saveLabel(db, {kLongRound, 101, kBoId}, pending).ok());
    }
    OpenPage open(project.path, kLongRound, kAnnId);
    LabelingPage& page = *open.page;
    REQUIRE(page.currentKey()->postId == 102);
    QCompleter* completer = page.suggestionCompleter();
    const auto offered = [&] {
        QStringList shown;
        for (int row = 0; row < completer->completionModel()->rowCount(); ++row)
            shown << completer->completionModel()->index(row, 0).data().toString();
        return shown;
    };
    page.categoryTree()->setFocus();
    press(Qt::Key_7, Qt::ControlModifier);
    REQUIRE(page.suggestionEdit()->hasFocus());
    // Anywhere in the text, whatever the case.
    type(QStringLiteral("OST"));
    CHECK(offered() == QStringList{QStringLiteral("Hosting")});
    page.suggestionEdit()->clear();
    type(QStringLiteral("form"));
    CHECK(offered() == QStringList{QStringLiteral("Format")});
    // Chosen from the list, then saved with Enter.
    page.suggestionEdit()->clear();
    type(QStringLiteral("host"));
    REQUIRE(completer->popup()->isVisible());
    QTest::keyClick(completer->popup(), Qt::Key_Down);
    QTest::keyClick(completer->popup(), Qt::Key_Return);
    CHECK(page.suggestionEdit()->text() == QStringLiteral("Hosting"));
    CHECK(page.currentKey()->postId == 102);
    press(Qt::Key_Return);
    CHECK(labelOf(open.db(), 102)->content.suggestion == "Hosting");
    CHECK(page.currentKey()->postId == 103);
}

TEST_CASE("the toolbar's Undo keeps its short text, so the progress stays in view",
          "[gui][labeling][undo]") {
    taxo::test::LabelingProject project(3);
    OpenPage open(project.path, kLongRound, kAnnId);
    LabelingPage& page = *open.page;
    auto* undo = page.findChild<QToolButton*>(QStringLiteral("actionUndoButton"));
    auto* redo = page.findChild<QToolButton*>(QStringLiteral("actionRedoButton"));
    REQUIRE(undo != nullptr);
    REQUIRE(redo != nullptr);
    CHECK_FALSE(undo->isEnabled());
    auto* progress = page.findChild<QProgressBar*>(QStringLiteral("labelingProgress"));
    REQUIRE(progress != nullptr);
    CHECK(progress->isVisible());

    page.viewer()->setFocus();
    press(Qt::Key_F);
    // The step is named in the tooltip; the button and the progress keep their place.
    CHECK(undo->isEnabled());
    CHECK(undo->text() == QStringLiteral("Undo"));
    CHECK(undo->toolTip().startsWith(QStringLiteral("Undo Label post ")));
    CHECK(progress->isVisible());
    CHECK(page.progressText() == QStringLiteral("1 of 3 labeled by me"));
    QTest::mouseClick(undo, Qt::LeftButton);
    CHECK(page.progressText() == QStringLiteral("0 of 3 labeled by me"));
    CHECK(redo->isEnabled());
    CHECK_FALSE(undo->isEnabled());
    QTest::mouseClick(redo, Qt::LeftButton);
    CHECK(page.progressText() == QStringLiteral("1 of 3 labeled by me"));
}
