// The whole study through the window, from an empty project, as the lead, two coders and
// an arbitrator would do it: import a real dump, select, sample, people, pilot open coding,
// two coder packages labeled and merged, agreement, arbitration, and the export of the
// figure and the taxonomy JSON. Each step uses the page a user would use; the numbers are
// checked against core, which the core tests check against R, statsmodels and the study.

#include "child_widget.h"
#include "core/agreement/project_agreement.h"
#include "core/arbitration/arbitration.h"
#include "scripted_dialogs.h"
#include "tests/support/test_support.h"
#include "ui/agreement/agreement_page.h"
#include "ui/app/main_window.h"
#include "ui/app/package_actions.h"
#include "ui/arbitration/arbitration_page.h"
#include "ui/codebook/category_checklist_model.h"
#include "ui/codebook/codebook_page.h"
#include "ui/corpus/corpus_page.h"
#include "ui/corpus/import_dialog.h"
#include "ui/labeling/codes_model.h"
#include "ui/labeling/codes_panel.h"
#include "ui/labeling/labeling_page.h"
#include "ui/results/taxonomy_page.h"
#include "ui/sampling/people_view.h"
#include "ui/sampling/sampling_models.h"
#include "ui/sampling/sampling_page.h"
#include "ui/selection/selection_page.h"
#include "ui/session/project_session.h"
#include "ui/support/job_runner.h"
#include "ui/support/qt_text.h"

#include <QAction>
#include <QComboBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardItem>
#include <QTest>
#include <QTreeView>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using taxo::ui::toQ;

using taxo::ui::MainWindow;
namespace lb = taxo::labels;

using taxo::test::child;

namespace {

template <typename T> T* page(MainWindow& window) {
    auto* found = window.findChild<T*>();
    REQUIRE(found != nullptr);
    return found;
}

void show(MainWindow& window, const char* title) {
    REQUIRE(window.showPageByTitle(QString::fromLatin1(title)));
    QCoreApplication::processEvents();
}

std::int64_t queryInt(MainWindow& window, const std::string& sql) {
    auto value = window.session()->project()->db().queryInt(sql);
    INFO(sql);
    REQUIRE(value.ok());
    return *value;
}

// Exports a package for the person whose entry in the menu's list starts with `who`.
void exportPackage(MainWindow& window, taxo::test::ScriptedDialogs& dialogs, const QString& who,
                   const QString& path) {
    auto* action = child<QAction>(&window, "actionExportPackage");
    action->trigger(); // cancelled: shows who is offered
    REQUIRE_FALSE(dialogs.offeredChoices.isEmpty());
    QString entry;
    for (const QString& offered : dialogs.offeredChoices.last())
        if (offered.startsWith(who))
            entry = offered;
    REQUIRE_FALSE(entry.isEmpty());
    dialogs.choicesToMake << entry;
    dialogs.pathsToReturn << path;
    action->trigger();
    REQUIRE(window.packageActions()->runner()->waitForFinished(60000));
    INFO(dialogs.errors.join(QStringLiteral("\n")).toStdString());
    REQUIRE(dialogs.errors.isEmpty());
    REQUIRE(QFileInfo::exists(path));
}

// Unticks every category of the Coding page and ticks `name`.
void tickOnly(taxo::ui::LabelingPage& coding, const QString& name) {
    QStandardItem* wanted = nullptr;
    for (QStandardItem* item : coding.categoryModel()->leaves()) {
        item->setCheckState(Qt::Unchecked);
        if (item->text() == name)
            wanted = item;
    }
    REQUIRE(wanted != nullptr);
    wanted->setCheckState(Qt::Checked);
}

// What a coder chooses for the i-th post of the reliability round. Bo differs from Ann
// on every fifth post and says Pending on one, so there is something to arbitrate.
QString leafFor(int i, bool bo) {
    static const QString leaves[] = {QStringLiteral("Sign-in"), QStringLiteral("Broken links"),
                                     QStringLiteral("Feature requests")};
    const int pick = (i % 3 + ((bo && i % 5 == 0) ? 1 : 0)) % 3;
    return leaves[pick];
}

void labelPackage(MainWindow& window, const QString& path, const QString& coder, bool bo,
                  std::int64_t reliabilityRound) {
    REQUIRE(window.openProject(path));
    CHECK(window.windowTitle().startsWith(QStringLiteral("Coder package for ") + coder));
    CHECK(window.currentPage()->title() == QStringLiteral("Coding"));
    auto* coding = page<taxo::ui::LabelingPage>(window);
    const auto person =
        queryInt(window, "SELECT id FROM people WHERE name = '" + coder.toStdString() + "'");
    REQUIRE(coding->chooseAssignment(reliabilityRound, person));
    for (int i = 0; i < coding->itemCount(); ++i) {
        coding->showItem(i);
        if (bo && i == 1) {
            coding->setSpecial(lb::Special::Pending);
        } else {
            tickOnly(*coding, leafFor(i, bo));
        }
        INFO(coding->statusText().toStdString());
        REQUIRE(coding->saveCurrent());
    }
    CHECK(coding->progressText().startsWith(QString::number(coding->itemCount()) +
                                            QStringLiteral(" of ")));
}

} // namespace

TEST_CASE("a whole study through the window, from an empty project to the paper's figure",
          "[gui][end-to-end]") {
    TAXO_REQUIRE_SAMPLE(site, "bicycles.meta.stackexchange.com");
    QSettings().clear();
    taxo::test::TempDir dir;
    const QString lead = toQ(dir.file("study.taxo"));
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    MainWindow window(dialogs);
    window.resize(1280, 800);
    window.show();

    // An empty project, through File → New.
    dialogs->pathsToReturn << lead;
    child<QAction>(&window, "actionNew")->trigger();
    REQUIRE(window.session()->isOpen());
    CHECK(queryInt(window, "SELECT count(*) FROM posts") == 0);

    // 1. Import the genuine bicycles.meta dump through the Corpus page's dialog.
    show(window, "Corpus");
    auto* importDialog = page<taxo::ui::CorpusPage>(window)->openImportDialog();
    REQUIRE(importDialog != nullptr);
    importDialog->setSources({toQ((site / "Posts.xml").string())});
    importDialog->startButton()->click();
    REQUIRE(importDialog->runner()->waitForFinished(300000));
    INFO(importDialog->statusLabel()->text().toStdString());
    CHECK(importDialog->statusLabel()->text().contains(QStringLiteral("Imported 453 questions")));
    importDialog->close();

    // 2. Select: a rules file opened on the Selection page, then Build sets.
    show(window, "Selection");
    auto* selection = page<taxo::ui::SelectionPage>(window);
    const auto rules = dir.file("rules.json");
    taxo::test::writeFile(rules, R"({"sets": [{"name": "Support", "clauses": [
        {"tags_any": ["support"]},
        {"tags_any": ["discussion"], "keywords_any": ["bug", "error"], "whole_words": true}]}]})");
    dialogs->pathsToReturn << toQ(rules);
    child<QPushButton>(selection, "browseRules")->click();
    child<QPushButton>(selection, "runSelection")->click();
    REQUIRE(QTest::qWaitFor([&] { return !selection->busy(); }, 60000));
    CHECK(queryInt(window, "SELECT count(*) FROM set_members") == 47);

    // 3. Sample with the default (Cochran, rounded up) size and a typed seed.
    show(window, "Sampling");
    auto* sampling = page<taxo::ui::SamplingPage>(window);
    sampling->selectSet(QStringLiteral("Support"));
    child<QLineEdit>(sampling, "seed")->setText(QStringLiteral("20261126"));
    dialogs->confirmAnswers << true; // "Draw 42 of the 47 posts of set Support with seed …?"
    child<QPushButton>(sampling, "drawButton")->click();
    CHECK(dialogs->questions.last().contains(
        QStringLiteral("Draw 42 of the 47 posts of set Support")));
    INFO(child<QLabel>(sampling, "drawStatus")->text().toStdString());
    // n0 = 1.959964^2 * 0.25 / 0.05^2 = 384.1; n = 384.1 / (1 + 383.1 / 47) = 41.97 -> 42.
    REQUIRE(sampling->drawModel()->rowCount() == 42);
    CHECK(sampling->drawModel()->pilotCount() == 13); // round(42 * 0.3)

    // People, on the Sampling page's People tab: Ann and Bo code, Cy arbitrates the
    // Support root; then Ann and Bo are assigned to both rounds.
    auto* people = sampling->peopleView();
    auto addPerson = [&](const char* name, const char* roleName, const char* rootName) {
        child<QLineEdit>(people, "personName")->setText(QString::fromLatin1(name));
        auto* role = child<QComboBox>(people, "personRole");
        role->setCurrentIndex(role->findData(QString::fromLatin1(roleName)));
        auto* root = child<QComboBox>(people, "personRoot");
        root->setCurrentIndex(root->findData(QString::fromLatin1(rootName)));
        child<QPushButton>(people, "addRoleButton")->click();
        INFO(people->statusText().toStdString());
        REQUIRE(queryInt(window, std::string("SELECT count(*) FROM people WHERE name = '") + name +
                                     "'") == 1);
    };
    addPerson("Ann", "coder", "");
    addPerson("Bo", "coder", "");
    addPerson("Cy", "arbitrator", "Support");
    for (const char* round : {"Support pilot", "Support reliability"}) {
        sampling->selectRound(QString::fromLatin1(round));
        child<QLineEdit>(sampling, "coders")->setText(QStringLiteral("Ann, Bo"));
        const bool assigned = sampling->assignCoders();
        INFO(child<QLabel>(sampling, "assignStatus")->text().toStdString());
        REQUIRE(assigned);
    }
    REQUIRE(queryInt(window, "SELECT count(*) FROM people") == 3);
    const auto pilotRound = queryInt(window, "SELECT id FROM rounds WHERE name = 'Support pilot'");
    const auto reliabilityRound =
        queryInt(window, "SELECT id FROM rounds WHERE name = 'Support reliability'");

    // 4. Pilot open coding: the root and two inner categories on the Codebook page, an
    // initial code per pilot post on the Coding page, then leaves made from the codes.
    show(window, "Codebook");
    auto* codebook = page<taxo::ui::CodebookPage>(window);
    REQUIRE(codebook->addCategory(std::nullopt, QStringLiteral("Support")));
    const auto root = queryInt(window, "SELECT id FROM categories WHERE name = 'Support'");
    REQUIRE(codebook->addCategory(root, QStringLiteral("Account")));
    REQUIRE(codebook->addCategory(root, QStringLiteral("Site")));
    const auto account = queryInt(window, "SELECT id FROM categories WHERE name = 'Account'");
    const auto siteInner = queryInt(window, "SELECT id FROM categories WHERE name = 'Site'");

    show(window, "Coding");
    auto* coding = page<taxo::ui::LabelingPage>(window);
    REQUIRE(coding->chooseAssignment(pilotRound, std::nullopt));
    REQUIRE(coding->itemCount() == 13);
    const char* codes[] = {"cannot log in", "broken link", "feature idea"};
    for (int i = 0; i < coding->itemCount(); ++i) {
        coding->showItem(i);
        coding->codeEdit()->setText(QString::fromLatin1(codes[i % 3]));
        INFO(coding->statusText().toStdString());
        REQUIRE(coding->saveCurrent());
    }
    auto* codesPanel = coding->codesPanel();
    REQUIRE(codesPanel->model()->rowCount() == 3);
    codesPanel->selectCodes({"cannot log in"});
    REQUIRE(codesPanel->createCategory(account, QStringLiteral("Sign-in")));
    codesPanel->selectCodes({"broken link"});
    REQUIRE(codesPanel->createCategory(siteInner, QStringLiteral("Broken links")));
    codesPanel->selectCodes({"feature idea"});
    REQUIRE(codesPanel->createCategory(siteInner, QStringLiteral("Feature requests")));
    // Every pilot post now carries the leaf made from its code.
    CHECK(queryInt(window, "SELECT count(DISTINCT l.post_id) FROM labels l JOIN "
                           "label_categories c ON c.label_id = l.id WHERE l.round_id = " +
                               std::to_string(pilotRound)) == 13);

    // 5. Two coder packages from the File menu, labeled on the Coding page, merged back.
    const QString ann = toQ(dir.file("ann.taxo"));
    const QString bo = toQ(dir.file("bo.taxo"));
    exportPackage(window, *dialogs, QStringLiteral("Ann"), ann);
    exportPackage(window, *dialogs, QStringLiteral("Bo"), bo);
    labelPackage(window, ann, QStringLiteral("Ann"), false, reliabilityRound);
    labelPackage(window, bo, QStringLiteral("Bo"), true, reliabilityRound);
    REQUIRE(window.openProject(lead));
    dialogs->pathsToReturn << ann << bo;
    // Each merge runs off the UI thread; the next starts when it is done.
    for (int i = 0; i < 2; ++i) {
        child<QAction>(&window, "actionImportPackage")->trigger();
        REQUIRE(window.packageActions()->runner()->waitForFinished(60000));
    }
    INFO(dialogs->errors.join(QStringLiteral("\n")).toStdString());
    REQUIRE(dialogs->errors.isEmpty());
    CHECK(queryInt(window, "SELECT count(*) FROM labels WHERE round_id = " +
                               std::to_string(reliabilityRound)) == 2 * 29);

    // 6. Agreement: the page shows what core computes for the reliability round.
    show(window, "Agreement");
    auto* agreementPage = page<taxo::ui::AgreementPage>(window);
    agreementPage->refresh();
    REQUIRE(agreementPage->current().has_value());
    auto expected =
        taxo::agreement::projectAgreement(window.session()->project()->db(), "Support reliability");
    REQUIRE(expected.ok());
    CHECK(agreementPage->current()->overall.n == 29);
    CHECK(agreementPage->current()->overall.kappa == expected->overall.kappa);
    REQUIRE(expected->overall.kappa.has_value());
    CHECK(*expected->overall.kappa < 1.0); // Bo's differences count

    // 7. Arbitration: Cy settles every conflict of the Support root with a rationale.
    show(window, "Arbitration");
    auto* arbitration = page<taxo::ui::ArbitrationPage>(window);
    REQUIRE(arbitration->choosePerson(QStringLiteral("Cy")));
    const int open = arbitration->openCount();
    CHECK(open == 7); // posts 0, 5, 10, 15, 20, 25 differ; post 1 is Pending
    for (int guard = 0; arbitration->openCount() > 0 && guard < 50; ++guard) {
        if (arbitration->coderText(0).contains(QStringLiteral("Pending")))
            arbitration->takeB();
        else
            arbitration->takeA();
        arbitration->rationaleEdit()->setPlainText(QStringLiteral("A's reading fits the post."));
        INFO(arbitration->decideHint().toStdString());
        REQUIRE(arbitration->decideCurrent());
    }
    CHECK(arbitration->openCount() == 0);
    auto conflicts = taxo::arbitration::listConflicts(window.session()->project()->db());
    REQUIRE(conflicts.ok());
    CHECK(conflicts->empty());
    CHECK(queryInt(window, "SELECT count(*) FROM decisions") == open);

    // 8. The figure and the taxonomy JSON from the Taxonomy page.
    show(window, "Taxonomy");
    auto* taxonomy = page<taxo::ui::TaxonomyPage>(window);
    taxonomy->refresh();
    const QString svg = toQ(dir.file("figure.svg"));
    const QString json = toQ(dir.file("taxonomy.json"));
    dialogs->pathsToReturn << svg;
    dialogs->questions.clear(); // the draw's confirmation, earlier
    taxonomy->exportButton(QStringLiteral("svg"))->click();
    dialogs->pathsToReturn << json;
    taxonomy->exportButton(QStringLiteral("taxonomy-json"))->click();
    INFO(taxonomy->statusLabel()->text().toStdString());
    CHECK(dialogs->questions.isEmpty()); // nothing unresolved: no question asked
    const std::string figure = taxo::test::readFile(svg.toStdString());
    for (const char* name :
         {"Support", "Account", "Site", "Sign-in", "Broken links", "Feature requests"})
        CHECK(figure.find(name) != std::string::npos);
    const auto document = nlohmann::json::parse(taxo::test::readFile(json.toStdString()));
    const auto& summary = document.at("summary");
    CHECK(summary.at("unresolved") == 0);
    // Every sampled post has a final label: the pilot's consensus, an agreement or a decision.
    CHECK(summary.at("covered_posts").get<int>() + summary.at("false_positive").get<int>() +
              summary.at("unclear").get<int>() ==
          42);
    CHECK(document.at("roots").at(0).at("name") == "Support");
    CHECK(document.at("roots").at(0).at("percent") == 100.0);
}
