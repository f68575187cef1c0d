// Issue 7's "done when", driven through the window as a lead and two coders would:
// packages exported from the File menu, labeled on the Coding page, imported back
// from the File menu; a tampered package refused with the project left byte for byte.

#include "scripted_dialogs.h"
#include "tests/core/exchange_fixture.h"
#include "ui/app/main_window.h"
#include "ui/app/package_actions.h"
#include "ui/codebook/category_checklist_model.h"
#include "ui/labeling/labeling_page.h"
#include "ui/session/page.h"
#include "ui/session/project_session.h"
#include "ui/support/job_runner.h"
#include "ui/support/qt_text.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QProgressDialog>
#include <QSettings>
#include <QStandardItem>
#include <QTest>
#include <QTreeView>
#include <catch2/catch.hpp>
#include <filesystem>

using taxo::ui::toQ;

using taxo::ui::MainWindow;
namespace lb = taxo::labels;

namespace {

QAction* findAction(MainWindow& window, const char* name) {
    auto* action = window.findChild<QAction*>(QString::fromLatin1(name));
    REQUIRE(action != nullptr);
    return action;
}

// The lead's project: the full study of the exchange tests, written and closed.
std::map<std::string, taxo::codebook::CategoryId> makeLeadProject(const taxo::test::TempDir& dir) {
    taxo::test::Study study{taxo::test::makeProject(dir), {}};
    taxo::test::seedFullStudy(study);
    // Real time stamps, older than any label saved in a package now.
    taxo::test::sqlOrFail(study.db(), "UPDATE labels SET updated = '2020-01-01T00:00:00.000Z'");
    return study.ids;
}

void exportThroughMenu(MainWindow& window, taxo::test::ScriptedDialogs& dialogs,
                       const QString& choice, const QString& path) {
    dialogs.choicesToMake << choice;
    dialogs.pathsToReturn << path;
    findAction(window, "actionExportPackage")->trigger();
    REQUIRE(window.packageActions()->runner()->waitForFinished(60000));
    INFO(dialogs.errors.join(QStringLiteral("\n")).toStdString());
    REQUIRE(dialogs.errors.isEmpty());
    REQUIRE(dialogs.informations.last().startsWith(QStringLiteral("Package written")));
    REQUIRE(QFileInfo::exists(path));
}

taxo::ui::LabelingPage* codingPage(MainWindow& window) {
    auto* page = window.findChild<taxo::ui::LabelingPage*>();
    REQUIRE(page != nullptr);
    return page;
}

// Labels the current post of the Coding page through its widgets and saves.
void labelWithLeaf(taxo::ui::LabelingPage& page, std::int64_t post, taxo::codebook::CategoryId leaf,
                   const QString& note) {
    for (int i = 0; i < page.itemCount(); ++i) {
        page.showItem(i);
        if (page.currentKey()->postId == post)
            break;
    }
    REQUIRE(page.currentKey()->postId == post);
    // Whatever was ticked before goes: the label is exactly this leaf.
    for (QStandardItem* item : page.categoryModel()->leaves())
        item->setCheckState(Qt::Unchecked);
    auto* item = page.categoryItem(leaf);
    REQUIRE(item != nullptr);
    item->setCheckState(Qt::Checked);
    page.noteEdit()->setText(note);
    INFO(page.statusText().toStdString());
    REQUIRE(page.saveCurrent());
}

std::vector<std::string> labelRows(const std::string& path) {
    auto project = taxo::Project::open(path, taxo::Project::Access::ReadOnly);
    REQUIRE(project.ok());
    auto stmt = project->db().prepare(
        "SELECT l.round_id || '|' || l.post_id || '|' || ifnull(p.name, '-') || '|' || "
        "ifnull(l.special, '-') || '|' || ifnull((SELECT group_concat(category_id) FROM "
        "(SELECT category_id FROM label_categories WHERE label_id = l.id ORDER BY "
        "category_id)), '') || '|' || l.note FROM labels l LEFT JOIN people p ON "
        "p.id = l.coder_id ORDER BY 1");
    REQUIRE(stmt.ok());
    std::vector<std::string> rows;
    while (*stmt->step())
        rows.push_back(stmt->columnText(0));
    return rows;
}

} // namespace

TEST_CASE("lead, two coder packages through the menu, labeled, merged back exactly",
          "[gui][packages]") {
    QSettings().clear();
    taxo::test::TempDir dir;
    const auto ids = makeLeadProject(dir);
    const QString lead = toQ(dir.file("study.taxo"));
    const QString ann = toQ(dir.file("for-ann.taxo"));
    const QString bo = toQ(dir.file("for-bo.taxo"));
    const auto before = labelRows(lead.toStdString());

    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    MainWindow window(dialogs);
    window.show();
    REQUIRE(window.openProject(lead));
    CHECK(findAction(window, "actionExportPackage")->isEnabled());

    // The lead chooses among the coders and the arbitrator, each with the role.
    exportThroughMenu(window, *dialogs, QStringLiteral("Ann — coder (pilot, reliability)"), ann);
    CHECK(dialogs->offeredChoices.last() ==
          QStringList({QStringLiteral("Ann — coder (pilot, reliability)"),
                       QStringLiteral("Bo — coder (pilot, reliability)"),
                       QStringLiteral("Cy — arbitrator (Mobile, Server/Cloud)")}));
    // The suggested file sits beside the project and is named after the person.
    CHECK(dialogs->suggestedPaths.last() ==
          QFileInfo(lead).absoluteDir().filePath(QStringLiteral("Ann-coder-package.taxo")));
    exportThroughMenu(window, *dialogs, QStringLiteral("Bo — coder (pilot, reliability)"), bo);
    CHECK(window.session()->isOpen());
    CHECK(window.session()->path() == lead);

    // Ann opens her package: it says whom it is for and opens on her Coding page.
    REQUIRE(window.openProject(ann));
    CHECK(window.windowTitle().startsWith(
        QStringLiteral("Coder package for Ann, round reliability – ")));
    REQUIRE(window.currentPage() != nullptr);
    CHECK(window.currentPage()->title() == QStringLiteral("Coding"));
    CHECK_FALSE(findAction(window, "actionExportPackage")->isEnabled());
    CHECK_FALSE(findAction(window, "actionImportPackage")->isEnabled());
    // The lead's pages show but do not change, and say why in one line.
    for (const QString& title :
         {QStringLiteral("Selection"), QStringLiteral("Sampling"), QStringLiteral("Codebook")}) {
        INFO(title.toStdString());
        REQUIRE(window.showPageByTitle(title));
        auto* leadPage = window.currentPage();
        CHECK(leadPage->readOnlyReason().startsWith(
            QStringLiteral("Read-only in a coder's package: only the lead changes this.")));
        CHECK(leadPage->readOnlyReason().contains(QStringLiteral("Pending")));
        auto* banner = window.findChild<QLabel*>(QStringLiteral("readOnlyReason"));
        REQUIRE(banner != nullptr);
        CHECK(banner->isVisible());
        CHECK(banner->text() == leadPage->readOnlyReason());
        for (auto* button : leadPage->findChildren<QAbstractButton*>()) {
            INFO(button->metaObject()->className() << " " << button->objectName().toStdString()
                                                   << " " << button->text().toStdString());
            CHECK_FALSE(button->isEnabled());
        }
        for (auto* edit : leadPage->findChildren<QLineEdit*>())
            CHECK_FALSE(edit->isEnabled());
    }
    {
        // Not even the codebook's keys add a category.
        const auto categories = [&] {
            auto count =
                window.session()->project()->db().queryInt("SELECT count(*) FROM categories");
            REQUIRE(count.ok());
            return *count;
        };
        const auto categoriesBefore = categories();
        QWidget* focus = QApplication::focusWidget();
        if (focus)
            QTest::keyClick(focus, Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
        CHECK(categories() == categoriesBefore);
    }
    REQUIRE(window.showPageByTitle(QStringLiteral("Coding")));
    auto* page = codingPage(window);
    auto* assignments = page->findChild<QComboBox*>(QStringLiteral("labelingAssignment"));
    REQUIRE(assignments != nullptr);
    // Only her own work: not the pilot (coded jointly in the lead's project), nobody else.
    REQUIRE(assignments->count() == 1);
    CHECK(assignments->itemText(0) == QStringLiteral("reliability — Ann"));
    REQUIRE(page->chooseAssignment(2, std::int64_t{1}));
    CHECK(page->workingAsText() ==
          QStringLiteral("Changing the labels of Ann in round reliability"));
    CHECK(window.windowTitle().contains(QStringLiteral("labels of Ann")));
    CHECK(page->doneText().isEmpty()); // post 6 is still unlabeled
    labelWithLeaf(*page, 6, ids.at("Input"), QStringLiteral("ann on 6"));
    // Every post labeled: the page says what to do next, with the package's own name.
    CHECK(page->doneText() ==
          QStringLiteral("Done: close the app and send for-ann.taxo to your lead"));
    labelWithLeaf(*page, 4, ids.at("Input"), QStringLiteral("ann on 4"));

    REQUIRE(window.openProject(bo));
    CHECK(window.windowTitle().startsWith(QStringLiteral("Coder package for Bo")));
    page = codingPage(window);
    REQUIRE(page->chooseAssignment(2, std::int64_t{2}));
    labelWithLeaf(*page, 6, ids.at("Input"), QStringLiteral("bo on 6"));
    page->showItem(1);
    REQUIRE(page->currentKey()->postId == 5);
    page->setSpecial(lb::Special::Unclear);
    REQUIRE(page->saveCurrent());

    // The lead imports both through the menu and gets a report for each.
    REQUIRE(window.openProject(lead));
    CHECK(window.windowTitle().startsWith(QStringLiteral("study")));
    REQUIRE(window.showPageByTitle(QStringLiteral("Codebook")));
    CHECK(window.currentPage()->readOnlyReason().isEmpty()); // the lead's own project
    CHECK(window.currentPage()->findChild<QTreeView*>()->isEnabled());
    dialogs->pathsToReturn << ann << bo;
    // Each merge runs off the UI thread; the next starts when it is done.
    for (int i = 0; i < 2; ++i) {
        findAction(window, "actionImportPackage")->trigger();
        // The window is not frozen: the merge runs on a worker, shown with Cancel.
        CHECK(window.packageActions()->runner()->isRunning());
        CHECK(window.session()->isBusy());
        auto* progress =
            window.findChild<QProgressDialog*>(QStringLiteral("packageImportProgress"));
        REQUIRE(progress != nullptr);
        CHECK(progress->isVisible());
        CHECK(progress->maximum() == 0); // indeterminate: the merge reports no steps
        CHECK_FALSE(findAction(window, "actionImportPackage")->isEnabled());
        REQUIRE(window.packageActions()->runner()->waitForFinished(60000));
        CHECK_FALSE(window.session()->isBusy());
    }
    INFO(dialogs->errors.join(QStringLiteral("\n")).toStdString());
    REQUIRE(dialogs->errors.isEmpty());
    REQUIRE(dialogs->informations.size() >= 2);
    CHECK(dialogs->informations[dialogs->informations.size() - 2] ==
          QStringLiteral("Package imported: Merged the coder package of Ann.\n\n"
                         "Labels: 1 added, 1 updated, 1 unchanged.\n"
                         "Decisions: 0 added, 0 updated, 0 unchanged.\n"
                         "Categories added: 0.\n\n"
                         "Round reliability: Ann: 3 of 3, Bo: 2 of 3\n"
                         "Warning: round reliability is not complete: Bo has labeled 2 of 3 "
                         "posts"));
    CHECK(dialogs->informations.last().contains(QStringLiteral("of Bo")));
    CHECK(dialogs->informations.last().contains(QStringLiteral("1 added, 1 updated, 1 unchanged")));
    window.closeProject();

    // Exactly both coders' work: every earlier label that nobody touched, and theirs.
    const std::string input = std::to_string(ids.at("Input"));
    auto expected = before;
    auto replace = [&](const std::string& prefix, const std::string& row) {
        expected.erase(
            std::remove_if(expected.begin(), expected.end(),
                           [&](const std::string& r) { return r.rfind(prefix, 0) == 0; }),
            expected.end());
        expected.push_back(row);
    };
    replace("2|4|Ann|", "2|4|Ann|-|" + input + "|ann on 4");
    replace("2|6|Ann|", "2|6|Ann|-|" + input + "|ann on 6");
    replace("2|6|Bo|", "2|6|Bo|-|" + input + "|bo on 6");
    replace("2|5|Bo|", "2|5|Bo|unclear||a note 6");
    std::sort(expected.begin(), expected.end());
    CHECK(labelRows(lead.toStdString()) == expected);
}

TEST_CASE("a tampered package is refused through the menu, the project byte-identical",
          "[gui][packages]") {
    QSettings().clear();
    taxo::test::TempDir dir;
    makeLeadProject(dir);
    const QString lead = toQ(dir.file("study.taxo"));
    const QString ann = toQ(dir.file("ann.taxo"));
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    MainWindow window(dialogs);
    window.show();
    REQUIRE(window.openProject(lead));
    exportThroughMenu(window, *dialogs, QStringLiteral("Ann — coder (pilot, reliability)"), ann);

    auto tampered = [&](const std::string& name) {
        const auto path = dir.file(name);
        std::filesystem::copy_file(ann.toStdString(), path);
        return path;
    };
    const auto otherPerson = tampered("person.taxo");
    {
        auto package = taxo::Project::open(otherPerson);
        REQUIRE(package.ok());
        taxo::test::sqlOrFail(package->db(),
                              "INSERT INTO people(id, name, created) VALUES (2, 'Bo', 't');"
                              "UPDATE labels SET coder_id = 2 WHERE post_id = 4");
    }
    const auto flipped = tampered("flipped.taxo");
    {
        auto bytes = taxo::test::readFile(flipped);
        for (std::size_t i = 0; i < 16; ++i)
            bytes[i] = static_cast<char>(~bytes[i]);
        taxo::test::writeFile(flipped, bytes);
    }
    const auto truncated = tampered("truncated.taxo");
    {
        const auto bytes = taxo::test::readFile(truncated);
        taxo::test::writeFile(truncated, bytes.substr(0, bytes.size() / 2));
    }

    for (const auto& [file, reason] : {std::pair{otherPerson, std::string("changed by hand")},
                                       std::pair{flipped, std::string("not a package")},
                                       std::pair{truncated, std::string("not a package")}}) {
        window.closeProject();
        const auto bytes = taxo::test::readFile(lead.toStdString());
        REQUIRE(window.openProject(lead));
        dialogs->errors.clear();
        dialogs->pathsToReturn << toQ(file);
        findAction(window, "actionImportPackage")->trigger();
        REQUIRE(window.packageActions()->runner()->waitForFinished(60000));
        REQUIRE(dialogs->errors.size() == 1);
        INFO(dialogs->errors.first().toStdString());
        CHECK(dialogs->errors.first().startsWith(QStringLiteral("Package refused: ")));
        CHECK(dialogs->errors.first().contains(toQ(reason)));
        CHECK(dialogs->errors.first().contains(QStringLiteral("the project is unchanged")));
        window.closeProject();
        CHECK(taxo::test::readFile(lead.toStdString()) == bytes);
        for (const char* suffix : {"-wal", "-journal"})
            CHECK_FALSE(std::filesystem::exists(lead.toStdString() + suffix));
    }
}

TEST_CASE("an arbitrator's package opens on the Arbitration page", "[gui][packages]") {
    QSettings().clear();
    taxo::test::TempDir dir;
    makeLeadProject(dir);
    const QString lead = toQ(dir.file("study.taxo"));
    const QString cy = toQ(dir.file("cy.taxo"));
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    MainWindow window(dialogs);
    window.show();
    REQUIRE(window.openProject(lead));
    exportThroughMenu(window, *dialogs, QStringLiteral("Cy — arbitrator (Mobile, Server/Cloud)"),
                      cy);
    CHECK(dialogs->suggestedPaths.last().endsWith(QStringLiteral("/Cy-arbitrator-package.taxo")));
    REQUIRE(window.openProject(cy));
    CHECK(window.windowTitle().startsWith(
        QStringLiteral("Arbitrator package for Cy, roots Mobile, Server/Cloud")));
    CHECK(window.currentPage()->title() == QStringLiteral("Arbitration"));
    // Nothing to label as Cy in his package.
    CHECK(
        codingPage(window)->findChild<QComboBox*>(QStringLiteral("labelingAssignment"))->count() ==
        0);
}

TEST_CASE("cancelling the person or the file exports nothing; a refused export says why",
          "[gui][packages]") {
    QSettings().clear();
    taxo::test::TempDir dir;
    makeLeadProject(dir);
    const QString lead = toQ(dir.file("study.taxo"));
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    MainWindow window(dialogs);
    window.show();
    REQUIRE(window.openProject(lead));
    findAction(window, "actionExportPackage")->trigger(); // no choice: cancelled
    CHECK(dialogs->suggestedPaths.isEmpty());
    dialogs->choicesToMake << QStringLiteral("Ann — coder (pilot, reliability)");
    findAction(window, "actionExportPackage")->trigger(); // no path: cancelled
    CHECK(dialogs->suggestedPaths.size() == 1);
    CHECK_FALSE(window.packageActions()->runner()->isRunning());
    // An existing file is never overwritten.
    const QString taken = toQ(dir.file("taken.taxo"));
    taxo::test::writeFile(taken.toStdString(), "mine");
    dialogs->choicesToMake << QStringLiteral("Ann — coder (pilot, reliability)");
    dialogs->pathsToReturn << taken;
    findAction(window, "actionExportPackage")->trigger();
    REQUIRE(window.packageActions()->runner()->waitForFinished(60000));
    REQUIRE(dialogs->errors.size() == 1);
    CHECK(dialogs->errors.first().contains(QStringLiteral("exists already")));
    CHECK(taxo::test::readFile(taken.toStdString()) == "mine");
    CHECK(dialogs->informations.isEmpty());
    CHECK(findAction(window, "actionExportPackage")->isEnabled());
}
