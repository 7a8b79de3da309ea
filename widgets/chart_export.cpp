#include "chart_export.h"

#include <QChartView>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

namespace btsf::gui {
namespace {
// Renders at the view's on-screen size; PNG at twice the pixels so that a
// figure dropped into a paper stays sharp.
QString write_chart(QChartView* view, const QString& path, const QString& suffix)
{
    const QSize size = view->size().isEmpty() ? QSize(800, 500) : view->size();
    if (suffix == "png") {
        QImage image(size * 2, QImage::Format_ARGB32);
        image.fill(Qt::white);
        image.setDevicePixelRatio(2.0);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        view->render(&painter, QRectF(QPointF(0, 0), QSizeF(size)));
        painter.end();
        return image.save(path, "PNG") ? QString() : QStringLiteral("cannot write PNG");
    }
    if (suffix == "svg") {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(view->chart() ? view->chart()->title() : QString());
        QPainter painter;
        if (!painter.begin(&svg)) return QStringLiteral("cannot write SVG");
        view->render(&painter, QRectF(QPointF(0, 0), QSizeF(size)));
        painter.end();
        return {};
    }
    if (suffix == "pdf") {
        QPdfWriter pdf(path);
        pdf.setPageSize(QPageSize(QSizeF(size), QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setResolution(72);  // one point per pixel: the page is the view's size
        QPainter painter;
        if (!painter.begin(&pdf)) return QStringLiteral("cannot write PDF");
        view->render(&painter, QRectF(QPointF(0, 0), QSizeF(size)));
        painter.end();
        return {};
    }
    return QStringLiteral("unknown format '%1' (use .png, .svg or .pdf)").arg(suffix);
}
}  // namespace

QString export_chart(QChartView* view, const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QString temp = path + ".part." + suffix;
    QString error = write_chart(view, temp, suffix);
    if (error.isEmpty() && !QFileInfo(temp).exists()) error = QStringLiteral("nothing was written");
    if (error.isEmpty()) {
        QFile::remove(path);
        if (!QFile::rename(temp, path)) error = QStringLiteral("cannot replace the file");
    }
    QFile::remove(temp);
    return error.isEmpty() ? QString() : path + ": " + error;
}

QString chart_export_filter()
{
    return QStringLiteral("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)");
}

}  // namespace btsf::gui
