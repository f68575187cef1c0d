// The Codebook page's side panel: split, description, examples and the
// three-level warning, each edit undone and redone exactly.
#include "core/labels/labels.h"
#include "labeling_study.h"
#include "ui/codebook/category_details.h"
#include "ui/codebook/category_tree_model.h"
#include "ui/codebook/codebook_page.h"
#include "ui/session/project_session.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>
#include <catch2/catch.hpp>

namespace cb = taxo::codebook;
namespace lb = taxo::labels;
using taxo::test::dumpCodebook;
using taxo::test::kAnnId;
using taxo::test::kLongRound;
using taxo::ui::CategoryDetails;
using taxo::ui::CodebookPage;

namespace {

struct CodebookFixture {
    taxo::test::LabelingProject project{6};
    taxo::ui::ProjectSession session;
    std::unique_ptr<CodebookPage> page;

    CodebookFixture() {
        REQUIRE(session.open(QString::fromStdString(project.path)).isEmpty());
        page = std::make_unique<CodebookPage>(&session);
        page->resize(1200, 800);
        page->show();
        page->refresh();
    }
    taxo::sql::Database& db() { return session.project()->db(); }
    void label(std::int64_t post, cb::CategoryId category) {
        lb::LabelContent content;
        content.categories = {category};
        REQUIRE(lb::saveLabel(db(), {kLongRound, post, kAnnId}, content).ok());
    }
    QPushButton* button(const char* name) {
        auto* found = page->details()->findChild<QPushButton*>(QString::fromLatin1(name));
        REQUIRE(found != nullptr);
        return found;
    }
};

std::vector<std::int64_t> postsOf(taxo::sql::Database& db, cb::CategoryId id) {
    auto posts = cb::postsCarrying(db, id);
    REQUIRE(posts.ok());
    return *posts;
}

} // namespace

TEST_CASE("split moves the ticked posts' labels to a new sibling, undoably",
          "[gui][codebook][split]") {
    CodebookFixture f;
    QAbstractItemModelTester tester(f.page->model(),
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);
    const auto procedure = f.project.id("Procedure");
    for (const std::int64_t post : {101, 102, 103})
        f.label(post, procedure);
    f.page->refresh();
    const auto before = dumpCodebook(f.db());
    f.page->selectCategory(procedure);
    CategoryDetails* details = f.page->details();
    QListWidget* posts = details->postsList();
    REQUIRE(posts->count() == 3);
    CHECK(posts->item(0)->text().contains(QStringLiteral("Question 101")));
    // Tick posts 102 and 103, name the sibling, split.
    posts->item(1)->setCheckState(Qt::Checked);
    posts->item(2)->setCheckState(Qt::Checked);
    details->splitNameEdit()->setText(QStringLiteral("Export scripts"));
    QPushButton* split = f.button("categorySplit");
    REQUIRE(split->isEnabled());
    split->click();
    INFO(f.page->lastError().toStdString());
    auto created = cb::findByPath(f.db(), {"Server/Cloud", "Model Export", "Export scripts"});
    REQUIRE(created.ok());
    const auto createdId = created->id;
    CHECK(postsOf(f.db(), procedure) == std::vector<std::int64_t>{101});
    CHECK(postsOf(f.db(), createdId) == std::vector<std::int64_t>{102, 103});
    CHECK(f.page->currentId() == createdId);
    const auto afterSplit = dumpCodebook(f.db());

    f.page->undoStack()->undo();
    CHECK(dumpCodebook(f.db()) == before);
    f.page->undoStack()->redo();
    CHECK(dumpCodebook(f.db()) == afterSplit);
    CHECK(postsOf(f.db(), createdId) == std::vector<std::int64_t>{102, 103});

    // A refused split (no post ticked) is shown inline and pushes nothing.
    const int steps = f.page->undoStack()->count();
    CHECK_FALSE(f.page->splitCategory(procedure, QStringLiteral("Empty"), {}));
    CHECK(f.page->lastError().contains(QStringLiteral("choose the posts")));
    CHECK(f.page->undoStack()->count() == steps);
}

TEST_CASE("a category's description and examples are edited with undo",
          "[gui][codebook][details]") {
    CodebookFixture f;
    const auto format = f.project.id("Format");
    f.page->selectCategory(format);
    CategoryDetails* details = f.page->details();
    const auto before = dumpCodebook(f.db());

    details->descriptionEdit()->setPlainText(QStringLiteral("Input and output formats."));
    f.button("categorySaveDescription")->click();
    CHECK(cb::getCategory(f.db(), format)->description == "Input and output formats.");
    // Saving the same text again is no new step.
    const int steps = f.page->undoStack()->count();
    f.button("categorySaveDescription")->click();
    CHECK(f.page->undoStack()->count() == steps);

    details->examplePostEdit()->setText(QStringLiteral("102"));
    QTest::keyClick(details->examplePostEdit(), Qt::Key_Return);
    CHECK(*cb::examples(f.db(), format) == std::vector<std::int64_t>{102});
    REQUIRE(details->examplesList()->count() == 1);
    CHECK(details->examplesList()->item(0)->text().contains(QStringLiteral("Question 102")));
    // An unknown post is refused inline.
    CHECK_FALSE(f.page->addExample(format, 99999));
    CHECK_FALSE(f.page->lastError().isEmpty());
    details->examplesList()->setCurrentRow(0);
    f.button("categoryRemoveExample")->click();
    CHECK(cb::examples(f.db(), format)->empty());

    // Three steps back: no example, then the example, then no description.
    f.page->undoStack()->undo();
    CHECK(*cb::examples(f.db(), format) == std::vector<std::int64_t>{102});
    f.page->undoStack()->undo();
    CHECK(cb::examples(f.db(), format)->empty());
    f.page->undoStack()->undo();
    CHECK(dumpCodebook(f.db()) == before);
    CHECK(details->descriptionEdit()->toPlainText().isEmpty());
    f.page->undoStack()->redo();
    CHECK(details->descriptionEdit()->toPlainText() == QStringLiteral("Input and output formats."));
}

TEST_CASE("a leaf used at the wrong level is warned about", "[gui][codebook][levels]") {
    CodebookFixture f;
    CHECK(f.page->levelSummary().isEmpty());
    // A leaf right under the root: depth 1, not the study's three levels.
    const auto shallow = taxo::test::addOrFail(f.db(), f.project.id("Server/Cloud"), "Misc");
    f.label(101, shallow);
    f.page->refresh();
    CHECK(f.page->levelSummary().contains(QStringLiteral("Misc")));
    f.page->selectCategory(shallow);
    QLabel* warning = f.page->details()->warningLabel();
    CHECK_FALSE(warning->isHidden());
    CHECK(warning->text().contains(QStringLiteral("⚠")));
    // A correctly placed leaf has no warning.
    f.page->selectCategory(f.project.id("Format"));
    CHECK(warning->isHidden());
}
