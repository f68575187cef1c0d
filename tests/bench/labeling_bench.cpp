// The coding workbench on a large project (issue 6): a generated 100,000-post
// project with a codebook of 516 categories and a reliability round of 2,000
// posts, driven through the real Coding and Codebook pages on the offscreen
// platform. Prints the 50th and 95th percentiles and the maximum of:
//   - the next post: the Next action, the post laid out and the page painted;
//   - a label save: core's saveLabel alone, and the page's whole save (tick,
//     save, undo step, progress), each one transaction;
//   - the Codebook page: reload of the tree, choosing a category, an edit.
// Not a timed test (machines differ); run by hand:
//   QT_QPA_PLATFORM=offscreen build/dev/tests/bench/labeling_bench [--posts N] [--package]
// --package measures with the journal a coder's package uses (a rollback journal,
// synchronous FULL) instead of the lead project's WAL; --journal MODE with another
// journal mode (delete, truncate, persist), or wal-checkpoint: WAL checkpointed into the
// file after every commit.

#include "core/codebook/codebook.h"
#include "core/labels/labels.h"
#include "core/store/statements.h"
#include "tests/ui/scripted_dialogs.h"
#include "ui/codebook/codebook_page.h"
#include "ui/labeling/labeling_page.h"
#include "ui/session/project_session.h"
#include "ui/widgets/post_viewer.h"

#include <QAction>
#include <QApplication>
#include <QStandardItem>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QTreeView>
#include <QUndoStack>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void require(bool ok, const std::string& what) {
    if (!ok) {
        std::fprintf(stderr, "labeling_bench: %s failed\n", what.c_str());
        std::exit(1);
    }
}

void report(const char* name, std::vector<double> samples) {
    std::sort(samples.begin(), samples.end());
    const auto at = [&](double share) {
        return samples[std::min(
            samples.size() - 1,
            static_cast<std::size_t>(share * static_cast<double>(samples.size())))];
    };
    std::printf("%-44s n=%5zu  p50 %8.2f ms  p95 %8.2f ms  max %8.2f ms\n", name, samples.size(),
                at(0.50), at(0.95), samples.back());
}

// A typical question: a few paragraphs, a code block, a link and an image;
// 1 to 4 kB of HTML, like most Stack Overflow questions.
std::string body(std::mt19937_64& random, int id) {
    std::string html;
    const int paragraphs = 2 + static_cast<int>(random() % 4);
    for (int p = 0; p < paragraphs; ++p)
        html += "<p>When I export model " + std::to_string(id) +
                " with <code>tf.saved_model.save</code> and serve it, the request fails with a "
                "shape mismatch. I tried converting the input and reading the "
                "<a href=\"https://www.tensorflow.org/guide/saved_model\">guide</a>.</p>";
    html += "<pre><code>";
    const int lines = 5 + static_cast<int>(random() % 30);
    for (int l = 0; l < lines; ++l)
        html += "model = tf.keras.models.load_model(&quot;/models/" + std::to_string(l) +
                "&quot;)  # line\n";
    html += "</code></pre><p><img src=\"https://i.stack.imgur.com/" + std::to_string(id) +
            ".png\" alt=\"screenshot\"></p>";
    return html;
}

void generate(taxo::sql::Database& db, int posts, int roundSize) {
    std::mt19937_64 random(20261126);
    taxo::sql::Transaction transaction(db);
    require(transaction.begun().ok(), "begin");
    auto post = db.prepare("INSERT INTO posts(id, source, source_id, title, body, created, score) "
                           "VALUES (?, 'stackoverflow', ?, ?, ?, '2019-05-01T10:00:00', ?)");
    auto fts =
        db.prepare("INSERT INTO posts_fts(rowid, title, body_text, tags) VALUES (?, ?, ?, ?)");
    auto tag = db.prepare("INSERT INTO post_tags(post_id, tag, position) VALUES (?, ?, 0)");
    auto answer = db.prepare("INSERT INTO answers(id, post_id, source_id, body, created, score, "
                             "accepted) VALUES (?, ?, ?, ?, '2019-05-02T10:00:00', ?, ?)");
    auto comment = db.prepare("INSERT INTO comments(id, post_id, answer_id, source_id, text, "
                              "created, author) VALUES (?, ?, NULL, ?, ?, '2019-05-01T11:00:00', "
                              "'reader')");
    require(post.ok() && fts.ok() && tag.ok() && answer.ok() && comment.ok(), "prepare");
    for (int id = 1; id <= posts; ++id) {
        const std::string title = "How to serve exported model " + std::to_string(id) + "?";
        const std::string html = body(random, id);
        post->reset();
        post->bind(1, std::int64_t{id});
        post->bind(2, std::to_string(id));
        post->bind(3, title);
        post->bind(4, html);
        post->bind(5, static_cast<std::int64_t>(random() % 20));
        require(post->run().ok(), "post");
        fts->reset();
        fts->bind(1, std::int64_t{id});
        fts->bind(2, title);
        fts->bind(3, std::string("export model serve request shape mismatch"));
        fts->bind(4, std::string("tensorflow"));
        require(fts->run().ok(), "fts");
        tag->reset();
        tag->bind(1, std::int64_t{id});
        tag->bind(2, std::string("tensorflow"));
        require(tag->run().ok(), "tag");
        for (int a = 0; a < 2; ++a) {
            answer->reset();
            answer->bind(1, std::int64_t{id} * 2 + a);
            answer->bind(2, std::int64_t{id});
            answer->bind(3, std::to_string(id * 2 + a));
            answer->bind(4, body(random, id));
            answer->bind(5, std::int64_t{3 - a});
            answer->bind(6, std::int64_t{a == 0 ? 1 : 0});
            require(answer->run().ok(), "answer");
        }
        comment->reset();
        comment->bind(1, std::int64_t{id});
        comment->bind(2, std::int64_t{id});
        comment->bind(3, std::to_string(id));
        comment->bind(4, std::string("Which version of TensorFlow do you use?"));
        require(comment->run().ok(), "comment");
    }
    std::string text = "INSERT INTO people(id, name, created) VALUES (1, 'Ann', 't'), "
                       "(2, 'Bo', 't');"
                       "INSERT INTO rounds(id, name, kind, created) VALUES "
                       "(1, 'reliability', 'reliability', 't');"
                       "INSERT INTO round_coders VALUES (1, 1), (1, 2);";
    require(db.exec(text).ok(), "round");
    auto item = db.prepare("INSERT INTO round_items VALUES (1, ?, ?)");
    require(item.ok(), "prepare item");
    const int step = std::max(1, posts / roundSize);
    for (int i = 0; i < roundSize; ++i) {
        item->reset();
        item->bind(1, std::int64_t{1 + i * step});
        item->bind(2, std::int64_t{i});
        require(item->run().ok(), "item");
    }
    require(transaction.commit().ok(), "commit");
}

// 4 roots x 8 inner x 15 leaves: 516 categories, 480 leaves.
std::vector<taxo::codebook::CategoryId> codebook(taxo::sql::Database& db) {
    std::vector<taxo::codebook::CategoryId> leaves;
    const auto add = [&](std::optional<taxo::codebook::CategoryId> parent,
                         const std::string& name) {
        taxo::codebook::NewCategory spec;
        spec.parentId = parent;
        spec.name = name;
        auto added = taxo::codebook::addCategory(db, spec);
        require(added.ok(), "category " + name);
        return added->category.id;
    };
    for (int r = 0; r < 4; ++r) {
        const auto root = add(std::nullopt, "Root " + std::to_string(r + 1));
        for (int i = 0; i < 8; ++i) {
            const auto inner =
                add(root, "Inner " + std::to_string(r + 1) + "." + std::to_string(i + 1));
            for (int l = 0; l < 15; ++l)
                leaves.push_back(add(inner, "Leaf " + std::to_string(r + 1) + "." +
                                                std::to_string(i + 1) + "." +
                                                std::to_string(l + 1)));
        }
    }
    return leaves;
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    int posts = 100'000;
    std::string journal; // empty: the project's own (WAL)
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--posts") == 0 && i + 1 < argc)
            posts = std::atoi(argv[i + 1]);
        if (std::strcmp(argv[i], "--package") == 0)
            journal = "delete";
        if (std::strcmp(argv[i], "--journal") == 0 && i + 1 < argc)
            journal = argv[i + 1];
    }
    constexpr int kRound = 2000;
    QTemporaryDir dir;
    require(dir.isValid(), "temporary folder");
    const QString path = dir.filePath(QStringLiteral("bench.taxo"));

    taxo::ui::ProjectSession session;
    require(session.create(path, QStringLiteral("bench")).isEmpty(), "create");
    auto& db = session.project()->db();
    auto start = Clock::now();
    generate(db, posts, kRound);
    const auto leaves = codebook(db);
    std::printf("generated %d posts, %zu leaves, a round of %d in %.1f s\n", posts, leaves.size(),
                kRound, msSince(start) / 1000.0);
    // Bo has labeled the whole round, Ann the first half: realistic counts. Each
    // save is its own transaction, as in the application.
    std::mt19937_64 random(7);
    const auto leafAt = [&] {
        return leaves[random() % leaves.size()];
    };
    {
        for (int i = 0; i < kRound; ++i) {
            const std::int64_t post = 1 + static_cast<std::int64_t>(i) * (posts / kRound);
            taxo::labels::LabelContent content;
            content.categories = {leafAt()};
            require(taxo::labels::saveLabel(db, {1, post, 2}, content).ok(), "Bo's label");
            if (i < kRound / 2)
                require(taxo::labels::saveLabel(db, {1, post, 1}, content).ok(), "Ann's label");
        }
    }

    if (journal == "wal-checkpoint") // WAL, checkpointed into the file after every commit
        require(db.exec("PRAGMA wal_autocheckpoint = 1").ok(), "checkpoint after each commit");
    else if (!journal.empty())
        require(db.queryText("PRAGMA journal_mode = " + journal).ok(), "journal mode");
    std::printf("journal: %s, synchronous %lld\n", db.queryText("PRAGMA journal_mode")->c_str(),
                static_cast<long long>(*db.queryInt("PRAGMA synchronous")));

    // ---- the Coding page ----
    taxo::test::ScriptedDialogs dialogs; // the bench never quotes: nothing is asked
    taxo::ui::LabelingPage page(&session, dialogs);
    page.resize(1600, 1000);
    page.show();
    page.refresh();
    require(page.chooseAssignment(1, std::int64_t{1}), "assignment");
    auto* next = page.findChild<QAction*>(QStringLiteral("actionNextPost"));
    require(next != nullptr, "next action");
    std::vector<double> nextPost;
    page.showItem(kRound / 2);
    for (int i = 0; i < 300; ++i) {
        start = Clock::now();
        next->trigger();
        static_cast<void>(page.viewer()->document()->size()); // laid out
        page.grab();                                          // painted, as on screen
        nextPost.push_back(msSince(start));
    }

    std::vector<double> coreSave;
    for (int i = 0; i < 300; ++i) {
        const std::int64_t post =
            1 + static_cast<std::int64_t>(kRound / 2 + 400 + i) * (posts / kRound);
        taxo::labels::LabelContent content;
        content.categories = {leafAt()};
        start = Clock::now();
        require(taxo::labels::saveLabel(db, {1, post, 1}, content).ok(), "save");
        coreSave.push_back(msSince(start));
    }
    std::vector<double> pageSave;
    page.showItem(kRound / 2 + 800);
    for (int i = 0; i < 300; ++i) {
        auto* item = page.categoryItem(leafAt());
        require(item != nullptr, "leaf in the tree");
        item->setCheckState(Qt::Checked);
        start = Clock::now();
        require(page.saveCurrent(), "page save");
        pageSave.push_back(msSince(start));
        page.showItem(page.currentItem() + 1);
    }

    // ---- the Codebook page ----
    taxo::ui::CodebookPage codebookPage(&session);
    codebookPage.resize(1600, 1000);
    codebookPage.show();
    // Core's share of a codebook refresh.
    std::vector<double> listTree;
    std::vector<double> levels;
    for (int i = 0; i < 30; ++i) {
        start = Clock::now();
        require(taxo::codebook::listTree(db).ok(), "listTree");
        listTree.push_back(msSince(start));
        start = Clock::now();
        require(taxo::codebook::checkLevels(db).ok(), "checkLevels");
        levels.push_back(msSince(start));
    }
    std::vector<double> reload;
    for (int i = 0; i < 30; ++i) {
        start = Clock::now();
        codebookPage.refresh();
        codebookPage.grab();
        reload.push_back(msSince(start));
    }
    std::vector<double> choose;
    for (int i = 0; i < 100; ++i) {
        start = Clock::now();
        codebookPage.selectCategory(leafAt());
        codebookPage.grab();
        choose.push_back(msSince(start));
    }
    std::vector<double> edit;
    for (int i = 0; i < 30; ++i) {
        const auto leaf = leafAt();
        start = Clock::now();
        require(codebookPage.renameCategory(leaf, QStringLiteral("Renamed %1").arg(i)), "rename");
        codebookPage.grab();
        edit.push_back(msSince(start));
        codebookPage.undoStack()->undo();
    }

    report("next post (Next, layout, paint)", nextPost);
    report("label save, core saveLabel", coreSave);
    report("label save, Coding page (whole step)", pageSave);
    report("codebook: core listTree (with counts)", listTree);
    report("codebook: core checkLevels", levels);
    report("codebook: reload 516 categories + paint", reload);
    report("codebook: choose a category + paint", choose);
    report("codebook: rename (one undo step) + paint", edit);
    return 0;
}
