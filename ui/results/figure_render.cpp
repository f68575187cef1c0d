#include "ui/results/figure_render.h"

#include "core/util/files.h"

#include <QBuffer>
#include <QGuiApplication>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgRenderer>
#include <memory>

namespace taxo::ui {

QSizeF figureSizeMm(const QByteArray& svg) {
    QSvgRenderer renderer(svg);
    const QRectF box = renderer.viewBoxF();
    if (!renderer.isValid() || box.width() <= 0 || box.height() <= 0)
        return {};
    // core writes width="210mm": the A4 text width the figure is laid out for.
    const double widthMm = 210.0;
    return {widthMm, widthMm * box.height() / box.width()};
}

QByteArray renderPng(const QByteArray& svg, int dpi) {
    QSvgRenderer renderer(svg);
    const QSizeF mm = figureSizeMm(svg);
    if (!renderer.isValid() || mm.isEmpty() || dpi <= 0)
        return {};
    const QSize pixels(qRound(mm.width() / 25.4 * dpi), qRound(mm.height() / 25.4 * dpi));
    QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    const int dotsPerMeter = qRound(dpi / 0.0254);
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        renderer.render(&painter, QRectF(QPointF(0, 0), QSizeF(pixels)));
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG"))
        return {};
    return bytes;
}

QByteArray renderPdf(const QByteArray& svg, int dpi) {
    QSvgRenderer renderer(svg);
    const QSizeF mm = figureSizeMm(svg);
    if (!renderer.isValid() || mm.isEmpty() || dpi <= 0)
        return {};
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setResolution(dpi);
        writer.setCreator(QStringLiteral("Taxonomist"));
        writer.setPageLayout(QPageLayout(QPageSize(mm, QPageSize::Millimeter),
                                         QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
        QPainter painter(&writer);
        if (!painter.isActive())
            return {};
        renderer.render(&painter, QRectF(0, 0, writer.width(), writer.height()));
    }
    return bytes;
}

Status renderFigure(const std::string& svg, results::RasterFormat format, const std::string& path,
                    int dpi) {
    // Text needs a QGuiApplication (the font database); the command line has
    // none, so one is made for the call, without a display.
    std::unique_ptr<QGuiApplication> app;
    static int argc = 1;
    static char name[] = "taxo";
    static char* argv[] = {name, nullptr};
    if (!QCoreApplication::instance()) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    }
    const QByteArray bytes = QByteArray::fromStdString(svg);
    const QByteArray out =
        format == results::RasterFormat::Png ? renderPng(bytes, dpi) : renderPdf(bytes, dpi);
    if (out.isEmpty())
        return makeError("could not render the figure to " +
                         std::string(format == results::RasterFormat::Png ? "PNG" : "PDF"));
    return files::writeAtomically(
        path, std::string_view(out.constData(), static_cast<std::size_t>(out.size())));
}

} // namespace taxo::ui
