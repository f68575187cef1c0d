// The Import dialog takes several files as ONE import, as `taxo import` does: BigQuery's
// posts_answers, chosen before posts_questions, meets its questions, and the Corpus page
// shows the answers under their question.

#include "scripted_dialogs.h"
#include "tests/support/test_support.h"
#include "ui/corpus/corpus_page.h"
#include "ui/corpus/import_dialog.h"
#include "ui/corpus/post_table_model.h"
#include "ui/session/project_session.h"
#include "ui/support/job_runner.h"
#include "ui/support/qt_text.h"
#include "ui/widgets/post_viewer.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QLabel>
#include <QListWidget>
#include <QMap>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <catch2/catch.hpp>

using taxo::ui::CorpusPage;
using taxo::ui::ImportDialog;
using taxo::ui::ProjectSession;
using taxo::ui::toQ;

namespace {

QString shapes(const char* name) {
    return toQ(taxo::test::fixture(std::string("import/shapes/") + name));
}

struct EmptyPage {
    taxo::test::TempDir dir;
    ProjectSession session;
    std::shared_ptr<taxo::test::ScriptedDialogs> dialogs =
        std::make_shared<taxo::test::ScriptedDialogs>();
    std::unique_ptr<CorpusPage> page;

    EmptyPage() {
        QSettings().clear();
        REQUIRE(session.create(toQ(dir.file("corpus.taxo")), QStringLiteral("corpus")).isEmpty());
        page = std::make_unique<CorpusPage>(&session, *dialogs);
        page->resize(1200, 800);
        page->show();
        page->refresh();
        REQUIRE(page->model()->waitForCount(10000));
    }
};

void click(ImportDialog* dialog, const char* objectName) {
    auto* button = dialog->findChild<QPushButton*>(QString::fromLatin1(objectName));
    REQUIRE(button != nullptr);
    REQUIRE(button->isEnabled());
    button->click();
}

} // namespace

TEST_CASE("the import dialog imports BigQuery's answers and questions files as one import",
          "[gui][import]") {
    EmptyPage f;
    QAbstractItemModelTester tester(f.page->model(),
                                    QAbstractItemModelTester::FailureReportingMode::Warning);
    QSignalSpy changed(&f.session, &ProjectSession::dataChanged);
    ImportDialog* dialog = f.page->openImportDialog();
    REQUIRE(dialog != nullptr);
    QAbstractItemModelTester listTester(dialog->sourceList()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::Warning);

    // The answers file first, in one choice with a stray file; then the questions file,
    // and the answers file again (listed once).
    const QString stray = toQ(f.dir.file("stray.csv"));
    f.dialogs->fileListsToReturn << QStringList{shapes("posts_answers.csv"), stray};
    click(dialog, "importAddFiles");
    f.dialogs->fileListsToReturn << QStringList{shapes("posts_questions.csv"),
                                                shapes("posts_answers.csv")};
    click(dialog, "importAddFiles");
    CHECK(dialog->sources() ==
          QStringList{shapes("posts_answers.csv"), stray, shapes("posts_questions.csv")});

    // A missing file is refused before anything runs; removing it from the list helps.
    dialog->startButton()->click();
    CHECK_FALSE(dialog->isRunning());
    CHECK(dialog->statusLabel()->text().contains(QStringLiteral("no file or folder")));
    CHECK(dialog->statusLabel()->text().contains(stray));
    dialog->sourceList()->item(1)->setSelected(true);
    click(dialog, "importRemove");
    CHECK(dialog->sources() ==
          QStringList{shapes("posts_answers.csv"), shapes("posts_questions.csv")});
    CHECK(dialog->statusLabel()->text().isEmpty());

    dialog->startButton()->click();
    REQUIRE(dialog->isRunning());
    CHECK_FALSE(dialog->sourceList()->isEnabled());
    REQUIRE(dialog->runner()->waitForFinished(60000));
    INFO(dialog->statusLabel()->text().toStdString());
    CHECK(dialog->statusLabel()->text().startsWith(
        QStringLiteral("Imported 2 questions, 2 answers and 0 comments")));
    CHECK(changed.count() == 1);
    CHECK(dialog->sourceList()->isEnabled());

    // The Corpus page shows the question with both answers.
    REQUIRE(f.page->model()->waitForCount(10000));
    REQUIRE(f.page->model()->totalCount() == 2);
    bool shown = false;
    for (int row = 0; row < f.page->model()->rowCount(); ++row) {
        f.page->table()->selectRow(row);
        const QString text = f.page->viewer()->toPlainText();
        if (!text.contains(QStringLiteral("How do I freeze a Keras layer?")))
            continue;
        shown = true;
        CHECK(text.contains(QStringLiteral("layer.trainable = False")));
        CHECK(text.contains(QStringLiteral("Или заморозьте всё.")));
    }
    CHECK(shown);
}

TEST_CASE("a typed path is a source of the import dialog", "[gui][import]") {
    EmptyPage f;
    ImportDialog* dialog = f.page->openImportDialog();
    REQUIRE(dialog != nullptr);
    CHECK_FALSE(dialog->startButton()->isEnabled());
    click(dialog, "importAddPath");
    REQUIRE(dialog->sourceList()->count() == 1);
    // An empty row is no source.
    CHECK_FALSE(dialog->startButton()->isEnabled());
    dialog->sourceList()->item(0)->setText(QStringLiteral("  ") + shapes("posts_questions.csv"));
    CHECK(dialog->sources() == QStringList{shapes("posts_questions.csv")});
    CHECK(dialog->startButton()->isEnabled());
    dialog->reject();
}

TEST_CASE("each Alt key of the import dialog is bound once", "[gui][import][keys]") {
    EmptyPage f;
    ImportDialog* dialog = f.page->openImportDialog();
    REQUIRE(dialog != nullptr);
    // Alt+letter from a button's "&X" text, and from a label's "&X" that moves to its buddy.
    QMap<QString, QStringList> keys;
    for (auto* button : dialog->findChildren<QAbstractButton*>())
        if (button->isVisibleTo(dialog) && !button->shortcut().isEmpty())
            keys[button->shortcut().toString(QKeySequence::PortableText)] << button->text();
    for (auto* label : dialog->findChildren<QLabel*>()) {
        const QString text = label->text();
        const auto amp = text.indexOf(QLatin1Char('&'));
        if (label->buddy() == nullptr || amp < 0 || amp + 1 >= text.size())
            continue;
        keys[QStringLiteral("Alt+") + text.at(amp + 1).toUpper()] << text;
    }
    CHECK(keys.size() >= 5);
    for (auto it = keys.begin(); it != keys.end(); ++it) {
        INFO(it.key().toStdString()
             << " is bound to " << it.value().join(QStringLiteral(", ")).toStdString());
        CHECK(it.value().size() == 1);
    }
    dialog->reject();
}
