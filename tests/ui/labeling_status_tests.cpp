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
