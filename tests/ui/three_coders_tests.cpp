// A reliability round of three coders on the Arbitration and Agreement pages: every
// coder's label in its own column (A, B, C), any of them taken as the decision, Fleiss'
// kappa as the headline and the matrix of pairwise kappas.

#include "child_widget.h"
#include "core/agreement/project_agreement.h"
#include "core/people/people.h"
#include "scripted_dialogs.h"
#include "tests/core/study_fixture.h"
#include "ui/agreement/agreement_models.h"
#include "ui/agreement/agreement_page.h"
#include "ui/agreement/pairwise_model.h"
#include "ui/arbitration/arbitration_page.h"
#include "ui/arbitration/conflict_queue_model.h"
#include "ui/codebook/category_checklist_model.h"
#include "ui/session/project_session.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QGroupBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <catch2/catch.hpp>

namespace ab = taxo::arbitration;
using taxo::codebook::CategoryId;

using taxo::test::child;

namespace {

// Posts 1-4 of Server/Cloud in one reliability round of Ann (1), Bo (2) and Eve (3);
// Cy (4) arbitrates Server/Cloud. Post 1: Eve differs from Ann and Bo; post 2: Eve says
// Pending; post 3: all three agree; post 4: Ann and Bo differ, Eve sides with Bo.
struct ThreeCoderStudy {
    taxo::test::TempDir dir;
    taxo::ui::ProjectSession session;
    std::map<std::string, CategoryId> ids;

    ThreeCoderStudy() {
        REQUIRE(session
                    .create(QString::fromStdString(dir.file("three.taxo")),
                            QStringLiteral("three coders"))
                    .isEmpty());
        auto& db = this->db();
        taxo::test::StudyBuilder study(db);
        std::vector<taxo::corpus::PostEntry> posts;
        for (int i = 1; i <= 4; ++i)
            posts.push_back(
                {"stackoverflow", std::to_string(700 + i), "question " + std::to_string(i)});
        REQUIRE(study.posts(posts) == std::vector<std::int64_t>{1, 2, 3, 4});
        REQUIRE(study.set("Server", "Server/Cloud", {1, 2, 3, 4}, "t") == 1);
        using taxo::people::Role;
        study.role("Ann", Role::Coder)
            .role("Bo", Role::Coder)
            .role("Eve", Role::Coder)
            .role("Cy", Role::Arbitrator, "Server/Cloud");
        REQUIRE(study.round({"reliability",
                             taxo::rounds::RoundKind::Reliability,
                             {},
                             {},
                             "t",
                             {1, 2, 3, 4},
                             {1, 2, 3}}) == 1);
        taxo::test::seedCodebook(db, ids);
        label(1, 1, "Procedure");
        label(1, 2, "Procedure");
        label(1, 3, "Format");
        label(2, 1, "Format");
        label(2, 2, "Format");
        label(2, 3, "", "pending");
        for (std::int64_t coder : {1, 2, 3})
            label(3, coder, "Procedure");
        label(4, 1, "Procedure");
        label(4, 2, "Model quantization");
        label(4, 3, "Model quantization");
    }

    void label(std::int64_t post, std::int64_t coder, const std::string& leaf,
               std::optional<std::string> special = std::nullopt) {
        taxo::labels::LabelContent content;
        if (!leaf.empty())
            content.categories.push_back(ids.at(leaf));
        if (special)
            content.special = taxo::labels::parseSpecial(*special);
        taxo::test::StudyBuilder(db()).label({1, post, coder}, content);
    }

    taxo::sql::Database& db() { return session.project()->db(); }

    std::optional<ab::Decision> decision(std::int64_t post) {
        auto found = ab::loadDecision(db(), post);
        REQUIRE(found.ok());
        return *found;
    }
};

void decideWith(taxo::ui::ArbitrationPage& page, const QString& rationale) {
    page.rationaleEdit()->setFocus();
    QTest::keyClicks(page.rationaleEdit(), rationale);
    REQUIRE(page.decideButton()->isEnabled());
    QTest::mouseClick(page.decideButton(), Qt::LeftButton);
}

} // namespace

TEST_CASE("the arbitrator sees coders A, B and C side by side and takes C",
          "[gui][arbitration][ncoders]") {
    ThreeCoderStudy study;
    taxo::ui::ArbitrationPage page(&study.session);
    QAbstractItemModelTester queueTester(page.queueModel(),
                                         QAbstractItemModelTester::FailureReportingMode::Fatal);
    page.resize(1400, 900);
    page.show();
    QApplication::setActiveWindow(&page);
    REQUIRE(QTest::qWaitForWindowActive(&page));
    page.refresh();
    REQUIRE(page.choosePerson(QStringLiteral("Cy")));

    // Posts 1, 2 and 4 conflict; post 3, where all three agree, does not.
    CHECK(page.openCount() == 3);
    REQUIRE(page.currentPostId() == 1);
    REQUIRE(page.coderColumns() == 3);
    auto* columnC = child<QGroupBox>(&page, QStringLiteral("arbitrationCoderC"));
    CHECK(columnC->isVisible());
    CHECK(columnC->title() == QStringLiteral("Coder C — Eve"));
    CHECK(page.coderText(0).contains(QStringLiteral("Coder A — Ann")));
    CHECK(page.coderText(1).contains(QStringLiteral("Coder B — Bo")));
    CHECK(page.coderText(2).contains(QStringLiteral("Server/Cloud › Request › Format")));
    CHECK(page.coderText(3).isEmpty());

    CHECK(page.decideHint().contains(QStringLiteral("Take B, Take C, Take both")));

    // Post 1: Take C records Eve's label.
    auto* takeC = child<QToolButton>(&page, QStringLiteral("arbitrationTakeC"));
    REQUIRE(takeC->isEnabled());
    QTest::mouseClick(takeC, Qt::LeftButton);
    CHECK(page.treeModel()->checkedLeaves() == std::vector<CategoryId>{study.ids["Format"]});
    CHECK(page.findChild<QLabel*>(QStringLiteral("arbitrationChoice"))
              ->text()
              .contains(QStringLiteral("Take C")));
    decideWith(page, QStringLiteral("Eve read the request"));
    REQUIRE(study.decision(1).has_value());
    CHECK(study.decision(1)->content.categories == std::vector<CategoryId>{study.ids["Format"]});

    // Post 2: Eve said Pending, which is no decision; Take C is greyed out, A is not.
    REQUIRE(page.currentPostId() == 2);
    CHECK(page.coderText(2).contains(QStringLiteral("Pending")));
    CHECK_FALSE(takeC->isEnabled());
    QTest::keyClick(page.queueView(), Qt::Key_1, Qt::ControlModifier);
    decideWith(page, QStringLiteral("A and B agree"));
    REQUIRE(study.decision(2).has_value());
    CHECK(study.decision(2)->content.categories == std::vector<CategoryId>{study.ids["Format"]});

    // Post 4: C sides with B; Take C gives B's leaf.
    REQUIRE(page.currentPostId() == 4);
    QTest::mouseClick(takeC, Qt::LeftButton);
    decideWith(page, QStringLiteral("two of three"));
    REQUIRE(study.decision(4).has_value());
    CHECK(study.decision(4)->content.categories ==
          std::vector<CategoryId>{study.ids["Model quantization"]});

    // Every conflict is decided: no third column is left standing.
    CHECK(page.openCount() == 0);
    CHECK(page.coderColumns() == 2);
    CHECK_FALSE(columnC->isVisible());
}

TEST_CASE("the Agreement page leads with Fleiss' kappa and shows the pairs of coders",
          "[gui][agreement][ncoders]") {
    ThreeCoderStudy study;
    taxo::test::ScriptedDialogs dialogs;
    taxo::ui::AgreementPage page(&study.session, dialogs);
    QAbstractItemModelTester pairsTester(page.pairwiseModel(),
                                         QAbstractItemModelTester::FailureReportingMode::Fatal);
    page.resize(1400, 900);
    page.show();
    page.refresh();
    REQUIRE(page.current().has_value());
    const auto& core = *page.current();
    REQUIRE(core.fleiss.has_value());
    REQUIRE(core.fleiss->kappa.has_value());

    // The figures are core's: the headline is Fleiss' kappa, the interval's place says
    // over which posts.
    CHECK(child<QGroupBox>(&page, QStringLiteral("agreementHeadline"))
              ->title()
              .startsWith(QStringLiteral("Fleiss' kappa of the study")));
    CHECK(child<QLabel>(&page, QStringLiteral("kappaValue"))->text() ==
          QStringLiteral("κ = ") + QString::number(*core.fleiss->kappa, 'f', 3));
    CHECK(child<QLabel>(&page, QStringLiteral("kappaInterval"))
              ->text()
              .startsWith(QStringLiteral("3 coders; 4 posts labeled by all of them, 0 left out")));
    // Per root, the rows are Fleiss' kappa over the three coders, as the headline is.
    auto* roots = page.perRootModel();
    QAbstractItemModelTester rootsTester(roots,
                                         QAbstractItemModelTester::FailureReportingMode::Fatal);
    REQUIRE(roots->rowCount() == static_cast<int>(core.perRoot.size()));
    bool sawFleiss = false;
    for (int row = 0; row < roots->rowCount(); ++row) {
        const auto& fleiss = core.perRoot[static_cast<std::size_t>(row)].fleiss;
        REQUIRE(fleiss.has_value());
        const auto shown =
            roots->data(roots->index(row, taxo::ui::KappaTableModel::KappaColumn), Qt::DisplayRole)
                .toString();
        CHECK(shown == (fleiss->kappa ? QString::number(*fleiss->kappa, 'f', 3)
                                      : QStringLiteral("undefined")));
        CHECK(roots->data(roots->index(row, taxo::ui::KappaTableModel::NColumn), Qt::DisplayRole)
                  .toString() == QString::number(fleiss->n));
        sawFleiss = sawFleiss || fleiss->kappa.has_value();
    }
    CHECK(sawFleiss);
    // One progress bar per coder.
    CHECK(child<QLabel>(&page, QStringLiteral("coderCName"))->text() == QStringLiteral("Eve"));
    CHECK(child<QProgressBar>(&page, QStringLiteral("coderCProgress"))->text() ==
          QStringLiteral("4 of 4 labeled"));

    // The matrix: Ann, Bo, Eve down and across, symmetric, nothing on the diagonal.
    auto* pairs = page.pairwiseModel();
    REQUIRE(pairs->rowCount() == 3);
    REQUIRE(pairs->columnCount() == 3);
    CHECK(pairs->headerData(2, Qt::Horizontal, Qt::DisplayRole).toString() ==
          QStringLiteral("Eve"));
    CHECK(pairs->data(pairs->index(1, 1), Qt::DisplayRole).toString() == QStringLiteral("–"));
    for (int a = 0; a < 3; ++a)
        for (int b = 0; b < 3; ++b) {
            if (a == b)
                continue;
            const auto* kappa =
                core.pairwise.find(static_cast<std::size_t>(a), static_cast<std::size_t>(b));
            REQUIRE(kappa != nullptr);
            const auto cell = pairs->index(a, b);
            CHECK(pairs->data(cell, Qt::DisplayRole).toString() ==
                  (kappa->kappa ? QString::number(*kappa->kappa, 'f', 3)
                                : QStringLiteral("undefined")));
            CHECK(pairs->data(cell, Qt::DisplayRole) ==
                  pairs->data(pairs->index(b, a), Qt::DisplayRole));
        }
    auto* tabs = page.findChild<QTabWidget*>();
    REQUIRE(tabs != nullptr);
    CHECK(tabs->isTabVisible(tabs->indexOf(child<QWidget>(&page, QStringLiteral("pairwiseView")))));
}
