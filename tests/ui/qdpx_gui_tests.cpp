// The REFI-QDA exchange through the File menu: the project exported as a .qdpx and read
// back as a new project, and one coder's codings from QualCoder and MAXQDA taken into a
// round, the round, coder and the file's user chosen in dialogs; a broken file refused
// with the project unchanged.

#include "core/store/statements.h"
#include "scripted_dialogs.h"
#include "tests/core/exchange_fixture.h"
#include "tests/core/zip_fixture.h"
#include "tests/support/study_builder.h"
#include "ui/app/main_window.h"
#include "ui/app/qdpx_actions.h"
#include "ui/session/project_session.h"
#include "ui/support/job_runner.h"

#include <QAction>
#include <QSettings>
#include <catch2/catch.hpp>
#include <filesystem>

using taxo::ui::MainWindow;

namespace {

QAction* findAction(MainWindow& window, const char* name) {
    auto* action = window.findChild<QAction*>(QString::fromLatin1(name));
    REQUIRE(action != nullptr);
    return action;
}

// The results study with a reliability round R1 (so:1-4, so:7, so:8) for Ann and Bob.
std::string roundStudy(const taxo::test::TempDir& dir) {
    const auto path = dir.file("study.taxo");
    taxo::test::makeResultsStudy(path);
    auto project = taxo::Project::open(path);
    REQUIRE(project.ok());
    taxo::test::StudyBuilder study(*project);
    const auto ann = study.person("Ann");
    const auto bob = study.person("Bob");
    study.role("Ann", taxo::people::Role::Coder).role("Bob", taxo::people::Role::Coder);
    taxo::rounds::NewRound round;
    round.name = "R1";
    round.kind = taxo::rounds::RoundKind::Reliability;
    round.created = "2020-01-02";
    round.items = {1, 2, 3, 4, 7, 8};
    round.coders = {ann, bob};
    study.round(round);
    return path;
}

std::string fixtureQdpx(const taxo::test::TempDir& dir, const std::string& folder) {
    std::vector<std::pair<std::string, std::string>> entries = {
        {"project.qde",
         taxo::test::readFile(taxo::test::fixture("qdpx/" + folder + "/project.qde"))}};
    for (const auto& file : std::filesystem::directory_iterator(
             std::filesystem::path(taxo::test::fixture("qdpx/" + folder))))
        if (file.path().extension() == ".txt")
            entries.emplace_back("sources/" + file.path().filename().string(),
                                 taxo::test::readFile(file.path().string()));
    const auto out = dir.file(folder + ".qdpx");
    taxo::test::writeFile(out, taxo::test::zipOf(entries));
    return out;
}

std::int64_t labelsOf(MainWindow& window, const std::string& coder) {
    auto count = taxo::sql::queryIntBound(
        window.session()->project()->db(),
        "SELECT count(*) FROM labels l JOIN people p ON p.id = l.coder_id WHERE p.name = ?", coder);
    REQUIRE(count.ok());
    return *count;
}

} // namespace

TEST_CASE("File menu: export a .qdpx and open it again as a new project", "[gui][qdpx]") {
    QSettings().clear();
    taxo::test::TempDir dir;
    const auto path = roundStudy(dir);
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    MainWindow window(dialogs);
    window.show();
    REQUIRE(window.openProject(QString::fromStdString(path)));

    const auto qdpx = QString::fromStdString(dir.file("study.qdpx"));
    dialogs->pathsToReturn << qdpx;
    findAction(window, "actionExportQdpx")->trigger();
    REQUIRE(window.qdpxActions()->runner()->waitForFinished(60000));
    INFO(dialogs->errors.join(QStringLiteral("\n")).toStdString());
    REQUIRE(dialogs->errors.isEmpty());
    CHECK(std::filesystem::exists(qdpx.toStdString()));
    CHECK(dialogs->suggestedPaths.last().endsWith(QStringLiteral("study.qdpx")));

    const auto copy = QString::fromStdString(dir.file("copy.taxo"));
    dialogs->pathsToReturn << qdpx << copy;
    findAction(window, "actionImportQdpxProject")->trigger();
    REQUIRE(window.qdpxActions()->runner()->waitForFinished(60000));
    REQUIRE(dialogs->errors.isEmpty());
    CHECK(dialogs->informations.last().contains(QStringLiteral("with 10 posts")));
    // The new project is the one open now, with the study's ten pilot labels.
    CHECK(window.session()->path() == copy);
    auto labels = window.session()->project()->db().queryInt("SELECT count(*) FROM labels");
    REQUIRE(labels.ok());
    CHECK(*labels == 10);

    // A project that exists is never replaced: refused, nothing opened.
    dialogs->pathsToReturn << qdpx << QString::fromStdString(path);
    findAction(window, "actionImportQdpxProject")->trigger();
    REQUIRE(window.qdpxActions()->runner()->waitForFinished(60000));
    REQUIRE(dialogs->errors.size() == 1);
    CHECK(dialogs->errors.last().contains(QStringLiteral("already exists")));
    CHECK(dialogs->errors.last().contains(QStringLiteral("No project was created.")));
    CHECK(window.session()->path() == copy);
}

TEST_CASE("File menu: a coder's codings from QualCoder and MAXQDA into a round", "[gui][qdpx]") {
    QSettings().clear();
    taxo::test::TempDir dir;
    const auto path = roundStudy(dir);
    const auto qualcoder = QString::fromStdString(fixtureQdpx(dir, "qualcoder"));
    const auto maxqda = QString::fromStdString(fixtureQdpx(dir, "maxqda"));
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    MainWindow window(dialogs);
    window.show();
    REQUIRE(window.openProject(QString::fromStdString(path)));
    QAction* action = findAction(window, "actionImportQdpxCoder");
    REQUIRE(action->isEnabled());

    // The round and coder in one choice; one user in the file: no question about it.
    dialogs->pathsToReturn << qualcoder;
    dialogs->choicesToMake << QStringLiteral("Ann — round R1 (6 posts)");
    action->trigger();
    REQUIRE(window.qdpxActions()->runner()->waitForFinished(60000));
    INFO(dialogs->errors.join(QStringLiteral("\n")).toStdString());
    REQUIRE(dialogs->errors.isEmpty());
    CHECK(dialogs->offeredChoices.size() == 1);
    CHECK(dialogs->informations.last().startsWith(QStringLiteral(
        "Codings imported: Imported 3 labels of Ann into round R1 from 4 codings by default")));
    CHECK(labelsOf(window, "Ann") == 3);

    // Ann has labels now: only Bob is offered. The MAXQDA file has two users: asked.
    dialogs->pathsToReturn << maxqda;
    dialogs->choicesToMake << QStringLiteral("Bob — round R1 (6 posts)")
                           << QStringLiteral("Ann M (3 codings)");
    action->trigger();
    REQUIRE(window.qdpxActions()->runner()->waitForFinished(60000));
    REQUIRE(dialogs->errors.isEmpty());
    REQUIRE(dialogs->offeredChoices.size() == 3);
    CHECK(dialogs->offeredChoices[1] == QStringList{QStringLiteral("Bob — round R1 (6 posts)")});
    CHECK(dialogs->offeredChoices[2] ==
          QStringList{QStringLiteral("Ann M (3 codings)"), QStringLiteral("Reviewer (1 coding)")});
    CHECK(dialogs->informations.last().contains(
        QStringLiteral("Left in the file: the codings of Reviewer (1 coding).")));
    CHECK(labelsOf(window, "Bob") == 3);
}

TEST_CASE("File menu: a broken coder's .qdpx is refused with the place, nothing stored",
          "[gui][qdpx]") {
    QSettings().clear();
    taxo::test::TempDir dir;
    const auto path = roundStudy(dir);
    auto qde = taxo::test::readFile(taxo::test::fixture("qdpx/qualcoder/project.qde"));
    qde.replace(qde.find("endPosition=\"56\""), 16, "endPosition=\"63\""); // bytes, not characters
    std::vector<std::pair<std::string, std::string>> entries = {{"project.qde", qde}};
    for (const auto& file : std::filesystem::directory_iterator(
             std::filesystem::path(taxo::test::fixture("qdpx/qualcoder"))))
        if (file.path().extension() == ".txt")
            entries.emplace_back("sources/" + file.path().filename().string(),
                                 taxo::test::readFile(file.path().string()));
    const auto broken = dir.file("broken.qdpx");
    taxo::test::writeFile(broken, taxo::test::zipOf(entries));

    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    MainWindow window(dialogs);
    window.show();
    REQUIRE(window.openProject(QString::fromStdString(path)));
    const auto before = taxo::test::dumpAll(window.session()->project()->db());
    dialogs->pathsToReturn << QString::fromStdString(broken);
    dialogs->choicesToMake << QStringLiteral("Bob — round R1 (6 posts)");
    findAction(window, "actionImportQdpxCoder")->trigger();
    REQUIRE(window.qdpxActions()->runner()->waitForFinished(60000));
    REQUIRE(dialogs->errors.size() == 1);
    CHECK(dialogs->errors[0].startsWith(QStringLiteral("Codings refused: ")));
    CHECK(dialogs->errors[0].contains(QStringLiteral("broken.qdpx: nothing was imported")));
    CHECK(dialogs->errors[0].contains(
        QStringLiteral("project.qde line 41: the selection 0-63 of 'post so:3' lies outside its "
                       "text (56 characters)")));
    CHECK(dialogs->errors[0].endsWith(
        QStringLiteral("Nothing was imported; the project is unchanged.")));
    CHECK(taxo::test::dumpAll(window.session()->project()->db()) == before);
    CHECK(findAction(window, "actionImportQdpxCoder")->isEnabled());
}
