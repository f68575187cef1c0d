// The labeling view as a coder uses it: keys only, filters, type-ahead, the
// post with its answers, hostile post HTML, blindness, and the Codes panel.
#include "core/labels/codes.h"
#include "labeling_study.h"
#include "ui/codebook/category_checklist_model.h"
#include "ui/labeling/codes_model.h"
#include "ui/labeling/codes_panel.h"
#include "ui/labeling/labeling_page.h"
#include "ui/support/qt_text.h"
#include "ui/widgets/post_viewer.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QProgressBar>
#include <QStandardItem>
#include <QTableView>
#include <QTest>
#include <QTextDocument>
#include <QTreeView>
#include <QUndoStack>
#include <catch2/catch.hpp>

using taxo::ui::toQ;

namespace lb = taxo::labels;
using taxo::test::kAnnId;
using taxo::test::kBoId;
using taxo::test::kLongRound;
using taxo::ui::LabelingPage;
using taxo::ui::ProjectSession;

namespace {

using OpenPage = taxo::test::OpenLabelingPage;
using taxo::test::press;
using taxo::test::type;

std::optional<lb::Label> labelOf(taxo::sql::Database& db, std::int64_t round, std::int64_t post,
                                 lb::CoderId coder) {
    auto label = lb::loadLabel(db, {round, post, coder});
    REQUIRE(label.ok());
    return *label;
}

} // namespace

TEST_CASE("a coder labels 20 posts with keys only; closed and reopened, all 20 are there",
          "[gui][labeling][keys]") {
    taxo::test::LabelingProject project;
    std::map<std::int64_t, lb::LabelContent> expected;
    {
        OpenPage open(project.path, kLongRound, kAnnId);
        LabelingPage& page = *open.page;
        REQUIRE(page.itemCount() == 24);
        page.categoryTree()->setFocus();
        for (int i = 0; i < 20; ++i) {
            const std::int64_t post = page.currentKey()->postId;
            REQUIRE(post == 101 + i);
            lb::LabelContent content;
            switch (i % 5) {
            case 0: // "/" opens the type-ahead; Enter ticks the match, Enter saves
                press(Qt::Key_Slash);
                type(QStringLiteral("procedure"));
                press(Qt::Key_Return);
                press(Qt::Key_Return);
                content.categories = {project.id("Procedure")};
                break;
            case 1: // Ctrl+5 saves False positive and moves on, as Enter does
                press(Qt::Key_5, Qt::ControlModifier);
                content.special = lb::Special::FalsePositive;
                break;
            case 2: // typing on the tree starts the type-ahead; two leaves, then a note
                type(QStringLiteral("mat"));
                press(Qt::Key_Return);
                type(QStringLiteral("quanti"));
                press(Qt::Key_Return);
                press(Qt::Key_N, Qt::AltModifier);
                type(QStringLiteral("both"));
                press(Qt::Key_Return);
                content.categories = {project.id("Model quantization"), project.id("Format")};
                std::sort(content.categories.begin(), content.categories.end());
                content.note = "both";
                break;
            case 3: // Ctrl+6 saves Unclear and moves on
                press(Qt::Key_6, Qt::ControlModifier);
                content.special = lb::Special::Unclear;
                break;
            case 4: // Ctrl+7 (Pending) puts the cursor in the suggestion; Enter saves it
                press(Qt::Key_7, Qt::ControlModifier);
                type(QStringLiteral("Hosting"));
                press(Qt::Key_Return);
                content.special = lb::Special::Pending;
                content.suggestion = "Hosting";
                break;
            }
            expected[post] = content;
            INFO("post " << post << ": " << page.statusText().toStdString());
            REQUIRE(page.currentKey()->postId == post + 1);
            CHECK(page.categoryTree()->hasFocus());
            // Named as the post's header names it: its source id (5000 for post 101), title.
            CHECK(page.savedText().contains(
                QStringLiteral("Saved post %1 — Question %2 on").arg(post + 4899).arg(post)));
        }
        CHECK(page.progressText() == QStringLiteral("20 of 24 labeled by me"));
        CHECK(page.progressBar()->value() == 20);
        // Ctrl+U from the last labeled post goes to the next unlabeled one.
        press(Qt::Key_Left, Qt::AltModifier);
        press(Qt::Key_U, Qt::ControlModifier);
        CHECK(page.currentKey()->postId == 121);
    }
    // A new session, as after quitting the application.
    OpenPage reopened(project.path, kLongRound, kAnnId);
    CHECK(reopened.page->progressText() == QStringLiteral("20 of 24 labeled by me"));
    for (const auto& [post, content] : expected) {
        INFO("post " << post);
        const auto label = labelOf(reopened.db(), kLongRound, post, kAnnId);
        REQUIRE(label.has_value());
        CHECK(label->content == content);
    }
    CHECK_FALSE(labelOf(reopened.db(), kLongRound, 121, kAnnId).has_value());
    // The view shows a saved label as saved.
    reopened.page->showItem(0);
    CHECK(reopened.page->categoryItem(project.id("Procedure"))->checkState() == Qt::Checked);
}

TEST_CASE("the post shows its answers, the accepted one marked, and its comments",
          "[gui][labeling]") {
    taxo::test::LabelingProject project(3);
    OpenPage open(project.path, kLongRound, kAnnId);
    const QString text = open.page->viewer()->toPlainText();
    CHECK(text.contains(QStringLiteral("Question 101 on quantization")));
    CHECK(text.contains(QStringLiteral("model.save(\"m101\")")));
    CHECK(text.contains(QStringLiteral("Accepted answer")));
    CHECK(text.contains(QStringLiteral("Use the converter.")));
    CHECK(text.contains(QStringLiteral("Which version?")));
    CHECK(text.indexOf(QStringLiteral("Which version?")) <
          text.indexOf(QStringLiteral("Use the converter.")));
}

TEST_CASE("hostile post HTML renders safely and quickly in the labeling view", "[gui][labeling]") {
    taxo::test::LabelingProject project(2);
    std::string code;
    while (code.size() < 1'000'000)
        code += "if (a &lt; b) { run(\"x\"); } // a long line of generated code\n";
    std::string table = "<table>";
    for (int row = 0; row < 4000; ++row)
        table += "<tr><td>r" + std::to_string(row) + "</td><td>v</td><td>w</td></tr>";
    table += "</table>";
    const std::string body =
        "<p>start</p><script>document.title='INJECTED'</script>"
        "<img src=\"https://evil.example/track.png\" onerror=\"alert(1)\">"
        "<iframe src=\"https://evil.example/\"></iframe><a href=\"javascript:alert(2)\">x</a>" +
        table + "<pre><code>" + code + "</code></pre>";
    {
        ProjectSession session;
        REQUIRE(session.open(toQ(project.path)).isEmpty());
        REQUIRE(taxo::sql::runBound(session.project()->db(),
                                    "UPDATE posts SET body = ? WHERE id = 102", body)
                    .ok());
    }
    OpenPage open(project.path, kLongRound, kAnnId);
    auto* viewer = open.page->viewer();
    QElapsedTimer timer;
    timer.start();
    press(Qt::Key_Right, Qt::AltModifier);
    viewer->grab();
    const qint64 elapsed = timer.elapsed();
    INFO("rendered in " << elapsed << " ms");
    CHECK(elapsed < 3000);
    REQUIRE(open.page->currentKey()->postId == 102);
    const QString html = viewer->toHtml();
    CHECK_FALSE(html.contains(QStringLiteral("INJECTED")));
    CHECK_FALSE(html.contains(QStringLiteral("javascript:")));
    CHECK_FALSE(html.contains(QStringLiteral("onerror")));
    CHECK_FALSE(html.contains(QStringLiteral("iframe")));
    CHECK(viewer->toPlainText().contains(QStringLiteral("only the first")));
    CHECK(viewer->toPlainText().contains(QStringLiteral("3700 more table rows are not shown.")));
    // The image was asked of the viewer, which draws a placeholder, never fetching.
    const QVariant image = viewer->document()->resource(
        QTextDocument::ImageResource, QUrl(QStringLiteral("https://evil.example/track.png")));
    REQUIRE(image.canConvert<QImage>());
    CHECK(image.value<QImage>().height() < 100);
}

TEST_CASE("the filters show unlabeled posts, posts by label, and searched posts",
          "[gui][labeling][filter]") {
    taxo::test::LabelingProject project(9);
    OpenPage open(project.path, kLongRound, kAnnId);
    LabelingPage& page = *open.page;
    auto& db = open.db();
    lb::LabelContent procedure;
    procedure.categories = {project.id("Procedure")};
    REQUIRE(lb::saveLabel(db, {kLongRound, 101, kAnnId}, procedure).ok());
    lb::LabelContent unclear;
    unclear.special = lb::Special::Unclear;
    REQUIRE(lb::saveLabel(db, {kLongRound, 102, kAnnId}, unclear).ok());
    // Bo's labels never filter Ann's list.
    REQUIRE(lb::saveLabel(db, {kLongRound, 103, kBoId}, procedure).ok());
    page.refresh();
    const auto shown = [&] {
        std::vector<std::int64_t> ids;
        for (const auto& row : page.items())
            ids.push_back(row.postId);
        return ids;
    };
    using Ids = std::vector<std::int64_t>;

    page.showFilter()->setCurrentIndex(page.showFilter()->findText(QStringLiteral("Unlabeled")));
    CHECK(shown() == Ids{103, 104, 105, 106, 107, 108, 109});
    CHECK(page.positionText() == QStringLiteral("1 of 7 in the filtered list"));
    CHECK(page.progressText() == QStringLiteral("2 of 9 labeled by me"));
    // A post labeled now stays in the list until the filter is applied again.
    page.categoryTree()->setFocus();
    press(Qt::Key_5, Qt::ControlModifier);
    CHECK(shown().size() == 7);
    page.applyItemFilter();
    CHECK(shown() == Ids{104, 105, 106, 107, 108, 109});

    page.setItemFilter({false, project.id("Model Export"), {}, {}});
    CHECK(shown() == Ids{101});
    page.setItemFilter({false, {}, lb::Special::Unclear, {}});
    CHECK(shown() == Ids{102});
    CHECK(page.currentKey()->postId == 102);
    page.setItemFilter({false, {}, lb::Special::FalsePositive, {}});
    CHECK(shown() == Ids{103});

    // The search box: words, typed and confirmed with Enter.
    page.setItemFilter({});
    page.searchEdit()->setFocus();
    type(QStringLiteral("quantization"));
    press(Qt::Key_Return);
    CHECK(shown() == Ids{101, 104, 107});
    CHECK(page.categoryTree()->hasFocus());
    // Hostile text is searched as words: no error, no syntax.
    for (const char* hostile : {"\"a\" OR b*", "NEAR(", "\"unbalanced", "title:x", "-x", "(*)"}) {
        INFO(hostile);
        page.setItemFilter({false, {}, {}, hostile});
        CHECK(page.statusText().isEmpty());
        CHECK(shown().empty());
    }
    page.setItemFilter({false, {}, {}, "\"model 105"});
    CHECK(shown() == Ids{105});
    page.setItemFilter({true, {}, {}, "quantization"});
    CHECK(shown() == Ids{104, 107});
}

TEST_CASE("type-ahead filters the tree; Enter ticks an exact or the first match",
          "[gui][labeling]") {
    taxo::test::LabelingProject project(3);
    OpenPage open(project.path, kLongRound, kAnnId);
    LabelingPage& page = *open.page;
    page.categoryTree()->setFocus();
    press(Qt::Key_Slash);
    REQUIRE(page.typeAheadEdit()->hasFocus());
    type(QStringLiteral("model"));
    // Only leaves whose name holds the text, and the path to them, stay visible.
    CHECK_FALSE(page.isCategoryHidden(project.id("Model quantization")));
    CHECK(page.isCategoryHidden(project.id("Format")));
    CHECK(page.isCategoryHidden(project.id("Procedure")));
    CHECK_FALSE(page.isCategoryHidden(project.id("Model Export")));
    press(Qt::Key_Return);
    INFO("status: " << page.statusText().toStdString());
    CHECK(page.categoryItem(project.id("Model quantization"))->checkState() == Qt::Checked);
    CHECK(page.typeAheadEdit()->text().isEmpty());
    CHECK(page.categoryTree()->hasFocus());
    CHECK_FALSE(page.isCategoryHidden(project.id("Format")));
    // Nothing matches: said inline, nothing ticked, nothing saved.
    press(Qt::Key_Slash);
    type(QStringLiteral("zzz"));
    press(Qt::Key_Return);
    CHECK(page.statusText().contains(QStringLiteral("No category matches")));
    CHECK(page.undoStack()->count() == 0);
    // Escape leaves the type-ahead empty and returns to the tree.
    press(Qt::Key_Escape);
    CHECK(page.categoryTree()->hasFocus());
    CHECK(page.typeAheadEdit()->text().isEmpty());
    // Space on the tree unticks and ticks the current leaf.
    REQUIRE(page.categoryTree()->currentIndex() ==
            page.categoryModel()->indexFor(project.id("Model quantization")));
    press(Qt::Key_Space);
    CHECK(page.categoryItem(project.id("Model quantization"))->checkState() == Qt::Unchecked);
    press(Qt::Key_Space);
    CHECK(page.categoryItem(project.id("Model quantization"))->checkState() == Qt::Checked);
    press(Qt::Key_Return);
    CHECK(labelOf(open.db(), kLongRound, 101, kAnnId)->content.categories ==
          std::vector<taxo::codebook::CategoryId>{project.id("Model quantization")});
    CHECK(page.savedText().contains(QStringLiteral("Saved post 5000 — Question 101")));
    // Ctrl+Z undoes the last label.
    press(Qt::Key_Z, Qt::ControlModifier);
    CHECK_FALSE(labelOf(open.db(), kLongRound, 101, kAnnId).has_value());
}
