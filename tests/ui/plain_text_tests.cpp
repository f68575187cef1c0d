// Text from data is shown as plain text: a title like <img src="…"> shows literally
// in tooltips, labels and dialogs, and no document ever asks for the file it names.

#include "labeling_study.h"
#include "scripted_dialogs.h"
#include "tests/core/study_fixture.h"
#include "ui/app/main_window.h"
#include "ui/codebook/codebook_page.h"
#include "ui/corpus/corpus_page.h"
#include "ui/labeling/labeling_page.h"
#include "ui/session/project_session.h"
#include "ui/support/dialogs.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QHeaderView>
#include <QHelpEvent>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QSettings>
#include <QStandardItem>
#include <QTableView>
#include <QTest>
#include <QTextDocument>
#include <QTimer>
#include <QToolTip>
#include <QTreeView>
#include <catch2/catch.hpp>

namespace {

const QString kProbe = QStringLiteral("<img src=\"/nonexistent/taxo-probe.png\">");

// Counts every resource any text document asks for that names the probe: a label or
// tooltip rendering the title as HTML asks before it opens the file.
struct ProbeCounter {
    int requests = 0;
    ProbeCounter() {
        QTextDocument::setDefaultResourceProvider([this](const QUrl& url) {
            if (url.toString().contains(QStringLiteral("taxo-probe")))
                ++requests;
            return QVariant();
        });
    }
    ~ProbeCounter() { QTextDocument::setDefaultResourceProvider({}); }
};

QWidget* shownToolTip() {
    for (QWidget* widget : QApplication::topLevelWidgets())
        if (widget->inherits("QTipLabel") && widget->isVisible())
            return widget;
    return nullptr;
}

// Hovers `viewport` at `pos` and returns the text the tooltip shows, after it painted.
std::string hover(QWidget* viewport, const QPoint& pos) {
    QToolTip::hideText();
    QHelpEvent event(QEvent::ToolTip, pos, viewport->mapToGlobal(pos));
    QApplication::sendEvent(viewport, &event);
    QWidget* tip = shownToolTip();
    REQUIRE(tip != nullptr);
    tip->grab(); // lays out and paints the tooltip's text, images included
    auto* label = qobject_cast<QLabel*>(tip);
    REQUIRE(label != nullptr);
    QTextDocument shown;
    if (label->textFormat() == Qt::PlainText)
        shown.setPlainText(label->text());
    else
        shown.setHtml(label->text());
    return shown.toPlainText().toStdString();
}

std::string hoverIndex(QAbstractItemView* view, const QModelIndex& index) {
    REQUIRE(index.isValid());
    view->scrollTo(index);
    return hover(view->viewport(), view->visualRect(index).center());
}

} // namespace

TEST_CASE("titles and names that look like HTML show literally and load nothing",
          "[gui][security][plaintext]") {
    QSettings().clear();
    ProbeCounter probe;
    taxo::test::LabelingProject project(4);
    {
        taxo::ui::ProjectSession session;
        REQUIRE(session.open(QString::fromStdString(project.path)).isEmpty());
        auto& db = session.project()->db();
        taxo::test::sqlOrFail(db, "UPDATE posts SET title = '" + kProbe.toStdString() +
                                      " question' WHERE id = 101;"
                                      "UPDATE categories SET description = '" +
                                      kProbe.toStdString() + " format' WHERE name = 'Format';");
    }
    auto dialogs = std::make_shared<taxo::test::ScriptedDialogs>();
    taxo::ui::MainWindow window(dialogs);
    window.resize(1300, 850);
    window.show();
    REQUIRE(window.openProject(QString::fromStdString(project.path)));

    SECTION("the Corpus page's title tooltip") {
        REQUIRE(window.showPageByTitle(QStringLiteral("Corpus")));
        auto* page = dynamic_cast<taxo::ui::CorpusPage*>(window.currentPage());
        REQUIRE(page != nullptr);
        auto* model = page->table()->model();
        QModelIndex title;
        for (int row = 0; row < model->rowCount(); ++row)
            for (int column = 0; column < model->columnCount(); ++column) {
                const auto index = model->index(row, column);
                if (index.data(Qt::ToolTipRole).toString().contains(QStringLiteral("taxo-probe")))
                    title = index;
            }
        CHECK(hoverIndex(page->table(), title) ==
              QString(kProbe + QStringLiteral(" question")).toStdString());
    }
    SECTION("the category tree's description tooltips") {
        REQUIRE(window.showPageByTitle(QStringLiteral("Codebook")));
        auto* page = dynamic_cast<taxo::ui::CodebookPage*>(window.currentPage());
        REQUIRE(page != nullptr);
        page->selectCategory(project.id("Format"));
        const QModelIndex format = page->view()->currentIndex();
        CHECK_THAT(hoverIndex(page->view(), format),
                   Catch::Contains(QString(kProbe + QStringLiteral(" format")).toStdString()));

        REQUIRE(window.showPageByTitle(QStringLiteral("Coding")));
        auto* coding = dynamic_cast<taxo::ui::LabelingPage*>(window.currentPage());
        REQUIRE(coding != nullptr);
        REQUIRE(coding->chooseAssignment(taxo::test::kLongRound, taxo::test::kAnnId));
        QTreeView* tree = coding->categoryTree();
        auto* item = coding->categoryItem(project.id("Format"));
        REQUIRE(item != nullptr);
        CHECK(hover(tree->viewport(), tree->visualRect(item->index()).center()) ==
              QString(kProbe + QStringLiteral(" format")).toStdString());
    }
    SECTION("every label of every page") {
        for (int i = 0; i < 10; ++i) {
            window.showPage(i);
            window.grab();
        }
        for (QLabel* label : window.findChildren<QLabel*>())
            if (label->text().contains(QStringLiteral("taxo-probe")))
                CHECK(label->textFormat() == Qt::PlainText);
    }
    CHECK(probe.requests == 0);
}

TEST_CASE("the system dialogs show their messages as plain text", "[gui][security][plaintext]") {
    ProbeCounter probe;
    taxo::ui::SystemDialogs dialogs;
    QWidget parent;
    const QString message = QStringLiteral("Package refused: category ") + kProbe;
    QString shown;
    // Each dialog is read, painted and closed as soon as it is up.
    auto readAndClose = [&] {
        QTimer::singleShot(0, [&] {
            QWidget* box = QApplication::activeModalWidget();
            if (!box) {
                FAIL_CHECK("no dialog is up");
                return;
            }
            box->grab();
            for (QLabel* label : box->findChildren<QLabel*>())
                if (label->text().contains(QStringLiteral("taxo-probe"))) {
                    CHECK(label->textFormat() == Qt::PlainText);
                    shown = label->text();
                }
            if (auto* dialog = qobject_cast<QDialog*>(box))
                dialog->reject();
        });
    };
    readAndClose();
    dialogs.showError(&parent, QStringLiteral("Package refused"), message);
    CHECK(shown == message);
    shown.clear();
    readAndClose();
    dialogs.showInformation(&parent, QStringLiteral("Imported"), message);
    CHECK(shown == message);
    shown.clear();
    readAndClose();
    CHECK_FALSE(dialogs.confirm(&parent, QStringLiteral("Draw"), message, QStringLiteral("Draw")));
    CHECK(shown == message);
    shown.clear();
    readAndClose();
    CHECK(dialogs.chooseItem(&parent, QStringLiteral("Choose"), message, {kProbe}) == -1);
    CHECK(shown == message);
    CHECK(probe.requests == 0);
}
