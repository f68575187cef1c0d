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
#include <QRawFont>
#include <QScrollBar>
#include <QStandardItem>
#include <QTest>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextLayout>
#include <QTextTable>
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
