#pragma once
// A project for the labeling view's tests: the small study of
// core/study_fixture.h plus a reliability round "long" (id 3) of `count`
// posts (ids 101...) in the Server set, each with a body, an answer and a
// comment, and searchable text; Ann (1) and Bo (2) code it.

#include "tests/core/study_fixture.h"
#include "ui/session/project_session.h"

#include <QString>
#include <map>
#include <string>
#include <vector>

namespace taxo::test {

inline constexpr std::int64_t kLongRound = 3;
inline constexpr std::int64_t kAnnId = 1;
inline constexpr std::int64_t kBoId = 2;

struct LabelingProject {
    TempDir dir;
    std::string path = dir.file("labeling.taxo");
    std::map<std::string, codebook::CategoryId> ids;

    explicit LabelingProject(int count = 24) {
        ui::ProjectSession session;
        REQUIRE(session.create(QString::fromStdString(path), QStringLiteral("labeling")).isEmpty());
        auto& db = session.project()->db();
        seedStudy(db);
        seedCodebook(db, ids);
        // The tests name these posts by their ids (101...) and read their answers and
        // comments; the import would number them after the study's seven posts, so
        // they are written as given, with their search text and their set.
        std::string sqlText;
        std::vector<std::int64_t> items;
        for (int i = 0; i < count; ++i) {
            const std::string id = std::to_string(101 + i);
            // Every third post is about quantization, the others about export.
            const std::string topic = i % 3 == 0 ? "quantization" : "export";
            sqlText += "INSERT INTO posts(id, source, source_id, title, body, created) VALUES (" +
                       id + ", 'stackoverflow', '" + std::to_string(5000 + i) + "', 'Question " +
                       id + " on " + topic + "', '<p>How do I do " + topic + " of model " + id +
                       "?</p><pre><code>model.save(\"m" + id +
                       "\")</code></pre>', '2020-01-01T10:00:00');"
                       "INSERT INTO posts_fts(rowid, title, body_text, tags) VALUES (" +
                       id + ", 'Question " + id + " on " + topic + "', 'How do I do " + topic +
                       " of model " + id +
                       "', 'tensorflow');"
                       "INSERT INTO answers(id, post_id, source_id, body, created, score, "
                       "accepted) VALUES (" +
                       id + ", " + id + ", 'a" + id +
                       "', '<p>Use the converter.</p>', '2020-01-02T10:00:00', 3, 1);"
                       "INSERT INTO comments(id, post_id, answer_id, source_id, text, created, "
                       "author) VALUES (" +
                       id + ", " + id + ", NULL, 'c" + id +
                       "', 'Which version?', '2020-01-01T11:00:00', 'Dee');"
                       "INSERT INTO set_members VALUES (1, " +
                       id + ");";
            items.push_back(101 + i);
        }
        sqlOrFail(db, sqlText);
        REQUIRE(
            StudyBuilder(db).round(
                {"long", rounds::RoundKind::Reliability, {}, {}, "t", items, {kAnnId, kBoId}}) ==
            kLongRound);
    }
    codebook::CategoryId id(const std::string& name) const { return ids.at(name); }
};

} // namespace taxo::test
