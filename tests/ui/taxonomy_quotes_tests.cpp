// The Taxonomy page's quotes on the demo project: selecting a category lists its final
// quotes as core's quote bank has them, Ctrl+Shift+C copies one as a citation, and a
// quote whose post changed is flagged after a refresh.

#include "core/demo/demo_project.h"
#include "core/project/project.h"
#include "core/results/quote_bank.h"
#include "scripted_dialogs.h"
#include "tests/support/test_support.h"
#include "ui/results/quote_list_model.h"
#include "ui/results/taxonomy_model.h"
#include "ui/results/taxonomy_page.h"
#include "ui/session/project_session.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTest>
#include <QTreeView>
#include <catch2/catch.hpp>

using taxo::ui::QuoteListModel;
using taxo::ui::TaxonomyPage;

namespace {

const QStringList kProcedure = {QStringLiteral("Server/Cloud"), QStringLiteral("Model Export"),
                                QStringLiteral("Export procedure")};

// The core quote bank's quotes of a category, by path.
std::vector<taxo::results::BankQuote> coreQuotes(const std::string& path,
                                                 const QStringList& category) {
    auto project = taxo::Project::open(path, taxo::Project::Access::ReadOnly);
    REQUIRE(project.ok());
    taxo::results::ResultsOptions options;
    options.allowUnresolved = true;
    auto bank = taxo::results::computeQuoteBank(project->db(), options);
    REQUIRE(bank.ok());
    for (const auto& entry : bank->categories) {
        QStringList names;
        for (const auto& name : bank->results.categories[entry.category].path)
            names << QString::fromStdString(name);
        if (names == category)
            return entry.quotes;
    }
    FAIL("no category " << category.join(QStringLiteral(" > ")).toStdString());
    return {};
}

void select(TaxonomyPage* page, const QStringList& path) {
    const QModelIndex index = page->model()->indexOfPath(path);
    REQUIRE(index.isValid());
    page->tree()->setCurrentIndex(page->sortModel()->mapFromSource(index));
}

} // namespace

TEST_CASE("the Taxonomy page lists a category's quotes and copies one as a citation",
          "[gui][taxonomy][quotes]") {
    QSettings().clear();
    taxo::test::TempDir dir;
    const auto path = dir.file("demo.taxo");
    REQUIRE(taxo::demo::createDemoProject(path).ok());
    const auto expected = coreQuotes(path, kProcedure);
    REQUIRE(expected.size() >= 3);

    // The page on its own: the whole window on the demo is the end-to-end tests' part.
    taxo::ui::ProjectSession session;
    REQUIRE(session.open(QString::fromStdString(path)).isEmpty());
    taxo::test::ScriptedDialogs dialogs;
    TaxonomyPage view(&session, dialogs);
    auto* page = &view;
    page->resize(1400, 900);
    page->show();
    QApplication::setActiveWindow(page);
    REQUIRE(QTest::qWaitForWindowActive(page));
    page->refresh();
    QAbstractItemModelTester tester(page->quoteModel(),
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);

    // Nothing selected: no quotes, nothing to copy.
    CHECK(page->quoteModel()->rowCount() == 0);
    CHECK_FALSE(page->copyCitationAction()->isEnabled());

    select(page, kProcedure);
    auto* model = page->quoteModel();
    REQUIRE(model->rowCount() == static_cast<int>(expected.size()));
    CHECK(page->quotesTitle()->text().contains(QStringLiteral("Export procedure")));
    for (int row = 0; row < model->rowCount(); ++row) {
        const auto& quote = expected[static_cast<std::size_t>(row)];
        CHECK(model->index(row, QuoteListModel::QuoteColumn).data().toString() ==
              QString::fromStdString(quote.quote.quote.text));
        CHECK(model->index(row, QuoteListModel::PostColumn).data().toString() ==
              QStringLiteral("post %1 \u2014 %2")
                  .arg(QString::fromStdString(quote.post.sourceId),
                       QString::fromStdString(quote.title)));
        CHECK(model->index(row, QuoteListModel::FlagColumn).data().toString().isEmpty());
    }
    // The demo's first quote of the leaf: Ann and Bo quoted the same sentence.
    CHECK(model->index(0, QuoteListModel::QuotedByColumn).data().toString() ==
          QStringLiteral("Ann, Bo"));

    // Ctrl+Shift+C from the list copies the selected quote as a citation.
    QApplication::clipboard()->clear();
    page->quoteView()->setFocus();
    page->quoteView()->setCurrentIndex(model->index(1, 0));
    CHECK(page->copyCitationAction()->isEnabled());
    QTest::keyClick(page->quoteView(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    const QString citation = QApplication::clipboard()->text();
    CHECK(citation == QString::fromStdString(taxo::results::quoteCitation(expected[1])));
    CHECK(citation.startsWith(QStringLiteral("\u201c") +
                              QString::fromStdString(expected[1].quote.quote.text) +
                              QStringLiteral("\u201d (post ")));

    // The post's text changes (a later import): after the refresh the category is still
    // selected and its quote is flagged, its text kept.
    const auto changed = expected[0];
    REQUIRE(session.project()
                ->db()
                .exec("UPDATE posts SET body = '<p>Rewritten.</p>', title = 'Rewritten' WHERE "
                      "id = " +
                      std::to_string(changed.post.postId))
                .ok());
    session.notifyDataChanged();
    page->refresh(); // the window refreshes the page shown; here the test does
    REQUIRE(model->rowCount() == static_cast<int>(expected.size()));
    CHECK(model->index(0, QuoteListModel::QuoteColumn).data().toString() ==
          QString::fromStdString(changed.quote.quote.text));
    CHECK(model->index(0, QuoteListModel::FlagColumn).data().toString() ==
          QStringLiteral("changed"));
    CHECK(model->index(0, QuoteListModel::FlagColumn)
              .data(Qt::ToolTipRole)
              .toString()
              .contains(QStringLiteral("changed since it was quoted")));
    CHECK(model->index(0, 0).data(QuoteListModel::FlaggedRole).toBool());
}
