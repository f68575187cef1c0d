// The Corpus page's search on a large corpus: the first rows at once, "searching…"
// until the count arrives from the worker thread, "0 posts" only when there are
// none, and a newer search always wins over an older one still counting. The count's
// connection is opened through a gate the test opens, so "still counting" is a state
// the test holds for as long as it likes instead of a race.

#include "core/corpus/post_entry.h"
#include "scripted_dialogs.h"
#include "tests/support/test_support.h"
#include "ui/corpus/corpus_page.h"
#include "ui/corpus/post_table_model.h"
#include "ui/session/project_session.h"
#include "ui/support/qt_text.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QTableView>
#include <QTest>
#include <catch2/catch.hpp>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

using taxo::ui::CorpusPage;
using taxo::ui::PostTableModel;
using taxo::ui::ProjectSession;
using taxo::ui::toQ;

namespace {

// 900 posts: "wallet" in 600 of them (more than two pages), "staking" in 300.
void fill(taxo::Project& project) {
    std::vector<taxo::corpus::PostEntry> posts;
    for (int i = 1; i <= 900; ++i) {
        const bool staking = i % 3 == 0;
        taxo::corpus::PostEntry post{"cardano.stackexchange.com", std::to_string(1000 + i),
                                     (staking ? "Staking question " : "Wallet question ") +
                                         std::to_string(i),
                                     "<p>Body</p>"};
        post.tags = {staking ? "staking" : "wallet"};
        posts.push_back(std::move(post));
    }
    REQUIRE(taxo::corpus::addPosts(project.db(), posts).ok());
}

// Holds each count's connection until the test lets it open: the n-th count since
// the gate was made waits for open(n) or openAll().
class Gate {
public:
    void open(int count) {
        const std::lock_guard lock(mutex_);
        opened_.insert(count);
        changed_.notify_all();
    }
    void openAll() {
        const std::lock_guard lock(mutex_);
        all_ = true;
        changed_.notify_all();
    }
    int started() const {
        const std::lock_guard lock(mutex_);
        return started_;
    }
    PostTableModel::WorkerOpener opener(taxo::Project* project) {
        return [this, project] {
            std::unique_lock lock(mutex_);
            const int mine = ++started_;
            changed_.wait(lock, [&] { return all_ || opened_.count(mine) > 0; });
            lock.unlock();
            return project->openWorkerConnection();
        };
    }

private:
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    int started_ = 0;
    std::set<int> opened_;
    bool all_ = false;
};

struct SearchFixture {
    taxo::test::TempDir dir;
    ProjectSession session;
    std::shared_ptr<taxo::test::ScriptedDialogs> dialogs =
        std::make_shared<taxo::test::ScriptedDialogs>();
    std::unique_ptr<CorpusPage> page;
    Gate gate;

    SearchFixture() {
        QSettings().clear();
        REQUIRE(session.create(toQ(dir.file("search.taxo")), QStringLiteral("search")).isEmpty());
        fill(*session.project());
        page = std::make_unique<CorpusPage>(&session, *dialogs);
        page->resize(1200, 800);
        page->show();
        page->refresh();
        REQUIRE(page->model()->waitForCount(10000));
        // From here on every count waits at the gate.
        page->model()->setDatabase(&session.project()->db(), gate.opener(session.project()));
    }
    ~SearchFixture() {
        gate.openAll(); // no count may wait for ever when the page goes
        page.reset();
    }

    void search(const QString& text) {
        page->searchEdit()->setText(text);
        page->applyFilter();
    }
    QString count() const { return page->countLabel()->text(); }
};

} // namespace

TEST_CASE("a search shows its first rows at once and \"searching…\" until the count is known",
          "[gui][corpus][search]") {
    SearchFixture f;
    QAbstractItemModelTester tester(f.page->model(),
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);
    f.gate.openAll(); // the count of every post, started by setDatabase
    REQUIRE(f.page->model()->waitForCount(10000));
    CHECK(f.count() == QStringLiteral("900 posts"));

    f.search(QStringLiteral("wallet"));
    // The rows are there before anything is counted.
    CHECK(f.page->model()->rowCount() == PostTableModel::kPageSize);
    CHECK_FALSE(f.page->model()->countKnown());
    CHECK(f.count() == QStringLiteral("searching…"));
    CHECK(f.page->model()->canFetchMore({}));
    f.page->model()->fetchMore({}); // scrolling on while counting
    CHECK(f.page->model()->rowCount() == 2 * PostTableModel::kPageSize);

    REQUIRE(f.page->model()->waitForCount(10000));
    CHECK(f.page->model()->totalCount() == 600);
    CHECK(f.count() == QStringLiteral("600 posts"));
    CHECK(f.page->errorLabel()->isHidden());
}

TEST_CASE("\"0 posts\" only when nothing matches, never while counting", "[gui][corpus][search]") {
    SearchFixture f;
    // A search with fewer matches than a page needs no count: the page is every match.
    f.search(QStringLiteral("zyzzyva"));
    CHECK(f.page->model()->countKnown());
    CHECK(f.page->model()->rowCount() == 0);
    CHECK(f.count() == QStringLiteral("0 posts"));

    f.search(QStringLiteral("staking"));
    CHECK(f.page->model()->rowCount() == PostTableModel::kPageSize);
    CHECK(f.count() == QStringLiteral("searching…"));
    CHECK(f.page->model()->totalCount() == 0); // not known yet, and not shown as such
    f.gate.openAll();
    REQUIRE(f.page->model()->waitForCount(10000));
    CHECK(f.count() == QStringLiteral("300 posts"));

    f.search(QStringLiteral("question 17"));
    CHECK(f.count() == QStringLiteral("1 post"));
}

TEST_CASE("a new search cancels the one still counting, whose result never shows",
          "[gui][corpus][search]") {
    SearchFixture f;
    // Count 1 (every post, from setDatabase) is still waiting at the gate.
    f.search(QStringLiteral("question"));
    f.search(QStringLiteral("wallet"));
    QTRY_COMPARE_WITH_TIMEOUT(f.gate.started(), 3, 5000);
    CHECK(f.count() == QStringLiteral("searching…"));

    // The newest finishes first and shows.
    f.gate.open(3);
    REQUIRE(f.page->model()->waitForCount(10000));
    CHECK(f.page->model()->totalCount() == 600);
    CHECK(f.count() == QStringLiteral("600 posts"));

    // The older ones finish afterwards (cancelled, or counted to the end): they change
    // nothing, though "question" would say 900.
    f.gate.open(1);
    f.gate.open(2);
    QTest::qWait(300);
    CHECK(f.page->model()->totalCount() == 600);
    CHECK(f.count() == QStringLiteral("600 posts"));
    CHECK(f.page->model()->data(f.page->model()->index(0, PostTableModel::Title)).toString() ==
          QStringLiteral("Wallet question 1"));
    CHECK(f.page->errorLabel()->isHidden());
}

TEST_CASE("typing again while a search is counting starts the new one, which wins",
          "[gui][corpus][search]") {
    SearchFixture f;
    f.gate.open(1);
    REQUIRE(f.page->model()->waitForCount(10000));

    QTest::keyClicks(f.page->searchEdit(), QStringLiteral("question"));
    QTRY_COMPARE_WITH_TIMEOUT(f.gate.started(), 2, 5000); // after the typing pause
    CHECK(f.count() == QStringLiteral("searching…"));
    CHECK(f.page->model()->rowCount() == PostTableModel::kPageSize);

    QTest::keyClicks(f.page->searchEdit(), QStringLiteral(" wallet"));
    QTRY_COMPARE_WITH_TIMEOUT(f.gate.started(), 3, 5000);
    f.gate.open(3);
    REQUIRE(f.page->model()->waitForCount(10000));
    CHECK(f.count() == QStringLiteral("600 posts"));
    f.gate.open(2);
    QTest::qWait(300);
    CHECK(f.count() == QStringLiteral("600 posts"));
}

TEST_CASE("closing the project while a count runs stops it and shows nothing",
          "[gui][corpus][search]") {
    SearchFixture f;
    f.search(QStringLiteral("wallet"));
    CHECK(f.count() == QStringLiteral("searching…"));
    // Let every count through as soon as it gets to the gate, from another thread,
    // while the UI thread is closing the project and waits for the count to end.
    std::thread opener([&] { f.gate.openAll(); });
    f.session.close();
    opener.join();
    CHECK(f.page->model()->rowCount() == 0);
    CHECK(f.page->countLabel()->text().isEmpty());
}
