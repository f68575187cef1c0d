#include "core/corpus/post_entry.h"
#include "scripted_dialogs.h"
#include "tests/support/test_support.h"
#include "ui/app/main_window.h"
#include "ui/corpus/corpus_page.h"
#include "ui/corpus/import_dialog.h"
#include "ui/corpus/post_table_model.h"
#include "ui/session/project_session.h"
#include "ui/support/job_runner.h"
#include "ui/support/progress_text.h"
#include "ui/support/qt_text.h"
#include "ui/widgets/post_viewer.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QTextDocument>
#include <QTimer>
#include <catch2/catch.hpp>
#include <thread>

using taxo::ui::toQ;

using taxo::ui::CorpusPage;
using taxo::ui::ImportDialog;
using taxo::ui::JobRunner;
using taxo::ui::PostTableModel;
using taxo::ui::PostViewer;
using taxo::ui::ProjectSession;

namespace {

// 600 generated posts (more than two model pages) plus one hand-written post with
// answers, comments, an image, links and code, written as entries (corpus::addPosts).
void fillCorpus(taxo::Project& project) {
    std::vector<taxo::corpus::PostEntry> posts;
    for (int i = 1; i <= 600; ++i) {
        const bool staking = i % 3 == 0;
        taxo::corpus::PostEntry post{"cardano.stackexchange.com", std::to_string(1000 + i),
                                     (staking ? "Staking pool question " : "Wallet question ") +
                                         std::to_string(i),
                                     "<p>Body of post " + std::to_string(i) + "</p>"};
        post.tags = {staking ? "staking" : "wallet"};
        post.created = "2021-05-01T10:00:00.000";
        post.ownerUserId = "42";
        post.score = i % 7;
        post.answerCount = 0;
        posts.push_back(std::move(post));
    }
    taxo::corpus::PostEntry plutus{
        "cardano.stackexchange.com", "9001", "Plutus script fails to validate",
        "<p>My script fails.</p><pre><code>cardano-cli transaction build</code></pre>"
        "<p><img src=\"https://i.stack.imgur.com/abc.png\" alt=\"log\"></p>"
        "<p><img src=\"file:///etc/passwd\"></p>"
        "<p><a href=\"/questions/12\">related</a> <a href=\"javascript:alert(1)\">bad</a></p>"
        "<script>document.write(\"INJECTED\")</script><style>p { color: red }</style>"};
    plutus.tags = {"plutus", "wallet"};
    plutus.created = "2021-06-01T09:30:00.000";
    plutus.ownerDisplayName = "Alice";
    plutus.score = 4;
    plutus.viewCount = 77;
    plutus.answerCount = 2;
    plutus.acceptedAnswerSourceId = "9003";
    plutus.answers = {{.sourceId = "9002",
                       .body = "<p>Check the datum hash.</p>",
                       .created = "2021-06-01T11:00:00.000",
                       .ownerDisplayName = "Bob",
                       .score = 10},
                      {.sourceId = "9003",
                       .body = "<p>Use the correct redeemer.</p>",
                       .created = "2021-06-02T11:00:00.000",
                       .ownerDisplayName = "Cy",
                       .score = 2,
                       .accepted = true}};
    plutus.comments = {{.sourceId = "1",
                        .text = "Which era are you in?",
                        .created = "2021-06-01T10:00:00.000",
                        .author = "Dee"},
                       {.sourceId = "2",
                        .text = "That fixed it <b>thanks</b>",
                        .answerSourceId = "9003",
                        .created = "2021-06-02T12:00:00.000",
                        .author = "Alice"}};
    posts.push_back(std::move(plutus));
    auto ids = taxo::corpus::addPosts(project.db(), posts);
    INFO((ids.ok() ? std::string() : ids.message()));
    REQUIRE(ids.ok());
    REQUIRE(ids->back() == 601);
}

struct PageFixture {
    taxo::test::TempDir dir;
    ProjectSession session;
    std::shared_ptr<taxo::test::ScriptedDialogs> dialogs =
        std::make_shared<taxo::test::ScriptedDialogs>();
    std::unique_ptr<CorpusPage> page;

    explicit PageFixture(bool filled = true) {
        QSettings().clear();
        REQUIRE(session.create(toQ(dir.file("corpus.taxo")), QStringLiteral("corpus")).isEmpty());
        if (filled)
            fillCorpus(*session.project());
        page = std::make_unique<CorpusPage>(&session, *dialogs);
        page->resize(1200, 800);
        page->show();
        page->refresh();
        // More posts than a page: the count arrives from the worker thread.
        REQUIRE(page->model()->waitForCount(10000));
    }

    void search(const QString& text) {
        page->searchEdit()->clear();
        QTest::keyClicks(page->searchEdit(), text);
        QTest::keyClick(page->searchEdit(), Qt::Key_Return);
        REQUIRE(page->model()->waitForCount(10000));
    }

    void selectPost(std::int64_t id) {
        const int row = page->model()->rowOfPost(id);
        REQUIRE(row >= 0);
        page->table()->selectRow(row);
        REQUIRE(page->viewer()->postId() == id);
    }
};

} // namespace

TEST_CASE("the post model passes the model tester and fetches in pages", "[gui][corpus]") {
    PageFixture f;
    PostTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    CHECK(model.rowCount() == 0);
    CHECK_FALSE(model.canFetchMore({}));

    model.setDatabase(&f.session.project()->db());
    CHECK(model.totalCount() == 601);
    CHECK(model.rowCount() == PostTableModel::kPageSize);
    REQUIRE(model.canFetchMore({}));
    model.fetchMore({});
    CHECK(model.rowCount() == 2 * PostTableModel::kPageSize);
    model.fetchMore({});
    CHECK(model.rowCount() == 601);
    CHECK_FALSE(model.canFetchMore({}));

    CHECK(model.columnCount() == PostTableModel::ColumnCount);
    CHECK(model.data(model.index(0, PostTableModel::SourceId)).toString() ==
          QStringLiteral("1001"));
    CHECK(model.data(model.index(0, PostTableModel::Title)).toString() ==
          QStringLiteral("Wallet question 1"));
    CHECK(model.data(model.index(0, PostTableModel::Owner)).toString() ==
          QStringLiteral("user 42"));
    CHECK(model.data(model.index(0, PostTableModel::Created)).toString() ==
          QStringLiteral("2021-05-01"));
    CHECK(model.data(model.index(600, PostTableModel::Tags)).toString() ==
          QStringLiteral("plutus wallet"));
    CHECK(model.data(model.index(600, PostTableModel::Accepted)).toString() == QStringLiteral("✔"));
    CHECK(model.data(model.index(0, PostTableModel::Accepted)).toString().isEmpty());
    CHECK(model.data(model.index(600, 0), PostTableModel::PostIdRole).toLongLong() == 601);
    CHECK(model.headerData(PostTableModel::Title, Qt::Horizontal).toString() ==
          QStringLiteral("Title"));

    // A filter resets to its first page; the tester watches the reset.
    taxo::corpus::PostFilter staking;
    staking.tag = "staking";
    CHECK(model.setFilter(staking).isEmpty());
    CHECK(model.totalCount() == 200);
    CHECK(model.rowCount() == 200);
    CHECK_FALSE(model.canFetchMore({}));

    model.setDatabase(nullptr);
    CHECK(model.rowCount() == 0);
}

TEST_CASE("the Corpus page filters by tag and searches, showing FTS errors inline",
          "[gui][corpus]") {
    PageFixture f;
    auto* page = f.page.get();
    CHECK(page->countLabel()->text() == QStringLiteral("601 posts"));
    CHECK(page->errorLabel()->isHidden());

    // Tags are listed most used first, with counts.
    QComboBox* tags = page->tagBox();
    REQUIRE(tags->count() == 4);
    CHECK(tags->itemText(0) == QStringLiteral("All tags"));
    CHECK(tags->itemText(1) == QStringLiteral("wallet (401)"));
    const int stakingIndex = tags->findData(QStringLiteral("staking"));
    REQUIRE(stakingIndex > 0);
    tags->setCurrentIndex(stakingIndex);
    emit tags->activated(stakingIndex);
    CHECK(page->model()->totalCount() == 200);
    CHECK(page->countLabel()->text() == QStringLiteral("200 posts"));

    f.search(QStringLiteral("pool 300"));
    CHECK(page->model()->totalCount() == 1);
    CHECK(page->model()->data(page->model()->index(0, PostTableModel::Title)).toString() ==
          QStringLiteral("Staking pool question 300"));
    CHECK(page->countLabel()->text() == QStringLiteral("1 post"));

    tags->setCurrentIndex(0);
    emit tags->activated(0);
    f.search(QStringLiteral("plutus"));
    CHECK(page->model()->totalCount() == 1);

    // Words that are FTS syntax are harmless in plain-words mode.
    f.search(QStringLiteral("\"unbalanced AND OR *"));
    CHECK(page->errorLabel()->isHidden());
    CHECK(page->model()->totalCount() == 0);

    // In FTS mode the same search is an error, shown next to the search, not a crash.
    page->ftsSyntaxBox()->setChecked(true);
    CHECK_FALSE(page->errorLabel()->isHidden());
    CHECK(page->errorLabel()->text().contains(QStringLiteral("not a valid full-text query")));
    CHECK(page->model()->rowCount() == 0);
    CHECK(page->countLabel()->text().isEmpty());

    f.search(QStringLiteral("wallet NOT plutus"));
    CHECK(page->errorLabel()->isHidden());
    CHECK(page->model()->totalCount() == 400);

    // Clearing the search shows every post again.
    page->ftsSyntaxBox()->setChecked(false);
    page->searchEdit()->clear();
    REQUIRE(page->model()->waitForCount(10000));
    CHECK(page->model()->totalCount() == 601);
}

TEST_CASE("typing searches after a pause without pressing Enter", "[gui][corpus]") {
    PageFixture f;
    QTest::keyClicks(f.page->searchEdit(), QStringLiteral("plutus"));
    CHECK(f.page->model()->totalCount() == 601); // not yet: the search waits for a pause
    QTRY_COMPARE_WITH_TIMEOUT(f.page->model()->totalCount(), qint64(1), 3000);
}

TEST_CASE("the viewer shows the post, answers and comments, and fetches nothing", "[gui][corpus]") {
    PageFixture f;
    f.search(QStringLiteral("plutus"));
    f.selectPost(601);
    PostViewer* viewer = f.page->viewer();
    const QString text = viewer->toPlainText();
    CHECK(text.contains(QStringLiteral("Plutus script fails to validate")));
    CHECK(text.contains(QStringLiteral("cardano-cli transaction build")));
    CHECK(text.contains(QStringLiteral("Which era are you in?")));
    CHECK(text.contains(QStringLiteral("Check the datum hash.")));
    CHECK(text.contains(QStringLiteral("Use the correct redeemer.")));
    // Comment text is shown as text, not markup.
    CHECK(text.contains(QStringLiteral("That fixed it <b>thanks</b>")));
    CHECK(text.contains(QStringLiteral("2 answers, one accepted")));
    // The accepted answer comes first and is marked, though its score is lower.
    const int accepted = text.indexOf(QStringLiteral("Accepted answer"));
    REQUIRE(accepted >= 0);
    CHECK(accepted < text.indexOf(QStringLiteral("Use the correct redeemer.")));
    CHECK(text.indexOf(QStringLiteral("Use the correct redeemer.")) <
          text.indexOf(QStringLiteral("Check the datum hash.")));
    // Scripts and styles are gone.
    CHECK_FALSE(text.contains(QStringLiteral("INJECTED")));
    CHECK_FALSE(viewer->toHtml().contains(QStringLiteral("document.write")));

    // Images went through the viewer, which drew placeholders instead of loading them.
    QCoreApplication::processEvents();
    viewer->grab(); // lay out and paint, as a screen would
    const QList<QUrl>& requests = viewer->resourceRequests();
    CHECK(requests.contains(QUrl(QStringLiteral("https://i.stack.imgur.com/abc.png"))));
    CHECK(requests.contains(QUrl(QStringLiteral("file:///etc/passwd"))));
    const QVariant image = viewer->document()->resource(
        QTextDocument::ImageResource, QUrl(QStringLiteral("https://i.stack.imgur.com/abc.png")));
    REQUIRE(image.canConvert<QImage>());
    CHECK(image.value<QImage>().height() < 100); // the placeholder, not a picture
    for (const QUrl& url : requests)
        INFO(url.toString().toStdString());

    // Links open in the system browser only when clicked; unsafe ones never do.
    QList<QUrl> opened;
    viewer->setLinkOpener([&opened](const QUrl& url) { opened << url; });
    CHECK(opened.isEmpty());
    emit viewer->anchorClicked(QUrl(QStringLiteral("/questions/12")));
    emit viewer->anchorClicked(QUrl(QStringLiteral("javascript:alert(1)")));
    emit viewer->anchorClicked(QUrl(QStringLiteral("file:///etc/passwd")));
    REQUIRE(opened.size() == 1);
    CHECK(opened.first() == QUrl(QStringLiteral("https://cardano.stackexchange.com/questions/12")));
    CHECK(viewer->postId() == 601); // the viewer did not navigate away
}

TEST_CASE("the arrow keys move through the posts and the viewer follows", "[gui][corpus]") {
    PageFixture f;
    QTableView* table = f.page->table();
    table->setFocus();
    table->selectRow(0);
    CHECK(f.page->viewer()->postId() == 1);
    QTest::keyClick(table, Qt::Key_Down);
    CHECK(f.page->viewer()->postId() == 2);
    QTest::keyClick(table, Qt::Key_Down);
    CHECK(f.page->viewer()->postId() == 3);
    CHECK(f.page->viewer()->toPlainText().contains(QStringLiteral("Staking pool question 3")));
    // The filter keeps the selected post when it still matches.
    f.search(QStringLiteral("staking"));
    CHECK(f.page->viewer()->postId() == 3);
    REQUIRE(table->selectionModel()->currentIndex().isValid());
    CHECK(f.page->model()->postId(table->selectionModel()->currentIndex().row()) == 3);
}

TEST_CASE("the Id column shows a Stack Overflow id whole", "[gui][corpus]") {
    PageFixture f;
    QTableView* table = f.page->table();
    // Stack Overflow's ids have eight digits; the cell's margins take about a digit more.
    const int eightDigits = table->fontMetrics().horizontalAdvance(QStringLiteral("79999999"));
    const int digit = table->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    CHECK(table->columnWidth(taxo::ui::PostTableModel::SourceId) >= eightDigits + digit);
}

TEST_CASE("the split between table and viewer is remembered", "[gui][corpus]") {
    QList<int> moved;
    {
        PageFixture f;
        f.page->splitter()->setSizes({300, 800});
        moved = f.page->splitter()->sizes();
        emit f.page->splitter()->splitterMoved(moved.first(), 1);
    }
    taxo::test::TempDir dir;
    ProjectSession session;
    REQUIRE(session.create(toQ(dir.file("other.taxo")), QStringLiteral("other")).isEmpty());
    taxo::test::ScriptedDialogs dialogs;
    CorpusPage page(&session, dialogs);
    page.resize(1200, 800);
    page.show();
    page.refresh();
    CHECK(page.splitter()->sizes() == moved);
}

TEST_CASE("a huge post renders at once, cut with a note", "[gui][corpus]") {
    PostViewer viewer;
    viewer.resize(600, 800);
    viewer.show();
    taxo::corpus::Post post;
    post.id = 1;
    post.title = "Huge";
    std::string code;
    code.reserve(1'100'000);
    while (code.size() < 1'000'000)
        code += "int value = compute(a, b) &amp;&amp; other; // a long line of code\n";
    post.body = "<pre><code>" + code + "</code></pre>";
    taxo::corpus::Answer answer;
    answer.body = post.body;
    answer.accepted = true;
    post.answers.push_back(answer);
    QElapsedTimer timer;
    timer.start();
    viewer.showPost(post);
    viewer.grab();
    const qint64 elapsed = timer.elapsed();
    INFO("rendered in " << elapsed << " ms");
    CHECK(elapsed < 3000);
    const QString text = viewer.toPlainText();
    CHECK(text.contains(QStringLiteral("only the first")));
    CHECK(text.size() < 400'000);
}

TEST_CASE("the job runner reports progress, keeps the UI thread free and cancels", "[gui][job]") {
    JobRunner runner;
    QSignalSpy progressed(&runner, &JobRunner::progressed);
    QSignalSpy finished(&runner, &JobRunner::finished);
    std::atomic<bool> sawCancel{false};
    const auto job = [&sawCancel](const taxo::ProgressCallback& progress,
                                  const taxo::CancelFlag* cancel) -> taxo::Result<std::string> {
        for (std::uint64_t i = 1; i <= 10000; ++i) {
            if (taxo::cancelled(cancel)) {
                sawCancel = true;
                return taxo::makeError(taxo::kCancelledMessage);
            }
            taxo::Progress p;
            p.stage = "Counting";
            p.done = i;
            p.total = 10000;
            p.unit = "steps";
            p.items = i;
            p.seconds = static_cast<double>(i) / 100.0;
            progress(p);
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        return std::string("done");
    };

    SECTION("cancel stops it with the cancelled message") {
        REQUIRE(runner.start(job));
        CHECK(runner.isRunning());
        CHECK_FALSE(runner.start(job)); // one job at a time
        // The UI thread keeps turning while the job works.
        int ticks = 0;
        QTimer ticker;
        QObject::connect(&ticker, &QTimer::timeout, &ticker, [&ticks] { ++ticks; });
        ticker.start(10);
        QTRY_VERIFY_WITH_TIMEOUT(progressed.count() >= 3, 5000);
        CHECK(ticks >= 1);
        runner.cancel();
        CHECK(runner.cancelRequested());
        REQUIRE(runner.waitForFinished(10000));
        CHECK_FALSE(runner.isRunning());
        REQUIRE(finished.count() == 1);
        CHECK(finished.first().at(0).toBool() == false);
        CHECK(JobRunner::isCancelledMessage(finished.first().at(1).toString()));
        CHECK(sawCancel);
        // Progress was coalesced: far fewer signals than reports... but in order.
        const auto last = progressed.last().at(0).value<taxo::Progress>();
        const auto first = progressed.first().at(0).value<taxo::Progress>();
        CHECK(first.done <= last.done);
        CHECK(last.done < 10000);
    }
    SECTION("a job that runs to the end reports success and its message") {
        const auto quick = [](const taxo::ProgressCallback& progress,
                              const taxo::CancelFlag*) -> taxo::Result<std::string> {
            for (std::uint64_t i = 1; i <= 100000; ++i)
                progress(taxo::Progress{"Quick", i, 100000, "rows", i, 1.0});
            return std::string("all done");
        };
        REQUIRE(runner.start(quick));
        REQUIRE(runner.waitForFinished(10000));
        REQUIRE(finished.count() == 1);
        CHECK(finished.first().at(0).toBool());
        CHECK(finished.first().at(1).toString() == QStringLiteral("all done"));
        // A flood of reports arrives as a few signals, the last one the final state.
        CHECK(progressed.count() < 100000);
        CHECK(progressed.last().at(0).value<taxo::Progress>().done == 100000);
    }
    SECTION("errors and exceptions become failure messages") {
        REQUIRE(runner.start([](const taxo::ProgressCallback&,
                                const taxo::CancelFlag*) -> taxo::Result<std::string> {
            throw std::runtime_error("boom");
        }));
        REQUIRE(runner.waitForFinished(10000));
        REQUIRE(finished.count() == 1);
        CHECK_FALSE(finished.first().at(0).toBool());
        CHECK(finished.first().at(1).toString().contains(QStringLiteral("boom")));
    }
}

TEST_CASE("progress reads as bytes, rows, rate and time left", "[gui][job]") {
    taxo::Progress p{"Reading Posts.xml", 25'000'000, 100'000'000, "bytes", 12345, 10.0};
    const QString text = taxo::ui::describeProgress(p);
    CHECK(text.startsWith(QStringLiteral("Reading Posts.xml: 25.0 MB of 100.0 MB")));
    CHECK(text.contains(QStringLiteral("12,345 rows")));
    CHECK(text.contains(QStringLiteral("1,235 rows/s")));
    CHECK(text.contains(QStringLiteral("about 30 s left")));
    CHECK(taxo::ui::progressPermille(p) == 250);
    p.total = 0;
    CHECK(taxo::ui::progressPermille(p) == -1);
    CHECK(taxo::ui::describeDuration(185) == QStringLiteral("3 min 05 s"));
    CHECK(taxo::ui::describeDuration(7500) == QStringLiteral("2 h 05 min"));
}

namespace {

// An import that reports progress until it is cancelled.
ImportDialog::ImportFunction endlessImport(std::atomic<int>& calls) {
    return [&calls](taxo::Project&, const std::vector<std::string>&,
                    const taxo::corpus::ImportOptions&, const taxo::ProgressCallback& progress,
                    const taxo::CancelFlag* cancel) -> taxo::Result<taxo::corpus::ImportReport> {
        ++calls;
        for (std::uint64_t i = 1;; ++i) {
            if (taxo::cancelled(cancel))
                return taxo::makeError(taxo::kCancelledMessage);
            progress(taxo::Progress{"Reading Posts.xml", i * 1000, 10'000'000, "bytes", i, 1.0});
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    };
}

} // namespace

TEST_CASE("closing the project during an import cancels it first", "[gui][import]") {
    PageFixture f;
    std::atomic<int> calls{0};
    f.page->setImportFunction(endlessImport(calls));
    ImportDialog* dialog = f.page->openImportDialog();
    const auto file = f.dir.file("Posts.xml");
    taxo::test::writeFile(file, "<posts></posts>");
    dialog->setSources({toQ(file)});
    REQUIRE(dialog->start());
    QTRY_VERIFY_WITH_TIMEOUT(dialog->progressBar()->value() > 0, 5000);
    f.session.close(); // must not pull the project from under the worker
    CHECK_FALSE(f.session.isOpen());
    CHECK_FALSE(f.session.isBusy());
    CHECK(calls == 1);
    CHECK(f.page->model()->rowCount() == 0);
}

TEST_CASE("the import dialog's Source label is a shortcut to the path, not a visible '&'",
          "[gui][import]") {
    PageFixture f;
    ImportDialog* dialog = f.page->openImportDialog();
    auto* label = dialog->findChild<QLabel*>(QStringLiteral("importSourceLabel"));
    REQUIRE(label);
    CHECK(label->buddy() == dialog->sourceList());
    CHECK(label->text() == QStringLiteral("&Sources:"));
    dialog->reject();
}

TEST_CASE("the import dialog validates, shows progress and cancels", "[gui][import]") {
    PageFixture f;
    CHECK(f.page->countLabel()->text() == QStringLiteral("601 posts"));
    std::atomic<int> calls{0};
    f.page->setImportFunction([&calls](taxo::Project&, const std::vector<std::string>& sources,
                                       const taxo::corpus::ImportOptions& options,
                                       const taxo::ProgressCallback& progress,
                                       const taxo::CancelFlag* cancel)
                                  -> taxo::Result<taxo::corpus::ImportReport> {
        ++calls;
        CHECK(sources.size() == 1);
        CHECK(options.tags == std::vector<std::string>{"plutus", "cardano-node"});
        for (std::uint64_t i = 1;; ++i) {
            if (taxo::cancelled(cancel))
                return taxo::makeError(taxo::kCancelledMessage);
            progress(taxo::Progress{"Reading Posts.xml", i * 1000, 10'000'000, "bytes", i, 1.0});
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    });
    ImportDialog* dialog = f.page->openImportDialog();
    REQUIRE(dialog != nullptr);
    CHECK(dialog->isVisible());
    CHECK_FALSE(dialog->startButton()->isEnabled());

    // The picker goes through the Dialogs seam; a missing file is refused inline.
    f.dialogs->pathsToReturn << toQ(f.dir.file("missing.xml"));
    for (auto* button : dialog->findChildren<QPushButton*>())
        if (button->text().contains(QStringLiteral("Add Files")))
            button->click();
    CHECK(dialog->sources() == QStringList{toQ(f.dir.file("missing.xml"))});
    REQUIRE(dialog->startButton()->isEnabled());
    dialog->startButton()->click();
    CHECK_FALSE(dialog->isRunning());
    CHECK(dialog->statusLabel()->text().contains(QStringLiteral("no file or folder")));
    CHECK(calls == 0);

    const auto file = f.dir.file("Posts.xml");
    taxo::test::writeFile(file, "<posts></posts>");
    dialog->setSources({toQ(file)});
    dialog->tagsEdit()->setText(QStringLiteral(" plutus,cardano-node , plutus"));
    dialog->startButton()->click();
    REQUIRE(dialog->isRunning());
    CHECK_FALSE(dialog->startButton()->isEnabled());
    CHECK(dialog->cancelButton()->isEnabled());
    // The worker has the project's connection: the page reads nothing meanwhile.
    CHECK(f.session.isBusy());
    CHECK_FALSE(f.page->table()->isEnabled());
    CHECK_FALSE(f.page->searchEdit()->isEnabled());
    CHECK(f.page->model()->rowCount() == 0);
    f.page->refresh();
    f.page->applyFilter();
    CHECK(f.page->model()->rowCount() == 0);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->progressBar()->value() > 0, 5000);
    auto* progressText = dialog->findChild<QLabel*>(QStringLiteral("importProgressText"));
    REQUIRE(progressText != nullptr);
    CHECK(progressText->text().contains(QStringLiteral("of 10.0 MB")));

    dialog->cancelButton()->click();
    REQUIRE(dialog->runner()->waitForFinished(10000));
    CHECK(calls == 1);
    CHECK(dialog->statusLabel()->text().contains(QStringLiteral("cancelled")));
    CHECK(dialog->startButton()->isEnabled());
    CHECK_FALSE(f.session.isBusy());
    CHECK(f.page->table()->isEnabled());
    REQUIRE(f.page->model()->waitForCount(10000));
    CHECK(f.page->model()->totalCount() == 601);
}

TEST_CASE("the import's progress bar reads the percentage and the rows read", "[gui][import]") {
    taxo::Progress p{"Reading Posts.xml", 4'200'000, 10'000'000, "bytes", 12345, 1.0};
    CHECK(taxo::ui::progressBarText(p) == QStringLiteral("42 % — 12,345 rows read"));
    p.items = 0;
    CHECK(taxo::ui::progressBarText(p) == QStringLiteral("42 %"));
    p.total = 0; // the size is not known (a stream): the rows alone
    p.items = 1;
    CHECK(taxo::ui::progressBarText(p) == QStringLiteral("1 row read"));

    PageFixture f;
    std::atomic<int> calls{0};
    f.page->setImportFunction([&calls](taxo::Project&, const std::vector<std::string>&,
                                       const taxo::corpus::ImportOptions&,
                                       const taxo::ProgressCallback& progress,
                                       const taxo::CancelFlag* cancel)
                                  -> taxo::Result<taxo::corpus::ImportReport> {
        ++calls;
        progress(taxo::Progress{"Reading Posts.xml", 4'200'000, 10'000'000, "bytes", 12345, 1.0});
        while (!taxo::cancelled(cancel))
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        return taxo::makeError(taxo::kCancelledMessage);
    });
    ImportDialog* dialog = f.page->openImportDialog();
    const auto file = f.dir.file("Posts.xml");
    taxo::test::writeFile(file, "<posts></posts>");
    dialog->setSources({toQ(file)});
    REQUIRE(dialog->start());
    QTRY_VERIFY_WITH_TIMEOUT(dialog->progressBar()->value() == 420, 5000);
    CHECK(dialog->progressBar()->isTextVisible());
    CHECK(dialog->progressBar()->text() == QStringLiteral("42 % — 12,345 rows read"));
    dialog->cancelButton()->click();
    REQUIRE(dialog->runner()->waitForFinished(10000));
    // Nothing was imported: the bar says nothing rather than a stale figure.
    CHECK(dialog->progressBar()->text().isEmpty());
    CHECK(calls == 1);
}

TEST_CASE("a long import result wraps and the dialog grows to show all of it", "[gui][import]") {
    PageFixture f;
    f.page->setImportFunction(
        [](taxo::Project&, const std::vector<std::string>&, const taxo::corpus::ImportOptions&,
           const taxo::ProgressCallback& progress,
           const taxo::CancelFlag*) -> taxo::Result<taxo::corpus::ImportReport> {
            progress(taxo::Progress{"Reading Posts.xml", 5000, 5000, "bytes", 2085, 0.2});
            taxo::corpus::ImportReport report;
            report.questions = 3;
            report.answers = 12;
            report.alreadyPresent = 1042;
            report.rowsRead = 2085;
            report.seconds = 0.2;
            report.skipped = {{"not a question or answer", 17},
                              {"no matching tag", 1021},
                              {"watermark post (fabricated by Stack Exchange)", 1},
                              {"answer to a question not kept", 2}};
            return report;
        });
    ImportDialog* dialog = f.page->openImportDialog();
    QApplication::processEvents();
    const auto file = f.dir.file("Posts.xml");
    taxo::test::writeFile(file, "<posts></posts>");
    dialog->setSources({toQ(file)});
    REQUIRE(dialog->start());
    REQUIRE(dialog->runner()->waitForFinished(10000));
    QApplication::processEvents();
    QLabel* result = dialog->statusLabel();
    INFO(result->text().toStdString());
    CHECK(result->text().contains(
        QStringLiteral("1,042 questions were already in the project and were left as they were.")));
    CHECK(dialog->progressBar()->text() == QStringLiteral("100 % — 2,085 rows read"));
    CHECK(result->wordWrap());
    // The label gets the height its lines need at its width, inside the dialog, and its
    // preferred size fits the dialog as it now is.
    INFO("dialog " << dialog->width() << "x" << dialog->height() << ", label " << result->width()
                   << "x" << result->height() << " at " << result->y() << ", hint "
                   << result->sizeHint().width() << "x" << result->sizeHint().height());
    CHECK(result->height() >= result->heightForWidth(result->width()));
    CHECK(result->sizeHint().width() <= dialog->contentsRect().width());
    CHECK(result->sizeHint().height() <= dialog->contentsRect().height());
    CHECK(dialog->rect().contains(result->geometry()));
    // Nothing below it is pushed out: the buttons are still inside, under the text.
    const QRect below =
        QRect(dialog->startButton()->mapTo(dialog, QPoint(0, 0)), dialog->startButton()->size());
    CHECK(dialog->rect().contains(below));
    CHECK(below.top() >= result->geometry().bottom());
    dialog->reject();
}

TEST_CASE("importing the cardano sample through the dialog fills the table", "[gui][import]") {
    TAXO_REQUIRE_SAMPLE(site, "cardano.stackexchange.com");
    PageFixture f(false);
    QSignalSpy changed(&f.session, &ProjectSession::dataChanged);
    ImportDialog* dialog = f.page->openImportDialog();
    REQUIRE(dialog != nullptr);
    dialog->setSources({toQ((site / "Posts.xml").string())});
    dialog->startButton()->click();
    REQUIRE(dialog->isRunning());
    REQUIRE(dialog->runner()->waitForFinished(300000));
    INFO(dialog->statusLabel()->text().toStdString());
    CHECK(dialog->statusLabel()->text().contains(QStringLiteral("Imported 1,042 questions")));
    CHECK(changed.count() == 1);
    CHECK(dialog->progressBar()->value() == 1000);
    CHECK_FALSE(f.session.isBusy());
    REQUIRE(f.page->model()->waitForCount(10000));
    CHECK(f.page->model()->totalCount() == 1042);
    CHECK(f.page->countLabel()->text() == QStringLiteral("1,042 posts"));
    CHECK(f.page->tagBox()->count() > 10);

    // Selecting a post shows it.
    f.page->table()->selectRow(0);
    CHECK(f.page->viewer()->postId() == f.page->model()->postId(0));
    CHECK_FALSE(f.page->viewer()->toPlainText().isEmpty());
}

TEST_CASE("the main window's Corpus page is the real one", "[gui][corpus]") {
    QSettings().clear();
    taxo::test::TempDir dir;
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    dialogs->pathsToReturn << toQ(dir.file("main.taxo"));
    taxo::ui::MainWindow window(dialogs);
    REQUIRE(window.newProject());
    window.showPage(1);
    auto* page = dynamic_cast<CorpusPage*>(window.currentPage());
    REQUIRE(page != nullptr);
    CHECK(page->countLabel()->text() == QStringLiteral("0 posts"));
}

// Not run by default: renders the documentation screenshot of the Corpus page with the
// cardano sample imported and a post selected.
//   TAXONOMIST_SCREENSHOT_DIR=docs/images taxonomist_ui_tests "[.screenshot]"
TEST_CASE("screenshot of the Corpus page", "[.screenshot]") {
    TAXO_REQUIRE_SAMPLE(site, "cardano.stackexchange.com");
    const QString out =
        qEnvironmentVariable("TAXONOMIST_SCREENSHOT_DIR") + QStringLiteral("/corpus-page.png");
    REQUIRE_FALSE(out.isEmpty());
    QSettings().clear();
    taxo::test::TempDir dir;
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    dialogs->pathsToReturn << toQ(dir.file("cardano-study.taxo"));
    taxo::ui::MainWindow window(dialogs);
    window.resize(1600, 1000);
    window.show();
    REQUIRE(window.newProject());
    window.showPage(1);
    auto* page = dynamic_cast<CorpusPage*>(window.currentPage());
    REQUIRE(page != nullptr);
    ImportDialog* dialog = page->openImportDialog();
    // The dump folder, so that comments (Comments.xml) are in as well.
    dialog->setSources({toQ(site.string())});
    dialog->startButton()->click();
    REQUIRE(dialog->runner()->waitForFinished(300000));
    dialog->close();
    REQUIRE(page->model()->waitForCount(10000));
    REQUIRE(page->model()->totalCount() == 1042);
    // A post a coder would read: code in the question and an accepted answer.
    int chosen = -1;
    for (int row = 0; row < page->model()->rowCount() && chosen < 0; ++row) {
        auto post =
            taxo::corpus::loadPost(window.session()->project()->db(), page->model()->postId(row));
        REQUIRE(post.ok());
        if (row > 8 && post->body.find("<pre") != std::string::npos && !post->answers.empty() &&
            post->answers.front().accepted && !post->comments.empty() && post->body.size() < 2000)
            chosen = row;
    }
    REQUIRE(chosen >= 0);
    page->table()->selectRow(chosen);
    page->table()->scrollTo(page->model()->index(chosen, 0), QAbstractItemView::PositionAtCenter);
    window.statusBar()->clearMessage(); // "Created /tmp/…" says nothing to a reader
    QCoreApplication::processEvents();
    const QImage image = window.grab().toImage();
    REQUIRE(image.save(out));
}
