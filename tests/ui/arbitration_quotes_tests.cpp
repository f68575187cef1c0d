// The Arbitration page's quotes: each coder's quotes shown under their label (flagged
// when the post changed), Take A / B / both ticking that coder's quotes, a quote kept or
// dropped by hand, only quotes of the decision's categories kept, and the decision's
// quotes undone and redone with it.

#include "core/arbitration/arbitration.h"
#include "core/corpus/post_parts.h"
#include "core/people/people.h"
#include "tests/core/study_fixture.h"
#include "ui/arbitration/arbitration_page.h"
#include "ui/session/project_session.h"

#include <QApplication>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QTableView>
#include <QTest>
#include <QUndoStack>
#include <catch2/catch.hpp>

namespace lb = taxo::labels;
using taxo::codebook::CategoryId;
using taxo::ui::ArbitrationPage;

namespace {

constexpr std::int64_t kAnn = 1;
constexpr std::int64_t kBo = 2;

// Posts 1 and 2 of Server/Cloud, labeled differently by Ann and Bo, each with a quote;
// Cy arbitrates Server/Cloud.
struct QuoteConflicts {
    taxo::test::TempDir dir;
    taxo::ui::ProjectSession session;
    std::map<std::string, CategoryId> ids;
    lb::Quote annQuote, boQuote, annSecond, boSecond;

    QuoteConflicts() {
        REQUIRE(
            session
                .create(QString::fromStdString(dir.file("quotes.taxo")), QStringLiteral("quotes"))
                .isEmpty());
        auto& db = this->db();
        taxo::test::StudyBuilder study(db);
        std::vector<taxo::corpus::PostEntry> posts = {
            {"stackoverflow", "501", "Export for serving",
             "<p>How can I export the model for serving? The signature is missing.</p>"},
            {"stackoverflow", "502", "Quantized model",
             "<p>The quantized model is slower. Which format should I use?</p>"}};
        REQUIRE(study.posts(posts) == std::vector<std::int64_t>{1, 2});
        REQUIRE(study.set("Server", "Server/Cloud", {1, 2}, "t") == 1);
        using taxo::people::Role;
        study.role("Ann", Role::Coder)
            .role("Bo", Role::Coder)
            .role("Cy", Role::Arbitrator, "Server/Cloud");
        REQUIRE(study.round({"reliability",
                             taxo::rounds::RoundKind::Reliability,
                             {},
                             {},
                             "t",
                             {1, 2},
                             {1, 2}}) == 1);
        taxo::test::seedCodebook(db, ids);
        annQuote = quote(1, "How can I export the model for serving", "Procedure");
        boQuote = quote(1, "The signature is missing", "Format");
        annSecond = quote(2, "The quantized model is slower", "Procedure");
        boSecond = quote(2, "Which format should I use", "Format");
        label(1, kAnn, "Procedure", annQuote);
        label(1, kBo, "Format", boQuote);
        label(2, kAnn, "Procedure", annSecond);
        label(2, kBo, "Format", boSecond);
    }

    lb::Quote quote(std::int64_t post, std::string_view text, const std::string& category) {
        auto loaded = taxo::corpus::loadPost(db(), post);
        REQUIRE(loaded.ok());
        auto located = taxo::corpus::locatePassage(taxo::corpus::postParts(*loaded), text, 0.0);
        REQUIRE(located.ok());
        return lb::quoteOfPassage(*located, ids.at(category));
    }

    void label(std::int64_t post, std::int64_t coder, const std::string& leaf,
               const lb::Quote& quote) {
        lb::LabelContent content;
        content.categories = {ids.at(leaf)};
        content.quotes = {quote};
        taxo::test::StudyBuilder(db()).label({1, post, coder}, content);
    }

    taxo::sql::Database& db() { return session.project()->db(); }

    std::optional<taxo::arbitration::Decision> decision(std::int64_t post) {
        auto found = taxo::arbitration::loadDecision(db(), post);
        REQUIRE(found.ok());
        return *found;
    }
};

// The list's tick marks, in its order.
std::vector<bool> ticks(ArbitrationPage& page) {
    std::vector<bool> checked;
    for (int row = 0; row < page.quotesList()->count(); ++row)
        checked.push_back(page.quotesList()->item(row)->checkState() == Qt::Checked);
    return checked;
}

} // namespace

TEST_CASE("the arbitrator sees the coders' quotes and keeps some in the decision",
          "[gui][arbitration][quotes]") {
    QuoteConflicts study;
    ArbitrationPage page(&study.session);
    page.resize(1400, 900);
    page.show();
    QApplication::setActiveWindow(&page);
    REQUIRE(QTest::qWaitForWindowActive(&page));
    page.refresh();
    REQUIRE(page.choosePerson(QStringLiteral("Cy")));
    REQUIRE(page.currentPostId() == 1);

    // Each coder's quote under their label.
    CHECK(page.coderText(0).contains(QStringLiteral("“How can I export the model for serving”")));
    CHECK_FALSE(page.coderText(0).contains(QStringLiteral("signature")));
    CHECK(page.coderText(1).contains(QStringLiteral("“The signature is missing”")));
    REQUIRE(page.quotesList()->count() == 2);
    CHECK(page.quotesList()->item(0)->text().startsWith(QStringLiteral("A · ")));
    CHECK(page.quotesList()->item(1)->text().startsWith(QStringLiteral("B · ")));
    CHECK(ticks(page) == std::vector<bool>{false, false});

    // Take A takes Ann's label and her quote; Take B Bo's; Take both both.
    QTest::keyClick(page.queueView(), Qt::Key_1, Qt::ControlModifier);
    CHECK(ticks(page) == std::vector<bool>{true, false});
    CHECK(page.keptQuotes() == std::vector<lb::KeptQuote>{{study.annQuote, kAnn}});
    QTest::keyClick(page.queueView(), Qt::Key_2, Qt::ControlModifier);
    CHECK(ticks(page) == std::vector<bool>{false, true});
    QTest::keyClick(page.queueView(), Qt::Key_3, Qt::ControlModifier);
    CHECK(ticks(page) == std::vector<bool>{true, true});
    CHECK(page.keptQuotes().size() == 2);

    // The arbitrator drops Bo's quote by hand and decides.
    page.quotesList()->item(1)->setCheckState(Qt::Unchecked);
    CHECK(page.keptQuotes() == std::vector<lb::KeptQuote>{{study.annQuote, kAnn}});
    page.rationaleEdit()->setFocus();
    QTest::keyClicks(page.rationaleEdit(), QStringLiteral("Both, as Ann quoted it"));
    REQUIRE(page.decideCurrent());
    REQUIRE(study.decision(1).has_value());
    CHECK(study.decision(1)->content.quotes == std::vector<lb::KeptQuote>{{study.annQuote, kAnn}});

    // Undo takes the decision and its quote back; redo restores both.
    page.undoStack()->undo();
    CHECK_FALSE(study.decision(1).has_value());
    CHECK(taxo::test::dumpTable(study.db(), "decision_quotes").empty());
    page.undoStack()->redo();
    REQUIRE(study.decision(1).has_value());
    CHECK(study.decision(1)->content.quotes == std::vector<lb::KeptQuote>{{study.annQuote, kAnn}});

    // Post 2: its text changed since it was quoted: both quotes are flagged.
    REQUIRE(taxo::sql::runBound(study.db(), "UPDATE posts SET body = ? WHERE id = 2",
                                "<p>The model is slower now. Which format?</p>")
                .ok());
    page.refresh();
    REQUIRE(page.currentPostId() == 2);
    CHECK(page.coderText(0).contains(QStringLiteral("changed since it was quoted")));
    CHECK(
        page.quotesList()->item(1)->text().contains(QStringLiteral("changed since it was quoted")));

    // Bo's quote is for Format, which Take A's decision does not hold: ticked by hand, it
    // is not kept (the list greys it) until Format is ticked too.
    QTest::keyClick(page.queueView(), Qt::Key_1, Qt::ControlModifier);
    page.quotesList()->item(1)->setCheckState(Qt::Checked);
    CHECK(page.keptQuotes() == std::vector<lb::KeptQuote>{{study.annSecond, kAnn}});
    CHECK(page.quotesList()->item(1)->toolTip().contains(QStringLiteral("not in the decision")));
    page.rationaleEdit()->setFocus();
    QTest::keyClicks(page.rationaleEdit(), QStringLiteral("Ann"));
    REQUIRE(page.decideCurrent());
    CHECK(study.decision(2)->content.quotes == std::vector<lb::KeptQuote>{{study.annSecond, kAnn}});
}
