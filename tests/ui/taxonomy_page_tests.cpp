// The Taxonomy page on a study built in the test: the tree shows core's numbers,
// sorts them as numbers, every export writes what `taxo export` writes, and the
// unresolved guard asks first and writes nothing when declined.

#include "core/project/project.h"
#include "core/results/results_files.h"
#include "core/results/taxonomy_results.h"
#include "scripted_dialogs.h"
#include "tests/support/study_builder.h"
#include "tests/support/test_support.h"
#include "ui/app/main_window.h"
#include "ui/results/figure_preview.h"
#include "ui/results/taxonomy_model.h"
#include "ui/results/taxonomy_page.h"
#include "ui/session/project_session.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSvgRenderer>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>
#include <QXmlStreamReader>
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>

using taxo::ui::MainWindow;
using taxo::ui::TaxonomyModel;
using taxo::ui::TaxonomyPage;

namespace {

TaxonomyPage* openTaxonomyPage(MainWindow& window) {
    REQUIRE(window.showPageByTitle(QStringLiteral("Taxonomy")));
    auto* page = dynamic_cast<TaxonomyPage*>(window.currentPage());
    REQUIRE(page != nullptr);
    return page;
}

taxo::results::TaxonomyResults coreResults(const std::string& path) {
    auto project = taxo::Project::open(path, taxo::Project::Access::ReadOnly);
    REQUIRE(project.ok());
    taxo::results::ResultsOptions options;
    options.allowUnresolved = true;
    auto computed = taxo::results::computeResults(project->db(), options);
    REQUIRE(computed.ok());
    return *computed;
}

QString cell(const QAbstractItemModel& model, const QStringList& path, int column) {
    const auto* taxonomy = dynamic_cast<const TaxonomyModel*>(&model);
    REQUIRE(taxonomy != nullptr);
    const QModelIndex index = taxonomy->indexOfPath(path, column);
    INFO(path.join(QStringLiteral(" > ")).toStdString());
    REQUIRE(index.isValid());
    return index.data().toString();
}

QByteArray readBytes(const QString& path) {
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    return file.readAll();
}

// Every name in the order the proxy shows the children of `parent`.
QStringList childNames(const QAbstractItemModel& model, const QModelIndex& parent) {
    QStringList names;
    for (int row = 0; row < model.rowCount(parent); ++row)
        names << model.index(row, TaxonomyModel::NameColumn, parent).data().toString();
    return names;
}

} // namespace

TEST_CASE("the taxonomy model mirrors core's tree and passes the model tester", "[gui][taxonomy]") {
    taxo::test::TempDir dir;
    const auto path = dir.file("study.taxo");
    taxo::test::makeResultsStudy(path);
    const auto results = coreResults(path);

    TaxonomyModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setResults(results);
    CHECK(model.rowCount() == 2);
    CHECK(model.columnCount() == TaxonomyModel::ColumnCount);

    // Every category: the same count, percentage (one decimal) and depth as core.
    int seen = 0;
    for (const auto& c : results.categories) {
        QStringList names;
        for (const auto& part : c.path)
            names << QString::fromStdString(part);
        const QModelIndex name = model.indexOfPath(names);
        INFO(names.join(QStringLiteral(" > ")).toStdString());
        REQUIRE(name.isValid());
        CHECK(name.data().toString() == QString::fromStdString(c.category.name));
        CHECK(name.siblingAtColumn(TaxonomyModel::PostsColumn).data().toString() ==
              QString::number(c.count));
        CHECK(name.siblingAtColumn(TaxonomyModel::PercentColumn).data().toString().toStdString() ==
              taxo::results::formatPercent(c));
        CHECK(name.data(TaxonomyModel::AddedInArbitrationRole).toBool() == c.addedInArbitration);
        CHECK((model.rowCount(name) > 0) == !c.isLeaf);
        int depth = 0;
        for (QModelIndex up = name.parent(); up.isValid(); up = up.parent())
            ++depth;
        CHECK(depth == c.depth);
        ++seen;
    }
    CHECK(seen == 10);

    // The numbers of the hand-built study, worked out by hand.
    CHECK(cell(model, {QStringLiteral("Server/Cloud")}, TaxonomyModel::PostsColumn) ==
          QStringLiteral("6"));
    CHECK(cell(model, {QStringLiteral("Server/Cloud"), QStringLiteral("Model Export")},
               TaxonomyModel::PostsColumn) == QStringLiteral("4")); // so:2 counts once
    CHECK(cell(model, {QStringLiteral("Server/Cloud"), QStringLiteral("Model Export")},
               TaxonomyModel::PercentColumn) == QStringLiteral("66.7"));
    CHECK(cell(model,
               {QStringLiteral("Server/Cloud"), QStringLiteral("Model Export"),
                QStringLiteral("Quantization")},
               TaxonomyModel::PercentColumn) == QStringLiteral("33.3"));
    CHECK(cell(model,
               {QStringLiteral("Mobile"), QStringLiteral("Conversion"), QStringLiteral("Core ML")},
               TaxonomyModel::NoteColumn) == QStringLiteral("added in arbitration"));
    CHECK(cell(model, {QStringLiteral("Mobile"), QStringLiteral("Conversion")},
               TaxonomyModel::NoteColumn)
              .isEmpty());
    const QModelIndex exportIndex =
        model.indexOfPath({QStringLiteral("Server/Cloud"), QStringLiteral("Model Export")},
                          TaxonomyModel::PercentColumn);
    CHECK(exportIndex.data(TaxonomyModel::PercentRole).toDouble() == Approx(400.0 / 6));
    CHECK(exportIndex.data(Qt::ToolTipRole)
              .toString()
              .contains(QStringLiteral("4 of the 6 covered posts of Server/Cloud")));

    // A second load resets cleanly (the tester watches), and an empty one too.
    model.setResults(results);
    model.setResults({});
    CHECK(model.rowCount() == 0);
}

TEST_CASE("the Taxonomy page shows the tree, the summary and the figure, and sorts numbers",
          "[gui][taxonomy]") {
    QSettings().clear();
    taxo::test::TempDir dir;
    const auto path = dir.file("study.taxo");
    taxo::test::makeResultsStudy(path);
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    MainWindow window(dialogs);
    window.resize(1400, 900);
    window.show();
    REQUIRE(window.openProject(QString::fromStdString(path)));
    TaxonomyPage* page = openTaxonomyPage(window);
    QAbstractItemModelTester tester(page->sortModel(),
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);

    CHECK(page->model()->rowCount() == 2);
    CHECK(page->summaryValue(QStringLiteral("sampled"))->text() ==
          QStringLiteral("10 distinct posts (12 draws over the sets' samples)"));
    CHECK(page->summaryValue(QStringLiteral("false_positive"))->text() == QStringLiteral("1"));
    CHECK(page->summaryValue(QStringLiteral("unclear"))->text() == QStringLiteral("1"));
    CHECK(page->summaryValue(QStringLiteral("covered"))
              ->text()
              .startsWith(QStringLiteral("Server/Cloud 6 · Mobile 3; 9 over the roots, 8 distinct "
                                         "posts (1 in two or more roots)")));
    CHECK(page->summaryValue(QStringLiteral("unresolved"))
              ->text()
              .startsWith(QStringLiteral("none")));

    // The page fits a 1280-pixel-wide window beside the navigation: the stacked pages
    // share the widest page's minimum width, so a wide page would squeeze every page.
    CHECK(page->minimumSizeHint().width() <= 1280 - 200);

    // The figure is core's SVG, drawn live, fitted to the width and zoomable.
    auto* preview = page->preview();
    REQUIRE(preview->hasFigure());
    CHECK(preview->fitsWidth());
    const int fitted = preview->figureSize().width();
    CHECK(fitted > 100);
    auto* zoomIn = preview->findChild<QToolButton*>(QStringLiteral("figureZoomIn"));
    REQUIRE(zoomIn != nullptr);
    zoomIn->click();
    CHECK_FALSE(preview->fitsWidth());
    CHECK(preview->figureSize().width() > fitted);
    preview->setFitToWidth(true);
    CHECK(preview->figureSize().width() == fitted);

    // Sorting by % is numeric: under Server/Cloud, Request (33.3) before Model Export
    // (66.7) ascending; "Codebook order" brings the codebook's order back.
    QTreeView* tree = page->tree();
    const QModelIndex serverRow = [&] {
        for (int row = 0; row < page->sortModel()->rowCount(); ++row)
            if (page->sortModel()->index(row, 0).data().toString() ==
                QStringLiteral("Server/Cloud"))
                return page->sortModel()->index(row, 0);
        return QModelIndex();
    }();
    REQUIRE(serverRow.isValid());
    CHECK(childNames(*page->sortModel(), serverRow) ==
          QStringList{QStringLiteral("Model Export"), QStringLiteral("Request")});
    tree->sortByColumn(TaxonomyModel::PercentColumn, Qt::AscendingOrder);
    const QModelIndex sortedServer =
        page->sortModel()
            ->match(page->sortModel()->index(0, 0), Qt::DisplayRole, QStringLiteral("Server/Cloud"))
            .value(0);
    REQUIRE(sortedServer.isValid());
    CHECK(childNames(*page->sortModel(), sortedServer) ==
          QStringList{QStringLiteral("Request"), QStringLiteral("Model Export")});
    // Posts sort as numbers, roots included: Mobile (3) before Server/Cloud (6).
    tree->sortByColumn(TaxonomyModel::PostsColumn, Qt::AscendingOrder);
    CHECK(childNames(*page->sortModel(), {}) ==
          QStringList{QStringLiteral("Mobile"), QStringLiteral("Server/Cloud")});
    page->findChild<QToolButton*>(QStringLiteral("codebookOrder"))->click();
    CHECK(childNames(*page->sortModel(), {}) ==
          QStringList{QStringLiteral("Server/Cloud"), QStringLiteral("Mobile")});

    // A refresh after a change in the project shows the new numbers.
    REQUIRE(window.session()
                ->project()
                ->db()
                .exec("DELETE FROM label_categories WHERE label_id = (SELECT id FROM labels "
                      "WHERE post_id = 4)")
                .ok());
    REQUIRE(window.session()
                ->project()
                ->db()
                .exec("UPDATE labels SET special = 'unclear' WHERE "
                      "post_id = 4")
                .ok());
    window.session()->notifyDataChanged();
    CHECK(cell(*page->model(), {QStringLiteral("Server/Cloud")}, TaxonomyModel::PostsColumn) ==
          QStringLiteral("5"));
    CHECK(page->summaryValue(QStringLiteral("unclear"))->text() == QStringLiteral("2"));
}

TEST_CASE("the Taxonomy page shows the co-occurrence as heat maps beside the figure",
          "[gui][taxonomy]") {
    QSettings().clear();
    taxo::test::TempDir dir;
    const auto path = dir.file("study.taxo");
    taxo::test::makeResultsStudy(path);
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    MainWindow window(dialogs);
    window.resize(1400, 900);
    window.show();
    REQUIRE(window.openProject(QString::fromStdString(path)));
    TaxonomyPage* page = openTaxonomyPage(window);

    REQUIRE(page->views()->count() == 2);
    page->views()->setCurrentWidget(page->heatMap());
    CHECK(page->heatMap()->isVisible());
    REQUIRE(page->heatMap()->hasFigure());
    const auto labels = page->heatMap()->findChildren<QLabel*>();
    CHECK(std::any_of(labels.begin(), labels.end(), [](const QLabel* label) {
        return label->text().startsWith(QStringLiteral("<b>Co-occurrence</b>"));
    }));
    CHECK(page->heatMap()->figureSize().width() > 100);
    CHECK(page->minimumSizeHint().width() <= 1280 - 200);

    // New final labels redraw it: so:1 also gets Quantization, so the two leaves of
    // Model Export now share two posts; the SVG saved from the page says so.
    REQUIRE(window.session()
                ->project()
                ->db()
                .exec("INSERT INTO label_categories(label_id, category_id) SELECT l.id, c.id "
                      "FROM labels l, categories c WHERE l.post_id = 1 AND c.name = "
                      "'Quantization'")
                .ok());
    window.session()->notifyDataChanged();
    const auto out = dir.file("heat.svg");
    dialogs->pathsToReturn << QString::fromStdString(out);
    REQUIRE(page->exportButton(QStringLiteral("cooccurrence-svg")) != nullptr);
    page->exportButton(QStringLiteral("cooccurrence-svg"))->click();
    const QByteArray svg = readBytes(QString::fromStdString(out));
    CHECK(svg.contains("Model Export &gt; Procedure \xC3\x97 Server/Cloud &gt; Model Export &gt; "
                       "Quantization: 2 posts"));
    QSvgRenderer renderer(svg);
    CHECK(renderer.isValid());
}

TEST_CASE("every export button writes what taxo export writes", "[gui][taxonomy]") {
    QSettings().clear();
    taxo::test::TempDir dir;
    const auto path = dir.file("study.taxo");
    taxo::test::makeResultsStudy(path);
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    MainWindow window(dialogs);
    window.show();
    REQUIRE(window.openProject(QString::fromStdString(path)));
    TaxonomyPage* page = openTaxonomyPage(window);

    for (const auto& format : taxo::results::resultFormats()) {
        const QString key = QString::fromStdString(format);
        INFO(format);
        const auto out = dir.file("page-" + format);
        dialogs->pathsToReturn << QString::fromStdString(out);
        QPushButton* button = page->exportButton(key);
        REQUIRE(button != nullptr);
        button->click();
        CHECK(dialogs->pathsToReturn.isEmpty());
        REQUIRE(std::filesystem::exists(out));
        CHECK(page->statusLabel()->text().startsWith(QStringLiteral("Wrote ")));
        CHECK_FALSE(page->statusLabel()->property("error").toBool());
        const QByteArray written = readBytes(QString::fromStdString(out));
        if (format == "png" || format == "cooccurrence-png") {
            CHECK(written.startsWith("\x89PNG"));
            continue;
        }
        if (format == "pdf") {
            CHECK(written.startsWith("%PDF"));
            continue;
        }
        // The text formats: byte for byte the command line's file.
        const auto cliOut = dir.file("cli-" + format);
        const auto cli = taxo::test::runCli({"export", path, "--format", format, "--out", cliOut});
        INFO(cli.err);
        REQUIRE(cli.code == 0);
        CHECK(written == readBytes(QString::fromStdString(cliOut)));
    }
    CHECK(dialogs->questions.isEmpty()); // nothing unresolved: no question

    // The SVG is well-formed XML, renders, and names every category.
    const QByteArray svg = readBytes(QString::fromStdString(dir.file("page-svg")));
    QXmlStreamReader xml(svg);
    QString text;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isCharacters())
            text += xml.text();
    }
    CHECK_FALSE(xml.hasError());
    CHECK(QSvgRenderer(svg).isValid());
    for (const auto& c : coreResults(path).categories)
        CHECK(text.contains(QString::fromStdString(c.category.name)));

    // Cancelling the file dialog writes nothing and says nothing.
    page->statusLabel()->clear();
    CHECK_FALSE(page->exportFormat(QStringLiteral("csv")));
    CHECK(page->statusLabel()->text().isEmpty());
}

TEST_CASE("with unresolved posts an export asks first and writes nothing when declined",
          "[gui][taxonomy]") {
    QSettings().clear();
    taxo::test::TempDir dir;
    const auto path = dir.file("study.taxo");
    taxo::test::makeResultsStudy(path, 2);
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    MainWindow window(dialogs);
    window.show();
    REQUIRE(window.openProject(QString::fromStdString(path)));
    TaxonomyPage* page = openTaxonomyPage(window);
    // The page shows the numbers anyway, and counts the unresolved posts.
    CHECK(page->summaryValue(QStringLiteral("unresolved"))
              ->text()
              .startsWith(QStringLiteral("2 posts without a final label")));
    CHECK(cell(*page->model(), {QStringLiteral("Mobile")}, TaxonomyModel::PostsColumn) ==
          QStringLiteral("1"));

    // Declined: no file question, no file.
    const auto declined = dir.file("declined.json");
    dialogs->pathsToReturn << QString::fromStdString(declined);
    dialogs->confirmAnswers << false;
    page->exportButton(QStringLiteral("taxonomy-json"))->click();
    REQUIRE(dialogs->questions.size() == 1);
    CHECK(dialogs->questions.front().contains(QStringLiteral("2 sampled posts")));
    CHECK(dialogs->pathsToReturn.size() == 1); // the file was never asked for
    CHECK_FALSE(std::filesystem::exists(declined));
    CHECK(page->statusLabel()->text().contains(QStringLiteral("Not exported")));
    dialogs->pathsToReturn.clear();

    // Accepted: written as `taxo export --allow-unresolved` writes it, the summary
    // counting the unresolved posts.
    const auto accepted = dir.file("accepted.json");
    dialogs->pathsToReturn << QString::fromStdString(accepted);
    dialogs->confirmAnswers << true;
    REQUIRE(page->exportFormat(QStringLiteral("taxonomy-json")));
    CHECK(dialogs->questions.size() == 2);
    REQUIRE(std::filesystem::exists(accepted));
    const auto cliOut = dir.file("cli.json");
    CHECK(taxo::test::runCli({"export", path, "--format", "taxonomy-json", "--out", cliOut}).code ==
          1);
    REQUIRE(taxo::test::runCli({"export", path, "--format", "taxonomy-json", "--out", cliOut,
                                "--allow-unresolved"})
                .code == 0);
    const QByteArray json = readBytes(QString::fromStdString(accepted));
    CHECK(json == readBytes(QString::fromStdString(cliOut)));
    CHECK(json.contains("\"unresolved\": 2"));

    // The codebook does not depend on labels: no question for it.
    dialogs->pathsToReturn << QString::fromStdString(dir.file("codebook.qdc"));
    REQUIRE(page->exportFormat(QStringLiteral("qdc")));
    CHECK(dialogs->questions.size() == 2);
}
