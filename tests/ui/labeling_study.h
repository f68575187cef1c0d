#pragma once
// A project for the labeling view's tests: the small study of
// core/study_fixture.h plus a reliability round "long" (id 3) of `count`
// posts (ids 101...) in the Server set, each with a body, an answer and a
// comment, and searchable text; Ann (1) and Bo (2) code it. And the Coding page opened
// on such a project, with keys sent where the focus is, as a user sends them.

#include "scripted_dialogs.h"
#include "tests/core/study_fixture.h"
#include "ui/labeling/labeling_page.h"
#include "ui/session/project_session.h"

#include <QApplication>
#include <QString>
#include <QTest>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace taxo::test {

inline constexpr std::int64_t kLongRound = 3;
inline constexpr std::int64_t kAnnId = 1;
inline constexpr std::int64_t kBoId = 2;

// The long round's posts, 101 onwards. Every third is about quantization, the others
// about export.
inline std::vector<corpus::PostEntry> longRoundPosts(int count) {
    std::vector<corpus::PostEntry> posts;
    for (int i = 0; i < count; ++i) {
        const std::string id = std::to_string(101 + i);
        const std::string topic = i % 3 == 0 ? "quantization" : "export";
        corpus::PostEntry post{"stackoverflow", std::to_string(5000 + i),
                               "Question " + id + " on " + topic,
                               "<p>How do I do " + topic + " of model " + id +
                                   "?</p><pre><code>model.save(\"m" + id + "\")</code></pre>"};
        post.tags = {"tensorflow"};
        post.created = "2020-01-01T10:00:00";
        post.answers = {{.sourceId = "a" + id,
                         .body = "<p>Use the converter.</p>",
                         .created = "2020-01-02T10:00:00",
                         .score = 3,
                         .accepted = true}};
        post.comments = {{.sourceId = "c" + id,
                          .text = "Which version?",
                          .created = "2020-01-01T11:00:00",
                          .author = "Dee"}};
        posts.push_back(std::move(post));
    }
    return posts;
}

struct LabelingProject {
    TempDir dir;
    std::string path = dir.file("labeling.taxo");
    std::map<std::string, codebook::CategoryId> ids;

    explicit LabelingProject(int count = 24) {
        ui::ProjectSession session;
        REQUIRE(session.create(QString::fromStdString(path), QStringLiteral("labeling")).isEmpty());
        StudyBuilder study(session.project()->db());
        // The tests name the long round's posts by their ids (101...), and a post takes
        // the next free id, so posts 8-100 stand between them and the study's seven:
        // other posts of the corpus, in no set.
        auto posts = studyPosts();
        for (int id = 8; id <= 100; ++id)
            posts.push_back({"stackoverflow", std::to_string(9000 + id),
                             "Another question " + std::to_string(id), ""});
        const auto longPosts = longRoundPosts(count);
        posts.insert(posts.end(), longPosts.begin(), longPosts.end());
        std::vector<std::int64_t> items;
        for (int i = 0; i < count; ++i)
            items.push_back(101 + i);
        const auto postIds = seedPostsAndSets(study, posts, items);
        REQUIRE(std::vector<std::int64_t>(postIds.end() - count, postIds.end()) == items);
        seedPeople(study);
        seedRounds(study);
        seedCodebook(study.db(), ids);
        REQUIRE(
            study.round(
                {"long", rounds::RoundKind::Reliability, {}, {}, "t", items, {kAnnId, kBoId}}) ==
            kLongRound);
    }
    codebook::CategoryId id(const std::string& name) const { return ids.at(name); }
};

// Keys go where the focus is, as they would for a user.
inline void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
    QWidget* target = QApplication::focusWidget();
    REQUIRE(target != nullptr);
    QTest::keyClick(target, key, modifiers);
}

inline void type(const QString& text) {
    for (const QChar c : text) {
        QWidget* target = QApplication::focusWidget();
        REQUIRE(target != nullptr);
        QTest::keyClicks(target, QString(c));
    }
}

// The Coding page of the project at `path`, shown, working as `coder` in `round`.
struct OpenLabelingPage {
    ui::ProjectSession session;
    ScriptedDialogs dialogs; // the category a passage is quoted for, when several are ticked
    std::unique_ptr<ui::LabelingPage> page;

    OpenLabelingPage(const std::string& path, std::int64_t round, labels::CoderId coder) {
        REQUIRE(session.open(QString::fromStdString(path)).isEmpty());
        page = std::make_unique<ui::LabelingPage>(&session, dialogs);
        page->resize(1300, 850);
        page->show();
        QApplication::setActiveWindow(page.get());
        REQUIRE(QTest::qWaitForWindowActive(page.get()));
        page->refresh();
        REQUIRE(page->chooseAssignment(round, coder));
    }
    sql::Database& db() { return session.project()->db(); }
};

} // namespace taxo::test
