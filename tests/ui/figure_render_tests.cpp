// The figure rendered through Qt: PNG at the asked dpi, PDF at the figure's
// size, and `taxo export --format png|pdf` through the renderer hook.

#define CATCH_CONFIG_RUNNER
#include "core/results/figure_svg.h"
#include "tests/core/study_counts.h"
#include "tests/support/study_builder.h"
#include "ui/results/figure_render.h"

#include <QGuiApplication>
#include <QImage>
#include <catch2/catch.hpp>
#include <filesystem>

using namespace taxo;
using namespace taxo::test;

namespace {

QByteArray studyFigure(const TempDir& dir) {
    auto project = makeProject(dir);
    buildStudyCounts(project.db());
    auto computed = results::computeResults(project.db());
    REQUIRE(computed.ok());
    return QByteArray::fromStdString(results::figureSvg(*computed));
}

} // namespace

TEST_CASE("The figure renders to PNG at 300 dpi, A4 text width", "[render]") {
    TempDir dir;
    const auto svg = studyFigure(dir);
    const QSizeF mm = ui::figureSizeMm(svg);
    CHECK(mm.width() == Approx(210.0));
    CHECK(mm.height() > 100.0);
    const QByteArray png = ui::renderPng(svg, 300);
    REQUIRE_FALSE(png.isEmpty());
    QImage image;
    REQUIRE(image.loadFromData(png, "PNG"));
    CHECK(image.width() == 2480); // 210 mm at 300 dpi
    CHECK(image.height() == qRound(mm.height() / 25.4 * 300));
    CHECK(image.dotsPerMeterX() == 11811);
    CHECK(image.dotsPerMeterY() == 11811);
    // Not a blank page: some pixels are dark (text and frames).
    int dark = 0;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            dark += qGray(image.pixel(x, y)) < 100 ? 1 : 0;
    CHECK(dark > 100);
}

TEST_CASE("The figure renders to a PDF page of its own size", "[render]") {
    TempDir dir;
    const QByteArray pdf = ui::renderPdf(studyFigure(dir), 300);
    REQUIRE(pdf.size() > 1000);
    CHECK(pdf.startsWith("%PDF-"));
    CHECK(pdf.contains("/MediaBox"));
    CHECK(ui::renderPdf(QByteArray("<svg"), 300).isEmpty());
    CHECK(ui::renderPng(QByteArray("not svg"), 300).isEmpty());
}

TEST_CASE("taxo export renders png and pdf through the renderer it is given", "[render]") {
    TempDir dir;
    const auto path = dir.file("study.taxo");
    {
        auto project = makeProject(dir);
        buildStudyCounts(project.db());
    }
    const auto png =
        runCli({"export", path, "--format", "png", "--out", dir.file("f.png"), "--dpi", "150"},
               &ui::renderFigure);
    CHECK(png.code == 0);
    QImage image;
    REQUIRE(image.load(QString::fromStdString(dir.file("f.png"))));
    CHECK(image.width() == 1240);
    const auto pdf =
        runCli({"export", path, "--format", "pdf", "--out", dir.file("f.pdf")}, &ui::renderFigure);
    CHECK(pdf.code == 0);
    CHECK(std::filesystem::file_size(dir.file("f.pdf")) > 1000);
}

// Not run by default: regenerates docs/images/taxonomy-figure.png
// (taxonomist_render_tests "[.docs]" with TAXO_DOCS_FIGURE=path/to.png).
TEST_CASE("Write the documentation's figure", "[.docs]") {
    const QByteArray out = qgetenv("TAXO_DOCS_FIGURE");
    REQUIRE_FALSE(out.isEmpty());
    TempDir dir;
    const auto path = dir.file("study.taxo");
    {
        auto project = makeProject(dir);
        buildStudyCounts(project.db());
    }
    const auto png = runCli(
        {"export", path, "--format", "png", "--out", out.toStdString(), "--dpi", "150", "--force"},
        &ui::renderFigure);
    CHECK(png.code == 0);
}

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    return Catch::Session().run(argc, argv);
}
